"""/meds: a person's medicines, by buttons or typed. The list (medicines taken, then stopped ones, numbered), a
card per medicine (Change dose, Times, the reminder, Stopped taking it), ➕ Add (a medicine of the catalogue or a
typed name, then the dose as on the label, the usual times and whether to remind), the dated history, and the
buttons under a medicine reminder (✅ Taken, ⏰ Snooze, Skip).

The typed form (``/meds add ropinirole 0.25 mg at 20:00``, ``/meds dose 1 0.5 mg``, …) is read by
bot.core.medicine_commands; a typo gets what was wrong and an example, and changes nothing. The dose is the
person's own text: stored and shown as written, never checked, compared or suggested. A medicine of a group that
can make RLS worse gets a calm, sourced note once it is added, never a verdict.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from html import escape

from telegram import CallbackQuery, InlineKeyboardMarkup, Update

from bot.core.medicine_commands import (
    DOSE_MAX,
    MedsAdd,
    MedsDose,
    MedsHistory,
    MedsList,
    MedsProblem,
    MedsRemind,
    MedsRestart,
    MedsStop,
    MedsTimes,
    parse_meds_command,
)
from bot.core.zones import zone_from_name
from bot.handlers import fallback
from bot.handlers.common import (
    chat_id_of,
    command_argument_of,
    describe_local,
    edit_query_message,
    location_keyboard,
    message_html,
    pressed_button,
    quoted,
    reply,
    texts_of,
)
from bot.handlers.questions import Question, answer_reader, ask
from bot.services import BotContext, Services
from bot.store import Answer, SubscriberView
from bot.store.medicines import (
    DOSE_SNOOZE_WINDOW,
    MAX_EVENTS,
    MAX_STORED,
    MAX_TAKING,
    MAX_TIMES,
    DoseResponse,
    MedicineChange,
    MedicineResult,
    MedicineView,
)
from bot.text import callbacks, strings
from bot.text import meds as words
from bot.text.i18n import Texts
from bot.text.keyboards import (
    dose_buttons,
    meds_back_buttons,
    meds_card_buttons,
    meds_list_buttons,
    meds_pick_buttons,
    meds_remind_buttons,
    meds_skip_buttons,
    meds_stop_buttons,
)

# Questions asked with bot.handlers.questions: the name of ✍️ Another medicine, a dose, the usual times.
ASK_NAME, ASK_DOSE, ASK_TIMES = "meds:name", "meds:dose", "meds:times"
# What /meds … can be followed by to ask for the typed forms rather than name one.
HELP_WORDS = frozenset({"help", "ayuda", "?"})
_DOSE_RESPONSES = {"taken": DoseResponse.TAKEN, "snooze": DoseResponse.SNOOZED, "skip": DoseResponse.SKIPPED}
_RECORDED_ANSWER = {DoseResponse.TAKEN: strings.ANSWER_TAKEN, DoseResponse.SKIPPED: strings.ANSWER_DOSE_SKIPPED}
_ALREADY_ANSWER = {
    DoseResponse.TAKEN: strings.ANSWER_ALREADY_TAKEN,
    DoseResponse.SKIPPED: strings.ANSWER_ALREADY_DOSE_SKIPPED,
}

# Where a step's message goes: a reply to the person's text, or the message under the button they pressed.
Send = Callable[[str, InlineKeyboardMarkup | None], Awaitable[object]]


def _replying(update: Update) -> Send:
    return lambda text, buttons: reply(update, text, buttons)


def _editing(query: CallbackQuery) -> Send:
    return lambda text, buttons: edit_query_message(query, text, buttons)


def _today(view: SubscriberView | None, now: datetime) -> date:
    """The person's local date (UTC's while no zone is known), as the store dates changes."""
    zone = zone_from_name(view.zone_name) if view is not None and view.zone_name else UTC
    return now.astimezone(zone).date()


class _Meds:
    """One update's view of /meds: the person's language, the services, the chat and now."""

    def __init__(self, t: Texts, services: Services, chat_id: int, now: datetime) -> None:
        self.t, self.services, self.chat_id, self.now = t, services, chat_id, now
        self.store = services.medicines
        self.content = services.content

    @classmethod
    async def of(cls, update: Update, context: BotContext) -> _Meds:
        services = context.services
        return cls(await texts_of(update, context), services, chat_id_of(update), services.clock())

    async def subscriber(self) -> SubscriberView | None:
        return await self.services.subscribers.get(self.chat_id)

    async def example_day(self) -> date:
        """Yesterday in the person's zone: a date every dated form accepts, for examples."""
        return _today(await self.subscriber(), self.now) - timedelta(days=1)

    def name(self, view: MedicineView) -> str:
        return escape(words.medicine_name(self.content, self.t, view.name, view.catalogue_key))

    def times(self, view: MedicineView) -> str:
        return words.times_text(self.t, view.times)

    # --- what the person sees ----------------------------------------------------------------------

    async def list_message(self) -> tuple[str, InlineKeyboardMarkup]:
        medicines = await self.store.medicines(self.chat_id, include_stopped=True)
        text = words.list_text(self.content, self.t, medicines)
        shown = [
            (position, view.id, words.medicine_name(self.content, self.t, view.name, view.catalogue_key))
            for position, view in enumerate(medicines, start=1)
        ]
        return text, meds_list_buttons(self.t, shown)

    async def reminder_line(self, view: MedicineView) -> str:
        if not view.reminders_on or not view.times:
            return self.t(strings.MEDS_CARD_REMINDER_OFF)
        subscriber = await self.subscriber()
        next_at = await self.store.next_reminder_at(self.chat_id, view.id)
        if subscriber is None or subscriber.zone_name is None or next_at is None:
            return self.t(strings.MEDS_CARD_REMINDER_WAITING)
        when = describe_local(self.t, next_at, subscriber.zone_name, self.now)
        return self.t(strings.MEDS_CARD_REMINDER_ON).format(when=when)

    async def card(self, position: int, view: MedicineView) -> tuple[str, InlineKeyboardMarkup]:
        events = [event for event in await self.store.events(self.chat_id) if event.medicine_id == view.id]
        since = next((e.on_date for e in reversed(events) if e.kind in ("started", "restarted")), None)
        text = words.card_text(self.content, self.t, position, view, since, await self.reminder_line(view))
        buttons = meds_card_buttons(
            self.t, view.id, stopped=view.stopped_on is not None, reminders_on=view.reminders_on
        )
        return text, buttons

    async def reminding(self, view: MedicineView, next_at: datetime | None) -> tuple[str, bool]:
        """What turning the reminder on says, and whether the time zone is still needed."""
        subscriber = await self.subscriber()
        name, times = self.name(view), self.times(view)
        if subscriber is None or subscriber.zone_name is None or next_at is None:
            return self.t(strings.MEDS_REMINDING_NEEDS_ZONE).format(name=name, times=times), True
        when = describe_local(self.t, next_at, subscriber.zone_name, self.now)
        return self.t(strings.MEDS_REMINDING).format(name=name, times=times, when=when), False

    def worsening(self, name_words: tuple[str, ...]) -> str:
        """The note about a typed medicine of a group that can worsen RLS; empty for any other."""
        found = self.content.medicines.match_worsening_prefix(name_words)
        if found is None:
            return ""
        group, used = found
        return words.worsening_note(self.content, self.t, group, " ".join(name_words[:used]))

    async def refusal(self, result: MedicineResult) -> str:
        """What a change that did not happen says; every one ends "nothing was changed" or names the way on."""
        t, view, number = self.t, result.medicine, result.position
        name = self.name(view) if view is not None else ""
        day = words.day_text(t, result.day) if result.day else ""
        change = result.change
        if change is MedicineChange.NOT_FOUND:
            return t(strings.MEDS_NOT_FOUND_EMPTY)
        if change is MedicineChange.STOPPED:
            return t(strings.MEDS_IS_STOPPED).format(name=name, number=number)
        if change is MedicineChange.NOT_STOPPED:
            return t(strings.MEDS_NOT_STOPPED).format(name=name)
        if change is MedicineChange.TOO_MANY:
            return t(strings.MEDS_TOO_MANY).format(max=MAX_TAKING)
        if change is MedicineChange.FULL:
            return t(strings.MEDS_FULL).format(max=MAX_STORED)
        if change is MedicineChange.NO_TIMES:
            return t(strings.MEDS_REMIND_NEEDS_TIMES).format(name=name, number=number)
        if change is MedicineChange.BEFORE_LAST:
            return t(strings.MEDS_BEFORE_LAST).format(name=name, date=day)
        if change is MedicineChange.FUTURE:
            return t(strings.MEDS_FUTURE).format(date=day)
        if change is MedicineChange.TOO_OLD:
            return t(strings.MEDS_TOO_OLD).format(date=day)
        if change is MedicineChange.TOO_MANY_CHANGES:
            return t(strings.MEDS_TOO_MANY_CHANGES).format(name=name, max=MAX_EVENTS)
        return t(strings.MEDS_NOTHING_CHANGED)

    async def duplicate(self, name: str, key: str | None) -> str | None:
        """What adding ``name`` says when the list has that medicine already; None when it does not."""
        medicines = await self.store.medicines(self.chat_id, include_stopped=True)
        for position, view in enumerate(medicines, start=1):
            if words.same_medicine(self.content, (name, key), (view.name, view.catalogue_key)):
                template = strings.MEDS_DUPLICATE if view.stopped_on is None else strings.MEDS_DUPLICATE_STOPPED
                return self.t(template).format(name=self.name(view), number=position)
        return None

    # --- ➕ Add, one step at a time ------------------------------------------------------------------

    async def add_typed(self, command: MedsAdd) -> tuple[MedicineResult, str] | str:
        """Add what ``/meds add …`` (or a typed name while adding) says; the result and the note about a medicine
        that can worsen RLS, or what refuses it."""
        found = self.content.medicines.match_prefix(command.name_words)
        key = found[0].key if found else None
        duplicate = await self.duplicate(command.name, key)
        if duplicate is not None:
            return duplicate
        result = await self.store.add(
            self.chat_id,
            command.name,
            self.now,
            catalogue_key=key,
            dose=command.dose,
            times=command.times,
            start=command.start,
        )
        if result.change is not MedicineChange.DONE:
            return await self.refusal(result)
        return result, self.worsening(command.name_words)

    async def next_step(
        self, context: BotContext, send: Send, view: MedicineView, intro: str, *, dose_asked: bool, start: date | None
    ) -> None:
        """Ask the first thing still missing of a medicine being added: the dose, the usual times, whether to
        remind; with everything answered, show its card."""
        t, about = self.t, {"medicine_id": view.id, "flow": True, "start": start.isoformat() if start else None}
        lead = f"{intro}\n\n" if intro else ""
        if view.dose is None and not dose_asked:
            ask(context, ASK_DOSE, **about)
            await send(lead + t(strings.MEDS_ASK_DOSE), meds_skip_buttons(t, "skipd", view.id))
        elif not view.times:
            ask(context, ASK_TIMES, **about)
            await send(lead + t(strings.MEDS_ASK_TIMES).format(max=MAX_TIMES), meds_skip_buttons(t, "skipt", view.id))
        else:
            text = t(strings.MEDS_ASK_REMIND).format(times=self.times(view), name=self.name(view))
            await send(lead + text, meds_remind_buttons(t, view.id))

    async def show_card(self, send: Send, medicine_id: int, intro: str = "") -> bool:
        """The medicine's card through ``send``, under ``intro``; False when the person has no such medicine."""
        found = await self.store.medicine(self.chat_id, medicine_id)
        if found is None:
            return False
        text, buttons = await self.card(*found)
        await send(f"{intro}\n\n{text}" if intro else text, buttons)
        return True


# --- /meds, typed ----------------------------------------------------------------------------------------------


async def meds_command(update: Update, context: BotContext) -> None:
    """/meds lists the medicines with their buttons; ``/meds add|dose|times|remind|stop|restart|history …`` does
    the same by typing."""
    meds = await _Meds.of(update, context)
    argument = command_argument_of(update)
    if argument.casefold() in HELP_WORDS:
        await reply(update, words.usage_text(meds.t, await meds.example_day()))
        return
    command = parse_meds_command(argument)
    if isinstance(command, MedsProblem):
        await reply(update, words.problem_text(meds.t, command, await meds.example_day()))
    elif isinstance(command, MedsList):
        await reply(update, *await meds.list_message())
    elif isinstance(command, MedsHistory):
        events = await meds.store.events(meds.chat_id)
        await reply(update, words.history_text(meds.content, meds.t, events))
    elif isinstance(command, MedsAdd):
        await _typed_add(update, meds, command)
    else:
        await _typed_change(update, meds, command)


async def _typed_add(update: Update, meds: _Meds, command: MedsAdd) -> None:
    added = await meds.add_typed(command)
    if isinstance(added, str):
        await reply(update, added)
        return
    result, note = added
    assert result.medicine is not None and result.position is not None  # a medicine added has both
    intro = meds.t(strings.MEDS_ADDED).format(name=meds.name(result.medicine), number=result.position)
    text, buttons = await meds.card(result.position, result.medicine)
    await reply(update, "\n\n".join(part for part in (intro, text, note) if part), buttons)


async def _typed_change(
    update: Update, meds: _Meds, command: MedsDose | MedsTimes | MedsStop | MedsRestart | MedsRemind
) -> None:
    medicines = await meds.store.medicines(meds.chat_id, include_stopped=True)
    if not medicines:
        await reply(update, meds.t(strings.MEDS_NOT_FOUND_EMPTY))
        return
    if command.position > len(medicines):
        await reply(update, meds.t(strings.MEDS_NOT_FOUND).format(number=command.position))
        return
    medicine_id, store, chat_id, now = medicines[command.position - 1].id, meds.store, meds.chat_id, meds.now
    if isinstance(command, MedsDose):
        result = await store.change_dose(chat_id, medicine_id, command.dose, now, command.start)
        await reply(update, await _dose_changed(meds, result))
    elif isinstance(command, MedsTimes):
        result = await store.set_times(chat_id, medicine_id, command.times, now)
        await _say_times(update, meds, result)
    elif isinstance(command, MedsStop):
        result = await store.stop(chat_id, medicine_id, now, command.day)
        await reply(update, await _stopped(meds, result))
    elif isinstance(command, MedsRestart):
        result = await store.restart(chat_id, medicine_id, now, command.dose, command.start)
        await _say_restarted(update, meds, result)
    else:
        result = await store.set_reminders(chat_id, medicine_id, command.on, now)
        await _say_reminders(update, meds, result)


async def _dose_changed(meds: _Meds, result: MedicineResult) -> str:
    view = result.medicine
    if result.change is MedicineChange.ALREADY and view is not None and view.dose is not None:
        return meds.t(strings.MEDS_DOSE_SAME).format(name=meds.name(view), dose=quoted(view.dose, DOSE_MAX))
    if result.change is not MedicineChange.DONE or view is None or view.dose is None or result.day is None:
        return await meds.refusal(result)
    day = words.day_text(meds.t, result.day)
    return meds.t(strings.MEDS_DOSE_CHANGED).format(name=meds.name(view), dose=quoted(view.dose, DOSE_MAX), date=day)


async def _say_times(update: Update, meds: _Meds, result: MedicineResult) -> None:
    view = result.medicine
    if view is None or result.change not in (MedicineChange.DONE, MedicineChange.ALREADY):
        await reply(update, await meds.refusal(result))
        return
    if result.change is MedicineChange.ALREADY:
        await reply(update, meds.t(strings.MEDS_TIMES_SAME).format(name=meds.name(view)))
        return
    if not view.times:
        await reply(update, meds.t(strings.MEDS_TIMES_CLEARED).format(name=meds.name(view)))
        return
    text = meds.t(strings.MEDS_TIMES_SET).format(name=meds.name(view), times=meds.times(view))
    if view.reminders_on and view.stopped_on is None:
        reminding, needs_zone = await meds.reminding(view, result.next_due_at_utc)
        await reply(update, f"{text}\n\n{reminding}", location_keyboard(meds.t) if needs_zone else None)
        return
    await reply(update, text)


async def _stopped(meds: _Meds, result: MedicineResult) -> str:
    view, day = result.medicine, words.day_text(meds.t, result.day) if result.day else ""
    if view is not None and result.change is MedicineChange.ALREADY:
        return meds.t(strings.MEDS_ALREADY_STOPPED).format(name=meds.name(view), date=day, number=result.position)
    if view is None or result.change is not MedicineChange.DONE:
        return await meds.refusal(result)
    return meds.t(strings.MEDS_STOPPED_DONE).format(name=meds.name(view), date=day, number=result.position)


async def _say_restarted(update: Update, meds: _Meds, result: MedicineResult) -> None:
    view = result.medicine
    if view is None or result.position is None or result.day is None or result.change is not MedicineChange.DONE:
        await reply(update, await meds.refusal(result))
        return
    intro = meds.t(strings.MEDS_RESTARTED).format(name=meds.name(view), date=words.day_text(meds.t, result.day))
    text, buttons = await meds.card(result.position, view)
    await reply(update, f"{intro}\n\n{text}", buttons)


async def _say_reminders(update: Update, meds: _Meds, result: MedicineResult) -> None:
    view = result.medicine
    if view is None or result.change not in (MedicineChange.DONE, MedicineChange.ALREADY):
        await reply(update, await meds.refusal(result))
        return
    if not view.reminders_on:
        await reply(update, meds.t(strings.MEDS_NOT_REMINDING).format(name=meds.name(view)))
        return
    text, needs_zone = await meds.reminding(view, result.next_due_at_utc)
    await reply(update, text, location_keyboard(meds.t) if needs_zone else None)


# --- the typed answers to the questions of the buttons ---------------------------------------------------------


@answer_reader(ASK_NAME)
async def name_answer(update: Update, context: BotContext, question: Question) -> None:
    """✍️ Another medicine: the typed name (a dose and times after it are read too), then the next question."""
    meds = await _Meds.of(update, context)
    text = update.effective_message.text if update.effective_message else ""
    command = parse_meds_command(f"add {text or ''}")
    if not isinstance(command, MedsAdd):
        ask(context, ASK_NAME)
        problem = command if isinstance(command, MedsProblem) else MedsProblem("missing_name", "add")
        await reply(update, words.problem_text(meds.t, problem, await meds.example_day()))
        return
    added = await meds.add_typed(command)
    if isinstance(added, str):
        await reply(update, added)
        return
    result, note = added
    assert result.medicine is not None and result.position is not None
    intro = meds.t(strings.MEDS_ADDED).format(name=meds.name(result.medicine), number=result.position)
    intro = f"{intro}\n\n{note}" if note else intro
    await meds.next_step(context, _replying(update), result.medicine, intro, dose_asked=False, start=result.day)


@answer_reader(ASK_DOSE)
async def dose_answer(update: Update, context: BotContext, question: Question) -> None:
    """The dose typed after ✏️ Change dose, or while adding (then the next question)."""
    meds = await _Meds.of(update, context)
    text = " ".join(((update.effective_message.text if update.effective_message else None) or "").split())
    if not text or len(text) > DOSE_MAX:
        ask(context, ASK_DOSE, **question.about)
        problem = MedsProblem("too_long", "dose", text, "dose", DOSE_MAX)
        problem = problem if text else MedsProblem("missing_dose", "dose")
        await reply(update, words.problem_text(meds.t, problem, await meds.example_day()))
        return
    flow, start = bool(question.about.get("flow")), question.about.get("start")
    on_date = date.fromisoformat(start) if flow and isinstance(start, str) else None
    result = await meds.store.change_dose(meds.chat_id, int(question.about["medicine_id"]), text, meds.now, on_date)
    view = result.medicine
    if not flow or view is None or result.change not in (MedicineChange.DONE, MedicineChange.ALREADY):
        answer = await _dose_changed(meds, result)
        if view is not None and result.position is not None and result.change is MedicineChange.DONE:
            await meds.show_card(_replying(update), view.id, answer)
        else:
            await reply(update, answer)
        return
    intro = meds.t(strings.MEDS_DOSE_NOTED).format(dose=quoted(text, DOSE_MAX))
    await meds.next_step(context, _replying(update), view, intro, dose_asked=True, start=on_date)


@answer_reader(ASK_TIMES)
async def times_answer(update: Update, context: BotContext, question: Question) -> None:
    """The usual times typed after 🕒 Times, after 🔔 Turn reminder on (then the reminder is turned on), or while
    adding (then: remind at these times?)."""
    meds = await _Meds.of(update, context)
    text = (update.effective_message.text if update.effective_message else None) or ""
    command = parse_meds_command(f"times 1 {text}")
    if not isinstance(command, MedsTimes):
        ask(context, ASK_TIMES, **question.about)
        problem = command if isinstance(command, MedsProblem) else MedsProblem("missing_times", "times")
        await reply(update, words.problem_text(meds.t, problem, await meds.example_day()))
        return
    medicine_id = int(question.about["medicine_id"])
    result = await meds.store.set_times(meds.chat_id, medicine_id, command.times, meds.now)
    view = result.medicine
    if view is not None and question.about.get("remind") and view.times:
        await _say_reminders(update, meds, await meds.store.set_reminders(meds.chat_id, medicine_id, True, meds.now))
    elif view is not None and question.about.get("flow") and result.change is not MedicineChange.NOT_FOUND:
        if view.times:
            await meds.next_step(context, _replying(update), view, "", dose_asked=True, start=None)
        else:
            await meds.show_card(_replying(update), view.id)
    else:
        await _say_times(update, meds, result)


# --- /meds's buttons -------------------------------------------------------------------------------------------


async def meds_button(update: Update, context: BotContext) -> None:
    """Every button of /meds: the list, ➕ Add and its steps, a medicine's card and its buttons, the history."""
    query, match = pressed_button(update, context)
    press = callbacks.meds_press(match)
    if press is None:
        await fallback.stale_button(update, context)
        return
    meds, send = await _Meds.of(update, context), _editing(query)
    t, action = meds.t, press.action
    if action == "list":
        await query.answer()
        await send(*await meds.list_message())
    elif action == "hist":
        await query.answer()
        events = await meds.store.events(meds.chat_id)
        await send(words.history_text(meds.content, t, events, words.HISTORY_BUDGET), meds_back_buttons(t))
    elif action == "add":
        await query.answer()
        catalogue = [(entry.key, entry.label(t.language)) for entry in meds.content.medicines.entries]
        await send(t(strings.MEDS_PICK), meds_pick_buttons(t, catalogue))
    elif action == "other":
        await query.answer()
        ask(context, ASK_NAME)
        await send(t(strings.MEDS_ASK_NAME), None)
    elif action == "pick":
        await _pick(query, context, meds, press.key or "")
    else:
        assert press.medicine_id is not None  # callbacks.meds_press gives every other action an id
        await _medicine_button(query, context, update, meds, action, press.medicine_id, press.on)


async def _pick(query: CallbackQuery, context: BotContext, meds: _Meds, key: str) -> None:
    entry = meds.content.medicines.get(key)
    if entry is None:
        await query.answer(meds.t(strings.STALE_BUTTON))
        return
    # Tapping a name is a choice to add it, as typing it is: a person new to the bot has no row yet.
    name = entry.name(meds.t.language)
    added = await meds.add_typed(MedsAdd((name,)))
    if isinstance(added, str):
        await query.answer()
        await edit_query_message(query, added, meds_back_buttons(meds.t))
        return
    result, _ = added
    assert result.medicine is not None and result.position is not None
    await query.answer()
    intro = meds.t(strings.MEDS_ADDED).format(name=meds.name(result.medicine), number=result.position)
    await meds.next_step(context, _editing(query), result.medicine, intro, dose_asked=False, start=result.day)


async def _medicine_button(
    query: CallbackQuery,
    context: BotContext,
    update: Update,
    meds: _Meds,
    action: callbacks.MedsAction,
    medicine_id: int,
    on: bool | None,
) -> None:
    t, send = meds.t, _editing(query)
    found = await meds.store.medicine(meds.chat_id, medicine_id)
    if found is None:
        await query.answer(t(strings.ANSWER_MEDS_GONE))
        return
    position, view = found
    if action == "card":
        await query.answer()
        await meds.show_card(send, medicine_id)
    elif action == "dose" or action == "times":
        if view.stopped_on is not None:
            await query.answer()
            await reply(update, t(strings.MEDS_IS_STOPPED).format(name=meds.name(view), number=position))
            return
        await query.answer()
        if action == "dose":
            ask(context, ASK_DOSE, medicine_id=medicine_id, flow=False)
            day = (await meds.example_day()).isoformat()
            await reply(update, t(strings.MEDS_ASK_NEW_DOSE).format(name=meds.name(view), number=position, day=day))
        else:
            ask(context, ASK_TIMES, medicine_id=medicine_id, flow=False)
            await reply(update, t(strings.MEDS_ASK_NEW_TIMES).format(name=meds.name(view), max=MAX_TIMES))
    elif action == "remind":
        await _remind_button(query, context, update, meds, view, bool(on))
    elif action == "stop":
        await query.answer()
        day = (await meds.example_day()).isoformat()
        text = t(strings.MEDS_STOP_ASK).format(name=meds.name(view), number=position, day=day)
        await send(text, meds_stop_buttons(t, medicine_id))
    elif action == "stopok":
        result = await meds.store.stop(meds.chat_id, medicine_id, meds.now)
        await query.answer(t(strings.ANSWER_MEDS_STOPPED) if result.change is MedicineChange.DONE else None)
        await meds.show_card(send, medicine_id, await _stopped(meds, result))
    elif action == "restart":
        result = await meds.store.restart(meds.chat_id, medicine_id, meds.now)
        if result.change is not MedicineChange.DONE or result.day is None:
            await query.answer()
            await meds.show_card(send, medicine_id, await meds.refusal(result))
            return
        await query.answer(t(strings.ANSWER_MEDS_RESTARTED))
        intro = t(strings.MEDS_RESTARTED).format(name=meds.name(view), date=words.day_text(t, result.day))
        await meds.show_card(send, medicine_id, intro)
    elif action == "skipd":
        await query.answer()
        await meds.next_step(context, send, view, "", dose_asked=True, start=None)
    else:  # skipt: adding is done
        await query.answer()
        await meds.show_card(send, medicine_id)


async def _remind_button(
    query: CallbackQuery, context: BotContext, update: Update, meds: _Meds, view: MedicineView, on: bool
) -> None:
    t = meds.t
    result = await meds.store.set_reminders(meds.chat_id, view.id, on, meds.now)
    if result.change is MedicineChange.NO_TIMES:
        await query.answer(t(strings.ANSWER_MEDS_NEEDS_TIMES))
        ask(context, ASK_TIMES, medicine_id=view.id, flow=False, remind=True)
        await reply(update, t(strings.MEDS_ASK_NEW_TIMES).format(name=meds.name(view), max=MAX_TIMES))
        return
    if result.change not in (MedicineChange.DONE, MedicineChange.ALREADY) or result.medicine is None:
        await query.answer()
        await reply(update, await meds.refusal(result))
        return
    await query.answer(t(strings.ANSWER_MEDS_REMIND_ON if on else strings.ANSWER_MEDS_REMIND_OFF))
    await meds.show_card(_editing(query), view.id)
    if on:
        text, needs_zone = await meds.reminding(result.medicine, result.next_due_at_utc)
        if needs_zone:
            await reply(update, text, location_keyboard(t))


# --- the buttons under a medicine reminder --------------------------------------------------------------------


async def dose_button(update: Update, context: BotContext) -> None:
    """✅ Taken, ⏰ Snooze or Skip under a medicine reminder: recorded on the reminder the button names, and said
    on its message. Double presses, old messages and presses after /delete change nothing."""
    query, match = pressed_button(update, context)
    press = callbacks.dose_press(match)
    if press is None:
        await fallback.stale_button(update, context)
        return
    meds = await _Meds.of(update, context)
    t, now = meds.t, meds.now
    snooze = timedelta(minutes=meds.services.settings.snooze_minutes)
    response = _DOSE_RESPONSES[press.action]
    result = await meds.store.respond(meds.chat_id, press.day, press.slot, response, now, snooze)
    subscriber = await meds.subscriber()
    zone = zone_from_name(subscriber.zone_name) if subscriber is not None and subscriber.zone_name else UTC

    def snooze_time() -> str:
        """The snooze's local time, while it is still ahead."""
        due = result.snooze_due_at_utc
        return t.clock(due.astimezone(zone).time()) if due is not None and due > now else ""

    original = message_html(query)
    if result.answer is Answer.RECORDED and result.response is DoseResponse.SNOOZED:
        await query.answer(t(strings.ANSWER_SNOOZED).format(time=snooze_time()))
        if original is not None:
            note = t(strings.REMINDER_SNOOZED).format(time=snooze_time())
            await edit_query_message(
                query, f"{original}\n\n{note}", dose_buttons(t, press.day, press.slot, snooze=False)
            )
    elif result.answer is Answer.RECORDED and result.response is not None:
        await query.answer(t(_RECORDED_ANSWER[result.response]))
        if original is not None:
            if result.response is DoseResponse.TAKEN:
                note = t(strings.DOSE_TAKEN).format(time=t.clock(now.astimezone(zone).time()))
            else:
                note = t(strings.DOSE_SKIPPED)
            await edit_query_message(query, f"{original}\n\n{note}")
    elif result.answer is Answer.ALREADY and result.response is DoseResponse.SNOOZED:
        shown = snooze_time()
        already = t(strings.ANSWER_ALREADY_SNOOZED).format(time=shown) if shown else None
        await query.answer(already or t(strings.ANSWER_DOSE_ALREADY_SNOOZED_NO_TIME))
    elif result.answer is Answer.ALREADY and result.response is not None:
        await query.answer(t(_ALREADY_ANSWER[result.response]))
    elif result.answer is Answer.CLOSED:
        await query.answer(t(strings.ANSWER_CLOSED))
    elif result.answer is Answer.TOO_LATE:
        hours = int(DOSE_SNOOZE_WINDOW.total_seconds() // 3600)
        await query.answer(t(strings.ANSWER_DOSE_TOO_LATE).format(hours=hours))
    else:
        await query.answer(t(strings.ANSWER_GONE))
