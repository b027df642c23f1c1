"""/selfcheck: the five IRLSSG criteria and the red flags as Yes / No questions, one at a time, in one edited
message. The answers so far travel in the buttons (bot.core.selfcheck), so nothing is stored unless the
person taps "Keep my answers". The result never says "you have RLS"."""

from __future__ import annotations

from telegram import Update

from bot.core.selfcheck import encode, parse
from bot.handlers.common import chat_id_of, edit_query_message, pressed_button, reply, texts_of
from bot.services import BotContext
from bot.text import strings
from bot.text.keyboards import selfcheck_answer_buttons, selfcheck_result_buttons, selfcheck_start_buttons
from bot.text.render import render_selfcheck_intro, render_selfcheck_question, render_selfcheck_result


async def selfcheck_command(update: Update, context: BotContext) -> None:
    """What the self-check is (and is not), with Start."""
    t, content = await texts_of(update, context), context.services.content
    check = content.library(t.language).selfcheck
    await reply(update, render_selfcheck_intro(content, t, check), selfcheck_start_buttons(t))


async def selfcheck_button(update: Update, context: BotContext) -> None:
    """Start, an answer (the next question, or the result after the last), or Keep my answers."""
    query, match = pressed_button(update, context)
    t, services = await texts_of(update, context), context.services
    check = services.content.library(t.language).selfcheck
    keep, encoded = bool(match["keep"]), match["answers"]
    answers = parse(encoded, len(check.questions))
    if answers is None:  # a button from a longer, older self-check
        await query.answer(t(strings.STALE_BUTTON), show_alert=True)
        return
    if len(answers) < len(check.questions):
        await query.answer()
        question = render_selfcheck_question(t, check, len(encoded))
        await edit_query_message(query, question, selfcheck_answer_buttons(t, encoded))
        return
    text = render_selfcheck_result(services.content, t, check, answers)
    if keep:
        now = services.clock()
        named = {asked.id: answer for asked, answer in zip(check.questions, answers, strict=True)}
        kept_now = await services.coaching.keep_selfcheck(chat_id_of(update), named, now)
        await query.answer(t(strings.ANSWER_KEPT if kept_now else strings.ANSWER_ALREADY_KEPT))
        text += "\n\n" + t(strings.SELFCHECK_KEPT).format(date=t.day(now.date()))
    else:
        await query.answer()
        text += "\n\n" + t(strings.SELFCHECK_NOT_STORED)
    await edit_query_message(query, text, selfcheck_result_buttons(t, encode(answers), kept=keep))
