"""The delivery side's periodic upkeep, run by PTB's JobQueue: the broadcast tick, the send-rate share among
delivery instances, and pruning the delivery log. (The delivery engine's own ticks are in bot.delivery.ticks.)
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from telegram.ext import JobQueue

from bot.delivery.broadcast import BroadcastEngine
from bot.delivery.sender import Sender
from bot.services import BotContext, Clock
from bot.store import DeliveryStore
from bot.store.instances import Instances

log = logging.getLogger(__name__)
PRUNE_JOB_NAME = "prune-delivery-log"
RESHARE_JOB_NAME = "share-send-rate"
BROADCAST_TICK_JOB_NAME = "broadcast-tick"
# How often a delivery instance recounts the live ones and takes its share of the send rate.
SHARE_SECONDS = 10
# Once a day, a minute after start: several instances pruning at once only find less to delete.
PRUNE_FIRST_SECONDS = 60


class Upkeep:
    """The periodic jobs of a delivering instance (not the console, which delivers one chat's messages only)."""

    def __init__(
        self,
        job_queue: JobQueue[BotContext],
        *,
        sender: Sender,
        instances: Instances,
        broadcaster: BroadcastEngine,
        deliveries: DeliveryStore,
        clock: Clock,
        tick: timedelta,
        retention: timedelta,
    ) -> None:
        self._job_queue, self._sender, self._instances = job_queue, sender, instances
        self._broadcaster, self._deliveries, self._clock = broadcaster, deliveries, clock
        self._tick, self._retention = tick, retention

    async def start(self) -> None:
        """Take this instance's share of the send rate now, then schedule the three jobs."""
        # SEND_RATE is the whole bot's: the live delivery instances split it, and split it again when one joins
        # or dies (its lock goes with its connection), within SHARE_SECONDS.
        self._sender.share(await self._instances.delivering())
        jobs = self._job_queue
        jobs.run_repeating(self._reshare, interval=SHARE_SECONDS, first=SHARE_SECONDS, name=RESHARE_JOB_NAME)
        # A broadcast drains in one long tick; a second instance returns at once (the engine's own lock)
        # instead of the scheduler logging a skipped run every interval.
        jobs.run_repeating(
            self._broadcast_tick,
            interval=self._tick,
            first=0,
            name=BROADCAST_TICK_JOB_NAME,
            job_kwargs={"max_instances": 2},
        )
        jobs.run_repeating(self._prune, interval=timedelta(days=1), first=PRUNE_FIRST_SECONDS, name=PRUNE_JOB_NAME)

    async def _broadcast_tick(self, context: BotContext) -> None:
        await asyncio.shield(self._broadcaster.tick())  # shielded for the same reason as the delivery tick

    async def _reshare(self, context: BotContext) -> None:
        try:
            self._sender.share(await self._instances.delivering())
        except SQLAlchemyError:
            log.warning("could not count the delivery instances; keeping this one's share", exc_info=True)

    async def _prune(self, context: BotContext) -> None:
        before = self._clock() - self._retention
        removed = await self._deliveries.prune(before)
        if removed:
            log.info("removed %d delivery log rows from before %s", removed, before)
