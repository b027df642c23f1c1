"""Reads of the delivery logs that only tests need (the bot itself never lists them)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store import BroadcastView
from bot.store.broadcasts import broadcast_view
from bot.store.models import Broadcast, BroadcastDelivery, Delivery


async def delivery_log(
    sessions: async_sessionmaker[AsyncSession], chat_id: int | None = None, kind: str = "reminder"
) -> list[tuple[int, date, str]]:
    """(chat id, local date, status) of one kind's delivery log (only ``chat_id``'s, when given), oldest first."""
    async with sessions() as session:
        query = (
            select(Delivery.chat_id, Delivery.local_date, Delivery.status)
            .where(Delivery.kind == kind)
            .order_by(Delivery.id)
        )
        if chat_id is not None:
            query = query.where(Delivery.chat_id == chat_id)
        return [(row[0], row[1], row[2]) for row in (await session.execute(query)).all()]


async def broadcast_log(sessions: async_sessionmaker[AsyncSession], broadcast_id: int) -> list[tuple[int, str]]:
    """(chat id, status) of one broadcast's recipient rows in queue order."""
    async with sessions() as session:
        result = await session.execute(
            select(BroadcastDelivery.chat_id, BroadcastDelivery.status)
            .where(BroadcastDelivery.broadcast_id == broadcast_id)
            .order_by(BroadcastDelivery.id)
        )
        return [(chat_id, status) for chat_id, status in result]


async def read_broadcast(sessions: async_sessionmaker[AsyncSession], broadcast_id: int) -> BroadcastView | None:
    """The broadcast as its store shows it; None when there is no such broadcast."""
    async with sessions() as session:
        row = await session.get(Broadcast, broadcast_id)
        return broadcast_view(row) if row else None
