"""The command menu Telegram shows beside the message box, in each language the bot speaks."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand
from telegram.error import TelegramError

from bot.content import DEFAULT_LANGUAGE, LANGUAGES, Content
from bot.text import strings
from bot.text.i18n import texts

log = logging.getLogger(__name__)


async def register_command_menus(bot: Bot, content: Content) -> None:
    """English for everyone, Spanish for Telegram users set to Spanish; a failure only costs the menu."""
    try:
        for language in LANGUAGES:
            t = texts(language)
            commands = [
                BotCommand(name, content.fill(t(description), language, None))
                for name, description in strings.COMMAND_MENU
            ]
            await bot.set_my_commands(commands, language_code=None if language == DEFAULT_LANGUAGE else language)
    except TelegramError:
        log.warning("could not register the command menu; commands still work", exc_info=True)
