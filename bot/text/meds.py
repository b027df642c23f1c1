"""The wording of /meds and of medicine reminders: the list, a medicine's card, the timeline, the reminder, the
note about a medicine that can worsen RLS, and what a typo in ``/meds …`` gets.

Names and doses are the person's own text (or the catalogue's names), escaped here; a dose is shown exactly as
written, never read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from html import escape

from babel.dates import format_date

from bot.content import Content
from bot.content.medicines import MedicineEntry, WorseningClass, normalise_name
from bot.core.medicine_commands import DOSE_MAX, NAME_MAX, MedsProblem
from bot.store.medicines import DoseReminderView, MedicineEventView, MedicineView
from bot.text import strings
from bot.text.i18n import Texts
from bot.text.render import source_line

REMINDER_MARK = "🔔"
HISTORY_BUDGET = 3500  # characters of the timeline that fit one message edited under a button


def _generic(entry: MedicineEntry, name: str) -> bool:
    """Whether ``name`` is one of the entry's generic names, in any language (not a brand, not a longer name)."""
    return normalise_name(name) in {normalise_name(one) for names in entry.names.values() for one in names}


def medicine_name(content: Content, t: Texts, name: str, catalogue_key: str | None) -> str:
    """The name to show, unescaped: a catalogue medicine named by its generic name is shown in the reader's language
    (``Ropinirol``); one named otherwise keeps its name, with the generic one after it (``Requip XL (ropinirole)``);
    a typed name as typed, with a capital letter (``Melatonin``)."""
    entry = content.medicines.get(catalogue_key) if catalogue_key else None
    if entry is None:
        return name if name[1:2].isupper() else name[:1].upper() + name[1:]  # "iPhone"-like spellings are kept
    if _generic(entry, name):
        return entry.label(t.language)
    return f"{name} ({entry.name(t.language)})"


def same_medicine(content: Content, first: tuple[str, str | None], second: tuple[str, str | None]) -> bool:
    """Whether two (name, catalogue key) pairs name one medicine of a list: the same generic medicine in any
    language, or the same name in any case, with or without accents. ``Requip XL`` and ``ropinirole`` are two."""

    def identity(name: str, key: str | None) -> str:
        entry = content.medicines.get(key) if key else None
        return f"key:{key}" if entry is not None and _generic(entry, name) else f"name:{normalise_name(name)}"

    return identity(*first) == identity(*second)


def day_text(t: Texts, day: date) -> str:
    """A date with its year, as the timeline needs: ``Wed 25 Nov 2026`` / ``mié 25 nov 2026``."""
    return format_date(day, "EEE d MMM y", locale=t.language)


def times_text(t: Texts, times: Sequence[time]) -> str:
    """``08:00, 20:00``."""
    return ", ".join(t.clock(local_time) for local_time in times)


def _shown(content: Content, t: Texts, view: MedicineView) -> str:
    return escape(medicine_name(content, t, view.name, view.catalogue_key))


def list_text(content: Content, t: Texts, medicines: Sequence[MedicineView]) -> str:
    """/meds: the medicines taken, then the stopped ones, each with its number in the list."""
    title = t(strings.MEDS_TITLE)
    if not medicines:
        return f"{title}\n\n{t(strings.MEDS_EMPTY)}"
    taking, stopped = [], []
    for position, view in enumerate(medicines, start=1):
        name = _shown(content, t, view)
        if view.stopped_on is not None:
            when = t(strings.MEDS_STOPPED_ON).format(date=day_text(t, view.stopped_on))
            stopped.append(f"{position}. {name} — {when}")
            continue
        details = [escape(view.dose)] if view.dose else []
        if view.times:
            details.append(times_text(t, view.times))
        line = f"{position}. <b>{name}</b>" + (f" — {' · '.join(details)}" if details else "")
        taking.append(line + (f" {REMINDER_MARK}" if view.reminders_on and view.times else ""))
    parts = [title]
    if taking:
        parts.append(t(strings.MEDS_TAKING) + "\n" + "\n".join(taking))
    if stopped:
        parts.append(t(strings.MEDS_STOPPED_HEADING) + "\n" + "\n".join(stopped))
    parts.append(t(strings.MEDS_LIST_FOOTER))
    return "\n\n".join(parts)


def card_text(
    content: Content, t: Texts, position: int, view: MedicineView, since: date | None, reminder_line: str
) -> str:
    """One medicine: its dose, usual times, reminder (``reminder_line``, already in words) and since when it is taken
    (or when it was stopped)."""
    lines = [t(strings.MEDS_CARD_TITLE).format(name=_shown(content, t, view), number=position), ""]
    if view.stopped_on is not None:
        if view.dose:
            lines.append(t(strings.MEDS_CARD_LAST_DOSE).format(dose=escape(view.dose)))
        lines.append(t(strings.MEDS_CARD_STOPPED).format(date=day_text(t, view.stopped_on)))
        return "\n".join(lines)
    lines.append(
        t(strings.MEDS_CARD_DOSE).format(dose=escape(view.dose)) if view.dose else t(strings.MEDS_CARD_NO_DOSE)
    )
    lines.append(
        t(strings.MEDS_CARD_TIMES).format(times=times_text(t, view.times))
        if view.times
        else t(strings.MEDS_CARD_NO_TIMES)
    )
    lines.append(reminder_line)
    if since is not None:
        lines.append(t(strings.MEDS_CARD_SINCE).format(date=day_text(t, since)))
    return "\n".join(lines)


def history_text(content: Content, t: Texts, events: Sequence[MedicineEventView], budget: int | None = None) -> str:
    """The timeline, oldest first, one dated line per change; with a ``budget``, only the latest lines that fit it."""
    if not events:
        return t(strings.MEDS_HISTORY_EMPTY)
    lines = []
    for event in events:
        name = escape(medicine_name(content, t, event.name, event.catalogue_key))
        what = t(strings.MEDS_EVENTS[event.kind])
        dose = f", {escape(event.dose)}" if event.dose and event.kind != "stopped" else ""
        lines.append(f"{day_text(t, event.on_date)} · <b>{name}</b> — {what}{dose}")
    title, footer = t(strings.MEDS_HISTORY_TITLE), t(strings.MEDS_HISTORY_FOOTER)
    if budget is not None:
        room = budget - len(title) - len(footer)
        kept: list[str] = []
        for line in reversed(lines):
            room -= len(line) + 1
            if room < 0:
                kept.append("…")
                break
            kept.append(line)
        lines = list(reversed(kept))
    return "\n\n".join([title, "\n".join(lines), footer])


def dose_reminder_text(content: Content, t: Texts, reminder: DoseReminderView, *, snoozed: bool = False) -> str:
    """💊 Time for the medicine (its dose as written), at its time — as prescribed; a snoozed one says so first."""
    name = escape(medicine_name(content, t, reminder.name, reminder.catalogue_key))
    clock = t.clock(reminder.local_time)
    if reminder.dose:
        text = t(strings.DOSE_REMINDER).format(name=name, dose=escape(reminder.dose), time=clock)
    else:
        text = t(strings.DOSE_REMINDER_NO_DOSE).format(name=name, time=clock)
    if snoozed:
        text = f"{t(strings.DOSE_SNOOZE_HEADER)}\n{text}"
    return f"{text}\n\n{t(strings.DOSE_FOOTER)}"


def worsening_note(content: Content, t: Texts, group: WorseningClass, named: str) -> str:
    """The calm, sourced note about ``named`` (the words the person typed that name it), a medicine of a group that
    can make RLS worse for some people: never a verdict, always "ask your prescriber"."""
    return t(strings.MEDS_WORSENING).format(
        group=escape(group.name(t.language)),
        note=escape(group.text(t.language, named)),
        sources=source_line(content, t, group.sources),
    )


def usage_text(t: Texts, example_day: date) -> str:
    """Every typed form of /meds, one line each."""
    return t(strings.MEDS_USAGE).format(day=example_day.isoformat())


def problem_text(t: Texts, problem: MedsProblem, example_day: date) -> str:
    """What could not be read in ``/meds …``, that nothing changed, and an example of what is accepted (every form,
    when the first word was not one)."""
    key = problem.kind if problem.kind != "too_long" else f"too_long_{problem.field or 'name'}"
    limit = problem.limit if problem.limit is not None else (DOSE_MAX if problem.field == "dose" else NAME_MAX)
    day = example_day.isoformat()
    said = t(strings.MEDS_PROBLEMS[key]).format(text=_quoted(problem.text), limit=limit, day=day)
    if problem.verb is None:
        return f"{said} {t(strings.MEDS_NOTHING_CHANGED)}\n\n{usage_text(t, example_day)}"
    example = t(strings.MEDS_FOR_EXAMPLE).format(example=t(strings.MEDS_EXAMPLES[problem.verb]).format(day=day))
    return f"{said} {t(strings.MEDS_NOTHING_CHANGED)}\n{example}"


def _quoted(text: str, limit: int = 60) -> str:
    shortened = text if len(text) <= limit else text[: limit - 1] + "…"
    return escape(shortened)
