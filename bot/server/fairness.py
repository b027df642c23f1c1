"""No person can stall the others: updates of different chats run concurrently while each chat's stay in order,
and the expensive commands (a chart, the insights, an export) are limited per person.

A person who sends ``/progress 365`` thirty times gets their first chart and, while it is being drawn, "still
working on your last chart" for the others: at most one expensive job of theirs is in flight, and at most
``EXPENSIVE_PER_MINUTE`` start in any minute. Everyone else's updates go on meanwhile, since the drawing itself
runs in a worker process (bot.server.offload), not on the event loop.
"""

from __future__ import annotations

import asyncio
import enum
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Coroutine
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

from cachetools import TTLCache
from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates handled at once across all chats. A chat's queued updates wait on its own lock, not for one of these.
MAX_CONCURRENT_UPDATES = 64
# Updates taken off PTB's queue at once (running or waiting for their chat's turn); bounds the memory a flood uses.
MAX_QUEUED_UPDATES = 4096
EXPENSIVE_PER_MINUTE = 4
_WINDOW = timedelta(minutes=1)
_PEOPLE = 100_000  # people remembered at once; beyond that the least recent are forgotten


class Admission(enum.Enum):
    """Whether an expensive job may start, and if not, why (and whether to say so)."""

    GO = "go"
    BUSY = "busy"  # the person's previous expensive job is still running
    OVER_BUDGET = "over_budget"  # EXPENSIVE_PER_MINUTE already started in the last minute
    QUIET = "quiet"  # refused again before the next admitted job: they were told once, and replies cost everyone


class ExpensiveJobs:
    """Per person: at most one expensive job in flight, and at most ``per_minute`` started in any minute."""

    def __init__(self, clock: Callable[[], datetime], per_minute: int = EXPENSIVE_PER_MINUTE) -> None:
        self._clock = clock
        self._per_minute = per_minute
        self._in_flight: set[int] = set()
        # Starts within the window, per person; a person idle for a minute is forgotten (real time, a bound on
        # memory: the window itself is measured on ``clock``).
        self._started: TTLCache[int, deque[datetime]] = TTLCache(maxsize=_PEOPLE, ttl=_WINDOW.total_seconds())
        # People told why a request was refused: a flood gets one answer, not one per message, since every reply
        # spends the bot's send rate that everyone shares.
        self._told: TTLCache[int, bool] = TTLCache(maxsize=_PEOPLE, ttl=_WINDOW.total_seconds())

    def in_flight(self, chat_id: int) -> bool:
        """Whether an admitted job of ``chat_id`` is still running."""
        return chat_id in self._in_flight

    def admit(self, chat_id: int) -> Admission:
        """Whether a new expensive job of ``chat_id`` may start now; GO also records its start."""
        refusal = self._refusal(chat_id)
        if refusal is None:
            started = self._started.get(chat_id) or deque()
            started.append(self._clock())
            self._started[chat_id] = started  # set again: the person is remembered a minute from now
            self._in_flight.add(chat_id)
            self._told.pop(chat_id, None)
            return Admission.GO
        if chat_id in self._told:
            return Admission.QUIET
        self._told[chat_id] = True
        return refusal

    def would_be_quiet(self, chat_id: int) -> bool:
        """Whether a new expensive request of ``chat_id`` would be refused without a word (``Admission.QUIET``)."""
        return chat_id in self._told and self._refusal(chat_id) is not None

    def _refusal(self, chat_id: int) -> Admission | None:
        if chat_id in self._in_flight:
            return Admission.BUSY
        now = self._clock()
        started = self._started.get(chat_id) or deque()
        while started and now - started[0] >= _WINDOW:
            started.popleft()
        return Admission.OVER_BUDGET if len(started) >= self._per_minute else None

    def done(self, chat_id: int) -> None:
        """The admitted job of ``chat_id`` ended: the next may start, within the per-minute budget."""
        self._in_flight.discard(chat_id)

    @asynccontextmanager
    async def running(self, chat_id: int) -> AsyncIterator[None]:
        """Mark an admitted job finished however it ends."""
        try:
            yield
        finally:
            self.done(chat_id)


def chat_of(update: object) -> int | None:
    """The chat an update belongs to (None for updates without one, such as inline queries)."""
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None


def command_of(update: object) -> str | None:
    """The command word of a message (``/progress@RlsCoachBot 90`` → ``progress``), else None."""
    message = update.effective_message if isinstance(update, Update) else None
    text = message.text if message is not None else None
    if not text or not text.startswith("/"):
        return None
    return text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else None


class ChatOrderedProcessor(BaseUpdateProcessor):
    """PTB's update processor, concurrent across chats and in order within each chat.

    One exception to the order: an expensive command from a person whose previous expensive job is still
    running goes straight through, so they hear "still working on your last chart" at once instead of after it;
    and once they were told, the rest of a flood is dropped here, before PTB's handlers spend any time on it.
    """

    def __init__(self, jobs: ExpensiveJobs, expensive_commands: Collection[str]) -> None:
        super().__init__(MAX_QUEUED_UPDATES)
        self._jobs = jobs
        self._expensive = frozenset(expensive_commands)
        self._running = asyncio.BoundedSemaphore(MAX_CONCURRENT_UPDATES)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}  # a lock per chat with updates, and how many wait

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Handle one update after its chat's earlier ones; a refused expensive command skips the line or is dropped."""
        chat_id = chat_of(update)
        expensive = chat_id is not None and command_of(update) in self._expensive
        if chat_id is not None and expensive and self._jobs.would_be_quiet(chat_id):
            if isinstance(coroutine, Coroutine):
                coroutine.close()  # never started: handling it would only end in silence
            return
        if chat_id is None or (expensive and self._jobs.in_flight(chat_id)):
            async with self._running:
                await coroutine
            return
        lock, waiting = self._chats.get(chat_id) or (asyncio.Lock(), 0)
        self._chats[chat_id] = (lock, waiting + 1)
        try:
            async with lock, self._running:
                await coroutine
        finally:
            lock, waiting = self._chats[chat_id]
            if waiting == 1:
                del self._chats[chat_id]  # no other update of this chat: forget its lock
            else:
                self._chats[chat_id] = (lock, waiting - 1)

    async def initialize(self) -> None:
        """Nothing to set up: locks are made as chats send updates."""

    async def shutdown(self) -> None:
        """Nothing to free: PTB waits for the running updates before it shuts down."""
