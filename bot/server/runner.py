"""Run the bot until SIGTERM or SIGINT: polling (default) or webhook mode, with the HTTP server when asked.

We drive PTB's lifecycle ourselves, in the order its ``run_polling`` uses, because the webhook shares its
aiohttp server with ``/healthz``, and ``/metrics`` has a server of its own (METRICS_PORT, on 127.0.0.1 unless
METRICS_HOST says otherwise). On a signal: stop taking updates, let the delivery engine finish or release what
it claimed (bounded), then exit 0.

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

from bot.app import BotApp
from bot.config import DEFAULT_HTTP_PORT, Settings
from bot.lifecycle import start_application, stop_application
from bot.store.instances import POLLING

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger(__name__)
LEADER_RETRY_SECONDS = 10.0


def webhook_secret(settings: Settings) -> str:
    """WEBHOOK_SECRET, or a random one for this run (token_urlsafe uses only characters Telegram allows)."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    return secrets.token_urlsafe(32)


async def serve(bot_app: BotApp, settings: Settings, *, secret: str) -> None:
    """Run until a stop signal; every start-up step is undone in reverse order on the way out.

    ``secret`` is the webhook secret (see ``webhook_secret``), chosen by the caller so that its logging can
    redact it.
    """
    application = bot_app.application
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    web_runners: list[web.AppRunner] = []
    try:
        await start_application(application)
        await _start_web_servers(bot_app, settings, secret, web_runners)
        await application.start()
        if not settings.webhook_url and bot_app.answers:
            await _poll_when_leading(bot_app, stop)
        await stop.wait()
        log.info("stop signal received; finishing in-flight work")
    finally:
        for web_runner in reversed(web_runners):
            await web_runner.cleanup()  # no more webhook updates, before the engines wind down
        # Stop claiming first: PTB's stop waits for a running tick, which would otherwise drain its whole batch.
        await asyncio.gather(bot_app.engine.stop(), bot_app.broadcaster.stop())
        await stop_application(application)


async def _start_web_servers(bot_app: BotApp, settings: Settings, secret: str, started: list[web.AppRunner]) -> None:
    """The webhook and /healthz server, and the /metrics server, as configured; each goes into ``started``.

    Every port is taken before the webhook is registered, so a port in use never leaves Telegram posting to a
    bot that then exits.
    """
    if not (settings.webhook_url or settings.http_port or settings.metrics_port):
        return  # aiohttp costs about 9 MiB of memory in a process that only polls
    from bot.server.web import build_metrics_app, build_web_app, start_web_server

    webhook = settings.webhook_url if bot_app.answers else None
    if webhook:
        path = urlsplit(webhook).path or "/"
        web_app = build_web_app(bot_app, mode="webhook", webhook_path=path, secret=secret)
        started.append(await start_web_server(web_app, settings.http_host, settings.http_port or DEFAULT_HTTP_PORT))
    elif settings.http_port:
        web_app = build_web_app(bot_app, mode="polling", webhook_path=None, secret=None)
        started.append(await start_web_server(web_app, settings.http_host, settings.http_port))
    if settings.metrics_port:
        metrics_app = build_metrics_app(bot_app)
        host, port = settings.metrics_host, settings.metrics_port
        started.append(
            await start_web_server(metrics_app, host, port, host_setting="METRICS_HOST", port_setting="METRICS_PORT")
        )
    if webhook:
        await bot_app.application.bot.set_webhook(webhook, secret_token=secret, allowed_updates=Update.ALL_TYPES)
        log.info("webhook mode: Telegram posts updates to %s", webhook)


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
