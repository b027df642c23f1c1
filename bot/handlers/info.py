"""Information commands: /start, /help, /causes, /treatments, /symptoms, /about and /tip."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from html import escape
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot import strings
from bot.handlers.common import chat_id_of, reply
from bot.render import render_tip, render_topic
from bot.services import services


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    name = escape(user.first_name) if user and user.first_name else "there"
    await reply(update, strings.WELCOME.format(name=name))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, strings.HELP)


def topic_command(key: str) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
    """A callback that sends the content topic ``key`` (causes, treatments, symptoms, about)."""

    async def send_topic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        content = services(context).content
        await reply(update, "\n\n".join(render_topic(content, content.topic(key))))

    send_topic.__name__ = f"send_{key}"
    return send_topic


async def tip(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = services(context)
    tip_id = await found.store.take_tip(chat_id_of(update), found.content.tip_ids, found.clock())
    chosen = found.content.tip(tip_id)
    assert chosen is not None  # take_tip only returns ids from the content
    await reply(update, render_tip(found.content, chosen))
