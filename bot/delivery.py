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

import httpx
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential
from tenacity.wait import wait_base

from bot import strings
from bot.content import Content
from bot.render import render_tip
from bot.services import Clock
from bot.store import Claim, Outcome, Store

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# The reply to these may have been lost after Telegram accepted the message: never retried, to never double.
_MAYBE_DELIVERED = (httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError)


@dataclass
class TickReport:
    """What one tick did, for logs and tests."""

    due: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    released: int = 0

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


def _maybe_delivered(exc: BaseException) -> bool:
    return isinstance(exc, NetworkError) and isinstance(exc.__cause__, _MAYBE_DELIVERED)


def _is_transient(exc: BaseException) -> bool:
    """5xx answers and connection failures, where Telegram surely did not take the message."""
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest) and not _maybe_delivered(exc)


def render_reminder(content: Content, tip_id: str) -> str:
    tip = content.tip(tip_id)
    body = f"\n\n{render_tip(content, tip)}" if tip else ""
    return f"{strings.REMINDER_HEADER}{body}\n\n{strings.REMINDER_FOOTER}"


class DeliveryEngine:
    """Drains due reminders; one instance per process, driven by a periodic job."""

    def __init__(
        self,
        bot: Bot,
        store: Store,
        content: Content,
        clock: Clock,
        *,
        grace: timedelta,
        send_rate: float,
        retry_attempts: int = 4,
        retry_wait: wait_base | None = None,
    ) -> None:
        self._bot, self._store, self._content, self._clock = bot, store, content, clock
        self._grace = grace
        # Enough parallel sends to reach the rate limit at ~200 ms per request, few enough that the window
        # in which a crash loses a claimed reminder stays a few requests wide.
        self._workers = max(1, min(8, math.ceil(send_rate / 5)))
        self._retry_attempts = retry_attempts
        self.retry_wait = retry_wait or wait_exponential(multiplier=0.5, max=8)
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
            await asyncio.gather(*(self._worker(queue, report) for _ in range(self._workers)))
        if report.due:
            log.info(
                "tick: %d due, outcomes %s, %d released for retry",
                report.due,
                report.outcomes,
                report.released,
            )
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
            outcome, detail = await self._send(claim)
            if outcome is None:
                await self._store.release(claim, self._clock())
                report.released += 1
                continue
            await self._store.finish(claim, outcome, self._clock(), all_tip_ids, detail)
            report.count(outcome.value)

    async def _send(self, claim: Claim) -> tuple[Outcome | None, str | None]:
        """Send one reminder; None as the outcome means a transient failure worth retrying later."""
        text = render_reminder(self._content, claim.tip_id)
        try:
            async for attempt in AsyncRetrying(
                retry=retry_if_exception(_is_transient),
                stop=stop_after_attempt(self._retry_attempts),
                wait=self.retry_wait,
                reraise=True,
            ):
                with attempt:
                    await self._bot.send_message(
                        claim.chat_id, text, parse_mode=ParseMode.HTML, disable_web_page_preview=True
                    )
        except Forbidden as exc:
            log.info("chat %s blocked the bot or is gone (%s); unscheduling", claim.chat_id, exc.message)
            return Outcome.BLOCKED, exc.message
        except BadRequest as exc:
            log.warning("reminder to chat %s rejected: %s", claim.chat_id, exc.message)
            return Outcome.FAILED, exc.message
        except (NetworkError, RetryAfter) as exc:
            if _maybe_delivered(exc):
                log.warning("reminder to chat %s may or may not have arrived (%s)", claim.chat_id, exc)
                return Outcome.UNKNOWN, str(exc)
            log.warning("reminder to chat %s failed for now (%s); will retry", claim.chat_id, exc)
            return None, str(exc)
        except TelegramError as exc:
            log.error("reminder to chat %s failed: %s", claim.chat_id, exc)
            return Outcome.FAILED, str(exc)
        return Outcome.SENT, None
