"""/report through the real application and the fake Bot API: a seeded 90-night diary (scores and habits, onset
answers, medicines, iron results, notes and a kept self-check) comes back as a PDF document whose text, read with
a PDF text extractor, holds every figure the diary implies, in English and in Spanish; on Letter paper in Arizona
and A4 in Spain; within two pages. An empty diary gets a friendly message and no document, a bad number of nights
a clear error, and a person without a time zone is asked for one.

Time is the injected clock (2026-11-25 11:00 UTC: 04:00 in Phoenix, so last night is the night of 24 November).
Every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal

from bot.config import Settings
from bot.core.onset import Onset, Sitting
from bot.text import strings
from bot.text.i18n import Texts, texts
from bot.text.onset import change_sentence
from support.conversation import flush, reply_to
from support.fake_bot_api import FakeBotApi
from support.harness import BotHarness, make_settings
from support.pdf_text import page_size_pt, pdf_pages, pdf_text

ANN, BEA = 8101, 8202
EN, ES = texts("en"), texts("es")
LAST = date(2026, 11, 24)  # last night in Phoenix
FIRST = LAST - timedelta(days=89)
PERIOD_SCORES = (0, 2, 3, 5, 1, 0, 4, 6, 2, 3)
EARLIER_SCORES = (5, 6, 7, 4, 6, 8, 5, 6, 0, 7)
LETTER, A4 = (612.0, 792.0), (595.3, 841.9)


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, database_url: str) -> Settings:
    return make_settings(fake_api, database_url)


@dataclass
class Diary:
    """What was seeded, night by night, for the expected figures."""

    scores: dict[date, int]
    caffeine: set[date]
    onsets: dict[date, Onset]
    sitting: dict[date, Sitting]
    arms: dict[date, bool]


async def say(harness: BotHarness, chat_id: int, text: str, language: str) -> str:
    return await reply_to(harness, chat_id, lambda: harness.api.send_text(chat_id, text, language_code=language))


async def keep_a_diary(harness: BotHarness, chat_id: int, zone: str, language: str) -> Diary:
    """180 nights of check-ins (every ninth missing), habits, 90 nights of onset answers and weekly answers, two
    medicines, two iron results and an infusion, two notes and a kept self-check."""
    services, now = harness.services, harness.clock()
    await say(harness, chat_id, f"/timezone {zone}", language)
    diary = Diary({}, set(), {}, {}, {})
    for back in range(180):
        night = LAST - timedelta(days=back)
        if back % 9 == 4:
            continue
        score = PERIOD_SCORES[back % 10] if back < 90 else EARLIER_SCORES[back % 10]
        caffeine = back < 90 and back % 4 == 0
        if caffeine:
            score = 8
            diary.caffeine.add(night)
        diary.scores[night] = score
        await services.coaching.record_score(chat_id, night, score, now)
        if caffeine:
            await services.coaching.set_factor(chat_id, night, "caffeine", True, now)
        if back >= 90:
            continue
        onset = Onset.NONE if score == 0 else Onset.AFTERNOON if back < 45 and back % 3 else Onset.EVENING
        diary.onsets[night] = onset
        await services.onset.record_onset(chat_id, night, onset, now)
        if back % 7 == 0:
            diary.sitting[night] = Sitting.UNDER_15 if back < 45 else Sitting.OVER_60
            diary.arms[night] = back < 30
            await services.onset.record_sitting(chat_id, night, diary.sitting[night], now)
            await services.onset.record_arms(chat_id, night, diary.arms[night], now)
    for command in (
        "/meds add ropinirole 0.25 mg at 20:00 from 2026-06-01",
        "/meds dose 1 0.5 mg from 2026-10-01",
        "/meds add gabapentin 300 mg from 2026-09-15",
        "/meds stop 2 2026-11-01",
        "/iron 2026-09-10 ferritin 38 tsat 16 morning fasting",
        "/iron 2026-11-20 ferritin 92.5 iron 60 tibc 300",
        "/iron infusion 2026-10-05",
        "/note Should I ask about an iron infusion?",
    ):
        await say(harness, chat_id, command, language)
    await services.notes.add(chat_id, "Nausea after the new dose <b>**", date(2026, 10, 3), now)
    await services.coaching.keep_selfcheck(chat_id, {"urge": True, "rest": True, "evening": False}, now)
    return diary


async def report(harness: BotHarness, chat_id: int, command: str = "/report") -> bytes:
    before = len(harness.api.sent_documents(chat_id))
    harness.api.send_text(chat_id, command)
    await flush(harness)
    [document] = harness.api.sent_documents(chat_id)[before:]
    upload = document.files["document"]
    assert upload.content_type == "application/pdf" or upload.filename.endswith(".pdf")
    return upload.data


def number(t: Texts, value: float) -> str:
    return format_decimal(round(value, 1), format="0.#", locale=t.language)


def day(t: Texts, value: date) -> str:
    return format_date(value, "d MMM y", locale=t.language)


def expected_figures(t: Texts, diary: Diary) -> list[str]:
    """Every figure of the seeded diary, as the report words it in ``t``'s language."""
    period = [score for night, score in diary.scores.items() if night >= FIRST]
    earlier = [score for night, score in diary.scores.items() if night < FIRST]
    figures = []
    for scores in (period, earlier):
        with_symptoms = sum(1 for score in scores if score > 0)
        figures.append(t(strings.REPORT_OF_NIGHTS).format(count=len(scores), nights=90))
        per_week = number(t, with_symptoms * 7 / len(scores))
        figures.append(t(strings.REPORT_PER_WEEK).format(per_week=per_week, count=with_symptoms, recorded=len(scores)))
    figures.append(f"{t(strings.REPORT_MEDIAN)} {number(t, median(period))} {number(t, median(earlier))}")

    halves = (FIRST, FIRST + timedelta(days=44)), (FIRST + timedelta(days=45), LAST)
    for answers, words in ((diary.onsets, strings.ONSET_BUTTONS), (diary.sitting, strings.SITTING_BUTTONS)):
        for band in sorted(set(answers.values())):
            counts = [sum(1 for n, a in answers.items() if a == band and first <= n <= last) for first, last in halves]
            figures.append(f"{t(words[str(band.value)])} {counts[0]} {counts[1]}")
    yes = sorted(night for night, answer in diary.arms.items() if answer)
    figures.append(t(strings.REPORT_ARMS_FIRST).format(yes=len(yes), answered=len(diary.arms), first=day(t, yes[0])))

    caffeine = [score for night, score in diary.scores.items() if night >= FIRST and night in diary.caffeine]
    without = [score for night, score in diary.scores.items() if night >= FIRST and night not in diary.caffeine]
    caffeine_row = [t(strings.FACTOR_LABELS["caffeine"]), str(len(caffeine))]
    figures.append(" ".join([*caffeine_row, number(t, sum(caffeine) / len(caffeine))]))
    figures.append(number(t, sum(without) / len(without)))
    figures.append(t(strings.REPORT_HABITS_FINDINGS).format(findings=t(strings.FACTOR_LABELS["caffeine"])))

    started, new_dose, stopped = (
        _capital(t(strings.MEDS_EVENTS[kind])) for kind in ("started", "dose_changed", "stopped")
    )
    # The catalogue's medicines by their generic names in the reader's language; doses as written.
    ropinirole, gabapentin = ("Ropinirole", "Gabapentin") if t.language == "en" else ("Ropinirol", "Gabapentina")
    figures += [
        f"{day(t, date(2026, 6, 1))} {ropinirole} {started} 0.25 mg",
        f"{day(t, date(2026, 9, 15))} {gabapentin} {started} 300 mg",
        f"{day(t, date(2026, 10, 1))} {ropinirole} {new_dose} 0.5 mg",
        f"{day(t, date(2026, 11, 1))} {gabapentin} {stopped}",
        f"{day(t, date(2026, 9, 10))} 38 16 – – – {t(strings.REPORT_YES)}",
        f"{day(t, date(2026, 11, 20))} {number(t, 92.5)} 20 60 300 – {t(strings.REPORT_NOT_SAID)}",
        t(strings.REPORT_INFUSIONS).format(dates=day(t, date(2026, 10, 5))),
        f"{day(t, date(2026, 10, 3))} Nausea after the new dose <b>**",
        "Should I ask about an iron infusion?",
        t(strings.REPORT_SELFCHECK).format(date=day(t, date(2026, 11, 25))),
    ]
    return figures


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@pytest.mark.parametrize(
    ("language", "zone", "paper"), [("en", "America/Phoenix", LETTER), ("es", "America/Phoenix", LETTER)]
)
async def test_a_seeded_diary_gives_a_report_with_every_figure(
    harness: BotHarness, language: str, zone: str, paper: tuple[float, float]
) -> None:
    t = texts(language)
    diary = await keep_a_diary(harness, ANN, zone, language)
    pdf = await report(harness, ANN)
    [document] = harness.api.sent_documents(ANN)
    assert document.params["caption"].startswith("📄")
    assert str(document.files["document"].filename).startswith(t(strings.REPORT_FILE_NAME))
    pages = pdf_pages(pdf)
    assert 1 <= len(pages) <= 2
    assert page_size_pt(pdf) == paper
    text = " ".join(pages)
    missing = [figure for figure in expected_figures(t, diary) if figure not in text]
    assert not missing, (missing, text)
    assert t(strings.REPORT_TITLE) in text and t(strings.REPORT_QUESTIONS) in text
    assert "Made on" in text if language == "en" else "Hecho el" in text
    # The arms answers turned to yes in the last weeks: the early warning the bot sent is quoted.
    [warning] = await harness.services.onset.warnings(ANN)
    notice = t(strings.REPORT_ONSET_WARNING).split("{date}")[0]
    assert f"{notice}{day(t, warning.night)}" in text
    for change in warning.changes:
        sentence = re.sub(r"</?b>", "", change_sentence(t, change)).removeprefix("• ")
        assert sentence[:60] in text.split(notice)[1]


async def test_spain_gets_a4_and_the_report_of_a_shorter_period(harness: BotHarness) -> None:
    await say(harness, BEA, "/timezone Europe/Madrid", "es")
    await harness.services.coaching.record_score(BEA, date(2026, 11, 20), 4, harness.clock())
    pdf = await report(harness, BEA, "/report 14")
    assert page_size_pt(pdf) == A4
    text = pdf_text(pdf)
    assert "Noches del 11 nov 2026 al 24 nov 2026 (14 noches)" in text
    assert "1 de 14" in text


async def test_an_empty_diary_gets_a_message_not_a_page(harness: BotHarness) -> None:
    await say(harness, ANN, "/timezone America/Phoenix", "en")
    answer = await reply_to(harness, ANN, "/report")
    assert "nothing in the last 90 nights" in answer
    assert harness.api.sent_documents(ANN) == []


async def test_a_bad_number_of_nights_is_explained_and_changes_nothing(harness: BotHarness) -> None:
    await say(harness, ANN, "/timezone America/Phoenix", "en")
    for bad in ("/report 3", "/report 400", "/report lots"):
        answer = await reply_to(harness, ANN, bad)
        assert "Nothing was changed" in answer and "<code>/report 180</code>" in answer
    assert harness.api.sent_documents(ANN) == []


async def test_without_a_time_zone_the_report_asks_for_one(harness: BotHarness) -> None:
    answer = await reply_to(harness, ANN, "/report")
    assert EN(strings.LOG_NEEDS_ZONE)[:30] in answer
    assert harness.api.sent_documents(ANN) == []
