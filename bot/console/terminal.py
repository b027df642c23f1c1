"""The person's side of the console chat: prints what the bot sends, reads lines, turns them into updates.

Output lines are prefixed so a script can tell them apart: ``bot> `` for the bot's messages, ``you> `` for
what was read from a pipe (echoed, so a transcript reads like the conversation), ``--- `` for the console's
own notes. Input is read on a daemon thread, so a blocked ``input()`` never holds up the event loop or the
exit of the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from bot.console.api import ShownMessage
from bot.console.text import Choice, keyboard_rows, numbered_rows, render_body
from bot.core.parsing import parse_int
from bot.text import strings
from bot.text.i18n import Texts

BOT_PREFIX = "bot> "
YOU_PREFIX = "you> "
NOTE_PREFIX = "--- "
PROMPT = YOU_PREFIX
_CLEAR_LINE = "\r\x1b[K"
_COORDINATES = re.compile(r"^\s*([-+]?\d{1,2}(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class SendText:
    """The person sends ``text`` as a message (a command, or a button of a reply keyboard)."""

    text: str


@dataclass(frozen=True)
class SendLocation:
    """The person shares a location, typed as coordinates after picking the location button."""

    latitude: float
    longitude: float


@dataclass(frozen=True)
class PressButton:
    """The person presses an inline button of message ``message_id``, whose callback data is ``data``."""

    message_id: int
    data: str


Action = SendText | SendLocation | PressButton


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """``52.52 13.40`` or ``52.52, 13.40`` → (latitude, longitude), or None if it is not a place on Earth."""
    match = _COORDINATES.match(text)
    if match is None:
        return None
    latitude, longitude = float(match.group(1)), float(match.group(2))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude


class Terminal:
    """Shows bot messages and keyboards, keeps the buttons on screen, and reads the person's lines.

    ``interactive`` (stdin is a terminal) reads with ``input()`` and a prompt, redrawn after output that
    arrives while the person is typing; otherwise lines are read as they come and echoed. ``t`` is the
    language of the console's own notes.
    """

    def __init__(self, t: Texts, stdin: TextIO, stdout: TextIO, *, interactive: bool, color: bool) -> None:
        self._t = t
        self._stdin, self._stdout = stdin, stdout
        self.interactive, self._color = interactive, color
        self._lock = threading.Lock()  # output comes from the event loop and the reader thread
        self._prompting = False
        self._choices: list[Choice] = []
        self._awaiting_location = False
        self._reader: _LineReader | None = None
        self.output_closed = False
        self._saved_tty_modes: list[Any] | None = None
        if interactive:
            with contextlib.suppress(ImportError):  # readline is missing on some platforms (Windows)
                import readline  # noqa: F401  # imported for its side effect: line editing and history in input()
            with contextlib.suppress(ImportError, OSError, ValueError, AttributeError):
                import termios

                self._saved_tty_modes = termios.tcgetattr(stdin.fileno())

    def close(self) -> None:
        """Leave the terminal as we found it, also when Ctrl-C ended the chat while ``input()`` was waiting.

        readline switches off echo and line mode while it reads; the thread still blocked in it never gets
        to switch them back, and the shell would be left without echo.
        """
        with self._lock:
            if self._prompting and not self.output_closed:
                with contextlib.suppress(OSError, ValueError):
                    self._stdout.write("\n")  # end the abandoned prompt's line
                    self._stdout.flush()
            if self._saved_tty_modes is not None:
                with contextlib.suppress(ImportError, OSError, ValueError):
                    import termios

                    termios.tcsetattr(self._stdin.fileno(), termios.TCSADRAIN, self._saved_tty_modes)

    # --- output --------------------------------------------------------------------------------------

    def show_message(self, message: ShownMessage) -> None:
        """Print a message from the bot, with its buttons numbered; remember the buttons for picking."""
        rows = keyboard_rows(message.reply_markup, message.message_id)
        lines: list[str] = []
        if message.markup_only:
            lines.append(self._t(strings.CONSOLE_BUTTONS_CHANGED) if rows else self._t(strings.CONSOLE_BUTTONS_REMOVED))
        else:
            body = render_body(message.text, message.parse_mode, color=self._color).text
            lines = body.split("\n")
            if message.edited:
                lines[0] = self._t(strings.CONSOLE_EDITED).format(line=lines[0])
        self._update_choices(message, rows)
        lines += numbered_rows(rows)
        # The blank line ends the message: a message's own empty lines keep their prefix, so scripts and
        # readers can tell two messages from one with a paragraph break.
        self._write([*(f"{BOT_PREFIX}{line}".rstrip() for line in lines), ""])

    def show_popup(self, text: str) -> None:
        """An answer to a button press, which Telegram shows as a short pop-up."""
        self._write([f"{BOT_PREFIX}[{text}]", ""])

    def note(self, text: str) -> None:
        """A line from the console itself, not from the bot."""
        self._write([f"{NOTE_PREFIX}{text}"])

    def echo(self, line: str) -> None:
        """Show a line read from a pipe, so the transcript has both sides of the conversation."""
        if not self.interactive:
            self._write([f"{YOU_PREFIX}{line}".rstrip()])

    def _update_choices(self, message: ShownMessage, rows: list[list[Choice]]) -> None:
        markup = message.reply_markup or {}
        if rows:
            self._choices = [choice for row in rows for choice in row]
        elif "remove_keyboard" in markup and any(choice.message_id is None for choice in self._choices):
            self._choices = []
        elif message.edited and any(choice.message_id == message.message_id for choice in self._choices):
            self._choices = []  # an edit without a keyboard removes the message's inline buttons

    def _write(self, lines: list[str]) -> None:
        with self._lock:
            if self.output_closed:
                return
            redraw = self._prompting and self._stdout.isatty()
            try:
                if redraw:
                    self._stdout.write(_CLEAR_LINE)  # the prompt and what the person typed so far
                self._stdout.write("".join(f"{line}\n" for line in lines))
                if redraw:
                    self._stdout.write(PROMPT + _line_buffer())
                self._stdout.flush()
            except (BrokenPipeError, ValueError):
                # The reader went away (`rls-coach chat | head`) or the stream was closed: nobody sees the
                # answers any more, so the chat ends as at end of input.
                self.output_closed = True

    # --- input ---------------------------------------------------------------------------------------

    async def read_line(self) -> str | None:
        """The next line the person typed, without its newline; None at end of input (Ctrl-D) or of output."""
        if self.output_closed:
            return None
        if self._reader is None:
            self._reader = _LineReader(asyncio.get_running_loop(), self._read_blocking)
        return await self._reader.next_line()

    def _read_blocking(self) -> str | None:
        if not self.interactive:
            raw = self._stdin.readline()
            return raw.rstrip("\r\n") if raw else None
        self._set_prompting(True)
        line: str | None
        try:
            line = input(PROMPT)
        except EOFError:
            line = None
        finally:
            self._set_prompting(False)
        if line is None:
            self._write([""])  # end the prompt's line so the shell starts on a fresh one
        return line

    def _set_prompting(self, prompting: bool) -> None:
        with self._lock:
            self._prompting = prompting

    def interpret(self, line: str) -> Action | None:
        """What a typed line sends: a picked button, a location, or the text itself; None sends nothing."""
        text = line.strip()
        if not text:
            return None  # Telegram cannot send an empty message
        if self._awaiting_location and not text.startswith("/"):
            coordinates = parse_coordinates(text)
            if coordinates is None:
                self.note(self._t(strings.CONSOLE_BAD_LOCATION))
                return None
            self._awaiting_location = False
            return SendLocation(*coordinates)
        self._awaiting_location = False
        picked = parse_int(text, 1, len(self._choices))
        if picked is not None:
            return self._pick(self._choices[picked - 1])
        return SendText(text)

    def _pick(self, choice: Choice) -> Action | None:
        self.note(self._t(strings.CONSOLE_PICKED).format(label=choice.label))
        if choice.one_time:
            self._choices = []
        if choice.kind == "location":
            self._awaiting_location = True
            self.note(self._t(strings.CONSOLE_ASK_LOCATION))
            return None
        if choice.kind == "url":
            self.note(self._t(strings.CONSOLE_LINK).format(url=choice.value))
            return None
        if choice.kind == "callback" and choice.message_id is not None:
            return PressButton(choice.message_id, choice.value)
        return SendText(choice.value)


def _line_buffer() -> str:
    """What the person has typed at the prompt so far (readline keeps it while input() waits)."""
    try:
        import readline
    except ImportError:  # pragma: no cover - readline is missing on some platforms (Windows)
        return ""
    return readline.get_line_buffer()


class _LineReader:
    """Reads one line at a time on a daemon thread, when asked, and hands it to the event loop.

    Reading only when asked keeps the prompt after the bot's answer, and keeps ``input()`` from racing
    with the previous turn's output. The thread is a daemon so that Ctrl-C can end the process while it
    is still blocked in ``input()``.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, read: Callable[[], str | None]) -> None:
        self._loop, self._read = loop, read
        self._wanted = threading.Semaphore(0)
        self._future: asyncio.Future[str | None] | None = None
        self._ended = False
        threading.Thread(target=self._run, name="console-input", daemon=True).start()

    async def next_line(self) -> str | None:
        if self._ended:
            return None
        future: asyncio.Future[str | None] = self._loop.create_future()
        self._future = future
        self._wanted.release()
        return await future

    def _run(self) -> None:
        while True:
            self._wanted.acquire()
            future = self._future
            try:
                line: str | None = self._read()
            except (OSError, ValueError, UnicodeDecodeError):
                line = None  # a closed or unreadable input ends the conversation like Ctrl-D
            self._ended = line is None  # before resolving, so a later next_line() cannot wait forever
            if future is not None:
                try:
                    self._loop.call_soon_threadsafe(_resolve, future, line)
                except RuntimeError:
                    return  # the loop is closed: the console has already ended
            if line is None:
                return


def _resolve(future: asyncio.Future[str | None], line: str | None) -> None:
    if not future.done():  # cancelled by Ctrl-C while the thread was reading
        future.set_result(line)
