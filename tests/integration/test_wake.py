"""The delivery engine wakes at the next due instant instead of waiting for its periodic tick.

The real application, with its jobs kept in a paused scheduler (the harness): the tests read the queued wake
job and run the tick jobs by hand, with the injected clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from telegram.ext import Job

from bot.config import Settings
from bot.delivery.ticks import START_TICK_JOB_NAME, TICK_JOB_NAME, WAKE_JOB_NAME
from bot.services import BotContext
from bot.text import strings
from support.conversation import exchange, press
from support.fake_bot_api import FakeBotApi
from support.harness import BotHarness, make_settings

ANN, BOB, CAT = 5101, 5202, 5303
EVENING = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, sqlite_url: str) -> Settings:
    return make_settings(fake_api, sqlite_url, snooze_minutes=0.5)  # a snooze 30 s after the press


def jobs_named(harness: BotHarness, name: str) -> tuple[Job[BotContext], ...]:
    job_queue = harness.bot_app.application.job_queue
    assert job_queue is not None
    return job_queue.get_jobs_by_name(name)


def the_wake(harness: BotHarness) -> datetime | None:
    """The instant the one queued wake is for (None if there is none); never two wakes at once."""
    assert len(jobs_named(harness, WAKE_JOB_NAME)) <= 1
    return harness.bot_app.ticks.planned_wake


def last_text(harness: BotHarness, chat_id: int) -> str:
    return str(harness.api.sent_messages(chat_id)[-1].params["text"])


async def run_job(harness: BotHarness, job: Job[BotContext]) -> None:
    await job.run(harness.bot_app.application)


async def run_periodic_tick(harness: BotHarness) -> None:
    [tick] = jobs_named(harness, TICK_JOB_NAME)
    await run_job(harness, tick)


async def test_the_engine_ticks_at_start_then_every_period(harness: BotHarness) -> None:
    """What fell due while the process was down goes out at start, not a period later."""
    [start] = jobs_named(harness, START_TICK_JOB_NAME)
    [periodic] = jobs_named(harness, TICK_JOB_NAME)
    assert start.next_t is not None and periodic.next_t is not None
    now = datetime.now(UTC)
    assert start.next_t <= now
    assert abs(periodic.next_t - now - timedelta(seconds=60)) < timedelta(seconds=3)  # the harness's period


@pytest.mark.parametrize(
    ("setup", "change"),
    [
        (["/timezone UTC"], "/subscribe 20:00"),
        (["/timezone UTC", "/subscribe 22:00"], "/time 20:00"),
        (["/subscribe 20:00"], "/timezone UTC"),
        (["/timezone UTC"], "/checkin 20:00"),
    ],
    ids=["subscribe", "time", "zone", "checkin"],
)
async def test_a_change_ten_seconds_before_the_minute_queues_a_wake_at_it(
    harness: BotHarness, setup: list[str], change: str
) -> None:
    harness.clock.set(EVENING - timedelta(seconds=10))
    for text in setup:
        await exchange(harness, ANN, text)
    assert the_wake(harness) is None

    await exchange(harness, ANN, change)

    assert the_wake(harness) == EVENING
    [job] = jobs_named(harness, WAKE_JOB_NAME)
    # The JobQueue runs on real time: the wake is due as far from now as the minute is on the injected clock.
    assert job.next_t is not None
    assert abs(job.next_t - datetime.now(UTC) - timedelta(seconds=10)) < timedelta(seconds=3)


async def test_a_change_beyond_the_next_periodic_tick_queues_no_wake(harness: BotHarness) -> None:
    harness.clock.set(EVENING - timedelta(minutes=5))  # the harness ticks every 60 s
    await exchange(harness, ANN, "/timezone UTC")
    await exchange(harness, ANN, "/subscribe 20:00")
    assert the_wake(harness) is None


async def test_the_wake_follows_the_next_due_instant_through_ticks_and_a_sooner_snooze(harness: BotHarness) -> None:
    harness.clock.set(EVENING - timedelta(hours=1))
    for chat_id, at in ((ANN, "20:00"), (BOB, "20:01")):
        await exchange(harness, chat_id, "/timezone UTC")
        await exchange(harness, chat_id, f"/subscribe {at}")
    assert the_wake(harness) is None  # both are hours away

    harness.clock.set(EVENING + timedelta(seconds=5))
    await run_periodic_tick(harness)
    assert last_text(harness, ANN).startswith(strings.REMINDER_HEADER)
    assert the_wake(harness) == EVENING + timedelta(minutes=1)  # Bob's, after the tick

    harness.clock.set(EVENING + timedelta(seconds=10))
    await press(harness, ANN, "rem:snooze:2026-11-25")
    assert the_wake(harness) == EVENING + timedelta(seconds=40)  # the snooze is sooner: it replaces Bob's

    harness.clock.set(EVENING + timedelta(seconds=20))
    await exchange(harness, CAT, "/timezone UTC")
    await exchange(harness, CAT, "/subscribe 20:01")
    assert the_wake(harness) == EVENING + timedelta(seconds=40)  # a later instant leaves it

    harness.clock.set(EVENING + timedelta(seconds=40))
    [wake] = jobs_named(harness, WAKE_JOB_NAME)
    await run_job(harness, wake)
    assert last_text(harness, ANN).startswith(strings.SNOOZE_HEADER)
    assert the_wake(harness) == EVENING + timedelta(minutes=1)  # the tick covered the snooze: Bob and Cat next

    harness.clock.set(EVENING + timedelta(minutes=1))
    [wake] = jobs_named(harness, WAKE_JOB_NAME)
    await run_job(harness, wake)
    assert all(last_text(harness, chat_id).startswith(strings.REMINDER_HEADER) for chat_id in (BOB, CAT))
    assert the_wake(harness) is None  # tomorrow's reminders are for the periodic tick to find
