"""An operator's mistakes end in one line that names what to fix, in process: a database that never answers, a port in
use, a host that is not this machine. The same mistakes met by the real process are in
``e2e/test_operator_errors_end_to_end.py``.
"""

from __future__ import annotations

import time

import pytest
from aiohttp import web

import bot.store.db
from bot.cli import main
from bot.config import OperatorError
from bot.server.web import start_web_server

PASSWORD = "hunter2-very-secret"


# --- DATABASE_URL -------------------------------------------------------------------------------------------


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


# --- HTTP_PORT and METRICS_PORT ------------------------------------------------------------------------------------


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
