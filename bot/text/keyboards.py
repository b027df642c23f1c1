"""Inline keyboards: every button row we send, in the person's language, its data from bot.text.callbacks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.content import LANGUAGES, Library, Page
from bot.core.checkins import SCORE_MAX, SCORE_MIN
from bot.text import callbacks, strings
from bot.text.i18n import LANGUAGE_NAMES, Texts

_PER_ROW = 2  # toggles, sections and topics: two to a row, readable on a phone
_TOPIC_ON, _TOPIC_OFF = "✅", "▫️"


def _rows(buttons: Sequence[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[index : index + _PER_ROW]) for index in range(0, len(buttons), _PER_ROW)]


def reminder_buttons(t: Texts, evening: date, *, snooze: bool) -> InlineKeyboardMarkup:
    """✅ Done, ⏰ Snooze (left out on the snoozed reminder itself) and Skip tonight."""
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
