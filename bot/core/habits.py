"""Habit strength as Loop Habit Tracker computes it, so one missed evening does not wipe weeks of effort.

The strength is an exponential moving average of the daily check-marks (1 = done, 0 = not done), starting
from 0. Each day keeps ``MULTIPLIER`` of yesterday's strength and adds the rest of the weight to today's
check-mark. Loop's multiplier for a habit done ``frequency`` times a day is ``0.5 ** (sqrt(frequency) / 13)``;
ours is daily (frequency 1), so the half-life is 13 days: after 13 missed days the strength has halved, and
13 done days in a row from nothing bring it to one half. A streak counter would drop to zero after one miss;
here one miss multiplies the strength by ``MULTIPLIER`` (about 0.948), so it loses about 5% of its value.
"""

from __future__ import annotations

from collections.abc import Sequence

HALF_LIFE_DAYS = 13
MULTIPLIER = 0.5 ** (1 / HALF_LIFE_DAYS)


def habit_strength_series(checkmarks: Sequence[bool]) -> list[float]:
    """The strength (0..1) after each day, oldest first, for a chart of the habit building up."""
    series: list[float] = []
    score = 0.0
    for done in checkmarks:
        score = score * MULTIPLIER + (1 - MULTIPLIER) * done
        series.append(score)
    return series


def habit_strength(checkmarks: Sequence[bool]) -> float:
    """The strength (0..1) after the last day; 0 before the first day."""
    series = habit_strength_series(checkmarks)
    return series[-1] if series else 0.0


def as_percent(value: float) -> int:
    """A strength (0..1) as a whole percentage, for the text: 0.4567 → 46."""
    return round(value * 100)
