"""Tests of the fake Bot API server itself, driven by a real python-telegram-bot ``Bot``."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, EndPointNotFound, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application, CommandHandler, ContextTypes

from support.fake_bot_api import BOT_USERNAME, FakeBotApi, UploadedFile

CHART = b"\x89PNG\r\n\x1a\n not really a chart"
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Done", callback_data="done:1")]])
KEYBOARD_JSON = {"inline_keyboard": [[{"text": "Done", "callback_data": "done:1"}]]}


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest_asyncio.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=f"{fake.url}/bot") as client:
        yield client


def _post(url: str, data: bytes, content_type: str) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@pytest.mark.asyncio
async def test_get_me_and_send_message_are_recorded(fake: FakeBotApi, bot: Bot) -> None:
    assert bot.username == BOT_USERNAME
    assert (await bot.get_me()).first_name == "RLS Coach"
    first = await bot.send_message(42, "Time to stretch", reply_markup=KEYBOARD)
    second = await bot.send_message(42, "123", disable_notification=True)

    assert first.chat.id == 42
    assert first.text == "Time to stretch"
    assert first.from_user is not None
    assert first.reply_markup == KEYBOARD
    assert second.message_id > first.message_id
    sent = fake.sent_messages(42)
    assert [c.params["text"] for c in sent] == ["Time to stretch", "123"]
    assert sent[0].params["chat_id"] == 42
    assert sent[0].params["reply_markup"] == KEYBOARD_JSON
    assert sent[1].params["disable_notification"] is True
    assert [c.method for c in fake.calls()] == ["getMe", "getMe", "sendMessage", "sendMessage"]
    assert fake.sent_messages(43) == []


@pytest.mark.asyncio
async def test_get_updates_offset_confirms_updates(fake: FakeBotApi, bot: Bot) -> None:
    start_id = fake.send_text(7, "/start@rls_coach_test_bot now")
    location_id = fake.send_location(7, 52.52, 13.40)
    assert location_id == start_id + 1
    assert fake.pending_updates() == 2

    updates = await bot.get_updates()
    assert [u.update_id for u in updates] == [start_id, location_id]
    message = updates[0].message
    assert message is not None
    assert message.from_user is not None
    assert message.parse_entities()
    assert list(message.parse_entities().values()) == ["/start@rls_coach_test_bot"]
    location = updates[1].message.location if updates[1].message else None
    assert location is not None
    assert location.latitude == pytest.approx(52.52)

    assert len(await bot.get_updates(offset=start_id + 1)) == 1  # the first one is now confirmed
    assert fake.pending_updates() == 1
    assert await bot.get_updates(offset=location_id + 1) == ()
    assert fake.pending_updates() == 0


@pytest.mark.asyncio
async def test_update_helpers_are_parsed_by_ptb(fake: FakeBotApi, bot: Bot) -> None:
    fake.send_sticker(1)
    fake.send_photo(1)
    fake.send_voice(1)
    fake.send_text(-100, "hello all", user_id=5, first_name="Bob", chat_type="supergroup")
    fake.send_edited_text(1, "edited")
    fake.send_callback(1, "snooze:30", message_id=9)

    sticker, photo, voice, group, edited, callback = await bot.get_updates()

    assert sticker.message
    assert sticker.message.sticker
    assert photo.message
    assert len(photo.message.photo) == 3
    assert voice.message
    assert voice.message.voice
    assert voice.message.voice.mime_type == "audio/ogg"
    assert group.effective_chat
    assert group.effective_chat.type == "supergroup"
    assert group.effective_user
    assert group.effective_user.id == 5
    assert group.effective_user.first_name == "Bob"
    assert edited.edited_message
    assert edited.edited_message.text == "edited"
    query = callback.callback_query
    assert query is not None
    assert query.data == "snooze:30"
    assert query.message
    assert query.message.message_id == 9


@pytest.mark.asyncio
async def test_long_poll_returns_as_soon_as_an_update_is_pushed(fake: FakeBotApi, bot: Bot) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_for_async(lambda: len(fake.calls("getupdates")) == 1, timeout=2)
    assert not poll.done()

    fake.send_text(3, "hi")

    updates = await asyncio.wait_for(poll, 2)
    assert [u.message.text for u in updates if u.message] == ["hi"]
    assert time.monotonic() - started < 2


@pytest.mark.asyncio
async def test_chat_faults_raise_ptb_errors(fake: FakeBotApi, bot: Bot) -> None:
    fake.fail_chat(5, 403)
    fake.fail_chat(6, 400, times=1)

    for _ in range(2):
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(5, "x")
    with pytest.raises(Forbidden):
        await bot.send_chat_action(5, "typing")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(6, "x")
    await bot.send_message(6, "y")

    assert fake.sent_messages(5) == []
    assert len(fake.attempts("sendMessage", 5)) == 2
    assert [c.params["text"] for c in fake.sent_messages(6)] == ["y"]
    assert len(fake.attempts("sendMessage")) == 4
    fake.clear_faults()
    await bot.send_message(5, "z")
    assert len(fake.sent_messages(5)) == 1


@pytest.mark.asyncio
async def test_fail_next_429_and_500(fake: FakeBotApi, bot: Bot) -> None:
    fake.fail_next("sendMessage", 429, retry_after=7)
    fake.fail_next("sendmessage", 500)

    with pytest.raises(RetryAfter) as retry:
        await bot.send_message(1, "x")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB 22 deprecates the int form of retry_after
        assert retry.value.retry_after in (7, dtm.timedelta(seconds=7))
    with pytest.raises(NetworkError) as error:
        await bot.send_message(1, "x")
    assert type(error.value) is NetworkError
    await bot.send_message(1, "x")
    assert len(fake.sent_messages(1)) == 1
    assert len(fake.attempts("sendMessage", 1)) == 3


@pytest.mark.asyncio
async def test_wrong_token_and_unknown_method(fake: FakeBotApi, bot: Bot) -> None:
    intruder = Bot("999:wrong-token", base_url=f"{fake.url}/bot")
    async with intruder.request:
        with pytest.raises(InvalidToken):
            await intruder.get_me()
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendHologram", api_kwargs={"chat_id": 1})
    assert [c.method for c in fake.attempts("sendHologram", chat_id=1)] == ["sendHologram"]
    assert [c.params for c in fake.calls("getMe")][-1] == {}


@pytest.mark.asyncio
async def test_other_methods(fake: FakeBotApi, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "Begin"), BotCommand("plan", "Tonight's plan")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "plan"]
    assert await bot.get_my_commands(language_code="de") == ()
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()

    edited = await bot.edit_message_text("new text", chat_id=2, message_id=11)
    assert not isinstance(edited, bool)
    assert edited.text == "new text"
    assert edited.edit_date is not None
    assert await bot.edit_message_reply_markup(chat_id=2, message_id=11) is not True
    assert await bot.answer_callback_query("123", text="Saved")
    assert fake.calls("answerCallbackQuery")[0].params["text"] == "Saved"
    assert await bot.set_webhook("https://example.org/hook")
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    fake.send_text(1, "old")
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert fake.pending_updates() == 0
    assert await bot.log_out()
    assert await bot.close()


@pytest.mark.asyncio
async def test_photo_and_document_uploads_are_recorded(fake: FakeBotApi, bot: Bot) -> None:
    photo = await bot.send_photo(42, CHART, caption="<b>Your week</b>", parse_mode="HTML", reply_markup=KEYBOARD)
    csv = b"date,score\n2026-11-25,3\n"
    document = await bot.send_document(42, csv, filename="export.csv", caption="All your check-ins")

    assert [size.width for size in photo.photo] == [90, 320, 800]
    assert photo.caption == "<b>Your week</b>"
    assert photo.reply_markup == KEYBOARD
    assert photo.chat.id == 42
    assert document.document is not None
    assert (document.document.file_name, document.document.mime_type) == ("export.csv", "text/csv")
    assert document.document.file_size == len(csv)
    assert document.caption == "All your check-ins"
    assert document.message_id > photo.message_id
    [photo_call] = fake.sent_photos(42)
    assert photo_call.params == {
        "chat_id": 42,
        "caption": "<b>Your week</b>",
        "parse_mode": "HTML",
        "reply_markup": KEYBOARD_JSON,
    }
    assert list(photo_call.files) == ["photo"]
    assert photo_call.files["photo"].data == CHART
    [document_call] = fake.sent_documents(42)
    assert document_call.files == {"document": UploadedFile("export.csv", "text/csv", csv)}
    assert document_call.params == {"chat_id": 42, "caption": "All your check-ins"}
    assert fake.sent_messages(42) == []
    assert fake.sent_photos(43) == []
    assert fake.sent_documents(43) == []


@pytest.mark.asyncio
async def test_faults_apply_to_uploads(fake: FakeBotApi, bot: Bot) -> None:
    fake.fail_chat(5, 403)
    fake.fail_next("sendDocument", 429, retry_after=3)

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_photo(5, CHART)
    with pytest.raises(RetryAfter):
        await bot.send_document(6, b"a,b\n", filename="export.csv")
    await bot.send_document(6, b"a,b\n", filename="export.csv")

    assert fake.sent_photos(5) == []
    [attempt] = fake.attempts("sendPhoto", 5)
    assert attempt.files["photo"].data == CHART  # recorded even though it was refused
    assert len(fake.attempts("sendDocument", 6)) == 2
    assert len(fake.sent_documents(6)) == 1


@pytest.mark.asyncio
async def test_button_presses_edits_and_answers_are_recorded(fake: FakeBotApi, bot: Bot) -> None:
    fake.send_callback(1, "done:1", message_id=5)
    [update] = await bot.get_updates()
    query = update.callback_query
    assert query is not None
    assert fake.unanswered_callbacks() == [query.id]

    with_buttons = await bot.edit_message_text("Well done", chat_id=1, message_id=5, reply_markup=KEYBOARD)
    without_buttons = await bot.edit_message_text("Well done!", chat_id=1, message_id=5)
    buttons_only = await bot.edit_message_reply_markup(chat_id=1, message_id=5, reply_markup=KEYBOARD)
    assert await bot.answer_callback_query(query.id, text="Saved", show_alert=True)

    assert not isinstance(with_buttons, bool)
    assert with_buttons.reply_markup == KEYBOARD
    assert not isinstance(without_buttons, bool)
    assert without_buttons.text == "Well done!"
    assert without_buttons.reply_markup is None
    assert not isinstance(buttons_only, bool)
    assert buttons_only.reply_markup == KEYBOARD
    first, second = fake.calls("editMessageText")
    assert first.params == {"chat_id": 1, "message_id": 5, "text": "Well done", "reply_markup": KEYBOARD_JSON}
    assert "reply_markup" not in second.params
    assert fake.calls("editMessageReplyMarkup")[0].params["reply_markup"] == KEYBOARD_JSON
    [answer] = fake.calls("answerCallbackQuery")
    assert answer.params == {"callback_query_id": query.id, "text": "Saved", "show_alert": True}
    assert fake.unanswered_callbacks() == []


@pytest.mark.asyncio
async def test_delay_does_not_block_other_requests(fake: FakeBotApi, bot: Bot) -> None:
    fake.delay("sendMessage", 0.5)
    started = time.monotonic()
    slow = asyncio.create_task(bot.send_message(1, "slow"))
    await fake.wait_for_async(lambda: len(fake.attempts("sendMessage")) == 1, timeout=2)
    await bot.get_me()
    assert time.monotonic() - started < 0.45
    assert fake.sent_messages() == []
    await slow
    assert time.monotonic() - started >= 0.5
    assert len(await fake.await_messages(1, 1, timeout=1)) == 1


@pytest.mark.asyncio
async def test_multipart_and_json_bodies(fake: FakeBotApi) -> None:
    url = f"{fake.url}/bot{fake.token}/sendMessage?disable_notification=true"
    form = aiohttp.FormData()
    form.add_field("chat_id", "9")
    form.add_field("text", "42")
    form.add_field("document", b"data", filename="a.txt")
    async with aiohttp.ClientSession() as session:
        async with session.post(url, data=form) as response:
            assert response.status == 200
        async with session.post(url, json={"chat_id": 9, "text": "json"}) as response:
            assert (await response.json())["result"]["text"] == "json"

    multipart, body = fake.sent_messages(9)
    assert multipart.params == {"chat_id": 9, "text": "42", "disable_notification": True}
    assert multipart.files == {"document": UploadedFile("a.txt", "application/octet-stream", b"data")}
    assert body.params["text"] == "json"


def test_wait_for_from_a_plain_thread(fake: FakeBotApi) -> None:
    base = f"{fake.url}/bot{fake.token}"
    results: list[tuple[int, Any]] = []
    waiting = threading.Event()  # set once the test thread is inside wait_for: the request must wake it

    def client() -> None:
        assert waiting.wait(timeout=5)
        fields = {"chat_id": "5", "text": "hello", "reply_markup": json.dumps({"inline_keyboard": []})}
        form = urllib.parse.urlencode(fields).encode()
        results.append(_post(f"{base}/SENDMESSAGE", form, "application/x-www-form-urlencoded"))
        results.append(_post(f"{fake.url}/bot1:bad/getMe", b"", "application/x-www-form-urlencoded"))
        results.append(_post(f"{base}/noSuchMethod", b"{}", "application/json"))

    thread = threading.Thread(target=client)

    def answered_in_chat_5() -> bool:
        waiting.set()
        return bool(fake.sent_messages(5))

    thread.start()
    fake.wait_for(answered_in_chat_5, timeout=5)
    [call] = fake.wait_for_messages(5, 1, timeout=5)
    fake.wait_for(lambda: len(results) == 3, timeout=5)
    thread.join()

    assert call.method == "sendMessage"
    assert call.params == {"chat_id": 5, "text": "hello", "reply_markup": {"inline_keyboard": []}}
    assert results[0][0] == 200
    assert results[0][1]["result"]["chat"]["id"] == 5
    assert results[1] == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    assert results[2] == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    with pytest.raises(AssertionError, match="timed out waiting for 1 message"):
        fake.wait_for_messages(6, 1, timeout=0.1)


@pytest.mark.asyncio
async def test_ptb_application_in_the_test_loop(fake: FakeBotApi) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Welcome")

    app = Application.builder().token(fake.token).base_url(f"{fake.url}/bot").build()
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=dtm.timedelta(seconds=1))
        fake.send_text(77, "/start")
        [reply] = await fake.await_messages(77, 1, timeout=5)
        await app.updater.stop()
        await app.stop()

    assert reply.params["text"] == "Welcome"
    assert fake.pending_updates() == 0
