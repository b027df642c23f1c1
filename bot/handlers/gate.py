"""The gate every update passes before the handlers: a person is a private chat, and only private chats go on.

An update without a chat (a button under an inline-mode message, an inline query, a poll) or from a group,
supergroup or channel stops here, before any handler could store something under the chat's id. A button is
answered, so the person's client stops spinning; a command meant for us in a group gets one line pointing to a
private chat; everything else is ignored. No database is read: the answer is in the language Telegram reports.
"""

from __future__ import annotations

from telegram import Chat, Update
from telegram.ext import ApplicationHandlerStop, filters

from bot.handlers.common import reply
from bot.services import BotContext
from bot.text import strings
from bot.text.i18n import language_from_telegram, texts

_GROUP_COMMAND = filters.UpdateType.MESSAGE & filters.ChatType.GROUPS & filters.COMMAND


async def private_chats_only(update: Update, context: BotContext) -> None:
    """Let a private chat's update through; answer or ignore any other, and stop it there."""
    chat = update.effective_chat
    if chat is not None and chat.type == Chat.PRIVATE:
        return
    user = update.effective_user
    t = texts(language_from_telegram(user.language_code if user else None))
    if update.callback_query is not None:
        await update.callback_query.answer(t(strings.GROUP_ONLY_PRIVATE if chat else strings.STALE_BUTTON))
    elif _GROUP_COMMAND.check_update(update) and _addressed_to_us(update, context):
        await reply(update, t(strings.GROUP_ONLY_PRIVATE))
    raise ApplicationHandlerStop


def _addressed_to_us(update: Update, context: BotContext) -> bool:
    """``/help`` or ``/help@our_bot``, never ``/help@another_bot``: groups often hold several bots."""
    text = (update.effective_message.text if update.effective_message else None) or "/"
    addressee = (text.split(maxsplit=1) or ["/"])[0].partition("@")[2]
    return not addressee or addressee.casefold() == (context.bot.username or "").casefold()
