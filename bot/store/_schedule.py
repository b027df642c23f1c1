"""A subscriber's row and the schedule of its series, written the same way by every store that writes the row;
private to bot.store (the subscriber, delivery and coaching stores).

A *series* (the evening reminder, the morning check-in) keeps its local time and next due instant on the
subscriber row. Schedule invariant, kept by ``reschedule``: a series' next due instant is set exactly when
it is on, a zone is known and the chat has not blocked the bot; it is never on a local date that already has
a delivery row of that kind. A medicine's dose times follow the same invariant, with "on" meaning the medicine is
taken and its reminders are on. A *one-off* (a snooze) waits in the delivery log as ``pending`` until due.
Every due instant ``reschedule`` sets is told to the context's ``on_scheduled``.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.schedule import next_due
from bot.core.summaries import DEFAULT_WEEKLY_DAY
from bot.core.zones import zone_from_name
from bot.store._iron_schedule import reschedule_iron
from bot.store.context import StoreContext
from bot.store.models import Delivery, DoseTime, Medicine, Subscriber
from bot.store.series import DOSE, SERIES, Series


def is_scheduled() -> ColumnElement[bool]:
    """Active subscribers: reminders on, zone known, not blocked (the schedule invariant makes this one test)."""
    return Subscriber.next_due_at_utc.is_not(None)


async def subscriber_row(context: StoreContext, session: AsyncSession, chat_id: int, now: datetime) -> Subscriber:
    """The chat's row in ``session``, created with the context's defaults on its first write."""
    row = await session.get(Subscriber, chat_id)
    if row is None:
        row = Subscriber(
            chat_id=chat_id,
            reminders_on=False,
            blocked=False,
            zone_name=None,
            local_reminder_time=context.default_reminder_time,
            next_due_at_utc=None,
            tip_seed=secrets.randbits(62),
            tips_seen=[],
            checkin_on=False,
            local_checkin_time=context.default_checkin_time,
            next_checkin_at_utc=None,
            weekly_day=DEFAULT_WEEKLY_DAY,
            language=None,
            tip_topics=None,
            created_at_utc=now,
            updated_at_utc=now,
        )
        session.add(row)
    elif row.blocked:
        # The person writes to us again, so they unblocked the bot: resume what they had set up.
        row.blocked = False
        await reschedule(context, session, row, now)
    return row


async def reschedule(context: StoreContext, session: AsyncSession, row: Subscriber, now: datetime) -> None:
    """Set every series' next due instant on ``row`` as the schedule invariant demands, after a change to it."""
    row.updated_at_utc = now
    for series in SERIES:
        await _reschedule_series(context, session, series, row, now)
    await reschedule_doses(context, session, row, now)
    await reschedule_iron(context, session, row)  # a planned blood test's reminder and a recall follow the zone


async def reschedule_doses(
    context: StoreContext, session: AsyncSession, row: Subscriber, now: datetime, medicine_id: int | None = None
) -> None:
    """Set the next due instant of every dose time of the chat (of one medicine, when given) as the invariant
    demands, after a change to the subscriber or to the medicine."""
    query = (
        select(DoseTime, Medicine.reminders_on, Medicine.stopped_on)
        .join(Medicine, Medicine.id == DoseTime.medicine_id)
        .where(DoseTime.chat_id == row.chat_id)
    )
    if medicine_id is not None:
        query = query.where(DoseTime.medicine_id == medicine_id)
    for dose_time, reminders_on, stopped_on in (await session.execute(query)).all():
        if not reminders_on or stopped_on is not None or row.blocked or row.zone_name is None:
            dose_time.next_due_at_utc = None
            continue
        last_local_date = await session.scalar(
            select(func.max(Delivery.local_date)).where(
                Delivery.chat_id == row.chat_id, Delivery.kind == DOSE, Delivery.slot == str(dose_time.id)
            )
        )
        not_before = last_local_date + timedelta(days=1) if last_local_date else None
        due = next_due(dose_time.local_time, zone_from_name(row.zone_name), now, not_before_local_date=not_before)
        dose_time.next_due_at_utc = due.due_at_utc
        context.notify_scheduled(due.due_at_utc)


async def block(context: StoreContext, session: AsyncSession, row: Subscriber, now: datetime) -> None:
    """The chat blocked the bot: nothing is scheduled for it until it writes to us again (``subscriber_row``) or
    subscribes."""
    row.blocked = True
    await reschedule(context, session, row, now)


async def _reschedule_series(
    context: StoreContext, session: AsyncSession, series: Series, row: Subscriber, now: datetime
) -> None:
    if not series.is_on(row) or row.blocked or row.zone_name is None:
        series.set_due(row, None)
        return
    last_local_date = await session.scalar(
        select(func.max(Delivery.local_date)).where(Delivery.chat_id == row.chat_id, Delivery.kind == series.kind)
    )
    not_before = last_local_date + timedelta(days=1) if last_local_date else None
    due = next_due(series.local_time(row), zone_from_name(row.zone_name), now, not_before_local_date=not_before)
    series.set_due(row, due.due_at_utc)
    context.notify_scheduled(due.due_at_utc)
