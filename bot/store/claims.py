"""Claiming due scheduled messages in batches: one short transaction commits to sending many messages.

Rows are picked with ``SELECT … FOR UPDATE SKIP LOCKED … LIMIT``, so instances sharing a PostgreSQL database
take disjoint batches instead of queueing on the same first rows (SQLite has one writer and ignores it). A
series occurrence becomes a delivery row ``sending`` in one multi-row ``INSERT … ON CONFLICT DO NOTHING``: the
unique key (chat, kind, local date, slot) drops a date that already has its message, whoever wrote it. Medicine
reminders are claimed the same way from their dose times, one slot per dose time.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import Row, Select, Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.schedule import next_due, reminder_date
from bot.core.tips import TipPool, next_tip, record_shown
from bot.core.zones import zone_from_name
from bot.store.models import Delivery, DoseTime, Subscriber
from bot.store.series import DOSE, ONE_OFF_KINDS, SERIES, Series
from bot.store.statuses import CANCELLED, MISSED, PENDING, SENDING
from bot.store.views import SubscriberView, subscriber_view

_SUBSCRIBER: Table = Subscriber.__table__  # type: ignore[assignment]
_DELIVERY: Table = Delivery.__table__  # type: ignore[assignment]
_DOSE_TIME: Table = DoseTime.__table__  # type: ignore[assignment]
# A due dose time with its subscriber's columns: what composing needs, in one row.
_DUE_DOSES = select(
    DoseTime.id.label("dose_time_id"),
    DoseTime.local_time.label("dose_local_time"),
    DoseTime.next_due_at_utc.label("dose_due_at_utc"),
    *_SUBSCRIBER.c,
).join(Subscriber, Subscriber.chat_id == DoseTime.chat_id)


@dataclass(frozen=True)
class Claim:
    """One message this process has committed to send: its delivery row exists with status ``sending``."""

    kind: str
    row_id: int
    chat_id: int
    local_date: date
    due_at_utc: datetime
    tip_id: str | None
    rescheduled_to_utc: datetime | None  # series only: where the claim moved the schedule
    subscriber: SubscriberView  # as of the claim, so composing the message needs no other query
    slot: str = ""  # a medicine reminder's dose time id (and its snooze's); "" for every other kind


@dataclass(frozen=True)
class Batch:
    """What one claim transaction did: the messages to send now, and how many due rows it settled in all
    (claims, plus those recorded missed or cancelled, or dropped because their date already had a message)."""

    claims: list[Claim]
    taken: int


@dataclass(frozen=True)
class _Candidate:
    due_at_utc: datetime
    chat_id: int
    series: Series | None  # None: a dose time or a one-off
    row: Row[Any] | Delivery  # a subscriber row for a series, a due-dose row, or a pending delivery


@dataclass(frozen=True)
class _Plan:
    """Where one due series occurrence stands: its local date, the next occurrence, whether it was missed."""

    local_date: date
    following_utc: datetime
    missed: bool


class Claimer:
    """Claims due rows inside the caller's transaction, signing each with ``instance_id``."""

    def __init__(self, session: AsyncSession, instance_id: str, now: datetime, grace: timedelta) -> None:
        self._session, self._instance_id, self._now, self._grace = session, instance_id, now, grace

    async def batch(
        self, limit: int, tip_pool: TipPool, only_chat_id: int | None, skip_chat_ids: Collection[int]
    ) -> Batch:
        """Up to ``limit`` due messages of every kind, earliest first."""
        candidates: list[_Candidate] = []
        for series in SERIES:
            # Plain rows, not ORM objects: the batch is written back with one executemany UPDATE below.
            query = select(*_SUBSCRIBER.c).where(series.due_column <= self._now)
            order = (series.due_column, Subscriber.chat_id)
            rows = await self._locked(query, Subscriber.chat_id, order, only_chat_id, skip_chat_ids, limit)
            candidates += [_Candidate(series.due(row) or self._now, row.chat_id, series, row) for row in rows]
        doses = _DUE_DOSES.where(DoseTime.next_due_at_utc <= self._now)
        dose_order = (DoseTime.next_due_at_utc, DoseTime.chat_id, DoseTime.id)
        locked = await self._locked(doses, DoseTime.chat_id, dose_order, only_chat_id, skip_chat_ids, limit, DoseTime)
        for row in locked:
            candidates.append(_Candidate(row.dose_due_at_utc, row.chat_id, None, row))
        pending = select(Delivery).where(Delivery.status == PENDING, Delivery.due_at_utc <= self._now)
        order = (Delivery.due_at_utc, Delivery.id)
        for (delivery,) in await self._locked(pending, Delivery.chat_id, order, only_chat_id, skip_chat_ids, limit):
            candidates.append(_Candidate(delivery.due_at_utc, delivery.chat_id, None, delivery))
        candidates.sort(key=lambda candidate: (candidate.due_at_utc, candidate.chat_id))
        chosen = candidates[:limit]  # rows locked beyond the limit are freed untouched at commit
        claims: list[Claim] = []
        for series in SERIES:
            rows = [c.row for c in chosen if c.series is series and isinstance(c.row, Row)]
            claims += await self._claim_series(series, rows, tip_pool)
        claims += await self._claim_doses([c.row for c in chosen if c.series is None and isinstance(c.row, Row)])
        claims += await self._claim_one_offs([c.row for c in chosen if isinstance(c.row, Delivery)])
        claims.sort(key=lambda claim: (claim.due_at_utc, claim.chat_id))
        return Batch(claims, len(chosen))

    async def _locked(
        self,
        query: Select[Any],
        chat_id: Any,
        order_by: tuple[Any, ...],
        only_chat_id: int | None,
        skip_chat_ids: Collection[int],
        limit: int,
        lock_of: Any = None,
    ) -> list[Row[Any]]:
        """The first ``limit`` rows of ``query`` in due order that no other transaction holds, now locked (only
        ``lock_of``'s rows when the query joins another table: the subscriber rows stay free for the series)."""
        if only_chat_id is not None:
            query = query.where(chat_id == only_chat_id)
        if skip_chat_ids:
            query = query.where(chat_id.not_in(skip_chat_ids))
        query = query.order_by(*order_by).limit(limit).with_for_update(skip_locked=True, of=lock_of)
        return list((await self._session.execute(query)).all())

    def _plan(self, due_at_utc: datetime, local_time: time, zone: tzinfo) -> _Plan:
        local_date = reminder_date(due_at_utc, local_time, zone)
        following = next_due(local_time, zone, self._now, not_before_local_date=local_date + timedelta(days=1))
        return _Plan(local_date, following.due_at_utc, self._now - due_at_utc > self._grace)

    def _new_row(
        self, kind: str, chat_id: int, plan: _Plan, due_at_utc: datetime, tip_id: str | None, slot: str = ""
    ) -> dict[str, Any]:
        """The values of the delivery row that claims (``sending``) or records as missed one series occurrence."""
        return {
            "chat_id": chat_id,
            "kind": kind,
            "local_date": plan.local_date,
            "slot": slot,
            "due_at_utc": due_at_utc,
            "tip_id": tip_id,
            "status": MISSED if plan.missed else SENDING,
            "detail": None,
            "claimed_at_utc": self._now,
            "claimed_by": self._instance_id,
            "finished_at_utc": self._now if plan.missed else None,
        }

    async def _claim_series(self, series: Series, rows: list[Row[Any]], tip_pool: TipPool) -> list[Claim]:
        if not rows:
            return []
        now, planned = self._now, []
        for row in rows:
            due_at_utc = series.due(row)
            assert due_at_utc is not None and row.zone_name is not None  # the schedule invariant (bot.store._schedule)
            plan = self._plan(due_at_utc, series.local_time(row), zone_from_name(row.zone_name))
            pool = tip_pool(row.tip_topics) if series.takes_tip and not plan.missed else {}
            tip_id = next_tip(pool, row.tips_seen, row.tip_seed) if pool else None
            planned.append((row, plan, due_at_utc, pool, tip_id))
        values = [self._new_row(series.kind, row.chat_id, plan, due, tip_id) for row, plan, due, _, tip_id in planned]
        inserted = await self._session.execute(self._insert_new(), values)
        row_ids = {chat_id: row_id for row_id, chat_id, status, _ in inserted if status == SENDING}
        claims, moves = [], []
        for row, plan, due_at_utc, pool, tip_id in planned:
            tips_seen = row.tips_seen
            if row.chat_id in row_ids:
                if tip_id is not None:
                    # Seen once claimed: a send that then fails is not worth showing the same tip again for.
                    tips_seen = record_shown(pool, tips_seen, tip_id)
                view = series.with_due(subscriber_view(row), plan.following_utc)
                claim = Claim(
                    series.kind, row_ids[row.chat_id], row.chat_id, plan.local_date, due_at_utc, tip_id,
                    plan.following_utc, view,
                )  # fmt: skip
                claims.append(claim)
            # A missed date, or one that already had this message, moves on all the same.
            moves.append({"row_chat_id": row.chat_id, "due": plan.following_utc, "tips_seen": tips_seen})
        columns = {series.due_column.key: bindparam("due"), "tips_seen": bindparam("tips_seen"), "updated_at_utc": now}
        await self._session.execute(
            update(_SUBSCRIBER).where(_SUBSCRIBER.c.chat_id == bindparam("row_chat_id")).values(columns), moves
        )
        return claims

    async def _claim_doses(self, rows: list[Row[Any]]) -> list[Claim]:
        """Medicine reminders, one per due dose time: claimed like a series occurrence, keyed by its slot."""
        if not rows:
            return []
        planned = []
        for row in rows:
            assert row.zone_name is not None  # the schedule invariant (bot.store._schedule)
            planned.append((row, self._plan(row.dose_due_at_utc, row.dose_local_time, zone_from_name(row.zone_name))))
        values = [
            self._new_row(DOSE, row.chat_id, plan, row.dose_due_at_utc, None, str(row.dose_time_id))
            for row, plan in planned
        ]
        inserted = await self._session.execute(self._insert_new(), values)
        row_ids = {slot: row_id for row_id, _, status, slot in inserted if status == SENDING}
        claims = []
        for row, plan in planned:
            slot = str(row.dose_time_id)
            if slot in row_ids:
                view = subscriber_view(row)
                claims.append(
                    Claim(DOSE, row_ids[slot], row.chat_id, plan.local_date, row.dose_due_at_utc, None,
                          plan.following_utc, view, slot)
                )  # fmt: skip
        moves = [{"dose_time_id": row.dose_time_id, "due": plan.following_utc} for row, plan in planned]
        await self._session.execute(
            update(_DOSE_TIME)
            .where(_DOSE_TIME.c.id == bindparam("dose_time_id"))
            .values({"next_due_at_utc": bindparam("due")}),
            moves,
        )
        return claims

    def _insert_new(self) -> Any:
        """One executemany INSERT (batched into multi-row statements by SQLAlchemy) that skips taken dates."""
        dialect = postgresql if self._session.get_bind().dialect.name == "postgresql" else sqlite
        columns = _DELIVERY.c
        returned = (columns.id, columns.chat_id, columns.status, columns.slot)
        return dialect.insert(_DELIVERY).on_conflict_do_nothing().returning(*returned)

    async def _claim_one_offs(self, deliveries: list[Delivery]) -> list[Claim]:
        if not deliveries:
            return []
        now = self._now
        chat_ids = {delivery.chat_id for delivery in deliveries}
        subscribers = {
            row.chat_id: row
            for row in await self._session.scalars(select(Subscriber).where(Subscriber.chat_id.in_(chat_ids)))
        }
        claims = []
        for delivery in deliveries:
            subscriber = subscribers.get(delivery.chat_id)
            if subscriber is None or subscriber.blocked or not ONE_OFF_KINDS[delivery.kind](subscriber):
                delivery.status, delivery.finished_at_utc = CANCELLED, now
                delivery.detail = "turned off, or the chat blocked the bot, before it was due"
                continue
            missed = now - delivery.due_at_utc > self._grace
            delivery.status = MISSED if missed else SENDING
            delivery.claimed_at_utc, delivery.claimed_by = now, self._instance_id
            delivery.finished_at_utc = now if missed else None
            if not missed:
                claims.append(
                    Claim(
                        delivery.kind,
                        delivery.id,
                        delivery.chat_id,
                        delivery.local_date,
                        delivery.due_at_utc,
                        delivery.tip_id,
                        None,
                        subscriber_view(subscriber),
                        delivery.slot,
                    )
                )
        return claims
