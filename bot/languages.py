"""Which language to answer each chat in: the one it chose with /language, else the one Telegram reports for
the person (Spanish for ``es…``), which is kept on their row the first time we see them, so scheduled messages
go out in it too."""

from __future__ import annotations

from cachetools import TTLCache

from bot.i18n import language_from_telegram
from bot.store import Store

# Most updates find the language here instead of in the database. Another instance sharing the database may
# answer in the old language for up to this long after a /language change there.
CACHE_SECONDS = 600
CACHE_SIZE = 100_000


class Languages:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._known: TTLCache[int, str] = TTLCache(maxsize=CACHE_SIZE, ttl=CACHE_SECONDS)

    async def of(self, chat_id: int, telegram_code: str | None) -> str:
        known = self._known.get(chat_id)
        if known is not None:
            return known
        stored = await self._store.language_of(chat_id)
        if stored is None:
            return language_from_telegram(telegram_code)
        self._known[chat_id] = stored
        return stored

    async def settle(self, chat_id: int, telegram_code: str | None) -> None:
        """After an update: a chat that has a row but no language yet keeps the one Telegram reports."""
        if chat_id in self._known:
            return
        stored = await self._store.adopt_language(chat_id, language_from_telegram(telegram_code))
        if stored is not None:
            self._known[chat_id] = stored

    def remember(self, chat_id: int, language: str) -> None:
        self._known[chat_id] = language
