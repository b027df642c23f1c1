"""Subscriber settings, as the handlers read and change them: reminders, check-in, zone, language, tip topics,
the tips themselves, and whether the chat blocked the bot. Each public method is one transaction.

A change to a setting a series depends on reschedules it (bot.store._schedule keeps the schedule invariant and
tells the context's ``on_scheduled`` the new due instant).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from sqlalchemy import select, text, update

from bot.core.tips import TipPool, next_tip, record_shown
from bot.store._schedule import block, reschedule, subscriber_row
from bot.store.context import StoreContext
from bot.store.forgets import announce_forget
from bot.store.models import Subscriber
from bot.store.views import SubscriberView, subscriber_view


class SubscriberStore:
    """Each chat's settings; a chat's row is created with the context's defaults on its first write."""

    def __init__(self, context: StoreContext) -> None:
        self._context = context
        self._sessions = context.sessions

    async def ping(self) -> None:
        """Raise if the database cannot answer a trivial query (for /healthz)."""
        async with self._sessions() as session:
            await session.execute(text("SELECT 1"))

    async def get(self, chat_id: int) -> SubscriberView | None:
        """The chat's settings; None when it has no row (it never wrote to us, or deleted its data)."""
        async with self._sessions() as session:
            row = await session.get(Subscriber, chat_id)
            return subscriber_view(row) if row else None

    async def subscribe(self, chat_id: int, now: datetime, local_time: time | None = None) -> SubscriberView:
        """Turn reminders on (unblocking a chat that came back), optionally at a new time."""
        async with self._sessions.begin() as session:
            row = await subscriber_row(self._context, session, chat_id, now)
            row.reminders_on, row.blocked = True, False
            if local_time is not None:
                row.local_reminder_time = local_time
            await reschedule(self._context, session, row, now)
            return subscriber_view(row)

    async def unsubscribe(self, chat_id: int, now: datetime) -> SubscriberView | None:
        """Turn reminders off, keeping time and zone for a later /subscribe."""
        async with self._sessions.begin() as session:
            row = await session.get(Subscriber, chat_id)
            if row is None:
                return None
            row.reminders_on = False
            await reschedule(self._context, session, row, now)
            return subscriber_view(row)

    async def set_time(self, chat_id: int, local_time: time, now: datetime) -> SubscriberView:
        """The local time of the evening reminder."""
        async with self._sessions.begin() as session:
            row = await subscriber_row(self._context, session, chat_id, now)
            row.local_reminder_time = local_time
            await reschedule(self._context, session, row, now)
            return subscriber_view(row)

    async def set_zone(self, chat_id: int, zone_name: str, now: datetime) -> SubscriberView:
        """The chat's time zone (an IANA name), which every series' local time is in."""
        async with self._sessions.begin() as session:
            row = await subscriber_row(self._context, session, chat_id, now)
            row.zone_name = zone_name
            await reschedule(self._context, session, row, now)
            await announce_forget(session, chat_id)  # other instances' caches hold the old country's numbers
            return subscriber_view(row)

    async def set_checkin(
        self, chat_id: int, on: bool, now: datetime, local_time: time | None = None
    ) -> SubscriberView:
        """Turn the morning check-in on or off, optionally at a new time."""
        async with self._sessions.begin() as session:
            row = await subscriber_row(self._context, session, chat_id, now)
            row.checkin_on = on
            if local_time is not None:
                row.local_checkin_time = local_time
            await reschedule(self._context, session, row, now)
            return subscriber_view(row)

    async def set_weekly_day(self, chat_id: int, weekday: int | None, now: datetime) -> SubscriberView:
        """The weekday (0 = Monday) whose evening reminder carries the weekly summary; None turns it off."""
        async with self._sessions.begin() as session:
            row = await subscriber_row(self._context, session, chat_id, now)
            row.weekly_day, row.updated_at_utc = weekday, now
            return subscriber_view(row)

    async def mark_blocked(self, chat_id: int, now: datetime) -> None:
        """The chat blocked the bot (Telegram told us, or answered 403 to a broadcast): unschedule it as a 403 to
        a reminder does."""
        async with self._sessions.begin() as session:
            row = await session.get(Subscriber, chat_id)
            if row is not None:
                await block(self._context, session, row, now)

    async def language_of(self, chat_id: int) -> str | None:
        """The chat's chosen language; None when it has none yet or no row."""
        found = await self.reader_of(chat_id)
        return found[0] if found else None

    async def reader_of(self, chat_id: int) -> tuple[str | None, str | None] | None:
        """The chat's chosen language and time zone (either may be unset); None when it has no row."""
        async with self._sessions() as session:
            query = select(Subscriber.language, Subscriber.zone_name).where(Subscriber.chat_id == chat_id)
            row = (await session.execute(query)).first()
            return (row.language, row.zone_name) if row is not None else None

    async def adopt_language(self, chat_id: int, language: str) -> str | None:
        """Give a chat that has none yet ``language``; its language afterwards (None: it has no row)."""
        async with self._sessions.begin() as session:
            row = (await session.execute(select(Subscriber.language).where(Subscriber.chat_id == chat_id))).first()
            if row is None or row.language is not None:
                return row.language if row is not None else None
            unset = (Subscriber.chat_id == chat_id, Subscriber.language.is_(None))  # a /language elsewhere wins
            await session.execute(update(Subscriber).where(*unset).values(language=language))
            return language

    async def set_language(self, chat_id: int, language: str, now: datetime) -> SubscriberView:
        """The language the chat chose with /language."""
        async with self._sessions.begin() as session:
            row = await subscriber_row(self._context, session, chat_id, now)
            row.language, row.updated_at_utc = language, now
            await announce_forget(session, chat_id)  # and their caches the old language
            return subscriber_view(row)

    async def set_tip_topics(self, chat_id: int, topics: Sequence[str], now: datetime) -> SubscriberView:
        """The topics the nightly tip comes from; the rotation keeps its place (bot.core.tips)."""
        async with self._sessions.begin() as session:
            row = await subscriber_row(self._context, session, chat_id, now)
            row.tip_topics, row.updated_at_utc = list(topics), now
            return subscriber_view(row)

    async def take_tip(self, chat_id: int, tip_pool: TipPool, now: datetime) -> str:
        """The next tip in this person's rotation of their chosen topics, marked as seen."""
        async with self._sessions.begin() as session:
            row = await subscriber_row(self._context, session, chat_id, now)
            pool = tip_pool(row.tip_topics)
            tip_id = next_tip(pool, row.tips_seen, row.tip_seed)
            row.tips_seen = record_shown(pool, row.tips_seen, tip_id)
            row.updated_at_utc = now
            return tip_id

    async def peek_tip(self, chat_id: int, tip_pool: TipPool) -> str | None:
        """The tip the chat's next reminder would carry, without marking it seen; None for an unknown chat."""
        async with self._sessions() as session:
            row = await session.get(Subscriber, chat_id)
            return next_tip(tip_pool(row.tip_topics), row.tips_seen, row.tip_seed) if row else None
