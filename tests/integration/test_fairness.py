"""No person can stall the others, through the real application: a second person is answered while the first one's
statistics are computed, a flood of expensive commands gets one answer, a dying worker process fails one job. The
rules alone are in ``unit/test_fairness_rules.py``."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pytest

from bot.server.offload import run_cpu
from bot.text import strings
from support.clock import FakeClock
from support.harness import BotHarness

ANN, BOB = 7101, 7202


# ---------------------------------------------------------------- through the real application


@pytest.fixture
def held_cpu(monkeypatch: pytest.MonkeyPatch) -> asyncio.Event:
    """Worker-process jobs run in this process, each waiting until the test sets the returned event."""
    release = asyncio.Event()

    async def run_held(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        await release.wait()
        return function(*args, **kwargs)

    monkeypatch.setattr("bot.handlers.progress.run_cpu", run_held)
    return release


async def only_held_left(harness: BotHarness) -> None:
    """Wait until every pushed update was fetched and handled, but the one held in ``run_cpu``."""
    application = harness.bot_app.application
    await harness.api.wait_for_async(
        lambda: (
            harness.api.pending_updates() == 0
            and application.update_queue.empty()
            and application.update_processor.current_concurrent_updates == 1
        )
    )


async def replies(harness: BotHarness, chat_id: int, count: int) -> list[str]:
    calls = await harness.api.await_messages(chat_id, count)
    return [str(call.params["text"]) for call in calls]


async def test_a_second_person_is_answered_while_the_first_ones_insights_are_computed(
    harness: BotHarness, held_cpu: asyncio.Event
) -> None:
    await harness.say(ANN, "/timezone UTC")
    harness.api.send_text(ANN, "/insights")
    await harness.api.wait_for_async(lambda: harness.services.expensive.in_flight(ANN))
    for _ in range(5):
        harness.api.send_text(ANN, "/insights")  # more while the first is running: one answer for them all
    assert (await replies(harness, ANN, 2))[-1] == strings.EXPENSIVE_BUSY
    assert await harness.say(BOB, "/help") != []  # Bob is answered while Ann's statistics are held
    await only_held_left(harness)
    assert harness.services.expensive.in_flight(ANN)
    held_cpu.set()
    await harness.bot_app.application.update_queue.join()
    answered = [str(call.params["text"]) for call in harness.api.sent_messages(ANN)]
    assert len(answered) == 3 and answered[-1].startswith("🔎")  # the zone, "still working", the insights
    assert not harness.services.expensive.in_flight(ANN)


async def test_a_person_flooding_expensive_commands_is_told_to_wait_a_minute(
    harness: BotHarness, held_cpu: asyncio.Event, clock: FakeClock
) -> None:
    held_cpu.set()
    await harness.say(ANN, "/timezone UTC")
    for _ in range(4):
        assert (await harness.say(ANN, "/insights"))[0].startswith("🔎")
    assert await harness.say(ANN, "/insights") == [strings.EXPENSIVE_TOO_MANY]
    before = len(harness.api.sent_messages(ANN))
    harness.api.send_text(ANN, "/insights")  # told already: no reply spends the rate everyone shares
    await harness.say(BOB, "/help")
    await harness.api.wait_for_async(lambda: harness.api.pending_updates() == 0)
    await harness.bot_app.application.update_queue.join()
    assert len(harness.api.sent_messages(ANN)) == before
    clock.advance(minutes=1)
    assert (await harness.say(ANN, "/insights"))[0].startswith("🔎")


# ---------------------------------------------------------------- the worker process


async def test_a_worker_that_dies_fails_one_job_and_the_next_gets_a_fresh_pool() -> None:
    assert await run_cpu(pow, 2, 10) == 1024
    with pytest.raises(BrokenProcessPool):
        await run_cpu(os._exit, 1)  # a worker killed mid-job, as the out-of-memory killer would
    assert await run_cpu(pow, 3, 3) == 27
