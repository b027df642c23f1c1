"""Every store over one test database, built as bot.app builds them, for tests that run without the application."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.store import (
    BroadcastStore,
    CoachingStore,
    DeliveryStore,
    Instances,
    IronStore,
    MedicineStore,
    NoteStore,
    OnsetStore,
    StatsStore,
    StoreContext,
    SubscriberStore,
)
from bot.store.db import engine_of


@dataclass(frozen=True)
class Stores:
    """One StoreContext and each store built from it."""

    context: StoreContext
    subscribers: SubscriberStore
    deliveries: DeliveryStore
    stats: StatsStore
    broadcasts: BroadcastStore
    coaching: CoachingStore
    medicines: MedicineStore
    iron: IronStore
    notes: NoteStore
    onset: OnsetStore

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        """The session factory of the stores' database, for tests that read or write rows themselves."""
        return self.context.sessions

    @property
    def engine(self) -> AsyncEngine:
        """The engine of the stores' database."""
        return engine_of(self.context.sessions)


def open_stores(
    sessions: async_sessionmaker[AsyncSession], instances: Instances | None = None, reminder_time: time = time(21, 0)
) -> Stores:
    """The stores over ``sessions``, claiming as ``instances`` (by default a new one: as a new process would)."""
    registry = instances if instances is not None else Instances(engine_of(sessions))
    context = StoreContext(sessions, registry, default_reminder_time=reminder_time)
    return Stores(
        context=context,
        subscribers=SubscriberStore(context),
        deliveries=DeliveryStore(context),
        stats=StatsStore(context),
        broadcasts=BroadcastStore(context),
        coaching=CoachingStore(context),
        medicines=MedicineStore(context),
        iron=IronStore(context),
        notes=NoteStore(context),
        onset=OnsetStore(context),
    )
