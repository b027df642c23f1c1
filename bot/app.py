"""Wire the bot together: the stores, the PTB Application with its handlers, the delivery engines and their
ticks, and the start-up and shutdown hooks (bot.lifecycle).

The same builder serves Telegram (polling or webhook) and the console chat, which passes its own in-process
request objects instead of HTTP ones. Read top to bottom: settings in, one ``BotApp`` out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar, cast

from telegram.ext import ApplicationBuilder
from telegram.request import BaseRequest

from bot.config import FREE_SEND_RATE, Role, Settings
from bot.content import Content
from bot.delivery.broadcast import BroadcastEngine
from bot.delivery.engine import DeliveryEngine, parallel_sends
from bot.delivery.jobs import Upkeep
from bot.delivery.kinds import message_kinds
from bot.delivery.sender import SEND_DEFAULTS, Sender, bulk_rate, rate_limiter
from bot.delivery.ticks import DeliveryTicks
from bot.handlers import EXPENSIVE_COMMANDS, register
from bot.lifecycle import Lifecycle
from bot.server.aiohttp_request import AiohttpRequest
from bot.server.fairness import ChatOrderedProcessor, ExpensiveJobs
from bot.server.metrics import Metrics
from bot.services import CONTEXT_TYPES, SERVICES_KEY, BotApplication, Clock, Services, utc_now
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
    create_engine_for,
    session_factory,
)
from bot.text.languages import Languages


@dataclass(frozen=True)
class BotApp:
    """The application with the parts the runner, the console and tests reach directly."""

    application: BotApplication
    engine: DeliveryEngine
    services: Services
    broadcaster: BroadcastEngine
    sender: Sender
    instances: Instances
    store_context: StoreContext
    ticks: DeliveryTicks
    role: Role = "all"

    @property
    def delivers(self) -> bool:
        """Whether this process sends scheduled messages."""
        return self.role in ("all", "delivery")

    @property
    def answers(self) -> bool:
        """Whether this process takes updates."""
        return self.role in ("all", "updates")


_Builder = TypeVar("_Builder", bound=ApplicationBuilder[Any, Any, Any, Any, Any, Any])
# Connections beyond the two engines' parallel sends: replies to people, and the odd admin or upkeep call.
REPLY_CONNECTIONS = 32


def _with_transport(builder: _Builder, settings: Settings) -> _Builder:
    """The HTTP transport ``TELEGRAM_TRANSPORT`` names, with ``TELEGRAM_PROXY_URL`` if set; its pool holds a
    connection for each parallel send of the reminder and the broadcast engines, and some for replies."""
    proxy = settings.telegram_proxy_url
    if settings.telegram_transport == "httpx":
        return builder.proxy(proxy).get_updates_proxy(proxy) if proxy else builder
    pool = 2 * parallel_sends(settings.send_rate) + REPLY_CONNECTIONS
    # getUpdates is one long poll at a time, on a session of its own (as PTB's default keeps them apart).
    return builder.request(AiohttpRequest(connection_pool_size=pool, proxy=proxy)).get_updates_request(
        AiohttpRequest(connection_pool_size=1, proxy=proxy)
    )


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
    """The bot on an upgraded database; ``post_init`` starts the delivery ticks, ``post_stop`` drains them.

    ``request`` replaces the HTTP transport (for both API calls and getUpdates) with another BaseRequest.
    ``deliver_only_to`` (the console) sends that one chat's reminders and nothing else: the database may be
    shared with a live bot, whose subscribers, broadcasts and in-flight sends must be left alone.
    ``role`` "updates" runs no delivery engine; "delivery" takes no updates (the runner sees to that).
    """
    api_url = settings.telegram_api_url
    database = create_engine_for(settings.database_url)
    sessions = session_factory(database)
    instances = Instances(database)
    store_context = StoreContext(
        sessions,
        instances,
        default_reminder_time=settings.default_reminder_time,
        default_checkin_time=settings.default_checkin_time,
    )
    subscribers, deliveries = SubscriberStore(store_context), DeliveryStore(store_context)
    broadcasts, coaching = BroadcastStore(store_context), CoachingStore(store_context)
    medicines = MedicineStore(store_context)
    expensive = ExpensiveJobs(clock)
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(CONTEXT_TYPES)
        .defaults(SEND_DEFAULTS)
        # Concurrent across chats, in order within one: nobody's chart holds up anybody else's /help.
        .concurrent_updates(ChatOrderedProcessor(expensive, EXPENSIVE_COMMANDS))
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        # Everything but paid broadcasts (which PTB limits on their own) shares Telegram's free rate.
        .rate_limiter(rate_limiter(min(settings.send_rate, FREE_SEND_RATE)))
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        builder = _with_transport(builder, settings)
    # PTB's builder types its job queue with the default context even when context_types replaces it.
    application = cast(BotApplication, builder.build())
    services = Services(
        settings=settings,
        content=content,
        subscribers=subscribers,
        deliveries=deliveries,
        stats=StatsStore(store_context),
        clock=clock,
        metrics=Metrics(),
        broadcasts=broadcasts,
        coaching=coaching,
        medicines=medicines,
        iron=IronStore(store_context),
        notes=NoteStore(store_context),
        onset=OnsetStore(store_context),
        languages=Languages(subscribers, database),
        expensive=expensive,
    )
    application.bot_data[SERVICES_KEY] = services
    register(application)

    paid = settings.allow_paid_broadcast
    sender = Sender(application.bot, bulk_rate=bulk_rate(settings.send_rate, paid), paid_broadcast=paid)
    engine = DeliveryEngine(
        sender,
        deliveries,
        message_kinds(content, coaching, medicines),
        content.tip_pool,
        clock,
        services.metrics,
        grace=timedelta(minutes=settings.reminder_grace_minutes),
        send_rate=settings.send_rate,
        only_chat_id=deliver_only_to,
    )
    broadcaster = BroadcastEngine(
        sender, broadcasts, subscribers, clock, services.metrics, send_rate=settings.send_rate
    )
    job_queue = application.job_queue
    assert job_queue is not None  # the job-queue extra is a dependency
    tick = timedelta(seconds=settings.tick_seconds)
    ticks = DeliveryTicks(engine, job_queue, clock, tick)
    if role != "updates":
        # A change this process makes wakes its own engine; another instance's waits for the periodic tick.
        store_context.on_scheduled = ticks.wake_at
    upkeep = Upkeep(
        job_queue,
        sender=sender,
        instances=instances,
        broadcaster=broadcaster,
        deliveries=deliveries,
        clock=clock,
        tick=tick,
        retention=timedelta(days=settings.delivery_retention_days),
    )
    Lifecycle(
        content=content,
        database=database,
        instances=instances,
        languages=services.languages,
        engine=engine,
        broadcaster=broadcaster,
        ticks=ticks,
        upkeep=upkeep,
        role=role,
        console=deliver_only_to is not None,
    ).install(application)
    return BotApp(
        application=application,
        engine=engine,
        services=services,
        broadcaster=broadcaster,
        sender=sender,
        instances=instances,
        store_context=store_context,
        ticks=ticks,
        role=role,
    )
