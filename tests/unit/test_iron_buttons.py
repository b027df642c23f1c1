"""The /iron buttons' callback data (bot.text.callbacks): what each builder puts on the wire, that only the /iron
pattern matches it, that its reader gives back what was put in, and that nonsense reads as None."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.text import callbacks

DAY = date(2026, 11, 25)
ALL_PATTERNS = [value for name, value in vars(callbacks).items() if name.endswith("_PATTERN")]

WIRE: list[tuple[str, str, callbacks.IronPress]] = [
    (callbacks.iron_data("add"), "ir:add", callbacks.IronPress("add")),
    (callbacks.iron_data("day", DAY.isoformat()), "ir:day:2026-11-25", callbacks.IronPress("day", DAY)),
    (callbacks.iron_data("skip", "ferritin"), "ir:skip:ferritin", callbacks.IronPress("skip", choice="ferritin")),
    (callbacks.iron_data("skip", "tsat"), "ir:skip:tsat", callbacks.IronPress("skip", choice="tsat")),
    (callbacks.iron_data("skip", "hb"), "ir:skip:hb", callbacks.IronPress("skip", choice="hb")),
    (callbacks.iron_morning_data(DAY, True), "ir:m:2026-11-25:y", callbacks.IronPress("m", DAY, "y")),
    (callbacks.iron_morning_data(DAY, False), "ir:m:2026-11-25:n", callbacks.IronPress("m", DAY, "n")),
    (callbacks.iron_morning_data(DAY, None), "ir:m:2026-11-25:u", callbacks.IronPress("m", DAY, "u")),
    (callbacks.iron_data("inf"), "ir:inf", callbacks.IronPress("inf")),
    (callbacks.iron_data("inf", DAY.isoformat()), "ir:inf:2026-11-25", callbacks.IronPress("inf", DAY)),
    (callbacks.iron_data("infdel", DAY.isoformat()), "ir:infdel:2026-11-25", callbacks.IronPress("infdel", DAY)),
    (callbacks.iron_data("test"), "ir:test", callbacks.IronPress("test")),
    (callbacks.iron_data("testoff"), "ir:testoff", callbacks.IronPress("testoff")),
    (callbacks.iron_data("rc"), "ir:rc", callbacks.IronPress("rc")),
    (callbacks.iron_data("rc", "12"), "ir:rc:12", callbacks.IronPress("rc", choice="12")),
    (callbacks.iron_data("rc", callbacks.IRON_RECALL_OFF), "ir:rc:off", callbacks.IronPress("rc", choice="off")),
    (callbacks.iron_data("info"), "ir:info", callbacks.IronPress("info")),
]


@pytest.mark.parametrize(("built", "wire", "press"), WIRE, ids=[wire for _, wire, _ in WIRE])
def test_every_iron_button_sends_fixed_data_that_only_the_iron_pattern_matches_and_reads_back(
    built: str, wire: str, press: callbacks.IronPress
) -> None:
    assert built == wire
    assert [pattern for pattern in ALL_PATTERNS if re.match(pattern, wire)] == [callbacks.IRON_PATTERN]
    match = re.match(callbacks.IRON_PATTERN, wire)
    assert match is not None and callbacks.iron_press(match) == press


@pytest.mark.parametrize(
    "data",
    [
        "ir:day:2026-02-30",  # no such day
        "ir:day",  # a day button without its day
        "ir:infdel",
        "ir:skip:score",  # no such question
        "ir:m:2026-11-25:x",
        "ir:m:2026-11-25",
        "ir:rc:0",  # months from 1 to 24
        "ir:rc:25",
        "ir:rc:６",  # not ASCII
        "ir:add:2026-11-25",  # a bare button with an argument
        "ir:testoff:now",
    ],
)
def test_iron_data_that_names_no_real_day_step_answer_or_month_reads_as_a_stale_button(data: str) -> None:
    match = re.match(callbacks.IRON_PATTERN, data)
    assert match is None or callbacks.iron_press(match) is None


def test_the_longest_iron_data_fits_in_a_button() -> None:
    longest = max(
        callbacks.iron_morning_data(date(9999, 12, 31), None),
        callbacks.iron_data("infdel", date(9999, 12, 31).isoformat()),
        key=len,
    )
    assert len(longest.encode()) <= callbacks.CALLBACK_DATA_LIMIT


@given(st.text(alphabet="abcdefghikmnoprstuyz0123456789:-", max_size=24))
def test_any_data_the_iron_pattern_matches_reads_as_a_press_or_none_without_raising(argument: str) -> None:
    for action in ("add", "day", "skip", "m", "inf", "infdel", "test", "testoff", "rc", "info"):
        match = re.match(callbacks.IRON_PATTERN, f"ir:{action}:{argument}")
        if match is not None:
            press = callbacks.iron_press(match)
            assert press is None or press.action == action
