"""Telegram tells us when a person blocks the bot (a ``my_chat_member`` update): stop scheduling them at once.

Without this we would only learn it from the 403 on their next reminder. Unblocking needs no handler: the
person's next message resumes what they had set up (in bot.store, any write from a chat marked blocked unblocks it).
"""

from __future__ import annotations

from telegram import ChatMember, Update

from bot.services import BotContext

_GONE = frozenset({ChatMember.BANNED, ChatMember.LEFT})  # "kicked" is how a private-chat block arrives


async def chat_member_changed(update: Update, context: BotContext) -> None:
    """A private chat that blocked the bot (or was deleted) is marked blocked: nothing more is scheduled."""
    change = update.my_chat_member
    if change is None or change.chat.type != change.chat.PRIVATE:
        return
    if change.new_chat_member.status in _GONE:
        services = context.services
        await services.subscribers.mark_blocked(change.chat.id, services.clock())
