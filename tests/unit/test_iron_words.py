"""The pure parts of /iron: when a recall falls (months later, clamped to the month's end), how the history and
a result read in English and Spanish (values as typed, never weighed against a threshold), and that every problem
the parser can name is answered with what was wrong, that nothing changed, and an example."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.core.iron import IronProblem, parse_iron_command
from bot.store._iron_schedule import months_after
from bot.store.iron import IronResultView
from bot.text import iron as words
from bot.text import strings
from bot.text.i18n import texts

TODAY, AHEAD = date(2026, 11, 25), date(2026, 12, 25)
EN, ES = texts("en"), texts("es")


def result(drawn_on: date, **values: object) -> IronResultView:
    fields: dict[str, object] = {
        "ferritin": None,
        "tsat": None,
        "serum_iron": None,
        "tibc": None,
        "haemoglobin": None,
        "morning_no_iron": None,
    }
    fields.update(values)
    return IronResultView(id=1, drawn_on=drawn_on, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 25), 6, date(2027, 5, 25)),
        (date(2026, 11, 25), 1, date(2026, 12, 25)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),  # the month is shorter: its last day
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # a leap year's February
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 1, 15), 24, date(2028, 1, 15)),
    ],
)
def test_a_recall_falls_on_the_same_day_months_later_or_on_the_last_day_of_a_shorter_month(
    day: date, months: int, expected: date
) -> None:
    assert months_after(day, months) == expected


def test_the_history_numbers_results_oldest_first_with_infusions_between_them_by_date() -> None:
    results = [
        result(date(2026, 5, 4), ferritin=22.0, tsat=15.0, morning_no_iron=True),
        result(date(2026, 11, 20), ferritin=45.0, tsat=20.0, serum_iron=60.0, tibc=300.0, haemoglobin=13.5),
    ]
    text = words.history(EN, results, [date(2026, 6, 1)], [], TODAY)
    lines = text.split("\n")
    first, infusion, second = (lines.index(line) for line in lines if re.match(r"^(1\.|💉|2\.)", line))
    assert first < infusion < second
    assert "1. <b>Mon 4 May 2026</b>: ferritin 22 ng/mL · TSAT 15 % · <i>morning, after 24 h without iron</i>" in lines
    assert "💉 <b>Mon 1 Jun 2026</b>: iron infusion" in lines
    assert (
        "2. <b>Fri 20 Nov 2026</b>: ferritin 45 ng/mL · TSAT 20 % (from iron 60 and TIBC 300) · Hb 13.5 g/dL" in lines
    )
    assert "<code>/iron 2026-11-25 ferritin 45 tsat 18</code>" in text


def test_the_history_in_spanish_writes_decimal_commas_and_spanish_days() -> None:
    text = words.history(ES, [result(date(2026, 11, 20), ferritin=45.5, haemoglobin=13.5)], [], [], TODAY)
    assert "vie 20 nov 2026" in text and "45,5" in text and "13,5" in text


def test_an_empty_history_says_how_to_add_one() -> None:
    text = words.history(EN, [], [], [], TODAY)
    assert strings.IRON_NONE in text and strings.IRON_TITLE in text


@pytest.mark.parametrize("ferritin", [8.0, 60.0, 80.0, 450.0])
def test_a_result_is_shown_as_typed_and_never_weighed_against_a_threshold(ferritin: float) -> None:
    for t in (EN, ES):
        line = words.result_line(t, result(TODAY, ferritin=ferritin, tsat=12.0)).lower()
        assert not any(verdict in line for verdict in ("low", "high", "normal", "need", "bajo", "alto", "75", "100"))


PROBLEM_INPUTS = [
    "frobnicate",
    "ferritin 45",
    "2026-13-01 ferritin 45",
    "2026-11-20 hb 13",
    "2026-11-20 ferritin",
    "2026-11-20 ferritin abc",
    "2026-11-20 ferritin 45 mg",
    "2026-11-20 ferritin 90000",
    "2026-11-20 ferritin 45 ferritin 46",
    "2026-11-20 iron 60",
    "2026-11-20 iron 300 tibc 60",
    "2026-11-20 iron 60 ug/dl tibc 300 umol/l",
    "2026-11-20 tsat 50 iron 60 tibc 300",
    "2026-11-20 ferritin 45 please",
    "infusion",
    "test tomorrow",
    "recall",
    "recall 30",
    "delete",
    "delete first",
]


@pytest.mark.parametrize("argument", PROBLEM_INPUTS)
def test_every_problem_names_what_was_wrong_says_nothing_changed_and_gives_an_example(argument: str) -> None:
    problem = parse_iron_command(argument)
    assert isinstance(problem, IronProblem), problem
    for t in (EN, ES):
        text = words.problem_text(t, problem, TODAY, AHEAD)
        assert "{" not in text and "}" not in text
        assert t(strings.IRON_NOTHING_CHANGED) in text
        assert "<code>/iron" in text
        assert text[0].isupper() or not text[0].isalpha()


def test_a_disagreeing_tsat_is_answered_with_the_computed_one() -> None:
    problem = parse_iron_command("2026-11-20 tsat 50 iron 60 tibc 300")
    assert isinstance(problem, IronProblem)
    assert "give 20 %" in words.problem_text(EN, problem, TODAY, AHEAD)
