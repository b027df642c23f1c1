"""The fairness rules alone (bot.server.fairness): the per-person budget for expensive commands, and the update
processor that runs chats concurrently and each chat in order. Time is the test's clock and every wait is for an event
the test controls, never a sleep. Through the real application: ``integration/test_fairness.py``."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from telegram import Chat, Message, Update, User

from bot.server.fairness import Admission, ChatOrderedProcessor, ExpensiveJobs, chat_of, command_of
from support.clock import FakeClock

ANN, BOB = 7101, 7202
START = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)


def update(chat_id: int, text: str, update_id: int = 1) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    user = User(chat_id, "Person", is_bot=False)
    return Update(update_id, message=Message(update_id, START, chat, from_user=user, text=text))


def test_one_expensive_job_at_a_time_per_person_and_one_word_about_it() -> None:
    jobs = ExpensiveJobs(FakeClock(START))
    assert jobs.admit(ANN) is Admission.GO
    assert jobs.admit(ANN) is Admission.BUSY and jobs.in_flight(ANN)
    assert jobs.admit(ANN) is Admission.QUIET  # told once; a flood gets no more replies
    assert jobs.admit(BOB) is Admission.GO  # another person is not held up
    jobs.done(ANN)
    assert not jobs.in_flight(ANN) and jobs.admit(ANN) is Admission.GO
    assert jobs.admit(ANN) is Admission.BUSY  # a new job: told again


def test_at_most_four_expensive_jobs_start_in_any_minute() -> None:
    clock = FakeClock(START)
    jobs = ExpensiveJobs(clock)
    for _ in range(4):
        assert jobs.admit(ANN) is Admission.GO
        jobs.done(ANN)
        clock.advance(seconds=10)
    assert jobs.admit(ANN) is Admission.OVER_BUDGET
    assert jobs.admit(ANN) is Admission.QUIET
    clock.set(START + timedelta(minutes=1))  # the first of the four is a minute old
    assert jobs.admit(ANN) is Admission.GO


def test_the_command_and_chat_of_an_update() -> None:
    assert command_of(update(ANN, "/progress@RlsCoachBot 90")) == "progress"
    assert command_of(update(ANN, "/Insights")) == "insights"
    assert command_of(update(ANN, "hello")) is None and command_of(update(ANN, "/")) is None
    assert chat_of(update(ANN, "/help")) == ANN and chat_of(object()) is None


class Gate:
    """Handlers that record when they start and finish, each held until the test opens its gate."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.gates: dict[str, asyncio.Event] = {}

    def handler(self, name: str) -> Awaitable[None]:
        self.gates[name] = asyncio.Event()

        async def run() -> None:
            self.log.append(f"start {name}")
            await self.gates[name].wait()
            self.log.append(f"end {name}")

        return run()


async def until(predicate: Callable[[], bool]) -> None:
    for _ in range(1000):
        if predicate():
            return
        await asyncio.sleep(0)  # yield to the tasks under test; no wall-clock wait
    raise AssertionError("never happened")


async def test_chats_run_concurrently_and_each_chat_in_order() -> None:
    processor = ChatOrderedProcessor(ExpensiveJobs(FakeClock(START)), ["progress"])
    gate = Gate()
    tasks = [
        asyncio.create_task(processor.process_update(update(ANN, "/a", 1), gate.handler("ann-1"))),
        asyncio.create_task(processor.process_update(update(ANN, "/b", 2), gate.handler("ann-2"))),
        asyncio.create_task(processor.process_update(update(BOB, "/c", 3), gate.handler("bob-1"))),
    ]
    await until(lambda: gate.log == ["start ann-1", "start bob-1"])  # Bob does not wait for Ann
    gate.gates["bob-1"].set()
    await until(lambda: "end bob-1" in gate.log)
    assert "start ann-2" not in gate.log  # Ann's second update waits for her first
    gate.gates["ann-1"].set()
    await until(lambda: "start ann-2" in gate.log)
    gate.gates["ann-2"].set()
    await asyncio.gather(*tasks)
    assert gate.log.index("end ann-1") < gate.log.index("start ann-2")


async def test_an_expensive_command_while_one_is_running_skips_the_queue() -> None:
    jobs = ExpensiveJobs(FakeClock(START))
    processor = ChatOrderedProcessor(jobs, ["progress"])
    gate = Gate()
    first = asyncio.create_task(processor.process_update(update(ANN, "/progress", 1), gate.handler("chart")))
    await until(lambda: gate.log == ["start chart"])
    assert jobs.admit(ANN) is Admission.GO  # as the handler does: Ann's chart is being drawn
    second = asyncio.create_task(processor.process_update(update(ANN, "/progress 90", 2), gate.handler("again")))
    plain = asyncio.create_task(processor.process_update(update(ANN, "/help", 3), gate.handler("help")))
    await until(lambda: "start again" in gate.log)  # straight through, to hear "still working"
    assert "start help" not in gate.log  # everything else keeps its place in the queue
    for name in ("again", "chart", "help"):
        gate.gates[name].set()
    await asyncio.gather(first, second, plain)


async def test_the_rest_of_a_flood_is_dropped_before_any_handler_once_the_person_was_told() -> None:
    jobs = ExpensiveJobs(FakeClock(START))
    processor = ChatOrderedProcessor(jobs, ["progress"])
    gate = Gate()
    assert jobs.admit(ANN) is Admission.GO and jobs.admit(ANN) is Admission.BUSY  # running, and told so
    await processor.process_update(update(ANN, "/progress", 1), gate.handler("dropped"))
    assert gate.log == []  # never started: no handler, no reply spending the shared rate
    other = asyncio.create_task(processor.process_update(update(ANN, "/help", 2), gate.handler("help")))
    await until(lambda: gate.log == ["start help"])  # anything else is handled as usual
    gate.gates["help"].set()
    await other
