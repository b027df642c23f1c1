"""Unit tests of ``bot.core.timeparse``: the reminder times people type, and the one form we print."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.timeparse import TimeParseError, format_local_time, parse_local_time

ALL_MINUTES = [time(hour, minute) for hour in range(24) for minute in range(60)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21:30", time(21, 30)),
        ("9:30pm", time(21, 30)),
        ("9:30 PM", time(21, 30)),
        ("9:30 p.m.", time(21, 30)),
        ("9:30p.m", time(21, 30)),
        ("9.30pm", time(21, 30)),
        ("21.30", time(21, 30)),
        ("2130", time(21, 30)),
        ("0930", time(9, 30)),
        ("930", time(9, 30)),
        ("930pm", time(21, 30)),
        ("9pm", time(21, 0)),
        ("9 pm", time(21, 0)),
        ("9 PM", time(21, 0)),
        ("9am", time(9, 0)),
        ("9 a.m.", time(9, 0)),
        ("21", time(21, 0)),
        ("9", time(9, 0)),
        ("21h30", time(21, 30)),
        ("21H30", time(21, 30)),
        ("21 30", time(21, 30)),
        ("21: 30", time(21, 30)),
        ("0:00", time(0, 0)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("12am", time(0, 0)),
        ("12:30am", time(0, 30)),
        ("12pm", time(12, 0)),
        ("12:30pm", time(12, 30)),
        ("1am", time(1, 0)),
        ("11:59pm", time(23, 59)),
        ("  21:30  ", time(21, 30)),
        ("\t9:30pm\n", time(21, 30)),
        ("07:05", time(7, 5)),
    ],
)
def test_accepts_the_ways_people_type_a_time(text: str, expected: time) -> None:
    assert parse_local_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "25:99",
        "24:00",
        "24",
        "2400",
        "abc",
        "",
        "   ",
        "13pm",
        "13:00pm",
        "0am",
        "0:30am",
        "00pm",
        "9:7",
        "21:60",
        "2160",
        "-1:00",
        "+9:00",
        "9:30:00",
        "21:30 tonight",
        "at 21:30",
        "9:30 xm",
        "21::30",
        "2 1:30",
        "12345",
        "99",
        "1e3",
        "9:3O",
    ],
)
def test_rejects_what_is_not_a_time_of_day(text: str) -> None:
    with pytest.raises(TimeParseError):
        parse_local_time(text)


def test_time_parse_error_is_a_value_error_naming_the_text() -> None:
    with pytest.raises(ValueError, match="25:99"):
        parse_local_time("25:99")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(time(0, 0), "00:00"), (time(9, 5), "09:05"), (time(21, 30), "21:30"), (time(23, 59), "23:59")],
)
def test_format_is_zero_padded_24_hour(value: time, expected: str) -> None:
    assert format_local_time(value) == expected


def test_format_drops_seconds() -> None:
    assert format_local_time(time(21, 30, 59)) == "21:30"


def test_every_minute_of_the_day_round_trips_through_its_formatted_text() -> None:
    for value in ALL_MINUTES:
        text = format_local_time(value)
        parsed = parse_local_time(text)
        assert parsed == value
        assert format_local_time(parsed) == text


def test_every_minute_of_the_day_parses_in_every_separator_style() -> None:
    for value in ALL_MINUTES:
        for text in (
            f"{value.hour}:{value.minute:02d}",
            f"{value.hour:02d}.{value.minute:02d}",
            f"{value.hour}h{value.minute:02d}",
            f"{value.hour}{value.minute:02d}",
            f"{value.hour:02d}{value.minute:02d}",
        ):
            assert parse_local_time(text) == value, text


def test_every_minute_of_the_day_parses_in_twelve_hour_form() -> None:
    for value in ALL_MINUTES:
        hour12 = value.hour % 12 or 12
        suffix = "pm" if value.hour >= 12 else "am"
        for text in (f"{hour12}:{value.minute:02d}{suffix}", f"{hour12}:{value.minute:02d} {suffix.upper()}"):
            assert parse_local_time(text) == value, text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_only_ever_raises_time_parse_error(text: str) -> None:
    try:
        parsed = parse_local_time(text)
    except TimeParseError:
        return
    assert parsed.second == 0
    assert parsed.tzinfo is None


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("0123456789:.hH apmAPM"), max_size=10),
)
def test_time_like_text_only_ever_raises_time_parse_error(text: str) -> None:
    try:
        parsed = parse_local_time(text)
    except TimeParseError:
        return
    assert parse_local_time(format_local_time(parsed)) == parsed


@settings(max_examples=200, deadline=None)
@given(hour=st.integers(0, 99), minute=st.integers(0, 99))
def test_out_of_range_hours_and_minutes_are_rejected(hour: int, minute: int) -> None:
    text = f"{hour}:{minute:02d}"
    if hour <= 23 and minute <= 59:
        assert parse_local_time(text) == time(hour, minute)
    else:
        with pytest.raises(TimeParseError):
            parse_local_time(text)
