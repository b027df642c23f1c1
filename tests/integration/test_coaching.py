"""The coaching loop through the real application and the fake Bot API: the reminder's Done / Snooze / Skip
buttons, the morning check-in, /log, /triggers, /weekly, /progress, /insights, /export and /delete.

Time is the injected clock; the delivery engine is ticked by hand. Every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import struct
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings
from bot.text import strings
from bot.text.charts import CHART_SIZE_PX
from bot.text.i18n import texts
from support.conversation import BUTTON_MESSAGE_ID, answer, buttons, callback_data, exchange, press, reply_to
from support.databases import rows_mentioning
from support.fake_bot_api import Call, FakeBotApi
from support.harness import BotHarness, make_settings
from support.store_queries import delivery_log

ANN, BOB = 4101, 4202


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, database_url: str) -> Settings:
    return make_settings(fake_api, database_url, snooze_minutes=30)


def last_edit(harness: BotHarness) -> Call:
    return harness.api.calls("editMessageText")[-1]


async def evening(harness: BotHarness, chat_id: int, zone: str = "Europe/Berlin") -> Call:
    """Subscribe ``chat_id`` and tick the engine at its reminder time; returns the reminder."""
    await reply_to(harness, chat_id, f"/timezone {zone}")
    view = await harness.services.subscribers.subscribe(chat_id, harness.clock())
    assert view.next_due_at_utc is not None
    harness.clock.set(view.next_due_at_utc)
    before = len(harness.api.sent_messages(chat_id))
    await harness.engine.tick()
    [reminder] = harness.api.sent_messages(chat_id)[before:]
    return reminder


async def test_done_marks_the_evening_edits_the_message_and_a_second_press_changes_nothing(
    harness: BotHarness,
) -> None:
    reminder = await evening(harness, ANN)
    assert callback_data(reminder) == ["rem:done:2026-11-25", "rem:snooze:2026-11-25", "rem:skip:2026-11-25"]

    assert await press(harness, ANN, "rem:done:2026-11-25") == strings.ANSWER_DONE
    edit = last_edit(harness)
    assert strings.REMINDER_DONE.split("</b>")[0] in str(edit.params["text"])
    assert buttons(edit) == []  # buttons gone
    edits = len(harness.api.calls("editMessageText"))
    assert await press(harness, ANN, "rem:done:2026-11-25") == strings.ANSWER_ALREADY_DONE
    assert await press(harness, ANN, "rem:snooze:2026-11-25") == strings.ANSWER_CLOSED
    assert len(harness.api.calls("editMessageText")) == edits
    history = await harness.services.coaching.history(ANN, date(2026, 11, 25), date(2026, 11, 25))
    assert history.done_nights == {date(2026, 11, 25)}


async def test_snooze_sends_one_more_reminder_later_and_the_nightly_series_is_unchanged(harness: BotHarness) -> None:
    await evening(harness, ANN)  # 21:00 in Berlin = 20:00 UTC
    due = reminder_time = harness.clock()
    assert await press(harness, ANN, "rem:snooze:2026-11-25") == strings.ANSWER_SNOOZED.format(time="21:30")
    assert callback_data(last_edit(harness)) == ["rem:done:2026-11-25", "rem:skip:2026-11-25"]
    assert await press(harness, ANN, "rem:snooze:2026-11-25") == strings.ANSWER_ALREADY_SNOOZED.format(time="21:30")

    harness.clock.set(due + timedelta(minutes=29))
    assert (await harness.engine.tick()).due == 0
    harness.clock.set(due + timedelta(minutes=30, seconds=2))
    assert (await harness.engine.tick()).outcomes == {"sent": 1}
    assert (await harness.engine.tick()).due == 0
    snooze = harness.api.sent_messages(ANN)[-1]
    assert str(snooze.params["text"]).startswith(strings.SNOOZE_HEADER)
    assert callback_data(snooze) == ["rem:done:2026-11-25", "rem:skip:2026-11-25"]
    assert await press(harness, ANN, "rem:snooze:2026-11-25") == strings.ANSWER_ALREADY_SNOOZED_NO_TIME
    assert await press(harness, ANN, "rem:done:2026-11-25") == strings.ANSWER_DONE

    view = await harness.services.subscribers.get(ANN)
    assert view is not None and view.next_due_at_utc == reminder_time + timedelta(days=1)
    assert await delivery_log(harness.bot_app.store_context.sessions, ANN, kind="snooze") == [
        (ANN, date(2026, 11, 25), "sent")
    ]


async def test_skip_cancels_a_pending_snooze(harness: BotHarness) -> None:
    await evening(harness, ANN)
    due = harness.clock()
    await press(harness, ANN, "rem:snooze:2026-11-25")
    assert await press(harness, ANN, "rem:skip:2026-11-25") == strings.ANSWER_SKIPPED
    assert buttons(last_edit(harness)) == []
    harness.clock.set(due + timedelta(hours=1))
    assert (await harness.engine.tick()).due == 0
    assert await delivery_log(harness.bot_app.store_context.sessions, ANN, kind="snooze") == [
        (ANN, date(2026, 11, 25), "cancelled")
    ]


async def test_a_snooze_is_not_sent_after_the_reminder_was_turned_off(harness: BotHarness) -> None:
    await evening(harness, ANN)
    due = harness.clock()
    await press(harness, ANN, "rem:snooze:2026-11-25")
    await reply_to(harness, ANN, "/unsubscribe")
    harness.clock.set(due + timedelta(minutes=31))
    assert (await harness.engine.tick()).outcomes == {}
    assert await delivery_log(harness.bot_app.store_context.sessions, ANN, kind="snooze") == [
        (ANN, date(2026, 11, 25), "cancelled")
    ]


async def test_buttons_on_old_unknown_or_deleted_reminders_are_answered_and_harmless(harness: BotHarness) -> None:
    await evening(harness, ANN)
    harness.clock.advance(hours=13)
    assert await press(harness, ANN, "rem:snooze:2026-11-25") == strings.ANSWER_TOO_LATE
    assert await press(harness, ANN, "rem:done:2026-11-20") == strings.ANSWER_GONE
    assert await press(harness, BOB, "rem:done:2026-11-25") == strings.ANSWER_GONE  # someone else's evening
    assert await press(harness, ANN, "rem:done:not-a-date") == strings.STALE_BUTTON
    assert await press(harness, ANN, "ci:score:2026-11-24:11") == strings.STALE_BUTTON
    assert await press(harness, ANN, "ci:save:2026-11-24") == strings.ANSWER_CHECKIN_GONE
    assert await press(harness, ANN, "del:confirm") == strings.ANSWER_DELETED
    assert await press(harness, ANN, "rem:done:2026-11-25") == strings.ANSWER_GONE
    assert await press(harness, ANN, "ci:score:2026-11-24:5") == strings.ANSWER_CHECKIN_GONE
    assert await press(harness, ANN, "ci:f:2026-11-24:caffeine:1") == strings.ANSWER_CHECKIN_GONE
    assert await harness.services.subscribers.get(ANN) is None  # no press brought any data back


async def test_morning_checkin_asks_the_score_then_the_factors_on_one_message(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Asia/Kolkata")
    on = await reply_to(harness, ANN, "/checkin 7:30")
    assert "Morning check-in on" in on and "07:30" in on
    await reply_to(harness, ANN, "/triggers add late dinner")
    view = await harness.services.subscribers.get(ANN)
    assert view is not None and view.next_checkin_at_utc == datetime(2026, 11, 26, 2, 0, tzinfo=UTC)

    harness.clock.set(view.next_checkin_at_utc)
    await harness.engine.tick()
    question = harness.api.sent_messages(ANN)[-1]
    assert "Night of Wed 25 Nov" in str(question.params["text"])
    assert callback_data(question)[0] == "ci:score:2026-11-25:0" and len(callback_data(question)) == 11

    assert await press(harness, ANN, "ci:score:2026-11-25:7") == strings.ANSWER_SCORE.format(score=7)
    assert "ci:on:2026-11-25:evening" in callback_data(last_edit(harness))  # when symptoms started (test_onset_clock)
    await press(harness, ANN, "ci:on:2026-11-25:evening")
    await press(harness, ANN, "ci:skip:2026-11-25:arms")  # the first check-in asks the weekly questions too
    await press(harness, ANN, "ci:skip:2026-11-25:sit")
    factors = last_edit(harness)
    data = callback_data(factors)
    assert "ci:f:2026-11-25:caffeine:1" in data and "ci:save:2026-11-25" in data
    [own] = [item for item in data if ":own:" in item]
    await press(harness, ANN, "ci:f:2026-11-25:caffeine:1")
    await press(harness, ANN, "ci:f:2026-11-25:caffeine:1")  # a double press sets the same thing again
    await press(harness, ANN, own)
    assert "ci:f:2026-11-25:caffeine:0" in callback_data(last_edit(harness))
    assert await press(harness, ANN, "ci:save:2026-11-25") == strings.ANSWER_SAVED
    saved = str(last_edit(harness).params["text"])
    assert "7/10" in saved and "caffeine after midday, late dinner" in saved and buttons(last_edit(harness)) == []

    checkin = await harness.services.coaching.checkin(ANN, date(2026, 11, 25))
    assert checkin is not None and checkin.score == 7 and "caffeine" in checkin.factors
    assert len(checkin.factors) == 2
    # The series goes on: tomorrow at 07:30 local, and nothing more today.
    assert (await harness.engine.tick()).due == 0
    view = await harness.services.subscribers.get(ANN)
    assert view is not None and view.next_checkin_at_utc == datetime(2026, 11, 27, 2, 0, tzinfo=UTC)


async def test_log_records_last_night_or_a_given_night_and_rejects_bad_dates(harness: BotHarness) -> None:
    assert "time zone" in await reply_to(harness, ANN, "/log")
    await reply_to(harness, ANN, "/timezone America/St_Johns")
    harness.clock.set(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))  # 05:30 local: last night is the 24th, ending
    question = await answer(harness, ANN, "/log")
    assert "Night of Tue 24 Nov" in str(question.params["text"])
    harness.clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # 08:30 local
    question = await answer(harness, ANN, "/log")
    assert callback_data(question)[3] == "ci:score:2026-11-24:3"
    await press(harness, ANN, "ci:score:2026-11-24:3")
    again = await answer(harness, ANN, "/log 2026-11-24")
    assert "You recorded <b>3</b>" in str(again.params["text"]) and "•3•" in str(buttons(again))
    await press(harness, ANN, "ci:score:2026-11-24:5")
    checkin = await harness.services.coaching.checkin(ANN, date(2026, 11, 24))
    assert checkin is not None and checkin.score == 5  # corrected, still one entry for the night

    assert "could not read" in await reply_to(harness, ANN, "/log yesterday")
    assert "could not read" in await reply_to(harness, ANN, "/log ２０２６-１１-２０")  # digits are 0-9 only
    assert "could not read" in await reply_to(harness, ANN, "/log 2026-02-30")
    not_begun = await reply_to(harness, ANN, "/log 2026-11-25")  # 08:30 local: tonight begins at 18:00
    assert "has not begun yet" in not_begun and "<code>/log 2026-11-24</code>" in not_begun
    too_old = await reply_to(harness, ANN, "/log 2020-01-01")
    assert "more than a year ago" in too_old and "<code>/log 2025-11-23</code>" in too_old
    assert await press(harness, ANN, "ci:score:2026-11-25:4") == strings.ANSWER_CHECKIN_GONE  # not begun
    assert await harness.services.coaching.checkin(ANN, date(2026, 11, 25)) is None
    harness.clock.set(datetime(2026, 11, 25, 22, 0, tzinfo=UTC))  # 18:30 local: tonight has begun
    assert "Night of Wed 25 Nov" in str((await answer(harness, ANN, "/log 2026-11-25")).params["text"])


async def factors_question(harness: BotHarness, chat_id: int, night: str, language_code: str = "en") -> str:
    """The check-in's factor question for ``night`` (a score already recorded), as a factor button shows it: the
    steps between the score and the factors (when symptoms started, …) do not matter here."""
    press_caffeine = lambda: harness.api.send_callback(  # noqa: E731
        chat_id, f"ci:f:{night}:caffeine:1", BUTTON_MESSAGE_ID, language_code=language_code
    )
    await exchange(harness, chat_id, press_caffeine)
    return str(last_edit(harness).params["text"])


async def test_log_at_ten_to_six_asks_about_the_night_that_is_ending(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    harness.clock.set(datetime(2026, 11, 26, 4, 50, tzinfo=UTC))  # 05:50 on Thu 26 Nov in Berlin
    question = await answer(harness, ANN, "/log")
    text = str(question.params["text"])
    assert "How have your legs been tonight?" in text and "Night of Wed 25 Nov" in text
    assert "has not" not in text and callback_data(question)[0] == "ci:score:2026-11-25:0"
    assert await press(harness, ANN, "ci:score:2026-11-25:6") == strings.ANSWER_SCORE.format(score=6)
    factors = await factors_question(harness, ANN, "2026-11-25")
    assert "<b>On Wed 25 Nov, did you have…</b>" in factors and "Yesterday" not in factors
    checkin = await harness.services.coaching.checkin(ANN, date(2026, 11, 25))
    assert checkin is not None and checkin.score == 6

    harness.clock.set(datetime(2026, 11, 26, 5, 0, tzinfo=UTC))  # 06:00: the night is over, the same night asked
    question = await answer(harness, ANN, "/log")
    text = str(question.params["text"])
    assert "How were your legs last night?" in text and "Night of Wed 25 Nov" in text
    await press(harness, ANN, "ci:score:2026-11-25:5")
    assert "<b>Yesterday, did you have…</b>" in await factors_question(harness, ANN, "2026-11-25")


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham"])
async def test_log_asks_about_the_evening_before_from_local_midnight_on(harness: BotHarness, zone: str) -> None:
    await reply_to(harness, ANN, f"/timezone {zone}")
    local = ZoneInfo(zone)
    harness.clock.set(datetime(2026, 11, 25, 23, 59, tzinfo=local).astimezone(UTC))
    before_midnight = await answer(harness, ANN, "/log")
    assert "Night of Tue 24 Nov" in str(before_midnight.params["text"])
    assert "How were your legs last night?" in str(before_midnight.params["text"])
    harness.clock.set(datetime(2026, 11, 26, 0, 0, tzinfo=local).astimezone(UTC))
    at_midnight = await answer(harness, ANN, "/log")
    assert "Night of Wed 25 Nov" in str(at_midnight.params["text"])
    assert "How have your legs been tonight?" in str(at_midnight.params["text"])
    assert callback_data(at_midnight)[0] == "ci:score:2026-11-25:0"
    assert await press(harness, ANN, "ci:score:2026-11-25:2") == strings.ANSWER_SCORE.format(score=2)
    not_begun = await reply_to(harness, ANN, "/log 2026-11-26")  # 00:00 on the 26th: its night begins at 18:00
    assert "has not begun yet" in not_begun and "For last night, Wed 25 Nov" in not_begun
    assert "<code>/log 2026-11-25</code>" in not_begun


async def test_a_check_in_at_five_in_the_morning_asks_about_the_night_that_began_the_evening_before(
    harness: BotHarness,
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/checkin 5:00")
    view = await harness.services.subscribers.get(ANN)
    assert view is not None and view.next_checkin_at_utc == datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
    harness.clock.set(view.next_checkin_at_utc)
    await harness.engine.tick()
    question = harness.api.sent_messages(ANN)[-1]
    text = str(question.params["text"])
    assert "How have your legs been tonight?" in text and "Night of Wed 25 Nov" in text
    assert callback_data(question)[0] == "ci:score:2026-11-25:0"
    await press(harness, ANN, "ci:score:2026-11-25:4")
    assert "<b>On Wed 25 Nov, did you have…</b>" in await factors_question(harness, ANN, "2026-11-25")
    checkin = await harness.services.coaching.checkin(ANN, date(2026, 11, 25))
    assert checkin is not None and checkin.score == 4


async def test_a_past_nights_check_in_names_its_day_instead_of_yesterday(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")  # the clock: 12:00 on Wed 25 Nov
    earlier = str((await answer(harness, ANN, "/log 2026-11-20")).params["text"])
    assert "How were your legs that night?" in earlier and "Night of Fri 20 Nov" in earlier
    await press(harness, ANN, "ci:score:2026-11-20:3")
    factors = await factors_question(harness, ANN, "2026-11-20")
    assert "<b>On Fri 20 Nov, did you have…</b>" in factors and "Yesterday" not in factors
    await press(harness, ANN, "ci:score:2026-11-24:3")  # last night, over: its day is yesterday
    assert "<b>Yesterday, did you have…</b>" in await factors_question(harness, ANN, "2026-11-24")
    harness.clock.advance(days=2)  # the same message, answered two days later, names the day
    factors = await factors_question(harness, ANN, "2026-11-24")
    assert "<b>On Tue 24 Nov, did you have…</b>" in factors and "Yesterday" not in factors


async def test_a_past_nights_check_in_names_its_day_in_spanish(harness: BotHarness) -> None:
    spanish = texts("es")

    def press_in_spanish(data: str) -> Callable[[], object]:
        return lambda: harness.api.send_callback(ANN, data, BUTTON_MESSAGE_ID, language_code="es")

    await exchange(harness, ANN, lambda: harness.api.send_text(ANN, "/timezone Europe/Madrid", language_code="es"))
    await exchange(harness, ANN, press_in_spanish("ci:score:2026-11-20:3"))
    factors = await factors_question(harness, ANN, "2026-11-20", "es")
    assert "<b>El vie 20 nov, ¿hubo algo de esto?</b>" in factors and "Ayer" not in factors
    assert factors.startswith(spanish(strings.CHECKIN_FACTORS_QUESTION_ON_DAY).split("{night}")[0])
    await exchange(harness, ANN, press_in_spanish("ci:score:2026-11-24:3"))
    assert "<b>Ayer, ¿hubo algo de esto?</b>" in await factors_question(harness, ANN, "2026-11-24", "es")
    harness.clock.set(datetime(2026, 11, 26, 4, 50, tzinfo=UTC))  # 05:50 in Madrid: the night is ending
    log = await exchange(harness, ANN, lambda: harness.api.send_text(ANN, "/log", language_code="es"))
    text = str(log[-1].params["text"])
    assert "¿Cómo han estado sus piernas esta noche?" in text and "Noche del mié 25 nov" in text


async def test_triggers_add_rename_remove_with_friendly_errors(harness: BotHarness) -> None:
    assert "none yet" in await reply_to(harness, ANN, "/triggers")
    for name in ("late dinner", "hot bath", "long drive"):
        assert "Added" in await reply_to(harness, ANN, f"/triggers add {name}")
    assert "already track 3" in await reply_to(harness, ANN, "/triggers add stress")
    assert "already track <b>Hot bath</b>" in await reply_to(harness, ANN, "/triggers add Hot bath")
    assert "Renamed to <b>big dinner</b>" in await reply_to(harness, ANN, "/triggers rename 1 big dinner")
    assert "no trigger number 7" in await reply_to(harness, ANN, "/triggers remove 7")
    assert "did not understand" in await reply_to(harness, ANN, "/triggers remove one")
    assert "1 to 40 characters" in await reply_to(harness, ANN, "/triggers add " + "x" * 41)
    assert "Removed <b>hot bath</b>" in await reply_to(harness, ANN, "/triggers remove 2")
    listing = await reply_to(harness, ANN, "/triggers")
    assert "1. big dinner" in listing and "2. long drive" in listing and "hot bath" not in listing
    everything = await harness.services.coaching.triggers(ANN, include_removed=True)
    assert [(t.name, t.active) for t in everything] == [("big dinner", True), ("long drive", True)]  # no history


async def test_weekly_day_is_set_by_name_and_the_summary_comes_with_that_evenings_reminder(
    harness: BotHarness,
) -> None:
    assert "Sundays" in await reply_to(harness, ANN, "/weekly")
    assert "Wednesdays" in await reply_to(harness, ANN, "/weekly wed")
    assert "don't know the day" in await reply_to(harness, ANN, "/weekly someday")
    coaching = harness.services.coaching
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    for offset, score in enumerate([6, 5, 4, 3, 2, 2, 1]):  # the nights of 18 to 24 Nov
        await coaching.record_score(ANN, date(2026, 11, 18) + timedelta(days=offset), score, harness.clock())
    reminder = await evening(harness, ANN)  # Wednesday 25 Nov
    body = str(reminder.params["text"])
    assert "Your week" in body and "Wed 18 Nov – Tue 24 Nov" in body and "Average score: <b>3.3</b>" in body
    assert "Best night: Tue 24 Nov (1)" in body and "hardest: Wed 18 Nov (6)" in body
    assert "Off" not in await reply_to(harness, ANN, "/weekly off")
    view = await harness.services.subscribers.get(ANN)
    assert view is not None and view.weekly_day is None


async def test_progress_sends_a_png_chart_with_a_summary(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    assert "Nothing to show yet" in await reply_to(harness, ANN, "/progress")
    assert "could not read" in await reply_to(harness, ANN, "/progress 5000")
    for offset in range(20):
        night = date(2026, 11, 24) - timedelta(days=offset)
        await harness.services.coaching.record_score(ANN, night, offset % 8, harness.clock())
    await exchange(harness, ANN, "/progress")
    [photo] = harness.api.sent_photos(ANN)
    upload = photo.files["photo"]
    assert upload.data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", upload.data[16:24])
    assert (width, height) == CHART_SIZE_PX
    caption = str(photo.params["caption"])
    assert "Your last 30 nights" in caption and "Check-ins: <b>20</b> of 30 nights" in caption


async def test_progress_at_ten_to_six_ends_with_the_night_that_is_ending(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    harness.clock.set(datetime(2026, 11, 26, 4, 50, tzinfo=UTC))  # 05:50 on Thu 26 Nov in Berlin
    await harness.services.coaching.record_score(ANN, date(2026, 11, 25), 7, harness.clock())
    await exchange(harness, ANN, "/progress 7")
    [photo] = harness.api.sent_photos(ANN)
    caption = str(photo.params["caption"])
    assert "(Thu 19 Nov – Wed 25 Nov)" in caption and "Check-ins: <b>1</b> of 7 nights" in caption


async def test_insights_need_enough_checkins_then_report_only_differences_that_hold(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    coaching, now = harness.services.coaching, harness.clock()
    for offset in range(10):
        await coaching.record_score(ANN, date(2026, 11, 1) + timedelta(days=offset), 3, now)
    assert "<b>4 more</b>" in await reply_to(harness, ANN, "/insights")
    for offset in range(20):  # caffeine on every other night, and those nights are clearly worse
        night = date(2026, 11, 1) + timedelta(days=offset)
        caffeine = offset % 2 == 0
        await coaching.record_score(ANN, night, 7 + offset % 3 if caffeine else 2 + offset % 2, now)
        await coaching.set_factor(ANN, night, "caffeine", caffeine, now)
        await coaching.set_factor(ANN, night, "alcohol", offset % 4 in (0, 3), now)
    reply = await reply_to(harness, ANN, "/insights")
    assert "After days with <b>caffeine after midday</b> your nights scored" in reply
    assert "(10 nights with, 10 without)" in reply and "not proof" in reply and "medicine" in reply
    assert "After days with <b>alcohol</b>" not in reply


async def test_export_holds_every_stored_entry_and_delete_leaves_no_row_about_the_person(
    harness: BotHarness,
) -> None:
    await evening(harness, ANN)
    await press(harness, ANN, "rem:snooze:2026-11-25")
    await reply_to(harness, BOB, "/start")
    await reply_to(harness, BOB, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/triggers add late dinner")
    await reply_to(harness, ANN, "/checkin on")
    now = harness.clock()
    await harness.services.coaching.record_score(ANN, date(2026, 11, 24), 6, now)
    await harness.services.coaching.set_factor(ANN, date(2026, 11, 24), "alcohol", True, now)

    await exchange(harness, ANN, "/export")
    [document] = harness.api.sent_documents(ANN)
    rows = list(csv.DictReader(io.StringIO(document.files["document"].data.decode("utf-8-sig"))))
    records = {(row["record"], row["name"] or row["kind"]) for row in rows}
    assert ("setting", "time_zone") in records and ("setting", "morning_checkin") in records
    assert ("trigger", "late dinner") in records
    assert ("message", "reminder") in records and ("message", "snooze") in records
    [checkin] = [row for row in rows if row["record"] == "checkin"]
    assert (checkin["date"], checkin["score"], checkin["factors"]) == ("2026-11-24", "6", "alcohol")
    [reminder] = [row for row in rows if row["kind"] == "reminder"]
    assert (reminder["status"], reminder["response"]) == ("sent", "snoozed")

    delete = await answer(harness, ANN, "/delete")
    assert callback_data(delete) == ["del:confirm", "del:cancel"]
    assert await press(harness, ANN, "del:cancel") == strings.ANSWER_DELETE_CANCELLED
    assert await harness.services.subscribers.get(ANN) is not None
    assert await press(harness, ANN, "del:confirm") == strings.ANSWER_DELETED
    assert await rows_mentioning(harness, ANN) == []
    assert await rows_mentioning(harness, BOB) != []  # other people's data stays
    harness.clock.advance(hours=2)
    assert (await harness.engine.tick()).due == 0  # the pending snooze went too
    assert "Welcome" in await reply_to(harness, ANN, "/start")
    assert "nothing to export" in await reply_to(harness, ANN, "/export")
