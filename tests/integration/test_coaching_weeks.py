"""Six simulated weeks of the coaching loop in a half-hour zone across the end of summer time.

America/St_Johns is UTC-2:30 in summer and UTC-3:30 from 1 Nov 2026. One person gets the evening reminder at
21:00 and the check-in at 08:00 local every day for six weeks on a fake clock, answers through the buttons as
a person would, and then asks for /progress and /insights. Nothing may be doubled or missed, every message
must come at the local minute, and every night must be named by the evening it starts.
"""

from __future__ import annotations

import struct
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings
from bot.text.charts import CHART_SIZE_PX
from support.conversation import callback_data, exchange, press, reply_to
from support.fake_bot_api import FakeBotApi
from support.harness import BotHarness, make_settings
from support.store_queries import delivery_log

ANN = 5151
ZONE = ZoneInfo("America/St_Johns")
FIRST_DAY = date(2026, 10, 12)  # a Monday; summer time ends on Sunday 1 Nov
DAYS = 42


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, database_url: str) -> Settings:
    return make_settings(fake_api, database_url)


def caffeine_on(day: date) -> bool:
    return day.toordinal() % 3 == 0


def alcohol_on(day: date) -> bool:
    return day.toordinal() % 4 == 1


def score_after(day: date) -> int:
    """Caffeine days are followed by bad nights; everything else is noise around a good night."""
    return (7 if caffeine_on(day) else 2) + day.toordinal() % 2


async def tick_at(harness: BotHarness, due: datetime | None, local: time) -> str:
    """Tick the engine at ``due``, which must be ``local`` o'clock in St John's; returns the one message sent."""
    assert due is not None
    assert due.astimezone(ZONE).time() == local, due
    harness.clock.set(due)
    before = len(harness.api.sent_messages(ANN))
    assert (await harness.engine.tick()).outcomes == {"sent": 1}
    assert (await harness.engine.tick()).due == 0  # never twice
    [message] = harness.api.sent_messages(ANN)[before:]
    return str(message.params["text"])


async def test_six_weeks_of_reminders_and_checkins_across_a_dst_change(harness: BotHarness) -> None:
    harness.clock.set(datetime.combine(FIRST_DAY, time(12, 0), ZONE))
    await reply_to(harness, ANN, "/timezone America/St_Johns")
    await reply_to(harness, ANN, "/subscribe 21:00")
    await reply_to(harness, ANN, "/checkin on")
    subscribers = harness.services.subscribers
    weekly_sundays = []
    done_evenings = 0

    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        view = await subscribers.get(ANN)
        assert view is not None
        if offset:  # the first check-in is tomorrow morning: the person signed up at noon
            night = day - timedelta(days=1)
            question = await tick_at(harness, view.next_checkin_at_utc, time(8, 0))
            assert f"Night of {night:%a} {night.day} {night:%b}" in question
            iso = night.isoformat()
            await press(harness, ANN, f"ci:score:{iso}:{score_after(night)}")
            for factor, present in (("caffeine", caffeine_on(night)), ("alcohol", alcohol_on(night))):
                if present:
                    await press(harness, ANN, f"ci:f:{iso}:{factor}:1")
            await press(harness, ANN, f"ci:save:{iso}")
            view = await subscribers.get(ANN)
            assert view is not None
        reminder = await tick_at(harness, view.next_due_at_utc, time(21, 0))
        if day.weekday() == 6:
            assert "Your week" in reminder
            weekly_sundays.append(day)
        else:
            assert "Your week" not in reminder
        if offset % 7 != 3:  # done on six evenings of seven, skipped on the seventh
            await press(harness, ANN, f"rem:done:{day.isoformat()}")
            done_evenings += 1
        else:
            await press(harness, ANN, f"rem:skip:{day.isoformat()}")

    assert len(weekly_sundays) == 6
    reminders = await delivery_log(harness.bot_app.store_context.sessions, ANN)
    assert [local_date for _, local_date, _ in reminders] == [
        FIRST_DAY + timedelta(days=offset) for offset in range(DAYS)
    ]
    assert {status for _, _, status in reminders} == {"sent"}
    assert len(await delivery_log(harness.bot_app.store_context.sessions, ANN, kind="checkin")) == DAYS - 1

    # The last Sunday's summary: the 7 nights before it, compared with the 7 before those.
    sunday = weekly_sundays[-1]
    assert f"nights {sunday - timedelta(days=7):%a} {(sunday - timedelta(days=7)).day}" in reminder_text_on(
        harness, sunday
    )

    harness.clock.set(datetime.combine(FIRST_DAY + timedelta(days=DAYS), time(9, 0), ZONE))
    insights = await reply_to(harness, ANN, "/insights")
    assert "After days with <b>caffeine after midday</b> your nights scored" in insights
    assert "points worse</b> on average" in insights and "After days with <b>alcohol</b>" not in insights

    await exchange(harness, ANN, "/progress 90")
    [photo] = harness.api.sent_photos(ANN)
    png = photo.files["photo"].data
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == CHART_SIZE_PX
    caption = str(photo.params["caption"])
    assert f"Check-ins: <b>{DAYS - 1}</b> of 90 nights" in caption
    assert f"Evening tips done: <b>{done_evenings}</b> of {DAYS} reminders" in caption
    assert "Habit strength: <b>" in caption


def reminder_text_on(harness: BotHarness, evening: date) -> str:
    """The text of the evening reminder whose Done button names ``evening``."""
    for call in harness.api.sent_messages(ANN):
        if f"rem:done:{evening.isoformat()}" in callback_data(call) and "Good evening" in str(call.params["text"]):
            return str(call.params["text"])
    raise AssertionError(f"no reminder for {evening}")
