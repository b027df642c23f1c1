"""/selfcheck: the five IRLSSG criteria and the red flags as Yes / No questions, one at a time, in one edited
message. The answers so far travel in the buttons (bot.core.selfcheck), so nothing is stored unless the
person taps "Keep my answers". The result never says "you have RLS"."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import strings
from bot.content import Content, SelfCheck
from bot.core.selfcheck import Verdict, encode, parse, result
from bot.handlers.common import chat_id_of, edit_query_message, reply, texts_of
from bot.i18n import Texts
from bot.render import source_line
from bot.services import services

SELFCHECK_PATTERN = r"^sc:(keep:)?([yn]*)$"


def _paragraphs(text: str) -> str:
    return escape(text.strip())


def intro(content: Content, t: Texts, check: SelfCheck) -> str:
    parts = [f"🩺 <b>{escape(check.title)}</b>", _paragraphs(check.intro), source_line(content, t, check.sources)]
    return "\n\n".join(parts)


def question(t: Texts, check: SelfCheck, answers: str) -> tuple[str, InlineKeyboardMarkup]:
    asked = check.questions[len(answers)]
    progress = t(strings.SELFCHECK_PROGRESS).format(number=len(answers) + 1, total=len(check.questions))
    buttons = [
        InlineKeyboardButton(t(strings.BUTTON_YES), callback_data=f"sc:{answers}y"),
        InlineKeyboardButton(t(strings.BUTTON_NO), callback_data=f"sc:{answers}n"),
    ]
    return f"{progress}\n\n<b>{escape(asked.question)}</b>", InlineKeyboardMarkup([buttons])


def outcome(content: Content, t: Texts, check: SelfCheck, answers: list[bool]) -> str:
    """The result: how the answers compare with what clinicians look for, look-alikes, any red flags, the
    answers themselves and the sources; always pointing to a clinician."""
    found = result(answers, len(check.criteria), [flag.id for flag in check.red_flags])
    texts_by_verdict = {
        Verdict.MATCH: check.result.match,
        Verdict.PARTIAL: check.result.partial,
        Verdict.NO_MATCH: check.result.no_match,
    }
    parts = [f"🩺 <b>{escape(check.title)}</b>", _paragraphs(texts_by_verdict[found.verdict])]
    flagged = [flag for flag in check.red_flags if flag.id in found.red_flags]
    if flagged:
        parts.append(t(strings.SELFCHECK_RED_FLAG_TITLE))
        parts += [_paragraphs(flag.advice) for flag in flagged]
    parts += [_paragraphs(check.result.lookalikes), f"<b>{_paragraphs(check.result.clinician)}</b>"]
    yes, no = t(strings.SELFCHECK_YES), t(strings.SELFCHECK_NO)
    lines = [
        f"{number}. {escape(asked.question)} — <b>{yes if answer else no}</b>"
        for number, (asked, answer) in enumerate(zip(check.questions, answers, strict=True), start=1)
    ]
    parts.append(t(strings.SELFCHECK_ANSWERS) + "\n" + "\n".join(lines))
    cited = (check.sources, check.result.sources, *(asked.sources for asked in check.questions))
    sources = sorted({source for entry_sources in cited for source in entry_sources})
    parts.append(source_line(content, t, tuple(sources)))
    return "\n\n".join(parts)


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
    await reply(update, intro(content, t, check), start)


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
    text = outcome(found.content, t, check, answers)
    if keep:
        now = found.clock()
        named = {asked.id: answer for asked, answer in zip(check.questions, answers, strict=True)}
        await found.coaching.keep_selfcheck(chat_id_of(update), named, now)
        await query.answer(t(strings.ANSWER_KEPT))
        text += "\n\n" + t(strings.SELFCHECK_KEPT).format(date=t.day(now.date()))
    else:
        await query.answer()
        text += "\n\n" + t(strings.SELFCHECK_NOT_STORED)
    await edit_query_message(query, text, _result_buttons(t, encode(answers), kept=keep))
