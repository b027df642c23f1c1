"""Start the real ``rls-coach run`` process for end-to-end tests, with its log in a file."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from support.fake_bot_api import FakeBotApi


def rls_coach_command() -> list[str]:
    """The installed console script next to this interpreter, or ``python -m bot``."""
    script = Path(sys.executable).with_name("rls-coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def run_rls_coach(*args: str, cwd: Path, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the console script with none of our settings from this environment, plus ``env``."""
    from bot.config import setting_names  # the bot's own list, so a new setting never leaks in from the shell

    ours = set(setting_names())
    clean_env = {name: value for name, value in os.environ.items() if name.upper() not in ours}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def bot_environment(api: FakeBotApi, database_url: str, **extra: str) -> dict[str, str]:
    """The process environment: this one, plus the fake Bot API, the database and ``extra``."""
    return {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_URL": api.url,
        "DATABASE_URL": database_url,
        **extra,
    }


class BotProcess:
    """One ``rls-coach run`` process; stdout and stderr go to ``<name>.log`` in ``workdir``."""

    def __init__(self, workdir: Path, env: dict[str, str], name: str) -> None:
        self.log_path = workdir / f"{name}.log"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [*rls_coach_command(), "run"], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as in a crash or an OOM kill."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def terminate(self, timeout: float = 20) -> int:
        """SIGTERM, as a container runtime sends on stop; returns the exit status."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def running(self) -> bool:
        return self.process.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def delivery_ticks(self) -> int:
        """Runs of the periodic delivery tick this process has finished (APScheduler logs each one at DEBUG)."""
        return len(re.findall(r'Job "delivery-tick \(.*\)" executed successfully', self.log()))
