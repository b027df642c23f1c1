"""/language: English or Spanish, remembered for every message, scheduled ones included."""

from __future__ import annotations

from telegram import Update

from bot.handlers.common import chat_id_of, edit_query_message, pressed_button, reply, texts_of
from bot.services import BotContext
from bot.text import strings
from bot.text.keyboards import language_buttons


async def language_command(update: Update, context: BotContext) -> None:
    """Which language to speak, a button per language."""
    t = await texts_of(update, context)
    await reply(update, t(strings.LANGUAGE_ASK), language_buttons())


async def language_button(update: Update, context: BotContext) -> None:
    """Keep the chosen language for every message from now on, scheduled ones included."""
    query, match = pressed_button(update, context)
    services, chat_id, language = context.services, chat_id_of(update), match["language"]
    await services.subscribers.set_language(chat_id, language, services.clock())
    services.languages.forget(chat_id)
    t = await texts_of(update, context)
    await query.answer(t(strings.ANSWER_LANGUAGE_SET))
    await edit_query_message(query, t(strings.LANGUAGE_SET))


async def settle_language(update: Update, context: BotContext) -> None:
    """After every update: a chat seen for the first time keeps the language Telegram reports for it."""
    chat, user = update.effective_chat, update.effective_user
    if chat is not None and user is not None and chat.type == chat.PRIVATE:
        await context.services.languages.settle(chat.id, user.language_code)
