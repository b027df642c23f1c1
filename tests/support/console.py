"""The console as a person uses it: its process environment, started as ``python -m bot chat`` through a pipe or on a
pseudo-terminal, and its transcript read back turn by turn."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

UNREACHABLE_API = "http://127.0.0.1:9"  # nothing listens there: a request would fail the run


def chat_environment() -> dict[str, str]:
    """No token, no DATABASE_URL (so the default file in the working directory), no reachable Bot API."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_", "NO_COLOR"))}
    return env | {"TELEGRAM_API_URL": UNREACHABLE_API, "USER": "Ann"}


def chat_process(cwd: Path, **popen: Any) -> subprocess.Popen[str]:
    """``python -m bot chat`` in ``cwd``, its streams as given."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "chat"], cwd=cwd, env=chat_environment(), text=True, encoding="utf-8", **popen
    )


def turns(transcript: str) -> dict[str, str]:
    """What the person sent (echoed as ``you> …``) → everything printed until their next line."""
    answers: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in transcript.splitlines():
        if line.startswith("you> "):
            current = answers.setdefault(line.removeprefix("you> "), [])
        elif current is not None:
            current.append(line)
    return {said: "\n".join(lines) for said, lines in answers.items()}


class PseudoTerminal:
    """The console on a pseudo-terminal that is its controlling terminal, as a person at a terminal runs it."""

    def __init__(self, cwd: Path) -> None:
        import pty

        env = chat_environment()
        pid, self.primary = pty.fork()
        if pid == 0:  # the child: the pseudo-terminal is its stdin, stdout, stderr and controlling terminal
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, "-m", "bot", "chat"], env)
        self.pid = pid
        self.seen, self._position = b"", 0

    def read_until(self, marker: bytes) -> None:
        """Read until ``marker`` appears after what earlier calls matched."""
        deadline = time.monotonic() + 20
        while marker not in self.seen[self._position :]:
            assert time.monotonic() < deadline, self.seen.decode(errors="replace")
            self.seen += os.read(self.primary, 4096)
        self._position = self.seen.index(marker, self._position) + len(marker)

    def type(self, keys: bytes) -> None:
        os.write(self.primary, keys)

    def exit_status(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.pid = 0
                return os.waitstatus_to_exitcode(status)
            assert time.monotonic() < deadline, self.seen.decode(errors="replace")
            with contextlib.suppress(OSError):  # keep the pseudo-terminal drained so the child never blocks
                if select.select([self.primary], [], [], 0.05)[0]:
                    self.seen += os.read(self.primary, 4096)

    def close(self) -> None:
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.primary)
