"""The callback-data contract (bot.text.callbacks): the exact data every builder puts on the wire (buttons under
old messages in people's chats must keep working), each matched by its handler's pattern and read back, and the
64-byte guard."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from bot.core.onset import Onset, Sitting
from bot.text import callbacks

EVENING, NIGHT = date(2026, 11, 25), date(2026, 11, 24)

# What each builder sends, byte for byte, and the pattern whose handler answers it.
WIRE: list[tuple[str, str, re.Pattern[str]]] = [
    (callbacks.reminder_data("done", EVENING), "rem:done:2026-11-25", callbacks.REMINDER_PATTERN),
    (callbacks.reminder_data("snooze", EVENING), "rem:snooze:2026-11-25", callbacks.REMINDER_PATTERN),
    (callbacks.reminder_data("skip", EVENING), "rem:skip:2026-11-25", callbacks.REMINDER_PATTERN),
    (callbacks.score_data(NIGHT, 0), "ci:score:2026-11-24:0", callbacks.CHECKIN_PATTERN),
    (callbacks.score_data(NIGHT, 10), "ci:score:2026-11-24:10", callbacks.CHECKIN_PATTERN),
    (callbacks.factor_data(NIGHT, "caffeine", True), "ci:f:2026-11-24:caffeine:1", callbacks.CHECKIN_PATTERN),
    (callbacks.factor_data(NIGHT, "own:12", False), "ci:f:2026-11-24:own:12:0", callbacks.CHECKIN_PATTERN),
    (callbacks.checkin_step_data("back", NIGHT), "ci:back:2026-11-24", callbacks.CHECKIN_PATTERN),
    (callbacks.checkin_step_data("save", NIGHT), "ci:save:2026-11-24", callbacks.CHECKIN_PATTERN),
    (callbacks.onset_data(NIGHT, Onset.AFTERNOON), "ci:on:2026-11-24:afternoon", callbacks.CHECKIN_PATTERN),
    (callbacks.onset_data(NIGHT, Onset.NONE), "ci:on:2026-11-24:none", callbacks.CHECKIN_PATTERN),
    (callbacks.arms_data(NIGHT, True), "ci:arms:2026-11-24:1", callbacks.CHECKIN_PATTERN),
    (callbacks.arms_data(NIGHT, False), "ci:arms:2026-11-24:0", callbacks.CHECKIN_PATTERN),
    (callbacks.sitting_data(NIGHT, Sitting.UNDER_15), "ci:sit:2026-11-24:under15", callbacks.CHECKIN_PATTERN),
    (callbacks.sitting_data(NIGHT, Sitting.FROM_15_TO_60), "ci:sit:2026-11-24:15to60", callbacks.CHECKIN_PATTERN),
    (callbacks.skip_data(NIGHT, "onset"), "ci:skip:2026-11-24:onset", callbacks.CHECKIN_PATTERN),
    (callbacks.skip_data(NIGHT, "arms"), "ci:skip:2026-11-24:arms", callbacks.CHECKIN_PATTERN),
    (callbacks.skip_data(NIGHT, "sit"), "ci:skip:2026-11-24:sit", callbacks.CHECKIN_PATTERN),
    (callbacks.delete_data("confirm"), "del:confirm", callbacks.DELETE_PATTERN),
    (callbacks.note_delete_data(42), "nt:del:42", callbacks.NOTES_PATTERN),
    (callbacks.note_delete_data(2**31 - 1), "nt:del:2147483647", callbacks.NOTES_PATTERN),
    (callbacks.delete_data("cancel"), "del:cancel", callbacks.DELETE_PATTERN),
    (callbacks.broadcast_data("confirm", 12), "broadcast:confirm:12", callbacks.BROADCAST_PATTERN),
    (callbacks.broadcast_data("cancel", 12), "broadcast:cancel:12", callbacks.BROADCAST_PATTERN),
    (callbacks.page_data("causes"), "pg:causes", callbacks.PAGE_PATTERN),
    (callbacks.page_data("treatments", "iron"), "pg:treatments:iron", callbacks.PAGE_PATTERN),
    (callbacks.references_data(), "pg:about:refs", callbacks.PAGE_PATTERN),
    (callbacks.references_data(2), "pg:about:refs-2", callbacks.PAGE_PATTERN),
    (callbacks.topic_data("caffeine"), "tp:caffeine", callbacks.TOPIC_PATTERN),
    (callbacks.topic_data(callbacks.TOPICS_DONE), "tp:done", callbacks.TOPIC_PATTERN),
    (callbacks.selfcheck_data(""), "sc:", callbacks.SELFCHECK_PATTERN),
    (callbacks.selfcheck_data("yyn"), "sc:yyn", callbacks.SELFCHECK_PATTERN),
    (callbacks.selfcheck_data("yynnyyny", keep=True), "sc:keep:yynnyyny", callbacks.SELFCHECK_PATTERN),
    (callbacks.language_data("es"), "lang:es", callbacks.LANGUAGE_PATTERN),
]
PATTERNS = [
    callbacks.REMINDER_PATTERN,
    callbacks.CHECKIN_PATTERN,
    callbacks.DELETE_PATTERN,
    callbacks.BROADCAST_PATTERN,
    callbacks.PAGE_PATTERN,
    callbacks.TOPIC_PATTERN,
    callbacks.SELFCHECK_PATTERN,
    callbacks.LANGUAGE_PATTERN,
    callbacks.NOTES_PATTERN,
]


@pytest.mark.parametrize(("built", "wire", "pattern"), WIRE, ids=[wire for _, wire, _ in WIRE])
def test_every_builder_sends_the_data_old_buttons_carry_and_one_pattern_matches_it(
    built: str, wire: str, pattern: re.Pattern[str]
) -> None:
    assert built == wire
    assert [other.pattern for other in PATTERNS if re.match(other, wire)] == [pattern.pattern]


def _match(pattern: re.Pattern[str], data: str) -> re.Match[str]:
    match = re.match(pattern, data)  # as PTB's CallbackQueryHandler does; the handler gets context.matches[0]
    assert match is not None, data
    return match


def test_readers_give_back_what_the_builders_put_in() -> None:
    reminder = callbacks.dated_press(_match(callbacks.REMINDER_PATTERN, callbacks.reminder_data("snooze", EVENING)))
    assert reminder == callbacks.DatedPress("snooze", EVENING, "")
    score = callbacks.dated_press(_match(callbacks.CHECKIN_PATTERN, callbacks.score_data(NIGHT, 7)))
    assert score == callbacks.DatedPress("score", NIGHT, "7") and callbacks.score_of(score.argument) == 7
    factor = callbacks.dated_press(_match(callbacks.CHECKIN_PATTERN, callbacks.factor_data(NIGHT, "own:3", True)))
    assert factor is not None and callbacks.factor_press(factor.argument) == callbacks.FactorPress("own:3", True)
    broadcast = _match(callbacks.BROADCAST_PATTERN, callbacks.broadcast_data("cancel", 9))
    assert callbacks.broadcast_press(broadcast) == callbacks.BroadcastPress("cancel", 9)
    page = _match(callbacks.PAGE_PATTERN, callbacks.references_data(3))
    assert (page["page"], callbacks.reference_index(page["part"], 3)) == ("about", 2)
    assert callbacks.reference_index(_match(callbacks.PAGE_PATTERN, callbacks.references_data())["part"], 3) == 0
    keep = _match(callbacks.SELFCHECK_PATTERN, callbacks.selfcheck_data("yn", keep=True))
    assert (keep["keep"], keep["answers"]) == ("keep:", "yn")


@pytest.mark.parametrize(
    ("pattern", "data", "reader"),
    [
        (callbacks.REMINDER_PATTERN, "rem:done:2026-02-30", callbacks.dated_press),
        (callbacks.CHECKIN_PATTERN, "ci:score:0000-01-01:5", callbacks.dated_press),
        (callbacks.BROADCAST_PATTERN, "broadcast:confirm:9999999999", callbacks.broadcast_press),
        (callbacks.BROADCAST_PATTERN, "broadcast:confirm:0", callbacks.broadcast_press),
    ],
)
def test_data_that_matches_but_names_no_real_day_or_row_reads_as_none(
    pattern: re.Pattern[str], data: str, reader: Callable[[re.Match[str]], object]
) -> None:
    assert reader(_match(pattern, data)) is None


def test_no_builder_puts_more_than_64_bytes_in_a_button() -> None:
    assert len(callbacks.topic_data("a" * 61).encode()) == 64
    with pytest.raises(ValueError, match="64 bytes"):
        callbacks.topic_data("a" * 62)
    with pytest.raises(ValueError, match="64 bytes"):
        callbacks.page_data("about", "é" * 28)  # 37 characters, 65 bytes of UTF-8


def test_the_onset_answers_read_back_every_band_and_nothing_else() -> None:
    for onset in Onset:
        press = callbacks.dated_press(_match(callbacks.CHECKIN_PATTERN, callbacks.onset_data(NIGHT, onset)))
        assert press is not None and callbacks.onset_of(press.argument) is onset
    for sitting in Sitting:
        press = callbacks.dated_press(_match(callbacks.CHECKIN_PATTERN, callbacks.sitting_data(NIGHT, sitting)))
        assert press is not None and callbacks.sitting_of(press.argument) is sitting
    for arms in (True, False):
        press = callbacks.dated_press(_match(callbacks.CHECKIN_PATTERN, callbacks.arms_data(NIGHT, arms)))
        assert press is not None and callbacks.arms_of(press.argument) is arms
    for question in callbacks.ONSET_QUESTIONS:
        press = callbacks.dated_press(_match(callbacks.CHECKIN_PATTERN, callbacks.skip_data(NIGHT, question)))
        assert press is not None and callbacks.skipped_question(press.argument) == question
    # Longest of each within the limit, and nonsense reads as None (answered as a stale button).
    assert max(len(callbacks.onset_data(date(9999, 12, 31), onset).encode()) for onset in Onset) <= 64
    assert callbacks.onset_of("noon") is None and callbacks.sitting_of("15-60") is None
    assert callbacks.arms_of("yes") is None and callbacks.arms_of("2") is None
    assert callbacks.skipped_question("score") is None and callbacks.skipped_question("") is None


def test_a_note_button_reads_back_its_id_and_nothing_beyond_a_row_id() -> None:
    def read(data: str) -> int | None:
        match = callbacks.NOTES_PATTERN.match(data)
        return callbacks.note_press(match) if match else None

    assert read(callbacks.note_delete_data(42)) == 42
    assert read("nt:del:0") is None and read("nt:del:9999999999") is None
    assert callbacks.NOTES_PATTERN.match("nt:del:") is None and callbacks.NOTES_PATTERN.match("nt:del:4\n") is None
