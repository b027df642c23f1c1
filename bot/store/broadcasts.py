"""Data access for admin broadcasts: drafts, confirmation with its fixed recipient list, and per-chat delivery.

Exactly-once mirrors the reminders: confirming writes one ``pending`` row per active subscriber (unique per
broadcast and chat) in the same transaction that starts the broadcast, so a restart finds the exact list; a
row is claimed (``sending``, committed) right before its message goes out; a row still ``sending`` at start-up
becomes ``unknown`` and is never resent, because Telegram may already have shown it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, exists, func, insert, literal, select, update

from bot.store._schedule import is_scheduled
from bot.store._shared import mark_sending_unknown, rowcount
from bot.store.context import StoreContext
from bot.store.models import Broadcast, BroadcastDelivery, Subscriber
from bot.store.statuses import SENDING, Outcome

PENDING = "pending"
SKIPPED = "skipped"  # the person turned reminders off (or blocked us) between confirmation and their turn
_OPEN = (PENDING, SENDING)
DETAIL_LIMIT = 300


class BroadcastStatus(enum.StrEnum):
    """Where a broadcast stands: written, going out, finished, or dropped before it went out."""

    DRAFT = "draft"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class BroadcastView:
    """A read-only snapshot of one broadcast."""

    id: int
    admin_chat_id: int
    text: str
    status: BroadcastStatus
    created_at_utc: datetime
    confirmed_at_utc: datetime | None
    progress_message_id: int | None


@dataclass(frozen=True)
class Recipient:
    """One pending delivery row: ``row_id`` orders the queue and is the claim's key."""

    row_id: int
    chat_id: int


@dataclass(frozen=True)
class BroadcastProgress:
    """Delivery rows of one broadcast counted by status."""

    broadcast_id: int
    counts: dict[str, int]

    @property
    def total(self) -> int:
        """Every recipient row, whatever its status."""
        return sum(self.counts.values())

    @property
    def remaining(self) -> int:
        """Rows not settled yet (pending, or claimed and being sent)."""
        return sum(self.counts.get(status, 0) for status in _OPEN)

    def __getitem__(self, status: str) -> int:
        return self.counts.get(status, 0)


def broadcast_view(row: Broadcast) -> BroadcastView:
    """The snapshot of one broadcast row."""
    return BroadcastView(
        id=row.id,
        admin_chat_id=row.admin_chat_id,
        text=row.text,
        status=BroadcastStatus(row.status),
        created_at_utc=row.created_at_utc,
        confirmed_at_utc=row.confirmed_at_utc,
        progress_message_id=row.progress_message_id,
    )


def _own_draft(broadcast_id: int, admin_chat_id: int) -> tuple[ColumnElement[bool], ...]:
    """Only a draft, and only by the admin who wrote it, may be confirmed or cancelled."""
    return (
        Broadcast.id == broadcast_id,
        Broadcast.admin_chat_id == admin_chat_id,
        Broadcast.status == BroadcastStatus.DRAFT.value,
    )


class BroadcastStore:
    """Broadcasts and their recipient rows, claimed in this process's instance's name; each public method is
    its own transaction."""

    def __init__(self, context: StoreContext) -> None:
        self._context = context
        self._sessions = context.sessions

    # --- the admin's side (handlers) ------------------------------------------------------------------

    async def create_draft(self, admin_chat_id: int, text: str, now: datetime) -> BroadcastView:
        """A new draft of ``admin_chat_id``'s; nothing goes out before ``confirm``."""
        async with self._sessions.begin() as session:
            row = Broadcast(
                admin_chat_id=admin_chat_id,
                text=text,
                status=BroadcastStatus.DRAFT.value,
                created_at_utc=now,
                confirmed_at_utc=None,
                finished_at_utc=None,
                progress_message_id=None,
            )
            session.add(row)
            await session.flush()
            return broadcast_view(row)

    async def confirm(self, broadcast_id: int, admin_chat_id: int, now: datetime) -> tuple[BroadcastView, bool] | None:
        """Start a draft of this admin's: the broadcast and its recipient list are written in one transaction.

        Returns the broadcast and whether this call started it (False when it was no draft any more, so a
        second tap on Confirm changes nothing), or None when no such broadcast belongs to ``admin_chat_id``.
        """
        async with self._sessions.begin() as session:
            started = await session.execute(
                update(Broadcast)
                .where(*_own_draft(broadcast_id, admin_chat_id))
                .values(status=BroadcastStatus.SENDING.value, confirmed_at_utc=now)
            )
            if rowcount(started) == 1:
                await session.execute(
                    insert(BroadcastDelivery).from_select(
                        ["broadcast_id", "chat_id", "status"],
                        select(literal(broadcast_id), Subscriber.chat_id, literal(PENDING))
                        .where(is_scheduled())
                        .order_by(Subscriber.chat_id),
                    )
                )
            row = await session.get(Broadcast, broadcast_id)
            if row is None or row.admin_chat_id != admin_chat_id:
                return None
            return broadcast_view(row), rowcount(started) == 1

    async def cancel(self, broadcast_id: int, admin_chat_id: int, now: datetime) -> BroadcastView | None:
        """Cancel a draft of this admin's; a broadcast already sending is left alone (its status tells)."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(Broadcast)
                .where(*_own_draft(broadcast_id, admin_chat_id))
                .values(status=BroadcastStatus.CANCELLED.value, finished_at_utc=now)
            )
            row = await session.get(Broadcast, broadcast_id)
            return broadcast_view(row) if row is not None and row.admin_chat_id == admin_chat_id else None

    # --- the broadcast engine -------------------------------------------------------------------------

    async def sending(self) -> list[BroadcastView]:
        """Confirmed broadcasts not finished yet, oldest first."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(Broadcast).where(Broadcast.status == BroadcastStatus.SENDING.value).order_by(Broadcast.id)
            )
            return [broadcast_view(row) for row in rows]

    async def pending(self, broadcast_id: int, after_row_id: int, limit: int) -> list[Recipient]:
        """The next pending recipients in queue order, after ``after_row_id`` (a cursor within one tick)."""
        async with self._sessions() as session:
            result = await session.execute(
                select(BroadcastDelivery.id, BroadcastDelivery.chat_id)
                .where(
                    BroadcastDelivery.broadcast_id == broadcast_id,
                    BroadcastDelivery.status == PENDING,
                    BroadcastDelivery.id > after_row_id,
                )
                .order_by(BroadcastDelivery.id)
                .limit(limit)
            )
            return [Recipient(row_id, chat_id) for row_id, chat_id in result]

    async def claim(self, recipient: Recipient, now: datetime) -> bool:
        """Commit to sending one row (pending → sending); False if it is not pending or the person left.

        Someone who turned reminders off (or blocked the bot) after the confirmation is skipped rather than
        written to: the list was fixed at confirmation, their wish is newer.
        """
        async with self._sessions.begin() as session:
            still_active = exists().where(Subscriber.chat_id == recipient.chat_id, is_scheduled())
            claimed = await session.execute(
                update(BroadcastDelivery)
                .where(BroadcastDelivery.id == recipient.row_id, BroadcastDelivery.status == PENDING, still_active)
                .values(status=SENDING, claimed_by=self._context.instances.id)
            )
            if rowcount(claimed) == 1:
                return True
            await session.execute(
                update(BroadcastDelivery)
                .where(BroadcastDelivery.id == recipient.row_id, BroadcastDelivery.status == PENDING)
                .values(status=SKIPPED, finished_at_utc=now, detail="reminders off before the broadcast reached them")
            )
            return False

    async def finish(self, recipient: Recipient, outcome: Outcome, now: datetime, detail: str | None) -> None:
        """Record how a claimed row ended."""
        await self._settle(recipient, outcome.value, now, detail)

    async def release(self, recipient: Recipient) -> None:
        """Give a claimed row back after a transient failure, for a later tick."""
        await self._settle(recipient, PENDING, None, None)

    async def _settle(self, recipient: Recipient, status: str, now: datetime | None, detail: str | None) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                update(BroadcastDelivery)
                .where(BroadcastDelivery.id == recipient.row_id, BroadcastDelivery.status == SENDING)
                .values(status=status, finished_at_utc=now, detail=detail[:DETAIL_LIMIT] if detail else None)
            )

    async def mark_interrupted(self, now: datetime) -> int:
        """Rows cut off mid-send by a dead instance may have reached the person, so they are never resent."""
        return await mark_sending_unknown(self._context, BroadcastDelivery, now)

    async def progress(self, broadcast_id: int) -> BroadcastProgress:
        """The broadcast's recipient rows counted by status."""
        async with self._sessions() as session:
            result = await session.execute(
                select(BroadcastDelivery.status, func.count())
                .where(BroadcastDelivery.broadcast_id == broadcast_id)
                .group_by(BroadcastDelivery.status)
            )
            return BroadcastProgress(broadcast_id, {status: count for status, count in result})

    async def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        """Remember the admin's progress message, so later progress edits it instead of sending another."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(Broadcast).where(Broadcast.id == broadcast_id).values(progress_message_id=message_id)
            )

    async def complete(self, broadcast_id: int, now: datetime) -> bool:
        """Mark a sending broadcast done once no row is pending or sending; True only for the call that did."""
        async with self._sessions.begin() as session:
            open_rows = exists().where(
                BroadcastDelivery.broadcast_id == broadcast_id, BroadcastDelivery.status.in_(_OPEN)
            )
            result = await session.execute(
                update(Broadcast)
                .where(Broadcast.id == broadcast_id, Broadcast.status == BroadcastStatus.SENDING.value, ~open_rows)
                .values(status=BroadcastStatus.DONE.value, finished_at_utc=now)
            )
            return rowcount(result) == 1
