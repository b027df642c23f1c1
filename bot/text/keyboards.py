"""Inline keyboards: every button row we send, in the person's language, its data from bot.text.callbacks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.content import LANGUAGES, Library, Page
from bot.core.checkins import SCORE_MAX, SCORE_MIN
from bot.core.onset import Onset, Sitting
from bot.text import callbacks, strings
from bot.text.i18n import LANGUAGE_NAMES, Texts

_PER_ROW = 2  # toggles, sections and topics: two to a row, readable on a phone
_TOPIC_ON, _TOPIC_OFF = "✅", "▫️"


def _rows(buttons: Sequence[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[index : index + _PER_ROW]) for index in range(0, len(buttons), _PER_ROW)]


@lru_cache(maxsize=256)
def reminder_buttons(t: Texts, evening: date, *, snooze: bool) -> InlineKeyboardMarkup:
    """✅ Done, ⏰ Snooze (left out on the snoozed reminder itself) and Skip tonight. The same for everyone of one
    language on one evening, so made once (PTB's markup objects are immutable)."""
    row = [InlineKeyboardButton(t(strings.BUTTON_DONE), callback_data=callbacks.reminder_data("done", evening))]
    if snooze:
        row.append(
            InlineKeyboardButton(t(strings.BUTTON_SNOOZE), callback_data=callbacks.reminder_data("snooze", evening))
        )
    row.append(InlineKeyboardButton(t(strings.BUTTON_SKIP), callback_data=callbacks.reminder_data("skip", evening)))
    return InlineKeyboardMarkup([row])


def score_buttons(t: Texts, night: date, current: int | None = None) -> InlineKeyboardMarkup:
    """0 to 10 in two rows (eleven buttons in one row are too narrow to tap on a phone).

    The labels are numbers in every language; ``t`` keeps the signature in line with the other keyboards.
    """

    def label(score: int) -> str:
        return f"•{score}•" if score == current else str(score)

    scores = range(SCORE_MIN, SCORE_MAX + 1)
    buttons = [InlineKeyboardButton(label(score), callback_data=callbacks.score_data(night, score)) for score in scores]
    return InlineKeyboardMarkup([buttons[:6], buttons[6:]])


def factor_buttons(
    t: Texts, night: date, labels: Mapping[str, str], present: Sequence[str] | frozenset[str]
) -> InlineKeyboardMarkup:
    """One toggle per factor, two to a row, then Change score and Save.

    ``labels`` are already in the person's language. Each toggle says what it will set, so a double press is
    harmless.
    """
    toggles = [
        InlineKeyboardButton(
            f"{t(strings.FACTOR_ON) if factor in present else t(strings.FACTOR_OFF)} {label}",
            callback_data=callbacks.factor_data(night, factor, factor not in present),
        )
        for factor, label in labels.items()
    ]
    rows = _rows(toggles)
    rows.append(
        [
            InlineKeyboardButton(
                t(strings.BUTTON_CHANGE_SCORE), callback_data=callbacks.checkin_step_data("back", night)
            ),
            InlineKeyboardButton(t(strings.BUTTON_SAVE), callback_data=callbacks.checkin_step_data("save", night)),
        ]
    )
    return InlineKeyboardMarkup(rows)


def delete_buttons(t: Texts) -> InlineKeyboardMarkup:
    """/delete's Confirm and Cancel."""
    confirm = InlineKeyboardButton(t(strings.BUTTON_DELETE_CONFIRM), callback_data=callbacks.delete_data("confirm"))
    cancel = InlineKeyboardButton(t(strings.BUTTON_DELETE_CANCEL), callback_data=callbacks.delete_data("cancel"))
    return InlineKeyboardMarkup([[confirm, cancel]])


def broadcast_buttons(t: Texts, broadcast_id: int) -> InlineKeyboardMarkup:
    """[Confirm] [Cancel] under a broadcast's preview."""
    confirm = InlineKeyboardButton(
        t(strings.BROADCAST_CONFIRM_BUTTON), callback_data=callbacks.broadcast_data("confirm", broadcast_id)
    )
    cancel = InlineKeyboardButton(
        t(strings.BROADCAST_CANCEL_BUTTON), callback_data=callbacks.broadcast_data("cancel", broadcast_id)
    )
    return InlineKeyboardMarkup([[confirm, cancel]])


def page_overview_buttons(t: Texts, page: Page) -> InlineKeyboardMarkup:
    """A button per section of an information page, two to a row; /about adds References."""
    buttons = [
        InlineKeyboardButton(section.button, callback_data=callbacks.page_data(page.key, section.id))
        for section in page.sections
    ]
    if page.key == "about":
        buttons.append(InlineKeyboardButton(t(strings.BUTTON_REFERENCES), callback_data=callbacks.references_data()))
    return InlineKeyboardMarkup(_rows(buttons))


def page_back_buttons(t: Texts, page: Page) -> InlineKeyboardMarkup:
    """Back to the page's overview, under one of its sections."""
    back = InlineKeyboardButton(t(strings.BUTTON_BACK), callback_data=callbacks.page_data(page.key))
    return InlineKeyboardMarkup([[back]])


def reference_buttons(t: Texts, page: Page, index: int, pages: int) -> InlineKeyboardMarkup:
    """Previous / Next through the ``pages`` of references (showing ``index``, from 0), and Back to /about."""
    turn = []
    if index > 0:
        turn.append(InlineKeyboardButton(t(strings.BUTTON_PREVIOUS), callback_data=callbacks.references_data(index)))
    if index + 1 < pages:
        turn.append(InlineKeyboardButton(t(strings.BUTTON_NEXT), callback_data=callbacks.references_data(index + 2)))
    back = [InlineKeyboardButton(t(strings.BUTTON_BACK), callback_data=callbacks.page_data(page.key))]
    return InlineKeyboardMarkup([turn, back] if turn else [back])


def topic_buttons(t: Texts, library: Library, chosen: Sequence[str]) -> InlineKeyboardMarkup:
    """A toggle per tip topic (✅ on, ▫️ off), two to a row, then Done."""
    toggles = [
        InlineKeyboardButton(
            f"{_TOPIC_ON if topic.key in chosen else _TOPIC_OFF} {topic.label}",
            callback_data=callbacks.topic_data(topic.key),
        )
        for topic in library.topics
    ]
    rows = _rows(toggles)
    rows.append(
        [InlineKeyboardButton(t(strings.BUTTON_TOPICS_DONE), callback_data=callbacks.topic_data(callbacks.TOPICS_DONE))]
    )
    return InlineKeyboardMarkup(rows)


def selfcheck_start_buttons(t: Texts) -> InlineKeyboardMarkup:
    """Start, under the self-check's introduction."""
    start = InlineKeyboardButton(t(strings.BUTTON_START), callback_data=callbacks.selfcheck_data(""))
    return InlineKeyboardMarkup([[start]])


def selfcheck_answer_buttons(t: Texts, answers: str) -> InlineKeyboardMarkup:
    """Yes / No under the question after ``answers``, each carrying the answers so far with its own."""
    yes = InlineKeyboardButton(t(strings.BUTTON_YES), callback_data=callbacks.selfcheck_data(f"{answers}y"))
    no = InlineKeyboardButton(t(strings.BUTTON_NO), callback_data=callbacks.selfcheck_data(f"{answers}n"))
    return InlineKeyboardMarkup([[yes, no]])


def selfcheck_result_buttons(t: Texts, answers: str, *, kept: bool) -> InlineKeyboardMarkup:
    """Keep my answers (until they are kept) and Again, under the result."""
    again = InlineKeyboardButton(t(strings.BUTTON_AGAIN), callback_data=callbacks.selfcheck_data(""))
    if kept:
        return InlineKeyboardMarkup([[again]])
    keep = InlineKeyboardButton(
        t(strings.BUTTON_KEEP_ANSWERS), callback_data=callbacks.selfcheck_data(answers, keep=True)
    )
    return InlineKeyboardMarkup([[keep], [again]])


def language_buttons() -> InlineKeyboardMarkup:
    """One button per language, each named in its own language."""
    buttons = [
        InlineKeyboardButton(LANGUAGE_NAMES[code], callback_data=callbacks.language_data(code)) for code in LANGUAGES
    ]
    return InlineKeyboardMarkup([buttons])


# --- /meds ---

_MEDS_LABEL_LIMIT = 28  # characters of a medicine's name on its button: two buttons fit a row on a phone


def _meds_label(position: int, name: str) -> str:
    shown = name if len(name) <= _MEDS_LABEL_LIMIT else name[: _MEDS_LABEL_LIMIT - 1] + "…"
    return f"{position}. {shown}"


def meds_list_buttons(t: Texts, medicines: Sequence[tuple[int, int, str]]) -> InlineKeyboardMarkup:
    """➕ Add a medicine, one button per medicine (``(position, id, name shown)``) two to a row, then 📜 History."""
    add = [InlineKeyboardButton(t(strings.BUTTON_MEDS_ADD), callback_data=callbacks.meds_data("add"))]
    cards = [
        InlineKeyboardButton(_meds_label(position, name), callback_data=callbacks.meds_data("card", medicine_id))
        for position, medicine_id, name in medicines
    ]
    rows = [add, *_rows(cards)]
    if medicines:
        rows.append([InlineKeyboardButton(t(strings.BUTTON_MEDS_HISTORY), callback_data=callbacks.meds_data("hist"))])
    return InlineKeyboardMarkup(rows)


def meds_pick_buttons(t: Texts, catalogue: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """A button per catalogue medicine (``(key, name shown)``), two to a row, then ✍️ Another medicine and Back."""
    picks = [InlineKeyboardButton(label, callback_data=callbacks.meds_data("pick", key)) for key, label in catalogue]
    rows = _rows(picks)
    rows.append([InlineKeyboardButton(t(strings.BUTTON_MEDS_OTHER), callback_data=callbacks.meds_data("other"))])
    rows.append([InlineKeyboardButton(t(strings.BUTTON_MEDS_ALL), callback_data=callbacks.meds_data("list"))])
    return InlineKeyboardMarkup(rows)


def meds_card_buttons(t: Texts, medicine_id: int, *, stopped: bool, reminders_on: bool) -> InlineKeyboardMarkup:
    """Under a medicine: Change dose, Times, the reminder switch (saying what it sets) and Stopped taking it; for a
    stopped one, Taking it again; then All medicines."""
    back = [InlineKeyboardButton(t(strings.BUTTON_MEDS_ALL), callback_data=callbacks.meds_data("list"))]
    if stopped:
        restart = InlineKeyboardButton(
            t(strings.BUTTON_MEDS_RESTART), callback_data=callbacks.meds_data("restart", medicine_id)
        )
        return InlineKeyboardMarkup([[restart], back])
    dose = InlineKeyboardButton(t(strings.BUTTON_MEDS_DOSE), callback_data=callbacks.meds_data("dose", medicine_id))
    times = InlineKeyboardButton(t(strings.BUTTON_MEDS_TIMES), callback_data=callbacks.meds_data("times", medicine_id))
    switch = InlineKeyboardButton(
        t(strings.BUTTON_MEDS_REMIND_OFF if reminders_on else strings.BUTTON_MEDS_REMIND_ON),
        callback_data=callbacks.meds_data("remind", medicine_id, not reminders_on),
    )
    stop = InlineKeyboardButton(t(strings.BUTTON_MEDS_STOP), callback_data=callbacks.meds_data("stop", medicine_id))
    return InlineKeyboardMarkup([[dose, times], [switch, stop], back])


def meds_stop_buttons(t: Texts, medicine_id: int) -> InlineKeyboardMarkup:
    """⏹ Stopped today, and Back to the medicine."""
    stop = InlineKeyboardButton(
        t(strings.BUTTON_MEDS_STOPPED_TODAY), callback_data=callbacks.meds_data("stopok", medicine_id)
    )
    back = InlineKeyboardButton(t(strings.BUTTON_BACK), callback_data=callbacks.meds_data("card", medicine_id))
    return InlineKeyboardMarkup([[stop, back]])


def meds_skip_buttons(t: Texts, action: callbacks.MedsSkip, medicine_id: int) -> InlineKeyboardMarkup:
    """⏭ Skip under a question of ➕ Add: the dose (``skipd``) or the usual times (``skipt``)."""
    skip = InlineKeyboardButton(t(strings.BUTTON_MEDS_SKIP), callback_data=callbacks.meds_data(action, medicine_id))
    return InlineKeyboardMarkup([[skip]])


def meds_remind_buttons(t: Texts, medicine_id: int) -> InlineKeyboardMarkup:
    """🔔 Yes, remind me / No, thanks: the last question of ➕ Add."""
    yes = InlineKeyboardButton(
        t(strings.BUTTON_MEDS_REMIND_YES), callback_data=callbacks.meds_data("remind", medicine_id, True)
    )
    no = InlineKeyboardButton(
        t(strings.BUTTON_MEDS_REMIND_NO), callback_data=callbacks.meds_data("remind", medicine_id, False)
    )
    return InlineKeyboardMarkup([[yes, no]])


def meds_back_buttons(t: Texts) -> InlineKeyboardMarkup:
    """⬅️ All medicines, under the history."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t(strings.BUTTON_MEDS_ALL), callback_data=callbacks.meds_data("list"))]]
    )


def dose_buttons(t: Texts, local_date: date, slot: str, *, snooze: bool) -> InlineKeyboardMarkup:
    """✅ Taken, ⏰ Snooze (left out on the snoozed reminder itself) and Skip, under a medicine reminder."""
    row = [InlineKeyboardButton(t(strings.BUTTON_TAKEN), callback_data=callbacks.dose_data("taken", local_date, slot))]
    if snooze:
        row.append(
            InlineKeyboardButton(
                t(strings.BUTTON_SNOOZE), callback_data=callbacks.dose_data("snooze", local_date, slot)
            )
        )
    row.append(
        InlineKeyboardButton(t(strings.BUTTON_DOSE_SKIP), callback_data=callbacks.dose_data("skip", local_date, slot))
    )
    return InlineKeyboardMarkup([row])


# --- /iron ---

IRON_RECALL_CHOICES = (3, 6, 12)  # months, the 🔔 Recall buttons


def iron_buttons(t: Texts) -> InlineKeyboardMarkup:
    """Under /iron's history: ➕ Add a result, 💉 Infusion, 🗓 Plan a test, 🔔 Recall, ℹ️ What the numbers mean."""
    add = InlineKeyboardButton(t(strings.BUTTON_IRON_ADD), callback_data=callbacks.iron_data("add"))
    infusion = InlineKeyboardButton(t(strings.BUTTON_IRON_INFUSION), callback_data=callbacks.iron_data("inf"))
    test = InlineKeyboardButton(t(strings.BUTTON_IRON_TEST), callback_data=callbacks.iron_data("test"))
    recall = InlineKeyboardButton(t(strings.BUTTON_IRON_RECALL), callback_data=callbacks.iron_data("rc"))
    info = InlineKeyboardButton(t(strings.BUTTON_IRON_INFO), callback_data=callbacks.iron_data("info"))
    return InlineKeyboardMarkup([[add, infusion], [test, recall], [info]])


def iron_day_buttons(t: Texts, today: date) -> InlineKeyboardMarkup:
    """📅 Today, under the question of a new result's day."""
    label = t(strings.BUTTON_IRON_TODAY).format(date=t.day(today))
    today_button = InlineKeyboardButton(label, callback_data=callbacks.iron_data("day", today.isoformat()))
    return InlineKeyboardMarkup([[today_button]])


def iron_skip_buttons(t: Texts, step: callbacks.IronStep) -> InlineKeyboardMarkup:
    """⏭ Skip, under a question of a new result that may be left out."""
    skip = InlineKeyboardButton(t(strings.BUTTON_IRON_SKIP), callback_data=callbacks.iron_data("skip", step))
    return InlineKeyboardMarkup([[skip]])


def iron_morning_buttons(t: Texts, drawn_on: date) -> InlineKeyboardMarkup:
    """Yes / No / Not sure: was the result of ``drawn_on`` drawn in the morning after 24 h without iron?"""
    labels = {True: strings.BUTTON_YES, False: strings.BUTTON_NO, None: strings.BUTTON_IRON_NOT_SURE}
    row = [
        InlineKeyboardButton(t(label), callback_data=callbacks.iron_morning_data(drawn_on, answer))
        for answer, label in labels.items()
    ]
    return InlineKeyboardMarkup([row])


def iron_infusion_buttons(
    t: Texts, today: date, infusions: Sequence[date], day_text: Mapping[date, str]
) -> InlineKeyboardMarkup:
    """📅 Today, then a 🗑 button per infusion (``day_text`` names each day, with its year), two to a row."""
    today_label = t(strings.BUTTON_IRON_TODAY).format(date=t.day(today))
    rows = [[InlineKeyboardButton(today_label, callback_data=callbacks.iron_data("inf", today.isoformat()))]]
    deletes = [
        InlineKeyboardButton(
            t(strings.BUTTON_IRON_DELETE_INFUSION).format(date=day_text[day]),
            callback_data=callbacks.iron_data("infdel", day.isoformat()),
        )
        for day in infusions
    ]
    return InlineKeyboardMarkup(rows + _rows(deletes))


def iron_test_buttons(t: Texts) -> InlineKeyboardMarkup:
    """🗑 Cancel the test reminder, under the question of a test's day while one is planned."""
    cancel = InlineKeyboardButton(t(strings.BUTTON_IRON_TEST_OFF), callback_data=callbacks.iron_data("testoff"))
    return InlineKeyboardMarkup([[cancel]])


def iron_recall_buttons(t: Texts, *, pending: bool) -> InlineKeyboardMarkup:
    """3, 6 and 12 months, and 🔕 Turn it off while a recall is pending."""
    months = [
        InlineKeyboardButton(
            t(strings.BUTTON_IRON_MONTHS).format(months=choice), callback_data=callbacks.iron_data("rc", str(choice))
        )
        for choice in IRON_RECALL_CHOICES
    ]
    rows = [months]
    if pending:
        off = t(strings.BUTTON_IRON_RECALL_OFF)
        rows.append([InlineKeyboardButton(off, callback_data=callbacks.iron_data("rc", callbacks.IRON_RECALL_OFF))])
    return InlineKeyboardMarkup(rows)


# --- the symptom-onset questions of the check-in ---


def _marked(label: str, current: bool) -> str:
    """A single choice shows the answer already given as the score buttons do: ``•In bed•``."""
    return f"•{label}•" if current else label


def onset_buttons(t: Texts, night: date, current: Onset | None = None) -> InlineKeyboardMarkup:
    """No symptoms, In bed, In the evening, In the afternoon, In the morning, two to a row, with Skip; then
    Change score."""
    answers = [
        InlineKeyboardButton(
            _marked(t(strings.ONSET_BUTTONS[onset.value]), onset is current),
            callback_data=callbacks.onset_data(night, onset),
        )
        for onset in Onset
    ]
    skip = InlineKeyboardButton(t(strings.BUTTON_SKIP_QUESTION), callback_data=callbacks.skip_data(night, "onset"))
    back = InlineKeyboardButton(
        t(strings.BUTTON_CHANGE_SCORE), callback_data=callbacks.checkin_step_data("back", night)
    )
    return InlineKeyboardMarkup([*_rows([*answers, skip]), [back]])


def arms_buttons(t: Texts, night: date, current: bool | None = None) -> InlineKeyboardMarkup:
    """Yes, No and Skip under the weekly arms question."""
    yes = InlineKeyboardButton(
        _marked(t(strings.BUTTON_YES), current is True), callback_data=callbacks.arms_data(night, True)
    )
    no = InlineKeyboardButton(
        _marked(t(strings.BUTTON_NO), current is False), callback_data=callbacks.arms_data(night, False)
    )
    skip = InlineKeyboardButton(t(strings.BUTTON_SKIP_QUESTION), callback_data=callbacks.skip_data(night, "arms"))
    return InlineKeyboardMarkup([[yes, no, skip]])


# From the shortest time to no symptoms, as a person thinks of it.
_SITTING_ORDER = (Sitting.UNDER_15, Sitting.FROM_15_TO_60, Sitting.OVER_60, Sitting.NONE)


def sitting_buttons(t: Texts, night: date, current: Sitting | None = None) -> InlineKeyboardMarkup:
    """Under 15 min, 15–60 min, Over an hour, No symptoms, two to a row, then Skip, under the weekly question."""
    answers = [
        InlineKeyboardButton(
            _marked(t(strings.SITTING_BUTTONS[sitting.value]), sitting is current),
            callback_data=callbacks.sitting_data(night, sitting),
        )
        for sitting in _SITTING_ORDER
    ]
    skip = InlineKeyboardButton(t(strings.BUTTON_SKIP_QUESTION), callback_data=callbacks.skip_data(night, "sit"))
    return InlineKeyboardMarkup([*_rows(answers), [skip]])


# --- /notes ---

_NOTES_PER_ROW = 5  # 🗑 with a number is narrow: five fit a row on a phone


def notes_buttons(t: Texts, notes: Sequence[tuple[int, int]]) -> InlineKeyboardMarkup | None:
    """A 🗑 button per note (``(number in the list, note id)``), five to a row; None when there is none."""
    deletes = [
        InlineKeyboardButton(
            t(strings.BUTTON_NOTE_DELETE).format(number=number), callback_data=callbacks.note_delete_data(note_id)
        )
        for number, note_id in notes
    ]
    if not deletes:
        return None
    return InlineKeyboardMarkup(
        [deletes[index : index + _NOTES_PER_ROW] for index in range(0, len(deletes), _NOTES_PER_ROW)]
    )
