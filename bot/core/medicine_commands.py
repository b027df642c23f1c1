"""Read the argument of ``/meds …`` (everything after the command) into one request, or a problem to explain.

Pure: no I/O, no Telegram, no database, no catalogue. ``parse_meds_command`` never raises: it returns one of the
request classes below, or a ``MedsProblem`` naming what it could not read so that the handler can answer with an
example of what is accepted. Keywords are English or Spanish, in any case, with or without accents (``añadir`` or
``anadir``); names and doses keep the person's own spelling.

N is the medicine's number in the list (1 to ``POSITION_MAX``). DATE is ``YYYY-MM-DD`` or ``today``/``hoy``;
``today``, like leaving the date out, reads as None and the handler fills in today. TIMES are one to
``TIMES_MAX`` local times (``20:00``, ``8pm``, ``20.00``, ``2000``, ``20h``) separated by commas, ``and``/``y``
or another ``at``; duplicates are dropped and the rest sorted. ``8,30`` is refused, not guessed (8:30, or 8 and 30?).

- nothing, ``list``/``lista``: the list
- ``add NAME [DOSE] [at TIMES] [from DATE]`` (``añadir``, ``agregar``; ``at`` also ``@``, ``a las``, ``a la``;
  ``from`` also ``since``, ``starting``, ``desde``, ``a partir de``): the dose starts at the first word that
  begins with a digit (or ½ ¼ ¾), so ``Requip XL 2 mg`` is the name ``Requip XL`` and the dose ``2 mg``
- ``dose N DOSE [from DATE]`` (``dosis``): a new dose
- ``times N TIMES`` or ``times N none`` (``horas``, ``hora``, ``horario``; ``off``, ``no``, ``ninguna``): the
  usual times, or none
- ``stop N [DATE]`` (``dejar``, ``parar``, ``suspender``; ``on``/``el``/``from`` before the date are fine)
- ``restart N [DOSE] [from DATE]`` (``reanudar``, ``retomar``): taken again
- ``remind N on|off`` (``recordar N sí|no``; ``yes``/``si`` also mean on)
- ``history`` (``historial``, ``historia``): the timeline
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Literal, TypeAlias

from bot.core.parsing import parse_int, parse_iso_date
from bot.core.timeparse import TimeParseError, parse_local_time
from bot.core.words import TODAY, Phrase, fold, phrase_at

NAME_MAX = 80  # characters of a medicine's name, spaces tidied
DOSE_MAX = 60  # characters of a dose as written
TIMES_MAX = 4  # distinct usual times of one medicine
POSITION_MAX = 99  # the largest N of "the N-th medicine in the list"

MedsVerb = Literal["list", "add", "dose", "times", "stop", "restart", "remind", "history"]
MedsProblemKind = Literal[
    "unknown_verb",  # text: the first word
    "missing_name",  # add without a name (nothing, or a dose or time first)
    "missing_number",  # no N after the verb
    "bad_number",  # text: the word given for N (not a number, or outside 1..POSITION_MAX)
    "missing_dose",  # dose N without the new dose
    "missing_times",  # times N, or at, with no time after it
    "bad_time",  # text: the time not understood ("25:00"; "8,30", which could be 8:30 or 8:00 and 30)
    "too_many_times",  # limit: TIMES_MAX
    "missing_date",  # from (or on) with no date after it
    "bad_date",  # text: the date not understood (not YYYY-MM-DD or not a real day)
    "bad_switch",  # text: what came instead of on/off ("" when nothing did)
    "too_long",  # field: "name" or "dose"; limit: NAME_MAX or DOSE_MAX
    "unexpected",  # text: the words left over that fit none of the form's parts
]


@dataclass(frozen=True)
class MedsList:
    """``/meds`` alone: show the list."""


@dataclass(frozen=True)
class MedsAdd:
    """A new medicine. The handler matches ``name_words`` against the catalogue (longest prefix first)."""

    name_words: tuple[str, ...]  # as typed, at least one, joined at most NAME_MAX characters
    dose: str | None = None  # as typed, spaces tidied, at most DOSE_MAX characters; never interpreted
    times: tuple[time, ...] = ()  # sorted, distinct, at most TIMES_MAX
    start: date | None = None  # None: today

    @property
    def name(self) -> str:
        """The name as typed, single-spaced."""
        return " ".join(self.name_words)


@dataclass(frozen=True)
class MedsDose:
    """A new dose for the ``position``-th medicine, from ``start`` (None: today)."""

    position: int
    dose: str
    start: date | None = None


@dataclass(frozen=True)
class MedsTimes:
    """New usual times for the ``position``-th medicine; empty clears them."""

    position: int
    times: tuple[time, ...]


@dataclass(frozen=True)
class MedsStop:
    """The ``position``-th medicine was stopped on ``day`` (None: today)."""

    position: int
    day: date | None = None


@dataclass(frozen=True)
class MedsRestart:
    """The ``position``-th medicine is taken again from ``start`` (None: today), at ``dose`` if given."""

    position: int
    dose: str | None = None
    start: date | None = None


@dataclass(frozen=True)
class MedsRemind:
    """Turn the reminder at the ``position``-th medicine's usual times on or off."""

    position: int
    on: bool


@dataclass(frozen=True)
class MedsHistory:
    """Show the timeline of starts, dose changes and stops."""


@dataclass(frozen=True)
class MedsProblem:
    """What could not be read: ``kind`` says what, ``verb`` which form (None when the verb itself is unknown),
    ``text`` the person's own words at fault, ``field`` and ``limit`` what a too-long or too-many problem broke."""

    kind: MedsProblemKind
    verb: MedsVerb | None
    text: str = ""
    field: Literal["name", "dose"] | None = None
    limit: int | None = None


MedsCommand: TypeAlias = MedsList | MedsAdd | MedsDose | MedsTimes | MedsStop | MedsRestart | MedsRemind | MedsHistory

_VERBS: dict[str, MedsVerb] = {
    "list": "list",
    "lista": "list",
    "add": "add",
    "anadir": "add",
    "agregar": "add",
    "dose": "dose",
    "dosis": "dose",
    "times": "times",
    "time": "times",
    "horas": "times",
    "hora": "times",
    "horario": "times",
    "stop": "stop",
    "dejar": "stop",
    "parar": "stop",
    "suspender": "stop",
    "restart": "restart",
    "reanudar": "restart",
    "retomar": "restart",
    "remind": "remind",
    "recordar": "remind",
    "history": "history",
    "historial": "history",
    "historia": "history",
}
_AT: tuple[Phrase, ...] = (("at",), ("@",), ("a", "las"), ("a", "la"))
_FROM: tuple[Phrase, ...] = (
    ("from",),
    ("since",),
    ("starting",),
    ("desde",),
    ("a", "partir", "de"),
    ("a", "partir", "del"),
)
_ON_DAY: tuple[Phrase, ...] = (*_FROM, ("on",), ("el",))
_AND = frozenset({"and", "y", "&"})
_NO_TIMES = frozenset({"none", "off", "no", "ninguna", "ninguno", "nada"})
_SWITCH = {"on": True, "yes": True, "si": True, "off": False, "no": False}
_MERIDIEM = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m"})
_DOSE_START = re.compile(r"[0-9½¼¾]|[.,][0-9]")
# "8,30" could be 8:30 written with a comma, or 8:00 and 30: refuse to guess rather than remind at the wrong hour.
_AMBIGUOUS_COMMA = re.compile(r"(?<![0-9:.])[0-9]{1,2},[0-9]{2}(?![0-9:.])")
_HOUR_SUFFIX = re.compile(r"(?<=[0-9])\s*(?:h|hs|hrs|horas)\.?$", re.IGNORECASE)


def parse_meds_command(argument: str) -> MedsCommand | MedsProblem:
    """The request in the argument of ``/meds``, or the problem that stops it being read. Never raises."""
    words = argument.replace("@", " @ ").split()
    if not words:
        return MedsList()
    verb = _VERBS.get(fold(words[0]))
    if verb is None:
        return MedsProblem("unknown_verb", None, words[0])
    rest = words[1:]
    if verb in ("list", "history"):
        if rest:
            return MedsProblem("unexpected", verb, " ".join(rest))
        return MedsList() if verb == "list" else MedsHistory()
    if verb == "add":
        return _read_add(rest)
    position = _read_position(rest, verb)
    if isinstance(position, MedsProblem):
        return position
    after = rest[1:]
    if verb == "dose":
        return _read_dose(position, after)
    if verb == "times":
        return _read_times_request(position, after)
    if verb == "stop":
        return _read_stop(position, after)
    if verb == "restart":
        return _read_restart(position, after)
    return _read_remind(position, after)


def _first_clause(folded: Sequence[str], start: int) -> int:
    """The index of the first ``at``/``from`` phrase at or after ``start``, or the number of words."""
    for index in range(start, len(folded)):
        if phrase_at(folded, index, _AT + _FROM):
            return index
    return len(folded)


def _read_position(words: Sequence[str], verb: MedsVerb) -> int | MedsProblem:
    if not words:
        return MedsProblem("missing_number", verb)
    position = parse_int(words[0], 1, POSITION_MAX)
    return MedsProblem("bad_number", verb, words[0]) if position is None else position


def _read_day(word: str, verb: MedsVerb) -> date | MedsProblem | None:
    """A DATE word: the day, None for today, or a problem."""
    if fold(word) in TODAY:
        return None
    day = parse_iso_date(word)
    return MedsProblem("bad_date", verb, word) if day is None else day


def _read_add(words: Sequence[str]) -> MedsAdd | MedsProblem:
    folded = [fold(word) for word in words]
    name_end = len(words)
    for index, word in enumerate(words):
        if _DOSE_START.match(word) or phrase_at(folded, index, _AT + _FROM):
            name_end = index
            break
    if name_end == 0:
        return MedsProblem("missing_name", "add")
    name_words = tuple(words[:name_end])
    if len(" ".join(name_words)) > NAME_MAX:
        return MedsProblem("too_long", "add", " ".join(name_words), "name", NAME_MAX)
    dose_end = _first_clause(folded, name_end)
    dose = _read_dose_text(words[name_end:dose_end], "add")
    if isinstance(dose, MedsProblem):
        return dose
    clauses = _read_clauses(words, folded, dose_end, "add")
    if isinstance(clauses, MedsProblem):
        return clauses
    times, start = clauses
    return MedsAdd(name_words, dose, times, start)


def _read_dose_text(words: Sequence[str], verb: MedsVerb) -> str | MedsProblem | None:
    dose = " ".join(words)
    if len(dose) > DOSE_MAX:
        return MedsProblem("too_long", verb, dose, "dose", DOSE_MAX)
    return dose or None


def _read_clauses(
    words: Sequence[str], folded: Sequence[str], start: int, verb: MedsVerb
) -> tuple[tuple[time, ...], date | None] | MedsProblem:
    """The ``at TIMES`` (``add`` only) and ``from DATE`` parts from ``start`` to the end, each at most once."""
    times: tuple[time, ...] | None = None
    day: date | None = None
    day_seen = False
    index = start
    while index < len(words):
        at_length = phrase_at(folded, index, _AT)
        if at_length and verb == "add" and times is None:
            end = next(
                (later for later in range(index + at_length, len(words)) if phrase_at(folded, later, _FROM)),
                len(words),
            )
            read = _read_times(words[index + at_length : end], verb)
            if isinstance(read, MedsProblem):
                return read
            times, index = read, end
            continue
        from_length = phrase_at(folded, index, _FROM)
        if from_length and not day_seen:
            if index + from_length >= len(words):
                return MedsProblem("missing_date", verb)
            read_day = _read_day(words[index + from_length], verb)
            if isinstance(read_day, MedsProblem):
                return read_day
            day, day_seen, index = read_day, True, index + from_length + 1
            continue
        return MedsProblem("unexpected", verb, " ".join(words[index:]))
    return times or (), day


def _read_times(words: Sequence[str], verb: MedsVerb) -> tuple[time, ...] | MedsProblem:
    """TIMES: local times separated by commas, and/y, or at/a las; sorted and distinct."""
    text = " ".join(words)
    ambiguous = _AMBIGUOUS_COMMA.search(text)
    if ambiguous:
        return MedsProblem("bad_time", verb, ambiguous.group(0))
    spaced = text.replace(",", " , ").split()
    folded = [fold(word) for word in spaced]
    chunks: list[list[str]] = [[]]
    index = 0
    while index < len(spaced):
        skip = phrase_at(folded, index, _AT)  # "a las 8 y a las 20", "at 8:00 at 20:00"
        if skip or spaced[index] == "," or folded[index] in _AND:
            chunks.append([])
            index += skip or 1
        else:
            chunks[-1].append(spaced[index])
            index += 1
    found: set[time] = set()
    for chunk in chunks:
        if not chunk:
            continue
        read = _read_clock_words(chunk)
        if isinstance(read, str):
            return MedsProblem("bad_time", verb, read)
        found.update(read)
    if not found:
        return MedsProblem("missing_times", verb)
    if len(found) > TIMES_MAX:
        return MedsProblem("too_many_times", verb, text, limit=TIMES_MAX)
    return tuple(sorted(found))


def _read_clock_words(chunk: Sequence[str]) -> list[time] | str:
    """One time (``9:30 pm``, ``21 30``) or several without commas (``8am 8pm``); else the words not understood."""
    whole = _clock(" ".join(chunk))
    if whole is not None:
        return [whole]
    pieces: list[str] = []
    for word in chunk:
        if pieces and fold(word) in _MERIDIEM:
            pieces[-1] += " " + word
        else:
            pieces.append(word)
    times: list[time] = []
    for piece in pieces:
        clock = _clock(piece)
        if clock is None:
            return piece
        times.append(clock)
    return times


def _clock(text: str) -> time | None:
    try:
        return parse_local_time(_HOUR_SUFFIX.sub("", text))
    except TimeParseError:
        return None


def _read_dose(position: int, words: Sequence[str]) -> MedsDose | MedsProblem:
    folded = [fold(word) for word in words]
    dose_end = _first_clause(folded, 0)
    dose = _read_dose_text(words[:dose_end], "dose")
    if isinstance(dose, MedsProblem):
        return dose
    if dose is None:
        return MedsProblem("missing_dose", "dose")
    clauses = _read_clauses(words, folded, dose_end, "dose")
    return clauses if isinstance(clauses, MedsProblem) else MedsDose(position, dose, clauses[1])


def _read_times_request(position: int, words: Sequence[str]) -> MedsTimes | MedsProblem:
    if len(words) == 1 and fold(words[0]) in _NO_TIMES:
        return MedsTimes(position, ())
    if not words:
        return MedsProblem("missing_times", "times")
    times = _read_times(words, "times")
    return times if isinstance(times, MedsProblem) else MedsTimes(position, times)


def _read_stop(position: int, words: Sequence[str]) -> MedsStop | MedsProblem:
    if not words:
        return MedsStop(position)
    skip = phrase_at([fold(word) for word in words], 0, _ON_DAY)
    if skip >= len(words):
        return MedsProblem("missing_date", "stop")
    if len(words) > skip + 1:
        return MedsProblem("unexpected", "stop", " ".join(words[skip + 1 :]))
    day = _read_day(words[skip], "stop")
    return day if isinstance(day, MedsProblem) else MedsStop(position, day)


def _read_restart(position: int, words: Sequence[str]) -> MedsRestart | MedsProblem:
    folded = [fold(word) for word in words]
    dose_end = _first_clause(folded, 0)
    dose = _read_dose_text(words[:dose_end], "restart")
    if isinstance(dose, MedsProblem):
        return dose
    clauses = _read_clauses(words, folded, dose_end, "restart")
    return clauses if isinstance(clauses, MedsProblem) else MedsRestart(position, dose, clauses[1])


def _read_remind(position: int, words: Sequence[str]) -> MedsRemind | MedsProblem:
    switch = _SWITCH.get(fold(words[0])) if len(words) == 1 else None
    if switch is None:
        return MedsProblem("bad_switch", "remind", " ".join(words))
    return MedsRemind(position, switch)
