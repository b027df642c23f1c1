"""Unit tests of ``bot.core.schedule``: when each evening's reminder is due, across DST gaps, folds and odd zones.

House rule: a local time that does not exist on a day (spring forward) moves to the first valid minute after the
gap; an ambiguous one (fall back) fires once, at its first occurrence.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.core.schedule import DueOccurrence, local_instant, next_due, reminder_date
from bot.core.zones import offset_zone_name, zone_from_name

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")
ST_JOHNS = ZoneInfo("America/St_Johns")
CHATHAM = ZoneInfo("Pacific/Chatham")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")
APIA = ZoneInfo("Pacific/Apia")
NUUK = ZoneInfo("America/Nuuk")

# Zones with something interesting: DST in either hemisphere, half- and quarter-hour offsets, 30-minute DST,
# a 2-hour DST jump, transitions at local midnight, the date line, whole skipped days, and fixed offsets.
INTERESTING_ZONES = (
    "UTC",
    "UTC+05:30",
    "UTC-09:30",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Pacific/Apia",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Africa/Cairo",
    "Asia/Tehran",
    "Antarctica/Troll",
    "America/Nuuk",
    "Asia/Pyongyang",
)

HYPOTHESIS_SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def wall_clock(instant: datetime, zone: tzinfo) -> datetime:
    """The naive local wall-clock time of ``instant`` in ``zone``."""
    return instant.astimezone(zone).replace(tzinfo=None)


def occurrences(wall: datetime, zone: tzinfo) -> list[datetime]:
    """Every UTC instant whose local wall-clock time in ``zone`` is ``wall`` (none in a gap, two in a fold)."""
    found = set()
    for fold in (0, 1):
        instant = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if wall_clock(instant, zone) == wall:
            found.add(instant)
    return sorted(found)


def assert_follows_house_rule(reminder: DueOccurrence, local_time: time, zone: tzinfo) -> None:
    """The reminder is at ``local_time`` on its date, at the first occurrence; in a gap, the first minute after."""
    requested = datetime.combine(reminder.local_date, local_time)
    existing = occurrences(requested, zone)
    if existing:
        assert reminder.due_at_utc == existing[0], f"{requested} should fire at its first occurrence"
        return
    actual = wall_clock(reminder.due_at_utc, zone)
    assert actual > requested
    assert occurrences(actual, zone)[0] == reminder.due_at_utc
    minute = requested + timedelta(minutes=1)
    while minute < actual:
        assert not occurrences(minute, zone), f"{minute} exists, so {requested} should have moved there"
        minute += timedelta(minutes=1)


def assert_keyed_by_its_date(reminder: DueOccurrence, local_time: time, zone: tzinfo) -> None:
    """reminder_date gives the reminder's own date, or the next one when both share the instant (a skipped day)."""
    key = reminder_date(reminder.due_at_utc, local_time, zone)
    if key != reminder.local_date:
        assert key == reminder.local_date + timedelta(days=1)
        assert local_instant(key, local_time, zone) == reminder.due_at_utc


# ---------------------------------------------------------------- local_instant: fixed examples


@pytest.mark.parametrize(
    ("zone_name", "local_date", "local_time", "expected_utc", "expected_wall"),
    [
        # Europe/Berlin: 02:00 CET -> 03:00 CEST on 2026-03-29.
        ("Europe/Berlin", date(2026, 3, 29), time(2, 30), utc(2026, 3, 29, 1, 0), datetime(2026, 3, 29, 3, 0)),
        ("Europe/Berlin", date(2026, 3, 29), time(2, 0), utc(2026, 3, 29, 1, 0), datetime(2026, 3, 29, 3, 0)),
        ("Europe/Berlin", date(2026, 3, 29), time(2, 59), utc(2026, 3, 29, 1, 0), datetime(2026, 3, 29, 3, 0)),
        # America/New_York: 02:00 EST -> 03:00 EDT on 2026-03-08.
        ("America/New_York", date(2026, 3, 8), time(2, 30), utc(2026, 3, 8, 7, 0), datetime(2026, 3, 8, 3, 0)),
        # America/St_Johns: 02:00 NST (-3:30) -> 03:00 NDT (-2:30) on 2026-03-08.
        ("America/St_Johns", date(2026, 3, 8), time(2, 30), utc(2026, 3, 8, 5, 30), datetime(2026, 3, 8, 3, 0)),
        # Pacific/Chatham: 02:45 (+12:45) -> 03:45 (+13:45) on 2026-09-27, so the gap ends at 03:45, not 03:00.
        ("Pacific/Chatham", date(2026, 9, 27), time(3, 0), utc(2026, 9, 26, 14, 0), datetime(2026, 9, 27, 3, 45)),
        ("Pacific/Chatham", date(2026, 9, 27), time(2, 45), utc(2026, 9, 26, 14, 0), datetime(2026, 9, 27, 3, 45)),
        ("Pacific/Chatham", date(2026, 9, 27), time(3, 44), utc(2026, 9, 26, 14, 0), datetime(2026, 9, 27, 3, 45)),
        # Australia/Lord_Howe: a 30-minute DST jump, 02:00 -> 02:30 on 2026-10-04.
        (
            "Australia/Lord_Howe",
            date(2026, 10, 4),
            time(2, 0),
            utc(2026, 10, 3, 15, 30),
            datetime(2026, 10, 4, 2, 30),
        ),
        # Antarctica/Troll: a 2-hour jump, 01:00 -> 03:00 on 2026-03-29.
        ("Antarctica/Troll", date(2026, 3, 29), time(1, 30), utc(2026, 3, 29, 1, 0), datetime(2026, 3, 29, 3, 0)),
        # America/Santiago: the gap is the first hour of the day, 00:00 -> 01:00 on 2026-09-06.
        ("America/Santiago", date(2026, 9, 6), time(0, 30), utc(2026, 9, 6, 4, 0), datetime(2026, 9, 6, 1, 0)),
    ],
)
def test_spring_forward_gap_moves_to_first_minute_after(
    zone_name: str, local_date: date, local_time: time, expected_utc: datetime, expected_wall: datetime
) -> None:
    zone = ZoneInfo(zone_name)
    instant = local_instant(local_date, local_time, zone)
    assert instant == expected_utc
    assert wall_clock(instant, zone) == expected_wall


@pytest.mark.parametrize(
    ("zone_name", "local_date", "local_time", "expected_utc"),
    [
        # Europe/Berlin: 03:00 CEST -> 02:00 CET on 2026-10-25; 02:30 first happens at +02:00.
        ("Europe/Berlin", date(2026, 10, 25), time(2, 30), utc(2026, 10, 25, 0, 30)),
        ("Europe/Berlin", date(2026, 10, 25), time(2, 0), utc(2026, 10, 25, 0, 0)),
        # America/New_York: 02:00 EDT -> 01:00 EST on 2026-11-01; 01:30 first happens at -04:00.
        ("America/New_York", date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30)),
        # America/St_Johns: 02:00 NDT -> 01:00 NST on 2026-11-01; 01:30 first happens at -02:30.
        ("America/St_Johns", date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 4, 0)),
        # Pacific/Chatham: 03:45 (+13:45) -> 02:45 (+12:45) on 2026-04-05; 03:00 first happens at +13:45.
        ("Pacific/Chatham", date(2026, 4, 5), time(3, 0), utc(2026, 4, 4, 13, 15)),
        ("Pacific/Chatham", date(2026, 4, 5), time(2, 45), utc(2026, 4, 4, 13, 0)),
        # Australia/Lord_Howe: 02:00 (+11) -> 01:30 (+10:30) on 2026-04-05.
        ("Australia/Lord_Howe", date(2026, 4, 5), time(1, 45), utc(2026, 4, 4, 14, 45)),
        # Antarctica/Troll: 03:00 (+2) -> 01:00 (+0) on 2026-10-25, a 2-hour fold.
        ("Antarctica/Troll", date(2026, 10, 25), time(2, 30), utc(2026, 10, 25, 0, 30)),
        # America/Santiago: 24:00 (-3) -> 23:00 (-4) on 2026-04-04, the fold is the last hour of the day.
        ("America/Santiago", date(2026, 4, 4), time(23, 30), utc(2026, 4, 5, 2, 30)),
    ],
)
def test_fall_back_ambiguous_time_fires_at_first_occurrence(
    zone_name: str, local_date: date, local_time: time, expected_utc: datetime
) -> None:
    zone = ZoneInfo(zone_name)
    instant = local_instant(local_date, local_time, zone)
    assert instant == expected_utc
    assert instant == occurrences(datetime.combine(local_date, local_time), zone)[0]
    assert len(occurrences(datetime.combine(local_date, local_time), zone)) == 2


def test_fold_flag_on_the_requested_time_is_ignored() -> None:
    first = local_instant(date(2026, 10, 25), time(2, 30, fold=1), BERLIN)
    assert first == utc(2026, 10, 25, 0, 30)


def test_tzinfo_on_the_requested_time_is_ignored() -> None:
    instant = local_instant(date(2026, 6, 1), time(21, 0, tzinfo=UTC), BERLIN)
    assert instant == utc(2026, 6, 1, 19, 0)


def test_last_minute_before_a_gap_is_kept() -> None:
    instant = local_instant(date(2026, 9, 27), time(2, 44), CHATHAM)
    assert wall_clock(instant, CHATHAM) == datetime(2026, 9, 27, 2, 44)
    assert instant == utc(2026, 9, 26, 13, 59)


def test_first_minute_after_a_gap_is_kept() -> None:
    instant = local_instant(date(2026, 3, 29), time(3, 0), BERLIN)
    assert instant == utc(2026, 3, 29, 1, 0)


@pytest.mark.parametrize(
    ("zone", "local_date", "local_time", "expected_utc"),
    [
        (BERLIN, date(2026, 1, 15), time(21, 0), utc(2026, 1, 15, 20, 0)),
        (BERLIN, date(2026, 7, 15), time(21, 0), utc(2026, 7, 15, 19, 0)),
        (NEW_YORK, date(2026, 1, 15), time(21, 0), utc(2026, 1, 16, 2, 0)),
        (NEW_YORK, date(2026, 7, 15), time(21, 0), utc(2026, 7, 16, 1, 0)),
        (KOLKATA, date(2026, 1, 15), time(21, 30), utc(2026, 1, 15, 16, 0)),
        (KOLKATA, date(2026, 7, 15), time(0, 0), utc(2026, 7, 14, 18, 30)),
        (ST_JOHNS, date(2026, 1, 1), time(21, 0), utc(2026, 1, 2, 0, 30)),
        (ST_JOHNS, date(2026, 6, 1), time(21, 0), utc(2026, 6, 1, 23, 30)),
        (CHATHAM, date(2026, 1, 1), time(21, 0), utc(2026, 1, 1, 7, 15)),
        (CHATHAM, date(2026, 6, 1), time(21, 0), utc(2026, 6, 1, 8, 15)),
        (KIRITIMATI, date(2026, 6, 1), time(21, 0), utc(2026, 6, 1, 7, 0)),
        (KIRITIMATI, date(2026, 6, 1), time(9, 0), utc(2026, 5, 31, 19, 0)),
        (PAGO_PAGO, date(2026, 6, 1), time(21, 0), utc(2026, 6, 2, 8, 0)),
        (APIA, date(2026, 6, 1), time(20, 0), utc(2026, 6, 1, 7, 0)),
        (APIA, date(2020, 1, 15), time(20, 0), utc(2020, 1, 15, 6, 0)),  # Samoa still had DST (+14) then
        (ZoneInfo("UTC"), date(2026, 3, 29), time(2, 30), utc(2026, 3, 29, 2, 30)),
        (zone_from_name("UTC+05:30"), date(2026, 3, 29), time(21, 0), utc(2026, 3, 29, 15, 30)),
        (zone_from_name("UTC-03:30"), date(2026, 12, 31), time(22, 0), utc(2027, 1, 1, 1, 30)),
        (zone_from_name("UTC+14:00"), date(2026, 1, 1), time(0, 0), utc(2025, 12, 31, 10, 0)),
        (timezone(timedelta(hours=-11)), date(2026, 1, 1), time(23, 59), utc(2026, 1, 2, 10, 59)),
    ],
)
def test_ordinary_local_time_converts_with_the_zone_offset_of_that_date(
    zone: tzinfo, local_date: date, local_time: time, expected_utc: datetime
) -> None:
    instant = local_instant(local_date, local_time, zone)
    assert instant == expected_utc
    assert instant.utcoffset() == timedelta(0)
    assert wall_clock(instant, zone) == datetime.combine(local_date, local_time)


def test_same_local_evening_is_a_day_apart_in_utc_across_the_date_line() -> None:
    kiritimati = local_instant(date(2026, 6, 1), time(21, 0), KIRITIMATI)
    pago_pago = local_instant(date(2026, 6, 1), time(21, 0), PAGO_PAGO)
    assert pago_pago - kiritimati == timedelta(hours=25)


def test_skipped_calendar_day_in_samoa_moves_to_the_first_minute_of_the_next_day() -> None:
    # Samoa jumped from 2011-12-29 23:59 (-10) straight to 2011-12-31 00:00 (+14): 2011-12-30 never existed.
    instant = local_instant(date(2011, 12, 30), time(20, 0), APIA)
    assert instant == utc(2011, 12, 30, 10, 0)
    assert wall_clock(instant, APIA) == datetime(2011, 12, 31, 0, 0)


# ---------------------------------------------------------------- next_due: fixed examples


def test_next_due_today_when_the_time_is_still_ahead() -> None:
    reminder = next_due(time(21, 0), BERLIN, utc(2026, 6, 1, 12, 0))
    assert reminder == DueOccurrence(local_date=date(2026, 6, 1), due_at_utc=utc(2026, 6, 1, 19, 0))


def test_next_due_tomorrow_when_the_time_has_passed() -> None:
    reminder = next_due(time(21, 0), BERLIN, utc(2026, 6, 1, 19, 30))
    assert reminder == DueOccurrence(local_date=date(2026, 6, 2), due_at_utc=utc(2026, 6, 2, 19, 0))


def test_next_due_is_strictly_after_the_given_instant() -> None:
    reminder = next_due(time(21, 0), BERLIN, utc(2026, 6, 1, 19, 0))
    assert reminder.local_date == date(2026, 6, 2)
    just_before = next_due(time(21, 0), BERLIN, utc(2026, 6, 1, 19, 0) - timedelta(microseconds=1))
    assert just_before.due_at_utc == utc(2026, 6, 1, 19, 0)


def test_next_due_on_spring_forward_day_fires_at_first_minute_after_gap() -> None:
    reminder = next_due(time(2, 30), BERLIN, utc(2026, 3, 28, 12, 0))
    assert reminder == DueOccurrence(local_date=date(2026, 3, 29), due_at_utc=utc(2026, 3, 29, 1, 0))


def test_next_due_on_fall_back_day_fires_once_at_first_occurrence() -> None:
    first = next_due(time(2, 30), BERLIN, utc(2026, 10, 24, 12, 0))
    assert first == DueOccurrence(local_date=date(2026, 10, 25), due_at_utc=utc(2026, 10, 25, 0, 30))
    # Between the two occurrences of 02:30 (00:30 and 01:30 UTC) the next one is the following night.
    between = next_due(time(2, 30), BERLIN, utc(2026, 10, 25, 1, 0))
    assert between == DueOccurrence(local_date=date(2026, 10, 26), due_at_utc=utc(2026, 10, 26, 1, 30))
    assert next_due(time(2, 30), BERLIN, first.due_at_utc) == between


def test_next_due_in_new_york_across_both_2026_transitions() -> None:
    spring = next_due(time(2, 30), NEW_YORK, utc(2026, 3, 7, 12, 0))
    assert spring.due_at_utc == utc(2026, 3, 8, 7, 0)
    assert wall_clock(next_due(time(2, 30), NEW_YORK, spring.due_at_utc).due_at_utc, NEW_YORK) == datetime(
        2026, 3, 9, 2, 30
    )
    fall = next_due(time(1, 30), NEW_YORK, utc(2026, 10, 31, 12, 0))
    assert fall == DueOccurrence(local_date=date(2026, 11, 1), due_at_utc=utc(2026, 11, 1, 5, 30))
    after_fall = next_due(time(1, 30), NEW_YORK, fall.due_at_utc)
    assert after_fall == DueOccurrence(local_date=date(2026, 11, 2), due_at_utc=utc(2026, 11, 2, 6, 30))


def test_next_due_evening_in_st_johns_follows_its_half_hour_dst() -> None:
    winter = next_due(time(21, 0), ST_JOHNS, utc(2026, 1, 1, 12, 0))
    summer = next_due(time(21, 0), ST_JOHNS, utc(2026, 6, 1, 12, 0))
    assert winter.due_at_utc == utc(2026, 1, 2, 0, 30)
    assert summer.due_at_utc == utc(2026, 6, 1, 23, 30)


def test_next_due_in_chatham_around_its_april_and_september_switches() -> None:
    april = next_due(time(3, 0), CHATHAM, utc(2026, 4, 4, 0, 0))
    assert april == DueOccurrence(local_date=date(2026, 4, 5), due_at_utc=utc(2026, 4, 4, 13, 15))
    assert next_due(time(3, 0), CHATHAM, april.due_at_utc).due_at_utc == utc(2026, 4, 5, 14, 15)
    september = next_due(time(3, 0), CHATHAM, utc(2026, 9, 26, 0, 0))
    assert september == DueOccurrence(local_date=date(2026, 9, 27), due_at_utc=utc(2026, 9, 26, 14, 0))
    assert next_due(time(3, 0), CHATHAM, september.due_at_utc).due_at_utc == utc(2026, 9, 27, 13, 15)


def test_next_due_in_kiritimati_can_be_on_the_previous_utc_date() -> None:
    reminder = next_due(time(9, 0), KIRITIMATI, utc(2026, 5, 31, 12, 0))
    assert reminder == DueOccurrence(local_date=date(2026, 6, 1), due_at_utc=utc(2026, 5, 31, 19, 0))


def test_next_due_in_pago_pago_can_be_on_the_next_utc_date() -> None:
    reminder = next_due(time(21, 0), PAGO_PAGO, utc(2026, 6, 1, 12, 0))
    assert reminder == DueOccurrence(local_date=date(2026, 6, 1), due_at_utc=utc(2026, 6, 2, 8, 0))


def test_next_due_walks_through_samoas_skipped_day_without_losing_a_reminder() -> None:
    first = next_due(time(20, 0), APIA, utc(2011, 12, 29, 12, 0))
    second = next_due(time(20, 0), APIA, first.due_at_utc)
    third = next_due(time(20, 0), APIA, second.due_at_utc)
    assert [first.local_date, second.local_date, third.local_date] == [
        date(2011, 12, 29),
        date(2011, 12, 30),
        date(2011, 12, 31),
    ]
    assert [first.due_at_utc, second.due_at_utc, third.due_at_utc] == [
        utc(2011, 12, 30, 6, 0),
        utc(2011, 12, 30, 10, 0),
        utc(2011, 12, 31, 6, 0),
    ]


@pytest.mark.parametrize(
    ("zone_name", "expected_utc"),
    [("UTC", utc(2026, 6, 1, 21, 0)), ("UTC+05:30", utc(2026, 6, 1, 15, 30)), ("UTC-09:30", utc(2026, 6, 2, 6, 30))],
)
def test_next_due_in_fixed_offset_zones(zone_name: str, expected_utc: datetime) -> None:
    reminder = next_due(time(21, 0), zone_from_name(zone_name), utc(2026, 6, 1, 12, 0))
    assert reminder.due_at_utc == expected_utc
    assert reminder.local_date == date(2026, 6, 1)


def test_next_due_accepts_an_aware_instant_in_any_zone() -> None:
    as_utc = next_due(time(21, 0), BERLIN, utc(2026, 6, 1, 12, 0))
    as_tokyo = next_due(time(21, 0), BERLIN, utc(2026, 6, 1, 12, 0).astimezone(ZoneInfo("Asia/Tokyo")))
    assert as_tokyo == as_utc
    assert as_tokyo.due_at_utc.utcoffset() == timedelta(0)


def test_next_due_rejects_a_naive_instant() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_due(time(21, 0), BERLIN, datetime(2026, 6, 1, 12, 0))


def test_not_before_local_date_skips_evenings_that_already_had_their_reminder() -> None:
    reminder = next_due(time(21, 0), BERLIN, utc(2026, 6, 1, 12, 0), not_before_local_date=date(2026, 6, 2))
    assert reminder == DueOccurrence(local_date=date(2026, 6, 2), due_at_utc=utc(2026, 6, 2, 19, 0))


def test_not_before_local_date_far_ahead_is_honoured() -> None:
    reminder = next_due(time(21, 0), BERLIN, utc(2026, 6, 1, 12, 0), not_before_local_date=date(2026, 12, 24))
    assert reminder == DueOccurrence(local_date=date(2026, 12, 24), due_at_utc=utc(2026, 12, 24, 20, 0))


def test_not_before_local_date_in_the_past_changes_nothing() -> None:
    after = utc(2026, 6, 1, 12, 0)
    plain = next_due(time(21, 0), BERLIN, after)
    assert next_due(time(21, 0), BERLIN, after, not_before_local_date=date(2026, 5, 1)) == plain
    assert next_due(time(21, 0), BERLIN, after, not_before_local_date=date(2026, 6, 1)) == plain


def test_not_before_local_date_never_returns_an_instant_in_the_past() -> None:
    # 21:00 on 2026-06-01 has passed at 20:00 UTC, so even with not_before that day the next one is 06-02.
    reminder = next_due(time(21, 0), BERLIN, utc(2026, 6, 1, 20, 0), not_before_local_date=date(2026, 6, 1))
    assert reminder.local_date == date(2026, 6, 2)


def test_due_reminder_is_frozen() -> None:
    reminder = next_due(time(21, 0), BERLIN, utc(2026, 6, 1, 12, 0))
    with pytest.raises(AttributeError):
        reminder.local_date = date(2000, 1, 1)  # type: ignore[misc]


# ---------------------------------------------------------------- reminder_date


@pytest.mark.parametrize(
    ("due_at_utc", "local_time", "zone", "expected"),
    [
        (utc(2026, 6, 1, 7, 0), time(21, 0), KIRITIMATI, date(2026, 6, 1)),
        (utc(2026, 5, 31, 19, 0), time(9, 0), KIRITIMATI, date(2026, 6, 1)),
        (utc(2026, 6, 2, 8, 0), time(21, 0), PAGO_PAGO, date(2026, 6, 1)),
        (utc(2026, 6, 1, 15, 30), time(21, 0), KOLKATA, date(2026, 6, 1)),
        (utc(2026, 6, 1, 18, 30), time(0, 0), KOLKATA, date(2026, 6, 2)),
        (utc(2026, 3, 29, 1, 0), time(2, 30), BERLIN, date(2026, 3, 29)),  # moved within the same day
        (utc(2026, 10, 25, 0, 30), time(2, 30), BERLIN, date(2026, 10, 25)),
        (utc(2026, 6, 1, 21, 0), time(21, 0), ZoneInfo("UTC"), date(2026, 6, 1)),
        (utc(2026, 6, 1, 15, 30), time(21, 0), zone_from_name("UTC+05:30"), date(2026, 6, 1)),
    ],
)
def test_reminder_date_is_the_local_date_the_reminder_belongs_to(
    due_at_utc: datetime, local_time: time, zone: tzinfo, expected: date
) -> None:
    assert reminder_date(due_at_utc, local_time, zone) == expected


@pytest.mark.parametrize(
    ("zone_name", "local_time", "after_utc", "expected_date", "expected_wall"),
    [
        # America/Nuuk (and Scoresbysund) jump 23:00 -> 00:00 on the last Saturday of March.
        ("America/Nuuk", time(23, 30), utc(2026, 3, 28, 12, 0), date(2026, 3, 28), datetime(2026, 3, 29, 0, 0)),
        (
            "America/Scoresbysund",
            time(23, 30),
            utc(2026, 3, 28, 12, 0),
            date(2026, 3, 28),
            datetime(2026, 3, 29, 0, 0),
        ),
        # Asia/Pyongyang jumped 23:30 -> 00:00 on 2018-05-04.
        ("Asia/Pyongyang", time(23, 45), utc(2018, 5, 4, 0, 0), date(2018, 5, 4), datetime(2018, 5, 5, 0, 0)),
    ],
)
def test_reminder_moved_past_midnight_by_a_gap_still_belongs_to_the_evening_before(
    zone_name: str, local_time: time, after_utc: datetime, expected_date: date, expected_wall: datetime
) -> None:
    zone = ZoneInfo(zone_name)
    reminder = next_due(local_time, zone, after_utc)
    assert reminder.local_date == expected_date
    assert wall_clock(reminder.due_at_utc, zone) == expected_wall
    assert reminder_date(reminder.due_at_utc, local_time, zone) == expected_date


def test_chaining_by_reminder_date_gives_every_local_date_exactly_one_reminder_in_nuuk() -> None:
    # The store's loop: after sending, the next reminder is the first one after the evening just served.
    local_time = time(23, 30)
    due = next_due(local_time, NUUK, utc(2026, 3, 20, 12, 0))
    served: list[date] = []
    for _ in range(15):
        served.append(reminder_date(due.due_at_utc, local_time, NUUK))
        due = next_due(local_time, NUUK, due.due_at_utc, not_before_local_date=served[-1] + timedelta(days=1))
    assert served == [date(2026, 3, 20) + timedelta(days=i) for i in range(15)]


def test_samoas_skipped_day_at_midnight_shares_its_reminder_with_the_next_day() -> None:
    # 2011-12-30 never existed in Samoa, so its 00:00 and 2011-12-31 00:00 are the same instant: one reminder.
    first = next_due(time(0, 0), APIA, utc(2011, 12, 29, 0, 0))
    second = next_due(time(0, 0), APIA, first.due_at_utc)
    third = next_due(time(0, 0), APIA, second.due_at_utc)
    assert [first.local_date, second.local_date, third.local_date] == [
        date(2011, 12, 29),
        date(2011, 12, 30),
        date(2012, 1, 1),
    ]
    assert wall_clock(second.due_at_utc, APIA) == datetime(2011, 12, 31, 0, 0)
    assert local_instant(date(2011, 12, 31), time(0, 0), APIA) == second.due_at_utc
    assert reminder_date(second.due_at_utc, time(0, 0), APIA) == date(2011, 12, 31)


# ---------------------------------------------------------------- properties


zone_names = st.sampled_from(INTERESTING_ZONES)
# Bias towards the hours where DST switches happen, and the edges of the day.
local_times = st.one_of(
    st.builds(time, st.sampled_from([0, 1, 2, 3, 4, 23]), st.integers(0, 59)),
    st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45])),
    st.builds(time, st.integers(0, 23), st.integers(0, 59)),
)
instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 1, 1), timezones=st.just(UTC))


@HYPOTHESIS_SETTINGS
@example(zone_name="Pacific/Apia", local_time=time(0, 0), start=utc(2011, 6, 1))
@example(zone_name="Pacific/Apia", local_time=time(20, 0), start=utc(2011, 6, 1))
@example(zone_name="America/Nuuk", local_time=time(23, 30), start=utc(2026, 1, 1))
@example(zone_name="Asia/Pyongyang", local_time=time(23, 45), start=utc(2017, 12, 1))
@example(zone_name="Pacific/Chatham", local_time=time(3, 0), start=utc(2026, 1, 1))
@given(zone_name=zone_names, local_time=local_times, start=instants)
def test_a_year_of_consecutive_reminders_has_one_per_local_date_at_the_requested_time(
    zone_name: str, local_time: time, start: datetime
) -> None:
    zone = zone_from_name(zone_name)
    reminders = [next_due(local_time, zone, start)]
    for _ in range(365):
        reminders.append(next_due(local_time, zone, reminders[-1].due_at_utc))
    assert reminders[0].due_at_utc > start
    for previous, current in pairwise(reminders):
        assert current.due_at_utc > previous.due_at_utc
        skipped = previous.local_date + timedelta(days=1)
        if current.local_date != skipped:
            # Only a date whose reminder is the very instant of one sent (a skipped day, Samoa 2011) is merged.
            assert current.local_date == skipped + timedelta(days=1)
            assert local_instant(skipped, local_time, zone) in {previous.due_at_utc, current.due_at_utc}
    for reminder in reminders:
        assert reminder.due_at_utc.utcoffset() == timedelta(0)
        assert_follows_house_rule(reminder, local_time, zone)
        assert_keyed_by_its_date(reminder, local_time, zone)


@HYPOTHESIS_SETTINGS
@example(zone_name="Pacific/Apia", local_time=time(0, 0), start=utc(2011, 6, 1))
@example(zone_name="Pacific/Apia", local_time=time(20, 0), start=utc(2011, 6, 1))
@example(zone_name="America/Nuuk", local_time=time(23, 30), start=utc(2026, 1, 1))
@example(zone_name="Asia/Pyongyang", local_time=time(23, 45), start=utc(2017, 12, 1))
@example(zone_name="Pacific/Chatham", local_time=time(3, 0), start=utc(2026, 1, 1))
@given(zone_name=zone_names, local_time=local_times, start=instants)
def test_chaining_like_the_store_serves_every_local_date_once(
    zone_name: str, local_time: time, start: datetime
) -> None:
    zone = zone_from_name(zone_name)
    due = next_due(local_time, zone, start)
    served: list[tuple[date, datetime]] = []
    for _ in range(120):
        key = reminder_date(due.due_at_utc, local_time, zone)
        served.append((key, due.due_at_utc))
        due = next_due(local_time, zone, due.due_at_utc, not_before_local_date=key + timedelta(days=1))
    for (previous_date, previous_at), (current_date, current_at) in pairwise(served):
        assert current_at > previous_at
        skipped = previous_date + timedelta(days=1)
        if current_date != skipped:
            assert current_date == skipped + timedelta(days=1)
            assert local_instant(skipped, local_time, zone) in {previous_at, current_at}  # Samoa 2011, as above
    for key, at in served:
        assert local_instant(key, local_time, zone) == at


@HYPOTHESIS_SETTINGS
@given(zone_name=zone_names, local_time=local_times, after=instants)
def test_next_due_is_the_first_reminder_strictly_after_the_instant(
    zone_name: str, local_time: time, after: datetime
) -> None:
    zone = zone_from_name(zone_name)
    reminder = next_due(local_time, zone, after)
    assert reminder.due_at_utc > after
    assert local_instant(reminder.local_date - timedelta(days=1), local_time, zone) <= after
    assert reminder.due_at_utc == local_instant(reminder.local_date, local_time, zone)
    assert_follows_house_rule(reminder, local_time, zone)
    assert_keyed_by_its_date(reminder, local_time, zone)


@HYPOTHESIS_SETTINGS
@given(zone_name=zone_names, local_time=local_times, after=instants, days=st.integers(-3, 40))
def test_not_before_local_date_gives_the_first_reminder_on_or_after_that_date(
    zone_name: str, local_time: time, after: datetime, days: int
) -> None:
    zone = zone_from_name(zone_name)
    not_before = after.astimezone(zone).date() + timedelta(days=days)
    reminder = next_due(local_time, zone, after, not_before_local_date=not_before)
    assert reminder.due_at_utc > after
    assert reminder.local_date >= not_before
    if reminder.local_date > not_before:
        assert local_instant(reminder.local_date - timedelta(days=1), local_time, zone) <= after
    assert_follows_house_rule(reminder, local_time, zone)


@HYPOTHESIS_SETTINGS
@given(zone_name=zone_names, local_time=local_times, after=instants)
def test_next_due_does_not_depend_on_the_zone_the_instant_is_expressed_in(
    zone_name: str, local_time: time, after: datetime
) -> None:
    zone = zone_from_name(zone_name)
    assert next_due(local_time, zone, after.astimezone(zone)) == next_due(local_time, zone, after)


@HYPOTHESIS_SETTINGS
@given(offset_minutes=st.integers(-14 * 60, 14 * 60), local_time=local_times, after=instants)
def test_fixed_offset_zone_reminder_is_wall_time_minus_offset(
    offset_minutes: int, local_time: time, after: datetime
) -> None:
    offset = timedelta(minutes=offset_minutes)
    zone = zone_from_name(offset_zone_name(offset))
    reminder = next_due(local_time, zone, after)
    assert reminder.due_at_utc == datetime.combine(reminder.local_date, local_time, tzinfo=UTC) - offset
    assert timedelta(0) < reminder.due_at_utc - after <= timedelta(days=1)
