"""Everything that is not a known command: unknown commands, stickers, photos, edits, group chatter."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import strings
from bot.handlers.common import reply, texts_of


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t = await texts_of(update, context)
    await reply(update, t(strings.UNKNOWN_COMMAND))


async def unsupported_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t = await texts_of(update, context)
    await reply(update, t(strings.UNSUPPORTED_MESSAGE))


async def edited_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t = await texts_of(update, context)
    await reply(update, t(strings.EDITED_MESSAGE))


async def group_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups, answer only commands meant for us (``/help`` or ``/help@our_bot``), never another bot's."""
    text = (update.effective_message.text if update.effective_message else None) or "/"
    addressee = text.split(maxsplit=1)[0].partition("@")[2]
    if addressee and addressee.casefold() != (context.bot.username or "").casefold():
        return
    t = await texts_of(update, context)
    await reply(update, t(strings.GROUP_ONLY_PRIVATE))


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """We send no inline buttons yet; answer any callback so the person's client stops spinning."""
    if update.callback_query is not None:
        t = await texts_of(update, context)
        await update.callback_query.answer(t(strings.STALE_BUTTON))
