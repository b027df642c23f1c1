"""The delivery queue the delivery engine drains: claiming due scheduled messages (bot.store.claims), recording
how they ended, handing back the ones to retry, settling a dead instance's sends, and pruning the log.

Each public method is one transaction. At-most-once rests on the delivery log's unique key (chat, kind, local
date, slot) and on the claim being committed before the message goes out (bot.delivery.engine).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update

from bot.core.tips import TipPool
from bot.store._schedule import block, is_scheduled
from bot.store._shared import mark_sending_unknown, rowcount
from bot.store.claims import Batch, Claim, Claimer
from bot.store.context import StoreContext
from bot.store.models import Delivery, DoseTime, Subscriber
from bot.store.series import DOSE, ONE_OFF_KINDS, SERIES, series_of
from bot.store.statuses import PENDING, SENDING, Outcome


@dataclass(frozen=True)
class Finished:
    """How one claimed message ended, for ``DeliveryStore.finish``."""

    claim: Claim
    outcome: Outcome
    detail: str | None = None
    message_id: int | None = None


class DeliveryStore:
    """Due scheduled messages of every kind (series and one-offs), claimed in this process's instance's name."""

    def __init__(self, context: StoreContext) -> None:
        self._context = context
        self._sessions = context.sessions

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
            claimer = Claimer(session, self._context.instances.id, now, grace)
            return await claimer.batch(limit, tip_pool, only_chat_id, skip_chat_ids)

    async def next_due_at(self, after: datetime, only_chat_id: int | None = None) -> datetime | None:
        """The earliest due instant of any kind strictly after ``after`` (only ``only_chat_id``'s, when given).

        One statement of one ``ORDER BY … LIMIT 1`` index lookup per kind, cheap enough to ask after every tick.
        """
        firsts = [
            select(series.due_column).where(series.due_column > after).order_by(series.due_column) for series in SERIES
        ]
        doses = select(DoseTime.next_due_at_utc).where(DoseTime.next_due_at_utc > after)
        pending = select(Delivery.due_at_utc).where(Delivery.status == PENDING, Delivery.due_at_utc > after)
        if only_chat_id is not None:
            firsts = [first.where(Subscriber.chat_id == only_chat_id) for first in firsts]
            doses = doses.where(DoseTime.chat_id == only_chat_id)
            pending = pending.where(Delivery.chat_id == only_chat_id)
        firsts.append(doses.order_by(DoseTime.next_due_at_utc))
        firsts.append(pending.order_by(Delivery.due_at_utc))
        async with self._sessions() as session:
            row = (await session.execute(select(*(first.limit(1).scalar_subquery() for first in firsts)))).one()
        return min((instant for instant in row if instant is not None), default=None)

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
                        await block(self._context, session, row, now)

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
            if claim.kind == DOSE:
                await session.execute(
                    update(DoseTime)
                    .where(DoseTime.id == int(claim.slot), DoseTime.next_due_at_utc == claim.rescheduled_to_utc)
                    .values(next_due_at_utc=claim.due_at_utc)
                )
                return
            column = series_of(claim.kind).due_column
            await session.execute(
                update(Subscriber)
                .where(Subscriber.chat_id == claim.chat_id, column == claim.rescheduled_to_utc)
                .values({column: claim.due_at_utc, Subscriber.updated_at_utc: now})
            )

    async def mark_interrupted(self, now: datetime) -> int:
        """Sends cut off by a dead instance may have reached the person, so they are never retried."""
        return await mark_sending_unknown(self._context, Delivery, now)

    async def prune(self, before: datetime, batch: int = 10_000) -> int:
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
