"""The /report builder on its own (bot.text.report, bot.text.pdf): data in, PDF bytes out, read back with a PDF
text extractor. Every report fits two pages however full the diary; each section is there only with its data; the
person's text prints exactly as written; the same data gives the same bytes; Letter or A4 as asked.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.core.checkins import Night
from bot.core.report import Paper, Period
from bot.store.notes import NoteView
from bot.text import strings
from bot.text.i18n import texts
from bot.text.report import MAX_PAGES, build_report, has_data
from support.pdf_text import page_size_pt, pdf_pages, pdf_text
from support.report_data import FIRST, LAST, MADE_AT, crowded, sample

EN, ES = texts("en"), texts("es")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
def test_the_fullest_diary_fits_two_pages_and_says_what_it_left_out(language: str, paper: Paper) -> None:
    t = texts(language)
    pdf = build_report(t, crowded(t, paper))
    pages = pdf_pages(pdf)
    assert len(pages) <= MAX_PAGES
    text = " ".join(pages)
    assert t(strings.REPORT_NOTES_EARLIER).split("{count}")[1][:20] in text  # "earlier notes are not shown"
    assert t(strings.REPORT_MEDICINES_EARLIER).split("{count}")[1][:20] in text
    assert t(strings.REPORT_IRON_EARLIER).split("{count}")[1][:20] in text


def test_the_sample_report_is_one_page_of_letter_with_its_figures() -> None:
    data = sample(EN)
    pdf = build_report(EN, data)
    assert page_size_pt(pdf) == (612.0, 792.0)
    text = pdf_text(pdf)
    period = [night for night in data.nights if night.night >= FIRST]
    assert f"{len(period)} of 90" in text
    assert "Evening tip marked done 60 of 90 evenings" in text
    assert "Nights of 2 Sep 2026 to 30 Nov 2026 (90 nights)" in text
    assert "Made on 1 Dec 2026" in text and "Page 1 of" in text
    assert "Is it safe to keep taking iron tablets?" in text  # a question, on the questions list
    assert "Pramipexole" in text and "0.125 mg at 20:00" in text  # taken when the period began: its start is shown
    assert "28 Aug 2026 41 17" in text and "from before 2 Sep 2026, is there for comparison" in text


def test_a4_in_spanish_with_spanish_numbers() -> None:
    data = sample(ES, Paper.A4)
    text = pdf_text(build_report(ES, data))
    assert "Noches del 2 sept 2026 al 30 nov 2026 (90 noches)" in text
    assert "Hecho el 1 dic 2026" in text
    assert "13,6" in text and "13.6" not in text  # haemoglobin with a decimal comma


def test_sections_only_with_their_data() -> None:
    only_scores = replace(
        sample(EN),
        onsets={},
        sitting={},
        arms={},
        medicine_events=[],
        iron_results=[],
        selfcheck=None,
        notes=[],
        nights=[Night(night.night, night.score, frozenset()) for night in sample(EN).nights],
    )
    text = pdf_text(build_report(EN, replace(only_scores, chart=replace(only_scores.chart, onset={}))))
    assert EN(strings.REPORT_SYMPTOMS) in text
    for absent in (
        strings.REPORT_ONSET,
        strings.REPORT_MEDICINES,
        strings.REPORT_IRON,
        strings.REPORT_HABITS,
        strings.REPORT_NOTES,
    ):
        assert EN(absent) not in text
    assert EN(strings.REPORT_SELFCHECK).split("(")[0] not in text
    assert EN(strings.REPORT_QUESTIONS) in text  # always: with lines to write on


def test_the_period_before_is_compared_only_with_a_week_of_nights() -> None:
    data = sample(EN)
    few = [night for night in data.nights if night.night >= FIRST - timedelta(days=6)]
    assert "The 90 nights before" in pdf_text(build_report(EN, data))
    assert "The 90 nights before" not in pdf_text(build_report(EN, replace(data, nights=few)))


def test_the_persons_text_prints_as_written() -> None:
    written = 'Felt <b>awful</b> **twice** (really) \\ & "so" — 20 % ñandú'
    note = NoteView(99, LAST, written, MADE_AT)
    pdf = build_report(EN, replace(sample(EN), notes=[note], insight_resamples=99))
    assert written in pdf_text(pdf)


def test_an_emoji_the_font_lacks_is_left_out_not_a_crash() -> None:
    note = NoteView(99, LAST, "Slept well 🛌🏽 at last", MADE_AT)
    assert "Slept well at last" in pdf_text(build_report(EN, replace(sample(EN), notes=[note])))


def test_the_same_diary_gives_the_same_bytes() -> None:
    assert build_report(EN, sample(EN)) == build_report(EN, sample(EN))


def test_notes_written_after_the_last_night_are_in_the_report_and_later_ones_are_not() -> None:
    data = sample(EN)
    today = NoteView(98, MADE_AT.date(), "Written on the day of the report", MADE_AT)
    later = NoteView(97, MADE_AT.date() + timedelta(days=1), "From a clock running ahead", MADE_AT)
    text = pdf_text(build_report(EN, replace(data, notes=[today, later])))
    assert "Written on the day of the report" in text and "From a clock running ahead" not in text


def test_an_empty_diary_has_no_data() -> None:
    data = sample(EN)
    empty = replace(
        data,
        nights=[night for night in data.nights if night.night < FIRST],  # only the period before
        onsets={},
        sitting={},
        arms={},
        medicine_events=[],
        iron_results=[],
        infusions=[],
        selfcheck=None,
        notes=[],
    )
    assert not has_data(empty)
    assert has_data(replace(empty, notes=[NoteView(1, LAST, "one note", MADE_AT)]))
    assert has_data(replace(empty, period=Period(FIRST - timedelta(days=90), FIRST - timedelta(days=1))))
    assert not has_data(replace(empty, notes=[NoteView(1, date(2020, 1, 1), "long ago", MADE_AT)]))
