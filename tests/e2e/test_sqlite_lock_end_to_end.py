"""End to end: one ``rls-coach run`` per SQLite file. A second is refused at once; a kill -9 leaves no stale lock;
``rls-coach chat`` shares the file with the running bot."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from support.bot_process import BotProcess, bot_environment, rls_coach_command
from support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e


def _answers_help(api: FakeBotApi, chat_id: int) -> None:
    api.send_text(chat_id, "/help")
    [reply] = api.wait_for_messages(chat_id, 1, timeout=30)
    assert "/subscribe" in str(reply.params["text"])


def test_a_second_process_on_the_same_sqlite_file_is_refused_and_a_crash_leaves_no_stale_lock(
    tmp_path: Path, sqlite_url: str, processes: list[BotProcess]
) -> None:
    database = (tmp_path / "rls-coach.db").resolve()
    with FakeBotApi() as api:
        env = bot_environment(api, sqlite_url)
        first = BotProcess(tmp_path, env, "first")
        processes.append(first)
        api.wait_for(lambda: bool(api.calls("setMyCommands")), timeout=60)
        calls_before = len(api.calls())

        second = BotProcess(tmp_path, env, "second")
        processes.append(second)
        assert second.process.wait(timeout=10) == 1
        refusal = second.log()
        assert refusal.strip().splitlines() == [
            f"rls-coach: error: Another rls-coach is already running on {database}. SQLite supports one bot "
            "process; stop the other one, or use PostgreSQL (DATABASE_URL=postgresql://…) to run several."
        ]
        assert not any(call.method == "getMe" for call in api.calls()[calls_before:]), "the second never connected"
        assert first.running()
        _answers_help(api, 901)

        # The console shares the file with a running bot by design: it takes no lock.
        chat = subprocess.run(
            [*rls_coach_command(), "chat"],
            input="/start\n",
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert chat.returncode == 0, chat.stderr
        assert "bot> 👋 Welcome to RLS Coach" in chat.stdout
        assert first.running()

        first.kill()
        third = BotProcess(tmp_path, env, "third")
        processes.append(third)
        _answers_help(api, 902)
        assert third.terminate() == 0
