"""When the iron one-offs fall due, and moving them when the person's zone or times change; private to bot.store
(bot.store.iron writes them, bot.store._schedule.reschedule moves them).

The reminder of a planned blood test is due the evening before the test, at the person's evening reminder time;
a recall is due on its day at the person's morning check-in time. Both are pending rows of the delivery log
whose local date is the test's or the recall's day; their instant follows the person's zone and times until they
are claimed.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.schedule import local_instant
from bot.core.zones import zone_from_name
from bot.store.context import StoreContext
from bot.store.models import Delivery, Subscriber
from bot.store.series import IRON_RECALL, IRON_TEST
from bot.store.statuses import PENDING

IRON_ONE_OFFS = (IRON_TEST, IRON_RECALL)


def months_after(day: date, months: int) -> date:
    """The same day of the month ``months`` later; the month's last day when it is shorter (31 Jan → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def one_off_due(row: Subscriber, kind: str, local_date: date) -> datetime:
    """The instant the iron one-off of ``kind`` for ``local_date`` falls due in the person's zone (known)."""
    assert row.zone_name is not None
    zone = zone_from_name(row.zone_name)
    if kind == IRON_TEST:
        return local_instant(local_date - timedelta(days=1), row.local_reminder_time, zone)
    return local_instant(local_date, row.local_checkin_time, zone)


async def reschedule_iron(context: StoreContext, session: AsyncSession, row: Subscriber) -> None:
    """Move the chat's pending test reminder and recall to its current zone and times. A row being claimed right
    now is skipped (it is going out as it is). An instant moved into the past goes out at the next tick, within
    the grace window, as a reminder after downtime would."""
    if row.zone_name is None:
        return
    pending = await session.scalars(
        select(Delivery)
        .where(Delivery.chat_id == row.chat_id, Delivery.kind.in_(IRON_ONE_OFFS), Delivery.status == PENDING)
        .with_for_update(skip_locked=True)
    )
    for delivery in pending:
        due_at_utc = one_off_due(row, delivery.kind, delivery.local_date)
        if due_at_utc != delivery.due_at_utc:
            delivery.due_at_utc = due_at_utc
            context.notify_scheduled(due_at_utc)
