"""The one application error handler: log the failure (the log filter strips the token) and apologise."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot import strings
from bot.handlers.common import reply, texts_of
from bot.i18n import Texts, language_from_telegram, texts

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    if isinstance(context.error, Forbidden):
        log.info("chat blocked the bot while we answered: %s", context.error.message)
        return
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        t = await _texts(update, context)
        try:
            await reply(update, t(strings.ERROR))
        except TelegramError:
            log.warning("could not tell the user about the error", exc_info=True)


async def _texts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Texts:
    """The chat's language; when the failure is the database itself, the one Telegram reports for the person."""
    try:
        return await texts_of(update, context)
    except Exception:
        log.warning("could not look up the chat's language for the apology", exc_info=True)
        user = update.effective_user
        return texts(language_from_telegram(user.language_code if user else None))
