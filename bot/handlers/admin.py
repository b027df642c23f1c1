"""Admin commands: /stats, and /broadcast with its Confirm and Cancel buttons.

Only chats listed in ADMIN_CHAT_IDS may use them. For anyone else the commands take the unknown-command path
and the buttons the stale-button path, so a curious user learns nothing, not even that the commands exist.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Coroutine
from html import escape
from typing import Any

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import __version__
from bot.core.messages import TELEGRAM_MESSAGE_LIMIT
from bot.core.parsing import ROW_ID_MAX, parse_int
from bot.delivery.broadcast import describe_progress, render_broadcast
from bot.handlers import fallback
from bot.handlers.common import chat_id_of, command_argument, reply, texts_of
from bot.services import services
from bot.store import BroadcastStatus
from bot.text import strings
from bot.text.i18n import Texts

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]

# Room for the preview's header line: the preview must fit in one message to show the text as sent.
BROADCAST_LIMIT = TELEGRAM_MESSAGE_LIMIT - 300
CALLBACK_PATTERN = re.compile(r"^broadcast:(confirm|cancel):([0-9]{1,10})\Z")
# Message ids, translated where they are used.
_ALREADY = {
    BroadcastStatus.SENDING: strings.BROADCAST_ANSWER_ALREADY_SENDING,
    BroadcastStatus.DONE: strings.BROADCAST_ANSWER_ALREADY_DONE,
    BroadcastStatus.CANCELLED: strings.BROADCAST_ANSWER_ALREADY_CANCELLED,
}


def admin_only(otherwise: Callback) -> Callable[[Callback], Callback]:
    """Run the callback for chats in ADMIN_CHAT_IDS; answer anyone else exactly as ``otherwise`` does."""

    def decorate(callback: Callback) -> Callback:
        @functools.wraps(callback)
        async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            chat = update.effective_chat
            if chat is None or chat.id not in services(context).settings.admin_chat_ids:
                await otherwise(update, context)
                return
            await callback(update, context)

        return guarded

    return decorate


def _recipients(t: Texts, count: int) -> str:
    template = t(strings.BROADCAST_RECIPIENTS_ONE) if count == 1 else t(strings.BROADCAST_RECIPIENTS)
    return template.format(count=count)


def _utf16_length(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji is two); a lone surrogate counts as one."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def parse_broadcast_press(data: str | None) -> tuple[str, int] | None:
    """``broadcast:confirm:ID`` or ``broadcast:cancel:ID`` as (action, id); the id is range-checked here, so a
    number no row can have never reaches the database driver (bot.core.parsing.ROW_ID_MAX)."""
    match = CALLBACK_PATTERN.match(data or "")
    broadcast_id = parse_int(match.group(2), 1, ROW_ID_MAX) if match else None
    return (match.group(1), broadcast_id) if match and broadcast_id is not None else None


def confirm_keyboard(t: Texts, broadcast_id: int) -> InlineKeyboardMarkup:
    """[Confirm] [Cancel]; the data names the broadcast, so the buttons keep working across restarts."""
    confirm_label, cancel_label = t(strings.BROADCAST_CONFIRM_BUTTON), t(strings.BROADCAST_CANCEL_BUTTON)
    confirm = InlineKeyboardButton(confirm_label, callback_data=f"broadcast:confirm:{broadcast_id}")
    cancel = InlineKeyboardButton(cancel_label, callback_data=f"broadcast:cancel:{broadcast_id}")
    return InlineKeyboardMarkup([[confirm, cancel]])


@admin_only(fallback.unknown_command)
async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t, found = await texts_of(update, context), services(context)
    figures = await found.store.stats(found.clock())
    broadcasts = found.broadcasts
    in_progress = [
        t(strings.STATS_BROADCAST).format(id=view.id, counts=describe_progress(t, await broadcasts.progress(view.id)))
        for view in await broadcasts.sending()
    ]
    failures = figures.failures_24h
    await reply(
        update,
        t(strings.STATS).format(
            version=escape(__version__),
            active=figures.active,
            awaiting_zone=figures.awaiting_zone,
            blocked=figures.blocked,
            off=figures.off,
            sent=figures.sent_24h,
            failed_blocked=failures["blocked"],
            failed=failures["failed"],
            unknown=failures["unknown"],
            missed=failures["missed"],
            backlog=figures.backlog,
            broadcasts=", ".join(in_progress) or t(strings.STATS_NO_BROADCASTS),
        ),
    )


@admin_only(fallback.unknown_command)
async def broadcast(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Save a draft and show the preview with Confirm and Cancel; nothing is sent before Confirm."""
    t, found = await texts_of(update, context), services(context)
    message = update.effective_message
    text = command_argument(message.text if message else None)
    if not text:
        await reply(update, t(strings.BROADCAST_USAGE))
        return
    if _utf16_length(text) > BROADCAST_LIMIT:
        await reply(update, t(strings.BROADCAST_TOO_LONG).format(length=_utf16_length(text), limit=BROADCAST_LIMIT))
        return
    recipients = await found.store.count_scheduled()
    if recipients == 0:
        await reply(update, t(strings.BROADCAST_NO_RECIPIENTS))
        return
    draft = await found.broadcasts.create_draft(chat_id_of(update), text, found.clock())
    preview = t(strings.BROADCAST_PREVIEW).format(
        id=draft.id, recipients=_recipients(t, recipients), text=render_broadcast(text)
    )
    assert message is not None  # a command always comes in a message
    # Sent directly rather than through reply(), which may split and trims blank paragraphs: the preview is
    # one message, so the admin sees the text exactly as recipients will.
    await message.reply_text(
        preview, parse_mode=ParseMode.HTML, disable_web_page_preview=True, reply_markup=confirm_keyboard(t, draft.id)
    )


@admin_only(fallback.stale_button)
async def broadcast_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Confirm or Cancel under a preview; only its own admin may press them, and pressing twice is harmless."""
    query = update.callback_query
    press = parse_broadcast_press(query.data) if query else None
    if query is None or press is None:
        await fallback.stale_button(update, context)
        return
    t, found = await texts_of(update, context), services(context)
    (action, broadcast_id), admin = press, chat_id_of(update)
    broadcasts = found.broadcasts
    if action == "confirm":
        confirmed = await broadcasts.confirm(broadcast_id, admin, found.clock())
        if confirmed is None:
            await fallback.stale_button(update, context)
            return
        view, started = confirmed
        if started:
            recipients = (await broadcasts.progress(view.id)).total
            await query.answer(t(strings.BROADCAST_ANSWER_STARTED))
            text = t(strings.BROADCAST_STARTED).format(
                id=view.id, recipients=_recipients(t, recipients), text=render_broadcast(view.text)
            )
            await _settle_preview(query, text)
            return
    else:
        cancelled = await broadcasts.cancel(broadcast_id, admin, found.clock())
        if cancelled is None:
            await fallback.stale_button(update, context)
            return
        view = cancelled
        if view.status is BroadcastStatus.CANCELLED:
            await query.answer(t(strings.BROADCAST_ANSWER_CANCELLED))
            text = t(strings.BROADCAST_CANCELLED).format(id=view.id, text=render_broadcast(view.text))
            await _settle_preview(query, text)
            return
    # A second tap, or Cancel after Confirm: say where the broadcast stands and drop the buttons left over.
    await query.answer(t(_ALREADY.get(view.status, strings.STALE_BUTTON)))
    await _settle_preview(query, None)


async def _settle_preview(query: CallbackQuery, text: str | None) -> None:
    """Replace the preview's text (if given) and remove its buttons; an edit that changes nothing is fine."""
    try:
        if text is None:
            await query.edit_message_reply_markup(reply_markup=None)
        else:
            await query.edit_message_text(text, parse_mode=ParseMode.HTML, disable_web_page_preview=True)
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise
