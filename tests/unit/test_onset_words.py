"""The symptom-onset clock's pure parts outside bot.core.onset, and its words: the weekly summary's onset line
(bot.core.summaries.week_onset), which check-ins ask the weekly questions, and the early warning's wording in both
languages, which describes and never names a verdict or a dose."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import product

import pytest

from bot.core.checkins import NightTense
from bot.core.onset import Change, Onset, OnsetAnswer, Sitting
from bot.core.summaries import DEFAULT_WEEKLY_DAY, MIN_WEEK_ONSETS, WeekOnset, asks_weekly_questions, week_onset
from bot.store import CheckinView
from bot.text import onset as onset_text
from bot.text import strings
from bot.text.i18n import texts
from support.telegram_checks import html_problems

LAST = date(2026, 11, 21)  # a Saturday night: its morning is Sunday, the default weekly day
LANGUAGES = ("en", "es")


def week(bands: list[Onset | None], last: date) -> dict[date, Onset]:
    """The answers of the 7 nights ending ``last``, oldest first; None is a night not answered."""
    first = last - timedelta(days=6)
    return {first + timedelta(days=offset): band for offset, band in enumerate(bands) if band is not None}


def two_weeks(before: list[Onset | None], this: list[Onset | None]) -> dict[date, Onset]:
    return {**week(before, LAST - timedelta(days=7)), **week(this, LAST)}


E, A, B, N = Onset.EVENING, Onset.AFTERNOON, Onset.BED, Onset.NONE


# --- the weekly summary's onset line ---


def test_a_week_that_moved_to_the_afternoon_is_named_with_its_count_and_the_week_before() -> None:
    onsets = two_weeks([E, E, E, B, E, None, E], [A, A, E, A, None, A, E])
    assert week_onset(onsets, LAST) == WeekOnset(band=A, count=4, answered=6, previous_band=E)


def test_an_unchanged_week_says_nothing() -> None:
    assert week_onset(two_weeks([E] * 7, [E, E, A, E, E, B, E]), LAST) is None


def test_too_few_answers_in_either_week_say_nothing() -> None:
    sparse = [A, None, None, A, None, None, None]
    assert sum(band is not None for band in sparse) < MIN_WEEK_ONSETS
    assert week_onset(two_weeks([E] * 7, sparse), LAST) is None
    assert week_onset(two_weeks(sparse, [E] * 7), LAST) is None


def test_a_scattered_week_says_nothing() -> None:
    # The afternoon is the most common, but on only 2 of 6 nights: not what the week was like.
    assert week_onset(two_weeks([E] * 7, [A, A, B, Onset.MORNING, N, E, None]), LAST) is None


def test_a_tie_with_the_week_before_leans_to_no_change() -> None:
    assert week_onset(two_weeks([E] * 7, [A, A, A, E, E, E, None]), LAST) is None


def test_a_week_without_symptoms_is_a_change_too() -> None:
    assert week_onset(two_weeks([E] * 7, [N, N, N, N, E, None, None]), LAST) == WeekOnset(N, 4, 5, E)


def test_answers_outside_the_two_weeks_do_not_count() -> None:
    onsets = two_weeks([E] * 7, [E] * 7) | {LAST + timedelta(days=1): A, LAST - timedelta(days=14): A}
    assert week_onset(onsets, LAST) is None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("band", "previous"), [pair for pair in product(Onset, Onset) if pair[0] is not pair[1]])
def test_the_weekly_line_reads_in_both_languages(language: str, band: Onset, previous: Onset) -> None:
    line = onset_text.week_onset_line(texts(language), WeekOnset(band, 4, 6, previous))
    assert "4" in line and "6" in line and "{" not in line and not html_problems(line)


def test_the_weekly_line_in_english() -> None:
    line = onset_text.week_onset_line(texts("en"), WeekOnset(A, 4, 6, E))
    assert line == (
        "🕒 Symptoms started in the afternoon on 4 of the 6 nights you answered this week "
        "(the week before: mostly in the evening)."
    )


# --- which check-ins ask the weekly questions ---


def test_the_weekly_questions_come_on_the_check_in_whose_morning_is_the_weekly_day() -> None:
    saturday_night = LAST
    assert (saturday_night + timedelta(days=1)).weekday() == DEFAULT_WEEKLY_DAY
    assert asks_weekly_questions(saturday_night, None, first_checkin=False)  # summary off: still Sunday mornings
    assert asks_weekly_questions(saturday_night, DEFAULT_WEEKLY_DAY, first_checkin=False)
    assert not asks_weekly_questions(saturday_night + timedelta(days=1), None, first_checkin=False)
    wednesday_morning = 2
    assert asks_weekly_questions(date(2026, 11, 24), wednesday_morning, first_checkin=False)  # Tuesday night
    assert not asks_weekly_questions(saturday_night, wednesday_morning, first_checkin=False)


def test_the_first_check_in_asks_them_too_for_a_baseline() -> None:
    tuesday_night = date(2026, 11, 17)
    assert asks_weekly_questions(tuesday_night, None, first_checkin=True)
    assert not asks_weekly_questions(tuesday_night, None, first_checkin=False)


# --- the early warning's words ---

# No verdict, ever, and no dose: the words a verdict or a dose would need, in either language.
FORBIDDEN = re.compile(
    r"augment|aumento|this means|that means|esto significa|eso significa|diagnosed|diagnostica|"
    r"\bdoses?\b|\bdosis\b|\bdosage\b|\d\s*(?:mg|mcg|µg|ml|g)\b",
    re.IGNORECASE,
)


def onset_changes() -> list[Change]:
    """Every change the core can report: each onset and sitting step (baseline, recent), and the arms."""
    changes = [
        Change("onset", baseline, recent, 24, 18, 14, 3)
        for baseline, recent in product(Onset, Onset)
        if recent > baseline and recent is not Onset.BED
    ]
    changes += [
        Change("sitting", baseline, recent, 4, 3, 3, 3)
        for baseline, recent in product(Sitting, Sitting)
        if recent > baseline and recent is not Sitting.OVER_60
    ]
    changes.append(Change("arms", None, None, 4, 3, 2, 2))
    return changes


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("medicines", [[], ["ropinirole"], ["Requip", "levodopa"]])
def test_every_warning_describes_never_judges_and_names_no_dose(language: str, medicines: list[str]) -> None:
    t = texts(language)
    for change in onset_changes():
        text = onset_text.warning_text(t, [change], medicines)
        assert not FORBIDDEN.search(text), text
        assert not html_problems(text) and "{" not in text
        assert "/progress" in text
        assert t(strings.ONSET_WARNING_MEDICINES) in text  # never change a medicine on one's own
        for name in medicines:
            assert name in text
        if not medicines:
            assert t(strings.ONSET_WARNING_CLINICIAN) in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_of_the_warning_and_the_questions_is_free_of_verdicts_and_doses(language: str) -> None:
    t = texts(language)
    names = [name for name in vars(strings) if name.startswith(("ONSET_", "ARMS_", "SITTING_", "WEEKLY_ONSET"))]
    assert len(names) > 20
    for name in names:
        value = getattr(strings, name)
        for english in value.values() if isinstance(value, dict) else [value]:
            assert not FORBIDDEN.search(t(english)), (name, t(english))


def test_the_warning_in_english_reads_as_the_issue_asks() -> None:
    onset = Change("onset", Onset.EVENING, Onset.AFTERNOON, 24, 18, 14, 3)
    sitting = Change("sitting", Sitting.FROM_15_TO_60, Sitting.UNDER_15, 4, 3, 3, 3)
    arms = Change("arms", None, None, 4, 3, 2, 2)
    text = onset_text.warning_text(texts("en"), [onset, sitting, arms], ["ropinirole"])
    assert (
        "Your symptoms have been starting <b>in the afternoon</b> for the last three weeks; in your first weeks they "
        "started in the evening." in text
    )
    assert "<b>under 15 minutes</b> lately, 15–60 minutes in your first weeks" in text
    assert "on 2 of the last 3 weekly check-ins; in your first weeks they had not" in text
    assert "particularly with a dopamine medicine or levodopa on your list (ropinirole)" in text


def test_a_medicine_name_is_escaped() -> None:
    text = onset_text.warning_text(texts("en"), onset_changes()[:1], ["<b>x</b> & y"])
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_questions_name_yesterday_only_for_last_night(language: str) -> None:
    t, checkin = texts(language), CheckinView(date(2026, 11, 24), 6, frozenset())
    yesterday = {"en": "yesterday", "es": "ayer"}[language]
    for question in (onset_text.onset_question, onset_text.arms_question, onset_text.sitting_question):
        assert t.day(checkin.night) in question(t, checkin, NightTense.LAST)
        for tense in (NightTense.TONIGHT, NightTense.EARLIER):
            text = question(t, checkin, tense)
            assert yesterday not in text.lower() and text.count(t.day(checkin.night)) == 2
    assert yesterday in onset_text.onset_question(t, checkin, NightTense.LAST).lower()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_saved_check_in_lines_show_each_answer_given(language: str) -> None:
    t = texts(language)
    assert onset_text.answered_lines(t, None) == []
    assert onset_text.answered_lines(t, OnsetAnswer(LAST)) == []
    lines = onset_text.answered_lines(t, OnsetAnswer(LAST, Onset.AFTERNOON, False, Sitting.UNDER_15))
    assert lines == [
        t(strings.ONSET_SAVED["afternoon"]),
        t(strings.ARMS_SAVED_NO),
        t(strings.SITTING_SAVED["under15"]),
    ]
