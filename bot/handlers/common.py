"""Helpers every handler module shares: reading the update, replying (split under the limit), editing the
message under a button, and showing local times. Messages are HTML without link previews: the application's
Defaults (bot.app) set both for every send and edit."""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from html import escape
from typing import Any

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import BadRequest

from bot.core.messages import split_message
from bot.core.zones import zone_from_name
from bot.services import BotContext
from bot.store import SubscriberView
from bot.text import strings
from bot.text.i18n import Texts

ReplyMarkup = ReplyKeyboardMarkup | ReplyKeyboardRemove | InlineKeyboardMarkup
Callback = Callable[[Update, BotContext], Coroutine[Any, Any, None]]  # every update handler

REMOVE_KEYBOARD = ReplyKeyboardRemove()
# Telegram's answers to an edit that need no apology: the press's own answer says what happened.
_UNEDITABLE = ("not modified", "can't be edited", "message to edit not found")


def location_keyboard(t: Texts) -> ReplyKeyboardMarkup:
    """The one-time "share my location" keyboard shown with every request for a time zone."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(t(strings.LOCATION_BUTTON), request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


async def reply(update: Update, text: str, reply_markup: ReplyMarkup | None = None) -> list[Message]:
    """Answer in the update's chat; long texts go out as several messages, the keyboard on the last."""
    message = update.effective_message
    if message is None:
        return []
    chunks = split_message(text)
    sent = []
    for index, chunk in enumerate(chunks):
        markup = reply_markup if index == len(chunks) - 1 else None
        sent.append(await message.reply_text(chunk, reply_markup=markup))
    return sent


async def edit_query_message(query: CallbackQuery, text: str, buttons: InlineKeyboardMarkup | None = None) -> None:
    """Replace the text (and buttons) of the message under a pressed button.

    "Not modified" means a repeated press already did it. A message too old to edit, or gone, is left as it is:
    the press's own answer tells the person what happened.
    """
    try:
        await query.edit_message_text(text, reply_markup=buttons)
    except BadRequest as exc:
        if not _needs_no_apology(exc):
            raise


async def remove_query_buttons(query: CallbackQuery) -> None:
    """Remove the buttons of the message under a pressed button, leaving its text; as ``edit_query_message``,
    an edit Telegram refuses because it is done already or impossible is left at that."""
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except BadRequest as exc:
        if not _needs_no_apology(exc):
            raise


def _needs_no_apology(exc: BadRequest) -> bool:
    return any(reason in exc.message.lower() for reason in _UNEDITABLE)


def message_html(query: CallbackQuery) -> str | None:
    """The HTML of the message under a button (None when Telegram no longer gives us its text)."""
    message = query.message
    return message.text_html if isinstance(message, Message) and message.text else None


async def texts_of(update: Update, context: BotContext) -> Texts:
    """The UI in the language of the chat the update comes from, with its country (bot.text.languages)."""
    user = update.effective_user
    return await context.services.languages.of(chat_id_of(update), user.language_code if user else None)


def chat_id_of(update: Update) -> int:
    """The id of the chat the update comes from (every update past bot.handlers.gate has one)."""
    chat = update.effective_chat
    if chat is None:
        raise ValueError("update without a chat")
    return chat.id


def command_argument(text: str | None) -> str:
    """Everything after the command word (``/time 9:30 pm`` → ``9:30 pm``)."""
    parts = (text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else ""


def command_argument_of(update: Update) -> str:
    """Everything after the command word of the update's message, as ``command_argument`` reads it."""
    message = update.effective_message
    return command_argument(message.text if message else None)


def pressed_button(update: Update, context: BotContext) -> tuple[CallbackQuery, re.Match[str]]:
    """The press and the match of its data, for a CallbackQueryHandler registered with a compiled pattern from
    bot.text.callbacks: PTB puts the match in ``context.matches``."""
    query, matches = update.callback_query, context.matches
    if query is None or not matches:
        raise ValueError("a button handler without a pressed button or a pattern")
    return query, matches[0]


def quoted(text: str, limit: int = 60) -> str:
    """A person's own words, escaped and shortened, to show back to them in an error message."""
    shortened = text if len(text) <= limit else text[: limit - 1] + "…"
    return escape(shortened)


def describe_local(t: Texts, instant_utc: datetime, zone_name: str, now_utc: datetime) -> str:
    """``today at 21:00 (Wed 25 Nov)``, ``tomorrow at …`` or ``Fri 27 Nov at 21:00`` in the person's zone."""
    zone = zone_from_name(zone_name)
    local, today = instant_utc.astimezone(zone), now_utc.astimezone(zone).date()
    clock_text, date_text = t.clock(local.time()), t.day(local.date())
    if local.date() == today:
        return t(strings.TODAY_AT).format(clock=clock_text, date=date_text)
    if local.date() == today + timedelta(days=1):
        return t(strings.TOMORROW_AT).format(clock=clock_text, date=date_text)
    return t(strings.DAY_AT).format(date=date_text, clock=clock_text)


def next_reminder_line(t: Texts, view: SubscriberView, now_utc: datetime) -> str:
    """``Next reminder: …`` in the person's zone, or nothing when none is scheduled."""
    if view.next_due_at_utc is None or view.zone_name is None:
        return ""
    return t(strings.NEXT_REMINDER).format(when=describe_local(t, view.next_due_at_utc, view.zone_name, now_utc))


def zone_label(t: Texts, zone_name: str | None) -> str:
    """The zone's name to show in a message, or "not set"."""
    return escape(zone_name) if zone_name else t(strings.ZONE_NOT_SET)
