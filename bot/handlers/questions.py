"""Typed answers to a question the bot asked ("type the dose as on your label"): one pending question per chat,
answered by the next plain-text message; any other text goes on to the time-zone reader.

The pending question lives in PTB's ``chat_data`` (memory): a question asked before a restart is simply asked again
by the person, which is what people expect of a chat. A command or a button press clears it, so a question never
swallows a later, unrelated message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.handlers import reminders
from bot.services import BotContext

_PENDING_KEY = "pending_question"


@dataclass(frozen=True)
class Question:
    """What the chat was asked: which answer reader takes the reply, and what it needs (a medicine id, …)."""

    key: str
    about: Mapping[str, Any]


# An answer reader: the update holding the typed text, the context, and the question it answers.
AnswerReader = Callable[[Update, BotContext, Question], Awaitable[None]]
_READERS: dict[str, AnswerReader] = {}


def answer_reader(key: str) -> Callable[[AnswerReader], AnswerReader]:
    """Register the reader of the answers to questions asked under ``key`` (a decorator; one reader per key)."""

    def register(reader: AnswerReader) -> AnswerReader:
        if key in _READERS:
            raise ValueError(f"two readers for the question {key!r}")
        _READERS[key] = reader
        return reader

    return register


def ask(context: BotContext, key: str, **about: Any) -> None:
    """Remember that the chat was just asked question ``key``; its next plain text is the answer."""
    if context.chat_data is not None:
        context.chat_data[_PENDING_KEY] = Question(key, dict(about))


def forget_question(context: BotContext) -> None:
    """Drop the pending question (a command, a button, or the answer itself ends it)."""
    if context.chat_data is not None:
        context.chat_data.pop(_PENDING_KEY, None)


def pending_question(context: BotContext) -> Question | None:
    """The question the chat's next plain text answers, if any."""
    found = context.chat_data.get(_PENDING_KEY) if context.chat_data is not None else None
    return found if isinstance(found, Question) else None


async def typed_text(update: Update, context: BotContext) -> None:
    """Plain text: the answer to the pending question, else (as before questions existed) a time zone."""
    question = pending_question(context)
    reader = _READERS.get(question.key) if question is not None else None
    if question is None or reader is None:
        await reminders.zone_from_text(update, context)
        return
    forget_question(context)
    await reader(update, context, question)


async def clear_on_command(update: Update, context: BotContext) -> None:
    """A command or a button press ends a pending question (registered in a group before the handlers)."""
    if update.callback_query is not None or (
        update.effective_message is not None
        and update.effective_message.text is not None
        and update.effective_message.text.startswith("/")
    ):
        forget_question(context)
