"""``rls-coach chat``: the whole bot in a terminal, with no token and no network.

The real PTB application (handlers, rate limiter, job queue, database) runs against ``ConsoleBotApi``, an
in-process Bot API double passed as PTB's request object, so every command behaves as in Telegram. Each line
read becomes an update; the bot's messages are printed as plain text with numbered buttons. The person's
Telegram ``language_code`` is the console's ``language`` (``rls-coach chat --lang es``), which also sets the
language of the console's own notes. The conversation
is turn by turn: a line is sent only once the previous one is fully answered, so piped scripts see every
reply, and a number typed after a keyboard picks from that keyboard.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from typing import TextIO

from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.console.api import CONSOLE_CHAT_ID, CONSOLE_TOKEN, ConsoleBotApi
from bot.console.commands import add_console_commands
from bot.console.terminal import PressButton, SendLocation, SendText, Terminal
from bot.content import DEFAULT_LANGUAGE, Content
from bot.lifecycle import start_application, stop_application
from bot.services import BotApplication, Clock, utc_now
from bot.text import strings
from bot.text.i18n import Texts, texts

__all__ = ["CONSOLE_CHAT_ID", "CONSOLE_TOKEN", "ConsoleBotApi", "run_console"]

log = logging.getLogger(__name__)
# Longest wait for one answer; only a hung handler gets near it, and then the conversation moves on.
TURN_TIMEOUT_SECONDS = 60.0
# getUpdates long poll; PTB cancels it on shutdown, so its length never delays the exit.
POLL_TIMEOUT_SECONDS = 30


def run_console(
    settings: Settings,
    content: Content,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    clock: Clock = utc_now,
    language: str = DEFAULT_LANGUAGE,
) -> int:
    """Chat with the bot on ``stdin``/``stdout`` (default: the process's) until end of input; returns 0.

    ``language`` is the Telegram language code the console person has ("en", "es"). Expects an upgraded
    database schema (the CLI upgrades it first). Ctrl-C ends the chat cleanly too.
    """
    t = texts(language)
    if stdin is None or stdout is None:
        _replace_unencodable_output()
    input_stream, output_stream = stdin or sys.stdin, stdout or sys.stdout
    interactive = input_stream is sys.stdin and _isatty(input_stream)  # input() reads sys.stdin only
    color = _isatty(output_stream) and not os.environ.get("NO_COLOR")
    terminal = Terminal(t, input_stream, output_stream, interactive=interactive, color=color)
    # Ctrl-C during start-up, or a second one during shutdown, arrives as KeyboardInterrupt after asyncio.run
    # has cancelled what was left: the person asked to leave, which is not a failure.
    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(_chat(t, settings, content, terminal, clock))
    finally:
        terminal.close()
    if terminal.output_closed and output_stream is sys.stdout:
        _silence_closed_stdout()
    return 0


async def _chat(t: Texts, settings: Settings, content: Content, terminal: Terminal, clock: Clock) -> None:
    name = os.environ.get("USER") or t(strings.WELCOME_NAME_FALLBACK)
    api = ConsoleBotApi(terminal, first_name=name, language_code=t.language)
    built = build_application(
        settings, content, token=CONSOLE_TOKEN, clock=clock, request=api, deliver_only_to=CONSOLE_CHAT_ID
    )
    application = built.application
    add_console_commands(application)
    updater = application.updater
    assert updater is not None  # built with the default updater
    # The same start and stop sequence as Application.run_polling, which cannot be used here: it owns the
    # event loop, while the console shares it with the reading side.
    try:
        await start_application(application)
        await updater.start_polling(poll_interval=0.0, timeout=POLL_TIMEOUT_SECONDS, allowed_updates=Update.ALL_TYPES)
        await application.start()
        conversation = asyncio.create_task(_converse(terminal, api, application))
        _stop_on_ctrl_c(conversation)  # before the banner, which tells the person the chat is ready
        terminal.note(t(strings.CONSOLE_BANNER).format(name=name))
        with contextlib.suppress(asyncio.CancelledError):
            await conversation
    finally:
        await stop_application(application)


async def _converse(terminal: Terminal, api: ConsoleBotApi, application: BotApplication) -> None:
    while (line := await terminal.read_line()) is not None:
        terminal.echo(line)
        action = terminal.interpret(line)
        if isinstance(action, SendText):
            update_id = await api.send_text(action.text)
        elif isinstance(action, SendLocation):
            update_id = await api.send_location(action.latitude, action.longitude)
        elif isinstance(action, PressButton):
            update_id = await api.press(action.message_id, action.data)
        else:
            continue
        try:
            await asyncio.wait_for(_answered(api, application, update_id), TURN_TIMEOUT_SECONDS)
        except TimeoutError:
            log.warning("no complete answer after %.0f s; reading on", TURN_TIMEOUT_SECONDS)


async def _answered(api: ConsoleBotApi, application: BotApplication, update_id: int) -> None:
    """Wait until the update has been fetched and every handler for it has finished (so its replies are out)."""
    await api.wait_fetched(update_id)
    # The updater puts fetched updates on this queue before it polls again, and the application marks each
    # one done after its handlers ran, so join() returns once the update is fully handled.
    await application.update_queue.join()


def _stop_on_ctrl_c(conversation: asyncio.Task[None]) -> None:
    """First Ctrl-C ends the conversation like Ctrl-D; a second one interrupts the shutdown itself."""
    loop = asyncio.get_running_loop()

    def interrupted() -> None:
        conversation.cancel()
        loop.remove_signal_handler(signal.SIGINT)  # back to KeyboardInterrupt for the second press

    # Signal handlers can be set only from the main thread, and not on every platform; without one, Ctrl-C
    # raises KeyboardInterrupt as usual.
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        loop.add_signal_handler(signal.SIGINT, interrupted)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _replace_unencodable_output() -> None:
    """Emoji on a console whose encoding lacks them are replaced instead of ending the chat with an error."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")


def _silence_closed_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not report the broken pipe again.

    The recipe from the Python documentation on SIGPIPE (library/signal.html, "Note on SIGPIPE").
    """
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
