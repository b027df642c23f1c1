"""Callback data: the contract between the buttons we send and the handlers that answer them.

Every pattern a button handler is registered with (compiled, with named groups: PTB hands the handler the match
as ``context.matches[0]``), every reader of a match, and every builder of the data a button carries live here.
Every builder goes through one guard: Telegram allows 64 bytes of callback data.

The data on the wire never changes shape: buttons under old messages in people's chats must keep working. It
names the evening or night a button belongs to (never a row id), so a press on an old message, a second press,
or a press after /delete finds its data or finds nothing, and never the wrong row. Data that matches a pattern
but names no real day, number or factor reads as None: the handler answers it as a stale button.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.content import LANGUAGES, PAGE_KEYS
from bot.core.checkins import SCORE_MAX, SCORE_MIN
from bot.core.parsing import ROW_ID_MAX, parse_int, parse_iso_date

CALLBACK_DATA_LIMIT = 64  # bytes of UTF-8, Telegram's limit

ReminderAction = Literal["done", "snooze", "skip"]
CheckinStep = Literal["back", "save"]  # Change score, Save
Decision = Literal["confirm", "cancel"]

# [0-9], not \d: a button's numbers are ASCII (bot.core.parsing), and \Z, not $, which also matches before a "\n".
_DAY = r"(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})"

# The evening reminder: rem:ACTION:EVENING.
REMINDER_PATTERN = re.compile(rf"^rem:(?P<action>done|snooze|skip):{_DAY}\Z")
# The morning check-in: ci:score:NIGHT:SCORE, ci:f:NIGHT:FACTOR:0|1, ci:back:NIGHT, ci:save:NIGHT.
CHECKIN_PATTERN = re.compile(rf"^ci:(?P<action>score|f|save|back):{_DAY}(?::(?P<argument>.+))?\Z")
# /delete's Confirm and Cancel.
DELETE_PATTERN = re.compile(r"^del:(?P<action>confirm|cancel)\Z")
# /broadcast's Confirm and Cancel under the preview of broadcast ID.
BROADCAST_PATTERN = re.compile(r"^broadcast:(?P<action>confirm|cancel):(?P<id>[0-9]{1,10})\Z")
# An information page's overview (pg:PAGE), one of its sections (pg:PAGE:SECTION) or the references (pg:about:refs-N).
PAGE_PATTERN = re.compile(rf"^pg:(?P<page>{'|'.join(PAGE_KEYS)})(?::(?P<part>[a-z0-9-]+))?\Z")
# /topics: one topic on or off (tp:TOPIC), or Done.
TOPIC_PATTERN = re.compile(r"^tp:(?P<topic>[a-z0-9-]+)\Z")
# /selfcheck: the answers so far (sc:yyn), or Keep my answers (sc:keep:yynnyyny).
SELFCHECK_PATTERN = re.compile(r"^sc:(?P<keep>keep:)?(?P<answers>[yn]*)\Z")
# /language: one button per language.
LANGUAGE_PATTERN = re.compile(rf"^lang:(?P<language>{'|'.join(LANGUAGES)})\Z")

_FACTOR_ARGUMENT = re.compile(r"^(?P<factor>[a-z_]{1,32}|own:[0-9]{1,10}):(?P<present>[01])\Z")
_REFERENCES = "refs"  # the one part of a page that is not a section: the citations under /about, "refs-2" for page 2
TOPICS_DONE = "done"  # tp:done closes /topics


def _checked(data: str) -> str:
    """``data`` itself, once it is known to fit in a button."""
    if len(data.encode()) > CALLBACK_DATA_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_DATA_LIMIT} bytes: {data!r}")
    return data


# --- builders ------------------------------------------------------------------------------------------------


def reminder_data(action: ReminderAction, evening: date) -> str:
    """``rem:done:2026-11-25``: ✅ Done, ⏰ Snooze or Skip tonight under the reminder of ``evening``."""
    return _checked(f"rem:{action}:{evening.isoformat()}")


def score_data(night: date, score: int) -> str:
    """``ci:score:2026-11-24:7``: one score of the check-in about ``night``."""
    return _checked(f"ci:score:{night.isoformat()}:{score}")


def factor_data(night: date, factor: str, present: bool) -> str:
    """``ci:f:2026-11-24:caffeine:1``: what the toggle sets (``1`` on, ``0`` off), not "toggle", so a double
    press is harmless."""
    return _checked(f"ci:f:{night.isoformat()}:{factor}:{1 if present else 0}")


def checkin_step_data(step: CheckinStep, night: date) -> str:
    """``ci:back:2026-11-24`` (Change score) or ``ci:save:2026-11-24`` (Save)."""
    return _checked(f"ci:{step}:{night.isoformat()}")


def delete_data(decision: Decision) -> str:
    """``del:confirm`` or ``del:cancel`` under /delete's question."""
    return _checked(f"del:{decision}")


def broadcast_data(decision: Decision, broadcast_id: int) -> str:
    """``broadcast:confirm:12`` or ``broadcast:cancel:12``: the data names the broadcast, so the buttons keep
    working across restarts."""
    return _checked(f"broadcast:{decision}:{broadcast_id}")


def page_data(page_key: str, section_id: str | None = None) -> str:
    """``pg:causes`` (the page's overview, Back) or ``pg:causes:iron`` (one of its sections)."""
    return _checked(f"pg:{page_key}:{section_id}" if section_id else f"pg:{page_key}")


def references_data(number: int | None = None) -> str:
    """``pg:about:refs`` (the first page of references) or ``pg:about:refs-2`` (page ``number``, from 1)."""
    return page_data("about", _REFERENCES if number is None else f"{_REFERENCES}-{number}")


def topic_data(topic_key: str) -> str:
    """``tp:caffeine``: turn one topic on or off; ``tp:done`` (TOPICS_DONE) closes the choice."""
    return _checked(f"tp:{topic_key}")


def selfcheck_data(answers: str, *, keep: bool = False) -> str:
    """``sc:yyn`` (the answers so far; ``sc:`` starts over) or ``sc:keep:yynnyyny`` (Keep my answers)."""
    return _checked(f"sc:keep:{answers}" if keep else f"sc:{answers}")


def language_data(language: str) -> str:
    """``lang:es``: speak this language from now on."""
    return _checked(f"lang:{language}")


# --- readers of a match --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatedPress:
    """A press on a button of one evening or night: ``rem:ACTION:DATE`` or ``ci:ACTION:DATE[:ARGUMENT]``."""

    action: str
    day: date
    argument: str


def dated_press(match: re.Match[str]) -> DatedPress | None:
    """The press a REMINDER_PATTERN or CHECKIN_PATTERN match encodes, if its date is a real day."""
    day = parse_iso_date(match["day"])
    if day is None:
        return None
    return DatedPress(match["action"], day, match.groupdict().get("argument") or "")


@dataclass(frozen=True)
class FactorPress:
    """A factor toggle: which factor, and whether the press marks it present."""

    factor: str
    present: bool


def factor_press(argument: str) -> FactorPress | None:
    """``caffeine:1`` or ``own:12:0`` after ``ci:f:DATE:``; whether the factor exists is for the caller to check."""
    match = _FACTOR_ARGUMENT.match(argument)
    return FactorPress(match["factor"], match["present"] == "1") if match else None


def score_of(argument: str) -> int | None:
    """The score after ``ci:score:DATE:``, SCORE_MIN to SCORE_MAX."""
    return parse_int(argument, SCORE_MIN, SCORE_MAX)


@dataclass(frozen=True)
class BroadcastPress:
    """Confirm or Cancel under the preview of one broadcast."""

    decision: Decision
    broadcast_id: int


def broadcast_press(match: re.Match[str]) -> BroadcastPress | None:
    """The press a BROADCAST_PATTERN match encodes; the id is range-checked here, so a number no row can have
    never reaches the database driver (bot.core.parsing.ROW_ID_MAX)."""
    broadcast_id = parse_int(match["id"], 1, ROW_ID_MAX)
    if broadcast_id is None:
        return None
    return BroadcastPress("confirm" if match["action"] == "confirm" else "cancel", broadcast_id)


def reference_index(part: str, pages: int) -> int | None:
    """The page of references (0-based, of ``pages``) that the part of a PAGE_PATTERN match opens: ``refs`` is
    the first, ``refs-2`` the second; None for a section's part or a page that does not exist."""
    if part == _REFERENCES:
        return 0
    prefix = f"{_REFERENCES}-"
    number = parse_int(part.removeprefix(prefix), 1, pages) if part.startswith(prefix) else None
    return number - 1 if number is not None else None
