"""``rls-coach chat`` in process: the whole bot in a terminal double, with no sockets at all and a clock the test
moves. The console started as a process is in ``e2e/test_console_process.py``; its parts alone in
``unit/test_console_parts.py``.
"""

from __future__ import annotations

import asyncio
import io
import queue
import re
import socket
import struct
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from bot.config import Settings
from bot.console import CONSOLE_CHAT_ID, CONSOLE_TOKEN, ConsoleBotApi, run_console
from bot.console.terminal import PressButton, SendText, Terminal
from bot.content import DEFAULT_LANGUAGE, Content
from bot.store import create_engine_for, session_factory, upgrade_database
from bot.text.i18n import texts
from support import store_queries
from support.clock import FakeClock
from support.console import UNREACHABLE_API, turns
from support.stores import open_stores

WINTER_EVENING = datetime(2026, 11, 25, 19, 59, 50, tzinfo=UTC)  # 20:59:50 in Berlin (UTC+1)
DUE_AT = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)  # 21:00 in Berlin
# The start of a 640×480 PNG: its signature and header chunk, all the console reads of it.
CHART = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + struct.pack(">II", 640, 480) + b"\x08\x06\x00\x00\x00"
CONFIRM_OR_CANCEL = InlineKeyboardMarkup(
    [[InlineKeyboardButton("Confirm", callback_data="yes"), InlineKeyboardButton("Cancel", callback_data="no")]]
)


# --- helpers -------------------------------------------------------------------------------------------


def console_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'rls-coach.db'}",
        "telegram_api_url": UNREACHABLE_API,
        "tick_seconds": 60,
    }
    return Settings.model_validate(values | overrides)


def upgrade(settings: Settings) -> None:
    async def run() -> None:
        engine = create_engine_for(settings.database_url)
        await upgrade_database(engine)
        await engine.dispose()

    asyncio.run(run())


class ScriptedInput(io.StringIO):
    """Standard input that a test types into while the console runs; ``end()`` is Ctrl-D."""

    def __init__(self) -> None:
        super().__init__()
        self._lines: queue.Queue[str] = queue.Queue()

    def type(self, line: str) -> None:
        self._lines.put(f"{line}\n")

    def end(self) -> None:
        self._lines.put("")

    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]  # as typeshed's own TextIOBase
        return self._lines.get(timeout=30)


class Output(io.StringIO):
    """Standard output that a test can wait on."""

    def wait_for(self, text: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.getvalue():
            assert time.monotonic() < deadline, f"{text!r} never printed:\n{self.getvalue()}"
            time.sleep(0.02)
        return self.getvalue()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection or resolve a name fails the test."""

    def refuse(*args: object, **kwargs: object) -> Any:
        raise AssertionError(f"network used: {args!r}")

    for target, name in (
        (socket.socket, "connect"),
        (socket.socket, "connect_ex"),
        (socket, "create_connection"),
        (socket, "getaddrinfo"),
    ):
        monkeypatch.setattr(target, name, refuse)


# --- through a pipe, as a script uses it ---------------------------------------------------------------


# --- in process: no sockets at all, a clock the test moves -----------------------------------------------


def test_no_network_buttons_and_location_in_process(tmp_path: Path, content: Content, no_network: None) -> None:
    settings = console_settings(tmp_path)
    upgrade(settings)
    stdin = io.StringIO("/timezone\n1\n52.52 13.40\n/settings\n")
    stdout = io.StringIO()

    assert run_console(settings, content, stdin=stdin, stdout=stdout) == 0

    answers = turns(stdout.getvalue())
    assert "bot> [1] 📍 Share my location" in answers["/timezone"]
    assert "you picked “📍 Share my location”" in answers["1"]
    assert "Time zone set to Europe/Berlin" in answers["52.52 13.40"]
    assert "Time zone: Europe/Berlin" in answers["/settings"]
    assert "\x1b[" not in stdout.getvalue()  # no ANSI codes when the output is not a terminal


def test_reminder_that_falls_due_while_chatting_is_printed(tmp_path: Path, content: Content) -> None:
    settings = console_settings(tmp_path, tick_seconds=0.2)
    upgrade(settings)
    clock = FakeClock(WINTER_EVENING)
    other_chat = 555  # a real subscriber in the same database, due at the same moment

    async def subscribe_other_chat() -> None:
        engine = create_engine_for(settings.database_url)
        subscribers = open_stores(session_factory(engine), reminder_time=clock_time(21, 0)).subscribers
        await subscribers.set_zone(other_chat, "Europe/Berlin", clock())
        await subscribers.subscribe(other_chat, clock())
        await engine.dispose()

    asyncio.run(subscribe_other_chat())
    stdin, stdout = ScriptedInput(), Output()
    result: list[int] = []
    console = threading.Thread(
        target=lambda: result.append(run_console(settings, content, stdin=stdin, stdout=stdout, clock=clock))
    )
    console.start()
    try:
        stdin.type("/timezone Berlin")
        stdin.type("/subscribe 21:00")
        stdout.wait_for("Next reminder: today at 21:00")
        clock.set(DUE_AT.replace(second=1))
        transcript = stdout.wait_for("Good evening!")
        stdin.type("/settings")
        transcript = stdout.wait_for("Next reminder: tomorrow at 21:00")
    finally:
        stdin.end()
        console.join(timeout=30)
    assert result == [0]
    assert "bot> 🌙 Good evening! Time to look after your legs tonight." in transcript

    async def delivery_log() -> tuple[list[tuple[int, date, str]], list[tuple[int, date, str]], datetime | None]:
        engine = create_engine_for(settings.database_url)
        sessions = session_factory(engine)
        mine = await store_queries.delivery_log(sessions, CONSOLE_CHAT_ID)
        others = await store_queries.delivery_log(sessions, other_chat)
        other = await open_stores(sessions).subscribers.get(other_chat)
        await engine.dispose()
        return mine, others, other.next_due_at_utc if other else None

    mine, others, other_due = asyncio.run(delivery_log())
    assert mine == [(CONSOLE_CHAT_ID, date(2026, 11, 25), "sent")]
    # The console never touches another chat's reminder: the real bot still owes it tonight.
    assert others == [] and other_due == DUE_AT


# --- the parts ---------------------------------------------------------------------------------------------


@dataclass
class InProcess:
    """A bot talking to the console double, whose terminal prints into ``stdout``; files go to ``files``."""

    stdout: io.StringIO
    terminal: Terminal
    api: ConsoleBotApi
    bot: Bot
    files: Path


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[InProcess]:
    stdout = io.StringIO()
    terminal = Terminal(texts(DEFAULT_LANGUAGE), io.StringIO(), stdout, interactive=False, color=False)
    api = ConsoleBotApi(terminal, first_name="Ann", files_dir=tmp_path / "files")
    async with Bot(CONSOLE_TOKEN, request=api, get_updates_request=api) as bot:
        yield InProcess(stdout, terminal, api, bot, tmp_path / "files")


async def test_inline_buttons_are_numbered_and_picking_one_sends_its_callback_data(chat: InProcess) -> None:
    terminal, api, bot, stdout = chat.terminal, chat.api, chat.bot, chat.stdout
    keyboard = CONFIRM_OR_CANCEL
    sent = await bot.send_message(CONSOLE_CHAT_ID, "<b>Sure?</b>", parse_mode="HTML", reply_markup=keyboard)
    assert sent.text == "Sure?" and sent.reply_markup == keyboard  # Telegram's answer: parsed text, buttons
    assert stdout.getvalue() == "bot> Sure?\nbot> [1] Confirm  [2] Cancel\n\n"

    action = terminal.interpret("2")
    assert action == PressButton(sent.message_id, "no")
    await api.press(action.message_id, action.data)
    [update] = await bot.get_updates(timeout=1)
    assert update.callback_query is not None and update.callback_query.data == "no"
    assert update.callback_query.message is not None
    assert update.callback_query.message.message_id == sent.message_id

    await bot.answer_callback_query(update.callback_query.id, "Cancelled")
    assert "bot> [Cancelled]" in stdout.getvalue()
    assert terminal.interpret("3") == SendText("3")  # not a button: sent as text
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(CONSOLE_CHAT_ID, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(42, "someone else")


async def test_edits_show_the_new_text_and_can_remove_the_buttons(chat: InProcess) -> None:
    sent = await chat.bot.send_message(CONSOLE_CHAT_ID, "Sure?", reply_markup=CONFIRM_OR_CANCEL)
    chat.stdout.truncate(0)
    chat.stdout.seek(0)

    recolored = await chat.bot.edit_message_text(
        "<i>Really</i> sure?", CONSOLE_CHAT_ID, sent.message_id, parse_mode="HTML", reply_markup=CONFIRM_OR_CANCEL
    )
    assert chat.terminal.interpret("1") == PressButton(sent.message_id, "yes")
    done = await chat.bot.edit_message_text("Confirmed ✓", CONSOLE_CHAT_ID, sent.message_id)

    assert not isinstance(recolored, bool) and recolored.reply_markup == CONFIRM_OR_CANCEL
    assert not isinstance(done, bool) and done.text == "Confirmed ✓" and done.reply_markup is None
    assert done.date == sent.date and done.edit_date is not None  # an edit keeps the message's date
    assert chat.stdout.getvalue() == (
        "bot> (edited) Really sure?\nbot> [1] Confirm  [2] Cancel\n\n"
        "--- you picked “Confirm”\n"
        "bot> (edited) Confirmed ✓\n\n"  # the buttons are gone with the edit
    )
    assert chat.terminal.interpret("1") == SendText("1")
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await chat.bot.edit_message_text("Confirmed ✓", CONSOLE_CHAT_ID, sent.message_id)


async def test_photo_is_saved_and_shown_with_its_path_caption_and_buttons(chat: InProcess) -> None:
    assert not chat.files.exists()  # created only when the first file comes
    caption = "<b>Your week</b> &amp; more"
    sent = await chat.bot.send_photo(
        CONSOLE_CHAT_ID, CHART, caption=caption, parse_mode="HTML", reply_markup=CONFIRM_OR_CANCEL
    )

    [saved] = chat.files.iterdir()
    assert re.fullmatch(r"photo-\d{4}-\d{2}-\d{2}-\d{6}\.png", saved.name)  # PTB sent no filename of its own
    assert saved.read_bytes() == CHART
    assert chat.stdout.getvalue() == (
        f"bot> 📎 Chart saved: {saved}\nbot> Your week & more\nbot> [1] Confirm  [2] Cancel\n\n"
    )
    assert (sent.photo[-1].width, sent.photo[-1].height, sent.photo[-1].file_size) == (640, 480, len(CHART))
    assert sent.caption == "Your week & more" and sent.reply_markup == CONFIRM_OR_CANCEL

    action = chat.terminal.interpret("1")
    assert action == PressButton(sent.message_id, "yes")
    await chat.api.press(action.message_id, action.data)
    [update] = await chat.bot.get_updates(timeout=1)
    assert update.callback_query is not None and update.callback_query.message is not None
    assert update.callback_query.message.message_id == sent.message_id
    with pytest.raises(BadRequest, match=r"(?i)no text in the message"):
        await chat.bot.edit_message_text("Saved", CONSOLE_CHAT_ID, sent.message_id)
    unbuttoned = await chat.bot.edit_message_reply_markup(CONSOLE_CHAT_ID, sent.message_id)
    assert not isinstance(unbuttoned, bool) and unbuttoned.photo and unbuttoned.caption == "Your week & more"
    assert chat.stdout.getvalue().endswith("bot> (buttons removed)\n\n")
    assert chat.terminal.interpret("1") == SendText("1")


async def test_documents_keep_their_filename_and_never_overwrite(chat: InProcess) -> None:
    csv = b"date,score\n2026-11-25,3\n"
    first = await chat.bot.send_document(CONSOLE_CHAT_ID, csv, filename="export.csv")
    second = await chat.bot.send_document(CONSOLE_CHAT_ID, csv, filename="../export.csv", caption="Again")

    assert sorted(path.name for path in chat.files.iterdir()) == ["export-2.csv", "export.csv"]  # folders dropped
    assert (chat.files / "export-2.csv").read_bytes() == csv
    assert chat.stdout.getvalue() == (
        f"bot> 📎 File saved: {chat.files / 'export.csv'}\n\n"
        f"bot> 📎 File saved: {chat.files / 'export-2.csv'}\nbot> Again\n\n"
    )
    assert first.document is not None and second.document is not None
    assert (first.document.file_name, first.document.mime_type) == ("export.csv", "text/csv")
    assert second.document.file_name == "export-2.csv" and second.document.file_id != first.document.file_id
    assert first.caption is None and second.caption == "Again"
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await chat.bot.send_document(CONSOLE_CHAT_ID, csv, filename="long.csv", caption="x" * 1025)
    with pytest.raises(BadRequest, match=r"(?i)uploaded document"):
        await chat.bot.send_document(CONSOLE_CHAT_ID, "BQACAgIAAxkBAAIBQ2")  # a file_id the console never made
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await chat.bot.send_document(42, csv, filename="theirs.csv")
    assert len(list(chat.files.iterdir())) == 2  # refused uploads are not saved


class ClosedAfterBanner(io.StringIO):
    """Output whose reader goes away after the first line, like ``rls-coach chat | head -1``."""

    def write(self, text: str, /) -> int:
        if self.getvalue():
            raise BrokenPipeError
        return super().write(text)


def test_output_closed_by_its_reader_ends_the_chat(tmp_path: Path, content: Content) -> None:
    settings = console_settings(tmp_path)
    upgrade(settings)
    stdin = ScriptedInput()
    stdin.type("/start")  # answered into the closed pipe; no further line is ever read

    assert run_console(settings, content, stdin=stdin, stdout=ClosedAfterBanner()) == 0
