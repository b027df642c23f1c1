"""The figures behind the admin's /stats: subscribers by state, the last day of evening reminders, the backlog."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, case, func, select

from bot.store._schedule import is_scheduled
from bot.store.context import StoreContext
from bot.store.models import Delivery, Subscriber
from bot.store.series import REMINDER
from bot.store.statuses import FAILURE_STATUSES, Outcome

STATS_WINDOW = timedelta(hours=24)


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


class StatsStore:
    """Read-only counts over subscribers and the delivery log, for the admin."""

    def __init__(self, context: StoreContext) -> None:
        self._sessions = context.sessions

    async def figures(self, now: datetime) -> Stats:
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
