"""An in-process fake of the Telegram Bot API HTTP server, for tests.

It serves ``POST|GET /bot<token>/<method>`` the way api.telegram.org does: it answers with
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": ..., "description": ...}``, treats
method names case-insensitively, and takes parameters from the query string and from JSON,
url-encoded or multipart bodies (where python-telegram-bot JSON-encodes every non-string value).
It emulates what a polling bot needs: getMe, getUpdates (offset confirmation and long polling),
the webhook and command-menu methods, sendMessage, sendPhoto and sendDocument (uploads are kept as
``UploadedFile`` in ``Call.files``), message edits, callback answers and chat actions.

Tests drive it from outside: ``push_update`` and the ``send_*`` helpers queue realistic updates,
``calls``/``sent_messages``/``sent_photos``/``sent_documents``/``attempts`` show what the bot requested,
``unanswered_callbacks`` the button presses it left unanswered, ``fail_chat``/``fail_next``/``delay``
inject errors and slowness, and ``wait_for``/``wait_for_async`` wait for an outcome.
The server runs an aiohttp app in a background thread with its own event loop, so it serves a bot
running in another process as well as a PTB ``Application`` running in the test's own event loop.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from types import TracebackType
from typing import Any

from aiohttp import web

JsonDict = dict[str, Any]

DEFAULT_TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz12345"
BOT_FIRST_NAME = "RLS Coach"
BOT_USERNAME = "rls_coach_test_bot"

# Free-text parameters stay strings even when they happen to parse as JSON (a text "42" is not 42).
_STRING_PARAMS = frozenset({"text", "caption", "callback_query_id", "url", "secret_token"})
_DEFAULT_DESCRIPTIONS = {400: "Bad Request: chat not found", 403: "Forbidden: bot was blocked by the user"}
# Telegram's limit for files uploaded by bots; aiohttp would refuse bodies over 1 MiB by default.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request: the name and type the client gave it, and its bytes."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)  # a chart's bytes would drown the calls listed by a timeout error


@dataclass(frozen=True)
class Call:
    """One request the bot made: canonical method name, decoded parameters, time.monotonic(), uploads.

    ``files`` holds the multipart file parts by part name (``photo``, ``document``, or the name an
    ``attach://`` parameter points to); those parts are not repeated in ``params``.
    """

    method: str
    params: JsonDict
    at: float
    files: dict[str, UploadedFile] = field(default_factory=dict)


@dataclass
class _Record:
    call: Call
    status: int | None = None  # HTTP status of the answer, None while it is still being handled


@dataclass
class _Fault:
    status: int
    description: str
    retry_after: int | None
    times: int | None  # remaining uses, None = forever

    def body(self) -> JsonDict:
        body: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _make_fault(status: int, description: str | None, retry_after: int | None, times: int | None) -> _Fault:
    if status == HTTPStatus.TOO_MANY_REQUESTS and retry_after is None:
        retry_after = 1
    if description is None:
        if retry_after is not None:
            description = f"Too Many Requests: retry after {retry_after}"
        else:
            description = _DEFAULT_DESCRIPTIONS.get(status) or HTTPStatus(status).phrase
    return _Fault(status, description, retry_after, times)


def _decode(key: str, value: str) -> Any:
    if key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _file(kind: str, **fields: Any) -> JsonDict:
    return {"file_id": f"AgACAgIAAxkBAAE-{kind}", "file_unique_id": f"AQAD-{kind}", **fields}


def _photo_sizes() -> list[JsonDict]:
    """The sizes Telegram makes of a photo, smallest first."""
    return [_file(f"photo{size}", width=size, height=size, file_size=size * 40) for size in (90, 320, 800)]


class FakeBotApi:
    """A fake Bot API server; use as a context manager or call start() and stop()."""

    def __init__(self, token: str = DEFAULT_TOKEN) -> None:
        self._token = token
        prefix = token.split(":", 1)[0]
        self.bot_user: JsonDict = {
            "id": int(prefix) if prefix.isdigit() else 123456,
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._cond = threading.Condition()  # guards all state below; notified on every change
        self._records: list[_Record] = []
        self._updates: list[JsonDict] = []  # queued and not yet confirmed by an offset
        self._callback_ids: list[str] = []  # of every callback query pushed, to check that each was answered
        self._last_update_id = 0
        self._last_message_id = 0  # one counter for users' and the bot's messages, good enough for tests
        self._commands: dict[str, list[JsonDict]] = {}
        self._webhook_url = ""
        self._chat_faults: dict[int | str, _Fault] = {}
        self._method_faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, float] = {}
        handlers: dict[str, Callable[[JsonDict], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "editMessageText": self._edit_message,
            "editMessageReplyMarkup": self._edit_message,
            "answerCallbackQuery": self._true,
            "sendChatAction": self._true,
            "close": self._true,
            "logOut": self._true,
        }
        self._handlers = {name.lower(): (name, handler) for name, handler in handlers.items()}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._wake = asyncio.Event()  # replaced after every set(); only touched in the server loop
        self._closing = False
        self._port = 0

    # -- lifecycle ---------------------------------------------------------------------------------

    @property
    def token(self) -> str:
        return self._token

    @property
    def url(self) -> str:
        """The server root; the bot appends ``/bot<token>/<method>``."""
        if not self._port:
            raise RuntimeError("FakeBotApi is not started")
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("FakeBotApi is already started")
        self._closing = False
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-bot-api", daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()
        self._loop, self._thread, self._port = None, None, 0

    def __enter__(self) -> FakeBotApi:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    async def _serve(self) -> None:
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES)
        app.router.add_get("/bot{token}/{method}", self._handle)
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    async def _shutdown(self) -> None:
        self._closing = True
        self._notify_pollers()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- HTTP handling -----------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        params: JsonDict = {k: _decode(k, v) for k, v in request.query.items()}
        files: dict[str, UploadedFile] = {}
        if request.content_type == "application/json" and request.can_read_body:
            # As Telegram reads a JSON body: a number sent as a string (PTB sends chat_id so) is a number.
            body = await request.json()
            params.update({k: _decode(k, v) if isinstance(v, str) else v for k, v in body.items()})
        elif request.method == "POST":
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    files[key] = UploadedFile(value.filename, value.content_type, value.file.read())
                else:
                    params[key] = _decode(key, value if isinstance(value, str) else bytes(value).decode())
        raw_method = request.match_info["method"]
        name, handler = self._handlers.get(raw_method.lower(), (raw_method, None))
        record = _Record(Call(name, params, time.monotonic(), files))
        with self._cond:
            self._records.append(record)
            self._cond.notify_all()
            seconds = self._delays.get(name.lower(), 0.0)
        if seconds:
            await asyncio.sleep(seconds)
        # Handlers see an upload as the value of its parameter, as the Bot API describes it (photo: InputFile).
        status, body = await self._answer(request.match_info["token"], name, handler, params | files)
        with self._cond:
            record.status = status
            self._cond.notify_all()
        return web.json_response(body, status=status)

    async def _answer(
        self, token: str, name: str, handler: Callable[[JsonDict], Awaitable[Any]] | None, params: JsonDict
    ) -> tuple[int, JsonDict]:
        if token != self._token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        fault = self._take_fault(name, params.get("chat_id"))
        if fault is not None:
            return fault.status, fault.body()
        return 200, {"ok": True, "result": await handler(params)}

    def _take_fault(self, method: str, chat_id: Any) -> _Fault | None:
        """The fault to answer this call with, if any: queued method faults first, then the chat's."""
        with self._cond:
            queue = self._method_faults.get(method.lower(), [])
            fault = queue[0] if queue else self._chat_faults.get(chat_id)
            if fault is None or fault.times is None:
                return fault
            fault.times -= 1
            if fault.times <= 0:
                if queue:
                    queue.pop(0)
                else:
                    del self._chat_faults[chat_id]
            return fault

    # -- methods -----------------------------------------------------------------------------------

    async def _true(self, params: JsonDict) -> bool:
        return True

    async def _get_me(self, params: JsonDict) -> JsonDict:
        return self.bot_user

    async def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while True:
            wake = self._wake  # captured before checking, so a push after the check still wakes us
            with self._cond:
                if offset < 0:
                    del self._updates[:offset]
                elif offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if self._updates or self._closing:
                    return self._updates[:limit]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            try:
                await asyncio.wait_for(wake.wait(), remaining)
            except TimeoutError:
                return []

    async def _set_webhook(self, params: JsonDict) -> bool:
        with self._cond:
            self._webhook_url = str(params.get("url", ""))
        return True

    async def _delete_webhook(self, params: JsonDict) -> bool:
        with self._cond:
            self._webhook_url = ""
            if params.get("drop_pending_updates"):
                self._updates.clear()
        return True

    async def _get_webhook_info(self, params: JsonDict) -> JsonDict:
        with self._cond:
            return {
                "url": self._webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }

    @staticmethod
    def _commands_key(params: JsonDict) -> str:
        return json.dumps([params.get("scope") or {"type": "default"}, params.get("language_code") or ""])

    async def _set_my_commands(self, params: JsonDict) -> bool:
        with self._cond:
            self._commands[self._commands_key(params)] = list(params.get("commands") or [])
        return True

    async def _get_my_commands(self, params: JsonDict) -> list[JsonDict]:
        with self._cond:
            return self._commands.get(self._commands_key(params), [])

    async def _delete_my_commands(self, params: JsonDict) -> bool:
        with self._cond:
            self._commands.pop(self._commands_key(params), None)
        return True

    def _bot_message(self, params: JsonDict, message_id: int) -> JsonDict:
        chat = {"id": params.get("chat_id"), "type": "private", "first_name": "User"}
        message = {"message_id": message_id, "date": int(time.time()), "chat": chat, "from": self.bot_user}
        for key in ("text", "caption"):
            if key in params:
                message[key] = str(params[key])
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup  # Telegram echoes inline keyboards only
        return message

    async def _send_message(self, params: JsonDict) -> JsonDict:
        return self._bot_message(params, self._next_message_id())

    async def _send_photo(self, params: JsonDict) -> JsonDict:
        return self._bot_message(params, self._next_message_id()) | {"photo": _photo_sizes()}

    async def _send_document(self, params: JsonDict) -> JsonDict:
        document = _file("document")
        upload = params.get("document")
        if isinstance(upload, UploadedFile):  # otherwise a file_id or URL of a file Telegram already has
            document |= {"file_name": upload.filename, "mime_type": upload.content_type, "file_size": len(upload.data)}
        return self._bot_message(params, self._next_message_id()) | {"document": document}

    async def _edit_message(self, params: JsonDict) -> JsonDict | bool:
        if "inline_message_id" in params:
            return True
        return self._bot_message(params, int(params.get("message_id") or 0)) | {"edit_date": int(time.time())}

    # -- inspection --------------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """All requests received so far (optionally of one method, case-insensitive), oldest first."""
        return self._select(method, None, ok_only=False)

    def attempts(self, method: str, chat_id: int | None = None) -> list[Call]:
        """Every call of ``method`` (to ``chat_id`` if given), including the ones answered with an error."""
        return self._select(method, chat_id, ok_only=False)

    def sent_messages(self, chat_id: int | None = None) -> list[Call]:
        """sendMessage calls that were answered with success (to ``chat_id`` if given)."""
        return self._select("sendMessage", chat_id, ok_only=True)

    def sent_photos(self, chat_id: int | None = None) -> list[Call]:
        """Successful sendPhoto calls (to ``chat_id`` if given); an upload is in ``files["photo"]``."""
        return self._select("sendPhoto", chat_id, ok_only=True)

    def sent_documents(self, chat_id: int | None = None) -> list[Call]:
        """Successful sendDocument calls (to ``chat_id`` if given); an upload is in ``files["document"]``."""
        return self._select("sendDocument", chat_id, ok_only=True)

    def unanswered_callbacks(self) -> list[str]:
        """Ids of pushed callback queries that no successful answerCallbackQuery has answered yet."""
        answered = {
            call.params.get("callback_query_id") for call in self._select("answerCallbackQuery", None, ok_only=True)
        }
        with self._cond:
            return [query_id for query_id in self._callback_ids if query_id not in answered]

    def _select(self, method: str | None, chat_id: int | None, *, ok_only: bool) -> list[Call]:
        with self._cond:
            return [
                r.call
                for r in self._records
                if (method is None or r.call.method.lower() == method.lower())
                and (chat_id is None or r.call.params.get("chat_id") == chat_id)
                and (r.status == HTTPStatus.OK or not ok_only)
            ]

    def pending_updates(self) -> int:
        """How many pushed updates have not yet been confirmed by a getUpdates offset."""
        with self._cond:
            return len(self._updates)

    # -- fault injection ---------------------------------------------------------------------------

    def fail_chat(
        self,
        chat_id: int,
        status: int,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        times: int | None = None,
    ) -> None:
        """Answer every method called with this chat_id with an error, ``times`` times or forever."""
        with self._cond:
            self._chat_faults[chat_id] = _make_fault(status, description, retry_after, times)

    def fail_next(
        self,
        method: str,
        status: int,
        *,
        retry_after: int | None = None,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (any chat) with an error; faults queue up."""
        with self._cond:
            fault = _make_fault(status, description, retry_after, times)
            self._method_faults.setdefault(method.lower(), []).append(fault)

    def clear_faults(self) -> None:
        with self._cond:
            self._chat_faults.clear()
            self._method_faults.clear()

    def delay(self, method: str, seconds: float) -> None:
        """Make ``method`` wait ``seconds`` before answering, without blocking other requests."""
        with self._cond:
            self._delays[method.lower()] = seconds

    # -- injecting updates -------------------------------------------------------------------------

    def push_update(self, update: JsonDict) -> int:
        """Queue an update (its update_id is assigned here) and wake long polls; returns the update_id."""
        with self._cond:
            self._last_update_id += 1
            self._updates.append({**update, "update_id": self._last_update_id})
            if "callback_query" in update:
                self._callback_ids.append(str(update["callback_query"]["id"]))
            self._cond.notify_all()
            if self._loop is not None:
                self._loop.call_soon_threadsafe(self._notify_pollers)
            return self._last_update_id

    def _notify_pollers(self) -> None:
        self._wake.set()
        self._wake = asyncio.Event()

    def _next_message_id(self) -> int:
        with self._cond:
            self._last_message_id += 1
            return self._last_message_id

    def _user_message(
        self,
        chat_id: int,
        *,
        user_id: int | None = None,
        first_name: str = "Ann",
        chat_type: str = "private",
        language_code: str = "en",
    ) -> JsonDict:
        user = {"id": user_id or chat_id, "is_bot": False, "first_name": first_name, "language_code": language_code}
        chat: JsonDict = {"id": chat_id, "type": chat_type}
        chat.update({"first_name": first_name} if chat_type == "private" else {"title": "Test group"})
        return {"message_id": self._next_message_id(), "date": int(time.time()), "chat": chat, "from": user}

    def text_update(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        first_name: str = "Ann",
        chat_type: str = "private",
        language_code: str = "en",
    ) -> JsonDict:
        """The update for a user writing ``text`` (no update_id yet): to push, or to post to a webhook.

        A leading "/cmd" or "/cmd@bot" gets a bot_command entity.
        """
        message = self._user_message(
            chat_id, user_id=user_id, first_name=first_name, chat_type=chat_type, language_code=language_code
        )
        message["text"] = text
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}
            ]
        return {"message": message}

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        first_name: str = "Ann",
        chat_type: str = "private",
        language_code: str = "en",
    ) -> int:
        """A user writes ``text`` (their Telegram app set to ``language_code``); returns the update_id."""
        update = self.text_update(
            chat_id, text, user_id=user_id, first_name=first_name, chat_type=chat_type, language_code=language_code
        )
        return self.push_update(update)

    def _push_message(self, chat_id: int, **content: Any) -> int:
        return self.push_update({"message": self._user_message(chat_id) | content})

    def send_location(self, chat_id: int, latitude: float, longitude: float) -> int:
        return self._push_message(chat_id, location={"latitude": latitude, "longitude": longitude})

    def send_sticker(self, chat_id: int) -> int:
        sticker = _file("sticker", type="regular", width=512, height=512, is_animated=False, is_video=False)
        return self._push_message(chat_id, sticker=sticker)

    def send_photo(self, chat_id: int) -> int:
        return self._push_message(chat_id, photo=_photo_sizes())

    def send_voice(self, chat_id: int) -> int:
        return self._push_message(chat_id, voice=_file("voice", duration=3, mime_type="audio/ogg"))

    def send_edited_text(self, chat_id: int, text: str, *, message_id: int | None = None) -> int:
        """The user edits a message (by default the latest message id handed out) to read ``text``."""
        message = self._user_message(chat_id)
        with self._cond:
            message["message_id"] = message_id or self._last_message_id
        message |= {"text": text, "edit_date": message["date"]}
        return self.push_update({"edited_message": message})

    def send_callback(self, chat_id: int, data: str, message_id: int = 1, language_code: str = "en") -> int:
        """The user presses an inline button with ``data`` under the bot's message ``message_id``."""
        message = self._bot_message({"chat_id": chat_id, "text": "…"}, message_id)
        user = self._user_message(chat_id, language_code=language_code)["from"]
        callback = {"id": secrets.token_hex(8), "from": user, "chat_instance": "-42", "data": data}
        return self.push_update({"callback_query": callback | {"message": message}})

    def send_block(self, chat_id: int) -> int:
        """The user blocks the bot: Telegram sends a my_chat_member update (member → kicked)."""
        message = self._user_message(chat_id)
        bot_user = self.bot_user
        change = {
            "chat": message["chat"],
            "from": message["from"],
            "date": message["date"],
            "old_chat_member": {"status": "member", "user": bot_user},
            "new_chat_member": {"status": "kicked", "user": bot_user, "until_date": 0},
        }
        return self.push_update({"my_chat_member": change})

    # -- waiting -----------------------------------------------------------------------------------

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Block until ``predicate()`` is true (re-checked on every call/update and every 50 ms)."""
        self._wait(predicate, timeout, getattr(predicate, "__name__", repr(predicate)))

    async def wait_for_async(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Like wait_for, but polls with asyncio.sleep so the caller's event loop keeps running."""
        what = getattr(predicate, "__name__", repr(predicate))
        await self._wait_async(predicate, time.monotonic() + timeout, what)

    def say(self, chat_id: int, text: str, expect: str, timeout: float = 30.0) -> str:
        """A user writes ``text`` to a bot in another process; wait for its reply, which must contain ``expect``."""
        before = len(self.sent_messages(chat_id))
        self.send_text(chat_id, text)
        self.wait_for(lambda: len(self.sent_messages(chat_id)) > before, timeout=timeout)
        reply = str(self.sent_messages(chat_id)[-1].params["text"])
        assert expect in reply, reply
        return reply

    def wait_for_messages(self, chat_id: int, count: int, timeout: float = 10.0) -> list[Call]:
        """Wait until at least ``count`` messages were sent to ``chat_id``; return all sent to it."""
        self._wait(lambda: len(self.sent_messages(chat_id)) >= count, timeout, f"{count} message(s) to {chat_id}")
        return self.sent_messages(chat_id)

    async def await_messages(self, chat_id: int, count: int, timeout: float = 10.0) -> list[Call]:  # noqa: ASYNC109
        """Async twin of wait_for_messages."""
        what = f"{count} message(s) to {chat_id}"
        await self._wait_async(lambda: len(self.sent_messages(chat_id)) >= count, time.monotonic() + timeout, what)
        return self.sent_messages(chat_id)

    def _wait(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise self._timeout_error(what)
                self._cond.wait(min(remaining, 0.05))

    async def _wait_async(self, predicate: Callable[[], bool], deadline: float, what: str) -> None:
        while not predicate():
            if time.monotonic() >= deadline:
                raise self._timeout_error(what)
            await asyncio.sleep(0.01)

    def _timeout_error(self, what: str) -> AssertionError:
        recent = "\n".join(f"  {c.method} {c.params}" for c in self.calls()[-10:]) or "  (none)"
        return AssertionError(f"FakeBotApi: timed out waiting for {what}; last calls:\n{recent}")
