"""The person owns their data: /export sends all of it as a CSV file; /delete removes all of it after a
confirmation button."""

from __future__ import annotations

from telegram import InputFile, Update

from bot.handlers.common import chat_id_of, edit_query_message, pressed_button, reply, texts_of
from bot.server.offload import run_cpu
from bot.services import BotContext
from bot.text import strings
from bot.text.export import Diary, export_csv
from bot.text.keyboards import delete_buttons


async def export(update: Update, context: BotContext) -> None:
    """Everything stored about the person, as a CSV file."""
    t, services, chat_id = await texts_of(update, context), context.services, chat_id_of(update)
    data = await services.coaching.person_data(chat_id)
    if data.subscriber is None:
        await reply(update, t(strings.EXPORT_NOTHING))
        return
    diary = Diary(
        medicines=await services.medicines.medicines(chat_id, include_stopped=True),
        medicine_events=await services.medicines.events(chat_id),
        iron_results=await services.iron.results(chat_id),
        iron_infusions=await services.iron.infusions(chat_id),
        notes=list(reversed(await services.notes.notes(chat_id))),
    )
    message = update.effective_message
    assert message is not None  # a command always comes in a message
    day = services.clock().date().isoformat()
    document = InputFile(await run_cpu(export_csv, t, data, diary), filename=f"rls-coach-data-{day}.csv")
    await message.reply_document(document, caption=t(strings.EXPORT_CAPTION))


async def delete(update: Update, context: BotContext) -> None:
    """What /delete removes, with Confirm and Cancel."""
    t = await texts_of(update, context)
    await reply(update, t(strings.DELETE_CONFIRM), delete_buttons(t))


async def delete_button(update: Update, context: BotContext) -> None:
    """Confirm removes every row about the person (pressing it again finds nothing left); Cancel keeps all."""
    query, match = pressed_button(update, context)
    # Looked up before the row (and the language kept on it) is deleted, so the goodbye is in their language.
    t = await texts_of(update, context)
    if match["action"] == "cancel":
        await query.answer(t(strings.ANSWER_DELETE_CANCELLED))
        await edit_query_message(query, t(strings.DELETE_CANCELLED))
        return
    await context.services.coaching.delete_person(chat_id_of(update))
    context.services.languages.forget(chat_id_of(update))  # nothing of the person stays behind, cached either
    await query.answer(t(strings.ANSWER_DELETED))
    await edit_query_message(query, t(strings.DELETED))
