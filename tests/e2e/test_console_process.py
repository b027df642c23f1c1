"""``rls-coach chat`` started as a process: through a pipe, as a script uses it, and on a pseudo-terminal, as a
person at a terminal runs it. It runs with no token and an unreachable TELEGRAM_API_URL, so any network use would
fail these tests."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.text import strings
from support.console import PseudoTerminal, chat_process, turns

pytestmark = pytest.mark.e2e

RAW_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?>")
PREFIXES = ("bot> ", "bot>", "you> ", "--- ")
SCRIPT = [
    "/start",
    "/causes",
    "/timezone Berlin",
    "/subscribe 21:00",
    "/settings",
    "/preview",
    "hello",
    "/tip",
]


def tip_title(text: str) -> str:
    match = re.search(r"💡 (.+)", text)
    assert match, text
    return match.group(1)


def test_piped_conversation_answers_every_line_in_plain_text(tmp_path: Path) -> None:
    process = chat_process(tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = process.communicate("\n".join(SCRIPT) + "\n", timeout=60)

    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "/preview" in stdout.splitlines()[0] and "Ctrl-D" in stdout.splitlines()[0]  # the banner
    assert not RAW_TAG.search(stdout), RAW_TAG.findall(stdout)
    assert "&lt;" not in stdout and "&amp;" not in stdout
    assert all(line.startswith(PREFIXES) for line in stdout.splitlines() if line), stdout
    answers = turns(stdout)
    assert list(answers) == SCRIPT  # every line echoed, in order, each followed by its answer
    assert "bot> 👋 Welcome to RLS Coach, Ann!" in answers["/start"]
    assert "What can cause or worsen RLS" in answers["/causes"]
    assert re.search(r"\(https://[^ )]+\)", answers["/causes"])  # links shown as "text (url)"
    assert "Time zone set to Europe/Berlin" in answers["/timezone Berlin"]
    assert "Evening reminder on." in answers["/subscribe 21:00"]
    settings = answers["/settings"]
    for expected in ("Your settings", "Evening reminder: on", "Reminder time: 21:00", "Time zone: Europe/Berlin"):
        assert expected in settings
    preview = answers["/preview"]
    assert "Preview." in preview and "21:00" in preview  # when tonight's real reminder is due
    assert "🌙 Good evening!" in preview and "💡 " in preview and "/unsubscribe stop" in preview
    assert strings.UNSUPPORTED_MESSAGE in answers["hello"]
    # The preview did not use up its tip: the next tip shown is the one the preview promised.
    assert tip_title(answers["/tip"]) == tip_title(preview)
    assert (tmp_path / "rls-coach.db").exists()  # the default DATABASE_URL, in the working directory


def test_end_of_input_at_once_exits_zero(tmp_path: Path) -> None:
    process = chat_process(tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = process.communicate(timeout=60)

    assert process.returncode == 0, stderr
    assert stdout.startswith("--- ") and "bot>" not in stdout
    assert stderr == ""


def test_ctrl_c_ends_the_chat_cleanly(tmp_path: Path) -> None:
    process = chat_process(tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("/help\n")
    process.stdin.flush()
    while "Only in this console" not in process.stdout.readline():  # answered, and waiting for the next line
        pass
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)

    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[PseudoTerminal]:
    if sys.platform == "win32":
        pytest.skip("needs a POSIX pseudo-terminal")
    opened = PseudoTerminal(tmp_path)
    yield opened
    opened.close()


def test_terminal_gets_a_prompt_bold_text_and_numbered_buttons(terminal: PseudoTerminal) -> None:
    terminal.read_until(b"you> ")
    terminal.type(b"/timezone\n")
    terminal.read_until("[1] 📍 Share my location".encode())
    terminal.read_until(b"you> ")
    terminal.type(b"1\n")
    terminal.read_until(b"latitude and longitude")
    terminal.read_until(b"you> ")
    terminal.type(b"52.52 13.40\n")
    terminal.read_until(b"Time zone set to \x1b[1mEurope/Berlin\x1b[22m")  # <b> as ANSI bold, on a terminal only
    terminal.read_until(b"you> ")
    terminal.type(b"\x04")  # Ctrl-D

    assert terminal.exit_status() == 0


def test_ctrl_c_at_the_prompt_exits_zero_and_restores_the_terminal(terminal: PseudoTerminal) -> None:
    import termios

    modes = termios.tcgetattr(terminal.primary)
    terminal.read_until(b"you> ")
    terminal.type(b"\x03")  # Ctrl-C: the terminal sends SIGINT while readline has echo switched off

    assert terminal.exit_status() == 0
    assert termios.tcgetattr(terminal.primary)[3] == modes[3]  # echo and line mode are back
