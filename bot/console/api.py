"""An in-process Bot API double: PTB's transport, answering the methods the bot uses without any HTTP.

PTB builds every request as usual (URL, parameters, timeouts) and hands it to ``do_request``; this class
answers with the JSON Telegram would send, so the whole application (handlers, rate limiter, error handling)
runs unchanged. There is one person, in one private chat, typing in the terminal. Photos and documents the
bot uploads are saved into a folder, and the person is shown where.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import mimetypes
import os
import struct
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from telegram.constants import ParseMode
from telegram.request import BaseRequest, RequestData

from bot.console.text import JsonDict, render_body
from bot.core.messages import CAPTION_LIMIT, MESSAGE_LIMIT, utf16_length
from bot.text import strings
from bot.text.i18n import language_from_telegram, texts

# The shape of a token, so PTB accepts it; it authenticates nothing because no request leaves the process.
CONSOLE_TOKEN = "7000000000:console-no-network"
CONSOLE_CHAT_ID = 1
BOT_USER: JsonDict = {
    "id": 7000000000,
    "is_bot": True,
    "first_name": "RLS Coach",
    "username": "rls_coach_console_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
DEFAULT_FILES_DIR = Path("rls-coach-files")  # relative to the working directory the console starts in
# Charts and exports are health data: the folder and its files are for the person's own user alone.
FILES_DIR_MODE, FILE_MODE = 0o700, 0o600
FileKind = Literal["photo", "document"]
# What the person sees instead of the picture or file (message ids); the caption follows on the next line.
FILE_SAVED: dict[FileKind, str] = {"photo": strings.CONSOLE_CHART_SAVED, "document": strings.CONSOLE_FILE_SAVED}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Photos sent as bytes without a filename arrive as application/octet-stream; their first bytes tell the format.
_IMAGE_EXTENSIONS = {_PNG_SIGNATURE: ".png", b"\xff\xd8\xff": ".jpg"}


@dataclass(frozen=True)
class ShownMessage:
    """A message the bot sent or edited, as it should appear in the terminal."""

    message_id: int
    text: str  # as the bot sent it (HTML when parse_mode says so)
    parse_mode: str | None
    reply_markup: JsonDict | None
    edited: bool = False
    markup_only: bool = False  # editMessageReplyMarkup: only the buttons changed


@dataclass(frozen=True)
class UploadedFile:
    """A file PTB uploads with a request: the filename and MIME type it sends, and the content."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)

    @property
    def given_name(self) -> str | None:
        """The filename the bot chose, without any folders; None when PTB made one up from the MIME type."""
        name = Path(self.filename).name
        # PTB names an upload without a filename after its MIME type ("application.octet-stream").
        if name in ("", ".", "..") or name == self.content_type.replace("/", "."):
            return None
        return name

    def default_name(self, kind: FileKind, now: datetime) -> str:
        """``photo-2026-11-25-213000.png``: for an upload the bot gave no filename."""
        sniffed = (extension for signature, extension in _IMAGE_EXTENSIONS.items() if self.data.startswith(signature))
        extension = next(sniffed, None) or mimetypes.guess_extension(self.content_type) or ""
        return f"{kind}-{now:%Y-%m-%d-%H%M%S}{extension}"


class Screen(Protocol):
    """Where the double shows what the person would see in Telegram."""

    def show_message(self, message: ShownMessage) -> None:
        """Show a message the bot sent or edited, with its buttons."""

    def show_popup(self, text: str) -> None:
        """Show the answer to a button press, which Telegram shows as a short pop-up."""


class ApiError(Exception):
    """A Bot API error answer: HTTP status and Telegram's description."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


class ConsoleBotApi(BaseRequest):
    """PTB's request object for both API calls and getUpdates, answered in process.

    The person's side calls ``send_text``, ``send_location`` and ``press`` to queue updates; ``wait_fetched``
    tells when PTB's updater has taken an update, so the console knows when to wait for the answer.
    """

    def __init__(
        self, screen: Screen, *, first_name: str, language_code: str = "en", files_dir: Path = DEFAULT_FILES_DIR
    ) -> None:
        """``language_code`` is the person's Telegram language ("en", "es"; the console's notes use it too).
        ``files_dir`` receives the photos and documents the bot sends; it is created when the first one comes."""
        self._screen = screen
        self._texts = texts(language_from_telegram(language_code))
        self.files_dir = files_dir.absolute()
        self.user: JsonDict = {
            "id": CONSOLE_CHAT_ID,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }
        self.chat: JsonDict = {"id": CONSOLE_CHAT_ID, "type": "private", "first_name": first_name}
        self._updates: list[JsonDict] = []  # queued and not yet confirmed by a getUpdates offset
        self._last_update_id = 0
        self._confirmed_below = 1  # every update id below this one has been fetched by PTB
        self._last_message_id = 0  # one counter for the person's and the bot's messages, as in a private chat
        self._bot_messages: dict[int, JsonDict] = {}
        self._commands: list[JsonDict] = []
        # A condition rather than a queue: getUpdates keeps updates until an offset confirms them, so a long
        # poll cancelled by PTB's shutdown never loses one.
        self._changed = asyncio.Condition()
        self._methods: dict[str, Callable[[JsonDict], Awaitable[Any]]] = {
            name.lower(): method
            for name, method in {
                "getMe": self._get_me,
                "getUpdates": self._get_updates,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "getWebhookInfo": self._get_webhook_info,
                "sendMessage": self._send_message,
                "sendPhoto": self._send_photo,
                "sendDocument": self._send_document,
                "editMessageText": self._edit_message_text,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "answerCallbackQuery": self._answer_callback_query,
            }.items()
        }

    # --- BaseRequest -------------------------------------------------------------------------------

    @property
    def read_timeout(self) -> float | None:
        """No default read timeout for PTB to wait on."""
        return None  # nothing to time out: every answer is computed in process

    async def initialize(self) -> None:
        """Nothing to open; PTB calls this once per role (API calls and getUpdates) on the same object."""

    async def shutdown(self) -> None:
        """Nothing to close; may be called twice, like ``initialize``."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        # Typed ``object``: PTB passes floats, None or its DEFAULT_NONE marker, and no timeout applies here.
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer one Bot API call; the method name is the last path segment of ``url``.

        An uploaded file (PTB leaves it out of ``parameters`` and passes it as multipart data) becomes the
        value of its parameter, as an ``UploadedFile``.
        """
        name = url.rstrip("/").rsplit("/", 1)[-1]
        params: JsonDict = {}
        if request_data is not None:
            params = dict(request_data.parameters) | {
                part: UploadedFile(filename, mime_type, content if isinstance(content, bytes) else content.read())
                for part, (filename, content, mime_type) in request_data.multipart_data.items()
            }
        handler = self._methods.get(name.lower())
        try:
            # Methods the console does not model (deleteWebhook, sendChatAction, close, …) succeed quietly.
            result = await handler(params) if handler is not None else True
        except ApiError as exc:
            body: JsonDict = {"ok": False, "error_code": exc.status, "description": exc.description}
            return exc.status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # --- the person's side -------------------------------------------------------------------------

    async def send_text(self, text: str) -> int:
        """The person sends ``text``; returns the update id. A leading ``/word`` is a command, as Telegram marks it."""
        message = self._user_message(text=text)
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return await self._push({"message": message})

    async def send_location(self, latitude: float, longitude: float) -> int:
        """The person shares a location (the answer to a location button)."""
        location = {"latitude": latitude, "longitude": longitude}
        return await self._push({"message": self._user_message(location=location)})

    async def press(self, message_id: int, data: str) -> int:
        """The person taps an inline button carrying ``data`` under the bot's message ``message_id``."""
        message = self._bot_messages.get(message_id) or {"message_id": message_id, "date": 0, "chat": self.chat}
        query = {
            "id": str(self._last_update_id + 1),
            "from": self.user,
            "message": message,
            "chat_instance": str(CONSOLE_CHAT_ID),
            "data": data,
        }
        return await self._push({"callback_query": query})

    async def wait_fetched(self, update_id: int) -> None:
        """Wait until PTB's updater has fetched ``update_id`` (and so has put it into the update queue)."""
        async with self._changed:
            await self._changed.wait_for(lambda: self._confirmed_below > update_id)

    def _user_message(self, **fields: Any) -> JsonDict:
        self._last_message_id += 1
        return {
            "message_id": self._last_message_id,
            "date": int(time.time()),
            "chat": self.chat,
            "from": self.user,
            **fields,
        }

    async def _push(self, update: JsonDict) -> int:
        async with self._changed:
            self._last_update_id += 1
            self._updates.append({"update_id": self._last_update_id, **update})
            self._changed.notify_all()
            return self._last_update_id

    # --- Bot API methods ---------------------------------------------------------------------------

    async def _get_me(self, params: JsonDict) -> JsonDict:
        return BOT_USER

    async def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        async with self._changed:
            if offset > 0:
                # An offset confirms every update below it: Telegram forgets them, and the console learns
                # that PTB has queued them for its handlers.
                self._updates = [update for update in self._updates if update["update_id"] >= offset]
                self._confirmed_below = max(self._confirmed_below, offset)
                self._changed.notify_all()
            if not self._updates and timeout > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait_for(lambda: bool(self._updates)), timeout)
            return self._updates[:limit]

    async def _set_my_commands(self, params: JsonDict) -> bool:
        self._commands = list(params.get("commands") or [])
        return True

    async def _get_my_commands(self, params: JsonDict) -> list[JsonDict]:
        return list(self._commands)

    async def _get_webhook_info(self, params: JsonDict) -> JsonDict:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    def _check_chat(self, params: JsonDict) -> None:
        if str(params.get("chat_id")) != str(CONSOLE_CHAT_ID):
            raise ApiError(400, "Bad Request: chat not found")

    def _parsed(self, body: str, parse_mode: Any) -> str:
        """The plain text of a message body or caption, or the error Telegram gives for malformed HTML."""
        rendered = render_body(body, parse_mode)
        if rendered.problems:
            raise ApiError(400, f"Bad Request: can't parse entities: {rendered.problems[0]}")
        return rendered.plain

    def _checked_text(self, params: JsonDict) -> str:
        """The message's plain text, or the error Telegram gives for an empty, too long or malformed one."""
        plain = self._parsed(str(params.get("text") or ""), params.get("parse_mode"))
        if not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_length(plain) > MESSAGE_LIMIT:
            raise ApiError(400, "Bad Request: message is too long")
        return plain

    def _checked_caption(self, params: JsonDict) -> str:
        """The plain caption (empty if none), or the error Telegram gives for a too long or malformed one."""
        plain = self._parsed(str(params.get("caption") or ""), params.get("parse_mode"))
        if utf16_length(plain) > CAPTION_LIMIT:
            raise ApiError(400, "Bad Request: message caption is too long")
        return plain

    def _new_message(self, content: JsonDict, markup: Any) -> JsonDict:
        """Keep and return a new message from the bot: ``content`` is its text, or its file and caption."""
        self._last_message_id += 1
        message: JsonDict = {
            "message_id": self._last_message_id,
            "date": int(time.time()),
            "chat": self.chat,
            "from": BOT_USER,
            **content,  # Telegram answers with text and caption after parsing, the formatting moved to entities
            **_echoed_markup(markup),
        }
        self._bot_messages[self._last_message_id] = message
        return message

    def _edited_message(self, old: JsonDict, changes: JsonDict, markup: Any) -> JsonDict:
        """Keep and return ``old`` with ``changes`` and ``markup`` (no markup removes the buttons)."""
        message = {key: value for key, value in old.items() if key != "reply_markup"} | changes
        message |= {"edit_date": int(time.time()), **_echoed_markup(markup)}
        self._bot_messages[old["message_id"]] = message
        return message

    def _show(
        self,
        message_id: int,
        text: str,
        parse_mode: Any,
        markup: Any,
        *,
        edited: bool = False,
        markup_only: bool = False,
    ) -> None:
        shown_markup = markup if isinstance(markup, dict) else None
        self._screen.show_message(ShownMessage(message_id, text, parse_mode, shown_markup, edited, markup_only))

    async def _send_message(self, params: JsonDict) -> JsonDict:
        self._check_chat(params)
        plain = self._checked_text(params)
        markup = params.get("reply_markup")
        message = self._new_message({"text": plain}, markup)
        self._show(message["message_id"], str(params["text"]), params.get("parse_mode"), markup)
        return message

    async def _send_photo(self, params: JsonDict) -> JsonDict:
        return self._send_file(params, "photo")

    async def _send_document(self, params: JsonDict) -> JsonDict:
        return self._send_file(params, "document")

    def _send_file(self, params: JsonDict, kind: FileKind) -> JsonDict:
        """Save an uploaded photo or document, show where it went (with its caption and buttons), answer."""
        self._check_chat(params)
        upload = params.get(kind)
        if not isinstance(upload, UploadedFile):
            # A file_id or URL: Telegram would send a file it already has, which the console never has.
            raise ApiError(400, f"Bad Request: the console can only show an uploaded {kind}, not a file_id or URL")
        caption = self._checked_caption(params)
        path = self._save(upload, kind)
        described = {"file_id": f"console:{path.name}", "file_unique_id": path.name, "file_size": len(upload.data)}
        media: Any
        if kind == "photo":
            width, height = _image_size(upload.data)
            media = [described | {"width": width, "height": height}]  # Telegram's sizes of it; here only one
        else:
            media = described | {"file_name": path.name, "mime_type": upload.content_type}
        markup = params.get("reply_markup")
        message = self._new_message({kind: media} | ({"caption": caption} if caption else {}), markup)
        parse_mode = params.get("parse_mode")
        note = self._texts(FILE_SAVED[kind]).format(path=path)
        if str(parse_mode).upper() == ParseMode.HTML:  # the note joins the caption, so it must be HTML too
            note = html.escape(note, quote=False)
        self._show(message["message_id"], f"{note}\n{params['caption']}" if caption else note, parse_mode, markup)
        return message

    def _save(self, upload: UploadedFile, kind: FileKind) -> Path:
        """Write the upload into the files folder under its own name, numbered if that is taken; its path."""
        name = Path(upload.given_name or upload.default_name(kind, datetime.now()))
        self.files_dir.mkdir(mode=FILES_DIR_MODE, parents=True, exist_ok=True)
        path, number = self.files_dir / name, 1
        while True:
            try:
                # Exclusive creation: an earlier file is never overwritten.
                with open(path, "xb", opener=_owner_only) as file:
                    file.write(upload.data)
                return path
            except FileExistsError:
                number += 1
                path = self.files_dir / f"{name.stem}-{number}{name.suffix}"

    def _message_to_edit(self, params: JsonDict) -> JsonDict:
        if "inline_message_id" in params:
            raise ApiError(400, "Bad Request: inline messages are not used in the console")
        self._check_chat(params)
        found = self._bot_messages.get(int(params.get("message_id") or 0))
        if found is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return found

    async def _edit_message_text(self, params: JsonDict) -> JsonDict:
        old = self._message_to_edit(params)
        if "text" not in old:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")  # a photo or document
        plain = self._checked_text(params)
        markup = params.get("reply_markup")
        if plain == old["text"] and markup == old.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        message = self._edited_message(old, {"text": plain}, markup)
        self._show(old["message_id"], str(params["text"]), params.get("parse_mode"), markup, edited=True)
        return message

    async def _edit_message_reply_markup(self, params: JsonDict) -> JsonDict:
        old = self._message_to_edit(params)
        markup = params.get("reply_markup")
        if markup == old.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        message = self._edited_message(old, {}, markup)
        self._show(old["message_id"], "", None, markup, edited=True, markup_only=True)
        return message

    async def _answer_callback_query(self, params: JsonDict) -> bool:
        text = str(params.get("text") or "")
        if text:
            self._screen.show_popup(text)
        return True


def _echoed_markup(markup: Any) -> JsonDict:
    """The ``reply_markup`` of the message Telegram answers with: inline keyboards only."""
    return {"reply_markup": markup} if isinstance(markup, dict) and "inline_keyboard" in markup else {}


def _image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, read from its header; 0 × 0 for other formats, which nothing here measures."""
    if data.startswith(_PNG_SIGNATURE) and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk always comes first
        return int(width), int(height)
    return 0, 0


def _owner_only(path: str, flags: int) -> int:
    """``open``'s opener for a file only its owner can read, whatever the umask lets others do."""
    return os.open(path, flags, FILE_MODE)
