"""/report's words: the person's diary for a period as a document a clinician reads in a minute (bot.text.pdf).

Data in, bytes out, with no I/O: tests call ``build_report`` on a seeded diary and read the PDF's text back. Each
section is there only when the period holds its data. Nothing is advice or a verdict: the person's own entries,
counted, and the habits whose difference in scores passed the chance test of ``bot.core.insights``. The report
fits two pages: when it would not, the longest lists (notes, medicine changes, iron results) keep fewer, latest,
entries and say how many were left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape

from babel.dates import format_date
from babel.numbers import format_decimal

from bot.core.checkins import Night
from bot.core.insights import insight_report
from bot.core.onset import Onset, Sitting
from bot.core.report import Paper, Period, Scores, compared, factor_counts, spread_by_half, yes_count
from bot.store.iron import IronResultView
from bot.store.medicines import MedicineEventView
from bot.store.notes import NoteView
from bot.store.onset import OnsetWarning
from bot.text import strings
from bot.text.blocks import Block, Bullets, Document, Heading, Paragraph, Picture, Table, WritingLines
from bot.text.charts import ChartData, render_progress_chart
from bot.text.i18n import Texts
from bot.text.iron import number as iron_number
from bot.text.onset import change_sentence

MAX_PAGES = 2
_TAG = re.compile(r"</?[a-z]+>")
# The chart: wide and low, drawn at two and a half times the phone chart's width so that its type prints at 7 to
# 11 pt across the page.
CHART_SIZE_PX = (2600, 820)
QUESTION_MARKS = ("?", "¿")  # a note holding one is a question for the "Questions I want to ask" list
WRITING_LINES = 2  # empty lines under the questions, to add one by hand


@dataclass(frozen=True)
class KeptSelfCheck:
    """The self-check answers the person kept last: the day, and each question (in the reader's language) with
    its answer."""

    taken_on: date
    answers: Sequence[tuple[str, bool]]


@dataclass(frozen=True)
class ReportData:
    """Everything one report shows, read from the stores by the handler."""

    period: Period
    made_at: datetime  # UTC
    made_on: date  # the person's local day
    paper: Paper
    nights: Sequence[Night]  # check-ins of the period and of the period before (for the comparison)
    reminder_nights: frozenset[date]  # evenings of the period whose reminder the person may have seen
    done_nights: frozenset[date]
    factor_labels: Mapping[str, str]  # every factor a check-in asked about, in button order
    tracked_since: Mapping[str, date]  # a trigger added later: the first night it was asked about
    chart: ChartData
    onsets: Mapping[date, str] = field(default_factory=dict)  # night -> an Onset value
    sitting: Mapping[date, str] = field(default_factory=dict)  # night of a weekly answer -> a Sitting value
    arms: Mapping[date, bool] = field(default_factory=dict)
    medicine_events: Sequence[MedicineEventView] = ()  # every change, oldest first
    medicine_names: Mapping[int, str] = field(default_factory=dict)  # medicine id -> its name as shown
    iron_results: Sequence[IronResultView] = ()  # oldest first
    infusions: Sequence[date] = ()
    onset_warnings: Sequence[OnsetWarning] = ()  # every early warning sent, oldest first
    selfcheck: KeptSelfCheck | None = None
    notes: Sequence[NoteView] = ()
    insight_resamples: int = 9999  # fewer in tests of the layout


def _dated(data: ReportData) -> Period:
    """The days whose dated entries (medicine changes, iron results, notes) the report holds: the period's nights
    and the days since, up to the day it is made, so that a note written for the appointment is in it."""
    return Period(data.period.first, max(data.period.last, data.made_on))


def has_data(data: ReportData) -> bool:
    """Whether the report has anything to show: without it, it would be an empty page."""
    period, dated = data.period, _dated(data)
    return any(
        (
            any(night.night in period for night in data.nights),
            any(night in period for night in [*data.onsets, *data.sitting, *data.arms]),
            _medicine_rows(data),
            any(result.drawn_on in dated for result in data.iron_results),
            any(day in dated for day in data.infusions),
            any(note.local_date in dated for note in data.notes),
        )
    )


@dataclass(frozen=True)
class _Limits:
    """How much of each long list a report keeps (the latest entries)."""

    notes: int
    note_characters: int
    medicines: int
    iron: int
    questions: int
    habits: int
    infusions: int


# Tried in order until the report fits MAX_PAGES; the last always fits (tests/unit/test_report.py fills every list).
_LIMITS = (
    _Limits(notes=12, note_characters=600, medicines=16, iron=8, questions=8, habits=14, infusions=12),
    _Limits(notes=8, note_characters=300, medicines=10, iron=6, questions=5, habits=10, infusions=8),
    _Limits(notes=4, note_characters=160, medicines=6, iron=4, questions=3, habits=6, infusions=4),
    _Limits(notes=2, note_characters=120, medicines=4, iron=3, questions=2, habits=4, infusions=3),
    _Limits(notes=1, note_characters=100, medicines=3, iron=2, questions=1, habits=3, infusions=2),
)


def build_report(t: Texts, data: ReportData) -> bytes:
    """The report as PDF bytes, of at most MAX_PAGES pages."""
    from bot.text.pdf import render  # the PDF library: imported by the worker that builds a report, not the bot

    chart = render_progress_chart(data.chart, CHART_SIZE_PX)
    report = insight_report(
        [night for night in data.nights if night.night in data.period],
        list(data.factor_labels),
        tracked_since=data.tracked_since,
        n_resamples=data.insight_resamples,
    )
    findings = {insight.factor: insight for insight in report.findings}
    printed = None
    for limits in _LIMITS:
        blocks = [
            *_symptoms(t, data),
            Picture(chart, CHART_SIZE_PX[1] / CHART_SIZE_PX[0]),
            *_onset(t, data),
            *_medicines(t, data, limits),
            *_iron(t, data, limits),
            *_habits(t, data, limits, findings, report.checkins, needed=report.needed),
            *_selfcheck(t, data),
            *_notes(t, data, limits),
            *_questions(t, data, limits),
        ]
        printed = render(_document(t, data, blocks))
        if printed.pages <= MAX_PAGES:
            return printed.pdf
    raise AssertionError(f"the report takes {printed.pages if printed else 0} pages even with the fewest entries")


def _document(t: Texts, data: ReportData, blocks: Sequence[Block]) -> Document:
    period = data.period
    return Document(
        paper=data.paper,
        title=t(strings.REPORT_TITLE),
        subtitle=t(strings.REPORT_SUBTITLE).format(
            first=_day(t, period.first), last=_day(t, period.last), nights=period.nights
        ),
        blocks=blocks,
        footer=t(strings.REPORT_FOOTER).format(date=_day(t, data.made_on)),
        made_at=data.made_at,
    )


def _day(t: Texts, day: date) -> str:
    """``20 Nov 2026`` / ``20 nov 2026``."""
    return format_date(day, "d MMM y", locale=t.language)


def _number(t: Texts, value: float) -> str:
    """A computed figure to one decimal: ``3.5`` / ``3,5``."""
    return format_decimal(round(value, 1), format="0.#", locale=t.language)


def period_range(t: Texts, period: Period) -> str:
    """``8 Sep – 6 Dec 2026``: the first day without its year when it is the last day's."""
    same_year = period.first.year == period.last.year
    first = format_date(period.first, "d MMM", locale=t.language) if same_year else _day(t, period.first)
    return t(strings.REPORT_RANGE).format(first=first, last=_day(t, period.last))


# --- symptoms ---------------------------------------------------------------------------------------------------


def _symptoms(t: Texts, data: ReportData) -> list[Block]:
    now, before = compared(data.nights, data.period)
    columns = [now] if before is None else [now, before]
    header = ["", t(strings.REPORT_THIS_PERIOD).format(period=period_range(t, now.period))]
    if before is not None:
        header.append(
            t(strings.REPORT_PERIOD_BEFORE).format(nights=before.period.nights, period=period_range(t, before.period))
        )

    def row(label: str, cell: Callable[[Scores], str]) -> list[str]:
        return [t(label), *(cell(scores) for scores in columns)]

    rows = [
        row(strings.REPORT_NIGHTS_RECORDED, lambda s: _of(t, s.recorded, s.period.nights)),
        row(strings.REPORT_SYMPTOM_NIGHTS, lambda s: _per_week(t, s)),
        row(strings.REPORT_MEDIAN, lambda s: t(strings.REPORT_NONE) if s.median is None else _number(t, s.median)),
    ]
    evenings = [day for day in data.reminder_nights if day in data.period]
    if evenings:
        done = sum(1 for day in evenings if day in data.done_nights)
        rows.append(
            [
                t(strings.REPORT_EVENINGS_DONE),
                t(strings.REPORT_OF_EVENINGS).format(count=done, evenings=len(evenings)),
                *([""] if before is not None else []),
            ]
        )
    widths = (0.3, 0.35, 0.35) if before is not None else (0.3, 0.7)
    return [
        Heading(t(strings.REPORT_SYMPTOMS)),
        Table(header, rows, widths),
        Paragraph(t(strings.REPORT_SCORE_EXPLAINED), muted=True),
    ]


def _of(t: Texts, count: int, total: int) -> str:
    return t(strings.REPORT_OF_NIGHTS).format(count=count, nights=total)


def _per_week(t: Texts, scores: Scores) -> str:
    if scores.per_week is None:
        return t(strings.REPORT_NONE)
    return t(strings.REPORT_PER_WEEK).format(
        per_week=_number(t, scores.per_week), count=scores.symptom_nights, recorded=scores.recorded
    )


# --- when symptoms start ------------------------------------------------------------------------------------------

# Earliest first: a clinician reads down the table from the morning to bedtime, then the nights without symptoms.
_ONSET_ORDER = (Onset.MORNING, Onset.AFTERNOON, Onset.EVENING, Onset.BED, Onset.NONE)
_SITTING_ORDER = (Sitting.UNDER_15, Sitting.FROM_15_TO_60, Sitting.OVER_60, Sitting.NONE)


def _onset(t: Texts, data: ReportData) -> list[Block]:
    blocks: list[Block] = []
    for answers, order, words, column in (
        (data.onsets, _ONSET_ORDER, strings.ONSET_BUTTONS, strings.REPORT_ONSET_COLUMN),
        (data.sitting, _SITTING_ORDER, strings.SITTING_BUTTONS, strings.REPORT_SITTING_COLUMN),
    ):
        halves = spread_by_half(answers, data.period)
        if halves is None:
            continue
        header = [t(column), *(period_range(t, half.period) for half in halves)]
        rows = [
            [t(words[band.value]), *(str(half.counts.get(band.value, 0)) for half in halves)]
            for band in order
            if any(half.counts.get(band.value) for half in halves)
        ]
        rows.append(["", *(_of(t, half.answered, half.period.nights) for half in halves)])
        blocks.append(Table(header, rows, (0.4, 0.3, 0.3), numeric=frozenset({1, 2})))
    if blocks:
        blocks.append(Paragraph(t(strings.REPORT_ONSET_EXPLAINED), muted=True))
    arms = yes_count(data.arms, data.period)
    if arms is not None:
        if arms.first_yes is None:
            line = t(strings.REPORT_ARMS).format(yes=arms.yes, answered=arms.answered)
        else:
            line = t(strings.REPORT_ARMS_FIRST).format(
                yes=arms.yes, answered=arms.answered, first=_day(t, arms.first_yes)
            )
        blocks.append(Paragraph(line))
    for warning in data.onset_warnings:
        if warning.night in data.period and warning.changes:
            said = " ".join(_plain(change_sentence(t, change)) for change in warning.changes)
            blocks.append(Paragraph(t(strings.REPORT_ONSET_WARNING).format(date=_day(t, warning.night), said=said)))
    if not blocks:
        return []
    return [Heading(t(strings.REPORT_ONSET)), *blocks]


def _plain(html: str) -> str:
    """A chat sentence as plain text: no tags, no entities, no leading bullet."""
    return unescape(_TAG.sub("", html)).removeprefix("• ").strip()


# --- medicines ----------------------------------------------------------------------------------------------------


def _medicine_rows(data: ReportData) -> list[MedicineEventView]:
    """The period's changes and, for each medicine taken when it began, its latest change before it."""
    dated, latest_before = _dated(data), {}
    for event in data.medicine_events:
        if event.on_date < dated.first:
            latest_before[event.medicine_id] = event
    taken = [event for event in latest_before.values() if event.kind != "stopped"]
    during = [event for event in data.medicine_events if event.on_date in dated]
    return sorted([*taken, *during], key=lambda event: event.on_date)


def _medicines(t: Texts, data: ReportData, limits: _Limits) -> list[Block]:
    events = _medicine_rows(data)
    if not events:
        return []
    shown = events[-limits.medicines :]
    rows = [
        [
            _day(t, event.on_date),
            data.medicine_names.get(event.medicine_id, event.name),
            _capital(t(strings.MEDS_EVENTS[event.kind])),
            (event.dose or "") if event.kind != "stopped" else "",
        ]
        for event in shown
    ]
    blocks: list[Block] = [
        Heading(t(strings.REPORT_MEDICINES)),
        Table(
            [t(strings.REPORT_DATE), t(strings.REPORT_MEDICINE), t(strings.REPORT_CHANGE), t(strings.REPORT_DOSE)],
            rows,
            (0.17, 0.33, 0.18, 0.32),
        ),
    ]
    if len(events) > len(shown):
        blocks.append(Paragraph(t(strings.REPORT_MEDICINES_EARLIER).format(count=len(events) - len(shown)), True))
    if any(event.on_date < data.period.first for event in shown):
        blocks.append(Paragraph(t(strings.REPORT_MEDICINES_EXPLAINED).format(first=_day(t, data.period.first)), True))
    return blocks


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- iron ---------------------------------------------------------------------------------------------------------


def _iron(t: Texts, data: ReportData, limits: _Limits) -> list[Block]:
    dated = _dated(data)
    results = [result for result in data.iron_results if result.drawn_on in dated]
    infusions = [day for day in data.infusions if day in dated]
    if not results and not infusions:
        return []
    # The latest result before the period too, if there is one: the value the period's results compare with.
    before = [result for result in data.iron_results if result.drawn_on < dated.first][-1:]
    results = [*before, *results]
    blocks: list[Block] = [Heading(t(strings.REPORT_IRON))]
    if results:
        shown = results[-limits.iron :]

        def value(typed: float | None) -> str:  # as the person copied it from the lab report
            return t(strings.REPORT_NONE) if typed is None else iron_number(t, typed)

        morning = {True: strings.REPORT_YES, False: strings.REPORT_NO, None: strings.REPORT_NOT_SAID}
        rows = [
            [
                _day(t, result.drawn_on),
                value(result.ferritin),
                value(result.tsat),
                value(result.serum_iron),
                value(result.tibc),
                value(result.haemoglobin),
                t(morning[result.morning_no_iron]),
            ]
            for result in shown
        ]
        header = [
            t(strings.REPORT_DRAWN),
            t(strings.REPORT_FERRITIN),
            t(strings.REPORT_TSAT),
            t(strings.REPORT_SERUM_IRON),
            t(strings.REPORT_TIBC),
            t(strings.REPORT_HB),
            t(strings.REPORT_MORNING),
        ]
        blocks.append(Table(header, rows, (0.16, 0.13, 0.1, 0.12, 0.1, 0.11, 0.28), numeric=frozenset(range(1, 6))))
        if len(results) > len(shown):
            blocks.append(Paragraph(t(strings.REPORT_IRON_EARLIER).format(count=len(results) - len(shown)), True))
        elif before:
            blocks.append(Paragraph(t(strings.REPORT_IRON_BEFORE).format(first=_day(t, data.period.first)), True))
    if infusions:
        dates = ", ".join(_day(t, day) for day in infusions[-limits.infusions :])
        earlier = len(infusions) - limits.infusions
        if earlier > 0:
            blocks.append(Paragraph(t(strings.REPORT_INFUSIONS_EARLIER).format(dates=dates, count=earlier)))
        else:
            blocks.append(Paragraph(t(strings.REPORT_INFUSIONS).format(dates=dates)))
    return blocks


# --- habits -------------------------------------------------------------------------------------------------------


def _habits(
    t: Texts, data: ReportData, limits: _Limits, findings: Mapping[str, object], checkins: int, *, needed: int
) -> list[Block]:
    counts = factor_counts(data.nights, data.period)
    marked = [factor for factor in data.factor_labels if counts[factor]]
    if not marked:
        return []
    # The findings first, then the habits marked most often; the rest are only counted.
    shown = sorted(marked, key=lambda factor: (factor not in findings, -counts[factor]))[: limits.habits]
    shown.sort(key=marked.index)
    period_nights = [night for night in data.nights if night.night in data.period]
    rows = []
    for factor in shown:
        with_scores = [night.score for night in period_nights if factor in night.factors]
        since = data.tracked_since.get(factor)
        without = [
            night.score
            for night in period_nights
            if factor not in night.factors and (since is None or night.night >= since)
        ]
        rows.append(
            [
                data.factor_labels[factor],
                str(counts[factor]),
                _mean(t, with_scores),
                _mean(t, without),
            ]
        )
    header = [
        t(strings.REPORT_HABIT),
        t(strings.REPORT_NIGHTS_MARKED),
        t(strings.REPORT_MEAN_WITH),
        t(strings.REPORT_MEAN_WITHOUT),
    ]
    if needed:
        summary = t(strings.REPORT_HABITS_TOO_FEW).format(checkins=checkins)
    elif findings:
        names = ", ".join(data.factor_labels[factor] for factor in marked if factor in findings)
        summary = t(strings.REPORT_HABITS_FINDINGS).format(findings=names)
    else:
        summary = t(strings.REPORT_HABITS_NO_FINDINGS).format(checkins=checkins)
    blocks: list[Block] = [
        Heading(t(strings.REPORT_HABITS)),
        Table(header, rows, (0.4, 0.2, 0.2, 0.2), numeric=frozenset({1, 2, 3})),
    ]
    if len(marked) > len(shown):
        blocks.append(Paragraph(t(strings.REPORT_HABITS_MORE).format(count=len(marked) - len(shown)), True))
    return [*blocks, Paragraph(summary)]


def _mean(t: Texts, values: Sequence[int]) -> str:
    return _number(t, sum(values) / len(values)) if values else t(strings.REPORT_NONE)


# --- self-check, notes, questions ----------------------------------------------------------------------------------


def _selfcheck(t: Texts, data: ReportData) -> list[Block]:
    if data.selfcheck is None:
        return []
    rows = [
        [question, t(strings.REPORT_YES if answer else strings.REPORT_NO)]
        for question, answer in data.selfcheck.answers
    ]
    return [
        Heading(t(strings.REPORT_SELFCHECK).format(date=_day(t, data.selfcheck.taken_on))),
        Table([t(strings.REPORT_QUESTION), t(strings.REPORT_ANSWER)], rows, (0.85, 0.15)),
        Paragraph(t(strings.REPORT_SELFCHECK_EXPLAINED), muted=True),
    ]


def _is_question(note: NoteView) -> bool:
    return any(mark in note.text for mark in QUESTION_MARKS)


def _period_notes(data: ReportData, *, questions: bool) -> list[NoteView]:
    """The notes (or the questions) of the period and the days since, oldest first."""
    dated = _dated(data)
    notes = [note for note in data.notes if note.local_date in dated and _is_question(note) == questions]
    return sorted(notes, key=lambda note: (note.created_at_utc, note.id))


def _cut(text: str, characters: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= characters else text[: characters - 1].rstrip() + "…"


def _notes(t: Texts, data: ReportData, limits: _Limits) -> list[Block]:
    notes = _period_notes(data, questions=False)
    if not notes:
        return []
    shown = notes[-limits.notes :]
    rows = [[_day(t, note.local_date), _cut(note.text, limits.note_characters)] for note in shown]
    blocks: list[Block] = [
        Heading(t(strings.REPORT_NOTES)),
        Table([t(strings.REPORT_DATE), t(strings.REPORT_NOTE)], rows, (0.17, 0.83)),
    ]
    if len(notes) > len(shown):
        blocks.append(Paragraph(t(strings.REPORT_NOTES_EARLIER).format(count=len(notes) - len(shown)), True))
    return blocks


def _questions(t: Texts, data: ReportData, limits: _Limits) -> list[Block]:
    questions = _period_notes(data, questions=True)
    shown = questions[-limits.questions :]
    blocks: list[Block] = [Heading(t(strings.REPORT_QUESTIONS))]
    if shown:
        blocks.append(Bullets([_cut(note.text, limits.note_characters) for note in shown]))
    if len(questions) > len(shown):
        blocks.append(Paragraph(t(strings.REPORT_QUESTIONS_EARLIER).format(count=len(questions) - len(shown)), True))
    blocks.append(WritingLines(WRITING_LINES))
    return blocks
