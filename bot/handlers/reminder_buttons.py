"""The evening reminder's buttons: ✅ Done, ⏰ Snooze and Skip tonight (also under the snoozed reminder).

Every press is answered (the client's spinner stops); the message is edited to say what happened, and its
buttons go once the evening is settled. Double presses, old messages and presses after /delete change nothing.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.core.zones import zone_from_name
from bot.handlers import fallback
from bot.handlers.common import chat_id_of, edit_query_message, message_html, pressed_button, texts_of
from bot.services import BotContext
from bot.store import Answer, Response
from bot.text import callbacks, strings
from bot.text.keyboards import reminder_buttons

_RESPONSES = {"done": Response.DONE, "snooze": Response.SNOOZED, "skip": Response.SKIPPED}
# Message ids, translated where they are used.
_RECORDED_NOTE = {Response.DONE: strings.REMINDER_DONE, Response.SKIPPED: strings.REMINDER_SKIPPED}
_RECORDED_ANSWER = {Response.DONE: strings.ANSWER_DONE, Response.SKIPPED: strings.ANSWER_SKIPPED}
_ALREADY_ANSWER = {Response.DONE: strings.ANSWER_ALREADY_DONE, Response.SKIPPED: strings.ANSWER_ALREADY_SKIPPED}


async def reminder_button(update: Update, context: BotContext) -> None:
    """Done, Snooze or Skip tonight: record the answer for the evening the button names, and say so."""
    query, match = pressed_button(update, context)
    press = callbacks.dated_press(match)
    if press is None:
        await fallback.stale_button(update, context)
        return
    t, services = await texts_of(update, context), context.services
    chat_id, now, evening = chat_id_of(update), services.clock(), press.day
    snooze = timedelta(minutes=services.settings.snooze_minutes)
    result = await services.coaching.respond(chat_id, evening, _RESPONSES[press.action], now, snooze)
    view = await services.subscribers.get(chat_id)
    zone = zone_from_name(view.zone_name) if view is not None and view.zone_name else None

    def local_time_text() -> str:
        """The snooze's local time, while it is still ahead."""
        if result.snooze_due_at_utc is None or result.snooze_due_at_utc <= now:
            return ""
        instant = result.snooze_due_at_utc.astimezone(zone) if zone else result.snooze_due_at_utc
        return t.clock(instant.time())

    original = message_html(query)
    if result.answer is Answer.RECORDED and result.response is Response.SNOOZED:
        await query.answer(t(strings.ANSWER_SNOOZED).format(time=local_time_text()))
        if original is not None:
            note = t(strings.REMINDER_SNOOZED).format(time=local_time_text())
            await edit_query_message(query, f"{original}\n\n{note}", reminder_buttons(t, evening, snooze=False))
    elif result.answer is Answer.RECORDED and result.response is not None:
        await query.answer(t(_RECORDED_ANSWER[result.response]))
        if original is not None:
            await edit_query_message(query, f"{original}\n\n{t(_RECORDED_NOTE[result.response])}")
    elif result.answer is Answer.ALREADY and result.response is Response.SNOOZED:
        time_text = local_time_text()
        await query.answer(
            t(strings.ANSWER_ALREADY_SNOOZED).format(time=time_text)
            if time_text
            else t(strings.ANSWER_ALREADY_SNOOZED_NO_TIME)
        )
    elif result.answer is Answer.ALREADY and result.response is not None:
        await query.answer(t(_ALREADY_ANSWER[result.response]))
    elif result.answer is Answer.CLOSED:
        await query.answer(t(strings.ANSWER_CLOSED))
    elif result.answer is Answer.TOO_LATE:
        await query.answer(t(strings.ANSWER_TOO_LATE))
    else:
        await query.answer(t(strings.ANSWER_GONE))
