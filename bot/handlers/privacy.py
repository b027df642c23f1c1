"""The person owns their data: /export sends all of it as a CSV file; /delete removes all of it after a
confirmation button."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.handlers import fallback
from bot.handlers.common import chat_id_of, edit_query_message, reply, texts_of
from bot.server.offload import run_cpu
from bot.services import services
from bot.text import strings
from bot.text.export import export_csv
from bot.text.keyboards import DELETE_PATTERN, delete_buttons


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t, found = await texts_of(update, context), services(context)
    data = await found.coaching.person_data(chat_id_of(update))
    if data.subscriber is None:
        await reply(update, t(strings.EXPORT_NOTHING))
        return
    message = update.effective_message
    assert message is not None  # a command always comes in a message
    day = found.clock().date().isoformat()
    document = InputFile(await run_cpu(export_csv, t, data), filename=f"rls-coach-data-{day}.csv")
    await message.reply_document(document, caption=t(strings.EXPORT_CAPTION), parse_mode=ParseMode.HTML)


async def delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t = await texts_of(update, context)
    await reply(update, t(strings.DELETE_CONFIRM), delete_buttons(t))


async def delete_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Confirm removes every row about the person (pressing it again finds nothing left); Cancel keeps all."""
    query = update.callback_query
    match = DELETE_PATTERN.match(query.data or "") if query else None
    if query is None or match is None:
        await fallback.stale_button(update, context)
        return
    # Looked up before the row (and the language kept on it) is deleted, so the goodbye is in their language.
    t = await texts_of(update, context)
    if match.group(1) == "cancel":
        await query.answer(t(strings.ANSWER_DELETE_CANCELLED))
        await edit_query_message(query, t(strings.DELETE_CANCELLED))
        return
    await services(context).coaching.delete_person(chat_id_of(update))
    services(context).languages.forget(chat_id_of(update))  # nothing of the person stays behind, cached either
    await query.answer(t(strings.ANSWER_DELETED))
    await edit_query_message(query, t(strings.DELETED))
