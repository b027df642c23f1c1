"""Memory at N subscribers and start-up time of the real bot against PTB's per-chat JobQueue pattern (issue 8,
target 6: RSS ≥ 5× smaller than the JobQueue pattern in the same run; start-up to the first getUpdates < 1.5 s).

Each figure comes from its own process, so nothing is shared; the parent reads VmRSS (and the peak, VmHWM) from
``/proc/<pid>/status`` a few seconds after the process is up, then sends SIGTERM:

* **bot**: ``rls-coach run`` (polling, default settings, LOG_LEVEL=WARNING) against a fresh PostgreSQL database
  holding N subscribed people, none due, and a fake Bot API (tests/support/fake_bot_api.py) in this process. Start-up is
  the time from spawning the process to its first getUpdates request at the fake server (``Call.at``, the same
  monotonic clock); started three times, each run reported.
* **JobQueue**: the pattern of PTB's timerbot example: a PTB ``Application`` with its JobQueue, polling the same
  kind of fake server, holding one ``job_queue.run_daily(callback, time, chat_id=…)`` per chat for N chats (as
  timerbot schedules one job per /set), due 12 hours on so none runs.
* **bare**: a Python process that imports ``telegram`` and nothing else, for context.

Run: python bench/bench_memory.py [--quick] [N]   (tests/ must be importable: it uses the tests' fake Bot API)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time as clock
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from machine import add_people, announce_machine, create_database, drop_database, end_process
from options import size_argument

from bot.store import create_engine_for, upgrade_database
from support.bot_process import bot_environment, rls_coach_command
from support.fake_bot_api import FakeBotApi

RUNS = 3  # starts of the real bot
JOB_QUEUE_SCRIPT = """
import asyncio, datetime, sys
from telegram.ext import ApplicationBuilder, ContextTypes

async def remind(context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_message(context.job.chat_id, "Time to wind down.")

async def main(url: str, token: str, count: int) -> None:
    application = ApplicationBuilder().token(token).base_url(url + "/bot").build()
    await application.initialize()
    await application.start()
    await application.updater.start_polling()
    at = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=12)).timetz()
    for chat_id in range(1, count + 1):
        application.job_queue.run_daily(remind, at, chat_id=chat_id, name=str(chat_id), data=chat_id)
    print("ready", flush=True)
    await asyncio.sleep(3600)

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
"""
BARE_SCRIPT = "import sys, time, telegram; print('ready', flush=True); time.sleep(3600)"


def _memory(pid: int) -> tuple[float, float]:
    """VmRSS and VmHWM of a process, in MiB."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return tuple(int(status[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM"))  # type: ignore[return-value]


async def _bot(url: str, workdir: Path, run: int, settle: float) -> tuple[float, float, float]:
    """Start-up seconds, RSS and peak RSS (MiB) of one ``rls-coach run``."""
    with FakeBotApi() as api, (workdir / f"bot-{run}.log").open("wb") as log:
        env = bot_environment(api, url, LOG_LEVEL="WARNING", PTB_TIMEDELTA="1")
        spawned = clock.monotonic()
        process = await asyncio.create_subprocess_exec(
            *rls_coach_command(), "run", cwd=workdir, env=env, stdout=log, stderr=asyncio.subprocess.STDOUT
        )
        try:
            await api.wait_for_async(lambda: bool(api.calls("getUpdates")), 60)
            startup = api.calls("getUpdates")[0].at - spawned
            await asyncio.sleep(settle)
            rss, peak = _memory(process.pid)
        finally:
            status = await end_process(process)
    text = (workdir / f"bot-{run}.log").read_text(errors="replace")
    if status != 0 or "Traceback" in text:
        print(f"  (run {run}: exit status {status}; log:\n{text[-2000:]})")
    return startup, rss, peak


async def _script(settle: float, *arguments: str) -> tuple[float, float, float]:
    """Seconds until a ``python -c`` script prints "ready", then its RSS and peak RSS (MiB) ``settle`` s later."""
    spawned = clock.monotonic()
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", *arguments, stdout=asyncio.subprocess.PIPE)
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 600)
        if line.strip() != b"ready":
            raise RuntimeError(f"the script did not get ready (exit status {await process.wait()})")
        ready = clock.monotonic() - spawned
        await asyncio.sleep(settle)
        rss, peak = _memory(process.pid)
    finally:
        await end_process(process)
    return ready, rss, peak


async def main(people: int, settle: float) -> int:
    version = await announce_machine()
    if version is None:
        return 1
    print(
        f"{people:,} subscribers (PostgreSQL, none due) / {people:,} run_daily jobs; each case in its own process, "
        f"RSS read {settle:.0f} s after it is up"
    )
    url = await create_database()
    try:
        database = create_engine_for(url)
        try:
            await upgrade_database(database)
            await add_people(database, range(1, people + 1), None, datetime.now(UTC))
        finally:
            await database.dispose()
        with tempfile.TemporaryDirectory() as folder:
            bot = [await _bot(url, Path(folder), run, settle) for run in range(1, RUNS + 1)]
    finally:
        await drop_database(url)
    with FakeBotApi() as api:
        jobs = await _script(settle, JOB_QUEUE_SCRIPT, api.url, api.token, str(people))
    bare = await _script(settle, BARE_SCRIPT)

    print(f"{'process':<34} {'ready s':>7} {'RSS MiB':>8} {'peak MiB':>8}")
    for run, (startup, rss, peak) in enumerate(bot, 1):
        print(f"{f'(a) rls-coach run, start {run}':<34} {startup:>7.2f} {rss:>8.1f} {peak:>8.1f}")
    print(f"{'(b) PTB JobQueue, one job per chat':<34} {jobs[0]:>7.2f} {jobs[1]:>8.1f} {jobs[2]:>8.1f}")
    print(f"{'(c) python -c import telegram':<34} {bare[0]:>7.2f} {bare[1]:>8.1f} {bare[2]:>8.1f}")
    bot_rss = statistics.median(rss for _, rss, _ in bot)
    slowest = max(startup for startup, _, _ in bot)
    print(
        f"RSS (b) / (a) = {jobs[1] / bot_rss:.1f} (median of (a): {bot_rss:.1f} MiB; target ≥ 5); "
        f"above bare: (b) {jobs[1] - bare[1]:.1f} MiB, (a) {bot_rss - bare[1]:.1f} MiB\n"
        f"start-up to the first getUpdates: {', '.join(f'{startup:.2f}' for startup, _, _ in bot)} s "
        f"(slowest {slowest:.2f} s; target < 1.5 s); (b) and (c) ready: from spawn to the script's 'ready'"
    )
    return 0


if __name__ == "__main__":
    size = size_argument(100_000, 2_000, "subscribers, and jobs in the JobQueue pattern")
    sys.exit(asyncio.run(main(size, 1.0 if "--quick" in sys.argv else 5.0)))
