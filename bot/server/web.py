"""The HTTP side of the bot (aiohttp): the Telegram webhook and ``/healthz`` on one server, ``/metrics`` on another.

Webhook requests must carry Telegram's ``X-Telegram-Bot-Api-Secret-Token`` header with our secret; anything
else is refused with 403 before it reaches a handler, and a body that is not a Telegram update gets 400.
Accepted updates go into PTB's update queue, so they run through exactly the same handlers as in polling mode.

The webhook server usually faces the internet (behind a proxy, or on 0.0.0.0); ``/metrics`` tells anyone who
can read it how many people use the bot and when, so it has its own server, on the loopback interface unless
METRICS_HOST says otherwise.
"""

from __future__ import annotations

import asyncio
import errno
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from telegram import Bot, Update

from bot.app import BotApp
from bot.config import OperatorError

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Ticks run every TICK_SECONDS (≤ 60); two minutes without one means the delivery engine is stuck.
MAX_TICK_AGE = timedelta(minutes=2)
DATABASE_PING_TIMEOUT = 5.0
# Telegram's updates are a few KiB; a megabyte leaves room for long messages and big polls.
MAX_UPDATE_BYTES = 1024 * 1024
# Telegram's update ids are positive and fit 64 bits; a larger integer would overflow wherever it is stored.
MAX_UPDATE_ID = 2**63 - 1


def build_web_app(bot_app: BotApp, *, mode: str, webhook_path: str | None, secret: str | None) -> web.Application:
    """``/healthz``, plus the webhook when ``webhook_path`` is given."""
    # request.read() refuses a longer body (HTTPRequestEntityTooLarge); the webhook answers that with 400.
    web_app = web.Application(client_max_size=MAX_UPDATE_BYTES)
    started_at = bot_app.services.clock()

    async def healthz(request: web.Request) -> web.Response:
        services = bot_app.services
        now = services.clock()
        try:
            await asyncio.wait_for(services.subscribers.ping(), DATABASE_PING_TIMEOUT)
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

    web_app.router.add_get("/healthz", healthz)
    if webhook_path is not None and secret is not None:
        web_app.router.add_post(webhook_path, _webhook_handler(bot_app, secret))
    return web_app


def build_metrics_app(bot_app: BotApp) -> web.Application:
    """``/metrics`` alone, for the metrics server."""
    web_app = web.Application()

    async def metrics(request: web.Request) -> web.Response:
        output = bot_app.services.metrics.render()
        return web.Response(body=output, headers={"Content-Type": CONTENT_TYPE_LATEST})

    web_app.router.add_get("/metrics", metrics)
    return web_app


def _webhook_handler(bot_app: BotApp, secret: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    application = bot_app.application

    async def webhook(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.json_response({"ok": False, "error": "forbidden"}, status=403)
        update = await _read_update(request, application.bot)
        if update is None:
            return web.json_response({"ok": False, "error": "malformed update"}, status=400)
        await application.update_queue.put(update)
        return web.json_response({"ok": True})

    return webhook


async def _read_update(request: web.Request, bot: Bot) -> Update | None:
    """The update in the request's body, or None (logged, without the body) when the body is not one."""
    try:
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        # 400 like any other body that is not an update: the sender is Telegram, or someone who has the secret.
        log.warning("webhook: refused a body over %d bytes", MAX_UPDATE_BYTES)
        return None
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, or nested deeper than Python recurses
        log.warning("webhook: refused a body that is not JSON (%s)", type(exc).__name__)
        return None
    if not _looks_like_an_update(payload):
        log.warning("webhook: refused JSON that is not an object with an integer update_id")
        return None
    try:
        return Update.de_json(payload, bot)
    except Exception as exc:  # PTB's parsers trust Telegram's schema: a field of another shape fails in any way
        log.warning("webhook: refused an update whose fields are not Telegram's (%s)", type(exc).__name__)
        return None


def _looks_like_an_update(payload: object) -> bool:
    if not isinstance(payload, dict):
        return False
    update_id = payload.get("update_id")
    # type(...) is int: JSON's true and false arrive as bools, which are ints to Python.
    return type(update_id) is int and 0 <= update_id <= MAX_UPDATE_ID


async def start_web_server(
    web_app: web.Application, host: str, port: int, *, host_setting: str = "HTTP_HOST", port_setting: str = "HTTP_PORT"
) -> web.AppRunner:
    """Serve ``web_app``; the caller cleans the returned runner up on shutdown.

    A port that cannot be had is an OperatorError naming ``port_setting`` (or ``host_setting``), so the operator
    is never sent to look at the database or the Bot API.
    """
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        await runner.cleanup()
        raise OperatorError(_listen_problem(exc, host, port, host_setting, port_setting)) from exc
    log.info("HTTP server listening on %s:%d", host, port)
    return runner


def _listen_problem(exc: OSError, host: str, port: int, host_setting: str, port_setting: str) -> str:
    """One line for a failed listen, naming the setting to change."""
    if exc.errno == errno.EADDRINUSE:
        return (
            f"{port_setting}={port} is already in use on {host}: another program (or another rls-coach) listens "
            f"there. Stop it, or choose a free port with {port_setting}."
        )
    if exc.errno == errno.EACCES:
        return (
            f"{port_setting}={port}: not allowed to listen on {host}:{port}. Below 1024 only root may; choose another."
        )
    reason = exc.strerror or type(exc).__name__
    return (
        f"could not listen on {host}:{port} ({reason}). Check {host_setting} (an address of this machine, such as "
        f"0.0.0.0 or 127.0.0.1) and {port_setting}."
    )
