"""Telegram tells us when a person blocks the bot (a ``my_chat_member`` update): stop scheduling them at once.

Without this we would only learn it from the 403 on their next reminder. Unblocking needs no handler: the
person's next message resumes what they had set up (see ``Store._get_or_create``).
"""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.ext import ContextTypes

from bot.services import services

_GONE = frozenset({ChatMember.BANNED, ChatMember.LEFT})  # "kicked" is how a private-chat block arrives


async def chat_member_changed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    change = update.my_chat_member
    if change is None or change.chat.type != change.chat.PRIVATE:
        return
    if change.new_chat_member.status in _GONE:
        found = services(context)
        await found.store.mark_blocked(change.chat.id, found.clock())
