"""/language: English or Spanish, remembered for every message, scheduled ones included."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.content import LANGUAGES
from bot.handlers.common import chat_id_of, edit_query_message, reply, texts_of
from bot.services import services
from bot.text import strings
from bot.text.i18n import LANGUAGE_NAMES

LANGUAGE_PATTERN = rf"^lang:({'|'.join(LANGUAGES)})\Z"


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t = await texts_of(update, context)
    buttons = [InlineKeyboardButton(LANGUAGE_NAMES[code], callback_data=f"lang:{code}") for code in LANGUAGES]
    await reply(update, t(strings.LANGUAGE_ASK), InlineKeyboardMarkup([buttons]))


async def language_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and context.matches is not None  # a CallbackQueryHandler with a pattern
    found, chat_id, language = services(context), chat_id_of(update), context.matches[0].group(1)
    await found.store.set_language(chat_id, language, found.clock())
    found.languages.forget(chat_id)
    t = await texts_of(update, context)
    await query.answer(t(strings.ANSWER_LANGUAGE_SET))
    await edit_query_message(query, t(strings.LANGUAGE_SET))


async def settle_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After every update: a chat seen for the first time keeps the language Telegram reports for it."""
    chat, user = update.effective_chat, update.effective_user
    if chat is not None and user is not None and chat.type == chat.PRIVATE:
        await services(context).languages.settle(chat.id, user.language_code)
