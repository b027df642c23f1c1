"""The morning check-in and its relatives: /checkin on|off|HH:MM, /log [date], /triggers, and the check-in's
buttons (a 0–10 score; when symptoms started, and once a week whether they reached the arms and how long the
person can sit still; then the factors of the day before, then Save), all on one message edited in place.

The score is stored the moment it is tapped, every onset answer the moment it is tapped and every factor the
moment it is toggled, so nothing is lost if the person never taps Save; Save only closes the message. An onset
answer that completes a change in the person's own pattern (bot.core.onset) brings one calm early warning, as a
new message right after the check-in's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from html import escape
from typing import Literal

from telegram import CallbackQuery, Update

from bot.core.checkins import (
    BUILT_IN_FACTORS,
    MAX_OWN_TRIGGERS,
    MAX_STORED_TRIGGERS,
    NightProblem,
    NightTense,
    first_recordable_night,
    last_night,
    night_problem,
    night_tense,
)
from bot.core.onset import OnsetAnswer, parse_onset, parse_sitting
from bot.core.parsing import parse_int, parse_iso_date
from bot.core.summaries import asks_weekly_questions
from bot.core.timeparse import TimeParseError, parse_local_time
from bot.core.zones import zone_from_name
from bot.handlers import fallback
from bot.handlers.common import (
    chat_id_of,
    command_argument_of,
    describe_local,
    edit_query_message,
    location_keyboard,
    pressed_button,
    quoted,
    reply,
    texts_of,
    zone_label,
)
from bot.services import BotContext, Services
from bot.store import CheckinView, SubscriberView, TriggerChange
from bot.text import callbacks, coaching, strings
from bot.text import onset as onset_text
from bot.text.i18n import Texts
from bot.text.keyboards import arms_buttons, factor_buttons, onset_buttons, score_buttons, sitting_buttons

TRIGGER_NAME_LIMIT = 40
# The positions /triggers rename|remove N reads; a larger number is no position at all, not "no trigger number N".
TRIGGER_POSITION_MAX = 99


async def factor_labels(t: Texts, services: Services, chat_id: int, *, include_removed: bool = False) -> dict[str, str]:
    """Every factor a check-in asks about, in button order: the built-in ones (in the person's language), then
    the person's own as they typed them (and the ones they removed, for charts of nights when they still
    tracked them)."""
    labels = {factor: t(strings.FACTOR_LABELS[factor]) for factor in BUILT_IN_FACTORS}
    for trigger in await services.coaching.triggers(chat_id, include_removed=include_removed):
        labels[trigger.factor] = trigger.name
    return labels


async def checkin_command(update: Update, context: BotContext) -> None:
    """/checkin shows whether the morning check-in is on; ``on``, ``off`` or a time changes it."""
    t, services = await texts_of(update, context), context.services
    chat_id, now = chat_id_of(update), services.clock()
    argument = command_argument_of(update).lower()
    view = await services.subscribers.get(chat_id)
    if not argument:
        time_shown = t.clock(view.local_checkin_time if view else services.settings.default_checkin_time)
        on = view is not None and view.checkin_on
        status = t(strings.CHECKIN_STATUS_ON).format(time=time_shown) if on else t(strings.CHECKIN_STATUS_OFF)
        await reply(update, t(strings.CHECKIN_USAGE).format(status=status, time=time_shown))
        return
    if argument == "off":
        await services.subscribers.set_checkin(chat_id, False, now)
        await reply(update, t(strings.CHECKIN_OFF))
        return
    local_time = None
    if argument != "on":
        try:
            local_time = parse_local_time(argument)
        except TimeParseError:
            await reply(update, t(strings.CHECKIN_BAD_ARGUMENT).format(text=quoted(argument)))
            return
    view = await services.subscribers.set_checkin(chat_id, True, now, local_time)
    time_text = t.clock(view.local_checkin_time)
    if view.zone_name is None or view.next_checkin_at_utc is None:
        await reply(update, t(strings.CHECKIN_ON_NEEDS_ZONE).format(time=time_text), location_keyboard(t))
        return
    when = describe_local(t, view.next_checkin_at_utc, view.zone_name, now)
    await reply(update, t(strings.CHECKIN_ON).format(time=time_text, zone=zone_label(t, view.zone_name), when=when))


async def log_command(update: Update, context: BotContext) -> None:
    """/log asks about last night, /log 2026-11-20 about that night; an existing entry can be corrected."""
    t, services = await texts_of(update, context), context.services
    chat_id, now = chat_id_of(update), services.clock()
    view = await services.subscribers.get(chat_id)
    if view is None or view.zone_name is None:
        await reply(update, t(strings.LOG_NEEDS_ZONE), location_keyboard(t))
        return
    zone = zone_from_name(view.zone_name)
    newest = last_night(now, zone)
    argument = command_argument_of(update)
    night = parse_iso_date(argument) if argument else newest
    if night is None:
        example = newest.isoformat()
        await reply(
            update,
            t(strings.LOG_BAD_DATE).format(
                text=quoted(argument), example=example, example_long=coaching.night_name(t, newest)
            ),
        )
        return
    problem = night_problem(night, now, zone)  # the rule the store applies to the buttons' answers
    if problem is not None:
        await reply(update, _refusal(t, problem, night, now, zone))
        return
    existing = await services.coaching.checkin(chat_id, night)
    score = existing.score if existing else None
    question = coaching.score_question(t, night, score, tense=night_tense(night, now, zone))
    await reply(update, question, score_buttons(t, night, score))


def _refusal(t: Texts, problem: NightProblem, night: date, now: datetime, zone: tzinfo) -> str:
    """/log's one line for a night the rule refuses, naming a night it accepts."""
    if problem is NightProblem.TOO_OLD:
        first = first_recordable_night(now, zone)
        return t(strings.LOG_TOO_OLD).format(first=coaching.night_name(t, first), first_iso=first.isoformat())
    if problem is NightProblem.NOT_BEGUN:
        newest = last_night(now, zone)
        return t(strings.LOG_FUTURE).format(
            night=coaching.night_name(t, night),
            last=coaching.night_name(t, newest),
            last_iso=newest.isoformat(),
        )
    return t(strings.LOG_NEEDS_ZONE)


async def checkin_button(update: Update, context: BotContext) -> None:
    """A score, an onset answer or Skip, a factor, Change score or Save. The store refuses a night the rule does
    not allow (bot.core.checkins.night_problem): any such press, forged or from a message kept too long, stores
    nothing."""
    query, match = pressed_button(update, context)
    press = callbacks.dated_press(match)
    if press is None:
        await fallback.stale_button(update, context)
        return
    t, services = await texts_of(update, context), context.services
    chat_id, now = chat_id_of(update), services.clock()
    action, night, argument = press.action, press.day, press.argument
    if action == "score":
        score = callbacks.score_of(argument)
        if score is None:
            await fallback.stale_button(update, context)
            return
        checkin = await services.coaching.record_score(chat_id, night, score, now)
        if checkin is None:
            await query.answer(t(strings.ANSWER_CHECKIN_GONE))
            return
        await query.answer(t(strings.ANSWER_SCORE).format(score=score))
        await _show_step(t, query, services, chat_id, checkin, now, after="score")
        return
    current = await services.coaching.checkin(chat_id, night)
    if current is None:
        await query.answer(t(strings.ANSWER_CHECKIN_GONE))
        return
    if action == "back":
        await query.answer()
        question = coaching.score_question(t, night, current.score, tense=NightTense.EARLIER)
        await edit_query_message(query, question, score_buttons(t, night, current.score))
    elif action == "save":
        await query.answer(t(strings.ANSWER_SAVED))
        labels = await factor_labels(t, services, chat_id)
        answers = onset_text.answered_lines(t, _onset_answer(current))
        await edit_query_message(query, coaching.saved_checkin(t, current, labels, answers))
    elif action in ("on", "arms", "sit", "skip"):
        await _onset_press(update, context, t, current, action, argument)
    else:
        toggle = callbacks.factor_press(argument)
        labels = await factor_labels(t, services, chat_id)
        if toggle is None or toggle.factor not in labels:
            await query.answer(t(strings.ANSWER_CHECKIN_GONE))  # a trigger removed since the message was sent
            return
        updated = await services.coaching.set_factor(chat_id, night, toggle.factor, toggle.present, now)
        if updated is None:
            await query.answer(t(strings.ANSWER_CHECKIN_GONE))
            return
        answer = t(strings.ANSWER_FACTOR_ON) if toggle.present else t(strings.ANSWER_FACTOR_OFF)
        await query.answer(answer.format(factor=labels[toggle.factor]))
        await _show_factors(t, query, services, chat_id, updated, now)


# The check-in's steps, in order: the score, when symptoms started, the two weekly questions (on the weekly day's
# check-in and the first one), then the factors and Save. Each press says which step it answers, so the flow
# needs no state: the next step follows from the press alone.
Step = Literal["score", "onset", "arms", "sit"]


async def _onset_press(
    update: Update, context: BotContext, t: Texts, current: CheckinView, action: str, argument: str
) -> None:
    """An onset answer (stored at once, then the early warning evaluated) or Skip; then the next step, and the
    warning as a new message when this answer completed the pattern."""
    query, services = pressed_button(update, context)[0], context.services
    chat_id, now, night = chat_id_of(update), services.clock(), current.night
    if action == "skip":
        skipped = callbacks.skipped_question(argument)
        if skipped is None:
            await fallback.stale_button(update, context)
            return
        await query.answer(t(strings.ANSWER_ONSET_SKIPPED))
        await _show_step(t, query, services, chat_id, current, now, after=skipped)
        return
    step: Step
    if action == "on" and (onset := callbacks.onset_of(argument)) is not None:
        step, label = "onset", onset_text.answer_label(t, onset)
        recorded = await services.onset.record_onset(chat_id, night, onset, now)
    elif action == "arms" and (arms := callbacks.arms_of(argument)) is not None:
        step, label = "arms", t(strings.BUTTON_YES if arms else strings.BUTTON_NO)
        recorded = await services.onset.record_arms(chat_id, night, arms, now)
    elif action == "sit" and (sitting := callbacks.sitting_of(argument)) is not None:
        step, label = "sit", onset_text.answer_label(t, sitting)
        recorded = await services.onset.record_sitting(chat_id, night, sitting, now)
    else:
        await fallback.stale_button(update, context)
        return
    if recorded is None:
        await query.answer(t(strings.ANSWER_CHECKIN_GONE))
        return
    await query.answer(t(strings.ANSWER_ONSET_NOTED).format(answer=label))
    await _show_step(t, query, services, chat_id, current, now, after=step)
    if recorded.warning is not None:  # recorded (at most once) before this send: a crash now never repeats it
        dopamine = await _dopamine_medicines(services, chat_id)
        await reply(update, onset_text.warning_text(t, recorded.warning.changes, dopamine))


async def _show_step(
    t: Texts,
    query: CallbackQuery,
    services: Services,
    chat_id: int,
    checkin: CheckinView,
    now: datetime,
    *,
    after: Step,
) -> None:
    """The step that follows ``after`` on the check-in's message, each showing the answer already given."""
    view = await services.subscribers.get(chat_id)
    tense = _tense(view, checkin.night, now)
    answer, night = _onset_answer(checkin), checkin.night
    if after == "score":
        text, buttons = onset_text.onset_question(t, checkin, tense), onset_buttons(t, night, answer.onset)
    elif after == "onset" and asks_weekly_questions(
        night, view.weekly_day if view else None, first_checkin=await services.onset.only_checkin(chat_id, night)
    ):
        text, buttons = onset_text.arms_question(t, checkin, tense), arms_buttons(t, night, answer.arms)
    elif after == "arms":
        text, buttons = onset_text.sitting_question(t, checkin, tense), sitting_buttons(t, night, answer.sitting)
    else:
        await _show_factors(t, query, services, chat_id, checkin, now)
        return
    await edit_query_message(query, text, buttons)


def _onset_answer(checkin: CheckinView) -> OnsetAnswer:
    return OnsetAnswer(checkin.night, parse_onset(checkin.onset), checkin.arms, parse_sitting(checkin.sitting))


def _tense(view: SubscriberView | None, night: date, now: datetime) -> NightTense:
    """How the check-in speaks of ``night``: "yesterday" only for last night, seen from the person's zone."""
    zone_name = view.zone_name if view is not None else None
    return night_tense(night, now, zone_from_name(zone_name)) if zone_name else NightTense.EARLIER


async def _dopamine_medicines(services: Services, chat_id: int) -> list[str]:
    """The dopamine medicines and levodopa on the person's list, not stopped, named as they entered them."""
    found = []
    for medicine in await services.medicines.medicines(chat_id):
        key = medicine.catalogue_key
        entry = services.content.medicines.get(key) if key else services.content.medicines.find(medicine.name)
        if medicine.stopped_on is None and entry is not None and entry.is_dopamine:
            found.append(medicine.name)
    return found


async def _show_factors(
    t: Texts, query: CallbackQuery, services: Services, chat_id: int, checkin: CheckinView, now: datetime
) -> None:
    labels = await factor_labels(t, services, chat_id)
    tense = _tense(await services.subscribers.get(chat_id), checkin.night, now)
    await edit_query_message(
        query, coaching.factors_question(t, checkin, tense), factor_buttons(t, checkin.night, labels, checkin.factors)
    )


@dataclass(frozen=True)
class TriggerRequest:
    """What ``/triggers …`` asks for; ``name`` is tidied, or None when it is empty or too long."""

    verb: Literal["list", "add", "rename", "remove"]
    position: int = 0
    name: str | None = None


def read_trigger_request(argument: str) -> TriggerRequest | None:
    """Nothing (list), ``add NAME``, ``rename N NAME`` or ``remove N``, N from 1 to TRIGGER_POSITION_MAX; None
    for anything else."""
    verb, _, rest = argument.partition(" ")
    verb, rest = verb.lower(), rest.strip()
    position_text, _, new_name = rest.partition(" ")
    position = parse_int(position_text, 1, TRIGGER_POSITION_MAX)
    if not verb:
        return TriggerRequest("list")
    if verb == "add" and rest:
        return TriggerRequest("add", name=_trigger_name(rest))
    if verb == "rename" and position is not None and new_name.strip():
        return TriggerRequest("rename", position, _trigger_name(new_name))
    if verb == "remove" and position is not None and not new_name.strip():
        return TriggerRequest("remove", position)
    return None


_TRIGGER_DONE = {"add": strings.TRIGGER_ADDED, "rename": strings.TRIGGER_RENAMED, "remove": strings.TRIGGER_REMOVED}


async def triggers_command(update: Update, context: BotContext) -> None:
    """/triggers lists them; ``add NAME``, ``rename N NAME`` and ``remove N`` change them."""
    t, services = await texts_of(update, context), context.services
    chat_id, now = chat_id_of(update), services.clock()
    request = read_trigger_request(command_argument_of(update))
    if request is None:
        await reply(update, t(strings.TRIGGER_BAD))
        return
    if request.verb == "list":
        await reply(update, await _trigger_list(t, services, chat_id))
        return
    if request.verb == "remove":
        before = await services.coaching.triggers(chat_id)
        name = before[request.position - 1].name if request.position <= len(before) else ""
        change = await services.coaching.remove_trigger(chat_id, request.position)
    elif request.name is None:
        await reply(update, t(strings.TRIGGER_NAME_RULES).format(max=TRIGGER_NAME_LIMIT))
        return
    elif request.verb == "add":
        name, change = request.name, await services.coaching.add_trigger(chat_id, request.name, now)
    else:
        name, change = request.name, await services.coaching.rename_trigger(chat_id, request.position, request.name)
    if change is TriggerChange.DONE:
        done = t(_TRIGGER_DONE[request.verb]).format(name=escape(name))
        await reply(update, done + "\n\n" + await _trigger_list(t, services, chat_id))
        return
    answer = {
        TriggerChange.TOO_MANY: t(strings.TRIGGER_TOO_MANY).format(max=MAX_OWN_TRIGGERS),
        TriggerChange.DUPLICATE: t(strings.TRIGGER_DUPLICATE).format(name=escape(name)),
        TriggerChange.NOT_FOUND: t(strings.TRIGGER_NOT_FOUND).format(position=request.position),
        TriggerChange.FULL: t(strings.TRIGGER_HISTORY_FULL).format(max=MAX_STORED_TRIGGERS),
    }[change]
    await reply(update, answer)


def _trigger_name(text: str) -> str | None:
    """The name with its spaces tidied, or None when it is empty or too long."""
    name = " ".join(text.split())
    return name if 1 <= len(name) <= TRIGGER_NAME_LIMIT else None


async def _trigger_list(t: Texts, services: Services, chat_id: int) -> str:
    triggers = await services.coaching.triggers(chat_id)
    items = "\n".join(f"{index}. {escape(trigger.name)}" for index, trigger in enumerate(triggers, 1))
    return t(strings.TRIGGERS_LIST).format(max=MAX_OWN_TRIGGERS, items=items or t(strings.TRIGGERS_NONE))
