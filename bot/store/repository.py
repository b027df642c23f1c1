"""The data-access layer of subscribers and their scheduled messages, one transaction per method.

A *series* (the evening reminder, the morning check-in) keeps its local time and next due instant on the
subscriber row. Schedule invariant, kept by ``_reschedule``: a series' next due instant is set exactly when
it is on, a zone is known and the chat has not blocked the bot; it is never on a local date that already has
a delivery row of that kind. A *one-off* (a snooze) waits in the delivery log as ``pending`` until due.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, case, delete, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.schedule import next_due
from bot.core.tips import TipPool, next_tip, record_shown
from bot.core.zones import zone_from_name
from bot.store.claims import Batch, Claim, Claimer
from bot.store.forgets import announce_forget
from bot.store.instances import Instances
from bot.store.models import BroadcastDelivery, Delivery, Subscriber
from bot.store.series import ONE_OFF_KINDS, REMINDER, SERIES, Series, series_of
from bot.store.statuses import FAILURE_STATUSES, PENDING, SENDING, Outcome
from bot.store.views import SubscriberView, subscriber_view

STATS_WINDOW = timedelta(hours=24)


def is_scheduled() -> ColumnElement[bool]:
    """Active subscribers: reminders on, zone known, not blocked (the schedule invariant makes this one test)."""
    return Subscriber.next_due_at_utc.is_not(None)


@dataclass(frozen=True)
class Finished:
    """How one claimed message ended, for ``Store.finish``."""

    claim: Claim
    outcome: Outcome
    detail: str | None = None
    message_id: int | None = None


@dataclass(frozen=True)
class Stats:
    """The figures behind /stats; ``failures`` maps every status in FAILURE_STATUSES to its 24-hour count."""

    active: int
    awaiting_zone: int
    blocked: int
    off: int
    sent_24h: int
    failures_24h: dict[str, int]
    backlog: int


def rowcount(result: object) -> int:
    """Rows an UPDATE or DELETE touched (every driver we use reports it)."""
    return int(getattr(result, "rowcount", 0) or 0)


async def mark_sending_unknown(
    sessions: async_sessionmaker[AsyncSession],
    table: type[Delivery] | type[BroadcastDelivery],
    instances: Instances,
    now: datetime,
) -> int:
    """Settle the rows still ``sending`` whose instance has died as ``unknown``; how many there were.

    Rows of a live instance (this one included) are left alone: it may still be waiting for Telegram's reply.
    Rows without a claimer come from before claims were signed, hence from a process that has ended.
    """
    async with sessions() as session:
        claimers = set(await session.scalars(select(table.claimed_by).where(table.status == SENDING).distinct()))
    signed = {claimer for claimer in claimers if claimer is not None}
    gone = await instances.gone(signed)
    if not gone and None not in claimers:
        return 0
    async with sessions.begin() as session:
        result = await session.execute(
            update(table)
            .where(table.status == SENDING, or_(table.claimed_by.in_(gone), table.claimed_by.is_(None)))
            .values(status=Outcome.UNKNOWN.value, finished_at_utc=now, detail="cut off: its process ended mid-send")
        )
        return rowcount(result)


class Store:
    """Queries over one ``async_sessionmaker``; each public method is its own transaction."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        default_reminder_time: time,
        default_checkin_time: time = time(8, 0),
        instances: Instances | None = None,
    ) -> None:
        self._sessions = sessions
        self.instances = instances or Instances()
        self._default_reminder_time = default_reminder_time
        self._default_checkin_time = default_checkin_time
        # Told every due instant a change sets, so the delivery engine can wake for it (bot.app registers it).
        self.on_scheduled: Callable[[datetime], None] | None = None

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        """The session factory, shared by the other stores of the same database."""
        return self._sessions

    def notify_scheduled(self, due_at_utc: datetime) -> None:
        """Tell ``on_scheduled`` that a message now falls due at ``due_at_utc``.

        Called inside the transaction that sets it, before the commit: a wake that runs before the commit finds
        nothing, and the periodic tick sends the message, as it did before there was an observer.
        """
        if self.on_scheduled is not None:
            self.on_scheduled(due_at_utc)

    # --- subscriber settings (handlers) -------------------------------------------------------------

    async def ping(self) -> None:
        """Raise if the database cannot answer a trivial query (for /healthz)."""
        async with self._sessions() as session:
            await session.execute(text("SELECT 1"))

    async def get(self, chat_id: int) -> SubscriberView | None:
        async with self._sessions() as session:
            row = await session.get(Subscriber, chat_id)
            return subscriber_view(row) if row else None

    async def subscribe(self, chat_id: int, now: datetime, local_time: time | None = None) -> SubscriberView:
        """Turn reminders on (unblocking a chat that came back), optionally at a new time."""
        async with self._sessions.begin() as session:
            row = await self.subscriber_row(session, chat_id, now)
            row.reminders_on, row.blocked = True, False
            if local_time is not None:
                row.local_reminder_time = local_time
            await self._reschedule(session, row, now)
            return subscriber_view(row)

    async def unsubscribe(self, chat_id: int, now: datetime) -> SubscriberView | None:
        """Turn reminders off, keeping time and zone for a later /subscribe."""
        async with self._sessions.begin() as session:
            row = await session.get(Subscriber, chat_id)
            if row is None:
                return None
            row.reminders_on = False
            await self._reschedule(session, row, now)
            return subscriber_view(row)

    async def set_time(self, chat_id: int, local_time: time, now: datetime) -> SubscriberView:
        async with self._sessions.begin() as session:
            row = await self.subscriber_row(session, chat_id, now)
            row.local_reminder_time = local_time
            await self._reschedule(session, row, now)
            return subscriber_view(row)

    async def set_zone(self, chat_id: int, zone_name: str, now: datetime) -> SubscriberView:
        async with self._sessions.begin() as session:
            row = await self.subscriber_row(session, chat_id, now)
            row.zone_name = zone_name
            await self._reschedule(session, row, now)
            await announce_forget(session, chat_id)  # other instances' caches hold the old country's numbers
            return subscriber_view(row)

    async def set_checkin(
        self, chat_id: int, on: bool, now: datetime, local_time: time | None = None
    ) -> SubscriberView:
        """Turn the morning check-in on or off, optionally at a new time."""
        async with self._sessions.begin() as session:
            row = await self.subscriber_row(session, chat_id, now)
            row.checkin_on = on
            if local_time is not None:
                row.local_checkin_time = local_time
            await self._reschedule(session, row, now)
            return subscriber_view(row)

    async def set_weekly_day(self, chat_id: int, weekday: int | None, now: datetime) -> SubscriberView:
        """The weekday (0 = Monday) whose evening reminder carries the weekly summary; None turns it off."""
        async with self._sessions.begin() as session:
            row = await self.subscriber_row(session, chat_id, now)
            row.weekly_day, row.updated_at_utc = weekday, now
            return subscriber_view(row)

    async def language_of(self, chat_id: int) -> str | None:
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
        async with self._sessions.begin() as session:
            row = await self.subscriber_row(session, chat_id, now)
            row.language, row.updated_at_utc = language, now
            await announce_forget(session, chat_id)  # and their caches the old language
            return subscriber_view(row)

    async def set_tip_topics(self, chat_id: int, topics: Sequence[str], now: datetime) -> SubscriberView:
        """The topics the nightly tip comes from; the rotation keeps its place (bot.core.tips)."""
        async with self._sessions.begin() as session:
            row = await self.subscriber_row(session, chat_id, now)
            row.tip_topics, row.updated_at_utc = list(topics), now
            return subscriber_view(row)

    async def take_tip(self, chat_id: int, tip_pool: TipPool, now: datetime) -> str:
        """The next tip in this person's rotation of their chosen topics, marked as seen."""
        async with self._sessions.begin() as session:
            row = await self.subscriber_row(session, chat_id, now)
            pool = tip_pool(row.tip_topics)
            tip_id = next_tip(pool, row.tips_seen, row.tip_seed)
            row.tips_seen = record_shown(pool, row.tips_seen, tip_id)
            row.updated_at_utc = now
            return tip_id

    async def subscriber_row(self, session: AsyncSession, chat_id: int, now: datetime) -> Subscriber:
        """The chat's row in ``session``, created with the defaults on its first write."""
        row = await session.get(Subscriber, chat_id)
        if row is None:
            row = Subscriber(
                chat_id=chat_id,
                reminders_on=False,
                blocked=False,
                zone_name=None,
                local_reminder_time=self._default_reminder_time,
                next_due_at_utc=None,
                tip_seed=secrets.randbits(62),
                tips_seen=[],
                checkin_on=False,
                local_checkin_time=self._default_checkin_time,
                next_checkin_at_utc=None,
                weekly_day=6,
                language=None,
                tip_topics=None,
                created_at_utc=now,
                updated_at_utc=now,
            )
            session.add(row)
        elif row.blocked:
            # The person writes to us again, so they unblocked the bot: resume what they had set up.
            row.blocked = False
            await self._reschedule(session, row, now)
        return row

    async def _reschedule(self, session: AsyncSession, row: Subscriber, now: datetime) -> None:
        row.updated_at_utc = now
        for series in SERIES:
            await self._reschedule_series(session, series, row, now)

    async def _reschedule_series(self, session: AsyncSession, series: Series, row: Subscriber, now: datetime) -> None:
        if not series.is_on(row) or row.blocked or row.zone_name is None:
            series.set_due(row, None)
            return
        last_local_date = await session.scalar(
            select(func.max(Delivery.local_date)).where(Delivery.chat_id == row.chat_id, Delivery.kind == series.kind)
        )
        not_before = last_local_date + timedelta(days=1) if last_local_date else None
        due = next_due(series.local_time(row), zone_from_name(row.zone_name), now, not_before_local_date=not_before)
        series.set_due(row, due.due_at_utc)
        self.notify_scheduled(due.due_at_utc)

    # --- delivery engine -------------------------------------------------------------------------------

    async def claim_due(
        self,
        now: datetime,
        limit: int,
        grace: timedelta,
        tip_pool: TipPool,
        only_chat_id: int | None = None,
        skip_chat_ids: Collection[int] = (),
    ) -> Batch:
        """Commit to sending up to ``limit`` due messages of every kind, earliest first, in one transaction,
        atomically with moving each series on (only ``only_chat_id``'s, when given; none of ``skip_chat_ids``).

        A message older than ``grace`` is recorded as missed instead of claimed.
        """
        async with self._sessions.begin() as session:
            claimer = Claimer(session, self.instances.id, now, grace)
            return await claimer.batch(limit, tip_pool, only_chat_id, skip_chat_ids)

    async def next_due_at(self, after: datetime, only_chat_id: int | None = None) -> datetime | None:
        """The earliest due instant of any kind strictly after ``after`` (only ``only_chat_id``'s, when given).

        One statement of one ``ORDER BY … LIMIT 1`` index lookup per kind, cheap enough to ask after every tick.
        """
        firsts = [
            select(series.due_column).where(series.due_column > after).order_by(series.due_column) for series in SERIES
        ]
        pending = select(Delivery.due_at_utc).where(Delivery.status == PENDING, Delivery.due_at_utc > after)
        if only_chat_id is not None:
            firsts = [first.where(Subscriber.chat_id == only_chat_id) for first in firsts]
            pending = pending.where(Delivery.chat_id == only_chat_id)
        firsts.append(pending.order_by(Delivery.due_at_utc))
        async with self._sessions() as session:
            row = (await session.execute(select(*(first.limit(1).scalar_subquery() for first in firsts)))).one()
        return min((instant for instant in row if instant is not None), default=None)

    async def peek_tip(self, chat_id: int, tip_pool: TipPool) -> str | None:
        """The tip the chat's next reminder would carry, without marking it seen; None for an unknown chat."""
        async with self._sessions() as session:
            row = await session.get(Subscriber, chat_id)
            return next_tip(tip_pool(row.tip_topics), row.tips_seen, row.tip_seed) if row else None

    async def count_scheduled(self) -> int:
        """Subscribers with a reminder scheduled (on, zone known, not blocked)."""
        async with self._sessions() as session:
            count = await session.scalar(select(func.count()).select_from(Subscriber).where(is_scheduled()))
            return int(count or 0)

    async def finish(self, finished: Sequence[Finished], now: datetime) -> None:
        """Record how claimed messages ended, in one transaction; a blocked chat is unscheduled."""
        if not finished:
            return
        async with self._sessions.begin() as session:
            await session.execute(
                update(Delivery),
                [
                    {
                        "id": item.claim.row_id,
                        "status": item.outcome.value,
                        "finished_at_utc": now,
                        "detail": item.detail[:300] if item.detail else None,
                        "message_id": item.message_id,
                    }
                    for item in finished
                ],
            )
            for item in finished:
                if item.outcome is Outcome.BLOCKED:
                    row = await session.get(Subscriber, item.claim.chat_id)
                    if row is not None:
                        await self._block(session, row, now)

    async def mark_blocked(self, chat_id: int, now: datetime) -> None:
        """Telegram answered 403 to some other message (a broadcast): unschedule the chat as a reminder would."""
        async with self._sessions.begin() as session:
            row = await session.get(Subscriber, chat_id)
            if row is not None:
                await self._block(session, row, now)

    async def _block(self, session: AsyncSession, row: Subscriber, now: datetime) -> None:
        # Kept until the person writes to us again (subscriber_row) or subscribes.
        row.blocked = True
        await self._reschedule(session, row, now)

    async def release(self, claim: Claim, now: datetime) -> None:
        """Give a claim back after a transient failure so a later tick retries it (within the grace window)."""
        async with self._sessions.begin() as session:
            if claim.kind in ONE_OFF_KINDS:
                await session.execute(
                    update(Delivery)
                    .where(Delivery.id == claim.row_id, Delivery.status == SENDING)
                    .values(status=PENDING, claimed_at_utc=None, claimed_by=None)
                )
                return
            await session.execute(delete(Delivery).where(Delivery.id == claim.row_id, Delivery.status == SENDING))
            # Only if the person changed nothing meanwhile: their new schedule wins over our retry.
            column = series_of(claim.kind).due_column
            await session.execute(
                update(Subscriber)
                .where(Subscriber.chat_id == claim.chat_id, column == claim.rescheduled_to_utc)
                .values({column: claim.due_at_utc, Subscriber.updated_at_utc: now})
            )

    async def mark_interrupted(self, now: datetime) -> int:
        """Sends cut off by a dead instance may have reached the person, so they are never retried."""
        return await mark_sending_unknown(self._sessions, Delivery, self.instances, now)

    async def prune_deliveries(self, before: datetime, batch: int = 10_000) -> int:
        """Delete delivery rows finished before ``before``, ``batch`` rows per transaction; how many.

        Keeps the log bounded (one row per person per evening, and per morning with the check-in). Pending
        and in-flight rows have no finish time and are never touched; at-most-once only needs the rows of
        dates that can still fall due, and the coaching history reads a year at most, so ``before`` must be
        older than both. The finish time is indexed, so each batch reads only what it deletes.
        """
        removed = 0
        while True:
            async with self._sessions.begin() as session:
                doomed = select(Delivery.id).where(Delivery.finished_at_utc < before).limit(batch)
                deleted = rowcount(await session.execute(delete(Delivery).where(Delivery.id.in_(doomed))))
            removed += deleted
            if deleted < batch:
                return removed

    async def deliveries(self, chat_id: int | None = None, kind: str = "reminder") -> list[tuple[int, date, str]]:
        """(chat id, local date, status) of one kind's delivery log, oldest first; for tests and tools."""
        async with self._sessions() as session:
            query = (
                select(Delivery.chat_id, Delivery.local_date, Delivery.status)
                .where(Delivery.kind == kind)
                .order_by(Delivery.id)
            )
            if chat_id is not None:
                query = query.where(Delivery.chat_id == chat_id)
            return [(row[0], row[1], row[2]) for row in (await session.execute(query)).all()]

    # --- admin --------------------------------------------------------------------------------------------

    async def stats(self, now: datetime) -> Stats:
        """Subscriber counts by state, the last 24 hours of the delivery log, and what is due but not sent."""
        on, blocked = Subscriber.reminders_on, Subscriber.blocked

        def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
            return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

        async with self._sessions() as session:
            counts = (
                await session.execute(
                    select(
                        count_if(is_scheduled()),
                        count_if(on & ~blocked & Subscriber.zone_name.is_(None)),
                        count_if(on & blocked),
                        count_if(~on),
                        count_if(Subscriber.next_due_at_utc <= now),
                    )
                )
            ).one()
            recent = await session.execute(
                select(Delivery.status, func.count())
                .where(Delivery.kind == REMINDER.kind, Delivery.finished_at_utc >= now - STATS_WINDOW)
                .group_by(Delivery.status)
            )
            by_status: dict[str, int] = {status: count for status, count in recent}
        return Stats(
            active=int(counts[0]),
            awaiting_zone=int(counts[1]),
            blocked=int(counts[2]),
            off=int(counts[3]),
            sent_24h=by_status.get(Outcome.SENT.value, 0),
            failures_24h={status: by_status.get(status, 0) for status in FAILURE_STATUSES},
            backlog=int(counts[4]),
        )
