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
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from bot.metrics import ACTIVE_SUBSCRIBERS_SECONDS, Metrics
from bot.scheduled import Compose
from bot.sender import Sender
from bot.services import Clock
from bot.store import Claim, Due, Outcome, Store

log = logging.getLogger(__name__)

BATCH_SIZE = 500
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
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


class SendingEngine:
    """What the reminder and broadcast engines share: a few sends in flight, one tick at a time (a tick that
    finds another running is skipped, not queued), none after ``stop()``, and settling crashed sends."""

    what = "messages"  # for log lines

    def __init__(self, clock: Clock, send_rate: float, mark_interrupted: Callable[[datetime], Awaitable[int]]) -> None:
        self._clock = clock
        self._mark_interrupted = mark_interrupted
        self._log = logging.getLogger(type(self).__module__)  # log lines name the engine, not this base
        # Enough parallel sends to reach the rate limit at ~200 ms per request, few enough that the window
        # in which a crash loses a claimed message (it becomes ``unknown``) stays a few requests wide.
        self._workers = max(1, min(8, math.ceil(send_rate / 5)))
        self._lock = asyncio.Lock()
        self._stopping = False
        self._settled_at: float | None = None  # monotonic: paces a database check, not a schedule

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

    async def _drain(self, items: Iterable[T], handle: Callable[[T], Awaitable[None]]) -> int:
        """Hand ``items`` to the parallel senders until done or stopping; returns how many were left."""
        queue: asyncio.Queue[T] = asyncio.Queue()
        for item in items:
            queue.put_nowait(item)

        async def worker() -> None:
            while not self._stopping and not queue.empty():
                await handle(queue.get_nowait())

        await asyncio.gather(*(worker() for _ in range(self._workers)))
        return queue.qsize()


class DeliveryEngine(SendingEngine):
    """Drains due scheduled messages of every kind; one instance per process, driven by a periodic job and by
    one-off wakes at the next due instant (bot.app)."""

    what = "scheduled messages"

    def __init__(
        self,
        sender: Sender,
        store: Store,
        kinds: Mapping[str, Compose],
        tip_ids: Sequence[str],
        clock: Clock,
        metrics: Metrics,
        *,
        grace: timedelta,
        send_rate: float,
        only_chat_id: int | None = None,
    ) -> None:
        super().__init__(clock, send_rate, store.mark_interrupted)
        self._sender, self._store, self._kinds, self._tip_ids = sender, store, kinds, tip_ids
        self._only_chat_id = only_chat_id
        self._metrics = metrics
        self._grace = grace
        self.last_tick_at: datetime | None = None
        self._counted_at: float | None = None  # time.monotonic() of the last count of active subscribers

    async def tick(self) -> TickReport:
        """Send every message due now, earliest first; skip if the previous tick is still running."""
        report = TickReport()
        async with self._turn() as mine:
            if not mine:
                return report
            self.last_tick_at = report.started_at = self._clock()
            due = await self._store.due(report.started_at, BATCH_SIZE, self._only_chat_id)
            report.due = len(due)
            self._metrics.due_backlog.set(report.due)
            left = await self._drain(due, lambda item: self._deliver(item, report))
            self._metrics.due_backlog.set(left + report.released)
            # A full batch that got somewhere leaves more of the backlog due: tick again at once rather than a
            # period later. Otherwise, after ``started_at``, not now: what fell due while this tick was sending
            # still gets a tick at once, while a send released for retry (due before) waits for the periodic
            # tick instead of spinning through an outage.
            if report.due == BATCH_SIZE and report.released < report.due:
                report.next_due_at = report.started_at
            else:
                report.next_due_at = await self._store.next_due_at(report.started_at, self._only_chat_id)
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
        self._metrics.active_subscribers.set(await self._store.count_scheduled())
        self._counted_at = now

    async def _deliver(self, due: Due, report: TickReport) -> None:
        claim = await self._store.claim(due, self._clock(), self._grace, self._tip_ids)
        if claim is None:
            return
        try:
            outgoing = await self._kinds[claim.kind](claim)
        except Exception:  # a bug in one message must not stall the queue; its row says so
            log.exception("could not compose a %s message for chat %s", claim.kind, claim.chat_id)
            await self._store.finish(claim, Outcome.FAILED, self._clock(), self._tip_ids, "could not compose")
            report.count(Outcome.FAILED.value)
            return
        result = await self._sender.send(claim.chat_id, outgoing.text, outgoing.buttons)
        if result.reason is not None:
            self._metrics.reminders_failed.labels(reason=result.reason).inc()
        if result.outcome is None:
            await self._store.release(claim, self._clock())
            report.released += 1
            return
        await self._store.finish(
            claim, result.outcome, self._clock(), self._tip_ids, result.detail, message_id=result.message_id
        )
        report.count(result.outcome.value)
        if result.reason is None:
            self._record_delivery(claim)

    def _record_delivery(self, claim: Claim) -> None:
        self._metrics.reminders_sent.labels(kind=claim.kind).inc()
        self._metrics.delivery_lateness.observe(max(0.0, (self._clock() - claim.due_at_utc).total_seconds()))
