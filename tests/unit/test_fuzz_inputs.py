"""Property-based tests of every reader of what people type and buttons carry: command arguments and callback
data. Whatever the text (any Unicode, digits of every script, bytes decoded as text), a reader answers with a
value or "no", and only the errors it documents; numbers come out as ASCII digits within their stated range.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.content import PAGE_KEYS, Content
from bot.core.checkins import SCORE_MAX, SCORE_MIN
from bot.core.parsing import ROW_ID_MAX, parse_int, parse_iso_date
from bot.core.selfcheck import parse as parse_selfcheck
from bot.core.timeparse import TimeParseError, parse_local_time
from bot.core.zones import ZoneIndex, ZoneParseError
from bot.handlers.checkins import TRIGGER_NAME_LIMIT, TRIGGER_POSITION_MAX, read_trigger_request
from bot.handlers.common import command_argument
from bot.handlers.info import find_section
from bot.handlers.progress import weekday_from_text
from bot.services import system_zone_index
from bot.text import callbacks

T = TypeVar("T")
# Digits that str.isdigit() or \d accept and int() may or may not: superscripts, Arabic-Indic, full-width.
_LOOKALIKE_DIGITS = "0123456789²³¹⁰٠١٢٣٤٥٦٧٨٩０１２３４５６７８９߀"
TEXT = st.one_of(
    st.text(),
    st.text(alphabet=_LOOKALIKE_DIGITS + " -:.+\n\t"),
    st.binary().map(lambda raw: raw.decode("utf-8", "surrogateescape")),  # what a forged JSON escape can carry
    st.binary().map(lambda raw: raw.decode("latin-1")),
    st.integers().map(str),
)
# Real prefixes, so that the readers get past the first check and their deeper branches see the noise too.
CALLBACK_PREFIXES = (
    "rem:done:",
    "rem:snooze:2026-11-25",
    "ci:score:2026-11-24:",
    "ci:f:2026-11-24:",
    "ci:f:2026-11-24:own:",
    "ci:save:",
    "del:",
    "broadcast:confirm:",
    "broadcast:cancel:",
    "sc:",
    "sc:keep:",
    "pg:about:refs-",
    "pg:causes:",
    "tp:",
    "lang:",
)
CALLBACK_DATA = st.one_of(TEXT, st.tuples(st.sampled_from(CALLBACK_PREFIXES), TEXT).map("".join))
# Modest: this runs in CI's fast tier, once per reader.
FUZZ = settings(max_examples=100, deadline=None)


@pytest.fixture(scope="module")
def zones() -> ZoneIndex:
    return system_zone_index()


@FUZZ
@given(TEXT, st.integers(-5, 400), st.integers(-5, 400))
@example("²", 0, 10)
@example("9" * 5000, 0, 10)  # int() refuses more than 4300 digits
@example("007", 0, 10)
def test_parse_int_reads_only_ascii_digits_within_the_stated_range(text: str, low: int, high: int) -> None:
    value = parse_int(text, low, high)

    if value is not None:
        assert low <= value <= high
        assert re.fullmatch(r"[0-9]+", text) and int(text) == value
    elif re.fullmatch(r"[0-9]{1,6}", text):
        assert not low <= int(text) <= high


@FUZZ
@given(TEXT)
@example("２０２６-１１-２０")
@example("2026-02-30")
@example("0000-01-01")
def test_parse_iso_date_reads_only_real_days_in_ascii(text: str) -> None:
    day = parse_iso_date(text)

    assert day is None or (isinstance(day, date) and day.isoformat() == text)


@FUZZ
@given(st.integers(0, 200), st.text(alphabet="0123456789", min_size=1, max_size=5))
def test_parse_int_accepts_every_number_in_range(low: int, digits: str) -> None:
    assert parse_int(digits, low, low + 1000) == (int(digits) if low <= int(digits) <= low + 1000 else None)


@FUZZ
@given(TEXT)
@example("٢١:٣٠")
def test_times_raise_nothing_but_time_parse_error(text: str) -> None:
    try:
        parsed = parse_local_time(text)
    except TimeParseError:
        return
    assert re.search(r"[0-9]", text) and not re.search(r"[^\x00-\x7f]", re.sub(r"\s", "", text))
    assert 0 <= parsed.hour <= 23


@FUZZ
@given(TEXT)
@example("UTC+٥")
def test_zones_raise_nothing_but_zone_parse_error(zones: ZoneIndex, text: str) -> None:
    with contextlib.suppress(ZoneParseError):
        zones.resolve(text)


@FUZZ
@given(TEXT)
def test_command_arguments_and_the_words_commands_take_never_raise(text: str) -> None:
    argument = command_argument(f"/triggers {text}")
    assert argument == argument.strip()
    request = read_trigger_request(argument)
    if request is not None and request.verb in ("rename", "remove"):
        assert 1 <= request.position <= TRIGGER_POSITION_MAX
    if request is not None and request.name is not None:
        assert 1 <= len(request.name) <= TRIGGER_NAME_LIMIT
    day = weekday_from_text(text)
    assert day is None or 0 <= day <= 6


@FUZZ
@given(TEXT)
def test_page_words_never_raise(content: Content, text: str) -> None:
    for key in PAGE_KEYS:
        find_section(content, "es", key, text)


@pytest.mark.parametrize("position", ["²", "³⁰", "٣", "３", "-1", "0", "1.5", "100", "9" * 5000])
def test_trigger_positions_that_are_no_ascii_number_in_range_are_not_understood(position: str) -> None:
    assert read_trigger_request(f"remove {position}") is None
    assert read_trigger_request(f"rename {position} late dinner") is None


def _pattern_press(pattern: re.Pattern[str], then: Callable[[re.Match[str]], T]) -> Callable[[str], T | None]:
    """The reader as PTB and the handler apply it: the pattern's match (``context.matches[0]``), then ``then``."""

    def read(data: str) -> T | None:
        match = re.match(pattern, data)
        return then(match) if match else None

    return read


def _checkin_press(match: re.Match[str]) -> object:
    pressed = callbacks.dated_press(match)
    if pressed is None:
        return None
    return callbacks.score_of(pressed.argument), callbacks.factor_press(pressed.argument)


# Every callback-data reader, as its handler applies it (after the pattern PTB matches).
CALLBACK_READERS: dict[str, Callable[[str], object]] = {
    "reminder": _pattern_press(callbacks.REMINDER_PATTERN, callbacks.dated_press),
    "checkin": _pattern_press(callbacks.CHECKIN_PATTERN, _checkin_press),
    "delete": _pattern_press(callbacks.DELETE_PATTERN, lambda match: match["action"]),
    "broadcast": _pattern_press(callbacks.BROADCAST_PATTERN, callbacks.broadcast_press),
    "selfcheck": _pattern_press(callbacks.SELFCHECK_PATTERN, lambda match: parse_selfcheck(match["answers"], 8)),
    "page": _pattern_press(callbacks.PAGE_PATTERN, lambda match: callbacks.reference_index(match["part"] or "", 3)),
    "topics": _pattern_press(callbacks.TOPIC_PATTERN, lambda match: match["topic"]),
    "language": _pattern_press(callbacks.LANGUAGE_PATTERN, lambda match: match["language"]),
}


@FUZZ
@given(CALLBACK_DATA)
@example("ci:score:2026-11-24:²")
@example("ci:score:0001-01-01:5")
@example("ci:f:2026-11-24:own:99999999999999999999:1")
@example("broadcast:confirm:9223372036854775808")
@example("pg:about:refs-" + "9" * 5000)
@example("rem:done:2026-11-25\n")
def test_every_callback_reader_answers_a_value_or_none_for_any_data(data: str) -> None:
    for reader in CALLBACK_READERS.values():
        reader(data)


@FUZZ
@given(CALLBACK_DATA)
def test_numbers_read_from_callback_data_are_within_their_ranges(data: str) -> None:
    checkin = _pattern_press(callbacks.CHECKIN_PATTERN, callbacks.dated_press)(data)
    score = callbacks.score_of(checkin.argument) if checkin else None
    assert score is None or SCORE_MIN <= score <= SCORE_MAX
    broadcast = _pattern_press(callbacks.BROADCAST_PATTERN, callbacks.broadcast_press)(data)
    assert broadcast is None or 1 <= broadcast.broadcast_id <= ROW_ID_MAX
