"""A person's iron results and infusions, and the one-offs of a planned blood test (the reminder the evening
before) and of a recall (ask about a new test).

Each public method is one transaction, and every query is scoped by chat id. Results and infusions are kept one
per date: a second result of the same date replaces the first (a corrected copy of the same lab report), a second
infusion of the same date is the same infusion. Both are listed oldest first, and a result's position (for
``/iron delete N``) counts in that order.

The planned test and the recall are pending rows of the delivery log (bot.store.series IRON_TEST, IRON_RECALL),
at most one of each pending per person; the delivery engine sends them at most once, and they survive restarts
because they are rows. Planning another test, or another recall, cancels the pending one; their instants follow
the person's zone and times (bot.store._iron_schedule, called from bot.store._schedule.reschedule).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.zones import zone_from_name
from bot.store._iron_schedule import months_after, one_off_due
from bot.store._schedule import subscriber_row
from bot.store._shared import rowcount
from bot.store.context import StoreContext
from bot.store.models import Delivery, IronInfusion, IronResult, Subscriber
from bot.store.series import IRON_RECALL, IRON_TEST
from bot.store.statuses import CANCELLED, PENDING

# How far ahead a blood test can be planned: a clinic books months ahead, not years.
TEST_AHEAD_MAX = timedelta(days=731)


@dataclass(frozen=True)
class IronResultView:
    """A read-only snapshot of one iron blood test, as the person copied it from the lab report."""

    id: int
    drawn_on: date
    ferritin: float | None  # ng/mL (= µg/L)
    tsat: float | None  # %
    serum_iron: float | None
    tibc: float | None
    haemoglobin: float | None  # g/dL
    morning_no_iron: bool | None  # drawn in the morning after 24 h without iron; None: not said


@dataclass(frozen=True)
class SavedResult:
    """What ``add_result`` did: the result as stored, and whether it replaced one of the same date."""

    result: IronResultView
    replaced: bool


class Planning(enum.StrEnum):
    """What planning a test or a recall did."""

    PLANNED = "planned"
    NEEDS_ZONE = "needs_zone"  # no time zone yet: there is no evening to remind on
    NOT_AHEAD = "not_ahead"  # the test is today or before: nothing left to remind of
    TOO_FAR = "too_far"  # the test is more than TEST_AHEAD_MAX away
    TOO_LATE = "too_late"  # the evening before has passed already (or its reminder went out): nothing stored
    GONE = "gone"  # a button of a chat we hold nothing about (after /delete): nothing stored


@dataclass(frozen=True)
class Planned:
    """A planned test or recall: what ``plan_test`` or ``set_recall`` did, and when the message will go out.

    ``local_date`` is the test's day (for a recall, the day of the message); ``replaced`` the day of the pending
    one it replaced, if any.
    """

    outcome: Planning
    local_date: date | None = None
    due_at_utc: datetime | None = None
    replaced: date | None = None


@dataclass(frozen=True)
class IronPlan:
    """What is planned and still to be sent, for /iron and /settings: the test's day and its reminder's instant,
    the recall's day and its instant (None when nothing is pending)."""

    test_on: date | None = None
    test_reminder_at_utc: datetime | None = None
    recall_on: date | None = None
    recall_at_utc: datetime | None = None


def _result_view(row: IronResult) -> IronResultView:
    return IronResultView(
        id=row.id,
        drawn_on=row.drawn_on,
        ferritin=row.ferritin,
        tsat=row.tsat,
        serum_iron=row.serum_iron,
        tibc=row.tibc,
        haemoglobin=row.haemoglobin,
        morning_no_iron=row.morning_no_iron,
    )


# Oldest first; two rows of a date (only a race of two saves could leave them) in the order they came.
_RESULT_ORDER = (IronResult.drawn_on, IronResult.id)


class IronStore:
    """A person's iron results, infusions, planned test and recall."""

    def __init__(self, context: StoreContext) -> None:
        self._context = context
        self._sessions = context.sessions

    # --- results ------------------------------------------------------------------------------------

    async def add_result(
        self,
        chat_id: int,
        drawn_on: date,
        now: datetime,
        *,
        ferritin: float | None = None,
        tsat: float | None = None,
        serum_iron: float | None = None,
        tibc: float | None = None,
        haemoglobin: float | None = None,
        morning_no_iron: bool | None = None,
    ) -> SavedResult:
        """Store one result; one of the same ``drawn_on`` is replaced (a corrected copy of the same report)."""
        async with self._sessions.begin() as session:
            await subscriber_row(self._context, session, chat_id, now)
            await session.flush()  # the subscriber row first: the result refers to it
            removed = await session.execute(
                delete(IronResult).where(IronResult.chat_id == chat_id, IronResult.drawn_on == drawn_on)
            )
            row = IronResult(
                chat_id=chat_id,
                drawn_on=drawn_on,
                ferritin=ferritin,
                tsat=tsat,
                serum_iron=serum_iron,
                tibc=tibc,
                haemoglobin=haemoglobin,
                morning_no_iron=morning_no_iron,
                created_at_utc=now,
            )
            session.add(row)
            await session.flush()
            return SavedResult(_result_view(row), rowcount(removed) > 0)

    async def set_morning(self, chat_id: int, drawn_on: date, morning_no_iron: bool | None) -> IronResultView | None:
        """Say whether the result of ``drawn_on`` was drawn in the morning after 24 h without iron (None: not
        sure); None when there is no such result (deleted, or a button of someone else's message)."""
        async with self._sessions.begin() as session:
            row = await session.scalar(
                select(IronResult)
                .where(IronResult.chat_id == chat_id, IronResult.drawn_on == drawn_on)
                .order_by(IronResult.id.desc())
                .limit(1)
            )
            if row is None:
                return None
            row.morning_no_iron = morning_no_iron
            return _result_view(row)

    async def results(self, chat_id: int) -> list[IronResultView]:
        """The person's results, oldest first (by the day the blood was drawn)."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(IronResult).where(IronResult.chat_id == chat_id).order_by(*_RESULT_ORDER)
            )
            return [_result_view(row) for row in rows]

    async def delete_result(self, chat_id: int, position: int) -> IronResultView | None:
        """Delete the ``position``-th result (from 1) in ``results`` order; the one deleted, or None when there is
        no such position."""
        async with self._sessions.begin() as session:
            rows = list(
                await session.scalars(select(IronResult).where(IronResult.chat_id == chat_id).order_by(*_RESULT_ORDER))
            )
            if not 1 <= position <= len(rows):
                return None
            removed = rows[position - 1]
            view = _result_view(removed)
            await session.delete(removed)
            return view

    # --- infusions ----------------------------------------------------------------------------------

    async def add_infusion(
        self, chat_id: int, given_on: date, now: datetime, *, only_known: bool = False
    ) -> bool | None:
        """Record an infusion on ``given_on``: True when recorded, False when that date has one already. With
        ``only_known`` (a button), None and nothing stored for a chat we hold nothing about (after /delete)."""
        async with self._sessions.begin() as session:
            if only_known and await session.get(Subscriber, chat_id) is None:
                return None
            await subscriber_row(self._context, session, chat_id, now)
            await session.flush()
            existing = await session.scalar(
                select(IronInfusion.id).where(IronInfusion.chat_id == chat_id, IronInfusion.given_on == given_on)
            )
            if existing is not None:
                return False
            session.add(IronInfusion(chat_id=chat_id, given_on=given_on, created_at_utc=now))
            return True

    async def delete_infusion(self, chat_id: int, given_on: date) -> bool:
        """Delete the infusion of ``given_on``; False when there is none."""
        async with self._sessions.begin() as session:
            removed = await session.execute(
                delete(IronInfusion).where(IronInfusion.chat_id == chat_id, IronInfusion.given_on == given_on)
            )
            return rowcount(removed) > 0

    async def infusions(self, chat_id: int) -> list[date]:
        """The days of the person's infusions, oldest first."""
        async with self._sessions() as session:
            days = await session.scalars(
                select(IronInfusion.given_on).where(IronInfusion.chat_id == chat_id).order_by(IronInfusion.given_on)
            )
            return list(dict.fromkeys(days))  # one per date, even if a race of two saves left two rows

    # --- the planned test and the recall ------------------------------------------------------------

    async def plan_test(self, chat_id: int, test_on: date, now: datetime) -> Planned:
        """Plan a blood test on ``test_on`` (local): its reminder goes out the evening before at the person's
        reminder time. Replaces a test planned before; refused, changing nothing, without a zone, for a day that is
        not ahead or too far ahead, or when the evening before has passed."""
        async with self._sessions.begin() as session:
            row = await self._locked_subscriber(session, chat_id, now)
            if row.zone_name is None:
                return Planned(Planning.NEEDS_ZONE)
            today = now.astimezone(zone_from_name(row.zone_name)).date()
            if test_on <= today:
                return Planned(Planning.NOT_AHEAD, test_on)
            if test_on - today > TEST_AHEAD_MAX:
                return Planned(Planning.TOO_FAR, test_on)
            due_at_utc = one_off_due(row, IRON_TEST, test_on)
            if due_at_utc <= now:
                return Planned(Planning.TOO_LATE, test_on, due_at_utc)
            return await self._plan(session, row, IRON_TEST, test_on, due_at_utc, now)

    async def cancel_test(self, chat_id: int, now: datetime) -> date | None:
        """Cancel the planned test's reminder; the test's day, or None when none was pending."""
        async with self._sessions.begin() as session:
            return await _cancel(session, chat_id, IRON_TEST, now, "the person cancelled the test")

    async def set_recall(self, chat_id: int, months: int, now: datetime, *, only_known: bool = False) -> Planned:
        """Ask about a new iron test ``months`` months from today, at the person's check-in time; replaces a
        pending recall. NEEDS_ZONE without a zone; with ``only_known`` (a button), GONE for a chat we hold nothing
        about."""
        async with self._sessions.begin() as session:
            if only_known and await session.get(Subscriber, chat_id) is None:
                return Planned(Planning.GONE)
            row = await self._locked_subscriber(session, chat_id, now)
            if row.zone_name is None:
                return Planned(Planning.NEEDS_ZONE)
            recall_on = months_after(now.astimezone(zone_from_name(row.zone_name)).date(), months)
            due_at_utc = one_off_due(row, IRON_RECALL, recall_on)
            return await self._plan(session, row, IRON_RECALL, recall_on, due_at_utc, now)

    async def cancel_recall(self, chat_id: int, now: datetime) -> date | None:
        """Turn the pending recall off; its day, or None when none was pending."""
        async with self._sessions.begin() as session:
            return await _cancel(session, chat_id, IRON_RECALL, now, "the person turned the recall off")

    async def planned(self, chat_id: int) -> IronPlan:
        """The pending test reminder and recall, for /iron and /settings."""
        async with self._sessions() as session:
            rows = await session.execute(
                select(Delivery.kind, Delivery.local_date, Delivery.due_at_utc)
                .where(
                    Delivery.chat_id == chat_id, Delivery.kind.in_((IRON_TEST, IRON_RECALL)), Delivery.status == PENDING
                )
                .order_by(Delivery.due_at_utc)
            )
            pending = {kind: (local_date, due_at_utc) for kind, local_date, due_at_utc in rows}
        test_on, test_at = pending.get(IRON_TEST, (None, None))
        recall_on, recall_at = pending.get(IRON_RECALL, (None, None))
        return IronPlan(test_on, test_at, recall_on, recall_at)

    async def _locked_subscriber(self, session: AsyncSession, chat_id: int, now: datetime) -> Subscriber:
        """The chat's row, locked on PostgreSQL so that two plans of one chat take turns (one pending at a time)."""
        await session.execute(select(Subscriber.chat_id).where(Subscriber.chat_id == chat_id).with_for_update())
        row = await subscriber_row(self._context, session, chat_id, now)
        await session.flush()
        return row

    async def _plan(
        self, session: AsyncSession, row: Subscriber, kind: str, local_date: date, due_at_utc: datetime, now: datetime
    ) -> Planned:
        """Make the one-off of ``kind`` for ``local_date`` the pending one: any other pending one of the kind is
        cancelled; a row of that date cancelled before is made pending again (the delivery log's key is unique
        per date); a row of that date that was sent already refuses (TOO_LATE)."""
        existing = await session.scalar(
            select(Delivery).where(
                Delivery.chat_id == row.chat_id,
                Delivery.kind == kind,
                Delivery.local_date == local_date,
                Delivery.slot == "",
            )
        )
        if existing is not None and existing.status not in (PENDING, CANCELLED):
            return Planned(Planning.TOO_LATE, local_date, existing.due_at_utc)
        others = await session.scalars(
            select(Delivery).where(
                Delivery.chat_id == row.chat_id,
                Delivery.kind == kind,
                Delivery.status == PENDING,
                Delivery.local_date != local_date,
            )
        )
        replaced = None
        for other in others:
            other.status, other.finished_at_utc, other.detail = CANCELLED, now, "replaced by a new plan"
            replaced = other.local_date
        if existing is None:
            session.add(
                Delivery(
                    chat_id=row.chat_id,
                    kind=kind,
                    local_date=local_date,
                    slot="",
                    due_at_utc=due_at_utc,
                    tip_id=None,
                    status=PENDING,
                )
            )
        else:
            existing.status, existing.due_at_utc = PENDING, due_at_utc
            existing.detail = existing.claimed_at_utc = existing.claimed_by = existing.finished_at_utc = None
        self._context.notify_scheduled(due_at_utc)
        return Planned(Planning.PLANNED, local_date, due_at_utc, replaced)


async def _cancel(session: AsyncSession, chat_id: int, kind: str, now: datetime, detail: str) -> date | None:
    pending = list(
        await session.scalars(
            select(Delivery).where(Delivery.chat_id == chat_id, Delivery.kind == kind, Delivery.status == PENDING)
        )
    )
    for row in pending:
        row.status, row.finished_at_utc, row.detail = CANCELLED, now, detail
    return pending[0].local_date if pending else None
