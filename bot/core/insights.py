"""Insights that do not lie: a factor is only reported when the data could hardly show its effect by chance.

For each factor of the day before (caffeine, stretching, an own trigger…) the nights are split into those
with the factor and those without, and the mean scores compared. A difference in means alone would turn
noise into advice after a handful of nights, so each difference is checked with a permutation test and only
a difference with p < ``ALPHA`` becomes a finding; the rest are "no clear difference yet". Several factors
are tested at once, so the p-values are Holm-adjusted: on pure noise the chance of even one false finding
among all the factors stays under ``ALPHA``. Nothing is tested
before ``MIN_CHECKINS`` check-ins, nor for a factor with fewer than ``MIN_EACH_SIDE`` nights on either side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from statistics import fmean
from typing import TYPE_CHECKING

from bot.core.checkins import Night

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

MIN_CHECKINS = 14
MIN_EACH_SIDE = 3
ALPHA = 0.05
N_RESAMPLES = 9999


@dataclass(frozen=True)
class Insight:
    """One factor compared: ``difference`` is ``mean_with - mean_without`` (positive = worse nights with it)."""

    factor: str
    mean_with: float
    mean_without: float
    difference: float
    n_with: int
    n_without: int
    p_value: float  # the factor's own permutation p-value
    adjusted_p_value: float  # Holm-adjusted over every factor compared; a finding when below ALPHA


@dataclass(frozen=True)
class InsightReport:
    """What the check-ins show so far.

    ``needed`` is how many more check-ins are needed before anything is tested (0 once there are enough);
    while it is above 0 the three lists are empty. ``findings`` (p < ALPHA) and ``unclear`` are sorted by the
    size of the difference, largest first (ties, and ``too_few``, keep the order the factors were asked in).
    """

    checkins: int
    needed: int
    findings: list[Insight]
    unclear: list[Insight]
    too_few: list[str]


def insight_report(
    nights: Sequence[Night],
    factors: Sequence[str],
    *,
    tracked_since: Mapping[str, date] | None = None,
    n_resamples: int = N_RESAMPLES,
) -> InsightReport:
    """Compare the nights with and without each of ``factors`` (keys as in ``Night.factors``).

    A night counts as "with" a factor when the factor is in its ``factors`` and "without" otherwise; for a
    factor in ``tracked_since`` (a trigger the person added later) only nights from that date count, since
    earlier check-ins never asked about it. The
    result depends only on the data, not on the order of ``nights``: the same check-ins always give the
    same report. ``n_resamples`` is the number of random shuffles when an exact test would need more.
    """
    needed = max(0, MIN_CHECKINS - len(nights))
    if needed:
        return InsightReport(checkins=len(nights), needed=needed, findings=[], unclear=[], too_few=[])
    compared: list[Insight] = []
    too_few: list[str] = []
    for factor in factors:
        since = (tracked_since or {}).get(factor)
        asked = [night for night in nights if since is None or night.night >= since]
        with_scores = sorted(night.score for night in asked if factor in night.factors)
        without_scores = sorted(night.score for night in asked if factor not in night.factors)
        if min(len(with_scores), len(without_scores)) < MIN_EACH_SIDE:
            too_few.append(factor)
            continue
        mean_with, mean_without = fmean(with_scores), fmean(without_scores)
        compared.append(
            Insight(
                factor=factor,
                mean_with=mean_with,
                mean_without=mean_without,
                difference=mean_with - mean_without,
                n_with=len(with_scores),
                n_without=len(without_scores),
                p_value=_permutation_p_value(with_scores, without_scores, n_resamples),
                adjusted_p_value=1.0,  # set below, once every factor has its p-value
            )
        )
    adjusted = holm_adjusted([insight.p_value for insight in compared])
    compared = [replace(insight, adjusted_p_value=value) for insight, value in zip(compared, adjusted, strict=True)]
    compared.sort(key=lambda insight: abs(insight.difference), reverse=True)
    return InsightReport(
        checkins=len(nights),
        needed=0,
        findings=[insight for insight in compared if insight.adjusted_p_value < ALPHA],
        unclear=[insight for insight in compared if insight.adjusted_p_value >= ALPHA],
        too_few=too_few,
    )


def holm_adjusted(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjustment, in the input order: the k-th smallest p-value is multiplied by (m - k + 1),
    and adjusted values never decrease along the sorted order (and never exceed 1)."""
    order = sorted(range(len(p_values)), key=lambda index: p_values[index])
    adjusted = [1.0] * len(p_values)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


def _permutation_p_value(with_scores: list[int], without_scores: list[int], n_resamples: int) -> float:
    """Two-sided p-value of the difference in means; both lists sorted, so the order of nights cannot matter."""
    if len(set(with_scores) | set(without_scores)) == 1:
        return 1.0  # every score the same: no difference, and nothing for the test to shuffle
    # numpy and scipy are imported here, not at the top, because they take about half a second to import and only
    # this function needs them: the bot starts, and every other command runs, without paying for them.
    import numpy as np
    from scipy.stats import permutation_test

    # Seeded from the data itself so that the same check-ins always give the same p-value, even on the
    # random path, and a person never sees a finding come and go between two views of the same data.
    rng = np.random.default_rng([len(with_scores), *with_scores, *without_scores])
    result = permutation_test(
        (np.asarray(with_scores, dtype=float), np.asarray(without_scores, dtype=float)),
        _difference_of_means,
        permutation_type="independent",
        vectorized=True,
        n_resamples=n_resamples,
        alternative="two-sided",
        rng=rng,
    )
    return float(result.pvalue)


def _difference_of_means(
    with_scores: NDArray[np.float64], without_scores: NDArray[np.float64], axis: int
) -> NDArray[np.float64]:
    result: NDArray[np.float64] = with_scores.mean(axis=axis) - without_scores.mean(axis=axis)
    return result
