"""The delivery engine: claim due reminders, send them through the rate limiter, record, advance the schedule.

Exactly-once rests on the delivery log's unique key (chat, local date) and on claiming before sending: the
claim (delivery row ``sending`` plus the next due instant) is committed right before the message goes out,
so a crash can never send an evening twice. A crash in the instant between claim and reply leaves the row
``sending``; at start-up it becomes ``unknown`` and is not resent, since Telegram may already have shown it.
"""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot import strings
from bot.content import Content
from bot.metrics import Metrics
from bot.render import render_tip
from bot.sender import Sender
from bot.services import Clock
from bot.store import Claim, Store

log = logging.getLogger(__name__)

BATCH_SIZE = 500


@dataclass
class TickReport:
    """What one tick did, for logs and tests."""

    due: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    released: int = 0

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


def render_reminder(content: Content, tip_id: str) -> str:
    tip = content.tip(tip_id)
    body = f"\n\n{render_tip(content, tip)}" if tip else ""
    return f"{strings.REMINDER_HEADER}{body}\n\n{strings.REMINDER_FOOTER}"


class DeliveryEngine:
    """Drains due reminders; one instance per process, driven by a periodic job."""

    def __init__(
        self,
        sender: Sender,
        store: Store,
        content: Content,
        clock: Clock,
        metrics: Metrics,
        *,
        grace: timedelta,
        send_rate: float,
    ) -> None:
        self._sender, self._store, self._content, self._clock = sender, store, content, clock
        self._metrics = metrics
        self._grace = grace
        # Enough parallel sends to reach the rate limit at ~200 ms per request, few enough that the window
        # in which a crash loses a claimed reminder stays a few requests wide.
        self._workers = max(1, min(8, math.ceil(send_rate / 5)))
        self._lock = asyncio.Lock()
        self._stopping = False
        self.last_tick_at: datetime | None = None

    async def recover(self) -> int:
        """Run once at start-up, before the first tick: settle sends cut off by a crash."""
        interrupted = await self._store.mark_interrupted(self._clock())
        if interrupted:
            log.warning("%d reminder(s) were cut off by the last shutdown; not resending them", interrupted)
        return interrupted

    async def tick(self) -> TickReport:
        """Send every reminder due now, earliest first; skip if the previous tick is still running."""
        report = TickReport()
        if self._lock.locked() or self._stopping:
            return report
        async with self._lock:
            self.last_tick_at = self._clock()
            queue: asyncio.Queue[int] = asyncio.Queue()
            for chat_id in await self._store.due_chat_ids(self.last_tick_at, BATCH_SIZE):
                queue.put_nowait(chat_id)
            report.due = queue.qsize()
            self._metrics.due_backlog.set(report.due)
            await asyncio.gather(*(self._worker(queue, report) for _ in range(self._workers)))
            self._metrics.due_backlog.set(queue.qsize() + report.released)
            self._metrics.active_subscribers.set(await self._store.count_scheduled())
        if report.due:
            log.info("tick: %d due, outcomes %s, %d released for retry", report.due, report.outcomes, report.released)
        return report

    async def stop(self) -> None:
        """Stop claiming and wait for the reminders already claimed to finish."""
        self._stopping = True
        async with self._lock:
            pass

    async def _worker(self, queue: asyncio.Queue[int], report: TickReport) -> None:
        all_tip_ids = self._content.tip_ids
        while not self._stopping and not queue.empty():
            chat_id = queue.get_nowait()
            claim = await self._store.claim(chat_id, self._clock(), self._grace, all_tip_ids)
            if claim is None:
                continue
            result = await self._sender.send(claim.chat_id, render_reminder(self._content, claim.tip_id))
            if result.reason is not None:
                self._metrics.reminders_failed.labels(reason=result.reason).inc()
            if result.outcome is None:
                await self._store.release(claim, self._clock())
                report.released += 1
                continue
            await self._store.finish(claim, result.outcome, self._clock(), all_tip_ids, result.detail)
            report.count(result.outcome.value)
            if result.reason is None:
                self._record_delivery(claim)

    def _record_delivery(self, claim: Claim) -> None:
        self._metrics.reminders_sent.inc()
        self._metrics.delivery_lateness.observe(max(0.0, (self._clock() - claim.due_at_utc).total_seconds()))
