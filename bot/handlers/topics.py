"""/topics: inline toggle buttons choose which topics the nightly tips come from."""

from __future__ import annotations

from telegram import Update

from bot.content import Library
from bot.handlers.common import chat_id_of, edit_query_message, pressed_button, reply, texts_of
from bot.services import BotContext
from bot.text import strings
from bot.text.callbacks import TOPICS_DONE
from bot.text.keyboards import topic_buttons


def chosen_topics(library: Library, stored: tuple[str, ...] | None) -> list[str]:
    """The person's topics that exist in the content (the defaults if they never chose)."""
    keys = [topic.key for topic in library.topics]
    wanted = stored if stored is not None else [topic.key for topic in library.topics if topic.default]
    return [key for key in keys if key in wanted]


async def topics_command(update: Update, context: BotContext) -> None:
    """The tip topics as toggles, the person's choice marked."""
    t, services = await texts_of(update, context), context.services
    library = services.content.library(t.language)
    view = await services.subscribers.get(chat_id_of(update))
    chosen = chosen_topics(library, view.tip_topics if view else None)
    await reply(update, t(strings.TOPICS), topic_buttons(t, library, chosen))


async def topic_button(update: Update, context: BotContext) -> None:
    """Turn one topic on or off (never the last one), or close the choice with a summary."""
    query, match = pressed_button(update, context)
    t, services = await texts_of(update, context), context.services
    library, chat_id, key = services.content.library(t.language), chat_id_of(update), match["topic"]
    view = await services.subscribers.get(chat_id)
    chosen = chosen_topics(library, view.tip_topics if view else None)
    if key == TOPICS_DONE:
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
    await services.subscribers.set_tip_topics(chat_id, chosen, services.clock())
    answer = strings.ANSWER_TOPIC_ON if turned_on else strings.ANSWER_TOPIC_OFF
    await query.answer(t(answer).format(topic=topic.label))
    await edit_query_message(query, t(strings.TOPICS), topic_buttons(t, library, chosen))
