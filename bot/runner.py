"""Run the bot until SIGTERM or SIGINT: polling (default) or webhook mode, with the HTTP server when asked.

We drive PTB's lifecycle ourselves, in the order its ``run_polling`` uses, because the webhook shares its
aiohttp server with ``/healthz`` and ``/metrics``. On a signal: stop taking updates, let the delivery engine
finish or release what it claimed (bounded), then exit 0.

Telegram allows one ``getUpdates`` consumer per token, so of several instances polling one PostgreSQL
database only the one holding the polling lock polls; the others stand by and try again every
LEADER_RETRY_SECONDS, so one of them takes over within that time after the poller dies. In webhook mode every
instance serves. An instance with the ``delivery`` role takes no updates at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from telegram import Update

from bot.app import BotApp, start_application, stop_application
from bot.config import Settings
from bot.store.instances import POLLING

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger(__name__)
DEFAULT_HTTP_PORT = 8080
LEADER_RETRY_SECONDS = 10.0


def webhook_secret(settings: Settings) -> str:
    """WEBHOOK_SECRET, or a random one for this run (token_urlsafe uses only characters Telegram allows)."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    return secrets.token_urlsafe(32)


async def serve(bot_app: BotApp, settings: Settings) -> None:
    """Run until a stop signal; every start-up step is undone in reverse order on the way out."""
    application = bot_app.application
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    web_runner: web.AppRunner | None = None
    try:
        await start_application(application)
        if settings.webhook_url or settings.http_port:
            # Only then: aiohttp costs about 9 MiB of memory in a process that only polls.
            from bot.web import build_web_app, start_web_server
        if settings.webhook_url and bot_app.answers:
            secret = webhook_secret(settings)
            path = urlsplit(settings.webhook_url).path or "/"
            web_app = build_web_app(bot_app, mode="webhook", webhook_path=path, secret=secret)
            web_runner = await start_web_server(web_app, settings.http_host, settings.http_port or DEFAULT_HTTP_PORT)
            await application.bot.set_webhook(
                settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
            )
            log.info("webhook mode: Telegram posts updates to %s", settings.webhook_url)
        elif settings.http_port:
            web_app = build_web_app(bot_app, mode="polling", webhook_path=None, secret=None)
            web_runner = await start_web_server(web_app, settings.http_host, settings.http_port)
        await application.start()
        if not settings.webhook_url and bot_app.answers:
            await _poll_when_leading(bot_app, stop)
        await stop.wait()
        log.info("stop signal received; finishing in-flight work")
    finally:
        if web_runner is not None:
            await web_runner.cleanup()  # no more webhook updates, before the engines wind down
        # Stop claiming first: PTB's stop waits for a running tick, which would otherwise drain its whole batch.
        await asyncio.gather(bot_app.engine.stop(), bot_app.broadcaster.stop())
        await stop_application(application)


async def _poll_when_leading(bot_app: BotApp, stop: asyncio.Event) -> None:
    """Start polling once this instance holds the polling lock, or return when asked to stop first."""
    waiting_logged = False
    while not await bot_app.instances.try_lead(POLLING):
        if not waiting_logged:
            log.info("another instance is polling for updates; standing by to take over")
            waiting_logged = True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), LEADER_RETRY_SECONDS)
        if stop.is_set():
            return
    updater = bot_app.application.updater
    assert updater is not None
    await updater.start_polling(allowed_updates=Update.ALL_TYPES)
    log.info("polling mode: asking the Bot API for updates")
