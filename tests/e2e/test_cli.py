"""The console script as a person meets it: help, missing or malformed settings, database upgrade."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from support.bot_process import run_rls_coach
from support.fake_bot_api import DEFAULT_TOKEN, FakeBotApi

pytestmark = pytest.mark.e2e


def test_help_explains_the_commands(tmp_path: Path) -> None:
    result = run_rls_coach("--help", cwd=tmp_path)
    assert result.returncode == 0
    for word in ("run", "db", "TELEGRAM_BOT_TOKEN", "restless legs"):
        assert word in result.stdout


def test_run_without_token_names_the_variable_and_botfather_without_traceback(tmp_path: Path) -> None:
    result = run_rls_coach("run", cwd=tmp_path)
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "BotFather" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "rls-coach.db").exists()


@pytest.mark.parametrize("token", ["not-a-token", "123456 abc", "abc:def"])
def test_run_with_malformed_token_is_rejected_without_echoing_it(tmp_path: Path, token: str) -> None:
    result = run_rls_coach("run", cwd=tmp_path, TELEGRAM_BOT_TOKEN=token)
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "BotFather" in result.stderr
    assert token not in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_is_reported_in_one_line(tmp_path: Path) -> None:
    result = run_rls_coach("run", cwd=tmp_path, TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN, SEND_RATE="fast")
    assert result.returncode == 2
    assert "SEND_RATE" in result.stderr and "Traceback" not in result.stderr


def test_a_send_rate_above_telegrams_free_limit_needs_paid_broadcasts(tmp_path: Path) -> None:
    result = run_rls_coach("run", cwd=tmp_path, TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN, SEND_RATE="100")
    assert result.returncode == 2
    assert "SEND_RATE above 30 needs ALLOW_PAID_BROADCAST=true" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert Settings(send_rate=1000, allow_paid_broadcast=True).send_rate == 1000


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DEFAULT_REMINDER_TIME=25:00\n")
    result = run_rls_coach("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 2
    assert "DEFAULT_REMINDER_TIME" in result.stderr


def test_db_upgrade_creates_the_default_sqlite_file_and_is_repeatable(tmp_path: Path) -> None:
    for _ in range(2):
        result = run_rls_coach("db", "upgrade", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "rls-coach.db").exists()


def test_unreachable_bot_api_is_one_clear_line(tmp_path: Path) -> None:
    result = run_rls_coach("run", cwd=tmp_path, TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN, TELEGRAM_API_URL="http://127.0.0.1:9")
    assert result.returncode == 1
    assert "TELEGRAM_API_URL" in result.stderr
    assert "Traceback" not in result.stderr
    assert DEFAULT_TOKEN not in result.stderr


def test_token_rejected_by_telegram_is_reported(tmp_path: Path) -> None:
    with FakeBotApi() as api:
        result = run_rls_coach("run", cwd=tmp_path, TELEGRAM_BOT_TOKEN="999:WRONG", TELEGRAM_API_URL=api.url)
    assert result.returncode == 2
    assert "rejected TELEGRAM_BOT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr
