"""Unit tests of ``bot.core.report``: the visit report's figures.

Checks the paper per country, ``Period`` (its length, membership, the period before, its halves and its
validation), the check-in figures (``scores`` and ``compared``), the spread of answers per half, the yes/no
counts and the factor counts, each with exact expected numbers, plus a hypothesis property of ``scores`` over
random nights and periods.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.checkins import Night
from bot.core.report import (
    LETTER_TERRITORIES,
    MIN_COMPARED_NIGHTS,
    Paper,
    Period,
    compared,
    factor_counts,
    paper_for,
    scores,
    spread,
    spread_by_half,
    yes_count,
)

START = date(2024, 3, 1)


def day(offset: int) -> date:
    """The night ``offset`` days after ``START``."""
    return START + timedelta(days=offset)


def period(first: int, last: int) -> Period:
    """The period from ``day(first)`` to ``day(last)`` inclusive."""
    return Period(day(first), day(last))


# --- paper_for -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("territory", ["US", "CA", "MX", "PR", "CO", "PH", "CL", "VE"])
def test_letter_countries_print_on_letter(territory: str) -> None:
    assert paper_for(territory) is Paper.LETTER


@pytest.mark.parametrize("territory", sorted(LETTER_TERRITORIES))
def test_every_letter_territory_prints_on_letter(territory: str) -> None:
    assert paper_for(territory) is Paper.LETTER


@pytest.mark.parametrize("territory", ["ES", "GB", "DE", "AR", "IN", "FR", "JP", "us", "", None])
def test_other_countries_and_unknown_print_on_a4(territory: str | None) -> None:
    assert paper_for(territory) is Paper.A4


def test_paper_values() -> None:
    assert Paper.LETTER.value == "letter"
    assert Paper.A4.value == "a4"


# --- Period ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("first", "last", "nights"), [(0, 0, 1), (0, 1, 2), (0, 6, 7), (0, 29, 30), (3, 10, 8)])
def test_period_nights(first: int, last: int, nights: int) -> None:
    assert period(first, last).nights == nights


def test_period_across_a_leap_day() -> None:
    assert Period(date(2024, 2, 27), date(2024, 3, 1)).nights == 4
    assert Period(date(2023, 2, 27), date(2023, 3, 1)).nights == 3


def test_period_ending_before_it_starts_raises() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Period(day(5), day(4))


def test_period_contains_its_dates_only() -> None:
    p = period(2, 5)
    assert day(2) in p
    assert day(3) in p
    assert day(5) in p
    assert day(1) not in p
    assert day(6) not in p


@pytest.mark.parametrize("other", ["2024-03-03", 3, None, START.toordinal(), (2024, 3, 3)])
def test_a_non_date_is_not_in_a_period(other: object) -> None:
    assert other not in period(0, 10)


def test_before_has_the_same_length_and_ends_the_day_before() -> None:
    p = period(10, 16)
    previous = p.before()
    assert previous == period(3, 9)
    assert previous.nights == p.nights
    assert previous.last == p.first - timedelta(days=1)


def test_before_a_one_night_period() -> None:
    assert period(5, 5).before() == period(4, 4)


@pytest.mark.parametrize(
    ("last", "first_half", "second_half"),
    [
        (1, (0, 0), (1, 1)),  # 2 nights: 1 + 1
        (2, (0, 0), (1, 2)),  # 3 nights: 1 + 2
        (3, (0, 1), (2, 3)),  # 4 nights: 2 + 2
        (6, (0, 2), (3, 6)),  # 7 nights: 3 + 4
        (13, (0, 6), (7, 13)),  # 14 nights: 7 + 7
        (28, (0, 13), (14, 28)),  # 29 nights: 14 + 15
    ],
)
def test_halves(last: int, first_half: tuple[int, int], second_half: tuple[int, int]) -> None:
    assert period(0, last).halves() == (period(*first_half), period(*second_half))


@pytest.mark.parametrize("length", range(2, 40))
def test_halves_cover_the_period_exactly(length: int) -> None:
    p = period(0, length - 1)
    first, second = p.halves()
    assert first.first == p.first
    assert second.last == p.last
    assert second.first == first.last + timedelta(days=1)  # adjacent: no gap, no overlap
    assert first.nights + second.nights == p.nights
    assert second.nights - first.nights == length % 2  # the second half gets the extra night
    nights = [day(offset) for offset in range(length)]
    assert all((night in first) != (night in second) for night in nights)


def test_a_one_night_period_has_no_halves() -> None:
    with pytest.raises(ValueError, match="one night"):
        period(3, 3).halves()


# --- scores / compared -----------------------------------------------------------------------------------------


def test_scores_of_a_period() -> None:
    nights = [Night(day(0), 0), Night(day(1), 3), Night(day(2), 5), Night(day(4), 0)]
    figures = scores(nights, period(0, 6))
    assert figures.period == period(0, 6)
    assert figures.recorded == 4
    assert figures.symptom_nights == 2
    assert figures.per_week == 3.5  # 2 * 7 / 4
    assert figures.median == 1.5  # median of 0, 0, 3, 5


def test_scores_median_of_an_odd_count() -> None:
    figures = scores([Night(day(0), 7), Night(day(1), 2), Night(day(2), 4)], period(0, 2))
    assert figures.median == 4
    assert figures.per_week == 7.0


def test_scores_median_half_case() -> None:
    figures = scores([Night(day(0), 2), Night(day(1), 5)], period(0, 1))
    assert figures.median == 3.5


def test_scores_per_week_is_a_fraction_of_recorded_nights() -> None:
    nights = [Night(day(0), 1), Night(day(1), 0), Night(day(2), 0)]
    figures = scores(nights, period(0, 13))
    assert figures.recorded == 3
    assert figures.symptom_nights == 1
    assert figures.per_week == pytest.approx(7 / 3)
    assert figures.median == 0


def test_scores_without_check_ins() -> None:
    figures = scores([], period(0, 6))
    assert figures.recorded == 0
    assert figures.symptom_nights == 0
    assert figures.per_week is None
    assert figures.median is None


def test_scores_with_no_symptom_nights() -> None:
    figures = scores([Night(day(offset), 0) for offset in range(5)], period(0, 6))
    assert figures.recorded == 5
    assert figures.symptom_nights == 0
    assert figures.per_week == 0.0
    assert figures.median == 0


def test_scores_ignore_nights_outside_the_period() -> None:
    nights = [Night(day(-1), 9), Night(day(0), 2), Night(day(6), 4), Night(day(7), 10), Night(day(30), 8)]
    figures = scores(nights, period(0, 6))
    assert figures.recorded == 2
    assert figures.symptom_nights == 2
    assert figures.per_week == 7.0
    assert figures.median == 3


def test_scores_only_outside_the_period_is_like_none() -> None:
    figures = scores([Night(day(-3), 5), Night(day(20), 5)], period(0, 6))
    assert (figures.recorded, figures.symptom_nights, figures.per_week, figures.median) == (0, 0, None, None)


def _with_previous(recorded_before: int) -> list[Night]:
    """Check-ins on the first ``recorded_before`` nights of the 14 before ``period(14, 27)``, and three in it."""
    before = [Night(day(offset), offset % 3) for offset in range(recorded_before)]
    return [*before, Night(day(14), 1), Night(day(20), 0), Night(day(27), 4)]


def test_compared_without_enough_nights_before() -> None:
    current, previous = compared(_with_previous(MIN_COMPARED_NIGHTS - 1), period(14, 27))
    assert MIN_COMPARED_NIGHTS - 1 == 6
    assert previous is None
    assert current == scores(_with_previous(6), period(14, 27))
    assert (current.recorded, current.symptom_nights, current.median) == (3, 2, 1)


def test_compared_with_enough_nights_before() -> None:
    nights = _with_previous(MIN_COMPARED_NIGHTS)
    current, previous = compared(nights, period(14, 27))
    assert MIN_COMPARED_NIGHTS == 7
    assert previous is not None
    assert previous.period == period(0, 13)
    assert previous.recorded == 7
    assert previous.symptom_nights == 4  # scores 0 1 2 0 1 2 0
    assert previous.per_week == 4.0
    assert previous.median == 1
    assert (current.recorded, current.symptom_nights, current.median) == (3, 2, 1)


def test_compared_counts_only_the_previous_period() -> None:
    # Seven check-ins, but one of them is before the previous period: not enough.
    nights = [Night(day(offset), 2) for offset in range(-1, 6)]
    _, previous = compared(nights, period(7, 13))
    assert previous is None
    _, previous = compared([*nights, Night(day(6), 2)], period(7, 13))
    assert previous is not None
    assert previous.recorded == 7


# --- spread / spread_by_half -----------------------------------------------------------------------------------


def test_spread_counts_answers_in_the_period() -> None:
    answers = {day(-1): "early", day(0): "early", day(1): "late", day(2): "early", day(9): "late"}
    result = spread(answers, period(0, 6))
    assert result.period == period(0, 6)
    assert dict(result.counts) == {"early": 2, "late": 1}
    assert result.answered == 3


def test_spread_of_an_empty_period() -> None:
    result = spread({day(10): "early"}, period(0, 6))
    assert dict(result.counts) == {}
    assert result.answered == 0


def test_spread_by_half() -> None:
    answers = {
        day(0): "evening",
        day(1): "evening",
        day(2): "afternoon",
        day(3): "evening",  # second half of period(0, 6): nights 3..6
        day(5): "night",
        day(6): "night",
        day(7): "afternoon",  # outside
        day(-1): "night",  # outside
    }
    halves = spread_by_half(answers, period(0, 6))
    assert halves is not None
    first, second = halves
    assert first.period == period(0, 2)
    assert second.period == period(3, 6)
    assert dict(first.counts) == {"evening": 2, "afternoon": 1}
    assert dict(second.counts) == {"evening": 1, "night": 2}
    assert first.answered == 3
    assert second.answered == 3


def test_spread_by_half_with_answers_in_one_half_only() -> None:
    halves = spread_by_half({day(5): "night"}, period(0, 9))
    assert halves is not None
    first, second = halves
    assert first.answered == 0
    assert dict(first.counts) == {}
    assert dict(second.counts) == {"night": 1}


def test_spread_by_half_none_without_answers_in_the_period() -> None:
    assert spread_by_half({}, period(0, 6)) is None
    assert spread_by_half({day(-1): "early", day(7): "late"}, period(0, 6)) is None


def test_spread_by_half_none_for_a_one_night_period() -> None:
    assert spread_by_half({day(3): "early"}, period(3, 3)) is None


# --- yes_count -------------------------------------------------------------------------------------------------


def test_yes_count() -> None:
    answers = {day(0): False, day(1): True, day(2): False, day(4): True, day(8): True, day(-2): True}
    result = yes_count(answers, period(0, 6))
    assert result is not None
    assert result.answered == 4
    assert result.yes == 2
    assert result.first_yes == day(1)


def test_yes_count_order_of_the_mapping_does_not_matter() -> None:
    ordered = {day(0): False, day(2): True, day(3): False, day(5): True}
    reversed_order = dict(reversed(list(ordered.items())))
    assert list(reversed_order) != list(ordered)
    expected = yes_count(ordered, period(0, 6))
    assert expected is not None
    assert expected.first_yes == day(2)
    assert yes_count(reversed_order, period(0, 6)) == expected


def test_yes_count_without_a_yes() -> None:
    result = yes_count({day(0): False, day(3): False}, period(0, 6))
    assert result is not None
    assert (result.answered, result.yes, result.first_yes) == (2, 0, None)


def test_yes_count_none_without_answers_in_the_period() -> None:
    assert yes_count({}, period(0, 6)) is None
    assert yes_count({day(-1): True, day(7): False}, period(0, 6)) is None


# --- factor_counts ---------------------------------------------------------------------------------------------


def test_factor_counts_only_in_the_period() -> None:
    nights = [
        Night(day(-1), 3, frozenset({"caffeine", "alcohol"})),
        Night(day(0), 2, frozenset({"caffeine"})),
        Night(day(1), 0, frozenset({"caffeine", "stretched"})),
        Night(day(2), 5),
        Night(day(6), 4, frozenset({"own:3", "stretched"})),
        Night(day(7), 1, frozenset({"alcohol"})),
    ]
    assert factor_counts(nights, period(0, 6)) == Counter({"caffeine": 2, "stretched": 2, "own:3": 1})


def test_factor_counts_empty() -> None:
    assert factor_counts([], period(0, 6)) == Counter()
    assert factor_counts([Night(day(9), 1, frozenset({"alcohol"}))], period(0, 6)) == Counter()


# --- property --------------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    first=st.integers(min_value=-30, max_value=30),
    length=st.integers(min_value=1, max_value=60),
    checkins=st.dictionaries(
        st.integers(min_value=-60, max_value=120), st.integers(min_value=0, max_value=10), max_size=80
    ),
)
def test_scores_property(first: int, length: int, checkins: dict[int, int]) -> None:
    p = period(first, first + length - 1)
    nights = [Night(day(offset), score) for offset, score in checkins.items()]
    figures = scores(nights, p)
    in_range = [score for offset, score in checkins.items() if first <= offset < first + length]
    assert figures.recorded == len(in_range)
    assert 0 <= figures.symptom_nights <= figures.recorded
    assert figures.symptom_nights == sum(1 for score in in_range if score > 0)
    if figures.recorded:
        assert figures.per_week is not None
        assert 0 <= figures.per_week <= 7
        assert figures.median is not None
        assert min(in_range) <= figures.median <= max(in_range)
    else:
        assert figures.per_week is None
        assert figures.median is None
