"""Everything stored about one person as one CSV file: one record type per row, every column named.

The columns are the union of what the record types need; a row leaves the others empty. Opened in a
spreadsheet, sorting by the first column groups the records. Column names and record types are fixed
identifiers; the weekday of the weekly summary is a word, in the person's language.

No text cell opens as a formula: trigger names are whatever the person typed, so every text cell that starts
like a formula is written with a leading ``'``, as the OWASP guidance on CSV injection says. Numbers (scores,
ids) are left as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from datetime import date, datetime

from bot.core.checkins import BUILT_IN_FACTORS, OWN_PREFIX
from bot.store import PersonData
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
)
Row = Mapping[str, str | int | None]
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): = + - @, and a leading tab or
# carriage return, which some programs skip before looking for one of those.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _iso(value: date | datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def neutralise(cell: str | int | None) -> str | int | None:
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


def export_csv(t: Texts, data: PersonData) -> bytes:
    """The CSV file, UTF-8 with a byte-order mark so that spreadsheet programs read accents and emoji right."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    # Every text cell, not only the columns people type into today: a new column cannot forget it.
    writer.writerows({column: neutralise(cell) for column, cell in row.items()} for row in _rows(t, data))
    return buffer.getvalue().encode("utf-8-sig")
