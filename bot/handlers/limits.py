"""The expensive commands (/progress, /insights, /export) run under a per-person limit (bot.server.fairness): one at a
time, a few a minute, with a friendly word instead of a queue."""

from __future__ import annotations

from telegram import Update

from bot.handlers.common import Callback, chat_id_of, reply, texts_of
from bot.server.fairness import Admission
from bot.services import BotContext
from bot.text import strings


def expensive(callback: Callback) -> Callback:
    """``callback`` admitted by the person's budget of expensive jobs; otherwise one line saying why not (once:
    the refusals after it until the next admitted job go unanswered)."""

    async def limited(update: Update, context: BotContext) -> None:
        jobs, chat_id = context.services.expensive, chat_id_of(update)
        admission = jobs.admit(chat_id)
        if admission is Admission.GO:
            async with jobs.running(chat_id):
                await callback(update, context)
            return
        if admission is Admission.QUIET:
            return
        t = await texts_of(update, context)
        await reply(update, t(strings.EXPENSIVE_BUSY if admission is Admission.BUSY else strings.EXPENSIVE_TOO_MANY))

    limited.__name__ = callback.__name__
    return limited
