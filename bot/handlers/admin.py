"""Admin commands: /stats, and /broadcast with its Confirm and Cancel buttons.

Only chats listed in ADMIN_CHAT_IDS may use them. For anyone else the commands take the unknown-command path
and the buttons the stale-button path, so a curious user learns nothing, not even that the commands exist.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from html import escape

from telegram import Update

from bot import __version__
from bot.core.messages import MESSAGE_LIMIT, utf16_length
from bot.delivery.broadcast import describe_progress, render_broadcast
from bot.handlers import fallback
from bot.handlers.common import (
    Callback,
    chat_id_of,
    command_argument_of,
    edit_query_message,
    pressed_button,
    remove_query_buttons,
    reply,
    texts_of,
)
from bot.services import BotContext
from bot.store import BroadcastStatus
from bot.text import callbacks, strings
from bot.text.i18n import Texts
from bot.text.keyboards import broadcast_buttons

# Room for the preview's header line: the preview must fit in one message to show the text as sent.
BROADCAST_LIMIT = MESSAGE_LIMIT - 300
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
        async def guarded(update: Update, context: BotContext) -> None:
            chat = update.effective_chat
            if chat is None or chat.id not in context.services.settings.admin_chat_ids:
                await otherwise(update, context)
                return
            await callback(update, context)

        return guarded

    return decorate


def _recipients(t: Texts, count: int) -> str:
    template = t(strings.BROADCAST_RECIPIENTS_ONE) if count == 1 else t(strings.BROADCAST_RECIPIENTS)
    return template.format(count=count)


@admin_only(fallback.unknown_command)
async def stats(update: Update, context: BotContext) -> None:
    """The bot's figures: people by state, the last day's sends and failures, the backlog, broadcasts sending."""
    t, services = await texts_of(update, context), context.services
    figures = await services.stats.figures(services.clock())
    broadcasts = services.broadcasts
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
async def broadcast(update: Update, context: BotContext) -> None:
    """Save a draft and show the preview with Confirm and Cancel; nothing is sent before Confirm."""
    t, services = await texts_of(update, context), context.services
    text = command_argument_of(update)
    if not text:
        await reply(update, t(strings.BROADCAST_USAGE))
        return
    if utf16_length(text) > BROADCAST_LIMIT:
        await reply(update, t(strings.BROADCAST_TOO_LONG).format(length=utf16_length(text), limit=BROADCAST_LIMIT))
        return
    recipients = await services.deliveries.count_scheduled()
    if recipients == 0:
        await reply(update, t(strings.BROADCAST_NO_RECIPIENTS))
        return
    draft = await services.broadcasts.create_draft(chat_id_of(update), text, services.clock())
    preview = t(strings.BROADCAST_PREVIEW).format(
        id=draft.id, recipients=_recipients(t, recipients), text=render_broadcast(text)
    )
    message = update.effective_message
    assert message is not None  # a command always comes in a message
    # Sent directly rather than through reply(), which may split and trims blank paragraphs: the preview is
    # one message, so the admin sees the text exactly as recipients will.
    await message.reply_text(preview, reply_markup=broadcast_buttons(t, draft.id))


@admin_only(fallback.stale_button)
async def broadcast_button(update: Update, context: BotContext) -> None:
    """Confirm or Cancel under a preview; only its own admin may press them, and pressing twice is harmless."""
    query, match = pressed_button(update, context)
    press = callbacks.broadcast_press(match)
    if press is None:
        await fallback.stale_button(update, context)
        return
    t, services = await texts_of(update, context), context.services
    broadcasts, admin = services.broadcasts, chat_id_of(update)
    if press.decision == "confirm":
        confirmed = await broadcasts.confirm(press.broadcast_id, admin, services.clock())
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
            await edit_query_message(query, text)
            return
    else:
        cancelled = await broadcasts.cancel(press.broadcast_id, admin, services.clock())
        if cancelled is None:
            await fallback.stale_button(update, context)
            return
        view = cancelled
        if view.status is BroadcastStatus.CANCELLED:
            await query.answer(t(strings.BROADCAST_ANSWER_CANCELLED))
            text = t(strings.BROADCAST_CANCELLED).format(id=view.id, text=render_broadcast(view.text))
            await edit_query_message(query, text)
            return
    # A second tap, or Cancel after Confirm: say where the broadcast stands and drop the buttons left over.
    await query.answer(t(_ALREADY.get(view.status, strings.STALE_BUTTON)))
    await remove_query_buttons(query)
