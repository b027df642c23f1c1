"""/iron through the real application and the fake Bot API: results typed or added with buttons and questions (in
English and Spanish), TSAT from serum iron and TIBC, bad input that changes nothing, the history's order,
deletion, infusions; the reminder the evening before a planned blood test (in Phoenix, Kolkata and across a DST
change; cancelled, moved with the zone, sent by a new application after a restart), the recall N months later,
a blocked chat getting neither, and /delete taking every iron row and pending one-off with it.

Time is the injected clock (2026-11-25 11:00 UTC to start); the delivery engine is ticked by hand. Every test runs
on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from tenacity import wait_none

from bot.app import BotApp, build_application
from bot.config import Settings
from bot.content import Content
from bot.lifecycle import stop_application
from bot.store.iron import IronPlan, IronResultView
from bot.text import strings
from bot.text.i18n import texts
from support.clock import FakeClock
from support.conversation import answer, buttons, callback_data, exchange, press, reply_to
from support.databases import rows_mentioning
from support.fake_bot_api import Call, FakeBotApi
from support.harness import BotHarness, make_settings
from support.store_queries import delivery_log

ANN, BOB = 5101, 5202
ES = texts("es")


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, database_url: str) -> Settings:
    return make_settings(fake_api, database_url)


async def results(harness: BotHarness, chat_id: int = ANN) -> list[IronResultView]:
    return await harness.services.iron.results(chat_id)


def text_of(call: Call) -> str:
    return str(call.params["text"])


async def say_es(harness: BotHarness, chat_id: int, text: str) -> list[Call]:
    """Write as a person whose Telegram is set to Spanish."""
    return await exchange(harness, chat_id, lambda: harness.api.send_text(chat_id, text, language_code="es"))


async def press_es(harness: BotHarness, chat_id: int, data: str) -> list[Call]:
    return await exchange(harness, chat_id, lambda: harness.api.send_callback(chat_id, data, 55, language_code="es"))


async def tick_at(harness: BotHarness, instant: datetime) -> dict[str, int]:
    harness.clock.set(instant)
    return (await harness.engine.tick()).outcomes


# --- results ------------------------------------------------------------------------------------------------


async def test_a_typed_result_is_saved_and_then_asked_whether_it_was_a_morning_draw(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    saved = await answer(harness, ANN, "/iron 2026-11-20 ferritin 45 tsat 18")
    assert "Saved" in text_of(saved) and "ferritin 45 ng/mL · TSAT 18 %" in text_of(saved)
    assert callback_data(saved) == ["ir:m:2026-11-20:y", "ir:m:2026-11-20:n", "ir:m:2026-11-20:u"]
    [result] = await results(harness)
    assert (result.drawn_on, result.ferritin, result.tsat, result.morning_no_iron) == (date(2026, 11, 20), 45, 18, None)

    assert await press(harness, ANN, "ir:m:2026-11-20:y") == strings.ANSWER_IRON_NOTED
    edited = harness.api.calls("editMessageText")[-1]
    assert "morning, after 24 h without iron" in text_of(edited) and buttons(edited) == []
    assert (await results(harness))[0].morning_no_iron is True
    await press(harness, ANN, "ir:m:2026-11-20:u")  # Not sure: back to "not said"
    assert (await results(harness))[0].morning_no_iron is None
    assert await press(harness, BOB, "ir:m:2026-11-20:y") == strings.ANSWER_IRON_GONE  # not Bob's result


async def test_tsat_is_computed_from_serum_iron_and_tibc_and_a_full_result_asks_nothing_more(
    harness: BotHarness,
) -> None:
    saved = await answer(harness, ANN, "/iron 2026-11-20 ferritin 30 iron 60 tibc 300 hb 135 morning fasting")
    assert "TSAT 20 % (from iron 60 and TIBC 300)" in text_of(saved) and "Hb 13.5 g/dL" in text_of(saved)
    assert buttons(saved) == []
    [result] = await results(harness)
    assert (result.tsat, result.serum_iron, result.tibc, result.haemoglobin) == (20.0, 60, 300, 13.5)
    assert result.morning_no_iron is True


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("/iron 2026-13-01 ferritin 45", "as a date"),
        ("/iron ferritin 45", "start with the date"),
        ("/iron 2026-11-20 ferritin abc", "as a number for ferritin"),
        ("/iron 2026-11-20 ferritin 90000", "looks unlikely"),
        ("/iron 2026-11-20 tsat 50 iron 60 tibc 300", "which give 20 %"),
        ("/iron 2026-11-20 iron 60", "Please add TIBC too"),
        ("/iron 2026-11-30 ferritin 45", "still to come"),  # after today in Berlin
        ("/iron 1970-01-01 ferritin 45", "check the year"),
        ("/iron frobnicate", "I don't know"),
        ("/iron delete two", "number of the result"),
        ("/iron recall 36", "from 1 to 24"),
        ("/iron test yesterday", "as a date"),
        ("/iron infusion 2027-01-01", "still to come"),
    ],
)
async def test_bad_input_is_answered_with_an_example_and_changes_nothing(
    harness: BotHarness, typed: str, said: str
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/iron 2026-11-01 ferritin 50")
    before = await results(harness), await harness.services.iron.infusions(ANN)
    reply = await reply_to(harness, ANN, typed)
    assert said in reply and strings.IRON_NOTHING_CHANGED in reply and "<code>/iron" in reply
    assert (await results(harness), await harness.services.iron.infusions(ANN)) == before
    assert await harness.services.iron.planned(ANN) == IronPlan()


async def test_the_history_lists_results_oldest_first_with_infusions_between_and_delete_takes_the_nth(
    harness: BotHarness,
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/iron 2026-11-20 ferritin 45 tsat 18")
    await reply_to(harness, ANN, "/iron 2026-05-04 ferritin 22")
    await reply_to(harness, ANN, "/iron infusion 2026-06-01")
    history = await answer(harness, ANN, "/iron")
    text = text_of(history)
    first, infusion, second = text.index("1. <b>Mon 4 May 2026"), text.index("💉 <b>Mon 1 Jun"), text.index("2. <b>Fri")
    assert first < infusion < second
    assert callback_data(history) == ["ir:add", "ir:inf", "ir:test", "ir:rc", "ir:info"]

    # A second result of the same day replaces the first.
    replaced = await reply_to(harness, ANN, "/iron 2026-05-04 ferritin 25 morning fasting")
    assert "in place of the result you had for that day" in replaced
    assert [(r.drawn_on, r.ferritin) for r in await results(harness)] == [
        (date(2026, 5, 4), 25),
        (date(2026, 11, 20), 45),
    ]
    assert "There is no result 3" in await reply_to(harness, ANN, "/iron delete 3")
    assert "Result 1 deleted" in await reply_to(harness, ANN, "/iron delete 1")
    assert [r.drawn_on for r in await results(harness)] == [date(2026, 11, 20)]
    assert await results(harness, BOB) == []


async def test_infusions_are_added_by_button_or_typed_date_listed_and_deleted(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Asia/Kolkata")
    await reply_to(harness, ANN, "/iron")
    [menu] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:inf", 55))
    assert strings.IRON_INFUSIONS_NONE in text_of(menu) and callback_data(menu) == ["ir:inf:2026-11-25"]
    assert "Wed 25 Nov 2026" in await reply_to(harness, ANN, "2026-11-25")  # the answer to the question, typed
    [again] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:inf:2026-11-25", 55))
    assert "noted already" in text_of(again)
    await reply_to(harness, ANN, "/iron infusion 2026-11-02")
    assert await harness.services.iron.infusions(ANN) == [date(2026, 11, 2), date(2026, 11, 25)]
    [menu] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:inf", 55))
    assert callback_data(menu) == ["ir:inf:2026-11-25", "ir:infdel:2026-11-02", "ir:infdel:2026-11-25"]
    assert await press(harness, ANN, "ir:infdel:2026-11-02") == strings.ANSWER_IRON_INFUSION_DELETED
    assert await press(harness, ANN, "ir:infdel:2026-11-02") == strings.ANSWER_IRON_GONE  # a second press
    assert await harness.services.iron.infusions(ANN) == [date(2026, 11, 25)]


async def test_a_result_added_with_buttons_and_questions_reads_each_answer_like_the_typed_form(
    harness: BotHarness,
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    [day_question] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:add", 55))
    assert callback_data(day_question) == ["ir:day:2026-11-25"]
    again = await reply_to(harness, ANN, "last tuesday")
    assert "as a date" in again and "On which day" in again
    ferritin = await answer(harness, ANN, "2026-11-24")
    assert "Tue 24 Nov 2026" in text_of(ferritin) and callback_data(ferritin) == ["ir:skip:ferritin"]
    assert "as a number for ferritin" in await reply_to(harness, ANN, "lots")
    tsat = await answer(harness, ANN, "45 ng/mL")
    assert callback_data(tsat) == ["ir:skip:tsat"]
    hb = await answer(harness, ANN, "60 300")  # serum iron and TIBC
    assert callback_data(hb) == ["ir:skip:hb"]
    [saved] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:skip:hb", 55))
    assert "TSAT 20 % (from iron 60 and TIBC 300)" in text_of(saved)
    assert callback_data(saved) == ["ir:m:2026-11-24:y", "ir:m:2026-11-24:n", "ir:m:2026-11-24:u"]
    [result] = await results(harness)
    assert (result.drawn_on, result.ferritin, result.tsat, result.haemoglobin) == (date(2026, 11, 24), 45, 20.0, None)
    # The questions are over: a Skip from one of them is stale, and plain text is read as before (a time zone).
    assert await press(harness, ANN, "ir:skip:tsat") == strings.STALE_BUTTON
    assert "Europe/Madrid" in await reply_to(harness, ANN, "Madrid")


async def test_a_result_with_neither_ferritin_nor_tsat_is_not_saved(harness: BotHarness) -> None:
    await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:add", 55))
    await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:day:2026-11-25", 55))
    [tsat] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:skip:ferritin", 55))
    assert callback_data(tsat) == []  # after a skipped ferritin, TSAT cannot be skipped too
    assert "Hb" in await reply_to(harness, ANN, "morning fasting")  # a flag, but still no value
    assert strings.IRON_NEEDS_A_VALUE in await reply_to(harness, ANN, "13.5")
    assert await results(harness) == []


async def test_spanish_typed_and_button_entry(harness: BotHarness) -> None:
    await say_es(harness, ANN, "/timezone Madrid")
    [saved] = await say_es(harness, ANN, "/iron 2026-11-20 ferritina 45,5 hierro 60 ctfh 300 hb 13,5")
    assert ES(strings.IRON_SAVED).split("</b>")[0] in text_of(saved)
    assert "ferritina 45,5 ng/mL" in text_of(saved) and "vie 20 nov 2026" in text_of(saved)
    assert [button["text"] for row in buttons(saved) for button in row] == ["Sí", "No", "No estoy seguro"]
    [history] = await say_es(harness, ANN, "/iron")
    assert ES(strings.IRON_TITLE) in text_of(history) and "ℹ️ Qué significan los números" in str(buttons(history))

    await press_es(harness, ANN, "ir:add")
    await press_es(harness, ANN, "ir:day:2026-11-25")
    [problem] = await say_es(harness, ANN, "mucha")
    assert "No pude leer <b>mucha</b> como un número para la ferritina" in text_of(problem)
    await say_es(harness, ANN, "52")
    await say_es(harness, ANN, "sat 21")
    [done] = await say_es(harness, ANN, "135 g/L")
    assert "sat. de transferrina 21 %" in text_of(done) and "Hb 13,5 g/dL" in text_of(done)
    assert [(r.ferritin, r.tsat, r.haemoglobin) for r in await results(harness)] == [(45.5, 20.0, 13.5), (52, 21, 13.5)]
    [bad] = await say_es(harness, ANN, "/iron borrar uno")
    assert ES(strings.IRON_NOTHING_CHANGED) in text_of(bad) and "<code>/iron borrar 1</code>" in text_of(bad)


async def test_what_the_numbers_mean_is_the_reviewed_iron_section_as_general_information(
    harness: BotHarness, content: Content
) -> None:
    await reply_to(harness, ANN, "/iron 2026-11-20 ferritin 20")
    [info] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:info", 55))
    section = content.library("en").page("treatments").section("iron")
    assert section is not None and section.heading in text_of(info)
    assert strings.IRON_INFO_INTRO in text_of(info) and "75 ng/mL" in text_of(info)
    assert "20 ng/mL" not in text_of(info) and "ferritin 20" not in text_of(info)  # nothing about her own value


# --- the planned test and the recall ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "evening_before_utc"),
    [
        ("America/Phoenix", datetime(2026, 12, 15, 4, 0, tzinfo=UTC)),  # 21:00 MST on the 14th, no DST
        ("Asia/Kolkata", datetime(2026, 12, 14, 15, 30, tzinfo=UTC)),  # 21:00 IST on the 14th
    ],
)
async def test_a_planned_test_is_reminded_once_the_evening_before_at_the_reminder_time(
    harness: BotHarness, zone: str, evening_before_utc: datetime
) -> None:
    await reply_to(harness, ANN, f"/timezone {zone}")
    planned = await reply_to(harness, ANN, "/iron test 2026-12-15")
    assert "Blood test planned for Tue 15 Dec 2026" in planned and "Mon 14 Dec at 21:00" in planned
    plan = await harness.services.iron.planned(ANN)
    assert (plan.test_on, plan.test_reminder_at_utc) == (date(2026, 12, 15), evening_before_utc)

    assert await tick_at(harness, evening_before_utc - timedelta(minutes=1)) == {}
    assert await tick_at(harness, evening_before_utc) == {"sent": 1}
    reminder = harness.api.sent_messages(ANN)[-1]
    assert "Your blood test is tomorrow, Tuesday 15 December" in text_of(reminder)
    assert "only on their advice" in text_of(reminder)
    assert await tick_at(harness, evening_before_utc + timedelta(days=1)) == {}
    assert await delivery_log(harness.bot_app.store_context.sessions, ANN, kind="iron_test") == [
        (ANN, date(2026, 12, 15), "sent")
    ]
    assert (await harness.services.iron.planned(ANN)).test_on is None


async def test_a_test_reminder_follows_the_clock_change_and_a_missing_local_time_moves_to_after_the_gap(
    harness: BotHarness,
) -> None:
    harness.clock.set(datetime(2027, 3, 1, 12, 0, tzinfo=UTC))
    await reply_to(harness, ANN, "/timezone America/New_York")
    await reply_to(harness, ANN, "/iron test 2027-03-16")  # the evening before is after the change to EDT
    assert (await harness.services.iron.planned(ANN)).test_reminder_at_utc == datetime(2027, 3, 16, 1, 0, tzinfo=UTC)
    await reply_to(harness, ANN, "/time 02:30")  # 02:30 on 14 March does not exist in New York
    await reply_to(harness, ANN, "/iron test 2027-03-15")
    due = datetime(2027, 3, 14, 7, 0, tzinfo=UTC)  # 03:00 EDT, the first minute after the gap
    assert (await harness.services.iron.planned(ANN)).test_reminder_at_utc == due
    assert await tick_at(harness, due - timedelta(minutes=1)) == {}
    assert await tick_at(harness, due) == {"sent": 1}
    assert await delivery_log(harness.bot_app.store_context.sessions, ANN, kind="iron_test") == [
        (ANN, date(2027, 3, 16), "cancelled"),  # replaced by the new plan
        (ANN, date(2027, 3, 15), "sent"),
    ]


async def test_a_cancelled_or_replaced_test_is_not_reminded(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/iron test 2026-12-10")
    replaced = await reply_to(harness, ANN, "/iron test 2026-12-11")
    assert "It replaces the test planned for Thu 10 Dec 2026" in replaced
    [question] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:test", 55))
    assert "Fri 11 Dec 2026" in text_of(question) and callback_data(question) == ["ir:testoff"]
    [cancelled] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:testoff", 55))
    assert "Fri 11 Dec 2026" in text_of(cancelled)
    assert strings.IRON_TEST_NONE in await reply_to(harness, ANN, "/iron test off")
    assert await tick_at(harness, datetime(2026, 12, 10, 20, 0, tzinfo=UTC)) == {}
    assert await tick_at(harness, datetime(2026, 12, 11, 20, 0, tzinfo=UTC)) == {}
    log = await delivery_log(harness.bot_app.store_context.sessions, ANN, kind="iron_test")
    assert sorted(log) == [(ANN, date(2026, 12, 10), "cancelled"), (ANN, date(2026, 12, 11), "cancelled")]
    # Planned again for a cancelled day: the same row is pending again, and goes out.
    harness.clock.set(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    await reply_to(harness, ANN, "/iron test 2026-12-11")
    assert await tick_at(harness, datetime(2026, 12, 10, 20, 0, tzinfo=UTC)) == {"sent": 1}


async def test_planning_a_test_needs_a_zone_a_day_ahead_and_an_evening_before_still_to_come(
    harness: BotHarness,
) -> None:
    assert strings.IRON_NEEDS_ZONE in await reply_to(harness, ANN, "/iron test 2026-12-15")
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    assert "not ahead of us" in await reply_to(harness, ANN, "/iron test 2026-11-25")
    assert "more than two years" in await reply_to(harness, ANN, "/iron test 2029-01-01")
    harness.clock.set(datetime(2026, 11, 25, 21, 0, tzinfo=UTC))  # 22:00 in Berlin: tonight's 21:00 has passed
    too_late = await reply_to(harness, ANN, "/iron test 2026-11-26")
    assert "too soon for a reminder" in too_late and "only on their advice" in too_late
    assert (await harness.services.iron.planned(ANN)).test_on is None
    [question] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:test", 55))
    assert "at 21:00" in text_of(question)
    assert "Planned" not in text_of(question) and callback_data(question) == []
    assert "Blood test planned for Sat 28 Nov 2026" in await reply_to(harness, ANN, "2026-11-28")  # typed answer


async def test_a_planned_test_reminder_moves_with_a_zone_change(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/iron test 2026-12-15")
    assert (await harness.services.iron.planned(ANN)).test_reminder_at_utc == datetime(2026, 12, 14, 20, tzinfo=UTC)
    await reply_to(harness, ANN, "/timezone Asia/Kolkata")
    moved = datetime(2026, 12, 14, 15, 30, tzinfo=UTC)
    assert (await harness.services.iron.planned(ANN)).test_reminder_at_utc == moved
    assert "Mon 14 Dec at 21:00" in await reply_to(harness, ANN, "/iron")
    assert await tick_at(harness, moved) == {"sent": 1}
    assert await tick_at(harness, datetime(2026, 12, 14, 20, tzinfo=UTC)) == {}


@asynccontextmanager
async def another_application(settings: Settings, content: Content, clock: FakeClock) -> AsyncIterator[BotApp]:
    """A second application on the same database, as a restarted process would be (started, never polled)."""
    built = build_application(settings, content, token=settings.require_token(), clock=clock)
    built.sender.retry_wait = wait_none()
    await built.application.initialize()
    try:
        yield built
    finally:
        await stop_application(built.application)


async def test_a_planned_test_and_a_recall_survive_a_restart(
    harness: BotHarness, harness_settings: Settings, content: Content
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/iron test 2026-12-15")
    await reply_to(harness, ANN, "/iron recall 1")
    # A new process on the same database: it knows the plan only from its rows (the first is never ticked again).
    async with another_application(harness_settings, content, harness.clock) as restarted:
        harness.clock.set(datetime(2026, 12, 14, 20, 0, tzinfo=UTC))
        assert (await restarted.engine.tick()).outcomes == {"sent": 1}
        harness.clock.set(datetime(2026, 12, 25, 7, 0, tzinfo=UTC))  # 08:00 in Berlin, a month on
        assert (await restarted.engine.tick()).outcomes == {"sent": 1}
    sent = [text_of(call) for call in harness.api.sent_messages(ANN)[-2:]]
    assert "Your blood test is tomorrow, Tuesday 15 December" in sent[0]
    assert texts("en")(strings.IRON_RECALL_REMINDER) == sent[1]


async def test_a_recall_goes_out_after_n_months_at_the_check_in_time_and_can_be_turned_off(
    harness: BotHarness,
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/checkin 07:15")
    await reply_to(harness, ANN, "/checkin off")  # the time stays; the check-in itself would also go out at 07:15
    [choice] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:rc", 55))
    assert callback_data(choice) == ["ir:rc:3", "ir:rc:6", "ir:rc:12"]
    [set_to] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:rc:6", 55))
    assert "Tue 25 May 2027 at 07:15" in text_of(set_to)
    due = datetime(2027, 5, 25, 5, 15, tzinfo=UTC)  # 07:15 CEST
    assert (await harness.services.iron.planned(ANN)).recall_at_utc == due
    [choice] = await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:rc", 55))
    assert callback_data(choice)[-1] == "ir:rc:off"
    assert "Mon 25 Jan 2027" in await reply_to(harness, ANN, "/iron recall 2")  # one recall at a time
    assert strings.IRON_RECALL_OFF in await reply_to(harness, ANN, "/iron recall off")
    assert strings.IRON_RECALL_NONE in await reply_to(harness, ANN, "/iron recall off")
    assert await tick_at(harness, datetime(2027, 1, 25, 7, 15, tzinfo=UTC)) == {}

    harness.clock.set(datetime(2026, 11, 25, 11, 0, tzinfo=UTC))
    await reply_to(harness, ANN, "/iron recall 6")
    assert await tick_at(harness, due - timedelta(minutes=1)) == {}
    assert await tick_at(harness, due) == {"sent": 1}
    assert text_of(harness.api.sent_messages(ANN)[-1]) == strings.IRON_RECALL_REMINDER
    assert await tick_at(harness, due + timedelta(days=1)) == {}


async def test_a_blocked_chat_gets_neither_the_test_reminder_nor_the_recall(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/iron test 2026-12-15")
    await reply_to(harness, ANN, "/iron recall 1")
    await exchange(harness, ANN, lambda: harness.api.send_block(ANN))
    before = len(harness.api.sent_messages(ANN))
    assert await tick_at(harness, datetime(2026, 12, 14, 20, 0, tzinfo=UTC)) == {}
    assert await tick_at(harness, datetime(2026, 12, 25, 7, 0, tzinfo=UTC)) == {}
    assert len(harness.api.sent_messages(ANN)) == before
    sessions = harness.bot_app.store_context.sessions
    assert await delivery_log(sessions, ANN, kind="iron_test") == [(ANN, date(2026, 12, 15), "cancelled")]
    assert await delivery_log(sessions, ANN, kind="iron_recall") == [(ANN, date(2026, 12, 25), "cancelled")]


async def test_delete_removes_every_iron_row_and_pending_one_off(harness: BotHarness) -> None:
    for chat_id in (ANN, BOB):
        await reply_to(harness, chat_id, "/timezone Europe/Berlin")
        await reply_to(harness, chat_id, "/iron 2026-11-20 ferritin 45 tsat 18 morning fasting")
        await reply_to(harness, chat_id, "/iron infusion 2026-11-02")
        await reply_to(harness, chat_id, "/iron test 2026-12-15")
        await reply_to(harness, chat_id, "/iron recall 3")
    await reply_to(harness, ANN, "/delete")
    assert await press(harness, ANN, "del:confirm") == strings.ANSWER_DELETED
    assert await rows_mentioning(harness, ANN) == []
    assert await results(harness) == [] and await harness.services.iron.infusions(ANN) == []
    assert await tick_at(harness, datetime(2026, 12, 14, 20, 0, tzinfo=UTC)) == {"sent": 1}  # Bob's only
    assert harness.api.sent_messages(BOB)[-1].params["text"] != harness.api.sent_messages(ANN)[-1].params["text"]
    # Buttons under old messages bring nothing back.
    assert await press(harness, ANN, "ir:m:2026-11-20:y") == strings.ANSWER_IRON_GONE
    await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:inf:2026-11-25", 55))
    await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "ir:rc:6", 55))
    assert await rows_mentioning(harness, ANN) == []


async def test_iron_is_in_help_and_the_command_menu_in_both_languages(harness: BotHarness) -> None:
    assert "/iron —" in await reply_to(harness, ANN, "/help")
    [spanish] = await say_es(harness, BOB, "/help")
    assert "/iron — sus resultados de hierro" in text_of(spanish)
    assert ("iron", "Iron results, infusions and test reminders") in strings.COMMAND_MENU
    assert ES("Iron results, infusions and test reminders") != "Iron results, infusions and test reminders"
