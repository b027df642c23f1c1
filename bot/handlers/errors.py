"""The one application error handler: log the failure (the log filter strips the token) and apologise."""

from __future__ import annotations

import contextlib
import logging

from telegram import Chat, Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.handlers.common import reply, texts_of
from bot.server.logs import error_outline
from bot.services import BotContext
from bot.text import strings
from bot.text.i18n import Texts, language_from_telegram, texts

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Log the error; in a private chat, answer the press (if any) and apologise in the chat's language."""
    if isinstance(context.error, Forbidden):
        log.info("chat blocked the bot while we answered: %s", context.error.message)
        return
    log.error("error while handling an update: %s", error_outline(context.error))
    log.debug("the error in full", exc_info=context.error)
    chat = update.effective_chat if isinstance(update, Update) else None
    if not isinstance(update, Update) or chat is None or chat.type != Chat.PRIVATE:
        return  # the gate lets no other update through; never apologise into a group
    t = await _texts(update, context)
    try:
        if update.callback_query is not None:
            # Every press is answered, even one whose handler failed before answering (a second answer fails).
            with contextlib.suppress(BadRequest):
                await update.callback_query.answer(t(strings.ERROR))
        if update.effective_message is not None:
            await reply(update, t(strings.ERROR))
    except TelegramError:
        log.warning("could not tell the user about the error", exc_info=True)


async def _texts(update: Update, context: BotContext) -> Texts:
    """The chat's language; when the failure is the database itself, the one Telegram reports for the person."""
    try:
        return await texts_of(update, context)
    except Exception:
        log.warning("could not look up the chat's language for the apology", exc_info=True)
        user = update.effective_user
        return texts(language_from_telegram(user.language_code if user else None))
