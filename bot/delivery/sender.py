"""Send one message under the delivery policy shared by reminders and broadcasts.

403 means the chat is gone; other 400s are final; 429 is waited out by PTB's rate limiter; 5xx and
connection failures are retried with exponential backoff (tenacity). A timeout after the request went out
is ``unknown``: Telegram may have shown the message, so it is never retried, to never double.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import httpx
from aiolimiter import AsyncLimiter
from telegram import InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, Defaults, ExtBot
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential
from tenacity.wait import wait_base

from bot.server.aiohttp_request import answer_lost
from bot.store import Outcome

log = logging.getLogger(__name__)

# Every message the bot sends, reply or scheduled, is HTML (each data-file and user-supplied string escaped) and
# shows no link preview: PTB applies these to every call of a bot built with them (the application's, bot.app).
SEND_DEFAULTS = Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))
# A scheduled message as the Bot API reads it, SEND_DEFAULTS included. The sender posts it with
# ``do_api_request`` rather than ``send_message``: PTB would serialise the keyboard and parse the answer into a
# Message through its generic machinery, about a millisecond of CPU a message at a thousand a second, for the one
# field the engine keeps (message_id). Bot API method names are case-insensitive; the lower-case one is not a
# method of PTB's Bot, so do_api_request does not warn that send_message exists.
_SEND_MESSAGE = "sendmessage"
_PARSE_MODE = ParseMode.HTML.value
_NO_PREVIEW = {"is_disabled": True}
# The reply to these may have been lost after Telegram accepted the message (HTTPX; aiohttp: answer_lost).
_MAYBE_DELIVERED = (httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class SendResult:
    """``outcome`` None means a transient failure: hand the message back and try again later.

    ``reason`` names the failure for metrics: blocked, bad_request, rate_limited, server_error, unknown.
    ``message_id`` is the sent message's, for a later edit.
    """

    outcome: Outcome | None
    reason: str | None = None
    detail: str | None = None
    message_id: int | None = None


def _payload(chat_id: int, text: str, buttons: InlineKeyboardMarkup | None, paid: bool | None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "chat_id": chat_id,
        "text": text,
        "parse_mode": _PARSE_MODE,
        "link_preview_options": _NO_PREVIEW,
    }
    if buttons is not None:
        payload["reply_markup"] = keyboard_json(buttons)
    if paid:
        payload["allow_paid_broadcast"] = True
    return payload


def keyboard_json(markup: InlineKeyboardMarkup) -> dict[str, Any]:
    """``markup.to_dict()``, built directly for the buttons the bot makes (a text and callback data); any other
    button through PTB's own ``to_dict``."""
    return {
        "inline_keyboard": [
            [
                {"text": button.text, "callback_data": button.callback_data}
                if isinstance(button.callback_data, str)
                else button.to_dict()
                for button in row
            ]
            for row in markup.inline_keyboard
        ]
    }


def _maybe_delivered(exc: BaseException) -> bool:
    """Whether the message may have arrived although the request failed, on either transport."""
    return isinstance(exc, NetworkError) and (isinstance(exc.__cause__, _MAYBE_DELIVERED) or answer_lost(exc.__cause__))


def _is_transient(exc: BaseException) -> bool:
    """5xx answers and connection failures, where Telegram surely did not take the message."""
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest) and not _maybe_delivered(exc)


# A limiter's bucket holds this much of its rate: smooth pacing (no second-long burst at the start of a batch)
# without waking the limiter for every single message at high rates.
_BURST_SECONDS = 0.1


def pacing(rate: float) -> tuple[float, float]:
    """(max_rate, time_period) for an aiolimiter bucket that lets ``rate`` messages a second through.

    Any rate above 0 works: below 10/s the bucket holds one message and refills every 1/rate seconds
    (aiolimiter cannot hand out a token from a bucket smaller than one).
    """
    if rate <= 0:
        raise ValueError("a send rate must be above 0")
    tokens = max(1.0, rate * _BURST_SECONDS)
    return tokens, tokens / rate


# Retries inside the rate limiter when Telegram answers 429; each waits the retry_after Telegram gives.
RATE_LIMIT_RETRIES = 3
# The share of the send rate kept for answering people: a reply never waits behind a nightly batch.
REPLY_SHARE = 0.2


def rate_limiter(rate: float) -> AIORateLimiter:
    """PTB's limiter for every request at ``rate`` a second (any rate above 0; see ``pacing``)."""
    max_rate, period = pacing(rate)
    return AIORateLimiter(overall_max_rate=max_rate, overall_time_period=period, max_retries=RATE_LIMIT_RETRIES)


def bulk_rate(send_rate: float, paid_broadcast: bool) -> float:
    """The bulk sends' rate: REPLY_SHARE of the free rate is left to replies; paid broadcasts do not use it."""
    return send_rate if paid_broadcast else send_rate * (1 - REPLY_SHARE)


class Sender:
    """Sends bulk HTML messages (scheduled ones, broadcasts) through the application's rate-limited bot,
    classifying every failure.

    ``bulk_rate`` (messages per second) gates bulk sends before they reach the bot's own limiter, which runs at
    the full rate: the difference is kept for answering people, so a reply never queues behind a nightly
    batch. It is the whole bot's: with several delivery instances, each sends its ``share``. With
    ``paid_broadcast`` the sends use Telegram's paid broadcasts, which PTB limits separately.
    """

    def __init__(
        self,
        bot: ExtBot[Any],
        *,
        bulk_rate: float | None = None,
        paid_broadcast: bool = False,
        retry_attempts: int = 4,
        retry_wait: wait_base | None = None,
    ) -> None:
        self._bot = bot
        self._total_bulk_rate = bulk_rate
        self.bulk_rate = bulk_rate
        self._bulk_gate = AsyncLimiter(*pacing(bulk_rate)) if bulk_rate else None
        self._paid_broadcast = paid_broadcast or None  # None leaves the parameter out of the request
        self._retry_attempts = retry_attempts
        self.retry_wait = retry_wait or wait_exponential(multiplier=0.5, max=8)

    def share(self, delivering: int) -> None:
        """Send ``1 / delivering`` of the bot's bulk rate: ``delivering`` instances send at once."""
        if self._total_bulk_rate is None:
            return
        rate = self._total_bulk_rate / max(1, delivering)
        if rate != self.bulk_rate:
            log.info("sending at %.2f messages a second: one share of %d delivery instances", rate, delivering)
            self.bulk_rate, self._bulk_gate = rate, AsyncLimiter(*pacing(rate))

    async def send(self, chat_id: int, text: str, buttons: InlineKeyboardMarkup | None = None) -> SendResult:
        """Send one HTML message at the bulk rate, retrying transient failures; Telegram's errors become the result."""
        payload = _payload(chat_id, text, buttons, self._paid_broadcast)
        try:
            message = await self._post_retrying(payload)
        except Forbidden as exc:
            log.info("chat %s blocked the bot or is gone (%s)", chat_id, exc.message)
            return SendResult(Outcome.BLOCKED, "blocked", exc.message)
        except BadRequest as exc:
            log.warning("message to chat %s rejected: %s", chat_id, exc.message)
            return SendResult(Outcome.FAILED, "bad_request", exc.message)
        except RetryAfter as exc:
            log.warning("message to chat %s still rate-limited after retries (%s); will retry", chat_id, exc)
            return SendResult(None, "rate_limited", str(exc))
        except NetworkError as exc:
            if _maybe_delivered(exc):
                log.warning("message to chat %s may or may not have arrived (%s)", chat_id, exc)
                return SendResult(Outcome.UNKNOWN, "unknown", str(exc))
            log.warning("message to chat %s failed for now (%s); will retry", chat_id, exc)
            return SendResult(None, "server_error", str(exc))
        except TelegramError as exc:
            log.error("message to chat %s failed: %s", chat_id, exc)
            return SendResult(Outcome.FAILED, "bad_request", str(exc))
        return SendResult(Outcome.SENT, message_id=int(message["message_id"]))

    async def _post(self, payload: dict[str, Any]) -> Any:
        async with self._bulk_gate or nullcontext():
            return await self._bot.do_api_request(_SEND_MESSAGE, payload)

    async def _post_retrying(self, payload: dict[str, Any]) -> Any:
        """The send, retried on transient failures. The first attempt runs outside tenacity, whose machinery
        costs a tenth of a millisecond a message at a thousand a second; after a transient failure the retries
        follow ``retry_wait`` (the first of them waits as long as the second)."""
        try:
            return await self._post(payload)
        except Exception as exc:
            if not _is_transient(exc) or self._retry_attempts < 2:
                raise
        retrying = AsyncRetrying(
            retry=retry_if_exception(_is_transient),
            stop=stop_after_attempt(self._retry_attempts - 1),
            wait=self.retry_wait,
            reraise=True,
        )
        await asyncio.sleep(self.retry_wait(RetryCallState(retrying, None, (), {})))
        async for attempt in retrying:
            with attempt:
                return await self._post(payload)
        raise AssertionError("tenacity returns or raises")  # pragma: no cover

    async def edit(self, chat_id: int, message_id: int, text: str) -> bool:
        """Replace the text of one of our messages (a progress report); False if it is gone or cannot be edited.

        Best effort and not retried: the caller sends a new message instead, and an edit repeated after a
        lost reply does no harm.
        """
        try:
            await self._bot.edit_message_text(
                text,
                chat_id=chat_id,
                message_id=message_id,
            )
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                return True  # the text was already this one
            log.info("could not edit message %s in chat %s: %s", message_id, chat_id, exc.message)
            return False
        except TelegramError as exc:
            log.info("could not edit message %s in chat %s: %s", message_id, chat_id, exc)
            return False
        return True
