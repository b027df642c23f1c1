"""End to end: a medicine reminder with the real ``rls-coach run`` process, killed with SIGKILL while the reminder's
request is in flight.

A person on ropinirole adds it with a time a minute or so ahead and turns its reminder on. The fake Bot API holds
the reminder's sendMessage; the process is killed inside that window. Like Telegram, the fake still delivers the
message, so the person has seen it though the bot never heard back. The next process must settle the delivery as
``unknown`` and never send it again, and keep the medicine's schedule: tomorrow at the same time. ✅ Taken on the
cut-off reminder is still recorded.

The next day's reminder cannot be waited for, so the person crosses the date line instead: from UTC-10:00 to an
offset almost a day ahead, chosen so that the medicine's time on the next local date comes at the next whole
minute. That reminder (the same dose time, the next local date) goes out once.

It runs on PostgreSQL, the production database, only: it waits for two whole minutes of real time, and the claim of
a medicine reminder on SQLite is the same code, covered with the engine ticked by hand in
tests/integration/test_meds.py.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

import pytest
from sqlalchemy import select

from bot.core.zones import offset_zone_name, zone_from_name
from bot.store import create_engine_for
from bot.store.models import Delivery, DoseTime
from bot.text import strings
from support.bot_process import BotProcess, bot_environment
from support.fake_bot_api import Call, FakeBotApi

pytestmark = pytest.mark.e2e

CHAT = 31
ZONE_OFFSET = timedelta(hours=-10)
MARGIN_SECONDS = 15  # between the last command and a reminder's due minute, at least
SEND_DELAY = 2.0  # how long the fake holds the reminder's sendMessage: the kill lands inside this window
TICKS_AFTER_RESTART = 3
REMINDER_MARK = "Time for Ropinirole</b> (0.25 mg)"
CUT_OFF_LOG = "1 scheduled messages were cut off when their process ended; not resending them"


class Row(NamedTuple):
    """One medicine reminder of the person's delivery log."""

    local_date: date
    slot: str
    status: str
    due_at_utc: datetime
    response: str | None


async def _read(database_url: str) -> tuple[list[Row], list[datetime | None]]:
    engine = create_engine_for(database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                select(Delivery.local_date, Delivery.slot, Delivery.status, Delivery.due_at_utc, Delivery.response)
                .where(Delivery.chat_id == CHAT, Delivery.kind == "dose")
                .order_by(Delivery.id)
            )
            dues = await connection.scalars(select(DoseTime.next_due_at_utc).where(DoseTime.chat_id == CHAT))
            return [Row(*row) for row in rows], list(dues)
    finally:
        await engine.dispose()


def _log(database_url: str) -> list[Row]:
    return asyncio.run(_read(database_url))[0]


def _next_due(database_url: str) -> datetime | None:
    [due] = asyncio.run(_read(database_url))[1]
    return due


def _wait_for_log(database_url: str, predicate: Callable[[list[Row]], bool], timeout: float = 10) -> list[Row]:
    deadline = time.monotonic() + timeout
    while not predicate(rows := _log(database_url)):
        assert time.monotonic() < deadline, f"timed out waiting for the delivery log; it holds {_log(database_url)}"
        time.sleep(0.1)
    return rows


def _attempts(api: FakeBotApi) -> list[Call]:
    return [call for call in api.attempts("sendMessage") if REMINDER_MARK in str(call.params["text"])]


def _delivered(api: FakeBotApi) -> list[Call]:
    return [call for call in api.sent_messages(CHAT) if REMINDER_MARK in str(call.params["text"])]


def _first_button(call: Call) -> str:
    markup = call.params.get("reply_markup") or {}
    return str(markup["inline_keyboard"][0][0]["callback_data"])


def _next_minute(at_least: float) -> datetime:
    return (datetime.now(UTC) + timedelta(seconds=at_least + 60)).replace(second=0, microsecond=0)


@pytest.mark.postgres
def test_a_medicine_reminder_cut_off_by_kill_9_is_never_resent_and_the_next_days_goes_out(
    postgres_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    database_url = postgres_url
    started = time.monotonic()
    zone_name = offset_zone_name(ZONE_OFFSET)
    zone = zone_from_name(zone_name)
    with FakeBotApi() as api:
        env = bot_environment(api, database_url, TICK_SECONDS="1", LOG_LEVEL="DEBUG")
        processes.append(BotProcess(tmp_path, env, "first"))
        api.wait_for(lambda: bool(api.calls("setMyCommands")), timeout=60)

        # 1. Ropinirole at the next whole minute, its reminder on.
        api.say(CHAT, f"/timezone {zone_name}", "Time zone set")
        due = _next_minute(MARGIN_SECONDS)
        local = due.astimezone(zone)
        api.say(CHAT, f"/meds add ropinirole 0.25 mg at {local:%H:%M}", "is on your list as number 1")
        api.say(CHAT, "/meds remind 1 on", "I'll remind you at")
        assert datetime.now(UTC) < due, "the commands were answered after the due minute"
        assert _next_due(database_url) == due

        # 2. The reminder's request is held by the fake, and the process is killed while it waits.
        api.delay("sendMessage", SEND_DELAY)
        api.wait_for(lambda: bool(_attempts(api)), timeout=(due - datetime.now(UTC)).total_seconds() + 30)
        processes[-1].kill()
        in_flight = not _delivered(api)
        api.delay("sendMessage", 0)
        [attempt] = _attempts(api)
        lateness = (datetime.now(UTC) - timedelta(seconds=time.monotonic() - attempt.at) - due).total_seconds()
        assert lateness >= 0, "the reminder went out before it was due"
        [row] = _log(database_url)
        assert row.status in ({"sending"} if in_flight else {"sending", "sent"}), row
        assert (row.local_date, row.due_at_utc) == (local.date(), due)
        assert _first_button(attempt) == f"md:taken:{local.date()}:{row.slot}"
        assert str(attempt.params["text"]).startswith(f"💊 <b>{REMINDER_MARK}, {local:%H:%M} — as prescribed.")
        # Telegram takes the message though the bot is gone: the person sees it, the bot cannot know.
        api.wait_for(lambda: bool(_delivered(api)), timeout=SEND_DELAY + 10)

        # 3. The next process settles it as unknown and never sends it again; the schedule is tomorrow's.
        processes.append(BotProcess(tmp_path, env, "second"))
        api.wait_for(lambda: processes[-1].delivery_ticks() >= TICKS_AFTER_RESTART, timeout=60)
        assert len(_attempts(api)) == 1
        settled = "unknown" if row.status == "sending" else "sent"
        assert (CUT_OFF_LOG in processes[-1].log()) == (settled == "unknown"), processes[-1].log()[-3000:]
        [row] = _log(database_url)
        assert row.status == settled
        assert _next_due(database_url) == due + timedelta(days=1)

        # ✅ Taken under the reminder the bot never heard back about is still recorded.
        api.send_callback(CHAT, f"md:taken:{local.date()}:{row.slot}")
        api.wait_for(lambda: len(api.calls("answerCallbackQuery")) == 1, timeout=10)
        assert api.calls("answerCallbackQuery")[0].params.get("text") == strings.ANSWER_TAKEN
        assert _wait_for_log(database_url, lambda rows: rows[0].response == "taken")

        # 4. Across the date line: the medicine's time on the next local date comes at the next whole minute.
        following = _next_minute(MARGIN_SECONDS)
        ahead = ZONE_OFFSET + timedelta(days=1) - (following - due)
        ahead_name = offset_zone_name(ahead)
        api.say(CHAT, f"/timezone {ahead_name}", "Time zone set")
        assert _next_due(database_url) == following
        api.wait_for(lambda: len(_delivered(api)) == 2, timeout=(following - datetime.now(UTC)).total_seconds() + 30)
        ticks = processes[-1].delivery_ticks()
        api.wait_for(lambda: processes[-1].delivery_ticks() >= ticks + TICKS_AFTER_RESTART, timeout=30)
        next_day = local.date() + timedelta(days=1)
        assert following.astimezone(zone_from_name(ahead_name)).date() == next_day
        rows = _wait_for_log(database_url, lambda rows: len(rows) == 2 and rows[1].status == "sent")
        assert [(r.local_date, r.slot, r.status) for r in rows] == [
            (local.date(), row.slot, settled),
            (next_day, row.slot, "sent"),
        ]
        assert len(_attempts(api)) == 2 and _first_button(_attempts(api)[1]) == f"md:taken:{next_day}:{row.slot}"

        assert processes[-1].terminate() == 0
        assert api.unanswered_callbacks() == []
        backend = database_url.split(":", 1)[0]
        cut = "in flight" if in_flight else "after the answer"
        print(
            f"\n[{backend}] reminder {lateness:.2f}s after its minute, killed {cut}; next day's at {ahead_name}; "
            f"total {time.monotonic() - started:.1f}s"
        )
        for bot in processes:
            assert api.token not in bot.log(), "the bot token leaked into the log"
            assert "Traceback" not in bot.log(), bot.log()[-3000:]
