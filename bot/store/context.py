"""What every store of one database shares, built once per process and handed to each store.

One value rather than a parameter list per store: the stores cannot be built with different session factories
or instance registries, the defaults of a new subscriber row are the same whichever store creates the row, and
a due instant set through any of them (a settings change, a snooze, a block) reaches the one ``on_scheduled``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from datetime import datetime, time

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.instances import Instances


@dataclass
class StoreContext:
    """The session factory, this process's instance registry, new subscribers' defaults and the due-instant hook.

    Every store is built as ``SomeStore(context)``.
    """

    sessions: async_sessionmaker[AsyncSession]
    # Signs this process's claims and tells which other claimers are gone; required (bot.store.instances).
    instances: Instances
    _: KW_ONLY
    # The local times a subscriber row starts with when a chat first writes (the operator's settings).
    default_reminder_time: time
    default_checkin_time: time = time(8, 0)
    # Told every due instant a change sets, so the delivery engine can wake for it (bot.app registers it).
    on_scheduled: Callable[[datetime], None] | None = field(default=None, init=False)

    def notify_scheduled(self, due_at_utc: datetime) -> None:
        """Tell ``on_scheduled`` that a message now falls due at ``due_at_utc``.

        Called inside the transaction that sets it, before the commit: a wake that runs before the commit finds
        nothing, and the periodic tick sends the message, as it did before there was an observer.
        """
        if self.on_scheduled is not None:
            self.on_scheduled(due_at_utc)
