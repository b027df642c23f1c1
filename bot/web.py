"""The HTTP side of the bot (aiohttp): the Telegram webhook, ``/healthz`` and ``/metrics``.

Webhook requests must carry Telegram's ``X-Telegram-Bot-Api-Secret-Token`` header with our secret; anything
else is refused with 403 before it reaches a handler. Accepted updates go into PTB's update queue, so they
run through exactly the same handlers as in polling mode.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from telegram import Update

from bot.app import BotApp

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Ticks run every TICK_SECONDS (≤ 60); two minutes without one means the delivery engine is stuck.
MAX_TICK_AGE = timedelta(minutes=2)
DATABASE_PING_TIMEOUT = 5.0


def build_web_app(bot_app: BotApp, *, mode: str, webhook_path: str | None, secret: str | None) -> web.Application:
    """Routes for health and metrics, plus the webhook when ``webhook_path`` is given."""
    web_app = web.Application(client_max_size=1024 * 1024)
    started_at = bot_app.services.clock()

    async def healthz(request: web.Request) -> web.Response:
        services = bot_app.services
        now = services.clock()
        try:
            await asyncio.wait_for(services.store.ping(), DATABASE_PING_TIMEOUT)
            database_ok = True
        except Exception:  # any failure to answer means unhealthy; the reason goes to the log
            log.warning("health check: the database did not answer", exc_info=True)
            database_ok = False
        last_tick = bot_app.engine.last_tick_at
        tick_age = now - (last_tick or started_at)
        # An instance that only answers updates runs no delivery engine, so no tick can be late there.
        healthy = database_ok and (tick_age <= MAX_TICK_AGE or not bot_app.delivers)
        body = {
            "status": "ok" if healthy else "unhealthy",
            "database": "ok" if database_ok else "unreachable",
            "seconds_since_last_tick": round(tick_age.total_seconds(), 1) if last_tick else None,
            "mode": mode,
            "role": bot_app.role,
        }
        return web.json_response(body, status=200 if healthy else 503)

    async def metrics(request: web.Request) -> web.Response:
        output = bot_app.services.metrics.render()
        return web.Response(body=output, headers={"Content-Type": CONTENT_TYPE_LATEST})

    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/metrics", metrics)
    if webhook_path is not None and secret is not None:
        web_app.router.add_post(webhook_path, _webhook_handler(bot_app, secret))
    return web_app


def _webhook_handler(bot_app: BotApp, secret: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    application = bot_app.application

    async def webhook(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.json_response({"ok": False, "error": "forbidden"}, status=403)
        try:
            payload = await request.json(loads=json.loads)
            well_formed = isinstance(payload, dict) and isinstance(payload.get("update_id"), int)
            update = Update.de_json(payload, application.bot) if well_formed else None
        except (ValueError, TypeError, KeyError):
            update = None
        if update is None:
            return web.json_response({"ok": False, "error": "malformed update"}, status=400)
        await application.update_queue.put(update)
        return web.json_response({"ok": True})

    return webhook


async def start_web_server(web_app: web.Application, host: str, port: int) -> web.AppRunner:
    """Serve ``web_app``; the caller cleans the returned runner up on shutdown."""
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    log.info("HTTP server listening on %s:%d", host, port)
    return runner
