"""/meds without the application: the buttons' callback data (each within 64 bytes, matched by exactly one handler's
pattern and read back), how medicines are named and told apart, what a typo gets in each language (and that every
example it shows is one the /meds reader accepts), the timeline under a button, and a dose shown exactly as written.
"""

from __future__ import annotations

import re
from datetime import date, time
from html import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content import LANGUAGES, Content
from bot.core.medicine_commands import MedsAdd, MedsProblem, MedsProblemKind, parse_meds_command
from bot.core.parsing import ROW_ID_MAX
from bot.store.medicines import DoseReminderView, MedicineEventView
from bot.text import callbacks, strings
from bot.text import meds as words
from bot.text.i18n import texts
from support.telegram_checks import html_problems

EVENING = date(2026, 11, 25)
# Every pattern a button handler is registered with: a /meds button must match its own and no other.
PATTERNS = [value for name, value in vars(callbacks).items() if name.endswith("_PATTERN")]

WIRE: list[tuple[str, str, re.Pattern[str]]] = [
    (callbacks.meds_data("list"), "md:list", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("add"), "md:add", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("other"), "md:other", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("hist"), "md:hist", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("pick", "gabapentin-enacarbil"), "md:pick:gabapentin-enacarbil", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("card", 12), "md:card:12", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("dose", 12), "md:dose:12", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("times", 12), "md:times:12", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("remind", 12, True), "md:remind:12:1", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("remind", 12, False), "md:remind:12:0", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("stop", 12), "md:stop:12", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("stopok", 12), "md:stopok:12", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("restart", 12), "md:restart:12", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("skipd", 12), "md:skipd:12", callbacks.MEDS_PATTERN),
    (callbacks.meds_data("skipt", 12), "md:skipt:12", callbacks.MEDS_PATTERN),
    (callbacks.dose_data("taken", EVENING, "7"), "md:taken:2026-11-25:7", callbacks.DOSE_PATTERN),
    (callbacks.dose_data("snooze", EVENING, "7"), "md:snooze:2026-11-25:7", callbacks.DOSE_PATTERN),
    (callbacks.dose_data("skip", EVENING, "7"), "md:skip:2026-11-25:7", callbacks.DOSE_PATTERN),
]


@pytest.mark.parametrize(("built", "wire", "pattern"), WIRE, ids=[wire for _, wire, _ in WIRE])
def test_every_meds_button_sends_its_data_and_exactly_its_own_pattern_matches_it(
    built: str, wire: str, pattern: re.Pattern[str]
) -> None:
    assert built == wire
    assert [other.pattern for other in PATTERNS if other.match(wire)] == [pattern.pattern]


def test_the_readers_give_back_what_the_builders_put_in() -> None:
    def meds(data: str) -> callbacks.MedsPress | None:
        match = callbacks.MEDS_PATTERN.match(data)
        assert match is not None, data
        return callbacks.meds_press(match)

    assert meds(callbacks.meds_data("remind", 5, True)) == callbacks.MedsPress("remind", 5, on=True)
    assert meds(callbacks.meds_data("remind", 5, False)) == callbacks.MedsPress("remind", 5, on=False)
    assert meds(callbacks.meds_data("pick", "ropinirole")) == callbacks.MedsPress("pick", key="ropinirole")
    assert meds(callbacks.meds_data("card", ROW_ID_MAX)) == callbacks.MedsPress("card", ROW_ID_MAX)
    assert meds(callbacks.meds_data("hist")) == callbacks.MedsPress("hist")
    match = callbacks.DOSE_PATTERN.match(callbacks.dose_data("snooze", EVENING, "42"))
    assert match is not None and callbacks.dose_press(match) == callbacks.DosePress("snooze", EVENING, "42")


@pytest.mark.parametrize(
    "data",
    ["md:card:0", "md:card:9999999999", "md:remind:5", "md:card:5:1", "md:list:3", "md:pick", "md:pick:x:1"],
)
def test_meds_data_that_matches_but_does_not_fit_its_action_reads_as_none(data: str) -> None:
    match = callbacks.MEDS_PATTERN.match(data)
    assert match is not None and callbacks.meds_press(match) is None


@pytest.mark.parametrize("data", ["md:taken:2026-02-30:1", "md:taken:2026-11-25:0", "md:skip:2026-11-25:9999999999"])
def test_dose_data_naming_no_real_day_or_row_reads_as_none(data: str) -> None:
    match = callbacks.DOSE_PATTERN.match(data)
    assert match is not None and callbacks.dose_press(match) is None


def test_the_longest_meds_data_fits_in_a_button() -> None:
    assert len(callbacks.dose_data("snooze", EVENING, str(ROW_ID_MAX)).encode()) <= callbacks.CALLBACK_DATA_LIMIT
    assert len(callbacks.meds_data("restart", ROW_ID_MAX).encode()) <= callbacks.CALLBACK_DATA_LIMIT
    assert len(callbacks.meds_data("pick", "k" * 24).encode()) <= callbacks.CALLBACK_DATA_LIMIT


def test_every_catalogue_key_fits_a_pick_button(content: Content) -> None:
    for entry in content.medicines.entries:
        match = callbacks.MEDS_PATTERN.match(callbacks.meds_data("pick", entry.key))
        assert match is not None and callbacks.meds_press(match) == callbacks.MedsPress("pick", key=entry.key)


# --- names ------------------------------------------------------------------------------------------------------


def test_a_catalogue_medicine_is_named_in_the_readers_language_and_a_brand_keeps_its_name(content: Content) -> None:
    en, es = texts("en"), texts("es")
    assert words.medicine_name(content, en, "ropinirol", "ropinirole") == "Ropinirole"
    assert words.medicine_name(content, es, "ropinirole", "ropinirole") == "Ropinirol"
    assert words.medicine_name(content, en, "Requip XL", "ropinirole") == "Requip XL (ropinirole)"
    assert words.medicine_name(content, es, "Requip XL", "ropinirole") == "Requip XL (ropinirol)"
    assert words.medicine_name(content, en, "melatonin", None) == "Melatonin"
    assert words.medicine_name(content, en, "iPhone pills", "no-longer-in-the-catalogue") == "iPhone pills"


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (("ropinirole", "ropinirole"), ("Ropinirol", "ropinirole"), True),
        (("ropinirole", "ropinirole"), ("Requip XL", "ropinirole"), False),
        (("Requip XL", "ropinirole"), ("requip  xl", "ropinirole"), True),
        (("Melatonin", None), ("melatonín", None), True),
        (("melatonin", None), ("vitamin d", None), False),
    ],
)
def test_two_entries_are_the_same_medicine_by_generic_name_in_any_language_or_by_name(
    content: Content, first: tuple[str, str | None], second: tuple[str, str | None], same: bool
) -> None:
    assert words.same_medicine(content, first, second) is same


def test_a_brand_typed_after_add_finds_its_catalogue_medicine(content: Content) -> None:
    command = parse_meds_command("add Requip XL 2 mg at 20:00")
    assert isinstance(command, MedsAdd)
    found = content.medicines.match_prefix(command.name_words)
    assert found is not None and found[0].key == "ropinirole" and found[1] == 1


# --- what a typo gets ------------------------------------------------------------------------------------------

PROBLEMS: list[MedsProblem] = [
    MedsProblem("unknown_verb", None, "ad"),
    MedsProblem("missing_name", "add"),
    MedsProblem("missing_number", "dose"),
    MedsProblem("bad_number", "stop", "<one>"),
    MedsProblem("missing_dose", "dose"),
    MedsProblem("missing_times", "times"),
    MedsProblem("bad_time", "add", "25:00"),
    MedsProblem("too_many_times", "times", "1, 2, 3, 4, 5", limit=4),
    MedsProblem("missing_date", "restart"),
    MedsProblem("bad_date", "stop", "2026-02-30"),
    MedsProblem("bad_switch", "remind", "maybe"),
    MedsProblem("too_long", "add", "x" * 81, "name", 80),
    MedsProblem("too_long", "dose", "1" * 61, "dose", 60),
    MedsProblem("unexpected", "history", "please"),
]


def test_every_kind_of_problem_has_a_sentence() -> None:
    kinds: set[MedsProblemKind] = {problem.kind for problem in PROBLEMS}
    assert kinds == set(MedsProblemKind.__args__)  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("problem", PROBLEMS, ids=[f"{p.kind}-{p.field or p.verb}" for p in PROBLEMS])
def test_a_typo_says_what_was_wrong_that_nothing_changed_and_gives_an_example(
    problem: MedsProblem, language: str
) -> None:
    t = texts(language)
    text = words.problem_text(t, problem, date(2026, 11, 24))
    assert html_problems(text) == []
    assert t(strings.MEDS_NOTHING_CHANGED) in text
    assert "<code>" in text or "/meds" in text
    assert "&lt;one&gt;" in text or "<one>" not in problem.text


def _examples(html: str) -> list[str]:
    """The /meds commands inside <code> tags, as a person would copy them (N, the number in the list, as 1)."""
    found = re.findall(r"<code>(/meds[^<]*)</code>", html)
    return [re.sub(r"\bN\b", "1", example) for example in found]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_example_shown_is_one_the_meds_reader_accepts(language: str) -> None:
    t = texts(language)
    shown = [t(strings.MEDS_USAGE).format(day="2026-11-24")]
    shown += [t(example).format(day="2026-11-24") for example in strings.MEDS_EXAMPLES.values()]
    shown += [t(strings.MEDS_EMPTY), t(strings.MEDS_NOT_FOUND_EMPTY)]
    examples = [example for text in shown for example in _examples(text)]
    assert len(examples) >= 12
    for example in examples:
        argument = example.removeprefix("/meds").strip()
        if argument in ("help", "ayuda"):
            continue
        assert not isinstance(parse_meds_command(argument), MedsProblem), example


# --- the timeline and the reminder -----------------------------------------------------------------------------


def test_the_timeline_under_a_button_keeps_the_latest_changes_within_its_budget(content: Content) -> None:
    t = texts("en")
    events = [
        MedicineEventView(1, "ropinirole", "ropinirole", "dose_changed", date(2020, 1, 1 + day % 28), f"{day} mg")
        for day in range(200)
    ]
    whole = words.history_text(content, t, events)
    assert whole.count("\n") > 200 and "199 mg" in whole
    short = words.history_text(content, t, events, words.HISTORY_BUDGET)
    assert len(short) <= words.HISTORY_BUDGET and "199 mg" in short and ", 0 mg" not in short and "…" in short
    assert html_problems(short) == []


@given(dose=st.text(min_size=1, max_size=60), name=st.text(min_size=1, max_size=80))
def test_a_dose_and_a_name_are_shown_exactly_as_written_and_escaped(content: Content, dose: str, name: str) -> None:
    reminder = DoseReminderView(1, name, None, dose, time(20))
    text = words.dose_reminder_text(content, texts("en"), reminder)
    assert html_problems(text) == []
    assert f"({escape(dose)}), 20:00 — as prescribed." in text


def test_a_snoozed_reminder_says_so_first(content: Content) -> None:
    reminder = DoseReminderView(1, "gabapentina", "gabapentin", None, time(8, 30))
    text = words.dose_reminder_text(content, texts("es"), reminder, snoozed=True)
    assert text.startswith("⏰ <b>Su recordatorio pospuesto</b>\n💊 <b>Hora de tomar Gabapentina</b>, 08:30")
