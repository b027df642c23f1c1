"""What happens when the application starts and stops: PTB's post_init, post_stop and post_shutdown hooks,
and the start and stop order our runners (polling, webhook, console) share.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import Application

from bot.config import Role
from bot.content import Content
from bot.delivery.broadcast import BroadcastEngine
from bot.delivery.engine import DeliveryEngine
from bot.delivery.jobs import Upkeep
from bot.delivery.ticks import DeliveryTicks
from bot.handlers.menus import register_command_menus
from bot.services import BotApplication
from bot.store.instances import Instances
from bot.text.languages import Languages


@dataclass
class Lifecycle:
    """The start-up and shutdown of one process's parts, in the order they depend on each other.

    ``role`` "updates" runs no delivery; "delivery" answers no updates. ``console`` delivers one chat's
    messages only: it must leave a shared database's schedules, broadcasts and in-flight sends alone.
    """

    content: Content
    database: AsyncEngine
    instances: Instances
    languages: Languages
    engine: DeliveryEngine
    broadcaster: BroadcastEngine
    ticks: DeliveryTicks
    upkeep: Upkeep
    role: Role = "all"
    console: bool = False
    _background: list[asyncio.Task[None]] = field(default_factory=list)

    def install(self, application: BotApplication) -> None:
        """Make these PTB's hooks of ``application``."""
        application.post_init = self.post_init
        application.post_stop = self.post_stop
        application.post_shutdown = self.post_shutdown

    async def post_init(self, application: BotApplication) -> None:
        """Join the instance registry, hear deletes, recover cut-off sends, then start ticking."""
        await self.instances.start(delivers=self.role != "updates" and not self.console)
        if self.role != "delivery":
            await self.languages.start()  # hear other instances' deletes before trusting the cache
            # In the background: the menus need not hold up the first getUpdates.
            menus = register_command_menus(application.bot, self.content)
            self._background.append(asyncio.create_task(menus, name="command menus"))
        if self.role == "updates":
            return
        if not self.console:
            await self.engine.recover()
            await self.broadcaster.recover()
        self.ticks.start()
        if not self.console:
            await self.upkeep.start()

    async def post_stop(self, application: BotApplication) -> None:
        """Let the sends in flight finish and be recorded."""
        await asyncio.gather(self.engine.stop(), self.broadcaster.stop())

    async def post_shutdown(self, application: BotApplication) -> None:
        """Close what ``post_init`` opened, the database last."""
        for task in self._background:
            task.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)
        await self.languages.stop()
        await self.instances.stop()
        await self.database.dispose()


async def start_application(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """``initialize`` and ``post_init``, as ``run_polling`` does; our runners own the event loop instead."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)


async def stop_application(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Undo ``start_application`` and ``start`` in ``run_polling``'s order: updates first, then the engines."""
    updater = application.updater
    if updater is not None and updater.running:
        await updater.stop()
    if application.running:
        await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)
