"""The HTTP side: webhook secret and body checks, /healthz, and /metrics on its own server (in process)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.server.web import MAX_UPDATE_BYTES, build_metrics_app, build_web_app
from support.fake_bot_api import FakeBotApi
from support.harness import BotHarness, make_settings

SECRET = "correct-horse_battery-staple"
PATH = "/telegram/webhook"


@pytest.fixture
async def client(harness: BotHarness) -> AsyncIterator[TestClient[Any, Any]]:
    web_app = build_web_app(harness.bot_app, mode="webhook", webhook_path=PATH, secret=SECRET)
    async with TestClient(TestServer(web_app)) as test_client:
        yield test_client


@pytest.fixture
async def metrics_client(harness: BotHarness) -> AsyncIterator[TestClient[Any, Any]]:
    async with TestClient(TestServer(build_metrics_app(harness.bot_app))) as test_client:
        yield test_client


def text_update(api: FakeBotApi, update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    return {"update_id": update_id, **api.text_update(chat_id, text)}


@pytest.mark.parametrize("headers", [{}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}])
async def test_webhook_without_the_right_secret_is_refused_and_never_handled(
    client: TestClient[Any, Any], harness: BotHarness, headers: dict[str, str]
) -> None:
    response = await client.post(PATH, json=text_update(harness.api, 1, 501, "/help"), headers=headers)
    assert response.status == 403
    await harness.say(502, "/help")  # fetched after 501's would have been
    await harness.bot_app.application.update_queue.join()  # and every fetched update handled
    assert harness.api.sent_messages(501) == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"{not json", id="not JSON"),
        pytest.param(b"\xff\xfe{\x00}\x00", id="not UTF-8"),
        pytest.param(b"", id="empty"),
        pytest.param(b"[1, 2]", id="a JSON list"),
        pytest.param(b'"hello"', id="a JSON string"),
        pytest.param(b'{"update_id": "x"}', id="a string update_id"),
        pytest.param(b'{"update_id": true}', id="a boolean update_id"),
        pytest.param(b'{"update_id": -1}', id="a negative update_id"),
        pytest.param(b'{"update_id": 1e400}', id="an infinite update_id"),
        pytest.param(b'{"update_id": 99999999999999999999999}', id="an update_id past 64 bits"),
        pytest.param(b'{"update_id": 8, "message": "hello"}', id="a message that is a string"),
        pytest.param(b'{"update_id": 8, "message": {"message_id": 1}}', id="a message without chat or date"),
        pytest.param(b'{"update_id": 8, "callback_query": [1]}', id="a callback query that is a list"),
        pytest.param(b"[" * 100_000, id="100,000 nested ["),
        pytest.param(b'{"a":' * 100_000, id="100,000 nested objects"),
        pytest.param(
            b'{"update_id": 8, "message": ' + b'{"reply_to_message": ' * 900 + b"{}" + b"}" * 901, id="deep replies"
        ),
    ],
)
async def test_webhook_with_a_body_that_is_not_an_update_gets_400_and_reaches_no_handler(
    client: TestClient[Any, Any], harness: BotHarness, body: bytes
) -> None:
    response = await client.post(PATH, data=body, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert response.status == 400
    assert await response.json() == {"ok": False, "error": "malformed update"}
    await assert_webhook_still_answers(client, harness)


async def test_webhook_body_over_the_size_limit_gets_400(client: TestClient[Any, Any], harness: BotHarness) -> None:
    update = text_update(harness.api, 9, 504, "/help")
    update["message"]["text"] = "/help " + "x" * MAX_UPDATE_BYTES
    response = await client.post(PATH, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert response.status == 400
    assert harness.api.sent_messages(504) == []
    await assert_webhook_still_answers(client, harness)


async def assert_webhook_still_answers(client: TestClient[Any, Any], harness: BotHarness) -> None:
    response = await client.post(
        PATH, json=text_update(harness.api, 10, 505, "/help"), headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
    )
    assert response.status == 200
    await harness.api.await_messages(505, 1)
    assert [call.params["chat_id"] for call in harness.api.sent_messages()] == [505]


async def test_webhook_update_is_answered_through_the_bot_api(
    client: TestClient[Any, Any], harness: BotHarness
) -> None:
    response = await client.post(
        PATH, json=text_update(harness.api, 7, 503, "/help"), headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
    )
    assert response.status == 200
    replies = await harness.api.await_messages(503, 1)
    assert "/subscribe" in str(replies[0].params["text"])


async def test_healthz_reports_ok_then_503_when_the_tick_stalls(
    client: TestClient[Any, Any], harness: BotHarness
) -> None:
    await harness.engine.tick()
    response = await client.get("/healthz")
    assert response.status == 200
    body = await response.json()
    assert body == {"status": "ok", "database": "ok", "seconds_since_last_tick": 0.0, "mode": "webhook", "role": "all"}

    harness.clock.advance(minutes=3)
    response = await client.get("/healthz")
    assert response.status == 503
    assert (await response.json())["status"] == "unhealthy"


async def test_metrics_are_not_served_next_to_the_webhook(client: TestClient[Any, Any]) -> None:
    assert (await client.get("/metrics")).status == 404


def test_the_metrics_server_listens_on_loopback_only_by_default() -> None:
    assert Settings.model_fields["metrics_host"].default == "127.0.0.1"
    assert Settings.model_fields["metrics_port"].default is None  # no metrics server unless METRICS_PORT is set


async def test_metrics_count_updates_and_reminders_sent_and_failed(
    metrics_client: TestClient[Any, Any], harness: BotHarness
) -> None:
    for chat_id in (601, 602, 603):
        await harness.say(chat_id, "/timezone UTC")
        await harness.say(chat_id, "/subscribe 20:00")
    harness.api.fail_chat(602, 403)
    harness.api.fail_chat(603, 400, "Bad Request: chat not found")
    harness.clock.advance(hours=9, seconds=30)
    await harness.engine.tick()

    response = await metrics_client.get("/metrics")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    metrics = await response.text()
    assert 'rls_updates_handled_total{command="subscribe"} 3.0' in metrics
    assert 'rls_reminders_sent_total{kind="reminder"} 1.0' in metrics
    assert 'rls_reminders_failed_total{reason="blocked"} 1.0' in metrics
    assert 'rls_reminders_failed_total{reason="bad_request"} 1.0' in metrics
    assert "rls_active_subscribers 2.0" in metrics  # the blocked chat is no longer scheduled
    assert "rls_delivery_lateness_seconds_bucket" in metrics
    assert "rls_due_backlog 0.0" in metrics


class TestHealthOnPostgres:
    """/healthz on PostgreSQL: 200, then 503 once the database is gone."""

    @pytest.fixture
    def harness_settings(self, fake_api: FakeBotApi, postgres_url: str) -> Settings:
        return make_settings(fake_api, postgres_url)

    @pytest.mark.postgres
    async def test_healthz_is_503_after_the_database_goes_away(
        self, client: TestClient[Any, Any], harness: BotHarness, postgres_url: str
    ) -> None:
        await harness.engine.tick()
        assert (await client.get("/healthz")).status == 200

        url = make_url(postgres_url)
        admin = await asyncpg.connect(url.set(drivername="postgresql", database="postgres").render_as_string(False))
        await admin.execute(f'DROP DATABASE "{url.database}" WITH (FORCE)')
        await admin.close()
        harness.clock.advance(seconds=5)

        response = await client.get("/healthz")
        assert response.status == 503
        assert (await response.json())["database"] == "unreachable"


async def test_tick_age_counts_from_start_before_the_first_tick(
    client: TestClient[Any, Any], harness: BotHarness
) -> None:
    body = await (await client.get("/healthz")).json()
    assert body["seconds_since_last_tick"] is None
    harness.clock.advance(minutes=5)
    assert (await client.get("/healthz")).status == 503
