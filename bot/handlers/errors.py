"""The one application error handler: log the failure (the log filter strips the token) and apologise."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot import strings
from bot.handlers.common import reply

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    if isinstance(context.error, Forbidden):
        log.info("chat blocked the bot while we answered: %s", context.error.message)
        return
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await reply(update, strings.ERROR)
        except TelegramError:
            log.warning("could not tell the user about the error", exc_info=True)
