"""Commands only the console has: /preview (tonight's reminder now) and a console note under /help."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.core.tips import next_tip
from bot.handlers.common import chat_id_of, describe_local, reply, texts_of
from bot.services import BotApplication, BotContext
from bot.text import strings
from bot.text.render import render_reminder

_PRIVATE_MESSAGE = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE


def add_console_commands(application: BotApplication) -> None:
    """Add /preview and the /help note to an application whose handlers are already registered."""
    # /preview goes first in group 0: appended, it would come after the catch-all for unknown commands there.
    # It stays in group 0 so errors and the update counter treat it like every other command.
    application.handlers[0].insert(0, CommandHandler("preview", preview, filters=_PRIVATE_MESSAGE))
    # /help is answered in group 0 by the bot's own handler; the console's note follows it from a group of its
    # own after every group the bot uses (a group runs only its first matching handler).
    help_note_group = max(application.handlers) + 1
    application.add_handler(CommandHandler("help", help_note, filters=_PRIVATE_MESSAGE), group=help_note_group)


async def help_note(update: Update, context: BotContext) -> None:
    """After the bot's /help: what only the console offers."""
    t = await texts_of(update, context)
    await reply(update, t(strings.CONSOLE_HELP))


async def preview(update: Update, context: BotContext) -> None:
    """Send the next evening reminder exactly as the delivery engine would, without using up its tip."""
    t, services = await texts_of(update, context), context.services
    chat_id = chat_id_of(update)
    now = services.clock()
    view = await services.subscribers.get(chat_id)
    tip_id = await services.subscribers.peek_tip(chat_id, services.content.tip_pool)
    if view is None or tip_id is None:
        # No row yet means no personal rotation (its seed is drawn on the first write): show a fixed sample.
        intro, tip_id = t(strings.CONSOLE_PREVIEW_SAMPLE), next_tip(services.content.tip_pool(), [], 0)
    elif view.next_due_at_utc is not None and view.zone_name is not None:
        when = describe_local(t, view.next_due_at_utc, view.zone_name, now)
        intro = t(strings.CONSOLE_PREVIEW_DUE).format(when=when)
    elif view.awaiting_zone:
        intro = t(strings.CONSOLE_PREVIEW_NEEDS_ZONE)
    else:
        intro = t(strings.CONSOLE_PREVIEW_OFF)
    await reply(update, intro)
    # The same call the delivery engine's Sender makes, so the preview is the reminder as it will arrive.
    await context.bot.send_message(chat_id, render_reminder(services.content, t, tip_id))
