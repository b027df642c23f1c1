"""The symptom-onset clock through the real application and the fake Bot API: the check-in's onset question after
the score, the weekly questions on the weekly day's check-in (and the first one), Skip, /log of a past night,
answers stored and changed, the weekly summary's onset line, and the early warning over simulated months of
daily check-ins: none for a stable person, exactly one for a drift, right after the answer that completes the
pattern, and one more for a second drift once the first has gone. English and Spanish.

Time is the injected clock. Every test runs on SQLite and PostgreSQL. (Not ``test_onset.py``: the unit tests of
bot.core.onset have that name, and pytest needs each test file's name once.)
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.core.onset import EpisodeState, Onset, OnsetAnswer, Sitting, evaluate, find_changes
from bot.store.models import Medicine, OnsetAlert
from bot.store.onset import OnsetRecorded
from bot.text import strings
from bot.text.i18n import texts
from support.conversation import BUTTON_MESSAGE_ID, answer, callback_data, exchange, press, reply_to
from support.fake_bot_api import Call, FakeBotApi
from support.harness import BotHarness, make_settings
from support.telegram_checks import check_message

ANN = 6101
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, database_url: str) -> Settings:
    return make_settings(fake_api, database_url)


def last_edit(harness: BotHarness) -> Call:
    return harness.api.calls("editMessageText")[-1]


def edited_text(harness: BotHarness) -> str:
    return str(last_edit(harness).params["text"])


def morning_after(night: date, zone: ZoneInfo = BERLIN) -> datetime:
    """08:00 local on the morning after ``night``: last night is over, and its day is "yesterday"."""
    return datetime.combine(night + timedelta(days=1), time(8, 0), zone)


async def tap(harness: BotHarness, chat_id: int, data: str, language_code: str = "en") -> tuple[str, list[Call]]:
    """Press a button; returns the press's answer and every new message the bot sent with it."""
    before = len(harness.api.calls("answerCallbackQuery"))
    sent = await exchange(
        harness, chat_id, lambda: harness.api.send_callback(chat_id, data, BUTTON_MESSAGE_ID, language_code)
    )
    answers = harness.api.calls("answerCallbackQuery")[before:]
    assert len(answers) == 1, answers
    for message in sent:
        check_message(message)
    return str(answers[0].params.get("text", "")), sent


async def alerts(harness: BotHarness, chat_id: int) -> int:
    async with harness.bot_app.store_context.sessions() as session:
        count = await session.scalar(select(func.count()).select_from(OnsetAlert).where(OnsetAlert.chat_id == chat_id))
        return int(count or 0)


# --- the flow ---


async def test_the_check_in_asks_when_symptoms_started_after_the_score_then_the_factors(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")  # the clock: 12:00 on Wed 25 Nov
    await harness.services.coaching.record_score(ANN, date(2026, 11, 20), 3, harness.clock())  # not the first
    question = await answer(harness, ANN, "/log")
    assert callback_data(question)[0] == "ci:score:2026-11-24:0"

    assert await press(harness, ANN, "ci:score:2026-11-24:6") == strings.ANSWER_SCORE.format(score=6)
    asked = edited_text(harness)
    assert "Night of Tue 24 Nov" in asked and "legs <b>6/10</b>" in asked
    assert "<b>When did your symptoms start yesterday?</b>" in asked
    assert callback_data(last_edit(harness)) == [
        "ci:on:2026-11-24:none",
        "ci:on:2026-11-24:bed",
        "ci:on:2026-11-24:evening",
        "ci:on:2026-11-24:afternoon",
        "ci:on:2026-11-24:morning",
        "ci:skip:2026-11-24:onset",
        "ci:back:2026-11-24",
    ]
    answered, sent = await tap(harness, ANN, "ci:on:2026-11-24:afternoon")
    assert answered == "Noted: In the afternoon" and sent == []
    assert "<b>Yesterday, did you have…</b>" in edited_text(harness)  # Wednesday morning: no weekly questions
    assert "ci:f:2026-11-24:caffeine:1" in callback_data(last_edit(harness))
    await press(harness, ANN, "ci:f:2026-11-24:caffeine:1")
    assert await press(harness, ANN, "ci:save:2026-11-24") == strings.ANSWER_SAVED
    saved = edited_text(harness)
    assert "legs <b>6/10</b>; caffeine after midday.\n🕒 Symptoms started in the afternoon.\n<i>To correct" in saved

    stored = await harness.services.onset.answer(ANN, date(2026, 11, 24))
    assert stored == OnsetAnswer(date(2026, 11, 24), Onset.AFTERNOON)
    assert await harness.services.onset.answers(ANN) == [stored]

    # Changed: /log the night again, the score, and the answer given shows on its button.
    await answer(harness, ANN, "/log 2026-11-24")
    await press(harness, ANN, "ci:score:2026-11-24:5")
    labels = [button["text"] for row in last_edit(harness).params["reply_markup"]["inline_keyboard"] for button in row]
    assert "•In the afternoon•" in labels and "In the evening" in labels
    await press(harness, ANN, "ci:on:2026-11-24:evening")
    assert (await harness.services.onset.answer(ANN, date(2026, 11, 24))) == OnsetAnswer(
        date(2026, 11, 24), Onset.EVENING
    )
    # Change score from the onset step goes back to the score, which comes back to the onset step.
    await press(harness, ANN, "ci:back:2026-11-24")
    assert "You recorded <b>5</b>" in edited_text(harness)
    await press(harness, ANN, "ci:score:2026-11-24:4")
    assert "When did your symptoms start" in edited_text(harness)
    checkin = await harness.services.coaching.checkin(ANN, date(2026, 11, 24))
    assert checkin is not None and checkin.score == 4 and checkin.onset == "evening"


async def test_the_weekly_questions_come_on_the_first_check_in_and_the_weekly_days_only(harness: BotHarness) -> None:
    harness.clock.set(datetime(2026, 12, 1, 11, 0, tzinfo=BERLIN))  # Tuesday 1 Dec
    await reply_to(harness, ANN, "/timezone Europe/Berlin")

    async def flow(night: str) -> list[str]:
        """The steps after the score, answering each, as the questions they ask."""
        await press(harness, ANN, f"ci:score:{night}:5")
        steps = [edited_text(harness)]
        await press(harness, ANN, f"ci:on:{night}:evening")
        steps.append(edited_text(harness))
        while "Once a week" in steps[-1]:
            await press(harness, ANN, callback_data(last_edit(harness))[1])  # No; 15–60 min
            steps.append(edited_text(harness))
        return steps

    first = await flow("2026-11-25")  # the first check-in: Wednesday night, asked for a baseline
    assert "when did your symptoms start?" in first[0]
    assert "did your symptoms reach your arms or other parts of your body" in first[1]
    assert "how long could you sit still in the evening" in first[2]
    assert "did you have…" in first[3] and len(first) == 4
    answers = await harness.services.onset.answers(ANN)
    assert answers == [OnsetAnswer(date(2026, 11, 25), Onset.EVENING, False, Sitting.FROM_15_TO_60)]

    assert len(await flow("2026-11-26")) == 2  # Thursday night: its morning is Friday
    sunday_morning = await flow("2026-11-28")  # Saturday night: its morning is Sunday, the weekly day
    assert len(sunday_morning) == 4 and "in the week up to Sat 28 Nov" in sunday_morning[1]

    assert len(await flow("2026-11-20")) == 2  # an older night filled in later is not "the first" again

    assert "Fridays" in await reply_to(harness, ANN, "/weekly fri")
    assert len(await flow("2026-11-26")) == 4  # now Thursday night's check-in is the weekly one
    assert len(await flow("2026-11-28")) == 2
    await reply_to(harness, ANN, "/weekly off")
    assert len(await flow("2026-11-28")) == 4  # the questions keep to Sundays, summary or not

    harness.clock.set(morning_after(date(2026, 11, 30)))  # Tuesday 08:00: last night was Monday's
    last = await flow("2026-11-30")
    assert "When did your symptoms start yesterday?" in last[0] and len(last) == 2


async def test_skip_goes_on_without_storing_anything(harness: BotHarness) -> None:
    harness.clock.set(morning_after(date(2026, 11, 28)))  # Sunday morning: the weekly questions too
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await press(harness, ANN, "ci:score:2026-11-28:2")
    assert await press(harness, ANN, "ci:skip:2026-11-28:onset") == strings.ANSWER_ONSET_SKIPPED
    assert "did your symptoms reach your arms" in edited_text(harness)
    assert "this week?" in edited_text(harness)
    assert callback_data(last_edit(harness)) == [
        "ci:arms:2026-11-28:1",
        "ci:arms:2026-11-28:0",
        "ci:skip:2026-11-28:arms",
    ]
    await press(harness, ANN, "ci:skip:2026-11-28:arms")
    assert "how long can you sit still before your symptoms start?" in edited_text(harness)
    assert callback_data(last_edit(harness)) == [
        "ci:sit:2026-11-28:under15",
        "ci:sit:2026-11-28:15to60",
        "ci:sit:2026-11-28:over60",
        "ci:sit:2026-11-28:none",
        "ci:skip:2026-11-28:sit",
    ]
    await press(harness, ANN, "ci:skip:2026-11-28:sit")
    assert "did you have…" in edited_text(harness)
    await press(harness, ANN, "ci:save:2026-11-28")
    assert "🕒" not in edited_text(harness) and "📅" not in edited_text(harness)
    assert await harness.services.onset.answers(ANN) == []
    assert await harness.services.onset.answer(ANN, date(2026, 11, 28)) == OnsetAnswer(date(2026, 11, 28))


async def test_a_past_nights_questions_name_its_day(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")  # Wed 25 Nov, 12:00
    await answer(harness, ANN, "/log 2026-11-21")  # a Saturday night, the first check-in
    await press(harness, ANN, "ci:score:2026-11-21:4")
    asked = edited_text(harness)
    assert "<b>On Sat 21 Nov, when did your symptoms start?</b>" in asked and "yesterday" not in asked
    await press(harness, ANN, "ci:on:2026-11-21:bed")
    assert "in the week up to Sat 21 Nov, did your symptoms reach your arms" in edited_text(harness)
    await press(harness, ANN, "ci:arms:2026-11-21:1")
    assert "in the week up to Sat 21 Nov, how long could you sit still" in edited_text(harness)
    await press(harness, ANN, "ci:sit:2026-11-21:over60")
    await press(harness, ANN, "ci:save:2026-11-21")
    saved = edited_text(harness)
    assert "🕒 Symptoms started in bed." in saved and "reached your arms" in saved and "more than an hour" in saved


async def test_the_onset_questions_in_spanish(harness: BotHarness) -> None:
    def in_spanish(data: str) -> Callable[[], object]:
        return lambda: harness.api.send_callback(ANN, data, BUTTON_MESSAGE_ID, language_code="es")

    await exchange(harness, ANN, lambda: harness.api.send_text(ANN, "/timezone Europe/Madrid", language_code="es"))
    await exchange(harness, ANN, in_spanish("ci:score:2026-11-24:6"))
    asked = edited_text(harness)
    assert "<b>¿Cuándo empezaron sus síntomas ayer?</b>" in asked
    labels = [button["text"] for row in last_edit(harness).params["reply_markup"]["inline_keyboard"] for button in row]
    assert labels[:5] == ["Sin síntomas", "Ya en la cama", "Por la noche", "Por la tarde", "Por la mañana"]
    await exchange(harness, ANN, in_spanish("ci:on:2026-11-24:afternoon"))
    assert "llegaron sus síntomas a los brazos" in edited_text(harness)  # the first check-in
    await exchange(harness, ANN, in_spanish("ci:skip:2026-11-24:arms"))
    await exchange(harness, ANN, in_spanish("ci:sit:2026-11-24:under15"))
    await exchange(harness, ANN, in_spanish("ci:save:2026-11-24"))
    saved = edited_text(harness)
    assert "🕒 Los síntomas empezaron por la tarde." in saved and "antes de 15 minutos" in saved
    await exchange(harness, ANN, in_spanish("ci:score:2026-11-20:3"))
    assert "<b>El vie 20 nov, ¿cuándo empezaron sus síntomas?</b>" in edited_text(harness)


async def test_forged_stale_and_refused_onset_presses_store_nothing(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")  # Wed 25 Nov, 12:00
    # No check-in for the night yet: the score comes first.
    assert await press(harness, ANN, "ci:on:2026-11-24:evening") == strings.ANSWER_CHECKIN_GONE
    await press(harness, ANN, "ci:score:2026-11-24:5")
    for data in ("ci:on:2026-11-24:noon", "ci:arms:2026-11-24:yes", "ci:sit:2026-11-24:15-60", "ci:skip:2026-11-24:x"):
        assert await press(harness, ANN, data) == strings.STALE_BUTTON, data
    assert await press(harness, ANN, "ci:on:2026-11-25:evening") == strings.ANSWER_CHECKIN_GONE  # not begun
    # A night the rule now refuses (more than a year old), even with a check-in from back then.
    await press(harness, ANN, "ci:score:2025-11-24:5")
    harness.clock.advance(days=2)
    assert await press(harness, ANN, "ci:on:2025-11-24:evening") == strings.ANSWER_CHECKIN_GONE
    assert await harness.services.onset.answers(ANN) == []
    assert await press(harness, ANN, "del:confirm") == strings.ANSWER_DELETED
    assert await press(harness, ANN, "ci:on:2026-11-24:evening") == strings.ANSWER_CHECKIN_GONE
    assert await harness.services.subscribers.get(ANN) is None


async def test_the_weekly_summary_says_when_symptoms_started_when_that_changed(harness: BotHarness) -> None:
    harness.clock.set(datetime(2026, 11, 29, 12, 0, tzinfo=BERLIN))  # Sunday
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    onset, coaching = harness.services.onset, harness.services.coaching
    for offset in range(14):  # the nights of 15 to 28 Nov: evenings, then afternoons
        night = date(2026, 11, 15) + timedelta(days=offset)
        await coaching.record_score(ANN, night, 5, harness.clock())
        band = Onset.EVENING if offset < 7 else (Onset.AFTERNOON if offset % 3 else Onset.EVENING)
        assert await onset.record_onset(ANN, night, band, harness.clock()) is not None
    view = await harness.services.subscribers.subscribe(ANN, harness.clock())
    assert view.next_due_at_utc is not None
    harness.clock.set(view.next_due_at_utc)
    await harness.engine.tick()
    summary = str(harness.api.sent_messages(ANN)[-1].params["text"])
    assert "Your week" in summary
    assert (
        "🕒 Symptoms started in the afternoon on 5 of the 7 nights you answered this week "
        "(the week before: mostly in the evening)." in summary
    )


# --- the early warning over simulated months ---

FIRST_NIGHT = date(2026, 1, 4)  # a Sunday night; the clock then runs day by day
# Before this many nights nothing can be compared (the first weeks and the last three would overlap), so those
# check-ins go straight to the store, and every later one through the buttons.
QUIET_NIGHTS = 42


@dataclass
class Person:
    """Someone doing the morning check-in every day, replaying on the test's side what the bot evaluates."""

    harness: BotHarness
    chat_id: int
    language: str = "en"
    zone: ZoneInfo = BERLIN
    warnings: list[tuple[date, str]] = field(default_factory=list)  # the night answered and the warning's text
    # The nights whose answers should complete a pattern, by bot.core.onset run on the same answers.
    expected: list[date] = field(default_factory=list)
    _answers: dict[date, OnsetAnswer] = field(default_factory=dict)
    _state: EpisodeState = field(default_factory=EpisodeState)

    async def check_in(
        self, night: date, onset: Onset | None, arms: bool | None, sitting: Sitting | None, *, buttons: bool
    ) -> None:
        """The score, then each answer given (None: skipped), on the morning after ``night``: through the buttons,
        or with ``buttons`` false straight through the store, as the buttons would.

        The score always goes straight to the store: its button is tested above, and a press costs a round trip.
        """
        harness, night_iso = self.harness, night.isoformat()
        harness.clock.set(morning_after(night, self.zone))
        now = harness.clock()
        await harness.services.coaching.record_score(self.chat_id, night, 4, now)
        store = harness.services.onset
        given: list[tuple[str, str, Callable[[], Awaitable[OnsetRecorded | None]]]] = []
        if onset is not None:
            given.append(("on", onset.value, partial(store.record_onset, self.chat_id, night, onset, now)))
        if arms is not None:
            given.append(("arms", str(int(arms)), partial(store.record_arms, self.chat_id, night, arms, now)))
        if sitting is not None:
            given.append(("sit", sitting.value, partial(store.record_sitting, self.chat_id, night, sitting, now)))
        for question, value, record in given:
            if buttons:
                _, sent = await tap(harness, self.chat_id, f"ci:{question}:{night_iso}:{value}", self.language)
                self.warnings += [(night, str(message.params["text"])) for message in sent]
            else:
                recorded = await record()
                assert recorded is not None and recorded.warning is None
            self._replay(night, question, value)

    @property
    def episode_open(self) -> bool:
        """Whether the replayed evaluation has a warning's episode open."""
        return self._state.open

    def _replay(self, night: date, question: str, value: str) -> None:
        """What the bot evaluates after an answer that changed something."""
        before = self._answers.get(night, OnsetAnswer(night))
        after = {
            "on": lambda: OnsetAnswer(night, Onset(value), before.arms, before.sitting),
            "arms": lambda: OnsetAnswer(night, before.onset, value == "1", before.sitting),
            "sit": lambda: OnsetAnswer(night, before.onset, before.arms, Sitting(value)),
        }[question]()
        if after == before:
            return
        self._answers[night] = after
        decision, _ = evaluate(self._state, self._answers.values(), max(self._answers))
        self._state = decision.new_state
        if decision.send:
            self.expected.append(night)


def noisy(rng: random.Random, usual: Onset, *, often: float) -> Onset | None:
    """``usual`` most nights, a neighbouring band now and then, and a skipped answer on some nights."""
    roll = rng.random()
    if roll < 0.08:
        return None
    if roll < 0.08 + often:
        return rng.choice([band for band in Onset if abs(band.rank - usual.rank) == 1])
    return usual


async def live(
    person: Person,
    rng: random.Random,
    first: int,
    usual: Onset,
    *,
    until: Callable[[], bool],
    most: int,
    buttons_from: int = QUIET_NIGHTS,
) -> int:
    """Daily check-ins from night ``first`` (counted from FIRST_NIGHT) with ``usual`` onset and some noise, until
    ``until()`` holds after a night, at most ``most`` nights; returns the next night's offset. The weekly
    questions are answered on Sunday mornings (Saturday nights) and at the first check-in, always the same, so
    only the onset moves. Through the buttons from night ``buttons_from`` on, straight through the store before.
    """
    for offset in range(first, first + most):
        night = FIRST_NIGHT + timedelta(days=offset)
        weekly = offset == 0 or (night + timedelta(days=1)).weekday() == 6
        await person.check_in(
            night,
            noisy(rng, usual, often=0.15),
            False if weekly else None,
            Sitting.FROM_15_TO_60 if weekly else None,
            buttons=offset >= buttons_from,
        )
        if until():
            return offset + 1
    return first + most


async def seed_ropinirole(harness: BotHarness, chat_id: int) -> None:
    """The medicine rows as /meds would keep them (added directly: the test is about the warning)."""
    now = harness.clock()
    async with harness.bot_app.store_context.sessions.begin() as session:
        taken = [("ropinirole", "Ropinirol (Requip)", None), ("levodopa", "levodopa", date(2025, 1, 1))]
        for key, name, stopped in taken:
            session.add(
                Medicine(
                    chat_id=chat_id,
                    catalogue_key=key,
                    name=name,
                    dose="0.25 mg",
                    reminders_on=False,
                    stopped_on=stopped,
                    created_at_utc=now,
                    updated_at_utc=now,
                )
            )


async def test_a_stable_person_gets_no_warning_over_four_months(harness: BotHarness) -> None:
    person = Person(harness, ANN)
    harness.clock.set(morning_after(FIRST_NIGHT))
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await live(person, random.Random(16), 0, Onset.EVENING, until=lambda: False, most=120)
    assert person.warnings == [] and person.expected == []
    assert await alerts(harness, ANN) == 0
    assert len(await harness.services.onset.answers(ANN)) > 100


@pytest.mark.parametrize("language", ["en", "es"])
async def test_a_drift_warns_once_right_after_the_answer_that_completes_it_and_a_second_drift_again(
    harness: BotHarness, language: str
) -> None:
    t = texts(language)
    person = Person(harness, ANN, language)
    harness.clock.set(morning_after(FIRST_NIGHT))
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    if language == "es":
        await tap(harness, ANN, "lang:es")
    await seed_ropinirole(harness, ANN)

    # Eight weeks of evenings, then afternoons until the warning (within eight weeks, and not at once).
    drift = await live(person, random.Random(7), 0, Onset.EVENING, until=lambda: False, most=56)
    back = await live(person, random.Random(8), drift, Onset.AFTERNOON, until=lambda: bool(person.warnings), most=56)
    [(night, warning)] = person.warnings
    assert person.expected == [night] and (night - FIRST_NIGHT).days >= drift + 7
    assert await alerts(harness, ANN) == 1
    afternoon, evening = t(strings.ONSET_PHRASES["afternoon"]), t(strings.ONSET_PHRASES["evening"])
    assert t(strings.ONSET_CHANGE_ONSET).format(recent=afternoon, baseline=evening) in warning
    assert "(Ropinirol (Requip))." in warning  # as entered; the levodopa stopped long ago is not named
    assert t(strings.ONSET_WARNING_MEDICINES) in warning and "/progress" in warning
    assert "0.25" not in warning
    if language == "es":
        return  # the second episode is the same in any language

    # Evenings again, straight through the store, until the episode has closed (the bot's state, not the test's).
    async def closed() -> bool:
        async with harness.bot_app.store_context.sessions() as session:
            newest = await session.scalar(
                select(OnsetAlert).where(OnsetAlert.chat_id == ANN).order_by(OnsetAlert.id.desc()).limit(1)
            )
            return newest is not None and not EpisodeState.from_json(newest.state).open

    again = await live(
        person, random.Random(9), back, Onset.EVENING, until=lambda: not person.episode_open, most=120, buttons_from=999
    )
    assert await closed() and len(person.warnings) == 1 and person.expected == [night]
    # A second drift: one more warning, through the buttons again.
    await live(person, random.Random(10), again, Onset.AFTERNOON, until=lambda: len(person.warnings) > 1, most=56)
    assert [night for night, _ in person.warnings] == person.expected and len(person.expected) == 2
    assert await alerts(harness, ANN) == 2


def racing_answers(last_nights: list[date]) -> dict[date, OnsetAnswer]:
    """Evenings, then afternoons from a day chosen so that the pattern is not complete without the last two nights'
    answers and complete with either of them (found with bot.core.onset itself, whatever its thresholds)."""
    nights = [FIRST_NIGHT + timedelta(days=offset) for offset in range((last_nights[-1] - FIRST_NIGHT).days + 1)]

    def changes_without(answers: dict[date, OnsetAnswer], left_out: list[date]) -> bool:
        kept = [answer for night, answer in answers.items() if night not in left_out]
        return bool(find_changes(kept, max(answer.night for answer in kept)))

    for drift_from in range(30, len(nights)):
        answers = {
            night: OnsetAnswer(night, Onset.AFTERNOON if offset >= drift_from else Onset.EVENING)
            for offset, night in enumerate(nights)
        }
        if not changes_without(answers, last_nights) and all(
            changes_without(answers, [other]) for other in last_nights
        ):
            return answers
    raise AssertionError("no drift completes the pattern with either of the last two nights")


async def test_two_taps_racing_to_complete_the_pattern_record_one_warning(harness: BotHarness) -> None:
    last_nights = [FIRST_NIGHT + timedelta(days=79), FIRST_NIGHT + timedelta(days=80)]
    answers = racing_answers(last_nights)
    harness.clock.set(morning_after(last_nights[-1]))
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    onset, coaching, now = harness.services.onset, harness.services.coaching, harness.clock()
    for night, given in answers.items():
        await coaching.record_score(ANN, night, 4, now)
        if night not in last_nights:
            assert given.onset is not None and await onset.record_onset(ANN, night, given.onset, now) is not None
    assert await alerts(harness, ANN) == 0
    results = await asyncio.gather(*(onset.record_onset(ANN, night, Onset.AFTERNOON, now) for night in last_nights))
    assert sum(1 for result in results if result is not None and result.warning is not None) == 1
    assert await alerts(harness, ANN) == 1
    # The episode is open: more of the same never warns again.
    again = await onset.record_onset(ANN, last_nights[0], Onset.MORNING, now)
    assert again is not None and again.warning is None and await alerts(harness, ANN) == 1
