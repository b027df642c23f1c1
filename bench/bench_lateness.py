"""Lateness of reminders with default settings (issue 8, target 4: p95 ≤ 1 s after the due instant).

The real ``rls-coach run`` (default ``TICK_SECONDS=10`` and ``SEND_RATE=25``; polling) against a fake Bot API in
this process and a fresh PostgreSQL database holding people whose reminders fall due at several instants after
start-up, a few people per instant: the engine has to wake at each due instant, not at its periodic tick. The
lateness of a reminder is the time from its due instant to its sendMessage request reaching the server (wall
clock mapped onto the server's monotonic ``Call.at``). The baseline in the same run is the periodic tick alone:
the lateness the same schedule would have if the engine only woke every ``TICK_SECONDS`` (computed, not run).

Run: python bench/bench_lateness.py [--quick] [instants]   (tests/ must be importable: it uses the fake Bot API)
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time as clock
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from machine import add_people, announce_machine, create_database, drop_database, end_process, percentile
from options import size_argument

from bot.store import create_engine_for, upgrade_database
from support.bot_process import bot_environment, rls_coach_command
from support.fake_bot_api import FakeBotApi

PEOPLE_PER_INSTANT = 4
FIRST_DUE_SECONDS = 8.0  # after spawning: start-up takes about 1.5 s
SPACING_SECONDS = 7.0  # between due instants, not a multiple of the 10 s tick
TICK_SECONDS = 10.0


async def _run(instants: int, workdir: Path) -> tuple[list[float], list[float]]:
    """Lateness of every reminder (s), and what a tick every TICK_SECONDS alone would have given."""
    url = await create_database()
    database = create_engine_for(url)
    try:
        await upgrade_database(database)
        start_wall, start_mono = datetime.now(UTC), clock.monotonic()
        dues = [start_wall + timedelta(seconds=FIRST_DUE_SECONDS + n * SPACING_SECONDS) for n in range(instants)]
        for index, due in enumerate(dues):
            first = index * PEOPLE_PER_INSTANT + 1
            await add_people(database, range(first, first + PEOPLE_PER_INSTANT), due, start_wall)
        with FakeBotApi() as api, (workdir / "bot.log").open("wb") as log:
            env = bot_environment(api, url, LOG_LEVEL="WARNING")
            process = await asyncio.create_subprocess_exec(
                *rls_coach_command(), "run", cwd=workdir, env=env, stdout=log, stderr=asyncio.subprocess.STDOUT
            )
            try:
                expected = instants * PEOPLE_PER_INSTANT
                await api.wait_for_async(lambda: len(api.sent_messages()) >= expected, 60 + instants * SPACING_SECONDS)
                ticks_from = api.calls("getUpdates")[0].at  # the periodic tick starts with polling, about
            finally:
                await end_process(process)
        due_by_chat = {
            index * PEOPLE_PER_INSTANT + offset + 1: due
            for index, due in enumerate(dues)
            for offset in range(PEOPLE_PER_INSTANT)
        }
        lateness = []
        for call in api.sent_messages():
            due = due_by_chat[int(call.params["chat_id"])]
            due_mono = start_mono + (due - start_wall).total_seconds()
            lateness.append(call.at - due_mono)
        periodic = []
        for due in dues:
            due_mono = start_mono + (due - start_wall).total_seconds()
            periodic += [(ticks_from - due_mono) % TICK_SECONDS] * PEOPLE_PER_INSTANT
        return lateness, periodic
    finally:
        await database.dispose()
        await drop_database(url)


async def main(instants: int) -> int:
    if await announce_machine() is None:
        return 1
    print(
        f"{instants} due instants {SPACING_SECONDS:.0f} s apart, {PEOPLE_PER_INSTANT} people each, PostgreSQL; "
        f"rls-coach run with default settings (TICK_SECONDS={TICK_SECONDS:.0f}, SEND_RATE=25)"
    )
    with tempfile.TemporaryDirectory() as folder:
        lateness, periodic = await _run(instants, Path(folder))
    print(f"{'schedule':<34} {'reminders':>9} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
    for label, samples in (
        ("engine (wakes at each due instant)", lateness),
        ("periodic tick only (computed)", periodic),
    ):
        print(
            f"{label:<34} {len(samples):>9} {percentile(samples, 0.5):>7.2f} {percentile(samples, 0.95):>7.2f} "
            f"{max(samples):>7.2f}"
        )
    print(f"p95 ratio engine / periodic: {percentile(lateness, 0.95) / max(percentile(periodic, 0.95), 1e-9):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(size_argument(12, 1, "due instants"))))
