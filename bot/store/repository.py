"""The one data-access layer: every query the handlers and the delivery engine need, one transaction each.

Schedule invariant, kept by ``_reschedule``: ``next_due_at_utc`` is set exactly when reminders are on, a zone
is known and the chat has not blocked the bot; it is never on an evening that already has a delivery row.
"""

from __future__ import annotations

import enum
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, case, delete, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.schedule import next_due, reminder_date
from bot.core.tips import next_tip, record_shown
from bot.core.zones import zone_from_name
from bot.store.models import BroadcastDelivery, Delivery, Subscriber


class Outcome(enum.StrEnum):
    """How one reminder ended; stored as the delivery row's status."""

    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"
    UNKNOWN = "unknown"  # the process or the network died mid-send: never resent, to never double


SENDING = "sending"
MISSED = "missed"
# The failures /stats counts: every final status but sent.
FAILURE_STATUSES = (Outcome.BLOCKED.value, Outcome.FAILED.value, Outcome.UNKNOWN.value, MISSED)
STATS_WINDOW = timedelta(hours=24)


def is_scheduled() -> ColumnElement[bool]:
    """Active subscribers: reminders on, zone known, not blocked (the schedule invariant makes this one test)."""
    return Subscriber.next_due_at_utc.is_not(None)


@dataclass(frozen=True)
class SubscriberView:
    """A read-only snapshot of one subscriber for handlers to show."""

    chat_id: int
    reminders_on: bool
    blocked: bool
    zone_name: str | None
    local_reminder_time: time
    next_due_at_utc: datetime | None

    @property
    def awaiting_zone(self) -> bool:
        return self.reminders_on and self.zone_name is None


@dataclass(frozen=True)
class Claim:
    """One reminder this process has committed to send: the delivery row exists with status ``sending``."""

    chat_id: int
    local_date: date
    due_at_utc: datetime
    tip_id: str
    rescheduled_to_utc: datetime | None


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
    session: AsyncSession, table: type[Delivery] | type[BroadcastDelivery], now: datetime
) -> int:
    """Settle the rows of a delivery log still ``sending`` after a crash as ``unknown``; how many there were."""
    result = await session.execute(
        update(table)
        .where(table.status == SENDING)
        .values(status=Outcome.UNKNOWN.value, finished_at_utc=now, detail="interrupted by a restart")
    )
    return rowcount(result)


def _view(row: Subscriber) -> SubscriberView:
    return SubscriberView(
        chat_id=row.chat_id,
        reminders_on=row.reminders_on,
        blocked=row.blocked,
        zone_name=row.zone_name,
        local_reminder_time=row.local_reminder_time,
        next_due_at_utc=row.next_due_at_utc,
    )


class Store:
    """Queries over one ``async_sessionmaker``; each public method is its own transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], default_reminder_time: time) -> None:
        self._sessions = sessions
        self._default_reminder_time = default_reminder_time

    # --- subscriber settings (handlers) -------------------------------------------------------------

    async def ping(self) -> None:
        """Raise if the database cannot answer a trivial query (for /healthz)."""
        async with self._sessions() as session:
            await session.execute(text("SELECT 1"))

    async def get(self, chat_id: int) -> SubscriberView | None:
        async with self._sessions() as session:
            row = await session.get(Subscriber, chat_id)
            return _view(row) if row else None

    async def subscribe(self, chat_id: int, now: datetime, local_time: time | None = None) -> SubscriberView:
        """Turn reminders on (unblocking a chat that came back), optionally at a new time."""
        async with self._sessions.begin() as session:
            row = await self._get_or_create(session, chat_id, now)
            row.reminders_on, row.blocked = True, False
            if local_time is not None:
                row.local_reminder_time = local_time
            await self._reschedule(session, row, now)
            return _view(row)

    async def unsubscribe(self, chat_id: int, now: datetime) -> SubscriberView | None:
        """Turn reminders off, keeping time and zone for a later /subscribe."""
        async with self._sessions.begin() as session:
            row = await session.get(Subscriber, chat_id)
            if row is None:
                return None
            row.reminders_on = False
            await self._reschedule(session, row, now)
            return _view(row)

    async def set_time(self, chat_id: int, local_time: time, now: datetime) -> SubscriberView:
        async with self._sessions.begin() as session:
            row = await self._get_or_create(session, chat_id, now)
            row.local_reminder_time = local_time
            await self._reschedule(session, row, now)
            return _view(row)

    async def set_zone(self, chat_id: int, zone_name: str, now: datetime) -> SubscriberView:
        async with self._sessions.begin() as session:
            row = await self._get_or_create(session, chat_id, now)
            row.zone_name = zone_name
            await self._reschedule(session, row, now)
            return _view(row)

    async def take_tip(self, chat_id: int, all_tip_ids: Sequence[str], now: datetime) -> str:
        """The next tip in this person's rotation, marked as seen."""
        async with self._sessions.begin() as session:
            row = await self._get_or_create(session, chat_id, now)
            tip_id = next_tip(all_tip_ids, row.tips_seen, row.tip_seed)
            row.tips_seen = record_shown(all_tip_ids, row.tips_seen, tip_id)
            row.updated_at_utc = now
            return tip_id

    async def _get_or_create(self, session: AsyncSession, chat_id: int, now: datetime) -> Subscriber:
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
        if not row.reminders_on or row.blocked or row.zone_name is None:
            row.next_due_at_utc = None
            return
        last_local_date = await session.scalar(
            select(func.max(Delivery.local_date)).where(Delivery.chat_id == row.chat_id)
        )
        not_before = last_local_date + timedelta(days=1) if last_local_date else None
        due = next_due(row.local_reminder_time, zone_from_name(row.zone_name), now, not_before_local_date=not_before)
        row.next_due_at_utc = due.due_at_utc

    # --- delivery engine -------------------------------------------------------------------------------

    async def due_chat_ids(self, now: datetime, limit: int, only_chat_id: int | None = None) -> list[int]:
        """Chats whose reminder is due, earliest first (only ``only_chat_id``'s, when given)."""
        query = select(Subscriber.chat_id).where(Subscriber.next_due_at_utc <= now)
        if only_chat_id is not None:
            query = query.where(Subscriber.chat_id == only_chat_id)
        async with self._sessions() as session:
            result = await session.scalars(query.order_by(Subscriber.next_due_at_utc, Subscriber.chat_id).limit(limit))
            return list(result)

    async def peek_tip(self, chat_id: int, all_tip_ids: Sequence[str]) -> str | None:
        """The tip the chat's next reminder would carry, without marking it seen; None for an unknown chat."""
        async with self._sessions() as session:
            row = await session.get(Subscriber, chat_id)
            return next_tip(all_tip_ids, row.tips_seen, row.tip_seed) if row else None

    async def count_scheduled(self) -> int:
        """Subscribers with a reminder scheduled (on, zone known, not blocked)."""
        async with self._sessions() as session:
            count = await session.scalar(select(func.count()).select_from(Subscriber).where(is_scheduled()))
            return int(count or 0)

    async def claim(self, chat_id: int, now: datetime, grace: timedelta, all_tip_ids: Sequence[str]) -> Claim | None:
        """Commit to one evening's reminder and move the schedule on, atomically.

        Returns None when there is nothing to send: the row changed under us, the evening already has a
        delivery, or the reminder is older than ``grace`` (recorded as missed).
        """
        try:
            async with self._sessions.begin() as session:
                row = await session.get(Subscriber, chat_id)
                if row is None or row.next_due_at_utc is None or row.next_due_at_utc > now:
                    return None
                assert row.zone_name is not None  # guaranteed by the schedule invariant
                zone = zone_from_name(row.zone_name)
                due_at_utc = row.next_due_at_utc
                local_date = reminder_date(due_at_utc, row.local_reminder_time, zone)
                following = next_due(
                    row.local_reminder_time, zone, now, not_before_local_date=local_date + timedelta(days=1)
                )
                row.next_due_at_utc, row.updated_at_utc = following.due_at_utc, now
                already = await session.scalar(
                    select(Delivery.id).where(Delivery.chat_id == chat_id, Delivery.local_date == local_date)
                )
                if already is not None:
                    return None
                missed = now - due_at_utc > grace
                tip_id = next_tip(all_tip_ids, row.tips_seen, row.tip_seed)
                session.add(
                    Delivery(
                        chat_id=chat_id,
                        local_date=local_date,
                        due_at_utc=due_at_utc,
                        tip_id=None if missed else tip_id,
                        status=MISSED if missed else SENDING,
                        detail=None,
                        claimed_at_utc=now,
                        finished_at_utc=now if missed else None,
                    )
                )
        except IntegrityError:
            return None  # another claimer inserted the same evening first; the unique key kept it single
        if missed:
            return None
        return Claim(chat_id, local_date, due_at_utc, tip_id, following.due_at_utc)

    async def finish(
        self, claim: Claim, outcome: Outcome, now: datetime, all_tip_ids: Sequence[str], detail: str | None
    ) -> None:
        """Record how a claimed reminder ended; a blocked chat is unscheduled, a shown tip is marked seen."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(Delivery)
                .where(Delivery.chat_id == claim.chat_id, Delivery.local_date == claim.local_date)
                .values(status=outcome.value, finished_at_utc=now, detail=detail[:300] if detail else None)
            )
            row = await session.get(Subscriber, claim.chat_id)
            if row is None:
                return
            if outcome in (Outcome.SENT, Outcome.UNKNOWN):
                row.tips_seen = record_shown(all_tip_ids, row.tips_seen, claim.tip_id)
            if outcome is Outcome.BLOCKED:
                await self._block(session, row, now)
            row.updated_at_utc = now

    async def mark_blocked(self, chat_id: int, now: datetime) -> None:
        """Telegram answered 403 to some other message (a broadcast): unschedule the chat as a reminder would."""
        async with self._sessions.begin() as session:
            row = await session.get(Subscriber, chat_id)
            if row is not None:
                await self._block(session, row, now)

    async def _block(self, session: AsyncSession, row: Subscriber, now: datetime) -> None:
        # Kept until the person writes to us again (_get_or_create) or subscribes.
        row.blocked = True
        await self._reschedule(session, row, now)

    async def release(self, claim: Claim, now: datetime) -> None:
        """Give a claim back after a transient failure so a later tick retries it (within the grace window)."""
        async with self._sessions.begin() as session:
            await session.execute(
                delete(Delivery).where(
                    Delivery.chat_id == claim.chat_id,
                    Delivery.local_date == claim.local_date,
                    Delivery.status == SENDING,
                )
            )
            # Only if the person changed nothing meanwhile: their new schedule wins over our retry.
            await session.execute(
                update(Subscriber)
                .where(
                    Subscriber.chat_id == claim.chat_id,
                    Subscriber.next_due_at_utc == claim.rescheduled_to_utc,
                )
                .values(next_due_at_utc=claim.due_at_utc, updated_at_utc=now)
            )

    async def mark_interrupted(self, now: datetime) -> int:
        """At start-up: sends cut off by a crash may have reached the person, so they are never retried."""
        async with self._sessions.begin() as session:
            return await mark_sending_unknown(session, Delivery, now)

    async def deliveries(self, chat_id: int | None = None) -> list[tuple[int, date, str]]:
        """(chat id, local date, status) of the delivery log, oldest first; for /settings, tests and tools."""
        async with self._sessions() as session:
            query = select(Delivery.chat_id, Delivery.local_date, Delivery.status).order_by(Delivery.id)
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
                .where(Delivery.finished_at_utc >= now - STATS_WINDOW)
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
