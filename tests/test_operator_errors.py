"""An operator's mistakes end in one line that names the setting and what it expects, and a non-zero exit.

Settings are checked in a subprocess (`rls-coach db upgrade` exits before touching anything), failures of the
machine (a port in use, a database that never answers) in process or, marked e2e, by starting the real bot.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

import bot.store.db
from bot.cli import main
from bot.config import OperatorError, Settings, setting_names, unknown_setting_problems
from bot.server.web import start_web_server
from bot_process import bot_environment, free_port, rls_coach_command, run_rls_coach
from fake_bot_api import FakeBotApi

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


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word, like a firewalled or hung database."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port another program listens on."""
    with socket.socket() as listener:
        listener.bind(("0.0.0.0", 0))
        listener.listen(1)
        yield listener.getsockname()[1]


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# --- DATABASE_URL -------------------------------------------------------------------------------------------


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


def test_a_database_that_never_answers_is_reported_after_the_connect_timeout(
    silent_server: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bot.store.db, "CONNECT_TIMEOUT_SECONDS", 0.5)
    monkeypatch.setenv("DATABASE_URL", f"postgresql://rls:{PASSWORD}@127.0.0.1:{silent_server}/rls")
    started = time.monotonic()

    status = main(["db", "upgrade"])

    assert status == 1
    assert time.monotonic() - started < 5
    error = capsys.readouterr().err.strip()
    assert error.splitlines() == [error]
    assert f"the database at 127.0.0.1:{silent_server} did not answer within 0.5 seconds" in error
    assert "DATABASE_URL" in error and PASSWORD not in error


@pytest.mark.e2e
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


# --- the .env file --------------------------------------------------------------------------------------------


def test_a_dotenv_saved_as_utf16_is_named_and_must_be_utf8(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SEND_RATE=5\n", encoding="utf-16")
    result = run_rls_coach("db", "upgrade", cwd=tmp_path)
    assert_one_clear_line(result, 2, ".env", "UTF-8")


def test_a_dotenv_saved_with_a_byte_order_mark_is_read_in_full(tmp_path: Path) -> None:
    # Notepad's "UTF-8 with BOM": the mark must not hide the first variable.
    (tmp_path / ".env").write_text("DEFAULT_REMINDER_TIME=25:00\n", encoding="utf-8-sig")
    result = run_rls_coach("db", "upgrade", cwd=tmp_path)
    assert_one_clear_line(result, 2, "DEFAULT_REMINDER_TIME")


# --- names that look like ours --------------------------------------------------------------------------------


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


@pytest.mark.parametrize(
    "name",
    [
        *("PATH", "HOME", "LANG", "LOGNAME", "HOSTNAME", "PGPORT", "POSTGRES_PASSWORD", "TEST_POSTGRES_URL"),
        *("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "PTB_TIMEDELTA", "TELEGRAM_API_ID", "TELEGRAM_API_HASH"),
        "TELEGRAM_LOCAL",
        # Kubernetes service links for services named "database", "metrics" or "http"
        *("DATABASE_SERVICE_HOST", "DATABASE_PORT", "DATABASE_PORT_5432_TCP_ADDR", "METRICS_SERVICE_PORT_WEB"),
        "HTTP_PORT_8080_TCP",
    ],
)
def test_other_programs_variables_are_left_alone(name: str) -> None:
    assert unknown_setting_problems([name]) == []


def test_our_own_names_in_any_case_are_not_unknown() -> None:
    assert unknown_setting_problems([*setting_names(), "send_rate", "Log_Level"]) == []


def test_a_variable_of_another_program_does_not_stop_the_upgrade(tmp_path: Path) -> None:
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, HTTP_PROXY="http://proxy:3128", TELEGRAM_API_ID="12345")
    assert result.returncode == 0, result.stderr


# --- ports ----------------------------------------------------------------------------------------------------


def test_metrics_port_must_differ_from_the_http_port(tmp_path: Path) -> None:
    result = run_rls_coach("db", "upgrade", cwd=tmp_path, HTTP_PORT="8080", METRICS_PORT="8080")
    assert_one_clear_line(result, 2, "METRICS_PORT must differ from HTTP_PORT")
    with pytest.raises(ValueError, match="METRICS_PORT"):
        Settings(webhook_url="https://bot.example.org/tg", metrics_port=8080)


@pytest.mark.parametrize(
    ("host_setting", "port_setting"), [("HTTP_HOST", "HTTP_PORT"), ("METRICS_HOST", "METRICS_PORT")]
)
async def test_a_port_in_use_names_its_setting(busy_port: int, host_setting: str, port_setting: str) -> None:
    with pytest.raises(OperatorError) as failure:
        await start_web_server(
            web.Application(), "0.0.0.0", busy_port, host_setting=host_setting, port_setting=port_setting
        )
    message = str(failure.value)
    assert f"{port_setting}={busy_port} is already in use" in message
    assert "database" not in message.lower()


async def test_a_host_that_is_not_on_this_machine_names_the_host_setting(closed_port: int) -> None:
    with pytest.raises(OperatorError, match="Check HTTP_HOST"):
        await start_web_server(web.Application(), "192.0.2.1", closed_port)  # TEST-NET-1: never ours


@pytest.mark.e2e
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
