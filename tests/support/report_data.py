"""Diaries for the /report builder (bot.text.report), made without a database: a realistic 90-night one and one
with every list as full as the bot allows.

``PYTHONPATH=tests python -m support.report_data report.pdf [es]`` writes the realistic one's report (the picture
in the README is its first page, through ``pdftoppm -png -r 80 -f 1 -l 1``).
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.content.files import load_content
from bot.core.checkins import Night
from bot.core.report import Paper, Period
from bot.store.iron import IronResultView
from bot.store.medicines import MedicineEventView
from bot.store.notes import NOTE_LENGTH_MAX, NOTES_MAX, NoteView
from bot.text import strings
from bot.text.charts import ChartData
from bot.text.i18n import Texts, texts
from bot.text.report import KeptSelfCheck, ReportData, build_report

LAST = date(2026, 11, 30)
FIRST = LAST - timedelta(days=89)
MADE_AT = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
FACTORS = ("caffeine", "alcohol", "nicotine", "stretched", "exercised", "short_sleep")


def _chart(t: Texts, nights: list[Night], onsets: dict[date, str], first: date, last: date) -> ChartData:
    return ChartData(
        first=first,
        last=last,
        nights=[night for night in nights if first <= night.night <= last],
        done_nights=frozenset(),
        factor_labels={},
        title=t(strings.REPORT_CHART_TITLE).format(period=f"{first} – {last}"),
        score_label=t(strings.CHART_SCORE_LABEL),
        done_label=t(strings.CHART_DONE_LABEL),
        no_data_text=t(strings.CHART_NO_DATA),
        month_names=t.month_names,
        onset={night: band for night, band in onsets.items() if first <= night <= last},
        onset_label=t(strings.CHART_ONSET_LABEL),
        onset_words={key: t(word) for key, word in strings.CHART_ONSET_WORDS.items()},
        sitting_words={key: t(word) for key, word in strings.CHART_SITTING_WORDS.items()},
    )


def sample(t: Texts, paper: Paper = Paper.LETTER) -> ReportData:
    """A person on pramipexole whose nights got better after an iron course, with a few notes and questions."""
    rng = random.Random(7)
    nights, onsets = [], {}
    for back in range(180):
        night = LAST - timedelta(days=back)
        if rng.random() < 0.12:
            continue
        factors = {
            factor
            for factor, chance in (("caffeine", 0.3), ("alcohol", 0.15), ("stretched", 0.5))
            if rng.random() < chance
        }
        base = 6.5 if back >= 60 else 4.0
        score = max(0, min(10, round(rng.gauss(base, 1.6)) + (2 if "caffeine" in factors else 0)))
        nights.append(Night(night, score, frozenset(factors)))
        if back < 90:
            onsets[night] = "none" if score == 0 else rng.choice(["evening", "evening", "bed", "afternoon"])
    weeks = [FIRST + timedelta(days=7 * week + 6) for week in range(13)]
    events = [
        MedicineEventView(1, "Pramipexole", "pramipexole", "started", date(2025, 3, 1), "0.125 mg at 20:00"),
        MedicineEventView(1, "Pramipexole", "pramipexole", "dose_changed", date(2026, 9, 20), "0.25 mg at 20:00"),
        MedicineEventView(
            2, "Ferrous sulfate", "ferrous_sulfate", "started", date(2026, 9, 5), "65 mg every other day"
        ),
        MedicineEventView(2, "Ferrous sulfate", "ferrous_sulfate", "stopped", date(2026, 11, 20), None),
    ]
    notes = [
        NoteView(1, date(2026, 9, 12), "Long flight to Madrid, legs very bad that night.", MADE_AT),
        NoteView(2, date(2026, 10, 18), "Stomach upset with the iron tablets for a week.", MADE_AT),
        NoteView(3, date(2026, 11, 26), "Is it safe to keep taking iron tablets?", MADE_AT),
        NoteView(4, date(2026, 11, 28), "Symptoms start earlier on some days: worth a change?", MADE_AT),
    ]
    return ReportData(
        period=Period(FIRST, LAST),
        made_at=MADE_AT,
        made_on=MADE_AT.date(),
        paper=paper,
        nights=nights,
        reminder_nights=frozenset(FIRST + timedelta(days=day) for day in range(90)),
        done_nights=frozenset(FIRST + timedelta(days=day) for day in range(90) if day % 3),
        factor_labels={factor: t(strings.FACTOR_LABELS[factor]) for factor in FACTORS},
        tracked_since={},
        chart=_chart(t, nights, onsets, FIRST, LAST),
        onsets=onsets,
        sitting={night: rng.choice(["15to60", "over60", "under15"]) for night in weeks},
        arms={night: index >= 10 for index, night in enumerate(weeks)},
        medicine_events=events,
        medicine_names={1: "Pramipexole", 2: "Ferrous sulfate"},
        iron_results=[
            IronResultView(1, date(2026, 8, 28), 41, 17, None, None, 13.1, True),
            IronResultView(2, date(2026, 11, 24), 96, 26, 88, 338, 13.6, True),
        ],
        infusions=[],
        selfcheck=KeptSelfCheck(
            date(2026, 9, 2),
            [("Do you feel an urge to move your legs, usually with unpleasant feelings in them?", True)],
        ),
        notes=notes,
        insight_resamples=999,
    )


def crowded(t: Texts, paper: Paper = Paper.A4) -> ReportData:
    """``sample`` with every list as long as the bot lets it grow, long texts, own triggers and every answer."""
    data = sample(t, paper)
    own = {f"own:{number}": f"My own long trigger name number {number}, written out" for number in range(1, 21)}
    nights = [
        replace(night, factors=night.factors | set(FACTORS) | set(own) if night.night.day % 2 else night.factors)
        for night in data.nights
    ]
    events = [
        MedicineEventView(
            number % 12,
            f"A medicine with a long brand name {number % 12}",
            None,
            ("started", "dose_changed", "stopped", "restarted")[number % 4],
            FIRST - timedelta(days=200) + timedelta(days=3 * number),
            "two tablets of 0.125 mg in the evening and one more at bedtime if needed",
        )
        for number in range(100)
    ]
    results = [
        IronResultView(
            number, FIRST - timedelta(days=30) + timedelta(days=4 * number), 1234.56, 99.5, 160.25, 450.75, 15.25, None
        )
        for number in range(40)
    ]
    words = "Legs restless again, and the note goes on and on about it with more words. " * 20
    notes = [
        NoteView(
            number,
            FIRST + timedelta(days=number % 95),
            (words if number % 2 else words.replace(".", "?"))[:NOTE_LENGTH_MAX],
            MADE_AT - timedelta(minutes=number),
        )
        for number in range(NOTES_MAX)
    ]
    return replace(
        data,
        nights=nights,
        factor_labels={**data.factor_labels, **own},
        medicine_events=events,
        medicine_names={number: f"A medicine with a long brand name {number}" for number in range(12)},
        iron_results=results,
        infusions=[FIRST + timedelta(days=day) for day in range(0, 90, 3)],
        # Every question of the self-check, in the reader's language.
        selfcheck=KeptSelfCheck(
            date(2026, 9, 2),
            [(asked.question, True) for asked in load_content().library(t.language).selfcheck.questions],
        ),
        notes=notes,
        sitting={night.night: "under15" for night in data.nights if night.night >= FIRST},
        arms={night.night: True for night in data.nights if night.night >= FIRST},
        insight_resamples=99,
    )


def main(arguments: list[str]) -> None:
    """Write the sample report to the path given, in the language given (English unless told)."""
    language = arguments[1] if len(arguments) > 1 else "en"
    Path(arguments[0]).write_bytes(build_report(texts(language), sample(texts(language))))


if __name__ == "__main__":
    main(sys.argv[1:])
