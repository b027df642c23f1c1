"""The aiohttp transport on its own (bot.server.aiohttp_request), through PTB's Bot over real HTTP: sends and
uploads arrive as PTB's HTTPX transport sends them; 5xx, 429 with retry_after (retried by PTB's rate limiter),
timeouts (read, pool), a refused connection and a reset connection come back as the errors PTB expects; shutdown
with requests in flight fails them at once and the request can be initialized again; a proxy gets the requests;
and TELEGRAM_TRANSPORT picks the transport (the rest of the suite runs on aiohttp, the default).
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from telegram import Bot, InputFile
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest
from tenacity import wait_none

from bot.app import REPLY_CONNECTIONS, build_application
from bot.config import Settings
from bot.content import load_content
from bot.delivery.engine import parallel_sends
from bot.delivery.sender import Sender
from bot.server.aiohttp_request import AiohttpRequest
from bot.store import Outcome
from support.fake_bot_api import FakeBotApi
from support.harness import make_settings

CHAT = 4242


@asynccontextmanager
async def bot_on(api: FakeBotApi, request: AiohttpRequest) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=f"{api.url}/bot", request=request) as bot:
        yield bot


async def test_a_message_and_its_buttons_arrive_as_sent(fake_api: FakeBotApi) -> None:
    async with bot_on(fake_api, AiohttpRequest()) as bot:
        message = await bot.send_message(CHAT, "Évening <b>tip</b> & more", parse_mode="HTML")
    [call] = fake_api.sent_messages(CHAT)
    assert call.params["text"] == "Évening <b>tip</b> & more" and call.params["parse_mode"] == "HTML"
    assert message.chat.id == CHAT


async def test_an_upload_arrives_with_its_name_type_and_bytes(fake_api: FakeBotApi) -> None:
    pdf = b"%PDF-1.4 " + bytes(range(256)) * 40
    async with bot_on(fake_api, AiohttpRequest()) as bot:
        await bot.send_document(CHAT, InputFile(pdf, filename="report.pdf"), caption="Your report")
    [call] = fake_api.sent_documents(CHAT)
    upload = call.files["document"]
    assert (upload.filename, upload.content_type, upload.data) == ("report.pdf", "application/pdf", pdf)
    assert call.params["caption"] == "Your report"


async def test_server_errors_and_refusals_map_to_ptbs_errors(fake_api: FakeBotApi) -> None:
    async with bot_on(fake_api, AiohttpRequest()) as bot:
        fake_api.fail_next("sendMessage", 502)
        with pytest.raises(NetworkError):
            await bot.send_message(CHAT, "a")
        fake_api.fail_next("sendMessage", 400, description="Bad Request: chat not found")
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(CHAT, "b")
        fake_api.fail_next("sendMessage", 429, retry_after=3)
        with pytest.raises(RetryAfter) as retry:
            await bot.send_message(CHAT, "c")
        assert retry.value.retry_after == timedelta(seconds=3)
        await bot.send_message(CHAT, "d")  # the transport still works after every error
    assert [call.params["text"] for call in fake_api.sent_messages(CHAT)] == ["d"]


async def test_ptbs_rate_limiter_waits_out_a_429_and_retries(fake_api: FakeBotApi) -> None:
    fake_api.fail_next("sendMessage", 429, retry_after=1)
    limiter = AIORateLimiter(max_retries=1)
    async with ExtBot(
        fake_api.token, base_url=f"{fake_api.url}/bot", request=AiohttpRequest(), rate_limiter=limiter
    ) as bot:
        started = time.monotonic()
        await bot.send_message(CHAT, "after the wait")
        assert time.monotonic() - started >= 1.0
    assert len(fake_api.attempts("sendMessage", CHAT)) == 2
    assert [call.params["text"] for call in fake_api.sent_messages(CHAT)] == ["after the wait"]


async def test_a_slow_answer_times_out(fake_api: FakeBotApi) -> None:
    fake_api.delay("sendMessage", 2.0)
    async with bot_on(fake_api, AiohttpRequest(read_timeout=0.2)) as bot:
        started = time.monotonic()
        with pytest.raises(TimedOut):
            await bot.send_message(CHAT, "slow")
        assert time.monotonic() - started < 1.5
    async with bot_on(fake_api, AiohttpRequest(read_timeout=30)) as bot, asyncio.timeout(1.5):
        with pytest.raises(TimedOut):  # a per-call timeout overrides the instance's
            await bot.send_message(CHAT, "slow again", read_timeout=0.1)


async def test_a_full_pool_times_out_without_sending(fake_api: FakeBotApi) -> None:
    fake_api.delay("sendMessage", 1.0)
    async with bot_on(fake_api, AiohttpRequest(connection_pool_size=1, pool_timeout=0.1)) as bot:
        first = asyncio.create_task(bot.send_message(CHAT, "holds the only connection"))
        await asyncio.sleep(0.2)
        with pytest.raises(TimedOut):
            await bot.send_message(CHAT + 1, "waits for it")
        await first
    assert fake_api.attempts("sendMessage", CHAT + 1) == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_refused_connection_is_a_network_error() -> None:
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError):
            await request.post(f"http://127.0.0.1:{_free_port()}/botTOKEN/getMe")
    finally:
        await request.shutdown()


async def test_a_connection_reset_mid_request_is_a_network_error() -> None:
    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readline()
        writer.transport.abort()  # a reset, no answer

    server = await asyncio.start_server(hang_up, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError):
            await request.post(f"http://127.0.0.1:{port}/botTOKEN/getMe")
    finally:
        await request.shutdown()
        server.close()
        await server.wait_closed()


async def test_shutdown_fails_requests_in_flight_and_initialize_reopens(fake_api: FakeBotApi) -> None:
    fake_api.delay("sendMessage", 5.0)
    request = AiohttpRequest()
    bot = Bot(fake_api.token, base_url=f"{fake_api.url}/bot", request=request)
    await bot.initialize()
    in_flight = asyncio.create_task(bot.send_message(CHAT, "cut off"))
    await asyncio.sleep(0.3)
    started = time.monotonic()
    await request.shutdown()
    with pytest.raises(NetworkError):
        await in_flight
    assert time.monotonic() - started < 2.0
    with pytest.raises(NetworkError, match="not initialized"):  # PTB wraps the transport's RuntimeError
        await request.post(f"{fake_api.url}/bot{fake_api.token}/getMe")
    await request.shutdown()  # twice is harmless
    fake_api.delay("sendMessage", 0)
    await request.initialize()
    await bot.send_message(CHAT, "after a restart")
    await bot.shutdown()
    assert [call.params["text"] for call in fake_api.sent_messages(CHAT)] == ["after a restart"]


async def test_a_proxy_gets_every_request() -> None:
    seen: list[str] = []
    answer = json.dumps({"ok": True, "result": {"id": 1, "is_bot": True, "first_name": "RLS", "username": "b"}})

    async def proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append((await reader.readline()).decode().strip())
        while (await reader.readline()).strip():
            pass  # headers
        body = answer.encode()
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: %d\r\n\r\n"
        writer.write(head % len(body) + body)
        await writer.drain()
        await reader.read()  # until the client hangs up: closing first could cut the answer off
        writer.close()

    server = await asyncio.start_server(proxy, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    bot = Bot(
        "1:x", base_url="http://api.example.invalid/bot", request=AiohttpRequest(proxy=f"http://127.0.0.1:{port}")
    )
    try:
        async with bot:
            assert (await bot.get_me()).username == "b"
    finally:
        server.close()
        await server.wait_closed()
    assert seen and all(line.startswith("POST http://api.example.invalid/bot1:x/getMe") for line in seen)


def test_the_transport_follows_the_setting(fake_api: FakeBotApi, sqlite_url: str) -> None:
    content = load_content()
    settings = make_settings(fake_api, sqlite_url, send_rate=25)
    built = build_application(settings, content, token=fake_api.token)
    request = built.application.bot.request
    assert isinstance(request, AiohttpRequest)
    assert request.pool_size == 2 * parallel_sends(25) + REPLY_CONNECTIONS
    switched = Settings.model_validate({**settings.model_dump(), "telegram_transport": "httpx"})
    assert isinstance(build_application(switched, content, token=fake_api.token).application.bot.request, HTTPXRequest)


@asynccontextmanager
async def sender_on(api: FakeBotApi, request: AiohttpRequest) -> AsyncIterator[Sender]:
    async with ExtBot(api.token, base_url=f"{api.url}/bot", request=request) as bot:
        yield Sender(bot, retry_wait=wait_none())


async def test_a_lost_answer_is_unknown_and_never_sent_again(fake_api: FakeBotApi) -> None:
    fake_api.delay("sendMessage", 1.0)
    async with sender_on(fake_api, AiohttpRequest(read_timeout=0.2)) as sender:
        result = await sender.send(CHAT, "tonight's tip")
    assert (result.outcome, result.reason) == (Outcome.UNKNOWN, "unknown")
    assert len(fake_api.attempts("sendMessage", CHAT)) == 1  # the server had it: it is not sent again


async def test_a_dropped_connection_mid_answer_is_unknown(fake_api: FakeBotApi) -> None:
    fake_api.delay("sendMessage", 5.0)
    request = AiohttpRequest()
    async with sender_on(fake_api, request) as sender:
        sending = asyncio.create_task(sender.send(CHAT, "cut off"))
        await asyncio.sleep(0.3)
        await request.shutdown()  # the connection closes under the request, after the server took it
        result = await sending
    assert result.outcome == Outcome.UNKNOWN


async def test_a_failure_before_sending_is_retried(fake_api: FakeBotApi) -> None:
    async with sender_on(fake_api, AiohttpRequest()) as sender:
        fake_api.fail_next("sendMessage", 502, times=2)
        assert (await sender.send(CHAT, "after two 502s")).outcome == Outcome.SENT
    assert len(fake_api.attempts("sendMessage", CHAT)) == 3
    nobody = ExtBot("1:x", base_url=f"http://127.0.0.1:{_free_port()}/bot", request=AiohttpRequest())
    await nobody.request.initialize()  # not bot.initialize(): that would call getMe
    try:
        result = await Sender(nobody, retry_wait=wait_none()).send(CHAT, "nobody listens")
    finally:
        await nobody.request.shutdown()
    assert (result.outcome, result.reason) == (None, "server_error")  # handed back, to be tried again later
