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
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from bot.metrics import Metrics
from bot.scheduled import Compose
from bot.sender import Sender
from bot.services import Clock
from bot.store import Claim, Due, Outcome, Store

log = logging.getLogger(__name__)

BATCH_SIZE = 500
T = TypeVar("T")


@dataclass
class TickReport:
    """What one tick did, for logs and tests."""

    due: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    released: int = 0

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


class SendingEngine:
    """What the reminder and broadcast engines share: a few sends in flight, one tick at a time (a tick that
    finds another running is skipped, not queued), none after ``stop()``, and settling crashed sends."""

    what = "messages"  # for log lines

    def __init__(self, clock: Clock, send_rate: float) -> None:
        self._clock = clock
        self._log = logging.getLogger(type(self).__module__)  # log lines name the engine, not this base
        # Enough parallel sends to reach the rate limit at ~200 ms per request, few enough that the window
        # in which a crash loses a claimed message (it becomes ``unknown``) stays a few requests wide.
        self._workers = max(1, min(8, math.ceil(send_rate / 5)))
        self._lock = asyncio.Lock()
        self._stopping = False

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

    async def _settle_interrupted(self, mark_interrupted: Callable[[datetime], Awaitable[int]]) -> int:
        """Run once at start-up, before the first tick: sends cut off by a crash become ``unknown``."""
        interrupted = await mark_interrupted(self._clock())
        if interrupted:
            self._log.warning("%d %s were cut off by the last shutdown; not resending them", interrupted, self.what)
        return interrupted

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[bool]:
        """Yields True while this caller holds the tick, False when it must skip."""
        if self._lock.locked() or self._stopping:
            yield False
            return
        async with self._lock:
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
    """Drains due scheduled messages of every kind; one instance per process, driven by a periodic job."""

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
        super().__init__(clock, send_rate)
        self._sender, self._store, self._kinds, self._tip_ids = sender, store, kinds, tip_ids
        self._only_chat_id = only_chat_id
        self._metrics = metrics
        self._grace = grace
        self.last_tick_at: datetime | None = None

    async def recover(self) -> int:
        """Run once at start-up, before the first tick: settle sends cut off by a crash."""
        return await self._settle_interrupted(self._store.mark_interrupted)

    async def tick(self) -> TickReport:
        """Send every message due now, earliest first; skip if the previous tick is still running."""
        report = TickReport()
        async with self._turn() as mine:
            if not mine:
                return report
            self.last_tick_at = self._clock()
            due = await self._store.due(self.last_tick_at, BATCH_SIZE, self._only_chat_id)
            report.due = len(due)
            self._metrics.due_backlog.set(report.due)
            left = await self._drain(due, lambda item: self._deliver(item, report))
            self._metrics.due_backlog.set(left + report.released)
            self._metrics.active_subscribers.set(await self._store.count_scheduled())
        if report.due:
            log.info("tick: %d due, outcomes %s, %d released for retry", report.due, report.outcomes, report.released)
        return report

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
