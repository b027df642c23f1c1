"""/selfcheck: the five IRLSSG criteria and the red flags as Yes / No questions, one at a time, in one edited
message. The answers so far travel in the buttons (bot.core.selfcheck), so nothing is stored unless the
person taps "Keep my answers". The result never says "you have RLS"."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.content import SelfCheck
from bot.core.selfcheck import encode, parse
from bot.handlers.common import chat_id_of, edit_query_message, reply, texts_of
from bot.services import services
from bot.text import strings
from bot.text.i18n import Texts
from bot.text.render import render_selfcheck_intro, render_selfcheck_question, render_selfcheck_result

SELFCHECK_PATTERN = r"^sc:(keep:)?([yn]*)\Z"


def question(t: Texts, check: SelfCheck, answers: str) -> tuple[str, InlineKeyboardMarkup]:
    """The next question after ``answers``, with its Yes / No buttons carrying the answers so far."""
    buttons = [
        InlineKeyboardButton(t(strings.BUTTON_YES), callback_data=f"sc:{answers}y"),
        InlineKeyboardButton(t(strings.BUTTON_NO), callback_data=f"sc:{answers}n"),
    ]
    return render_selfcheck_question(t, check, len(answers)), InlineKeyboardMarkup([buttons])


def _result_buttons(t: Texts, answers: str, kept: bool) -> InlineKeyboardMarkup:
    again = InlineKeyboardButton(t(strings.BUTTON_AGAIN), callback_data="sc:")
    if kept:
        return InlineKeyboardMarkup([[again]])
    keep = InlineKeyboardButton(t(strings.BUTTON_KEEP_ANSWERS), callback_data=f"sc:keep:{answers}")
    return InlineKeyboardMarkup([[keep], [again]])


async def selfcheck_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t, content = await texts_of(update, context), services(context).content
    check = content.library(t.language).selfcheck
    start = InlineKeyboardMarkup([[InlineKeyboardButton(t(strings.BUTTON_START), callback_data="sc:")]])
    await reply(update, render_selfcheck_intro(content, t, check), start)


async def selfcheck_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start, an answer (the next question, or the result after the last), or Keep my answers."""
    query = update.callback_query
    assert query is not None and context.matches is not None  # a CallbackQueryHandler with a pattern
    t, found = await texts_of(update, context), services(context)
    check = found.content.library(t.language).selfcheck
    keep, encoded = bool(context.matches[0].group(1)), context.matches[0].group(2)
    answers = parse(encoded, len(check.questions))
    if answers is None:  # a button from a longer, older self-check
        await query.answer(t(strings.STALE_BUTTON), show_alert=True)
        return
    if len(answers) < len(check.questions):
        await query.answer()
        text, buttons = question(t, check, encoded)
        await edit_query_message(query, text, buttons)
        return
    text = render_selfcheck_result(found.content, t, check, answers)
    if keep:
        now = found.clock()
        named = {asked.id: answer for asked, answer in zip(check.questions, answers, strict=True)}
        kept_now = await found.coaching.keep_selfcheck(chat_id_of(update), named, now)
        await query.answer(t(strings.ANSWER_KEPT if kept_now else strings.ANSWER_ALREADY_KEPT))
        text += "\n\n" + t(strings.SELFCHECK_KEPT).format(date=t.day(now.date()))
    else:
        await query.answer()
        text += "\n\n" + t(strings.SELFCHECK_NOT_STORED)
    await edit_query_message(query, text, _result_buttons(t, encode(answers), kept=keep))
