"""End to end: the real ``rls-coach run`` process against the fake Bot API, killed with SIGKILL and restarted.

Due times are chosen relative to now (the next whole minute at least 25 s away), so the test waits at most
about a minute and a half per database and never depends on which minute it starts in.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.zones import zone_from_name
from support.bot_process import BotProcess, bot_environment
from support.fake_bot_api import Call, FakeBotApi

pytestmark = pytest.mark.e2e

USERS = {  # chat id → zone; 14 blocks the bot, 15 unsubscribes again
    11: "Asia/Kolkata",
    12: "America/St_Johns",
    13: "Pacific/Chatham",
    14: "Europe/Berlin",
    15: "America/New_York",
    16: "UTC+05:45",
    17: "Pacific/Kiritimati",
}
DELIVERED = (11, 12, 13, 16, 17)
BLOCKED, UNSUBSCRIBED = 14, 15
REMINDER_MARK = "Good evening"
TICKS_AFTER_DONE = 3


def _reminders(api: FakeBotApi, chat_id: int) -> list[Call]:
    return [call for call in api.sent_messages(chat_id) if REMINDER_MARK in str(call.params["text"])]


def _reminder_attempts(api: FakeBotApi) -> list[Call]:
    return [call for call in api.attempts("sendMessage") if REMINDER_MARK in str(call.params["text"])]


def test_every_subscriber_gets_exactly_one_reminder_across_kill_9_restarts(
    database_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    with FakeBotApi() as api:
        # SEND_RATE 5 means one sender at a time, so the kills below land at known points of the batch.
        env = bot_environment(api, database_url, TICK_SECONDS="1", SEND_RATE="5", LOG_LEVEL="DEBUG")
        processes.append(BotProcess(tmp_path, env, "first"))
        api.wait_for(lambda: bool(api.calls("setMyCommands")), timeout=60)

        due = (datetime.now(UTC) + timedelta(seconds=85)).replace(second=0, microsecond=0)
        for chat_id, zone in USERS.items():
            local = due.astimezone(zone_from_name(zone))
            api.say(chat_id, f"/timezone {zone}", "Time zone set")
            api.say(chat_id, f"/subscribe {local:%H:%M}", "Evening reminder on")
        api.say(UNSUBSCRIBED, "/unsubscribe", "reminder off")
        api.fail_chat(BLOCKED, 403, "Forbidden: bot was blocked by the user")

        # Killed before delivery, restarted before the due minute: reminders must go out on time.
        processes[-1].kill()
        assert _reminder_attempts(api) == []
        api.delay("sendMessage", 0.3)
        processes.append(BotProcess(tmp_path, env, "second"))
        api.wait_for(lambda: len(_reminder_attempts(api)) >= 2, timeout=(due - datetime.now(UTC)).seconds + 60)
        # Killed right after a delivery, with the next one in flight.
        processes[-1].kill()

        # Stopped with SIGTERM mid-batch: the send in flight finishes, the process exits 0, nothing is lost.
        processes.append(BotProcess(tmp_path, env, "third"))
        attempts_before = len(_reminder_attempts(api))
        api.wait_for(lambda: len(_reminder_attempts(api)) > attempts_before, timeout=30)
        assert processes[-1].terminate() == 0
        api.delay("sendMessage", 0)

        processes.append(BotProcess(tmp_path, env, "fourth"))
        api.wait_for(lambda: all(_reminders(api, chat_id) for chat_id in DELIVERED), timeout=60)
        api.wait_for(lambda: len(api.calls("getUpdates")) > 0, timeout=5)
        ticks = processes[-1].delivery_ticks()  # a few more ticks of the running bot: nothing more may go out
        api.wait_for(lambda: processes[-1].delivery_ticks() >= ticks + TICKS_AFTER_DONE, timeout=30)

        for chat_id in DELIVERED:
            assert len(_reminders(api, chat_id)) == 1, (chat_id, USERS[chat_id])
        assert len([c for c in _reminder_attempts(api) if c.params["chat_id"] == BLOCKED]) == 1
        assert _reminders(api, UNSUBSCRIBED) == []

        first_call_at = min(call.at for call in _reminder_attempts(api))
        lateness = [call.at - first_call_at for call in _reminder_attempts(api)]
        wall_lateness = (datetime.now(UTC) - due).total_seconds() - (time.monotonic() - first_call_at)
        backend = database_url.split(":", 1)[0]
        print(
            f"\n[{backend}] first reminder {wall_lateness:.2f}s after the due minute; batch spread {max(lateness):.2f}s"
        )
        for bot in processes:
            assert api.token not in bot.log(), "the bot token leaked into the log"
            assert "Traceback" not in bot.log(), bot.log()[-3000:]
