"""The one rule for recording a night (bot.core.checkins.night_problem): the zone is known, the night has
begun there, and it is at most a year before last night."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.checkins import (
    RECORD_HORIZON,
    NightProblem,
    first_recordable_night,
    last_night,
    night_problem,
)

BERLIN = ZoneInfo("Europe/Berlin")  # UTC+1 in November
AUCKLAND = ZoneInfo("Pacific/Auckland")  # UTC+13 in November: a day ahead of UTC in the evening


def test_a_night_begins_at_six_in_the_evening_in_the_persons_zone() -> None:
    night = date(2026, 11, 25)
    assert night_problem(night, datetime(2026, 11, 25, 16, 59, tzinfo=UTC), BERLIN) is NightProblem.NOT_BEGUN
    assert night_problem(night, datetime(2026, 11, 25, 17, 0, tzinfo=UTC), BERLIN) is None
    # 18:00 on the 25th in Auckland is 05:00 UTC, still the 25th's early morning in Berlin.
    assert night_problem(night, datetime(2026, 11, 25, 5, 0, tzinfo=UTC), AUCKLAND) is None
    assert night_problem(night, datetime(2026, 11, 25, 5, 0, tzinfo=UTC), BERLIN) is NightProblem.NOT_BEGUN


def test_a_night_that_has_begun_but_not_ended_can_be_recorded() -> None:
    five_in_the_morning = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)  # 05:00 in Berlin: last night still runs
    assert last_night(five_in_the_morning, BERLIN) == date(2026, 11, 24)
    assert night_problem(date(2026, 11, 25), five_in_the_morning, BERLIN) is None


def test_nights_more_than_a_year_before_last_night_are_too_old() -> None:
    now = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
    first = first_recordable_night(now, BERLIN)
    assert first == date(2025, 11, 23) == last_night(now, BERLIN) - RECORD_HORIZON
    assert night_problem(first, now, BERLIN) is None
    assert night_problem(first - timedelta(days=1), now, BERLIN) is NightProblem.TOO_OLD
    assert night_problem(date.min, now, BERLIN) is NightProblem.TOO_OLD


def test_without_a_zone_no_night_can_be_recorded() -> None:
    now = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
    for night in (date.min, date(2026, 11, 24), date.max):
        assert night_problem(night, now, None) is NightProblem.NO_ZONE


@settings(max_examples=100, deadline=None)
@given(
    st.dates(),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
    st.sampled_from([BERLIN, AUCKLAND, ZoneInfo("America/St_Johns"), ZoneInfo("Pacific/Kiritimati")]),
)
def test_any_night_accepted_lies_between_a_year_back_and_tonight(night: date, now: datetime, zone: ZoneInfo) -> None:
    if night_problem(night, now, zone) is None:
        assert first_recordable_night(now, zone) <= night <= now.astimezone(zone).date()
