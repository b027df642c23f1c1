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
from bot.core.onset import Onset, Sitting, parse_onset, parse_sitting
from bot.core.parsing import ROW_ID_MAX, parse_int, parse_iso_date

CALLBACK_DATA_LIMIT = 64  # bytes of UTF-8, Telegram's limit

ReminderAction = Literal["done", "snooze", "skip"]
CheckinStep = Literal["back", "save"]  # Change score, Save
OnsetQuestion = Literal["onset", "arms", "sit"]  # the check-in's onset questions, as Skip names them
ONSET_QUESTIONS: tuple[OnsetQuestion, ...] = ("onset", "arms", "sit")
Decision = Literal["confirm", "cancel"]

# [0-9], not \d: a button's numbers are ASCII (bot.core.parsing), and \Z, not $, which also matches before a "\n".
_DAY = r"(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})"

# The evening reminder: rem:ACTION:EVENING.
REMINDER_PATTERN = re.compile(rf"^rem:(?P<action>done|snooze|skip):{_DAY}\Z")
# The morning check-in: ci:score:NIGHT:SCORE, ci:f:NIGHT:FACTOR:0|1, ci:back:NIGHT, ci:save:NIGHT; and its onset
# questions: ci:on:NIGHT:ONSET, ci:arms:NIGHT:0|1, ci:sit:NIGHT:SITTING, ci:skip:NIGHT:onset|arms|sit.
CHECKIN_PATTERN = re.compile(rf"^ci:(?P<action>score|f|save|back|on|arms|sit|skip):{_DAY}(?::(?P<argument>.+))?\Z")
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


def onset_data(night: date, onset: Onset) -> str:
    """``ci:on:2026-11-24:afternoon``: when symptoms started on the day ``night`` began (bot.core.onset keys)."""
    return _checked(f"ci:on:{night.isoformat()}:{onset.value}")


def arms_data(night: date, arms: bool) -> str:
    """``ci:arms:2026-11-24:1``: symptoms reached the arms or elsewhere that week (``1``) or not (``0``)."""
    return _checked(f"ci:arms:{night.isoformat()}:{1 if arms else 0}")


def sitting_data(night: date, sitting: Sitting) -> str:
    """``ci:sit:2026-11-24:under15``: how long sitting still in the evening before symptoms start."""
    return _checked(f"ci:sit:{night.isoformat()}:{sitting.value}")


def skip_data(night: date, question: OnsetQuestion) -> str:
    """``ci:skip:2026-11-24:onset``: go on to the check-in's next step without answering ``question``."""
    return _checked(f"ci:skip:{night.isoformat()}:{question}")


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


def onset_of(argument: str) -> Onset | None:
    """The onset band after ``ci:on:DATE:``."""
    return parse_onset(argument)


def arms_of(argument: str) -> bool | None:
    """The arms answer after ``ci:arms:DATE:``: ``1`` yes, ``0`` no."""
    return {"1": True, "0": False}.get(argument)


def sitting_of(argument: str) -> Sitting | None:
    """The sitting-still band after ``ci:sit:DATE:``."""
    return parse_sitting(argument)


def skipped_question(argument: str) -> OnsetQuestion | None:
    """The question after ``ci:skip:DATE:``."""
    return next((question for question in ONSET_QUESTIONS if question == argument), None)


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


# --- /meds (patterns, builders, readers) ---

MedsAction = Literal[
    "list", "add", "other", "hist", "pick", "card", "dose", "times", "remind", "stop", "stopok", "restart", "skipd",
    "skipt",
]  # fmt: skip
MedsSkip = Literal["skipd", "skipt"]  # ⏭ Skip while adding: the dose, the usual times
DoseAction = Literal["taken", "snooze", "skip"]
# /meds: md:ACTION (list, add, other, hist), md:pick:KEY (a medicine of the catalogue), md:ACTION:ID (a medicine's
# card and its buttons), md:remind:ID:1|0. The id is the medicine's row id: the store finds it only in the chat's own.
MEDS_PATTERN = re.compile(
    r"^md:(?P<action>list|add|other|hist|pick|card|dose|times|remind|stop|stopok|restart|skipd|skipt)"
    r"(?::(?P<argument>[a-z0-9-]{1,24}))?(?::(?P<switch>[01]))?\Z"
)
# A medicine reminder's buttons: md:ACTION:DATE:SLOT, the local date of the reminder and its dose time's id.
DOSE_PATTERN = re.compile(rf"^md:(?P<action>taken|snooze|skip):{_DAY}:(?P<slot>[0-9]{{1,10}})\Z")
_MEDS_BARE: frozenset[str] = frozenset({"list", "add", "other", "hist"})


def meds_data(action: MedsAction, argument: int | str | None = None, switch: bool | None = None) -> str:
    """``md:list`` (All medicines), ``md:add`` (➕), ``md:other`` (Another medicine), ``md:hist`` (History);
    ``md:pick:ropinirole`` (a catalogue medicine); ``md:card:12``, ``md:dose:12``, ``md:times:12``,
    ``md:stop:12``, ``md:stopok:12`` (Stopped today), ``md:restart:12``, ``md:skipd:12`` and ``md:skipt:12`` (Skip
    the dose or the times while adding); ``md:remind:12:1`` (on) or ``md:remind:12:0`` (off), saying what it sets."""
    parts = ["md", action]
    if argument is not None:
        parts.append(str(argument))
    if switch is not None:
        parts.append("1" if switch else "0")
    return _checked(":".join(parts))


def dose_data(action: DoseAction, local_date: date, slot: str) -> str:
    """``md:taken:2026-11-25:7``: ✅ Taken, ⏰ Snooze or Skip under the reminder of dose time 7 on that date."""
    return _checked(f"md:{action}:{local_date.isoformat()}:{slot}")


@dataclass(frozen=True)
class MedsPress:
    """A press on a /meds button: its action, the medicine it names (a row id), the catalogue key of ``pick``, and
    what ``remind`` sets."""

    action: MedsAction
    medicine_id: int | None = None
    key: str | None = None
    on: bool | None = None


def meds_press(match: re.Match[str]) -> MedsPress | None:
    """The press a MEDS_PATTERN match encodes, if its parts fit its action (an id within the range of row ids, a
    switch only on ``remind``); None otherwise."""
    action: MedsAction = match["action"]  # type: ignore[assignment]  # the pattern lists exactly MedsAction
    argument, switch = match["argument"], match["switch"]
    if action in _MEDS_BARE:
        return MedsPress(action) if argument is None and switch is None else None
    if action == "pick":
        return MedsPress(action, key=argument) if argument and switch is None else None
    medicine_id = parse_int(argument or "", 1, ROW_ID_MAX)
    if medicine_id is None or (switch is None) != (action != "remind"):
        return None
    return MedsPress(action, medicine_id, on=switch == "1" if switch is not None else None)


@dataclass(frozen=True)
class DosePress:
    """A press under a medicine reminder: Taken, Snooze or Skip, the reminder's local date and its slot."""

    action: DoseAction
    day: date
    slot: str


def dose_press(match: re.Match[str]) -> DosePress | None:
    """The press a DOSE_PATTERN match encodes, if its date is a real day and its slot a possible row id."""
    day = parse_iso_date(match["day"])
    slot = parse_int(match["slot"], 1, ROW_ID_MAX)
    if day is None or slot is None:
        return None
    action: DoseAction = match["action"]  # type: ignore[assignment]  # the pattern lists exactly DoseAction
    return DosePress(action, day, str(slot))


# --- /iron (patterns, builders, readers) ---

IronAction = Literal["add", "day", "skip", "m", "inf", "infdel", "test", "testoff", "rc", "info"]
IronStep = Literal["ferritin", "tsat", "hb"]  # the questions of ➕ Add a result that can be skipped
IRON_STEPS: tuple[IronStep, ...] = ("ferritin", "tsat", "hb")
IRON_MORNING_ANSWERS = {"y": True, "n": False, "u": None}  # Yes, No, Not sure
IRON_RECALL_OFF = "off"
# /iron's buttons: ir:ACTION or ir:ACTION:ARGUMENT (a date, a step, a date and an answer, months or off).
IRON_PATTERN = re.compile(
    r"^ir:(?P<action>add|day|skip|m|inf|infdel|test|testoff|rc|info)(?::(?P<argument>[a-z0-9:-]{1,16}))?\Z"
)
_IRON_MORNING_ARGUMENT = re.compile(rf"^{_DAY}:(?P<answer>[ynu])\Z")
_IRON_RECALL_MONTHS_MAX = 24


def iron_data(action: IronAction, argument: str = "") -> str:
    """``ir:add`` (➕ Add a result), ``ir:inf`` (💉), ``ir:test`` (🗓), ``ir:rc`` (🔔), ``ir:info`` (ℹ️); with an
    argument: ``ir:day:2026-11-25`` (the result's day), ``ir:skip:tsat``, ``ir:m:2026-11-25:y`` (morning after 24 h
    without iron: y, n or u for not sure), ``ir:inf:2026-11-25`` (an infusion that day), ``ir:infdel:2026-11-02``,
    ``ir:testoff``, ``ir:rc:6`` or ``ir:rc:off``."""
    return _checked(f"ir:{action}:{argument}" if argument else f"ir:{action}")


def iron_morning_data(drawn_on: date, answer: bool | None) -> str:
    """``ir:m:2026-11-25:y``: the answer to "morning, after 24 h without iron?" for the result of that day."""
    code = next(code for code, value in IRON_MORNING_ANSWERS.items() if value is answer)
    return iron_data("m", f"{drawn_on.isoformat()}:{code}")


@dataclass(frozen=True)
class IronPress:
    """A press on an /iron button: its action, the day it names (if any), and its other argument (a step, the
    months as digits, ``off``, or the morning answer's code)."""

    action: IronAction
    day: date | None = None
    choice: str = ""


_IRON_BARE: frozenset[str] = frozenset({"add", "test", "testoff", "info"})
_IRON_DATED: frozenset[str] = frozenset({"day", "infdel"})


def iron_press(match: re.Match[str]) -> IronPress | None:
    """The press an IRON_PATTERN match encodes, if its argument fits its action (a real day, a known step, months
    from 1 to 24); None otherwise."""
    action: IronAction = match["action"]  # type: ignore[assignment]  # the pattern lists exactly IronAction
    argument = match["argument"] or ""
    if action in _IRON_BARE or (action in ("inf", "rc") and not argument):
        return None if argument else IronPress(action)
    if action in _IRON_DATED or action == "inf":
        day = parse_iso_date(argument)
        return IronPress(action, day) if day is not None else None
    if action == "skip":
        return IronPress(action, choice=argument) if argument in IRON_STEPS else None
    if action == "m":
        morning = _IRON_MORNING_ARGUMENT.match(argument)
        day = parse_iso_date(morning["day"]) if morning else None
        return IronPress(action, day, morning["answer"]) if morning and day else None
    if argument == IRON_RECALL_OFF or parse_int(argument, 1, _IRON_RECALL_MONTHS_MAX) is not None:
        return IronPress(action, choice=argument)
    return None


# --- /notes (pattern, builder, reader) ---

# /notes: nt:del:ID, 🗑 under the list. The id is the note's row id: the store finds it only among the chat's own.
NOTES_PATTERN = re.compile(r"^nt:del:(?P<id>[0-9]{1,10})\Z")


def note_delete_data(note_id: int) -> str:
    """``nt:del:42``: delete note 42 (a second press finds nothing and changes nothing)."""
    return _checked(f"nt:del:{note_id}")


def note_press(match: re.Match[str]) -> int | None:
    """The note id a NOTES_PATTERN match names, within the range of row ids; None otherwise."""
    return parse_int(match["id"], 1, ROW_ID_MAX)
