"""PTB's sends on each HTTP transport (issue 18: at 200 concurrent requests, aiohttp ≥ 3× HTTPX, ≤ 0.5 ms CPU each).

Bare ``Bot.send_message`` calls of a reminder-sized message (text, HTML, two buttons), no rate limiter, from k
tasks at once, to the tests' fake Bot API in a child process of its own (bench/fake_server.py), which answers at
once or after a delay. For each transport — PTB's default ``HTTPXRequest`` and ``bot.server.aiohttp_request``'s
``AiohttpRequest``, each with a connection per task — it prints sends per second and this process's CPU per send,
and the aiohttp figures over the HTTPX ones measured in the same run. With no delay the client's CPU is the
limit, with 100 ms the concurrency is real (as against Telegram).

Run: python bench/bench_transport.py [--quick] [N]   (tests/ must be importable: it uses the tests' fake Bot API)
"""

from __future__ import annotations

import asyncio
import sys
import time as clock
from pathlib import Path

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.request import BaseRequest, HTTPXRequest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from fake_server import FakeServer
from machine import announce_machine
from options import size_argument

from bot.server.aiohttp_request import AiohttpRequest

TEXT = "🌙 <b>Tonight's tip</b>\n\nA warm shower before bed relaxes the legs. " * 2
BUTTONS = InlineKeyboardMarkup(
    [[InlineKeyboardButton("✅ Done", callback_data="rem:done:1"), InlineKeyboardButton("⏰ 30 min", "rem:snz:1")]]
)


def _request(transport: str, pool: int) -> BaseRequest:
    return AiohttpRequest(connection_pool_size=pool) if transport == "aiohttp" else HTTPXRequest(pool)


async def _sends(transport: str, tasks: int, count: int, delay: float) -> tuple[float, float]:
    """Sends per second and CPU ms per send of ``count`` sends from ``tasks`` tasks."""
    async with (
        FakeServer(delay) as api,
        Bot(api.token, base_url=f"{api.url}/bot", request=_request(transport, tasks)) as bot,
    ):
        left = list(range(count))

        async def task() -> None:
            while left:
                await bot.send_message(1000 + left.pop(), TEXT, parse_mode=ParseMode.HTML, reply_markup=BUTTONS)

        started, cpu = clock.monotonic(), clock.process_time()
        await asyncio.gather(*(task() for _ in range(tasks)))
        seconds, cpu = clock.monotonic() - started, clock.process_time() - cpu
    assert len(api.sends) == count, (len(api.sends), count)
    return count / seconds, cpu * 1000 / count


async def main(count: int) -> int:
    if await announce_machine() is None:
        return 1
    print(f"{count:,} bare PTB sends per row, no limiter; fake Bot API in a child process")
    print(
        f"{'answer after':>12} {'tasks':>5} {'transport':<9} {'sends/s':>8} {'CPU ms':>7} {'x httpx':>8} "
        f"{'CPU ratio':>9}"
    )
    for delay in (0.0, 0.1):
        for tasks in (8, 200):
            httpx_rate, httpx_cpu = await _sends("httpx", tasks, count, delay)
            rate, cpu = await _sends("aiohttp", tasks, count, delay)
            print(f"{delay * 1000:>9.0f} ms {tasks:>5} {'httpx':<9} {httpx_rate:>8.0f} {httpx_cpu:>7.2f}")
            print(
                f"{delay * 1000:>9.0f} ms {tasks:>5} {'aiohttp':<9} {rate:>8.0f} {cpu:>7.2f} "
                f"{rate / httpx_rate:>8.2f} {cpu / httpx_cpu:>9.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(size_argument(5_000, 400, "sends per row"))))
