"""Everything stored about one person as one CSV file: one record type per row, every column named.

The columns are the union of what the record types need; a row leaves the others empty. Opened in a
spreadsheet, sorting by the first column groups the records. Column names and record types are fixed
identifiers; the weekday of the weekly summary is a word, in the person's language. The diary (medicines, their
events, iron results and infusions, onset answers and warnings, notes) comes in the same file, with its own columns.

No text cell opens as a formula: trigger and medicine names, doses and notes are whatever the person typed, so every
text cell that starts like a formula is written with a leading ``'``, as the OWASP guidance on CSV injection
says. Numbers (scores, ids, lab values) are left as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain

from bot.core.checkins import BUILT_IN_FACTORS, OWN_PREFIX
from bot.store import PersonData
from bot.store.iron import IronResultView
from bot.store.medicines import MedicineEventView, MedicineView
from bot.store.notes import NoteView
from bot.text import strings
from bot.text.i18n import Texts

COLUMNS = (
    "record",
    "date",
    "time_utc",
    "kind",
    "status",
    "response",
    "score",
    "factors",
    "tip",
    "name",
    "value",
    "dose",
    "times",
    "onset",
    "arms_or_elsewhere",
    "sitting_still",
    "ferritin_ng_ml",
    "tsat_percent",
    "serum_iron",
    "tibc",
    "haemoglobin_g_dl",
    "morning_after_24h_without_iron",
)
Row = Mapping[str, str | int | float | None]
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): = + - @, and a leading tab or
# carriage return, which some programs skip before looking for one of those.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Diary:
    """The diary's records kept by their own stores, exported beside ``PersonData``."""

    medicines: Sequence[MedicineView] = ()
    medicine_events: Sequence[MedicineEventView] = ()
    iron_results: Sequence[IronResultView] = ()
    iron_infusions: Sequence[date] = field(default_factory=tuple)
    notes: Sequence[NoteView] = ()


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def _iso(value: date | datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def neutralise(cell: str | int | float | None) -> str | int | float | None:
    """A text cell that would start a formula, quoted with a leading ``'``; anything else unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return f"'{cell}"
    return cell


def _factor_names(factors: frozenset[str], own_names: Mapping[str, str]) -> str:
    """Factors as words, built-in first in the check-in's order, then the person's own triggers."""
    ordered = [factor for factor in BUILT_IN_FACTORS if factor in factors]
    ordered += sorted(factor for factor in factors if factor.startswith(OWN_PREFIX))
    return "; ".join(own_names.get(factor, factor) for factor in ordered)


def _rows(t: Texts, data: PersonData) -> Iterator[Row]:
    view = data.subscriber
    if view is not None:
        settings: dict[str, str | int | None] = {
            "chat_id": view.chat_id,
            "evening_reminder": "on" if view.reminders_on else "off",
            "reminder_time": view.local_reminder_time.strftime("%H:%M"),
            "time_zone": view.zone_name or "",
            "paused_because_blocked": "yes" if view.blocked else "no",
            "morning_checkin": "on" if view.checkin_on else "off",
            "checkin_time": view.local_checkin_time.strftime("%H:%M"),
            "weekly_summary_day": "off" if view.weekly_day is None else t(strings.WEEKDAYS[view.weekly_day]),
            "language": view.language or "",
            "tip_topics": " ".join(view.tip_topics) if view.tip_topics is not None else "default",
        }
        for name, value in settings.items():
            yield {"record": "setting", "name": name, "value": value}
    own_names = {trigger.factor: trigger.name for trigger in data.triggers}
    for trigger in data.triggers:
        yield {"record": "trigger", "name": trigger.name, "status": "active" if trigger.active else "removed"}
    for checkin in data.checkins:
        yield {
            "record": "checkin",
            "date": _iso(checkin.night),
            "score": checkin.score,
            "factors": _factor_names(checkin.factors, own_names),
            "onset": checkin.onset or "",
            "arms_or_elsewhere": _yes_no(checkin.arms),
            "sitting_still": checkin.sitting or "",
        }
    for delivery in data.deliveries:
        yield {
            "record": "message",
            "date": _iso(delivery.local_date),
            "time_utc": _iso(delivery.due_at_utc),
            "kind": delivery.kind,
            "status": delivery.status,
            "response": delivery.response or "",
            "tip": delivery.tip_id or "",
            "value": delivery.slot,
        }
    for broadcast_id, status in data.broadcasts_received:
        yield {"record": "announcement", "status": status, "value": broadcast_id}
    for taken_at_utc, answers in data.selfchecks:  # one row per question of each self-check kept
        for question, answer in answers.items():
            yield {
                "record": "selfcheck",
                "time_utc": _iso(taken_at_utc),
                "name": question,
                "value": "yes" if answer else "no",
            }


def _diary_rows(data: PersonData, diary: Diary) -> Iterator[Row]:
    for medicine in diary.medicines:
        yield {
            "record": "medicine",
            "date": _iso(medicine.stopped_on),
            "kind": medicine.catalogue_key or "",
            "status": "stopped" if medicine.stopped_on else "taking",
            "name": medicine.name,
            "dose": medicine.dose or "",
            "times": " ".join(moment.strftime("%H:%M") for moment in medicine.times),
            "value": "reminders on" if medicine.reminders_on else "reminders off",
        }
    for event in diary.medicine_events:
        yield {
            "record": "medicine_event",
            "date": _iso(event.on_date),
            "kind": event.kind,
            "name": event.name,
            "dose": event.dose or "",
        }
    for result in diary.iron_results:
        yield {
            "record": "iron_result",
            "date": _iso(result.drawn_on),
            "ferritin_ng_ml": result.ferritin,
            "tsat_percent": result.tsat,
            "serum_iron": result.serum_iron,
            "tibc": result.tibc,
            "haemoglobin_g_dl": result.haemoglobin,
            "morning_after_24h_without_iron": _yes_no(result.morning_no_iron),
        }
    for given_on in diary.iron_infusions:
        yield {"record": "iron_infusion", "date": _iso(given_on)}
    for night, sent_at_utc, changes in data.onset_alerts:
        described = "; ".join(
            f"{item.get('measure')}: {item.get('baseline_band')} -> {item.get('recent_band')}" for item in changes
        )
        yield {"record": "onset_warning", "date": _iso(night), "time_utc": _iso(sent_at_utc), "value": described}
    for note in diary.notes:  # oldest first, as the rest of the file; the text as written
        yield {
            "record": "note",
            "date": _iso(note.local_date),
            "time_utc": _iso(note.created_at_utc),
            "value": note.text,
        }


def export_csv(t: Texts, data: PersonData, diary: Diary | None = None) -> bytes:
    """The CSV file, UTF-8 with a byte-order mark so that spreadsheet programs read accents and emoji right."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    # Every text cell, not only the columns people type into today: a new column cannot forget it.
    rows = chain(_rows(t, data), _diary_rows(data, diary or Diary()))
    writer.writerows({column: neutralise(cell) for column, cell in row.items()} for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
