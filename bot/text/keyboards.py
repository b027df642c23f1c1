"""Inline keyboards and their callback data: the contract between the messages we send and the handlers that
answer their buttons.

Callback data names the evening or night a button belongs to (never a row id), so a press on an old message,
a second press, or a press after /delete finds its data or finds nothing, and never the wrong row. Telegram
allows 64 bytes of callback data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.checkins import SCORE_MAX, SCORE_MIN
from bot.core.parsing import parse_int, parse_iso_date
from bot.text import strings
from bot.text.i18n import Texts

# [0-9], not \d: a button's numbers are ASCII (bot.core.parsing), and \Z, not $, which also matches before a "\n".
REMINDER_PATTERN = re.compile(r"^rem:(done|snooze|skip):([0-9]{4}-[0-9]{2}-[0-9]{2})\Z")
CHECKIN_PATTERN = re.compile(r"^ci:(score|f|save|back):([0-9]{4}-[0-9]{2}-[0-9]{2})(?::(.+))?\Z")
DELETE_PATTERN = re.compile(r"^del:(confirm|cancel)\Z")
_FACTOR_ARGUMENT = re.compile(r"^([a-z_]{1,32}|own:[0-9]{1,10}):([01])\Z")


def _button(text: str, data: str) -> InlineKeyboardButton:
    assert len(data.encode()) <= 64, data  # Telegram's limit for callback data
    return InlineKeyboardButton(text, callback_data=data)


def reminder_buttons(t: Texts, evening: date, *, snooze: bool) -> InlineKeyboardMarkup:
    """✅ Done, ⏰ Snooze (left out on the snoozed reminder itself) and Skip tonight."""
    day = evening.isoformat()
    row = [_button(t(strings.BUTTON_DONE), f"rem:done:{day}")]
    if snooze:
        row.append(_button(t(strings.BUTTON_SNOOZE), f"rem:snooze:{day}"))
    row.append(_button(t(strings.BUTTON_SKIP), f"rem:skip:{day}"))
    return InlineKeyboardMarkup([row])


def score_buttons(t: Texts, night: date, current: int | None = None) -> InlineKeyboardMarkup:
    """0 to 10 in two rows (eleven buttons in one row are too narrow to tap on a phone).

    The labels are numbers in every language; ``t`` keeps the signature in line with the other keyboards.
    """
    day = night.isoformat()

    def label(score: int) -> str:
        return f"•{score}•" if score == current else str(score)

    scores = range(SCORE_MIN, SCORE_MAX + 1)
    buttons = [_button(label(score), f"ci:score:{day}:{score}") for score in scores]
    return InlineKeyboardMarkup([buttons[:6], buttons[6:]])


def factor_buttons(
    t: Texts, night: date, labels: Mapping[str, str], present: Sequence[str] | frozenset[str]
) -> InlineKeyboardMarkup:
    """One toggle per factor, two to a row, then Change score and Save.

    ``labels`` are already in the person's language. Each button says what it will set (``:1`` on, ``:0``
    off), not "toggle", so a double press is harmless.
    """
    day = night.isoformat()
    toggles = [
        _button(
            f"{t(strings.FACTOR_ON) if factor in present else t(strings.FACTOR_OFF)} {label}",
            f"ci:f:{day}:{factor}:{0 if factor in present else 1}",
        )
        for factor, label in labels.items()
    ]
    rows = [toggles[index : index + 2] for index in range(0, len(toggles), 2)]
    rows.append(
        [
            _button(t(strings.BUTTON_CHANGE_SCORE), f"ci:back:{day}"),
            _button(t(strings.BUTTON_SAVE), f"ci:save:{day}"),
        ]
    )
    return InlineKeyboardMarkup(rows)


def delete_buttons(t: Texts) -> InlineKeyboardMarkup:
    confirm = _button(t(strings.BUTTON_DELETE_CONFIRM), "del:confirm")
    cancel = _button(t(strings.BUTTON_DELETE_CANCEL), "del:cancel")
    return InlineKeyboardMarkup([[confirm, cancel]])


@dataclass(frozen=True)
class DatedPress:
    """A press on a button of one evening or night: ``rem:ACTION:DATE`` or ``ci:ACTION:DATE[:ARGUMENT]``."""

    action: str
    day: date
    argument: str


def parse_dated(pattern: re.Pattern[str], data: str | None) -> DatedPress | None:
    """The press ``data`` encodes under ``pattern`` (REMINDER_PATTERN or CHECKIN_PATTERN), if its date is real."""
    match = pattern.match(data or "")
    day = parse_iso_date(match.group(2)) if match else None
    if match is None or day is None:
        return None
    argument = match.group(3) if pattern.groups >= 3 else None
    return DatedPress(match.group(1), day, argument or "")


@dataclass(frozen=True)
class FactorPress:
    factor: str
    present: bool


def parse_factor_argument(argument: str) -> FactorPress | None:
    """``caffeine:1`` or ``own:12:0`` after ``ci:f:DATE:``; whether the factor exists is for the caller to check."""
    match = _FACTOR_ARGUMENT.match(argument)
    return FactorPress(match.group(1), match.group(2) == "1") if match else None


def parse_score(argument: str) -> int | None:
    """The score after ``ci:score:DATE:``, SCORE_MIN to SCORE_MAX."""
    return parse_int(argument, SCORE_MIN, SCORE_MAX)
