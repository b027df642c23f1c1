"""Build the PTB Application: handlers, the delivery tick, the rate limiter, start-up and shutdown hooks.

The same builder serves Telegram (polling or webhook) and the console chat, which passes its own in-process
request objects instead of HTTP ones.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from telegram import Bot, BotCommand
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes
from telegram.request import BaseRequest

from bot.config import FREE_SEND_RATE, Role, Settings
from bot.content import DEFAULT_LANGUAGE, LANGUAGES, Content
from bot.delivery.broadcast import BroadcastEngine
from bot.delivery.engine import DeliveryEngine
from bot.delivery.kinds import message_kinds
from bot.delivery.sender import Sender, pacing
from bot.delivery.ticks import DeliveryTicks
from bot.handlers import EXPENSIVE_COMMANDS, register
from bot.server.fairness import ChatOrderedProcessor, ExpensiveJobs
from bot.server.metrics import Metrics
from bot.services import SERVICES_KEY, Clock, Services, utc_now
from bot.store import BroadcastStore, CoachingStore, Store, create_engine_for, session_factory
from bot.store.instances import Instances
from bot.text import strings
from bot.text.i18n import texts
from bot.text.languages import Languages

log = logging.getLogger(__name__)
# Retries inside the rate limiter when Telegram answers 429; each waits the retry_after Telegram gives.
RATE_LIMIT_RETRIES = 3
# The share of the send rate kept for answering people: a reply never waits behind a nightly batch.
REPLY_SHARE = 0.2
PRUNE_JOB_NAME = "prune-delivery-log"
RESHARE_JOB_NAME = "share-send-rate"
SHARE_SECONDS = 10
BROADCAST_TICK_JOB_NAME = "broadcast-tick"


@dataclass(frozen=True)
class BotApp:
    """The application with the parts the runner, the console and tests reach directly."""

    application: Application  # type: ignore[type-arg]
    engine: DeliveryEngine
    services: Services
    broadcaster: BroadcastEngine
    sender: Sender
    instances: Instances
    ticks: DeliveryTicks
    role: Role = "all"

    @property
    def delivers(self) -> bool:
        return self.role in ("all", "delivery")

    @property
    def answers(self) -> bool:
        return self.role in ("all", "updates")


def build_application(
    settings: Settings,
    content: Content,
    *,
    token: str,
    clock: Clock = utc_now,
    request: BaseRequest | None = None,
    deliver_only_to: int | None = None,
    role: Role = "all",
) -> BotApp:
    """The bot on an upgraded database; ``post_init`` schedules the delivery tick, ``post_stop`` drains it.

    ``request`` replaces the HTTP transport (for both API calls and getUpdates) with another BaseRequest.
    ``deliver_only_to`` (the console) sends that one chat's reminders and nothing else: the database may be
    shared with a live bot, whose subscribers, broadcasts and in-flight sends must be left alone.
    ``role`` "updates" runs no delivery engine; "delivery" takes no updates (the runner sees to that).
    """
    api_url = settings.telegram_api_url
    database = create_engine_for(settings.database_url)
    sessions = session_factory(database)
    instances = Instances(database)
    store = Store(sessions, settings.default_reminder_time, settings.default_checkin_time, instances)
    broadcasts, coaching = BroadcastStore(sessions, instances), CoachingStore(store)
    expensive = ExpensiveJobs(clock)
    builder = (
        ApplicationBuilder()
        .token(token)
        # Concurrent across chats, in order within one: nobody's chart holds up anybody else's /help.
        .concurrent_updates(ChatOrderedProcessor(expensive, EXPENSIVE_COMMANDS))
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        # Everything but paid broadcasts (which PTB limits on their own) shares Telegram's free rate.
        .rate_limiter(_rate_limiter(min(settings.send_rate, FREE_SEND_RATE)))
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    services = Services(
        settings=settings,
        content=content,
        store=store,
        clock=clock,
        metrics=Metrics(),
        broadcasts=broadcasts,
        coaching=coaching,
        languages=Languages(store),
        expensive=expensive,
    )
    # Bulk sends leave REPLY_SHARE of the free rate to replies; paid broadcasts do not use the free rate at all.
    paid = settings.allow_paid_broadcast
    sender = Sender(
        application.bot,
        bulk_rate=settings.send_rate if paid else settings.send_rate * (1 - REPLY_SHARE),
        paid_broadcast=paid,
    )
    engine = DeliveryEngine(
        sender,
        store,
        message_kinds(content, coaching),
        content.tip_pool,
        clock,
        services.metrics,
        grace=timedelta(minutes=settings.reminder_grace_minutes),
        send_rate=settings.send_rate,
        only_chat_id=deliver_only_to,
    )
    broadcaster = BroadcastEngine(sender, broadcasts, store, clock, services.metrics, send_rate=settings.send_rate)
    application.bot_data[SERVICES_KEY] = services
    register(application)
    job_queue = application.job_queue
    assert job_queue is not None  # the job-queue extra is a dependency
    ticks = DeliveryTicks(engine, job_queue, clock, timedelta(seconds=settings.tick_seconds))
    if role != "updates":
        # A change this process makes wakes its own engine; another instance's waits for the periodic tick.
        store.on_scheduled = ticks.wake_at

    async def broadcast_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
        await asyncio.shield(broadcaster.tick())  # shielded for the same reason as the reminder tick

    async def reshare(context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            sender.share(await instances.delivering())
        except SQLAlchemyError:
            log.warning("could not count the delivery instances; keeping this one's share", exc_info=True)

    async def prune(context: ContextTypes.DEFAULT_TYPE) -> None:
        before = clock() - timedelta(days=settings.delivery_retention_days)
        removed = await store.prune_deliveries(before)
        if removed:
            log.info("removed %d delivery log rows from before %s", removed, before)

    background: list[asyncio.Task[None]] = []

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        await instances.start(delivers=role != "updates" and deliver_only_to is None)
        if role != "delivery":
            await services.languages.start()  # hear other instances' deletes before trusting the cache
            # In the background: the menus need not hold up the first getUpdates.
            background.append(asyncio.create_task(register_command_menus(app.bot, content), name="command menus"))
        if role == "updates":
            return
        if deliver_only_to is None:
            await engine.recover()
            await broadcaster.recover()
        ticks.start()
        if deliver_only_to is not None:
            return
        # SEND_RATE is the whole bot's: the live delivery instances split it, and split it again when one joins
        # or dies (its lock goes with its connection), within SHARE_SECONDS.
        sender.share(await instances.delivering())
        job_queue.run_repeating(reshare, interval=SHARE_SECONDS, first=SHARE_SECONDS, name=RESHARE_JOB_NAME)
        # A broadcast drains in one long tick; a second instance returns at once (the engine's own lock)
        # instead of the scheduler logging a skipped run every interval.
        job_queue.run_repeating(
            broadcast_tick,
            interval=settings.tick_seconds,
            first=0,
            name=BROADCAST_TICK_JOB_NAME,
            job_kwargs={"max_instances": 2},
        )
        # Once a day, a minute after start: several instances pruning at once only find less to delete.
        job_queue.run_repeating(prune, interval=timedelta(days=1), first=60, name=PRUNE_JOB_NAME)

    async def post_stop(app: Application) -> None:  # type: ignore[type-arg]
        await asyncio.gather(engine.stop(), broadcaster.stop())

    async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await services.languages.stop()
        await instances.stop()
        await database.dispose()

    application.post_init = post_init
    application.post_stop = post_stop
    application.post_shutdown = post_shutdown
    return BotApp(
        application=application,
        engine=engine,
        services=services,
        broadcaster=broadcaster,
        sender=sender,
        instances=instances,
        ticks=ticks,
        role=role,
    )


def _rate_limiter(rate: float) -> AIORateLimiter:
    """PTB's limiter for every request at ``rate`` a second (any rate above 0; see bot.delivery.sender.pacing)."""
    max_rate, period = pacing(rate)
    return AIORateLimiter(overall_max_rate=max_rate, overall_time_period=period, max_retries=RATE_LIMIT_RETRIES)


async def register_command_menus(bot: Bot, content: Content) -> None:
    """The command menu in each language: English for everyone, Spanish for Telegram users set to Spanish."""
    try:
        for language in LANGUAGES:
            t = texts(language)
            commands = [
                BotCommand(name, content.fill(t(description), language, None))
                for name, description in strings.COMMAND_MENU
            ]
            await bot.set_my_commands(commands, language_code=None if language == DEFAULT_LANGUAGE else language)
    except TelegramError:
        log.warning("could not register the command menu; commands still work", exc_info=True)


async def start_application(application: Application) -> None:  # type: ignore[type-arg]
    """``initialize`` and ``post_init``, as ``run_polling`` does; our runners own the event loop instead."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)


async def stop_application(application: Application) -> None:  # type: ignore[type-arg]
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
