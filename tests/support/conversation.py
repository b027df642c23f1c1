"""Conversation helpers: say something to the bot as a person (a text, any update, a button press) and get back
exactly what it answered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.text import strings
from support.fake_bot_api import Call
from support.harness import BotHarness
from support.telegram_checks import check_message

SENTINEL = 999_999  # a chat used only to know that every earlier update has been handled
SELFCHECK_QUESTIONS = 8  # the five features clinicians ask about, and three safety questions


def with_questions(text: str) -> str:
    """A UI text as the bot sends it, with the number of self-check questions filled in."""
    return text.replace("{questions}", str(SELFCHECK_QUESTIONS))


HELP = with_questions(strings.HELP)


async def flush(harness: BotHarness) -> None:
    """Return once every update pushed so far has been handled.

    The sentinel's answer means PTB has fetched every earlier update (the fake Bot API hands them out in order);
    updates of different chats run concurrently, so then wait until every fetched one is done.
    """
    await harness.say(SENTINEL, "/help")
    await harness.bot_app.application.update_queue.join()


async def exchange(harness: BotHarness, chat_id: int, send: str | Callable[[], object]) -> list[Call]:
    """Send a text (or push any update with ``send()``) and return every message the bot sent in answer."""
    before = len(harness.api.sent_messages(chat_id))
    if isinstance(send, str):
        harness.api.send_text(chat_id, send)
    else:
        send()
    await flush(harness)
    return harness.api.sent_messages(chat_id)[before:]


async def answer(harness: BotHarness, chat_id: int, send: str | Callable[[], object]) -> Call:
    """The one message the bot sent in answer, checked by ``check_message``."""
    calls = await exchange(harness, chat_id, send)
    assert len(calls) == 1, [c.params.get("text") for c in calls]
    check_message(calls[0])
    return calls[0]


async def reply_to(harness: BotHarness, chat_id: int, send: str | Callable[[], object]) -> str:
    return str((await answer(harness, chat_id, send)).params["text"])


BUTTON_MESSAGE_ID = 55  # the fake API does not check which message a button hangs under


def buttons(call: Call) -> list[list[dict[str, Any]]]:
    markup = call.params.get("reply_markup") or {}
    rows: list[list[dict[str, Any]]] = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    return rows


def callback_data(call: Call) -> list[str]:
    return [str(button["callback_data"]) for row in buttons(call) for button in row]


async def press(harness: BotHarness, chat_id: int, data: str) -> str:
    """Press an inline button; every press must be answered exactly once. Returns the answer's text."""
    before = len(harness.api.calls("answerCallbackQuery"))
    await exchange(harness, chat_id, lambda: harness.api.send_callback(chat_id, data, BUTTON_MESSAGE_ID))
    answers = harness.api.calls("answerCallbackQuery")[before:]
    assert len(answers) == 1, answers
    return str(answers[0].params.get("text", ""))
