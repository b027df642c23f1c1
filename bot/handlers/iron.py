"""/iron: iron results, infusions, the reminder the evening before a planned blood test, and a recall.

``/iron`` alone shows the history with buttons (➕ Add a result, 💉 Infusion, 🗓 Plan a test, 🔔 Recall, ℹ️ What the
numbers mean); ``/iron …`` is the typed form, read by bot.core.iron (``/iron 2026-11-20 ferritin 45 tsat 18``,
``/iron infusion 2026-11-02``, ``/iron test 2027-01-15``, ``/iron recall 6``, ``/iron delete 2``, and Spanish).
Anything it cannot read is answered with what was wrong and an example, and changes nothing.

➕ Add a result asks one question at a time (bot.handlers.questions): the day, ferritin, transferrin saturation (or
serum iron and TIBC), haemoglobin. Each answer is added to an ``/iron`` argument and read by the same parser as the
typed form, so both accept the same values; the result is saved after the last question. A saved result whose
morning flag was not given is followed by Yes / No / Not sure: drawn in the morning after 24 h without iron?

The bot shows the values as they were typed and never compares them with a threshold: ℹ️ opens the reviewed iron
section of /treatments, general information with its sources.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from telegram import CallbackQuery, InlineKeyboardMarkup, Update

from bot.core.iron import (
    IronCancelTest,
    IronCommand,
    IronDelete,
    IronInfusion,
    IronList,
    IronPlanTest,
    IronProblem,
    IronRecall,
    IronResult,
    parse_iron_command,
)
from bot.core.zones import zone_from_name
from bot.handlers import fallback
from bot.handlers.common import (
    ReplyMarkup,
    chat_id_of,
    command_argument_of,
    describe_local,
    edit_query_message,
    location_keyboard,
    pressed_button,
    reply,
    texts_of,
)
from bot.handlers.questions import Question, answer_reader, ask
from bot.services import BotContext, Services
from bot.store.iron import Planned, Planning
from bot.text import callbacks, strings
from bot.text import iron as words
from bot.text.i18n import Texts
from bot.text.keyboards import (
    iron_buttons,
    iron_day_buttons,
    iron_infusion_buttons,
    iron_morning_buttons,
    iron_recall_buttons,
    iron_skip_buttons,
    iron_test_buttons,
)
from bot.text.render import render_section

# The questions the bot asks (bot.handlers.questions), and where ➕ Add a result keeps the answers so far.
ASK_RESULT, ASK_INFUSION, ASK_TEST = "iron_result", "iron_infusion", "iron_test"
DRAFT_KEY = "iron_draft"
# A result or an infusion from before this is a typo in the year, not a lab report to copy.
FIRST_DAY = date(1980, 1, 1)
EXAMPLE_TEST_AHEAD = timedelta(days=30)  # the test day in examples: a month from today
INFUSION_BUTTONS_MAX = 10  # 🗑 buttons for the latest infusions only: a keyboard stays small enough to tap

Step = Literal["day", "ferritin", "tsat", "hb"]


@dataclass(frozen=True)
class _Draft:
    """A result being added with ➕: the question it is at, its day, the ``/iron`` argument the answers make so
    far, and whether that argument holds a value yet (TSAT cannot be skipped after a skipped ferritin)."""

    step: Step
    day: date | None = None
    argument: str = ""
    has_value: bool = False


@dataclass(frozen=True)
class _Where:
    """The person's time zone (if known), their local today, and now."""

    zone_name: str | None
    today: date
    now: datetime


async def _where(services: Services, chat_id: int) -> _Where:
    view = await services.subscribers.get(chat_id)
    zone_name = view.zone_name if view is not None else None
    now = services.clock()
    today = now.astimezone(zone_from_name(zone_name) if zone_name else UTC).date()
    return _Where(zone_name, today, now)


# --- /iron ----------------------------------------------------------------------------------------------------


async def iron_command(update: Update, context: BotContext) -> None:
    """/iron: the history with buttons; ``/iron …``: a result, an infusion, a test, a recall or a deletion."""
    t, services = await texts_of(update, context), context.services
    chat_id = chat_id_of(update)
    where = await _where(services, chat_id)
    request: IronCommand | IronProblem = parse_iron_command(command_argument_of(update))
    if isinstance(request, IronProblem):
        await reply(update, words.problem_text(t, request, where.today, where.today + EXAMPLE_TEST_AHEAD))
    elif isinstance(request, IronList):
        await reply(update, await _history(t, services, chat_id, where), iron_buttons(t))
    elif isinstance(request, IronResult):
        day = request.day or where.today
        refused = _day_refusal(t, day, where.today, strings.IRON_DAY_AHEAD)
        if refused:
            await reply(update, words.refusal(t, refused, "result", where.today, where.today + EXAMPLE_TEST_AHEAD))
            return
        await reply(update, *await _save_result(t, services, chat_id, day, request, where.now))
    elif isinstance(request, IronInfusion):
        await reply(update, await _add_infusion(t, services, chat_id, request.day or where.today, where))
    elif isinstance(request, IronPlanTest):
        await reply(update, *await _plan_test(t, services, chat_id, request.day or where.today, where))
    elif isinstance(request, IronCancelTest):
        await reply(update, await _cancel_test(t, services, chat_id, where.now))
    elif isinstance(request, IronRecall):
        await reply(update, *await _recall(t, services, chat_id, request.months, where))
    elif isinstance(request, IronDelete):
        removed = await services.iron.delete_result(chat_id, request.position)
        if removed is None:
            await reply(update, t(strings.IRON_DELETE_NOT_FOUND).format(position=request.position))
            return
        line = words.result_line(t, removed)
        await reply(update, t(strings.IRON_DELETED).format(position=request.position, line=line))


async def _history(t: Texts, services: Services, chat_id: int, where: _Where) -> str:
    results, infusions = await services.iron.results(chat_id), await services.iron.infusions(chat_id)
    plan, plans = await services.iron.planned(chat_id), []
    if plan.test_on is not None and plan.test_reminder_at_utc is not None and where.zone_name is not None:
        when = describe_local(t, plan.test_reminder_at_utc, where.zone_name, where.now)
        plans.append(t(strings.IRON_PLANNED_TEST).format(date=words.day_with_year(t, plan.test_on), when=when))
    if plan.recall_at_utc is not None and where.zone_name is not None:
        when = _day_at(t, plan.recall_at_utc, where.zone_name)
        plans.append(t(strings.IRON_PLANNED_RECALL).format(when=when))
    return words.history(t, results, infusions, plans, where.today)


def _day_at(t: Texts, instant_utc: datetime, zone_name: str) -> str:
    """``Thu 25 Nov 2027 at 08:00`` in the person's zone: a recall is months away, so its day has a year."""
    local = instant_utc.astimezone(zone_from_name(zone_name))
    return t(strings.DAY_AT).format(date=words.day_with_year(t, local.date()), clock=t.clock(local.time()))


def _day_refusal(t: Texts, day: date, today: date, ahead_text: str) -> str | None:
    """Why a result's or an infusion's day cannot be stored (still to come, or a typo in the year), if it cannot."""
    if day > today:
        return t(ahead_text).format(date=words.day_with_year(t, day))
    if day < FIRST_DAY:
        return t(strings.IRON_DAY_TOO_OLD).format(
            date=words.day_with_year(t, day), first=words.day_with_year(t, FIRST_DAY)
        )
    return None


async def _save_result(
    t: Texts, services: Services, chat_id: int, day: date, result: IronResult, now: datetime
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Store a result read by the parser; the answer asks about the morning when the result did not say."""
    saved = await services.iron.add_result(
        chat_id,
        day,
        now,
        ferritin=result.ferritin,
        tsat=result.tsat,
        serum_iron=result.iron,
        tibc=result.tibc,
        haemoglobin=result.hb_g_dl,
        morning_no_iron=result.morning_no_iron,
    )
    template = strings.IRON_SAVED_REPLACING if saved.replaced else strings.IRON_SAVED
    text = t(template).format(line=words.result_line(t, saved.result))
    if saved.result.morning_no_iron is None:
        return f"{text}\n\n{t(strings.IRON_ASK_MORNING)}", iron_morning_buttons(t, day)
    return f"{text}\n\n{t(strings.IRON_SEE_ALL)}", None


async def _add_infusion(
    t: Texts, services: Services, chat_id: int, day: date, where: _Where, *, only_known: bool = False
) -> str:
    refused = _day_refusal(t, day, where.today, strings.IRON_INFUSION_DAY_AHEAD)
    if refused:
        return words.refusal(t, refused, "infusion", where.today, where.today + EXAMPLE_TEST_AHEAD)
    added = await services.iron.add_infusion(chat_id, day, where.now, only_known=only_known)
    if added is None:
        return t(strings.ANSWER_IRON_GONE)
    template = strings.IRON_INFUSION_SAVED if added else strings.IRON_INFUSION_ALREADY
    return t(template).format(date=words.day_with_year(t, day))


async def _plan_test(
    t: Texts, services: Services, chat_id: int, day: date, where: _Where
) -> tuple[str, ReplyMarkup | None]:
    planned = await services.iron.plan_test(chat_id, day, where.now)
    day_text = words.day_with_year(t, day)
    if planned.outcome is Planning.PLANNED and planned.due_at_utc is not None:
        zone_name = await _zone_name(services, chat_id)
        when = describe_local(t, planned.due_at_utc, zone_name, where.now) if zone_name else ""
        text = t(strings.IRON_TEST_PLANNED).format(date=day_text, when=when)
        if planned.replaced is not None:
            text += " " + t(strings.IRON_TEST_REPLACED).format(date=words.day_with_year(t, planned.replaced))
        return text, None
    return _not_planned(t, planned, day_text)


def _not_planned(t: Texts, planned: Planned, day_text: str) -> tuple[str, ReplyMarkup | None]:
    if planned.outcome is Planning.NEEDS_ZONE:
        return t(strings.IRON_NEEDS_ZONE), location_keyboard(t)
    if planned.outcome is Planning.GONE:
        return t(strings.ANSWER_IRON_GONE), None
    refusal = {
        Planning.NOT_AHEAD: strings.IRON_TEST_NOT_AHEAD,
        Planning.TOO_FAR: strings.IRON_TEST_TOO_FAR,
        Planning.TOO_LATE: strings.IRON_TEST_TOO_LATE,
    }[planned.outcome]
    return t(refusal).format(date=day_text), None


async def _zone_name(services: Services, chat_id: int) -> str | None:
    view = await services.subscribers.get(chat_id)
    return view.zone_name if view is not None else None


async def _cancel_test(t: Texts, services: Services, chat_id: int, now: datetime) -> str:
    cancelled = await services.iron.cancel_test(chat_id, now)
    if cancelled is None:
        return t(strings.IRON_TEST_NONE)
    return t(strings.IRON_TEST_CANCELLED).format(date=words.day_with_year(t, cancelled))


async def _recall(
    t: Texts, services: Services, chat_id: int, months: int | None, where: _Where, *, only_known: bool = False
) -> tuple[str, ReplyMarkup | None]:
    if months is None:
        cancelled = await services.iron.cancel_recall(chat_id, where.now)
        return t(strings.IRON_RECALL_OFF if cancelled else strings.IRON_RECALL_NONE), None
    planned = await services.iron.set_recall(chat_id, months, where.now, only_known=only_known)
    zone_name = await _zone_name(services, chat_id)
    if planned.outcome is Planning.PLANNED and planned.due_at_utc is not None and zone_name:
        return t(strings.IRON_RECALL_SET).format(when=_day_at(t, planned.due_at_utc, zone_name)), None
    return _not_planned(t, planned, "")


# --- the buttons ----------------------------------------------------------------------------------------------


async def iron_button(update: Update, context: BotContext) -> None:
    """A button of /iron or of one of its questions (the callback data is read by bot.text.callbacks)."""
    query, match = pressed_button(update, context)
    press = callbacks.iron_press(match)
    if press is None:
        await fallback.stale_button(update, context)
        return
    t, services = await texts_of(update, context), context.services
    chat_id = chat_id_of(update)
    where = await _where(services, chat_id)
    if press.action == "add":
        await query.answer()
        _keep_draft(context, _Draft("day"))
        ask(context, ASK_RESULT)
        example = where.today.isoformat()
        await reply(update, t(strings.IRON_ASK_DAY).format(example=example), iron_day_buttons(t, where.today))
    elif press.action in ("day", "skip"):
        await _draft_button(update, context, query, press, t, where)
    elif press.action == "m":
        assert press.day is not None  # callbacks.iron_press reads a day for every "m"
        result = await services.iron.set_morning(chat_id, press.day, callbacks.IRON_MORNING_ANSWERS[press.choice])
        if result is None:
            await query.answer(t(strings.ANSWER_IRON_GONE))
            return
        await query.answer(t(strings.ANSWER_IRON_NOTED))
        text = t(strings.IRON_SAVED).format(line=words.result_line(t, result))
        await edit_query_message(query, f"{text}\n\n{t(strings.IRON_SEE_ALL)}")
    elif press.action == "inf" and press.day is None:
        await query.answer()
        infusions = await services.iron.infusions(chat_id)
        names = {day: words.day_with_year(t, day) for day in infusions}
        ask(context, ASK_INFUSION)
        buttons = iron_infusion_buttons(t, where.today, infusions[-INFUSION_BUTTONS_MAX:], names)
        await reply(update, words.infusions_text(t, infusions, where.today), buttons)
    elif press.action == "inf":
        assert press.day is not None
        await query.answer()
        await reply(update, await _add_infusion(t, services, chat_id, press.day, where, only_known=True))
    elif press.action == "infdel":
        assert press.day is not None
        if not await services.iron.delete_infusion(chat_id, press.day):
            await query.answer(t(strings.ANSWER_IRON_GONE))
            return
        await query.answer(t(strings.ANSWER_IRON_INFUSION_DELETED))
        await reply(update, t(strings.IRON_INFUSION_DELETED).format(date=words.day_with_year(t, press.day)))
    elif press.action == "test":
        await query.answer()
        await _ask_test(update, context, t, where)
    elif press.action == "testoff":
        await query.answer()
        await reply(update, await _cancel_test(t, services, chat_id, where.now))
    elif press.action == "rc" and not press.choice:
        await query.answer()
        plan = await services.iron.planned(chat_id)
        text = t(strings.IRON_ASK_RECALL)
        if plan.recall_at_utc is not None and where.zone_name is not None:
            when = _day_at(t, plan.recall_at_utc, where.zone_name)
            text += "\n\n" + t(strings.IRON_PLANNED_RECALL).format(when=when)
        await reply(update, text, iron_recall_buttons(t, pending=plan.recall_on is not None))
    elif press.action == "rc":
        months = None if press.choice == callbacks.IRON_RECALL_OFF else int(press.choice)
        await query.answer()
        await reply(update, *await _recall(t, services, chat_id, months, where, only_known=True))
    else:  # info
        await query.answer()
        await reply(update, _numbers_explained(t, services))


def _numbers_explained(t: Texts, services: Services) -> str:
    """The reviewed iron section of /treatments (the consensus thresholds with their sources), under a line that
    says it is general information, not a reading of the person's results."""
    content = services.content
    page = content.library(t.language).page("treatments")
    section = page.section("iron")
    body = render_section(content, t, page, section) if section is not None else ""
    return f"{t(strings.IRON_INFO_INTRO)}\n\n{body}".strip()


async def _ask_test(update: Update, context: BotContext, t: Texts, where: _Where) -> None:
    services, chat_id = context.services, chat_id_of(update)
    view = await services.subscribers.get(chat_id)
    evening = view.local_reminder_time if view is not None else services.settings.default_reminder_time
    text = t(strings.IRON_ASK_TEST).format(
        example=(where.today + EXAMPLE_TEST_AHEAD).isoformat(), time=t.clock(evening)
    )
    plan = await services.iron.planned(chat_id)
    buttons = None
    if plan.test_on is not None and plan.test_reminder_at_utc is not None and where.zone_name is not None:
        when = describe_local(t, plan.test_reminder_at_utc, where.zone_name, where.now)
        planned = t(strings.IRON_PLANNED_TEST).format(date=words.day_with_year(t, plan.test_on), when=when)
        text, buttons = f"{text}\n\n{planned}", iron_test_buttons(t)
    ask(context, ASK_TEST)
    await reply(update, text, buttons)


# --- ➕ Add a result, one question at a time -------------------------------------------------------------------


def _draft(context: BotContext) -> _Draft | None:
    found = context.chat_data.get(DRAFT_KEY) if context.chat_data is not None else None
    return found if isinstance(found, _Draft) else None


def _keep_draft(context: BotContext, draft: _Draft | None) -> None:
    if context.chat_data is None:
        return
    if draft is None:
        context.chat_data.pop(DRAFT_KEY, None)
    else:
        context.chat_data[DRAFT_KEY] = draft


async def _draft_button(
    update: Update, context: BotContext, query: CallbackQuery, press: callbacks.IronPress, t: Texts, where: _Where
) -> None:
    """📅 Today (the day question) or ⏭ Skip: only for the question the draft is at; an older one is stale."""
    draft = _draft(context)
    at = "day" if press.action == "day" else press.choice
    if draft is None or draft.step != at:
        await fallback.stale_button(update, context)
        return
    await query.answer()
    if press.action == "day":
        assert press.day is not None
        refused = _day_refusal(t, press.day, where.today, strings.IRON_DAY_AHEAD)
        if refused:
            await _ask_step(update, context, t, draft, where, refused)
            return
        draft = _Draft("ferritin", press.day, press.day.isoformat())
        await _ask_step(update, context, t, draft, where)
        return
    await _next_step(update, context, t, draft, where)


async def _next_step(update: Update, context: BotContext, t: Texts, draft: _Draft, where: _Where) -> None:
    """After an answer (or a skip): the next question, or, after the last, the result saved."""
    following: dict[Step, Step] = {"ferritin": "tsat", "tsat": "hb"}
    if draft.step in following:
        await _ask_step(update, context, t, replace(draft, step=following[draft.step]), where)
        return
    _keep_draft(context, None)
    parsed = parse_iron_command(draft.argument)
    if not isinstance(parsed, IronResult) or draft.day is None:
        await reply(update, t(strings.IRON_NEEDS_A_VALUE))
        return
    await reply(update, *await _save_result(t, context.services, chat_id_of(update), draft.day, parsed, where.now))


async def _ask_step(
    update: Update, context: BotContext, t: Texts, draft: _Draft, where: _Where, problem: str | None = None
) -> None:
    """Ask the draft's question (after what was wrong with the last answer, if anything); its answer comes as text
    (bot.handlers.questions) or as a button."""
    _keep_draft(context, draft)
    ask(context, ASK_RESULT)
    buttons: InlineKeyboardMarkup | None = None
    if draft.step == "day":
        question = t(strings.IRON_ASK_DAY).format(example=where.today.isoformat())
        buttons = iron_day_buttons(t, where.today)
    elif draft.step == "ferritin":
        assert draft.day is not None
        question = t(strings.IRON_ASK_FERRITIN).format(date=words.day_with_year(t, draft.day))
        buttons = iron_skip_buttons(t, "ferritin")
    elif draft.step == "tsat":
        question = t(strings.IRON_ASK_TSAT)
        if draft.has_value:
            question, buttons = f"{question} {t(strings.IRON_ASK_OR_SKIP)}", iron_skip_buttons(t, "tsat")
    else:
        question, buttons = t(strings.IRON_ASK_HB), iron_skip_buttons(t, "hb")
    await reply(update, f"{problem}\n\n{question}" if problem else question, buttons)


def _starts_with_number(text: str) -> bool:
    return text[:1].isascii() and text[:1].isdigit()


def _answer_arguments(step: Step, text: str) -> list[str]:
    """A typed answer as parts of an ``/iron`` argument, the likelier first: a bare number gets the keyword of the
    question asked (two numbers for TSAT are serum iron and TIBC); words may be the answer's own keywords
    (``iron 60 tibc 300``), or a value that is not a number, best named by the question's keyword."""
    keyword = {"ferritin": "ferritin", "tsat": "tsat", "hb": "hb"}.get(step, "")
    if not _starts_with_number(text):
        return [text, f"{keyword} {text}"]
    numbers = text.split()
    if step == "tsat" and len(numbers) >= 2 and _starts_with_number(numbers[1]):
        return [f"iron {numbers[0]} tibc {' '.join(numbers[1:])}"]
    return [f"{keyword} {text}"]


def _read_answer(draft: _Draft, text: str) -> tuple[str, IronCommand | IronProblem]:
    """The draft's argument with the answer added, and what the parser makes of it (a result so far, or no value
    yet, are both fine). Of two readings the first that works wins; if none does, the first problem that is more
    than an unexpected word, since it names the value."""
    readings = []
    for part in _answer_arguments(draft.step, text):
        argument = f"{draft.argument} {part}"
        parsed = parse_iron_command(argument)
        if not isinstance(parsed, IronProblem) or parsed.kind == "missing_value":
            return argument, parsed
        readings.append((argument, parsed))
    named = [reading for reading in readings if reading[1].kind != "unexpected"]
    return (named or readings)[0]


@answer_reader(ASK_RESULT)
async def _result_answer(update: Update, context: BotContext, question: Question) -> None:
    """A typed answer to a question of ➕ Add a result."""
    t, services = await texts_of(update, context), context.services
    where = await _where(services, chat_id_of(update))
    draft = _draft(context)
    text = _message_text(update)
    if draft is None:  # the draft is gone (it lives in memory): say what can be typed instead
        usage = words.usage(t, where.today, where.today + EXAMPLE_TEST_AHEAD)
        await reply(update, f"{t(strings.IRON_NOT_READ)}\n\n{usage}")
        return
    if draft.step == "day":
        day = _typed_day(text)
        if isinstance(day, IronProblem):
            await _ask_step(update, context, t, draft, where, words.problem_line(t, day))
            return
        drawn_on = day or where.today
        refused = _day_refusal(t, drawn_on, where.today, strings.IRON_DAY_AHEAD)
        if refused:
            await _ask_step(update, context, t, draft, where, refused)
            return
        await _ask_step(update, context, t, _Draft("ferritin", drawn_on, drawn_on.isoformat()), where)
        return
    argument, parsed = _read_answer(draft, text)
    if isinstance(parsed, IronProblem) and parsed.kind != "missing_value":
        await _ask_step(update, context, t, draft, where, words.problem_line(t, parsed))
        return
    answered = replace(draft, argument=argument, has_value=isinstance(parsed, IronResult))
    await _next_step(update, context, t, answered, where)


@answer_reader(ASK_INFUSION)
async def _infusion_answer(update: Update, context: BotContext, question: Question) -> None:
    """A typed day for 💉 Infusion."""
    t, services = await texts_of(update, context), context.services
    chat_id = chat_id_of(update)
    where = await _where(services, chat_id)
    day = _typed_day(_message_text(update))
    if isinstance(day, IronProblem):
        ask(context, ASK_INFUSION)
        await reply(update, f"{words.problem_line(t, day)} {t(strings.IRON_NOTHING_CHANGED)}")
        return
    await reply(update, await _add_infusion(t, services, chat_id, day or where.today, where))


@answer_reader(ASK_TEST)
async def _test_answer(update: Update, context: BotContext, question: Question) -> None:
    """A typed day for 🗓 Plan a test (or ``off``)."""
    t, services = await texts_of(update, context), context.services
    chat_id = chat_id_of(update)
    where = await _where(services, chat_id)
    text = _message_text(update)
    request = parse_iron_command(f"test {text}")
    if isinstance(request, IronProblem):
        problem = request if request.kind == "bad_date" else _not_a_date(text)
        ask(context, ASK_TEST)
        await reply(update, f"{words.problem_line(t, problem)} {t(strings.IRON_NOTHING_CHANGED)}")
    elif isinstance(request, IronPlanTest):
        await reply(update, *await _plan_test(t, services, chat_id, request.day or where.today, where))
    else:
        await reply(update, await _cancel_test(t, services, chat_id, where.now))


def _typed_day(text: str) -> date | IronProblem | None:
    """A day typed as the answer to a question, read as ``/iron infusion DAY`` reads it (None: today); anything
    else is a date not understood, in the person's words."""
    read = parse_iron_command(f"infusion {text}")
    if isinstance(read, IronInfusion):
        return read.day
    return read if isinstance(read, IronProblem) and read.kind == "bad_date" else _not_a_date(text)


def _not_a_date(text: str) -> IronProblem:
    return IronProblem("bad_date", "infusion", text=text)


def _message_text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "").strip() if message is not None else ""
