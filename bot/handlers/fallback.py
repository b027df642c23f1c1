"""Everything that is not a known command: unknown commands, stickers, photos, edits, stale buttons."""

from __future__ import annotations

from telegram import Update

from bot.handlers.common import reply, texts_of
from bot.services import BotContext
from bot.text import strings


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command we do not know (and the admin commands, for anyone else): a pointer to /help."""
    t = await texts_of(update, context)
    await reply(update, t(strings.UNKNOWN_COMMAND))


async def unsupported_message(update: Update, context: BotContext) -> None:
    """A sticker, photo, voice note or anything else we cannot read: what we do understand."""
    t = await texts_of(update, context)
    await reply(update, t(strings.UNSUPPORTED_MESSAGE))


async def edited_message(update: Update, context: BotContext) -> None:
    """An edited message: edits are not read, so the person sends it again."""
    t = await texts_of(update, context)
    await reply(update, t(strings.EDITED_MESSAGE))


async def stale_button(update: Update, context: BotContext) -> None:
    """A button no handler knows (an old or forged one): answered, so the person's client stops spinning."""
    if update.callback_query is not None:
        t = await texts_of(update, context)
        await update.callback_query.answer(t(strings.STALE_BUTTON))
