"""Unit tests of ``bot.core.summaries``: the numbers of the weekly summary and of /progress."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.checkins import Night, nights_between
from bot.core.habits import habit_strength
from bot.core.summaries import GOOD_NIGHT_MAX, ProgressSummary, progress_summary, week_summary

LAST = date(2025, 6, 15)


def night(day: date, score: int) -> Night:
    return Night(day, score)


def days_before(days: int, last: date = LAST) -> date:
    return last - timedelta(days=days)


@pytest.mark.parametrize(
    ("last", "first"),
    [
        (date(2025, 1, 3), date(2024, 12, 28)),  # across the new year
        (date(2025, 3, 2), date(2025, 2, 24)),  # across the end of a 28-day February
        (date(2024, 3, 2), date(2024, 2, 25)),  # across the end of a leap-year February
        (date(2025, 3, 31), date(2025, 3, 25)),  # the week of the EU change to summer time: still 7 nights
        (date(2025, 12, 31), date(2025, 12, 25)),
    ],
)
def test_the_week_is_the_7_nights_ending_with_last(last: date, first: date) -> None:
    # A check-in on each edge of this week and of the week before, and one just outside each.
    nights = [
        night(last + timedelta(days=1), 10),  # after the week: not counted
        night(last, 4),
        night(first, 2),
        night(first - timedelta(days=1), 6),  # the last night of the week before
        night(first - timedelta(days=7), 8),  # the first night of the week before
        night(first - timedelta(days=8), 10),  # before the week before: not counted
    ]
    summary = week_summary(nights, done_nights=[], reminder_nights=[], last=last)
    assert (summary.first, summary.last) == (first, last)
    assert (summary.checkins, summary.average, summary.previous_average, summary.change) == (2, 3.0, 7.0, -4.0)


def test_a_week_with_the_hand_computed_numbers() -> None:
    this_week = [night(days_before(6), 5), night(days_before(4), 2), night(days_before(2), 7), night(LAST, 2)]
    previous_week = [night(days_before(13), 8), night(days_before(7), 6)]
    reminders = [days_before(days) for days in range(10)]
    done = [days_before(days) for days in (0, 1, 3, 8, 9)]
    summary = week_summary(previous_week + this_week, done, reminders, LAST)
    assert summary == ProgressSummary(
        first=days_before(6),
        last=LAST,
        days=7,
        checkins=4,
        average=4.0,  # (5 + 2 + 7 + 2) / 4
        previous_average=7.0,  # (8 + 6) / 2
        change=-3.0,  # better than the week before
        best=night(days_before(4), 2),  # the earlier of the two nights scoring 2
        worst=night(days_before(2), 7),
        good_nights=2,
        done=3,  # nights 0, 1 and 3 days before; 8 and 9 days before are last week's
        reminders=7,
        # Every reminder night so far, oldest first: done 9, 8, 3, 1 and 0 days before.
        habit_strength=habit_strength([True, True, False, False, False, False, True, False, True, True]),
    )


def test_a_week_without_checkins() -> None:
    summary = week_summary([night(days_before(7), 5)], [], [], LAST)
    assert (summary.checkins, summary.average, summary.previous_average, summary.change) == (0, None, 5.0, None)
    assert (summary.best, summary.worst) == (None, None)


def test_no_previous_week_means_no_change() -> None:
    summary = week_summary([night(LAST, 5)], [], [], LAST)
    assert (summary.average, summary.previous_average, summary.change) == (5.0, None, None)


def test_no_worst_night_unless_one_scored_higher_than_the_best() -> None:
    only = week_summary([night(LAST, 6)], [], [], LAST)
    assert (only.best, only.worst) == (night(LAST, 6), None)
    equal = week_summary([night(LAST, 6), night(days_before(1), 6)], [], [], LAST)
    assert (equal.best, equal.worst) == (night(days_before(1), 6), None)


def test_ties_go_to_the_earliest_night_whatever_the_order_given() -> None:
    nights = [night(days_before(1), 9), night(LAST, 1), night(days_before(5), 9), night(days_before(3), 1)]
    summary = week_summary(nights, [], [], LAST)
    assert (summary.best, summary.worst) == (night(days_before(3), 1), night(days_before(5), 9))


def test_done_only_counts_on_reminder_nights() -> None:
    summary = week_summary([], done_nights=[LAST, days_before(1)], reminder_nights=[LAST], last=LAST)
    assert (summary.done, summary.reminders) == (1, 1)


def test_progress_with_the_hand_computed_numbers() -> None:
    first = days_before(9)  # 10 nights
    nights = [
        night(days_before(12), 9),  # before: the 10 nights before first
        night(days_before(10), 7),
        night(first, 4),
        night(days_before(7), GOOD_NIGHT_MAX),  # a good night, just
        night(days_before(5), GOOD_NIGHT_MAX + 1),
        night(days_before(2), 0),
        night(LAST, 9),
    ]
    reminders = [days_before(days) for days in (12, 11, 8, 6, 2, 1, 0)]
    done = [days_before(days) for days in (12, 11, 8, 1, 0, 3)]  # 3 days before had no reminder
    summary = progress_summary(nights, done, reminders, first, LAST)
    assert summary == ProgressSummary(
        first=first,
        last=LAST,
        days=10,
        checkins=5,
        average=4.0,  # (4 + 3 + 4 + 0 + 9) / 5
        previous_average=8.0,  # (9 + 7) / 2
        change=-4.0,
        best=night(days_before(2), 0),
        worst=night(LAST, 9),
        good_nights=2,
        done=3,  # 8, 1 and 0 days before
        reminders=5,
        # Every reminder night up to LAST, those before first too; nights without a reminder are skipped.
        habit_strength=habit_strength([True, True, True, False, False, True, True]),
    )


def test_progress_habit_strength_ignores_reminders_after_last() -> None:
    summary = progress_summary([], [LAST, days_before(-1)], [LAST, days_before(-1)], LAST, LAST)
    assert summary.habit_strength == habit_strength([True])
    assert (summary.days, summary.done, summary.reminders) == (1, 1, 1)


def test_progress_without_anything() -> None:
    summary = progress_summary([], [], [], days_before(29), LAST)
    assert summary == ProgressSummary(
        first=days_before(29),
        last=LAST,
        days=30,
        checkins=0,
        average=None,
        previous_average=None,
        change=None,
        best=None,
        worst=None,
        good_nights=0,
        done=0,
        reminders=0,
        habit_strength=0.0,
    )


def test_progress_needs_a_period_that_does_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        progress_summary([], [], [], LAST, days_before(1))


WEEKS = st.lists(
    st.tuples(st.integers(min_value=0, max_value=20), st.integers(min_value=0, max_value=10)),
    max_size=20,
    unique_by=lambda entry: entry[0],
)
MARKS = st.sets(st.integers(min_value=0, max_value=20))


@given(WEEKS, MARKS, MARKS)
def test_a_week_is_a_progress_period_of_7_nights(
    entries: list[tuple[int, int]], done_days: set[int], reminder_days: set[int]
) -> None:
    nights = [night(days_before(days), score) for days, score in entries]
    done, reminders = [days_before(days) for days in done_days], [days_before(days) for days in reminder_days]
    week = week_summary(nights, done, reminders, LAST)
    progress = progress_summary(nights, done, reminders, days_before(6), LAST)
    assert progress.days == len(nights_between(week.first, week.last)) == 7
    shared = (
        "first",
        "last",
        "checkins",
        "average",
        "previous_average",
        "change",
        "best",
        "worst",
        "done",
        "reminders",
    )
    assert [getattr(week, name) for name in shared] == [getattr(progress, name) for name in shared]
    assert 0 <= week.done <= week.reminders <= 7
