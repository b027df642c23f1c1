"""/topics: inline toggle buttons choose which topics the nightly tips come from."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.content import Library
from bot.handlers.common import chat_id_of, edit_query_message, reply, texts_of
from bot.services import services
from bot.text import strings
from bot.text.i18n import Texts

TOPICS_PATTERN = r"^tp:([a-z0-9-]+)\Z"
_DONE = "done"
_ON, _OFF = "✅", "▫️"


def chosen_topics(library: Library, stored: tuple[str, ...] | None) -> list[str]:
    """The person's topics that exist in the content (the defaults if they never chose)."""
    keys = [topic.key for topic in library.topics]
    wanted = stored if stored is not None else [topic.key for topic in library.topics if topic.default]
    return [key for key in keys if key in wanted]


def topic_buttons(t: Texts, library: Library, chosen: list[str]) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(f"{_ON if topic.key in chosen else _OFF} {topic.label}", callback_data=f"tp:{topic.key}")
        for topic in library.topics
    ]
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    rows.append([InlineKeyboardButton(t(strings.BUTTON_TOPICS_DONE), callback_data=f"tp:{_DONE}")])
    return InlineKeyboardMarkup(rows)


async def topics_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t, found = await texts_of(update, context), services(context)
    library = found.content.library(t.language)
    view = await found.store.get(chat_id_of(update))
    chosen = chosen_topics(library, view.tip_topics if view else None)
    await reply(update, t(strings.TOPICS), topic_buttons(t, library, chosen))


async def topic_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Turn one topic on or off (never the last one), or close the choice with a summary."""
    query = update.callback_query
    assert query is not None and context.matches is not None  # a CallbackQueryHandler with a pattern
    t, found = await texts_of(update, context), services(context)
    library, chat_id, key = found.content.library(t.language), chat_id_of(update), context.matches[0].group(1)
    view = await found.store.get(chat_id)
    chosen = chosen_topics(library, view.tip_topics if view else None)
    if key == _DONE:
        await query.answer()
        labels = ", ".join(topic.label for topic in library.topics if topic.key in chosen)
        await edit_query_message(query, t(strings.TOPICS_DONE).format(topics=labels))
        return
    topic = library.topic(key)
    if topic is None:  # a button from before a content update
        await query.answer()
        await edit_query_message(query, t(strings.TOPICS), topic_buttons(t, library, chosen))
        return
    if key in chosen and len(chosen) == 1:
        await query.answer(t(strings.ANSWER_LAST_TOPIC), show_alert=True)
        return
    turned_on = key not in chosen
    chosen = [other.key for other in library.topics if (other.key in chosen) != (other.key == key)]
    await found.store.set_tip_topics(chat_id, chosen, found.clock())
    answer = strings.ANSWER_TOPIC_ON if turned_on else strings.ANSWER_TOPIC_OFF
    await query.answer(t(answer).format(topic=topic.label))
    await edit_query_message(query, t(strings.TOPICS), topic_buttons(t, library, chosen))
