"""Unit tests of ``bot.core.medicine_commands``: every form of ``/meds …`` in English and Spanish, every problem,
and that no text whatever makes the reader raise."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.core.medicine_commands import (
    DOSE_MAX,
    NAME_MAX,
    POSITION_MAX,
    TIMES_MAX,
    MedsAdd,
    MedsCommand,
    MedsDose,
    MedsHistory,
    MedsList,
    MedsProblem,
    MedsRemind,
    MedsRestart,
    MedsStop,
    MedsTimes,
    parse_meds_command,
)

OCT_1 = date(2026, 10, 1)
NOV_1 = date(2026, 11, 1)
T8, T9, T20, T21 = time(8), time(9), time(20), time(21)


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        # the list and the history
        ("", MedsList()),
        ("   ", MedsList()),
        ("list", MedsList()),
        ("lista", MedsList()),
        ("history", MedsHistory()),
        ("HISTORY", MedsHistory()),
        ("historial", MedsHistory()),
        # add, the examples of issue 16
        ("add ropinirole 0.25 mg at 20:00", MedsAdd(("ropinirole",), "0.25 mg", (T20,))),
        ("add gabapentin 300 mg at 8:00, 20:00", MedsAdd(("gabapentin",), "300 mg", (T8, T20))),
        ("add Requip XL 2 mg", MedsAdd(("Requip", "XL"), "2 mg")),
        ("add my sleep pills", MedsAdd(("my", "sleep", "pills"))),
        (
            "add rotigotine patch 1 patch at 9:00 from 2026-10-01",
            MedsAdd(("rotigotine", "patch"), "1 patch", (T9,), OCT_1),
        ),
        # add: times in every accepted spelling, sorted and distinct
        ("add ropinirole at 20:00", MedsAdd(("ropinirole",), None, (T20,))),
        ("add ropinirole 0.25 mg @ 20:00", MedsAdd(("ropinirole",), "0.25 mg", (T20,))),
        ("add ropinirole 0.25 mg @20:00", MedsAdd(("ropinirole",), "0.25 mg", (T20,))),
        ("add x at 8pm", MedsAdd(("x",), None, (T20,))),
        ("add x at 8 pm", MedsAdd(("x",), None, (T20,))),
        ("add x at 20.00", MedsAdd(("x",), None, (T20,))),
        ("add x at 2000", MedsAdd(("x",), None, (T20,))),
        ("add x at 20h", MedsAdd(("x",), None, (T20,))),
        ("add x at 20 h", MedsAdd(("x",), None, (T20,))),
        ("add x at 20:00 hrs", MedsAdd(("x",), None, (T20,))),
        ("add x at 21 30", MedsAdd(("x",), None, (time(21, 30),))),
        ("add x at 8am 8pm", MedsAdd(("x",), None, (T8, T20))),
        ("add x at 8:00 20:00", MedsAdd(("x",), None, (T8, T20))),
        ("add x at 8:00,20:00", MedsAdd(("x",), None, (T8, T20))),
        ("add x at 8, 20", MedsAdd(("x",), None, (T8, T20))),
        ("add x at 20:00 and 8:00", MedsAdd(("x",), None, (T8, T20))),
        ("add x at 20:00 & 8:00", MedsAdd(("x",), None, (T8, T20))),
        ("add x at 8 and at 20", MedsAdd(("x",), None, (T8, T20))),
        ("add x at 20:00 at 8:00", MedsAdd(("x",), None, (T8, T20))),
        ("add x at 20:00, 8pm, 20.00", MedsAdd(("x",), None, (T20,))),
        ("add x at 20:00, 8:00,", MedsAdd(("x",), None, (T8, T20))),
        ("add x at 1, 2, 3, 4", MedsAdd(("x",), None, (time(1), time(2), time(3), time(4)))),
        ("add x at 1, 2, 3, 4, 4:00", MedsAdd(("x",), None, (time(1), time(2), time(3), time(4)))),
        # add: the start date, before or after the times
        ("add x from 2026-10-01", MedsAdd(("x",), None, (), OCT_1)),
        ("add x since 2026-10-01 at 20:00", MedsAdd(("x",), None, (T20,), OCT_1)),
        ("add x starting 2026-10-01", MedsAdd(("x",), None, (), OCT_1)),
        ("add x from today", MedsAdd(("x",), None, (), None)),
        ("add x 1 tablet from TODAY", MedsAdd(("x",), "1 tablet", (), None)),
        # add: doses as written, decimal commas, fractions, tidied spaces, case kept
        ("add Ropinirole   0,25   mg", MedsAdd(("Ropinirole",), "0,25 mg")),
        ("add pramipexole ½ tablet", MedsAdd(("pramipexole",), "½ tablet")),
        ("add pramipexole ¼", MedsAdd(("pramipexole",), "¼")),
        ("add x .5 mg", MedsAdd(("x",), ".5 mg")),
        ("add iron 1 tablet every other day", MedsAdd(("iron",), "1 tablet every other day")),
        ("add B12 1000 mcg", MedsAdd(("B12",), "1000 mcg")),
        ("add\tgabapentin\n300 mg", MedsAdd(("gabapentin",), "300 mg")),
        # Spanish
        ("añadir ropinirol 0,25 mg a las 20:00", MedsAdd(("ropinirol",), "0,25 mg", (T20,))),
        ("anadir ropinirol 0,25 mg a las 20:00", MedsAdd(("ropinirol",), "0,25 mg", (T20,))),
        ("AÑADIR ropinirol", MedsAdd(("ropinirol",))),
        ("agregar pregabalina 75 mg a las 8 y a las 20", MedsAdd(("pregabalina",), "75 mg", (T8, T20))),
        ("añadir gabapentina 300 mg a las 8:00 y 20:00", MedsAdd(("gabapentina",), "300 mg", (T8, T20))),
        ("añadir hierro 1 comprimido a la 1", MedsAdd(("hierro",), "1 comprimido", (time(1),))),
        ("añadir x desde 2026-10-01", MedsAdd(("x",), None, (), OCT_1)),
        ("añadir x desde hoy", MedsAdd(("x",), None, (), None)),
        ("añadir x a partir de 2026-10-01", MedsAdd(("x",), None, (), OCT_1)),
        ("añadir x a partir del 2026-10-01 a las 21", MedsAdd(("x",), None, (T21,), OCT_1)),
        ("añadir x a las 21 h", MedsAdd(("x",), None, (T21,))),
        # dose
        ("dose 1 0.5 mg", MedsDose(1, "0.5 mg")),
        ("dose 2 0,5 mg from 2026-11-01", MedsDose(2, "0,5 mg", NOV_1)),
        ("dose 99 half a tablet", MedsDose(99, "half a tablet")),
        ("dosis 1 0,5 mg desde 2026-11-01", MedsDose(1, "0,5 mg", NOV_1)),
        ("dosis 1 medio comprimido desde hoy", MedsDose(1, "medio comprimido")),
        # times
        ("times 1 20:00", MedsTimes(1, (T20,))),
        ("times 1 at 8:00 and 20:00", MedsTimes(1, (T8, T20))),
        ("times 1 none", MedsTimes(1, ())),
        ("times 1 off", MedsTimes(1, ())),
        ("time 1 9pm", MedsTimes(1, (T21,))),
        ("horas 2 8:00 y 20:00", MedsTimes(2, (T8, T20))),
        ("hora 2 a las 21", MedsTimes(2, (T21,))),
        ("horario 2 21:00", MedsTimes(2, (T21,))),
        ("horas 2 ninguna", MedsTimes(2, ())),
        ("horas 2 Ninguno", MedsTimes(2, ())),
        ("horas 2 no", MedsTimes(2, ())),
        # stop
        ("stop 1", MedsStop(1)),
        ("stop 1 2026-11-01", MedsStop(1, NOV_1)),
        ("stop 1 on 2026-11-01", MedsStop(1, NOV_1)),
        ("stop 1 today", MedsStop(1)),
        ("dejar 3", MedsStop(3)),
        ("dejar 3 el 2026-11-01", MedsStop(3, NOV_1)),
        ("parar 3 hoy", MedsStop(3)),
        ("suspender 3 desde 2026-11-01", MedsStop(3, NOV_1)),
        # restart
        ("restart 2", MedsRestart(2)),
        ("restart 2 0.25 mg", MedsRestart(2, "0.25 mg")),
        ("restart 2 from 2026-11-01", MedsRestart(2, None, NOV_1)),
        ("restart 2 0.25 mg from 2026-11-01", MedsRestart(2, "0.25 mg", NOV_1)),
        ("reanudar 2 1 mg desde hoy", MedsRestart(2, "1 mg")),
        ("retomar 2", MedsRestart(2)),
        # remind
        ("remind 1 on", MedsRemind(1, True)),
        ("remind 1 OFF", MedsRemind(1, False)),
        ("remind 1 yes", MedsRemind(1, True)),
        ("recordar 1 sí", MedsRemind(1, True)),
        ("recordar 1 si", MedsRemind(1, True)),
        ("recordar 1 no", MedsRemind(1, False)),
    ],
)
def test_reads_every_form_in_english_and_spanish(argument: str, expected: MedsCommand) -> None:
    assert parse_meds_command(argument) == expected


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("frobnicate 1", MedsProblem("unknown_verb", None, "frobnicate")),
        ("ropinirole 0.25 mg", MedsProblem("unknown_verb", None, "ropinirole")),
        ("add", MedsProblem("missing_name", "add")),
        ("add 0.25 mg", MedsProblem("missing_name", "add")),
        ("add at 20:00", MedsProblem("missing_name", "add")),
        ("añadir a las 20:00", MedsProblem("missing_name", "add")),
        ("add x at", MedsProblem("missing_times", "add")),
        ("add x at ,", MedsProblem("missing_times", "add")),
        ("add x at 25:00", MedsProblem("bad_time", "add", "25:00")),
        ("add x at 20:00, 24:30", MedsProblem("bad_time", "add", "24:30")),
        ("add x at night", MedsProblem("bad_time", "add", "night")),
        ("añadir x a la noche", MedsProblem("bad_time", "add", "noche")),
        ("add x at 13pm", MedsProblem("bad_time", "add", "13pm")),
        ("add x at ٢١:٣٠", MedsProblem("bad_time", "add", "٢١:٣٠")),
        ("add x at 8,30", MedsProblem("bad_time", "add", "8,30")),
        ("add x at 20:00, 8,30", MedsProblem("bad_time", "add", "8,30")),
        ("add x at 1, 2, 3, 4, 5", MedsProblem("too_many_times", "add", "1, 2, 3, 4, 5", limit=TIMES_MAX)),
        ("add x from", MedsProblem("missing_date", "add")),
        ("add x at 20:00 from", MedsProblem("missing_date", "add")),
        ("add x from 2026-02-30", MedsProblem("bad_date", "add", "2026-02-30")),
        ("add x from 01/10/2026", MedsProblem("bad_date", "add", "01/10/2026")),
        ("add x from tomorrow", MedsProblem("bad_date", "add", "tomorrow")),
        ("add x from 2026-10-01 onwards", MedsProblem("unexpected", "add", "onwards")),
        ("add x from 2026-10-01 from 2026-10-02", MedsProblem("unexpected", "add", "from 2026-10-02")),
        ("add x at 20:00 from 2026-10-01 at 21:00", MedsProblem("unexpected", "add", "at 21:00")),
        ("add " + "n" * (NAME_MAX + 1), MedsProblem("too_long", "add", "n" * (NAME_MAX + 1), "name", NAME_MAX)),
        ("add x 1" + "0" * DOSE_MAX, MedsProblem("too_long", "add", "1" + "0" * DOSE_MAX, "dose", DOSE_MAX)),
        ("dose", MedsProblem("missing_number", "dose")),
        ("dose x 0.5 mg", MedsProblem("bad_number", "dose", "x")),
        ("dose 0 0.5 mg", MedsProblem("bad_number", "dose", "0")),
        (f"dose {POSITION_MAX + 1} 0.5 mg", MedsProblem("bad_number", "dose", str(POSITION_MAX + 1))),
        ("dose -1 0.5 mg", MedsProblem("bad_number", "dose", "-1")),
        ("dose ２ 0.5 mg", MedsProblem("bad_number", "dose", "２")),
        ("dose 1", MedsProblem("missing_dose", "dose")),
        ("dosis 1 desde 2026-11-01", MedsProblem("missing_dose", "dose")),
        ("dose 1 0.5 mg at 21:00", MedsProblem("unexpected", "dose", "at 21:00")),
        ("dose 1 0.5 mg from 2026-11-31", MedsProblem("bad_date", "dose", "2026-11-31")),
        ("dose 1 " + "x" * (DOSE_MAX + 1), MedsProblem("too_long", "dose", "x" * (DOSE_MAX + 1), "dose", DOSE_MAX)),
        ("times", MedsProblem("missing_number", "times")),
        ("times 1", MedsProblem("missing_times", "times")),
        ("horas 1 25:00", MedsProblem("bad_time", "times", "25:00")),
        ("times 1 none 20:00", MedsProblem("bad_time", "times", "none")),
        ("times 1 1 2 3 4 5", MedsProblem("too_many_times", "times", "1 2 3 4 5", limit=TIMES_MAX)),
        ("stop", MedsProblem("missing_number", "stop")),
        ("dejar ropinirol", MedsProblem("bad_number", "stop", "ropinirol")),
        ("stop 1 on", MedsProblem("missing_date", "stop")),
        ("stop 1 yesterday", MedsProblem("bad_date", "stop", "yesterday")),
        ("stop 1 2026-11-01 please", MedsProblem("unexpected", "stop", "please")),
        ("restart", MedsProblem("missing_number", "restart")),
        ("restart 1 from", MedsProblem("missing_date", "restart")),
        ("restart 1 0.5 mg at 20:00", MedsProblem("unexpected", "restart", "at 20:00")),
        ("remind", MedsProblem("missing_number", "remind")),
        ("remind 1", MedsProblem("bad_switch", "remind", "")),
        ("remind 1 maybe", MedsProblem("bad_switch", "remind", "maybe")),
        ("recordar 1 sí por favor", MedsProblem("bad_switch", "remind", "sí por favor")),
        ("history please", MedsProblem("unexpected", "history", "please")),
        ("list 2", MedsProblem("unexpected", "list", "2")),
    ],
)
def test_names_what_it_could_not_read(argument: str, expected: MedsProblem) -> None:
    assert parse_meds_command(argument) == expected


def test_the_longest_name_and_dose_are_accepted() -> None:
    name, dose = "n" * NAME_MAX, "1" + "x" * (DOSE_MAX - 1)

    assert parse_meds_command(f"add {name} {dose}") == MedsAdd((name,), dose)


def test_the_name_is_the_words_as_typed() -> None:
    request = parse_meds_command("add  Requip   XL 2 mg")

    assert isinstance(request, MedsAdd)
    assert request.name == "Requip XL"


# Digits that str.isdigit() or \d accept and int() may or may not: superscripts, Arabic-Indic, full-width.
_LOOKALIKE_DIGITS = "0123456789²³¹⁰٠١٢٣٤٥٦٧٨٩０１２３４５６７８９߀½"
TEXT = st.one_of(
    st.text(),
    st.text(alphabet=_LOOKALIKE_DIGITS + " -:.,+@&\n\t"),
    st.binary().map(lambda raw: raw.decode("utf-8", "surrogateescape")),
    st.binary().map(lambda raw: raw.decode("latin-1")),
)
# Real words of the forms, so that the reader gets past its first checks and the deeper branches see the noise too.
_VERB_WORDS = ("add", "añadir", "dose", "dosis", "times", "horas", "stop", "dejar", "restart", "remind", "recordar")
_LINK_WORDS = ("history", "at", "@", "a", "las", "la", "partir", "de", "from", "desde", "and", "y", "el", ",")
_VALUE_WORDS = ("none", "on", "off", "sí", "today", "1", "99", "100", "0,25", "mg", "½", "20:00", "8pm", "25:00")
_DATE_WORDS = ("8,30", "2026-10-01", "2026-02-30")
WORDS = st.sampled_from(_VERB_WORDS + _LINK_WORDS + _VALUE_WORDS + _DATE_WORDS)
ARGUMENTS = st.one_of(
    TEXT,
    st.lists(st.one_of(WORDS, TEXT), max_size=12).map(" ".join),
    st.tuples(WORDS, st.lists(WORDS, max_size=10).map(" ".join)).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(ARGUMENTS)
@example("add x at " + ", ".join(["9"] * 5000))
@example("add " + "9" * 5000)
@example("dose " + "9" * 5000)
@example("add x at \udcff")
def test_no_text_makes_it_raise_and_every_answer_keeps_its_limits(argument: str) -> None:
    request = parse_meds_command(argument)

    if isinstance(request, MedsAdd):
        assert request.name_words and len(request.name) <= NAME_MAX
        assert not re.match(r"[0-9½¼¾]", request.name_words[0])
    if isinstance(request, MedsAdd | MedsDose | MedsRestart):
        assert request.dose is None or 0 < len(request.dose) <= DOSE_MAX
    if isinstance(request, MedsAdd | MedsTimes):
        assert len(request.times) <= TIMES_MAX and list(request.times) == sorted(set(request.times))
    if isinstance(request, MedsDose | MedsTimes | MedsStop | MedsRestart | MedsRemind):
        assert 1 <= request.position <= POSITION_MAX
    if isinstance(request, MedsProblem):
        assert request.text in argument.replace("@", " @ ") or " " in request.text
