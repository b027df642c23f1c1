"""The diary is the person's data like the rest: /settings shows its reminders and plans, /export holds every diary
record (medicines and their changes, iron results and infusions, onset answers), and /delete erases all of it.

Time is the injected clock (2026-11-25 11:00 UTC to start). Every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from bot.config import Settings
from bot.core.onset import Onset
from support.conversation import exchange, press, reply_to
from support.databases import rows_mentioning
from support.fake_bot_api import FakeBotApi
from support.harness import BotHarness, make_settings

ANN, BOB = 6101, 6202


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, database_url: str) -> Settings:
    return make_settings(fake_api, database_url)


async def keep_a_diary(harness: BotHarness, chat_id: int) -> None:
    """A person on ropinirole with a reminder, two iron entries, a planned test and one night's onset answer."""
    await reply_to(harness, chat_id, "/timezone America/Phoenix")
    await reply_to(harness, chat_id, "/meds add ropinirole 0.25 mg at 20:00 from 2026-10-01")
    await reply_to(harness, chat_id, "/meds remind 1 on")
    await reply_to(harness, chat_id, "/meds dose 1 0.5 mg from 2026-11-10")
    await reply_to(harness, chat_id, "/iron 2026-11-20 ferritin 45 tsat 18 morning fasting")
    await reply_to(harness, chat_id, "/iron infusion 2026-11-02")
    await reply_to(harness, chat_id, "/iron test 2026-12-15")
    now = harness.clock()
    await harness.services.coaching.record_score(chat_id, date(2026, 11, 23), 6, now)
    await harness.services.onset.record_onset(chat_id, date(2026, 11, 23), Onset.AFTERNOON, now)


async def test_settings_show_the_medicine_reminders_and_the_planned_blood_test(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone America/Phoenix")
    assert "Medicine reminders: <b>none</b>" in await reply_to(harness, ANN, "/settings")
    await keep_a_diary(harness, ANN)
    settings = await reply_to(harness, ANN, "/settings")
    assert "Medicine reminders: <b>Ropinirole at 20:00</b> (/meds)" in settings
    assert "Blood test planned: <b>" in settings and "15 Dec" in settings


async def test_export_holds_every_diary_record_and_delete_erases_them_all(harness: BotHarness) -> None:
    await keep_a_diary(harness, ANN)
    await keep_a_diary(harness, BOB)

    await exchange(harness, ANN, "/export")
    [document] = harness.api.sent_documents(ANN)
    rows = list(csv.DictReader(io.StringIO(document.files["document"].data.decode("utf-8-sig"))))
    [medicine] = [row for row in rows if row["record"] == "medicine"]
    assert (medicine["name"], medicine["dose"], medicine["times"], medicine["status"]) == (
        "ropinirole",  # as the person typed it
        "0.5 mg",
        "20:00",
        "taking",
    )
    events = [(row["date"], row["kind"], row["dose"]) for row in rows if row["record"] == "medicine_event"]
    assert events == [("2026-10-01", "started", "0.25 mg"), ("2026-11-10", "dose_changed", "0.5 mg")]
    [result] = [row for row in rows if row["record"] == "iron_result"]
    assert (result["date"], result["ferritin_ng_ml"], result["tsat_percent"]) == ("2026-11-20", "45.0", "18.0")
    assert result["morning_after_24h_without_iron"] == "yes"
    assert [row["date"] for row in rows if row["record"] == "iron_infusion"] == ["2026-11-02"]
    [checkin] = [row for row in rows if row["record"] == "checkin"]
    assert (checkin["date"], checkin["score"], checkin["onset"]) == ("2026-11-23", "6", "afternoon")
    assert any(row["record"] == "message" and row["kind"] == "iron_test" for row in rows)

    await exchange(harness, ANN, "/delete")
    await press(harness, ANN, "del:confirm")
    assert await rows_mentioning(harness, ANN) == []
    assert await harness.services.medicines.medicines(BOB) != []  # other people's diaries stay
    assert await harness.services.iron.results(BOB) != []
