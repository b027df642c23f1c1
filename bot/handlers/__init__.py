"""Thin Telegram handlers: parse the update, call the core or the store, reply. ``register`` wires them."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.handlers import (
    admin,
    checkins,
    errors,
    fallback,
    gate,
    info,
    iron,
    language,
    limits,
    meds,
    membership,
    notes,
    privacy,
    progress,
    questions,
    reminder_buttons,
    reminders,
    report,
    selfcheck,
    topics,
    tracking,
)
from bot.services import BotApplication
from bot.text import callbacks

# Each draws a chart, runs statistics or builds a file: limited per person (bot.server.fairness), in a worker process.
EXPENSIVE_COMMANDS = ("progress", "insights", "export", "report")
# Commands answer new messages in private chats only (groups stop at bot.handlers.gate); edits get a short answer.
_PRIVATE_MESSAGE = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE


def register(application: BotApplication) -> None:
    """Add every handler in the order PTB should try them, and the error handler."""
    commands = {
        "start": info.start,
        "help": info.help_command,
        "causes": info.page_command("causes"),
        "treatments": info.page_command("treatments"),
        "symptoms": info.page_command("symptoms"),
        "about": info.page_command("about"),
        "tip": info.tip,
        "topics": topics.topics_command,
        "selfcheck": selfcheck.selfcheck_command,
        "language": language.language_command,
        "subscribe": reminders.subscribe,
        "unsubscribe": reminders.unsubscribe,
        "stop": reminders.unsubscribe,
        "time": reminders.set_time,
        "timezone": reminders.set_timezone,
        "settings": reminders.settings,
        "checkin": checkins.checkin_command,
        "log": checkins.log_command,
        "triggers": checkins.triggers_command,
        "meds": meds.meds_command,
        "iron": iron.iron_command,
        "note": notes.note_command,
        "notes": notes.notes_command,
        "report": report.report_command,
        "progress": progress.progress,
        "insights": progress.insights,
        "weekly": progress.weekly,
        "export": privacy.export,
        "delete": privacy.delete,
        # Admin only: anyone else gets exactly the unknown-command answer (the check is in bot.handlers.admin).
        "stats": admin.stats,
        "broadcast": admin.broadcast,
    }
    for name in EXPENSIVE_COMMANDS:
        commands[name] = limits.expensive(commands[name])
    # One handler runs per group, so each step before the handlers has a group of its own.
    application.add_handler(TypeHandler(Update, tracking.UpdateCounter(commands)), group=-3)
    # Counted, then stopped unless it comes from a private chat: nothing below sees a group or a chatless update.
    application.add_handler(TypeHandler(Update, gate.private_chats_only), group=-2)
    # A command or a button ends a question the bot asked; plain text answers it (bot.handlers.questions).
    application.add_handler(TypeHandler(Update, questions.clear_on_command), group=-1)
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=_PRIVATE_MESSAGE))
    application.add_handler(MessageHandler(_PRIVATE_MESSAGE & filters.LOCATION, reminders.location))
    application.add_handler(MessageHandler(_PRIVATE_MESSAGE & filters.COMMAND, fallback.unknown_command))
    application.add_handler(MessageHandler(_PRIVATE_MESSAGE & filters.TEXT, questions.typed_text))
    application.add_handler(MessageHandler(_PRIVATE_MESSAGE, fallback.unsupported_message))
    application.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.ChatType.PRIVATE, fallback.edited_message)
    )
    # Compiled patterns (bot.text.callbacks): each button handler reads its match from context.matches[0].
    application.add_handler(CallbackQueryHandler(admin.broadcast_button, pattern=callbacks.BROADCAST_PATTERN))
    application.add_handler(CallbackQueryHandler(reminder_buttons.reminder_button, pattern=callbacks.REMINDER_PATTERN))
    application.add_handler(CallbackQueryHandler(meds.dose_button, pattern=callbacks.DOSE_PATTERN))
    application.add_handler(CallbackQueryHandler(meds.meds_button, pattern=callbacks.MEDS_PATTERN))
    application.add_handler(CallbackQueryHandler(checkins.checkin_button, pattern=callbacks.CHECKIN_PATTERN))
    application.add_handler(CallbackQueryHandler(privacy.delete_button, pattern=callbacks.DELETE_PATTERN))
    application.add_handler(CallbackQueryHandler(info.page_button, pattern=callbacks.PAGE_PATTERN))
    application.add_handler(CallbackQueryHandler(topics.topic_button, pattern=callbacks.TOPIC_PATTERN))
    application.add_handler(CallbackQueryHandler(selfcheck.selfcheck_button, pattern=callbacks.SELFCHECK_PATTERN))
    application.add_handler(CallbackQueryHandler(language.language_button, pattern=callbacks.LANGUAGE_PATTERN))
    application.add_handler(CallbackQueryHandler(iron.iron_button, pattern=callbacks.IRON_PATTERN))
    application.add_handler(CallbackQueryHandler(notes.note_button, pattern=callbacks.NOTES_PATTERN))
    application.add_handler(CallbackQueryHandler(fallback.stale_button))  # a button no pattern matches
    # After the answer: a chat seen for the first time keeps the language Telegram reports (bot.text.languages).
    application.add_handler(TypeHandler(Update, language.settle_language), group=1)
    application.add_handler(ChatMemberHandler(membership.chat_member_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_error_handler(errors.on_error)
