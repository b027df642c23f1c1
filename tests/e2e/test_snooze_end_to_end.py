"""End to end: the evening reminder's ⏰ Snooze with the real ``rls-coach run`` process, killed with SIGKILL twice.

One person in Asia/Kolkata (a half-hour zone) gets the evening reminder and presses Snooze twice in a row. The
first process is killed before the snooze falls due: the snooze is a pending row of the delivery log and must
survive. The second process sends it when it falls due and is killed while that request is in flight; the
fake Bot API, like Telegram, still delivers it, so the person has seen it though the bot never heard back. The
third process must settle it as ``unknown`` and never send it again: one snooze attempt, ever. Done on the
snoozed message then closes the evening.

The reminder is due at the next whole minute at least 10 s away (only two commands have to be answered before
it), so the test waits at most about 70 s for it; SNOOZE_MINUTES=0.1 makes the snooze fall due 6 s after the press.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from sqlalchemy import select

from bot.core.zones import zone_from_name
from bot.store import create_engine_for
from bot.store.models import Delivery
from bot.text import strings
from support.bot_process import BotProcess, bot_environment
from support.fake_bot_api import Call, FakeBotApi

pytestmark = pytest.mark.e2e

CHAT = 21
ZONE = "Asia/Kolkata"
SNOOZE = timedelta(seconds=6)
SNOOZE_MINUTES = SNOOZE.total_seconds() / 60
MARGIN_SECONDS = 10  # between the /subscribe and the reminder's due minute, at least
# How long the fake holds the snooze's sendMessage before answering: the kill lands inside this window.
SEND_DELAY = 2.0
TICKS_AFTER_RESTART = 3
REMINDER_MARK = "Good evening"
CUT_OFF_LOG = "1 scheduled messages were cut off when their process ended; not resending them"
# The delivery log's statuses after a restart: a send cut off by the kill may have been shown, so it is unknown.
SETTLED_AT_START = {"sending": "unknown", "sent": "sent"}


class Row(NamedTuple):
    """One row of the person's delivery log."""

    kind: str
    local_date: date
    status: str
    due_at_utc: datetime
    message_id: int | None
    response: str | None


async def _read_rows(database_url: str) -> list[Row]:
    engine = create_engine_for(database_url)
    try:
        async with engine.connect() as connection:
            result = await connection.execute(
                select(
                    Delivery.kind,
                    Delivery.local_date,
                    Delivery.status,
                    Delivery.due_at_utc,
                    Delivery.message_id,
                    Delivery.response,
                )
                .where(Delivery.chat_id == CHAT)
                .order_by(Delivery.id)
            )
            return [Row(*row) for row in result]
    finally:
        await engine.dispose()


def _rows(database_url: str) -> dict[str, Row]:
    """The person's delivery log by kind (the unique key allows one row per kind on one evening)."""
    rows = asyncio.run(_read_rows(database_url))
    by_kind = {row.kind: row for row in rows}
    assert len(by_kind) == len(rows), rows
    return by_kind


def _wait_for_rows(
    database_url: str, predicate: Callable[[dict[str, Row]], bool], timeout: float = 10
) -> dict[str, Row]:
    deadline = time.monotonic() + timeout
    while not predicate(rows := _rows(database_url)):
        assert time.monotonic() < deadline, f"timed out waiting for the delivery log; it holds {rows}"
        time.sleep(0.1)
    return rows


def _reminders(api: FakeBotApi) -> list[Call]:
    return [call for call in api.sent_messages(CHAT) if REMINDER_MARK in str(call.params["text"])]


def _snooze_attempts(api: FakeBotApi) -> list[Call]:
    return [call for call in api.attempts("sendMessage") if strings.SNOOZE_HEADER in str(call.params["text"])]


def _snoozes_sent(api: FakeBotApi) -> list[Call]:
    return [call for call in api.sent_messages(CHAT) if strings.SNOOZE_HEADER in str(call.params["text"])]


def _answers(api: FakeBotApi) -> list[str]:
    return [str(call.params.get("text", "")) for call in api.calls("answerCallbackQuery")]


def _buttons(params: dict[str, Any]) -> list[list[tuple[str, str]]]:
    markup = params.get("reply_markup") or {}
    return [[(button["text"], button["callback_data"]) for button in row] for row in markup.get("inline_keyboard", [])]


def _reminder_buttons(evening: date, *, snooze: bool) -> list[list[tuple[str, str]]]:
    row = [(strings.BUTTON_DONE, f"rem:done:{evening}")]
    if snooze:
        row.append((strings.BUTTON_SNOOZE, f"rem:snooze:{evening}"))
    row.append((strings.BUTTON_SKIP, f"rem:skip:{evening}"))
    return [row]


def _last_message_id(api: FakeBotApi) -> int:
    """The id of the newest message the fake handed out, to the bot or a user (they share one counter).

    The bot never learns the id of a message whose reply was cut off by a kill, so the test asks the fake:
    building an update (not pushing it) takes the next id.
    """
    probe: int = api.text_update(CHAT, "(not sent)")["message"]["message_id"]
    return probe - 1


def _wall_time(call: Call) -> datetime:
    return datetime.now(UTC) - timedelta(seconds=time.monotonic() - call.at)


def test_snooze_survives_kill_9_and_is_sent_at_most_once(
    database_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    started = time.monotonic()
    zone = zone_from_name(ZONE)
    with FakeBotApi() as api:
        env = bot_environment(
            api, database_url, TICK_SECONDS="1", SNOOZE_MINUTES=str(SNOOZE_MINUTES), LOG_LEVEL="DEBUG"
        )
        processes.append(BotProcess(tmp_path, env, "first"))
        api.wait_for(lambda: bool(api.calls("setMyCommands")), timeout=60)

        # 1. The evening reminder arrives with its three buttons, for the local date of the evening.
        api.say(CHAT, f"/timezone {ZONE}", "Time zone set")
        due = (datetime.now(UTC) + timedelta(seconds=MARGIN_SECONDS + 60)).replace(second=0, microsecond=0)
        local_due = due.astimezone(zone)
        evening = local_due.date()
        api.say(CHAT, f"/subscribe {local_due:%H:%M}", "Evening reminder on")
        subscribed_at = datetime.now(UTC)
        assert subscribed_at < due, "the /subscribe was answered after its due minute"
        api.wait_for(lambda: bool(_reminders(api)), timeout=(due - datetime.now(UTC)).total_seconds() + 30)
        reminder = _reminders(api)[0]
        reminder_lateness = (_wall_time(reminder) - due).total_seconds()
        assert _buttons(reminder.params) == _reminder_buttons(evening, snooze=True)
        rows = _wait_for_rows(database_url, lambda rows: "reminder" in rows and rows["reminder"].status == "sent")
        assert rows["reminder"].local_date == evening and rows["reminder"].due_at_utc == due
        reminder_id = rows["reminder"].message_id
        assert reminder_id is not None

        # 2. Snooze, pressed twice in a row: both presses are answered, one snooze is scheduled.
        pressed_at = datetime.now(UTC)
        for _ in range(2):
            api.send_callback(CHAT, f"rem:snooze:{evening}", message_id=reminder_id)
        api.wait_for(lambda: len(_answers(api)) == 2 and not api.unanswered_callbacks(), timeout=10)
        answered_at = datetime.now(UTC)
        processes[-1].kill()  # before the snooze falls due
        assert datetime.now(UTC) < pressed_at + SNOOZE, "too slow: the snooze fell due before the kill"
        assert _snooze_attempts(api) == []

        rows = _rows(database_url)
        assert rows["reminder"].response == "snoozed"
        snooze_row = rows["snooze"]
        assert snooze_row.status == "pending" and snooze_row.local_date == evening
        assert pressed_at + SNOOZE <= snooze_row.due_at_utc <= answered_at + SNOOZE
        snooze_time = f"{snooze_row.due_at_utc.astimezone(zone):%H:%M}"
        # Updates are handled one at a time, so the second press finds the first one's snooze.
        assert _answers(api) == [
            strings.ANSWER_SNOOZED.format(time=snooze_time),
            strings.ANSWER_ALREADY_SNOOZED.format(time=snooze_time),
        ]
        [edit] = [call.params for call in api.calls("editMessageText")]  # the second press changes nothing
        assert edit["message_id"] == reminder_id
        assert str(edit["text"]).endswith(strings.REMINDER_SNOOZED.format(time=snooze_time))
        assert _buttons(edit) == _reminder_buttons(evening, snooze=False)

        # 3. A new process sends the snooze when it falls due, and is killed while the request is in flight.
        api.delay("sendMessage", SEND_DELAY)
        processes.append(BotProcess(tmp_path, env, "second"))
        api.wait_for(lambda: bool(_snooze_attempts(api)), timeout=30)
        processes[-1].kill()
        # Nearly always the kill beats the fake's answer by SEND_DELAY; either way, the claim was committed first.
        in_flight = not _snoozes_sent(api)
        api.delay("sendMessage", 0)
        status_at_kill = _rows(database_url)["snooze"].status
        assert status_at_kill in ({"sending"} if in_flight else set(SETTLED_AT_START)), status_at_kill
        [attempt] = _snooze_attempts(api)
        snooze_lateness = (_wall_time(attempt) - snooze_row.due_at_utc).total_seconds()
        assert snooze_lateness >= 0, "the snooze went out before it was due"
        # Telegram takes the message even though the bot is gone: the person sees it, the bot cannot know.
        api.wait_for(lambda: bool(_snoozes_sent(api)), timeout=SEND_DELAY + 10)
        snooze_id = _last_message_id(api)  # nothing else has taken an id since the fake answered
        params = attempt.params
        assert str(params["text"]).startswith(strings.SNOOZE_HEADER)
        assert _buttons(params) == _reminder_buttons(evening, snooze=False)
        reminder_body = str(reminder.params["text"]).removeprefix(strings.REMINDER_HEADER)
        snooze_body = str(params["text"]).removeprefix(strings.SNOOZE_HEADER).removesuffix(strings.REMINDER_FOOTER)
        assert reminder_body.startswith(snooze_body), "the snooze repeats the evening's tip"

        # A third process settles the cut-off send and, over a few ticks, never sends it again.
        processes.append(BotProcess(tmp_path, env, "third"))
        api.wait_for(lambda: processes[-1].delivery_ticks() >= TICKS_AFTER_RESTART, timeout=60)
        assert len(_snooze_attempts(api)) == 1
        assert (CUT_OFF_LOG in processes[-1].log()) == (status_at_kill == "sending"), processes[-1].log()[-3000:]
        rows = _rows(database_url)
        assert rows["snooze"].status == SETTLED_AT_START[status_at_kill]
        if status_at_kill == "sent":  # the bot heard back before the kill and kept the message's id
            assert rows["snooze"].message_id == snooze_id

        # 4. Done on the snoozed message: answered, the message loses its buttons, the evening is done.
        api.send_callback(CHAT, f"rem:done:{evening}", message_id=snooze_id)
        api.wait_for(lambda: len(api.calls("editMessageText")) == 2 and not api.unanswered_callbacks(), timeout=10)
        assert _answers(api)[-1] == strings.ANSWER_DONE
        done_edit = api.calls("editMessageText")[-1].params
        assert done_edit["message_id"] == snooze_id
        assert str(done_edit["text"]).endswith(strings.REMINDER_DONE)
        assert _buttons(done_edit) == []
        assert _rows(database_url)["reminder"].response == "done"

        assert processes[-1].terminate() == 0
        assert len(_snooze_attempts(api)) == len(_snoozes_sent(api)) == 1
        assert len(_reminders(api)) == 1
        assert api.unanswered_callbacks() == []

        backend = database_url.split(":", 1)[0]
        cut = "in flight" if in_flight else "after the answer"
        print(
            f"\n[{backend}] reminder {reminder_lateness:.2f}s after its minute; snooze {snooze_lateness:.2f}s after"
            f" its due time, killed {cut}; total {time.monotonic() - started:.1f}s,"
            f" {(due - subscribed_at).total_seconds():.0f}s of it waiting for the due minute"
        )
        for bot in processes:
            assert api.token not in bot.log(), "the bot token leaked into the log"
            assert "Traceback" not in bot.log(), bot.log()[-3000:]
