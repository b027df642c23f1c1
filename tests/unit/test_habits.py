"""Unit tests of ``bot.core.habits``: Loop Habit Tracker's habit strength, where one miss costs little."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.habits import MULTIPLIER, as_percent, habit_strength, habit_strength_series

CHECKMARKS = st.lists(st.booleans(), max_size=200)


def test_the_multiplier_is_loops_for_a_daily_habit() -> None:
    assert pytest.approx(0.5 ** (1 / 13)) == MULTIPLIER


def test_no_days_is_no_strength() -> None:
    assert habit_strength([]) == 0.0
    assert habit_strength_series([]) == []


def test_one_done_day() -> None:
    assert pytest.approx(1 - 0.5 ** (1 / 13)) == habit_strength([True])
    assert habit_strength([False]) == 0.0


def test_the_half_life_is_13_days() -> None:
    assert pytest.approx(0.5) == habit_strength([True] * 13)
    built = habit_strength([True] * 40)
    assert pytest.approx(built / 2) == habit_strength([True] * 40 + [False] * 13)


def test_one_miss_after_a_long_run_keeps_the_strength_high() -> None:
    # 1 - 0.5 ** (30 / 13) ≈ 0.798 after 30 done days; one miss multiplies it by 0.948 to ≈ 0.757.
    before = habit_strength([True] * 30)
    after = habit_strength([True] * 30 + [False])
    assert pytest.approx(1 - 0.5 ** (30 / 13)) == before
    assert pytest.approx(before * MULTIPLIER) == after
    assert after > 0.7


def test_the_series_is_the_strength_after_each_day() -> None:
    checkmarks = [True, True, False, True, False, False, True]
    series = habit_strength_series(checkmarks)
    assert series == [habit_strength(checkmarks[: day + 1]) for day in range(len(checkmarks))]
    assert series[:2] == pytest.approx([1 - MULTIPLIER, 1 - MULTIPLIER**2])


@given(CHECKMARKS)
def test_strength_stays_between_0_and_1(checkmarks: list[bool]) -> None:
    assert all(0.0 <= value <= 1.0 for value in habit_strength_series(checkmarks))


@given(CHECKMARKS)
def test_a_done_day_never_lowers_the_strength_and_a_miss_never_raises_it(checkmarks: list[bool]) -> None:
    series = [0.0, *habit_strength_series(checkmarks)]
    for done, (before, after) in zip(checkmarks, pairwise(series), strict=True):
        assert after >= before if done else after <= before


@given(CHECKMARKS.filter(lambda checkmarks: not all(checkmarks)), st.data())
def test_turning_a_miss_into_done_raises_the_strength(checkmarks: list[bool], data: st.DataObject) -> None:
    day = data.draw(st.sampled_from([day for day, done in enumerate(checkmarks) if not done]))
    improved = [*checkmarks[:day], True, *checkmarks[day + 1 :]]
    assert habit_strength(improved) > habit_strength(checkmarks)


@pytest.mark.parametrize(
    ("value", "percent"), [(0.0, 0), (0.004, 0), (0.4567, 46), (0.5, 50), (0.996, 100), (1.0, 100)]
)
def test_as_percent_rounds(value: float, percent: int) -> None:
    assert as_percent(value) == percent
