"""The broadcast engine: send each confirmed admin broadcast to its fixed recipient list, exactly once per chat.

It follows the reminders' policy (bot.delivery.engine) and shares its parts: the rate-limited Sender, one tick at a
time, a row claimed (``sending``, committed) right before its message goes out, ``unknown`` and never resent
for a send cut off by a crash, 403 unschedules the chat, transient failures go back to ``pending`` for a later
tick. The admin sees a progress message, edited as the broadcast goes, and a summary at the end.
"""

from __future__ import annotations

import functools
import logging
import time
from dataclasses import replace
from datetime import timedelta
from html import escape

from bot.content import DEFAULT_LANGUAGE
from bot.delivery.engine import SendingEngine, TickReport
from bot.delivery.sender import Sender
from bot.server.metrics import Metrics
from bot.services import Clock
from bot.store import BroadcastProgress, BroadcastStore, BroadcastView, Outcome, Recipient, SubscriberStore
from bot.store.broadcasts import SKIPPED
from bot.text import strings
from bot.text.i18n import Texts, texts

log = logging.getLogger(__name__)

# Progress is reported after each batch of this many recipients, at most every PROGRESS_SECONDS (edits count
# against Telegram's limits in the admin's chat as well).
PROGRESS_EVERY = 25
PROGRESS_SECONDS = 3.0
# A recipient Telegram keeps answering 5xx for is given up (failed) this long after the confirmation.
RETRY_WINDOW = timedelta(hours=24)


def render_broadcast(text: str) -> str:
    """The admin's words as recipients get them: plain text, escaped, so a stray < or & cannot break the HTML."""
    return escape(text, quote=False)


def describe_progress(t: Texts, progress: BroadcastProgress) -> str:
    """``120/400 sent, 2 blocked, 1 failed``, plus unknown and skipped counts when there are any."""
    unknown, skipped = progress[Outcome.UNKNOWN.value], progress[SKIPPED]
    if unknown and skipped:
        template = t(strings.BROADCAST_COUNTS_WITH_UNKNOWN_AND_SKIPPED)
    elif unknown:
        template = t(strings.BROADCAST_COUNTS_WITH_UNKNOWN)
    elif skipped:
        template = t(strings.BROADCAST_COUNTS_WITH_SKIPPED)
    else:
        template = t(strings.BROADCAST_COUNTS)
    return template.format(
        sent=progress[Outcome.SENT.value],
        total=progress.total,
        blocked=progress[Outcome.BLOCKED.value],
        failed=progress[Outcome.FAILED.value],
        unknown=unknown,
        skipped=skipped,
    )


class BroadcastEngine(SendingEngine):
    """Drains the pending recipients of sending broadcasts; one instance per process, driven by a periodic job."""

    what = "broadcast messages"

    def __init__(
        self,
        sender: Sender,
        broadcasts: BroadcastStore,
        subscribers: SubscriberStore,
        clock: Clock,
        metrics: Metrics,
        *,
        send_rate: float = 25.0,
        progress_every: int = PROGRESS_EVERY,
        progress_seconds: float = PROGRESS_SECONDS,
    ) -> None:
        super().__init__(clock, send_rate, broadcasts.mark_interrupted)
        self._sender, self._broadcasts, self._subscribers = sender, broadcasts, subscribers
        self._metrics = metrics
        self.progress_every = progress_every
        self.progress_seconds = progress_seconds

    async def tick(self) -> TickReport:
        """Send what is pending, oldest broadcast first; skip if the previous tick is still running."""
        report = TickReport()
        async with self._turn() as mine:
            if not mine:
                return report
            for broadcast in await self._broadcasts.sending():
                if self._stopping:
                    break
                await self._run(broadcast, report)
        if report.due:
            log.info("broadcast tick: %d queued, outcomes %s, %d retry", report.due, report.outcomes, report.released)
        return report

    async def _run(self, broadcast: BroadcastView, report: TickReport) -> None:
        deliver = functools.partial(self._deliver, broadcast, render_broadcast(broadcast.text), report)
        after_row_id, worked = 0, False
        reported_at = time.monotonic()  # wall time, not the injected clock: this paces Telegram requests
        while not self._stopping:
            batch = await self._broadcasts.pending(broadcast.id, after_row_id, self.progress_every)
            if not batch:
                break
            # The cursor moves past rows released for a retry, so a failing chat waits for the next tick.
            after_row_id, worked = batch[-1].row_id, True
            report.due += len(batch)
            await self._drain(batch, deliver)
            more_may_follow = len(batch) == self.progress_every
            if more_may_follow and time.monotonic() - reported_at >= self.progress_seconds:
                broadcast = await self._show_progress(broadcast)
                reported_at = time.monotonic()
        if self._stopping:
            return
        if not await self._finish_if_complete(broadcast) and worked:
            await self._show_progress(broadcast)  # some recipients wait for a retry; show where we stand

    async def _deliver(self, broadcast: BroadcastView, text: str, report: TickReport, recipient: Recipient) -> None:
        if not await self._broadcasts.claim(recipient, self._clock()):
            return
        result = await self._sender.send(recipient.chat_id, text)
        if result.reason is not None:
            self._metrics.broadcast_failed.labels(reason=result.reason).inc()
        now, outcome = self._clock(), result.outcome
        if outcome is None:
            confirmed_at = broadcast.confirmed_at_utc or now
            if now - confirmed_at < RETRY_WINDOW:
                await self._broadcasts.release(recipient)
                report.released += 1
                return
            outcome = Outcome.FAILED
        await self._broadcasts.finish(recipient, outcome, now, result.detail)
        if outcome is Outcome.BLOCKED:
            await self._subscribers.mark_blocked(recipient.chat_id, now)
        report.count(outcome.value)
        if result.reason is None:
            self._metrics.broadcast_sent.inc()

    async def _admin_texts(self, broadcast: BroadcastView) -> Texts:
        """The language of the admin's chat, for the progress message and the summary."""
        return texts(await self._subscribers.language_of(broadcast.admin_chat_id) or DEFAULT_LANGUAGE)

    async def _show_progress(self, broadcast: BroadcastView) -> BroadcastView:
        """Edit the admin's progress message, or send one (and remember it) if there is none or it is gone."""
        t = await self._admin_texts(broadcast)
        counts = describe_progress(t, await self._broadcasts.progress(broadcast.id))
        text = t(strings.BROADCAST_PROGRESS).format(id=broadcast.id, counts=counts)
        if broadcast.progress_message_id is not None and await self._sender.edit(
            broadcast.admin_chat_id, broadcast.progress_message_id, text
        ):
            return broadcast
        result = await self._sender.send(broadcast.admin_chat_id, text)
        if result.message_id is None:
            return broadcast
        await self._broadcasts.set_progress_message(broadcast.id, result.message_id)
        return replace(broadcast, progress_message_id=result.message_id)

    async def _finish_if_complete(self, broadcast: BroadcastView) -> bool:
        """When no recipient is left: final counts in the progress message, the broadcast done, a summary.

        The progress edit comes first because repeating it after a crash is harmless; the summary is sent
        only by the call that marked the broadcast done, so it is never sent twice.
        """
        progress = await self._broadcasts.progress(broadcast.id)
        if progress.remaining:
            return False
        t = await self._admin_texts(broadcast)
        counts = describe_progress(t, progress)
        if broadcast.progress_message_id is not None:
            final = t(strings.BROADCAST_PROGRESS_FINAL).format(id=broadcast.id, counts=counts)
            await self._sender.edit(broadcast.admin_chat_id, broadcast.progress_message_id, final)
        if await self._broadcasts.complete(broadcast.id, self._clock()):
            log.info("broadcast #%d done: %s", broadcast.id, progress.counts)
            summary = t(strings.BROADCAST_DONE).format(id=broadcast.id, counts=counts)
            await self._sender.send(broadcast.admin_chat_id, summary)
        return True
