"""Whom each chat's messages are for: the language it chose with /language, else the one Telegram reports for
the person (Spanish for ``es…``), which is kept on their row the first time we see them, so scheduled messages
go out in it too; and the country of their time zone, whose emergency numbers the content names.

The cache forgets a chat that /delete removed, here and (on PostgreSQL) in every other instance: each listens for
the deletes of the others (bot.store.forgets), and trusts its cache only while it hears them.
"""

from __future__ import annotations

from cachetools import TTLCache
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store import SubscriberStore
from bot.store.forgets import ForgetListener
from bot.text.i18n import Texts, language_from_telegram, territory_of_zone, texts

# Most updates find the reader here instead of in the database. A change of language or zone, and a delete, made on
# another instance reach this cache at once (PostgreSQL notifications); the time limit only bounds memory.
CACHE_SECONDS = 600
CACHE_SIZE = 100_000


class Languages:
    """Each chat's reader (language and country), cached across updates and forgotten on every instance at once."""

    def __init__(self, subscribers: SubscriberStore, engine: AsyncEngine) -> None:
        """Readers come from ``subscribers``; on PostgreSQL, ``engine``'s server tells of other instances' deletes."""
        self._subscribers = subscribers
        self._known: TTLCache[int, Texts] = TTLCache(maxsize=CACHE_SIZE, ttl=CACHE_SECONDS)
        # Counts forgets: a reader looked up while one happened may be the forgotten one, and is not cached.
        self._forgets = 0
        self._deletes_elsewhere = (
            ForgetListener(engine, self.forget, self._forget_everyone) if engine.dialect.name == "postgresql" else None
        )

    async def start(self) -> None:
        """Hear the deletes other instances make (PostgreSQL); until then, nothing is cached there."""
        if self._deletes_elsewhere is not None:
            await self._deletes_elsewhere.start()

    async def stop(self) -> None:
        """Stop hearing other instances' deletes and empty the cache, which could no longer be trusted."""
        if self._deletes_elsewhere is not None:
            await self._deletes_elsewhere.stop()
        self._forget_everyone()

    async def of(self, chat_id: int, telegram_code: str | None) -> Texts:
        """The UI for this chat: its language, and its country when its time zone names one."""
        known = self._known.get(chat_id) if self._trusted else None
        if known is not None:
            return known
        forgets_before = self._forgets
        stored = await self._subscribers.reader_of(chat_id)
        if stored is None:
            return texts(language_from_telegram(telegram_code))
        language, zone_name = stored
        reader = texts(language or language_from_telegram(telegram_code), territory_of_zone(zone_name))
        # Until the row has a language, settle() may still adopt Telegram's.
        if language is not None and self._trusted and self._forgets == forgets_before:
            self._known[chat_id] = reader
        return reader

    async def settle(self, chat_id: int, telegram_code: str | None) -> None:
        """After an update: a chat that has a row but no language yet keeps the one Telegram reports."""
        if chat_id not in self._known:
            await self._subscribers.adopt_language(chat_id, language_from_telegram(telegram_code))

    def forget(self, chat_id: int) -> None:
        """After a change of language or zone, or /delete: the next update reads the chat's row again."""
        self._forgets += 1
        self._known.pop(chat_id, None)

    @property
    def _trusted(self) -> bool:
        # With other instances (PostgreSQL), a cache that may have missed one of their deletes is not used.
        return self._deletes_elsewhere is None or self._deletes_elsewhere.listening

    def _forget_everyone(self) -> None:
        self._forgets += 1
        self._known.clear()
