"""An operator's mistakes end in one line that names the setting and what it expects, and a non-zero exit: the real
console script, started as a process.

Settings are checked by `rls-coach db upgrade` (it exits before touching anything); failures of the machine (a port in
use, a database that never answers) by starting the real bot. The same failures in process are in
``integration/test_operator_errors.py``.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

import bot.store.db
from bot.config import Settings, setting_names
from support.bot_process import bot_environment, free_port, rls_coach_command, run_rls_coach
from support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e

PASSWORD = "hunter2-very-secret"


def assert_one_clear_line(result: subprocess.CompletedProcess[str], status: int, *words: str) -> str:
    """The process failed with ``status`` and one stderr line, no traceback, containing every word."""
    assert result.returncode == status, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


def test_a_non_numeric_port_in_the_database_url_is_named_without_the_password(tmp_path: Path) -> None:
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, DATABASE_URL=f"postgresql://rls:{PASSWORD}@db:abc/rls")
    line = assert_one_clear_line(result, 2, "DATABASE_URL", "numeric port")
    assert PASSWORD not in line


@pytest.mark.parametrize("url", ["mysql://rls:pw@db/rls", "postgresql+psycopg2://rls:pw@db/rls", "oracle://db"])
def test_an_unsupported_database_names_the_supported_schemes(tmp_path: Path, url: str) -> None:
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, DATABASE_URL=url)
    assert_one_clear_line(result, 2, "DATABASE_URL", "not supported", "sqlite://", "postgresql://")


def test_a_database_url_that_does_not_parse_shows_an_example(tmp_path: Path) -> None:
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, DATABASE_URL="rls-coach.db")
    assert_one_clear_line(result, 2, "DATABASE_URL", "sqlite:///", "postgresql://")


def test_a_refused_database_connection_is_one_line_with_host_and_port(tmp_path: Path, closed_port: int) -> None:
    url = f"postgresql://rls:{PASSWORD}@127.0.0.1:{closed_port}/rls"
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, DATABASE_URL=url)
    line = assert_one_clear_line(result, 1, f"127.0.0.1:{closed_port}", "DATABASE_URL")
    assert PASSWORD not in line


def test_a_sqlite_file_in_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'no-such-folder' / 'rls-coach.db'}"
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, DATABASE_URL=url)
    assert_one_clear_line(result, 1, "no-such-folder", "DATABASE_URL")


def test_the_real_process_gives_up_on_a_silent_database_within_its_stated_timeout(
    tmp_path: Path, silent_server: int
) -> None:
    url = f"postgresql://rls:{PASSWORD}@127.0.0.1:{silent_server}/rls"
    started = time.monotonic()
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, DATABASE_URL=url)
    assert time.monotonic() - started < bot.store.db.CONNECT_TIMEOUT_SECONDS + 10
    seconds = f"{bot.store.db.CONNECT_TIMEOUT_SECONDS:g} seconds"
    line = assert_one_clear_line(result, 1, f"127.0.0.1:{silent_server} did not answer within {seconds}")
    assert PASSWORD not in line


def test_a_dotenv_saved_as_utf16_is_named_and_must_be_utf8(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SEND_RATE=5\n", encoding="utf-16")
    result = run_rls_coach("db", "upgrade", cwd=tmp_path)
    assert_one_clear_line(result, 2, ".env", "UTF-8")


def test_a_dotenv_saved_with_a_byte_order_mark_is_read_in_full(tmp_path: Path) -> None:
    # Notepad's "UTF-8 with BOM": the mark must not hide the first variable.
    (tmp_path / ".env").write_text("DEFAULT_REMINDER_TIME=25:00\n", encoding="utf-8-sig")
    result = run_rls_coach("db", "upgrade", cwd=tmp_path)
    assert_one_clear_line(result, 2, "DEFAULT_REMINDER_TIME")


def test_a_setting_we_do_not_have_is_named_with_the_real_ones(tmp_path: Path) -> None:
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, DEFAULT_LANGUAGE="xx")
    line = assert_one_clear_line(result, 2, "DEFAULT_LANGUAGE is not a setting")
    assert all(name in line for name in setting_names())
    assert not (tmp_path / "rls-coach.db").exists()


def test_a_misspelt_setting_in_the_environment_suggests_the_right_name(tmp_path: Path) -> None:
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, SEND_RAET="5")
    assert_one_clear_line(result, 2, "SEND_RAET", "did you mean SEND_RATE?")


def test_a_misspelt_setting_in_the_dotenv_file_suggests_the_right_name(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKN=123:abc\n")
    result = run_rls_coach("db", "upgrade", cwd=tmp_path)
    assert_one_clear_line(result, 2, "TELEGRAM_BOT_TOKN", "did you mean TELEGRAM_BOT_TOKEN?")


def test_every_unknown_name_and_every_bad_value_share_the_one_line(tmp_path: Path) -> None:
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, LOG_LEVLE="DEBUG", SEND_RATE="fast")
    assert_one_clear_line(result, 2, "did you mean LOG_LEVEL?", "SEND_RATE is invalid")


def test_a_variable_of_another_program_does_not_stop_the_upgrade(tmp_path: Path) -> None:
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, HTTP_PROXY="http://proxy:3128", TELEGRAM_API_ID="12345")
    assert result.returncode == 0, result.stderr


def test_metrics_port_must_differ_from_the_http_port(tmp_path: Path) -> None:
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, HTTP_PORT="8080", METRICS_PORT="8080")
    assert_one_clear_line(result, 2, "METRICS_PORT must differ from HTTP_PORT")
    with pytest.raises(ValueError, match="METRICS_PORT"):
        Settings(webhook_url="https://bot.example.org/tg", metrics_port=8080)


@pytest.mark.parametrize("setting", ["HTTP_PORT", "METRICS_PORT"])
def test_the_real_bot_names_the_port_in_use_not_the_database_and_registers_no_webhook(
    tmp_path: Path, sqlite_url: str, busy_port: int, setting: str
) -> None:
    ports = {"HTTP_PORT": str(free_port()), "METRICS_PORT": str(free_port()), setting: str(busy_port)}
    with FakeBotApi() as api:
        env = bot_environment(api, sqlite_url, WEBHOOK_URL="https://bot.example.org/tg", **ports)
        result = subprocess.run(
            [*rls_coach_command(), "run"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )
        assert api.calls("setWebhook") == []  # Telegram is never pointed at a bot that is about to exit
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("rls-coach: error:")]
    assert len(errors) == 1, result.stderr
    assert f"{setting}={busy_port} is already in use" in errors[0]
    assert "database" not in errors[0].lower()
    assert "Traceback" not in result.stderr
