"""When the delivery engine ticks: every TICK_SECONDS as a safety net, and at each next due instant."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from telegram.ext import JobQueue

from bot.delivery.engine import DeliveryEngine, TickReport
from bot.services import BotContext, Clock

TICK_JOB_NAME = "delivery-tick"
START_TICK_JOB_NAME = "delivery-start"
WAKE_JOB_NAME = "delivery-wake"


class DeliveryTicks:
    """When the delivery engine ticks: every TICK_SECONDS, and once more at the next due instant whenever that
    comes before the next periodic tick, so a message goes out at its instant rather than up to a period late.

    After each tick, and whenever a change sets a due instant (``wake_at``, the stores' ``on_scheduled``), one wake job
    is queued, replaced only by a sooner one or once a tick has covered its instant. The periodic tick stays
    the safety net: for a wake that went wrong and for changes made by another instance. Whether an instant is
    sooner is decided on the injected clock; the JobQueue runs on real time, so a wake is queued as a delay.
    """

    def __init__(
        self,
        engine: DeliveryEngine,
        job_queue: JobQueue[BotContext],
        clock: Clock,
        period: timedelta,
    ) -> None:
        self._engine, self._job_queue, self._clock, self._period = engine, job_queue, clock, period
        self._planned: datetime | None = None

    def start(self) -> None:
        """Tick at once, for what fell due while the process was down, then every period (and at wakes)."""
        # Not ``run_repeating(first=0)``: that instant has passed by the time the scheduler starts, and an
        # interval trigger then waits a whole period for its first run. No misfire limit, as for a wake.
        self._job_queue.run_once(self.tick, 0, name=START_TICK_JOB_NAME, job_kwargs={"misfire_grace_time": None})
        self._job_queue.run_repeating(
            self.tick, interval=self._period, first=self._period, name=TICK_JOB_NAME, job_kwargs={"max_instances": 1}
        )

    async def tick(self, context: BotContext) -> None:
        """The job: one engine tick, then a wake queued for the next due instant it reports."""
        # Shielded: the scheduler cancels running jobs on shutdown, and a send cut off halfway is a lost
        # reminder; post_stop waits for the shielded tick instead.
        report = await asyncio.shield(self._engine.tick())
        self._wake_after(report)

    @property
    def planned_wake(self) -> datetime | None:
        """The due instant the queued wake is for; None when no wake is queued (or it has run)."""
        return self._planned if self._job_queue.get_jobs_by_name(WAKE_JOB_NAME) else None

    def wake_at(self, due_at: datetime) -> None:
        """Tick at ``due_at`` if that comes before both the next periodic tick and the wake already queued."""
        delay = due_at - self._clock()
        planned = self.planned_wake
        if delay >= self._period or (planned is not None and planned <= due_at):
            return
        self._cancel_wake()
        # No misfire limit: a wake the event loop could only run late is still wanted (APScheduler's default
        # drops a run more than a second late).
        self._job_queue.run_once(
            self.tick, max(delay, timedelta(0)), name=WAKE_JOB_NAME, job_kwargs={"misfire_grace_time": None}
        )
        self._planned = due_at

    def _wake_after(self, report: TickReport) -> None:
        if report.started_at is None:
            return  # skipped: the tick that is running plans when it ends
        planned = self.planned_wake
        if planned is not None and planned <= report.started_at:
            self._cancel_wake()  # its messages were in this tick's batch; a change made meanwhile is later
        if report.next_due_at is not None:
            self.wake_at(report.next_due_at)

    def _cancel_wake(self) -> None:
        for job in self._job_queue.get_jobs_by_name(WAKE_JOB_NAME):
            job.schedule_removal()
        self._planned = None
