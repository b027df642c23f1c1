"""End to end for operators: the real process in webhook mode with JSON debug logs, health, metrics, SIGTERM.

Nothing here waits for a due minute, so it runs in seconds.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.bot_process import BotProcess, bot_environment, free_port
from support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
WEBHOOK_PATH = "/hooks/telegram"


def http(url: str, *, body: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, headers=headers or {}, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for_http(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            http(url)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")


def update_body(api: FakeBotApi, update_id: int, chat_id: int, text: str) -> bytes:
    return json.dumps({"update_id": update_id, **api.text_update(chat_id, text)}).encode()


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def test_webhook_mode_health_metrics_json_logs_and_clean_sigterm(
    api: FakeBotApi, tmp_path: Path, sqlite_url: str, processes: list[BotProcess]
) -> None:
    port, metrics_port = free_port(), free_port()
    env = bot_environment(
        api,
        sqlite_url,
        WEBHOOK_URL=f"https://bot.example.org{WEBHOOK_PATH}",
        HTTP_HOST="127.0.0.1",
        HTTP_PORT=str(port),
        METRICS_PORT=str(metrics_port),
        LOG_LEVEL="DEBUG",
        LOG_FORMAT="json",
        TICK_SECONDS="1",
    )
    bot = BotProcess(tmp_path, env, "webhook")
    processes.append(bot)
    api.wait_for(lambda: bool(api.calls("setWebhook")), timeout=60)
    registered = api.calls("setWebhook")[-1].params
    assert registered["url"] == f"https://bot.example.org{WEBHOOK_PATH}"
    secret = str(registered["secret_token"])
    assert 16 <= len(secret) <= 256
    base = f"http://127.0.0.1:{port}"
    wait_for_http(f"{base}/healthz")
    hook = f"{base}{WEBHOOK_PATH}"

    assert http(hook, body=update_body(api, 1, 701, "/help"))[0] == 403
    assert (
        http(hook, body=update_body(api, 2, 701, "/help"), headers={"X-Telegram-Bot-Api-Secret-Token": "x"})[0] == 403
    )
    good = {"X-Telegram-Bot-Api-Secret-Token": secret, "Content-Type": "application/json"}
    assert http(hook, body=b"{broken", headers=good)[0] == 400
    assert http(hook, body=update_body(api, 3, 702, "/help"), headers=good)[0] == 200
    api.wait_for_messages(702, 1)
    assert api.sent_messages(701) == []

    # An error while handling an update: the reply fails, the error handler logs a traceback.
    api.fail_chat(703, 400, "Bad Request: message is too long")
    assert http(hook, body=update_body(api, 4, 703, "/causes"), headers=good)[0] == 200
    api.wait_for(lambda: len(api.attempts("sendMessage", 703)) >= 2, timeout=20)

    status, body = http(f"{base}/healthz")
    health = json.loads(body)
    assert status == 200, health
    assert health["status"] == "ok" and health["database"] == "ok" and health["mode"] == "webhook"
    assert http(f"{base}/metrics")[0] == 404  # the webhook's server may face the internet
    status, body = http(f"http://127.0.0.1:{metrics_port}/metrics")
    assert status == 200
    assert b'rls_updates_handled_total{command="help"} 1.0' in body

    assert bot.terminate() == 0

    log = bot.log()
    assert api.token not in log
    assert api.token.split(":")[1] not in log
    assert secret not in log  # setWebhook's parameters are logged at DEBUG
    records = [json.loads(line) for line in log.splitlines() if line.strip()]
    assert {"level", "name", "message", "asctime"} <= set(records[0])
    assert any(record["level"] == "DEBUG" for record in records)
    # At ERROR, where and what failed, without the exception's message (it may quote a person); all of it at DEBUG.
    assert any(record["level"] == "ERROR" and "BadRequest, at" in record["message"] for record in records)
    assert any(record["level"] == "DEBUG" and "exc_info" in record for record in records)


def test_polling_mode_serves_health_only_when_http_port_is_set(
    api: FakeBotApi, tmp_path: Path, sqlite_url: str, processes: list[BotProcess]
) -> None:
    port = free_port()
    bot = BotProcess(tmp_path, bot_environment(api, sqlite_url, HTTP_HOST="127.0.0.1", HTTP_PORT=str(port)), "polling")
    processes.append(bot)
    wait_for_http(f"http://127.0.0.1:{port}/healthz")
    status, body = http(f"http://127.0.0.1:{port}/healthz")
    assert status == 200
    assert json.loads(body)["mode"] == "polling"
    assert api.calls("setWebhook") == []
    assert bot.terminate() == 0
