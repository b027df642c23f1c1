"""How long does /insights take? The permutation tests behind it, on a half-year of check-ins.

Nine factors (six built-in, three own triggers) over 180 nights, with the real number of resamples, against a
baseline in the same process that only computes the with/without means (what an app that shows every
difference would do). Also the one-off cost of importing numpy and scipy in a fresh interpreter.

Run: python bench/bench_insights.py [repeats]
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time as clock
from datetime import date, timedelta

from options import size_argument

from bot.core.checkins import BUILT_IN_FACTORS, Night
from bot.core.insights import insight_report

FACTORS = [*BUILT_IN_FACTORS, "own:1", "own:2", "own:3"]


def _nights(count: int, seed: int) -> list[Night]:
    rng = random.Random(seed)
    first = date(2026, 5, 1)
    nights = []
    for offset in range(count):
        factors = frozenset(factor for factor in FACTORS if rng.random() < 0.35)
        score = min(10, max(0, round(rng.gauss(4, 2) + (2 if "caffeine" in factors else 0))))
        nights.append(Night(first + timedelta(days=offset), score, factors))
    return nights


def _means_only(nights: list[Night]) -> list[float]:
    differences = []
    for factor in FACTORS:
        with_scores = [night.score for night in nights if factor in night.factors]
        without_scores = [night.score for night in nights if factor not in night.factors]
        differences.append(statistics.fmean(with_scores) - statistics.fmean(without_scores))
    return differences


def _median_ms(function: object, repeats: int) -> float:
    assert callable(function)
    times = []
    for _ in range(repeats):
        start = clock.perf_counter()
        function()
        times.append((clock.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(repeats: int) -> None:
    import_ms = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; s=time.perf_counter(); import scipy.stats; print((time.perf_counter()-s)*1000)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"first import of numpy + scipy.stats in a fresh interpreter: {float(import_ms):.0f} ms")
    insight_report(_nights(30, 0), FACTORS)  # warm: imports done, as in a running bot
    print(f"{'nights':>7} {'insights ms':>12} {'means-only ms':>14} {'ratio':>7} {'findings':>9}")
    for count in (30, 90, 180):
        nights = _nights(count, count)
        ours = _median_ms(lambda nights=nights: insight_report(nights, FACTORS), repeats)
        baseline = _median_ms(lambda nights=nights: _means_only(nights), repeats)
        findings = [insight.factor for insight in insight_report(nights, FACTORS).findings]
        print(f"{count:>7} {ours:>12.1f} {baseline:>14.3f} {ours / baseline:>7.0f} {', '.join(findings) or '-':>9}")


if __name__ == "__main__":
    main(size_argument(5, 1, "repeats of each measurement"))
