"""Unit tests of ``bot.core.insights``: a factor is a finding only when chance can hardly explain it."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.checkins import Night, own_factor
from bot.core.insights import (
    ALPHA,
    MIN_CHECKINS,
    MIN_EACH_SIDE,
    Insight,
    InsightReport,
    holm_adjusted,
    insight_report,
)

START = date(2025, 1, 1)


def nights_of(scores: Sequence[int], factors: Sequence[frozenset[str]]) -> list[Night]:
    """Consecutive nights from START with these scores and factors."""
    return [
        Night(START + timedelta(days=day), score, night_factors)
        for day, (score, night_factors) in enumerate(zip(scores, factors, strict=True))
    ]


def caffeine_nights(with_scores: Sequence[int], without_scores: Sequence[int]) -> list[Night]:
    """Nights after caffeine scoring ``with_scores``, then nights without scoring ``without_scores``."""
    caffeine = frozenset({"caffeine"})
    return nights_of(
        [*with_scores, *without_scores], [caffeine] * len(with_scores) + [frozenset()] * len(without_scores)
    )


def test_the_thresholds() -> None:
    assert (MIN_CHECKINS, MIN_EACH_SIDE, ALPHA) == (14, 3, 0.05)


def test_nothing_is_tested_before_enough_checkins() -> None:
    # 13 check-ins with an effect as clear as it gets: still one short.
    report = insight_report(caffeine_nights([9] * 6, [0] * 7), ["caffeine"])
    assert report == InsightReport(checkins=13, needed=1, findings=[], unclear=[], too_few=[])
    assert insight_report([], ["caffeine"]).needed == MIN_CHECKINS


def test_a_factor_needs_three_nights_on_each_side() -> None:
    on = {"caffeine": range(2), "alcohol": range(2, 14), "stretched": range(3)}
    factors = [frozenset(name for name, days in on.items() if day in days) for day in range(14)]
    report = insight_report(nights_of([day % 11 for day in range(14)], factors), [*on, "nicotine", own_factor(7)])
    # caffeine 2 with / 12 without, alcohol 12 / 2, nicotine and the own trigger 0 / 14; stretched 3 / 11 is enough.
    assert (report.checkins, report.needed) == (14, 0)
    assert report.too_few == ["caffeine", "alcohol", "nicotine", "own:7"]
    [tested] = report.findings + report.unclear
    assert (tested.factor, tested.n_with, tested.n_without) == ("stretched", 3, 11)


def test_a_clear_effect_is_a_finding_with_the_hand_computed_numbers() -> None:
    # 10 nights after caffeine scoring 7, 8, 7, 8, …: mean 7.5; 10 without scoring 2, 3, …: mean 2.5.
    report = insight_report(caffeine_nights([7, 8] * 5, [2, 3] * 5), ["caffeine"])
    assert report.unclear == []
    assert report.too_few == []
    [finding] = report.findings
    assert (finding.factor, finding.n_with, finding.n_without) == ("caffeine", 10, 10)
    assert (finding.mean_with, finding.mean_without, finding.difference) == (7.5, 2.5, 5.0)
    # No shuffle of 20 nights separates them as well as the real labels, so the p-value is the smallest a
    # two-sided test with 9999 shuffles can give: 2 × (0 + 1) / (9999 + 1).
    assert finding.p_value == pytest.approx(2 / 10_000)


def test_a_helpful_factor_has_a_negative_difference() -> None:
    stretched = frozenset({"stretched"})
    nights = nights_of([1, 2] * 5 + [6, 7] * 5, [stretched] * 10 + [frozenset()] * 10)
    [finding] = insight_report(nights, ["stretched"]).findings
    assert (finding.mean_with, finding.mean_without, finding.difference) == (1.5, 6.5, -5.0)


def test_the_exact_test_is_used_when_there_are_few_ways_to_shuffle() -> None:
    # 3 nights with scoring 10, 11 without scoring 0: of the C(14, 3) = 364 ways to pick 3 "with" nights only
    # the real one gives a difference of 10, and none gives -10 or less; two-sided doubles the tail: 2 / 364.
    [finding] = insight_report(caffeine_nights([10] * 3, [0] * 11), ["caffeine"]).findings
    assert finding.p_value == pytest.approx(2 / 364)


def test_a_tiny_noisy_difference_is_unclear() -> None:
    with_scores = [2, 5, 3, 6, 4, 7, 3, 5, 4, 6]  # mean 4.5
    without_scores = [3, 6, 2, 5, 4, 7, 4, 5, 3, 5]  # mean 4.4
    report = insight_report(caffeine_nights(with_scores, without_scores), ["caffeine"])
    assert report.findings == []
    [unclear] = report.unclear
    assert unclear.difference == pytest.approx(0.1)
    assert unclear.p_value >= ALPHA


def test_identical_scores_are_no_difference() -> None:
    [unclear] = insight_report(caffeine_nights([4] * 7, [4] * 8), ["caffeine"]).unclear
    assert unclear == Insight("caffeine", 4.0, 4.0, 0.0, 7, 8, 1.0, 1.0)


def test_findings_and_unclear_are_sorted_by_the_size_of_the_difference() -> None:
    # Nights 0-9 score 9, nights 10-19 score 1. Each factor sits on a different mix of them.
    scores = [9] * 10 + [1] * 10
    on = {
        "caffeine": set(range(0, 9)) | {10},  # 9 bad + 1 good vs 1 bad + 9 good: +6.4
        "stretched": set(range(10, 20)),  # the 10 good nights: -8
        "alcohol": {0, 1, 10, 11, 12},  # 2 bad + 3 good vs 8 bad + 7 good: about -1.07
        "nicotine": {0, 1, 2, 10, 11, 12},  # 3 bad + 3 good vs 7 bad + 7 good: 0
    }
    factors = [frozenset(name for name, days in on.items() if day in days) for day in range(20)]
    report = insight_report(nights_of(scores, factors), list(on))
    assert [finding.factor for finding in report.findings] == ["stretched", "caffeine"]
    assert [insight.factor for insight in report.unclear] == ["alcohol", "nicotine"]
    assert [finding.difference for finding in report.findings] == pytest.approx([-8.0, 6.4])


def test_holm_adjustment_by_hand() -> None:
    # Sorted: 0.01 x 3 = 0.03; 0.02 x 2 = 0.04; 0.04 x 1 = 0.04 (never below the one before).
    assert holm_adjusted([0.04, 0.01, 0.02]) == pytest.approx([0.04, 0.03, 0.04])
    assert holm_adjusted([0.5, 0.6]) == pytest.approx([1.0, 1.0])  # capped at 1
    assert holm_adjusted([]) == []


def test_a_difference_that_holds_alone_is_not_a_finding_among_many_factors() -> None:
    """p about 0.02 for one factor is a finding; the same p among three compared factors is not."""
    scores = [9] * 10 + [1] * 10
    caffeine = set(range(0, 8)) | {10, 11}  # 8 bad + 2 good vs 2 bad + 8 good
    alone = insight_report(
        nights_of(scores, [frozenset({"caffeine"} if d in caffeine else ()) for d in range(20)]), ["caffeine"]
    )
    assert [finding.factor for finding in alone.findings] == ["caffeine"]
    noise = {"alcohol": {0, 1, 10, 11, 12}, "nicotine": {0, 1, 2, 10, 11, 12}}
    labels = [
        frozenset({"caffeine"} if d in caffeine else set()) | {name for name, days in noise.items() if d in days}
        for d in range(20)
    ]
    crowded = insight_report(nights_of(scores, labels), ["caffeine", "alcohol", "nicotine"])
    [insight] = [insight for insight in crowded.unclear if insight.factor == "caffeine"]
    assert insight.p_value < ALPHA <= insight.adjusted_p_value


def test_a_trigger_added_later_only_counts_the_nights_it_was_asked_about() -> None:
    # 20 nights; the own trigger exists from night 10 on and was never marked: before that it was not asked.
    scores = [8] * 10 + [2] * 10
    nights = nights_of(scores, [frozenset()] * 20)
    since = {"own:1": nights[10].night}
    report = insight_report(nights, ["own:1"], tracked_since=since)
    assert report.too_few == ["own:1"]  # 0 nights with it, among the 10 it was asked about


def test_the_same_data_always_gives_the_same_report_whatever_the_order() -> None:
    scores = [3, 7, 5, 6, 2, 8, 4, 4, 6, 5, 7, 3, 6, 5, 4, 8, 2, 6]
    factors = [frozenset({"caffeine"} if day % 3 else {"alcohol"}) for day in range(len(scores))]
    nights = nights_of(scores, factors)
    shuffled = nights.copy()
    random.Random(1).shuffle(shuffled)
    report = insight_report(nights, ["caffeine", "alcohol"])
    assert all(0 < insight.p_value < 1 for insight in report.findings + report.unclear)  # not a trivial answer
    assert (
        insight_report(shuffled, ["caffeine", "alcohol"]) == report == insight_report(nights, ["caffeine", "alcohol"])
    )


TRIALS = 300
# Under shuffled data each trial is a finding with probability at most ALPHA (a permutation test is exact or,
# with p = (k + 1) / (B + 1), conservative), so the count of findings is at most Binomial(TRIALS, ALPHA): its
# rate has sd sqrt(0.05 × 0.95 / 300) ≈ 0.0126. Three sd above ALPHA is ≈ 0.088 (26 of 300); a correct test
# exceeds it in ≈ 0.3% of seeds, while a test with a real rate of 12% would stay under it in only ≈ 4%.
FINDING_RATE_BOUND = ALPHA + 3 * math.sqrt(ALPHA * (1 - ALPHA) / TRIALS)


@settings(max_examples=4, deadline=None, derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), top_score=st.integers(min_value=1, max_value=10))
def test_shuffled_data_gives_findings_no_more_often_than_alpha(seed: int, top_score: int) -> None:
    # A low top score makes many ties, which a careless test handles badly. 999 shuffles keep this fast.
    rng = random.Random(seed)
    findings = 0
    for _ in range(TRIALS):
        count = rng.randint(20, 30)
        with_count = rng.randint(MIN_EACH_SIDE, count - MIN_EACH_SIDE)
        labels = [True] * with_count + [False] * (count - with_count)
        rng.shuffle(labels)  # the labels are independent of the scores: there is nothing to find
        scores = [rng.randint(0, top_score) for _ in range(count)]
        nights = nights_of(scores, [frozenset({"caffeine"}) if label else frozenset() for label in labels])
        findings += len(insight_report(nights, ["caffeine"], n_resamples=999).findings)
    assert findings / TRIALS <= FINDING_RATE_BOUND
