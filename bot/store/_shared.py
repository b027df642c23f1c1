"""SQL helpers several stores share; private to bot.store (the stores' own modules import them, nothing else)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.checkins import night_problem
from bot.core.zones import zone_from_name
from bot.store.context import StoreContext
from bot.store.models import BroadcastDelivery, Delivery, Subscriber
from bot.store.statuses import SENDING, Outcome


def rowcount(result: object) -> int:
    """Rows an UPDATE or DELETE touched (every driver we use reports it)."""
    return int(getattr(result, "rowcount", 0) or 0)


async def mark_sending_unknown(
    context: StoreContext, table: type[Delivery] | type[BroadcastDelivery], now: datetime
) -> int:
    """Settle the rows of ``table`` still ``sending`` whose instance has died as ``unknown``; how many there were.

    Rows of a live instance (this one included) are left alone: it may still be waiting for Telegram's reply.
    Rows without a claimer come from before claims were signed, hence from a process that has ended.
    """
    async with context.sessions() as session:
        claimers = set(await session.scalars(select(table.claimed_by).where(table.status == SENDING).distinct()))
    signed = {claimer for claimer in claimers if claimer is not None}
    gone = await context.instances.gone(signed)
    if not gone and None not in claimers:
        return 0
    async with context.sessions.begin() as session:
        result = await session.execute(
            update(table)
            .where(table.status == SENDING, or_(table.claimed_by.in_(gone), table.claimed_by.is_(None)))
            .values(status=Outcome.UNKNOWN.value, finished_at_utc=now, detail="cut off: its process ended mid-send")
        )
        return rowcount(result)


async def recordable(session: AsyncSession, chat_id: int, night: date, now: datetime) -> bool:
    """Whether we hold the person and ``night`` passes ``night_problem`` in their zone.

    Checked in the writing transaction of every check-in answer (score, factor, onset), so that no path (a forged
    button, a stale message, a new handler) can store a night the rule refuses.
    """
    subscriber = await session.get(Subscriber, chat_id)
    if subscriber is None:
        return False
    zone = zone_from_name(subscriber.zone_name) if subscriber.zone_name else None
    return night_problem(night, now, zone) is None
