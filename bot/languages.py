"""Whom each chat's messages are for: the language it chose with /language, else the one Telegram reports for
the person (Spanish for ``es…``), which is kept on their row the first time we see them, so scheduled messages
go out in it too; and the country of their time zone, whose emergency numbers the content names."""

from __future__ import annotations

from cachetools import TTLCache

from bot.i18n import Texts, language_from_telegram, territory_of_zone, texts
from bot.store import Store

# Most updates find the reader here instead of in the database. Another instance sharing the database may answer
# in the old language, or name the old country's numbers, for up to this long after a change made there.
CACHE_SECONDS = 600
CACHE_SIZE = 100_000


class Languages:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._known: TTLCache[int, Texts] = TTLCache(maxsize=CACHE_SIZE, ttl=CACHE_SECONDS)

    async def of(self, chat_id: int, telegram_code: str | None) -> Texts:
        """The UI for this chat: its language, and its country when its time zone names one."""
        known = self._known.get(chat_id)
        if known is not None:
            return known
        stored = await self._store.reader_of(chat_id)
        if stored is None:
            return texts(language_from_telegram(telegram_code))
        language, zone_name = stored
        reader = texts(language or language_from_telegram(telegram_code), territory_of_zone(zone_name))
        if language is not None:  # until then, settle() may still adopt Telegram's language
            self._known[chat_id] = reader
        return reader

    async def settle(self, chat_id: int, telegram_code: str | None) -> None:
        """After an update: a chat that has a row but no language yet keeps the one Telegram reports."""
        if chat_id not in self._known:
            await self._store.adopt_language(chat_id, language_from_telegram(telegram_code))

    def forget(self, chat_id: int) -> None:
        """After a change of language or zone, or /delete: the next update reads the chat's row again."""
        self._known.pop(chat_id, None)
