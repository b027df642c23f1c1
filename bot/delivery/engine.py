"""The delivery engine: claim due scheduled messages of every kind (evening reminders, snoozes, morning
check-ins), send them through the rate limiter, record, advance the schedule.

At-most-once rests on the delivery log's unique key (chat, kind, local date) and on claiming before sending:
the claim (delivery row ``sending`` plus the series' next due instant) is committed right before the message
goes out, so a crash can never send it twice. A crash in the instant between claim and reply leaves the row
``sending``; at start-up it becomes ``unknown`` and is not resent, since Telegram may already have shown it.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from bot.core.tips import TipPool
from bot.delivery.message import Compose
from bot.delivery.sender import Sender
from bot.server.logs import error_outline
from bot.server.metrics import ACTIVE_SUBSCRIBERS_SECONDS, Metrics
from bot.services import Clock
from bot.store import Claim, DeliveryStore, Finished, Outcome

log = logging.getLogger(__name__)

REQUEST_SECONDS = 0.2
MAX_WORKERS = 200


def parallel_sends(send_rate: float) -> int:
    """How many messages an engine sends in parallel to keep ``send_rate`` busy while each request takes up to
    REQUEST_SECONDS."""
    return max(1, min(MAX_WORKERS, math.ceil(send_rate * REQUEST_SECONDS)))


SMALL_FLOW = 8  # senders refilled all at once (see _Flow)
# How often a running engine settles the sends of instances that died (another instance may die at any time).
SETTLE_SECONDS = 30.0
T = TypeVar("T")


@dataclass
class TickReport:
    """What one tick did, for logs and tests."""

    due: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    released: int = 0
    started_at: datetime | None = None  # None: skipped, another tick was running
    next_due_at: datetime | None = None  # the earliest due instant after ``started_at``, when to tick again

    def count(self, outcome: str) -> None:
        """Add one send that ended in ``outcome`` to the tick's tally."""
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


class SendingEngine:
    """What the reminder and broadcast engines share: a few sends in flight, one tick at a time (a tick that
    finds another running is skipped, not queued), none after ``stop()``, and settling crashed sends."""

    what = "messages"  # for log lines

    def __init__(self, clock: Clock, send_rate: float, mark_interrupted: Callable[[datetime], Awaitable[int]]) -> None:
        self._clock = clock
        self._mark_interrupted = mark_interrupted
        self._log = logging.getLogger(type(self).__module__)  # log lines name the engine, not this base
        # Enough parallel sends to keep the rate limit busy while each request takes up to REQUEST_SECONDS.
        # A claimed batch is one send per worker, all in flight together: a kill -9 can cut off (as ``unknown``)
        # only those, never messages that were merely claimed ahead.
        self._workers = parallel_sends(send_rate)
        self._lock = asyncio.Lock()
        self._stopping = False
        self._settled_at: float | None = None  # monotonic: paces a database check, not a schedule

    @property
    def workers(self) -> int:
        """How many messages this engine sends in parallel."""
        return self._workers

    async def stop(self, wait_seconds: float = 10.0) -> None:
        """Stop claiming and wait (at most ``wait_seconds``) for the messages already claimed to finish.

        A send still unfinished after that stays ``sending`` and is settled as ``unknown`` at the next start.
        """
        self._stopping = True
        try:
            await asyncio.wait_for(self._lock.acquire(), wait_seconds)
        except TimeoutError:
            self._log.warning("in-flight %s did not finish within %.0f s; left to recovery", self.what, wait_seconds)
            return
        self._lock.release()

    async def recover(self) -> int:
        """Settle the sends that dead instances left ``sending`` as ``unknown`` (never resent): run once at
        start-up, before the first tick, then every SETTLE_SECONDS from the ticks. A live instance's sends,
        this one's included, are left alone."""
        self._settled_at = time.monotonic()
        interrupted = await self._mark_interrupted(self._clock())
        if interrupted:
            self._log.warning("%d %s were cut off when their process ended; not resending them", interrupted, self.what)
        return interrupted

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[bool]:
        """Yields True while this caller holds the tick, False when it must skip."""
        if self._lock.locked() or self._stopping:
            yield False
            return
        async with self._lock:
            if self._settled_at is not None and time.monotonic() - self._settled_at >= SETTLE_SECONDS:
                await self.recover()
            yield True

    async def _drain(self, items: Iterable[T], handle: Callable[[T], Awaitable[None]]) -> list[T]:
        """Hand ``items`` to the parallel senders until done or stopping; returns those left unhandled."""
        queue: asyncio.Queue[T] = asyncio.Queue()
        for item in items:
            queue.put_nowait(item)

        async def worker() -> None:
            while not self._stopping and not queue.empty():
                await handle(queue.get_nowait())

        await asyncio.gather(*(worker() for _ in range(self._workers)))
        return [queue.get_nowait() for _ in range(queue.qsize())]


class DeliveryEngine(SendingEngine):
    """Drains due scheduled messages of every kind; one instance per process, driven by a periodic job and by
    one-off wakes at the next due instant (bot.app)."""

    what = "scheduled messages"

    def __init__(
        self,
        sender: Sender,
        deliveries: DeliveryStore,
        kinds: Mapping[str, Compose],
        tip_pool: TipPool,
        clock: Clock,
        metrics: Metrics,
        *,
        grace: timedelta,
        send_rate: float,
        only_chat_id: int | None = None,
    ) -> None:
        super().__init__(clock, send_rate, deliveries.mark_interrupted)
        self._sender, self._deliveries, self._kinds, self._tip_pool = sender, deliveries, kinds, tip_pool
        self._only_chat_id = only_chat_id
        self._metrics = metrics
        self._grace = grace
        self.last_tick_at: datetime | None = None
        self._counted_at: float | None = None  # time.monotonic() of the last count of active subscribers

    async def tick(self) -> TickReport:
        """Send every message due now, earliest first; skip if the previous tick is running.

        The sends flow: at most ``workers`` claimed messages are outstanding (being composed, waiting for the rate
        limit, or in flight), and whenever half of them have ended, that many more are claimed in one
        transaction, so the rate limit never waits for a claim or for the slowest answer of a batch. A crash can
        cut off at most ``workers`` messages (``unknown``), as when each batch was sent whole. Outcomes are
        written in one transaction at a time, while the sends go on.
        """
        report = TickReport()
        async with self._turn() as mine:
            if not mine:
                return report
            self.last_tick_at = report.started_at = self._clock()
            released: set[int] = set()  # chats handed back after a transient failure: retried next tick
            flow = _Flow(self._workers)
            finished: list[Finished] = []
            recording: asyncio.Task[None] | None = None
            try:
                while not self._stopping and flow.failing_for_now < self._workers:
                    room = await flow.room()
                    if self._stopping:
                        break
                    batch = await self._deliveries.claim_due(
                        self._clock(), room, self._grace, self._tip_pool, self._only_chat_id, released
                    )
                    if not batch.taken:
                        break
                    report.due += len(batch.claims)
                    self._metrics.due_backlog.set(len(batch.claims))
                    for claim in batch.claims:
                        flow.start(self._deliver(claim, report, finished, released))
                    if finished and (recording is None or recording.done()):
                        if recording is not None:
                            await recording  # done: this only raises what it raised
                        # The sends still running append to ``finished``: what they add goes with the next write.
                        taken = finished.copy()
                        finished.clear()
                        recording = asyncio.create_task(self._deliveries.finish(taken, self._clock()))
                # Every send that started ends, at a stop too: a stop waits for at most ``workers`` sends.
                await flow.wait()
            finally:
                await flow.wait()
                if recording is not None:
                    await recording
                await self._deliveries.finish(finished, self._clock())
            self._metrics.due_backlog.set(len(released))
            # After ``started_at``, not now: what fell due while this tick was sending still gets a tick at
            # once, while a send released for retry (due before) waits for the periodic tick instead of
            # spinning through an outage.
            report.next_due_at = await self._deliveries.next_due_at(report.started_at, self._only_chat_id)
            await self._count_active_subscribers()
        if report.due:
            log.info("tick: %d due, outcomes %s, %d released for retry", report.due, report.outcomes, report.released)
        return report

    async def _count_active_subscribers(self) -> None:
        """Refresh the active-subscribers gauge on the first tick, then at most every ACTIVE_SUBSCRIBERS_SECONDS.

        The count reads the whole population (~90 ms at a million subscribers on PostgreSQL) while the rest of an
        idle tick reads only what is due. Paced by wall time, not the injected clock, like any periodic job.
        """
        now = time.monotonic()
        if self._counted_at is not None and now - self._counted_at < ACTIVE_SUBSCRIBERS_SECONDS:
            return
        self._metrics.active_subscribers.set(await self._deliveries.count_scheduled())
        self._counted_at = now

    async def _deliver(self, claim: Claim, report: TickReport, finished: list[Finished], released: set[int]) -> bool:
        """Compose and send one claimed message; False when it was handed back after a transient failure."""
        try:
            outgoing = await self._kinds[claim.kind](claim)
        except Exception as error:  # a bug in one message must not stall the queue; its row says so
            log.error("could not compose a %s message for chat %s: %s", claim.kind, claim.chat_id, error_outline(error))
            log.debug("the error in full", exc_info=error)
            finished.append(Finished(claim, Outcome.FAILED, "could not compose"))
            report.count(Outcome.FAILED.value)
            return True
        result = await self._sender.send(claim.chat_id, outgoing.text, outgoing.buttons)
        if result.reason is not None:
            self._metrics.scheduled_failed.labels(reason=result.reason).inc()
        if result.outcome is None:
            await self._deliveries.release(claim, self._clock())
            released.add(claim.chat_id)
            report.released += 1
            return False
        finished.append(Finished(claim, result.outcome, result.detail, result.message_id))
        report.count(result.outcome.value)
        if result.reason is None:
            self._record_delivery(claim)
        return True

    def _record_delivery(self, claim: Claim) -> None:
        self._metrics.scheduled_sent.labels(kind=claim.kind).inc()
        self._metrics.delivery_lateness.observe(max(0.0, (self._clock() - claim.due_at_utc).total_seconds()))


class _Flow:
    """One tick's sends, each a task: at most ``workers`` at once, topped up half of them at a time."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        # Half the senders: the other half keeps the rate limit busy while the claim commits. A few senders (the
        # free tier's 5) are refilled together, as one batch: at 20 messages a second a claim holds nothing up, and
        # one per message would cost the database five times the transactions.
        self._refill = workers if workers <= SMALL_FLOW else workers // 2
        self._running: set[asyncio.Task[bool]] = set()
        # Sends handed back in a row: as many as there are senders means an outage, so the tick stops claiming.
        self.failing_for_now = 0

    async def room(self) -> int:
        """How many more messages to claim: once enough senders are free (at once when none is busy). The first
        claim of a tick takes one refill, not every sender's worth, so that the first message goes out sooner;
        the next claim follows at once."""
        while self._running and self._workers - len(self._running) < self._refill:
            await asyncio.wait(self._running, return_when=asyncio.FIRST_COMPLETED)
        free = self._workers - len(self._running)
        return free if self._running else min(free, self._refill)

    def start(self, send: Awaitable[bool]) -> None:
        """Run one send; its result (False: handed back) counts towards ``failing_for_now``."""
        task = asyncio.ensure_future(send)
        self._running.add(task)
        task.add_done_callback(self._ended)

    def _ended(self, task: asyncio.Task[bool]) -> None:
        self._running.discard(task)
        if not task.cancelled() and task.exception() is None:
            self.failing_for_now = 0 if task.result() else self.failing_for_now + 1

    async def wait(self) -> None:
        """Until every send that started has ended (the first error, if any, is raised)."""
        if self._running:
            await asyncio.gather(*self._running)
