"""Which night is "last night" (from local midnight on, the one that began the previous evening), how a sentence
speaks of a night (bot.core.checkins.night_tense), and the one rule for recording a night
(bot.core.checkins.night_problem): the zone is known, the night has begun there, and it is at most a year before
last night."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.checkins import (
    RECORD_HORIZON,
    NightProblem,
    NightTense,
    first_recordable_night,
    last_night,
    night_of_checkin,
    night_problem,
    night_tense,
)

BERLIN = ZoneInfo("Europe/Berlin")  # UTC+1 in November
AUCKLAND = ZoneInfo("Pacific/Auckland")  # UTC+13 in November: a day ahead of UTC in the evening
KOLKATA = ZoneInfo("Asia/Kolkata")  # UTC+5:30, no DST
ST_JOHNS = ZoneInfo("America/St_Johns")  # UTC-3:30 in November, -2:30 in summer
CHATHAM = ZoneInfo("Pacific/Chatham")  # UTC+13:45 in November, +12:45 in winter
ZONES = [BERLIN, AUCKLAND, KOLKATA, ST_JOHNS, CHATHAM, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Niue")]


def at_local(year: int, month: int, day: int, hour: int, minute: int, zone: ZoneInfo, *, fold: int = 0) -> datetime:
    """The UTC instant of a wall-clock time in ``zone`` (``fold=1``: the second of an hour that happens twice)."""
    return datetime(year, month, day, hour, minute, tzinfo=zone, fold=fold).astimezone(UTC)


def test_a_night_begins_at_six_in_the_evening_in_the_persons_zone() -> None:
    night = date(2026, 11, 25)
    assert night_problem(night, datetime(2026, 11, 25, 16, 59, tzinfo=UTC), BERLIN) is NightProblem.NOT_BEGUN
    assert night_problem(night, datetime(2026, 11, 25, 17, 0, tzinfo=UTC), BERLIN) is None
    # 18:00 on the 25th in Auckland is 05:00 UTC, still the 25th's early morning in Berlin.
    assert night_problem(night, datetime(2026, 11, 25, 5, 0, tzinfo=UTC), AUCKLAND) is None
    assert night_problem(night, datetime(2026, 11, 25, 5, 0, tzinfo=UTC), BERLIN) is NightProblem.NOT_BEGUN


def test_a_night_that_has_begun_but_not_ended_can_be_recorded() -> None:
    five_in_the_morning = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)  # 05:00 in Berlin: last night still runs
    assert last_night(five_in_the_morning, BERLIN) == date(2026, 11, 25)
    assert night_problem(date(2026, 11, 25), five_in_the_morning, BERLIN) is None
    evening = at_local(2026, 11, 26, 18, 0, BERLIN)  # tonight has begun: it can be recorded, last night stays
    assert last_night(evening, BERLIN) == date(2026, 11, 25)
    assert night_problem(date(2026, 11, 26), evening, BERLIN) is None


@pytest.mark.parametrize("zone", [BERLIN, KOLKATA, ST_JOHNS, CHATHAM], ids=str)
def test_at_ten_to_six_last_night_is_the_night_that_is_ending(zone: ZoneInfo) -> None:
    ten_to_six = at_local(2026, 11, 26, 5, 50, zone)
    assert last_night(ten_to_six, zone) == date(2026, 11, 25)
    assert night_tense(date(2026, 11, 25), ten_to_six, zone) is NightTense.TONIGHT
    assert night_problem(date(2026, 11, 25), ten_to_six, zone) is None


@pytest.mark.parametrize("zone", [BERLIN, KOLKATA, ST_JOHNS, CHATHAM], ids=str)
def test_last_night_moves_on_at_local_midnight(zone: ZoneInfo) -> None:
    assert last_night(at_local(2026, 11, 25, 23, 59, zone), zone) == date(2026, 11, 24)
    assert last_night(at_local(2026, 11, 26, 0, 0, zone), zone) == date(2026, 11, 25)
    assert last_night(at_local(2026, 11, 26, 23, 59, zone), zone) == date(2026, 11, 25)


def test_local_midnight_is_not_utc_midnight_in_half_and_three_quarter_hour_zones() -> None:
    # One instant, two local dates: 19:00 the 25th in St John's, 04:00 the 26th in Kolkata, 12:15 in Chatham.
    now = datetime(2026, 11, 25, 22, 30, tzinfo=UTC)
    assert last_night(now, ST_JOHNS) == date(2026, 11, 24)
    assert last_night(now, KOLKATA) == date(2026, 11, 25)
    assert last_night(now, CHATHAM) == date(2026, 11, 25)
    assert last_night(datetime(2026, 11, 25, 10, 14, tzinfo=UTC), CHATHAM) == date(2026, 11, 24)  # 23:59
    assert last_night(datetime(2026, 11, 25, 10, 15, tzinfo=UTC), CHATHAM) == date(2026, 11, 25)  # 00:00
    assert last_night(datetime(2026, 11, 25, 18, 29, tzinfo=UTC), KOLKATA) == date(2026, 11, 24)  # 23:59
    assert last_night(datetime(2026, 11, 25, 18, 30, tzinfo=UTC), KOLKATA) == date(2026, 11, 25)  # 00:00
    assert last_night(datetime(2026, 11, 26, 3, 29, tzinfo=UTC), ST_JOHNS) == date(2026, 11, 24)  # 23:59
    assert last_night(datetime(2026, 11, 26, 3, 30, tzinfo=UTC), ST_JOHNS) == date(2026, 11, 25)  # 00:00


@pytest.mark.parametrize(
    ("zone", "day", "before", "after"),
    [
        (BERLIN, date(2027, 3, 28), time(1, 59), time(3, 0)),  # spring forward: 02:00 → 03:00
        (BERLIN, date(2026, 10, 25), time(2, 30), time(2, 30)),  # fall back: 02:30 twice
        (ST_JOHNS, date(2027, 3, 14), time(1, 59), time(3, 0)),  # spring forward: 02:00 → 03:00
        (CHATHAM, date(2027, 4, 4), time(3, 30), time(3, 30)),  # fall back: 03:45 → 02:45, 03:30 twice
        (CHATHAM, date(2026, 9, 27), time(2, 44), time(3, 45)),  # spring forward: 02:45 → 03:45
    ],
    ids=["berlin-spring", "berlin-autumn", "st-johns-spring", "chatham-autumn", "chatham-spring"],
)
def test_across_a_dst_change_last_night_is_the_night_that_began_the_evening_before(
    zone: ZoneInfo, day: date, before: time, after: time
) -> None:
    first = at_local(day.year, day.month, day.day, before.hour, before.minute, zone)
    second = at_local(day.year, day.month, day.day, after.hour, after.minute, zone, fold=1)
    assert first < second and second - first <= timedelta(hours=1)  # minutes apart, across the change
    evening_before = day - timedelta(days=1)
    for now in (first, second, at_local(day.year, day.month, day.day, 5, 50, zone)):
        assert last_night(now, zone) == evening_before
        assert night_tense(evening_before, now, zone) is NightTense.TONIGHT
        assert night_problem(evening_before, now, zone) is None
    assert night_tense(evening_before, at_local(day.year, day.month, day.day, 6, 0, zone), zone) is NightTense.LAST


def test_a_night_is_spoken_of_as_tonight_while_it_goes_on_then_as_last_night() -> None:
    night = date(2026, 11, 25)
    tense = {
        "17:59 that evening": night_tense(night, at_local(2026, 11, 25, 17, 59, BERLIN), BERLIN),
        "18:00 that evening": night_tense(night, at_local(2026, 11, 25, 18, 0, BERLIN), BERLIN),
        "23:59": night_tense(night, at_local(2026, 11, 25, 23, 59, BERLIN), BERLIN),
        "00:00": night_tense(night, at_local(2026, 11, 26, 0, 0, BERLIN), BERLIN),
        "05:59": night_tense(night, at_local(2026, 11, 26, 5, 59, BERLIN), BERLIN),
        "06:00": night_tense(night, at_local(2026, 11, 26, 6, 0, BERLIN), BERLIN),
        "23:59 the next day": night_tense(night, at_local(2026, 11, 26, 23, 59, BERLIN), BERLIN),
        "00:00 two days on": night_tense(night, at_local(2026, 11, 27, 0, 0, BERLIN), BERLIN),
    }
    assert tense == {
        "17:59 that evening": NightTense.EARLIER,  # not begun: /log refuses it before any sentence names it
        "18:00 that evening": NightTense.TONIGHT,
        "23:59": NightTense.TONIGHT,
        "00:00": NightTense.TONIGHT,
        "05:59": NightTense.TONIGHT,
        "06:00": NightTense.LAST,
        "23:59 the next day": NightTense.LAST,
        "00:00 two days on": NightTense.EARLIER,
    }


def test_a_check_in_at_five_in_the_morning_asks_about_the_night_that_began_the_evening_before() -> None:
    due = at_local(2026, 11, 26, 5, 0, BERLIN)
    night = night_of_checkin(due.astimezone(BERLIN).date())
    assert night == date(2026, 11, 25) == last_night(due, BERLIN)
    assert night_tense(night, due, BERLIN) is NightTense.TONIGHT
    assert night_problem(night, due, BERLIN) is None


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


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
    st.sampled_from(ZONES),
)
def test_last_night_is_the_local_date_minus_one_and_can_always_be_recorded(now: datetime, zone: ZoneInfo) -> None:
    local_date = now.astimezone(zone).date()
    assert last_night(now, zone) == local_date - timedelta(days=1) == night_of_checkin(local_date)
    assert night_problem(last_night(now, zone), now, zone) is None
    assert night_tense(last_night(now, zone), now, zone) in {NightTense.LAST, NightTense.TONIGHT}
