"""/note and /notes through the real application and the fake Bot API: a note kept as written with the person's
local day, the list newest first with every note escaped, a note too long or one too many refused with nothing
stored, deletion by 🗑 (a second press, or a forged id of another chat, changes nothing) and by number, the notes in
/export (formula-like text neutralised) and gone after /delete, and Spanish.

Time is the injected clock (2026-11-25 11:00 UTC to start). Every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from bot.config import Settings
from bot.store.notes import NOTE_LENGTH_MAX, NOTES_MAX, NoteView
from bot.text import strings
from bot.text.i18n import texts
from bot.text.iron import day_with_year
from support.clock import FakeClock
from support.conversation import answer, callback_data, exchange, press, reply_to
from support.databases import rows_mentioning
from support.fake_bot_api import Call, FakeBotApi
from support.harness import BotHarness, make_settings

ANN, BOB = 7101, 7202
EN, ES = texts("en"), texts("es")


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, database_url: str) -> Settings:
    return make_settings(fake_api, database_url)


async def notes(harness: BotHarness, chat_id: int = ANN) -> list[NoteView]:
    return await harness.services.notes.notes(chat_id)


def text_of(call: Call) -> str:
    return str(call.params["text"])


async def test_a_note_is_kept_as_written_with_the_local_day(harness: BotHarness) -> None:
    how = await reply_to(harness, ANN, "/note")
    assert "<code>/note Legs worse after the long flight. Ask about iron?</code>" in how
    assert await notes(harness) == []

    saved = await reply_to(harness, ANN, "/note   Ropinirole 0.5 mg:  nausea  in the morning\n  ask Dr. Lee  ")
    assert day_with_year(EN, date(2026, 11, 25)) in saved  # no zone: the UTC day
    [note] = await notes(harness)
    assert note.text == "Ropinirole 0.5 mg:  nausea  in the morning\n  ask Dr. Lee"  # only the ends tidied
    assert note.local_date == date(2026, 11, 25)

    await reply_to(harness, BOB, "/timezone Pacific/Kiritimati")  # UTC+14: already the 26th there
    await reply_to(harness, BOB, "/note bad week")
    [bobs] = await notes(harness, BOB)
    assert bobs.local_date == date(2026, 11, 26)


async def test_notes_list_newest_first_escaped_with_a_button_each(harness: BotHarness, clock: FakeClock) -> None:
    assert "You have no notes yet" in await reply_to(harness, ANN, "/notes")
    await reply_to(harness, ANN, "/note first")
    clock.advance(days=1)
    await reply_to(harness, ANN, '/note <b>x</b> & "y"')
    clock.advance(hours=1)
    await reply_to(harness, ANN, "/note third")

    listed = await answer(harness, ANN, "/notes")
    text = text_of(listed)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;" in text and "<b>x</b>" not in text
    assert text.index("\nthird") < text.index("\n&lt;b&gt;x") < text.index("\nfirst")
    assert "<b>1.</b> " + day_with_year(EN, date(2026, 11, 26)) + ", 12:00\nthird" in text
    ids = [note.id for note in await notes(harness)]
    assert callback_data(listed) == [f"nt:del:{note_id}" for note_id in ids]


async def test_the_buttons_are_for_the_latest_ten_and_a_long_list_is_split(harness: BotHarness) -> None:
    long_note = '"' * NOTE_LENGTH_MAX  # escapes to six times its length
    for _ in range(12):
        await reply_to(harness, ANN, f"/note {long_note}")

    calls = await exchange(harness, ANN, "/notes")
    assert len(calls) > 1  # under Telegram's limit, each message checked by the fake API's helpers
    assert all("reply_markup" not in call.params for call in calls[:-1])
    assert len(callback_data(calls[-1])) == 10
    assert "".join(text_of(call) for call in calls).count("&quot;") == 12 * NOTE_LENGTH_MAX


async def test_a_note_too_long_or_one_too_many_is_refused_and_nothing_stored(harness: BotHarness) -> None:
    refused = await reply_to(harness, ANN, "/note " + "a" * (NOTE_LENGTH_MAX + 1))
    assert f"{NOTE_LENGTH_MAX + 1} characters" in refused and "Nothing was stored" in refused
    assert await notes(harness) == []
    await reply_to(harness, ANN, "/note " + "a" * NOTE_LENGTH_MAX)  # exactly the limit is fine
    assert len(await notes(harness)) == 1

    now = harness.clock()
    for _ in range(NOTES_MAX - 1):
        assert await harness.services.notes.add(ANN, "filler", date(2026, 11, 25), now) is not None
    full = await reply_to(harness, ANN, "/note one too many")
    assert f"You have {NOTES_MAX} notes already" in full
    assert len(await notes(harness)) == NOTES_MAX
    assert "one too many" not in {note.text for note in await notes(harness)}


async def test_delete_by_button_once_and_by_number(harness: BotHarness) -> None:
    for text in ("one", "two", "three"):
        await reply_to(harness, ANN, f"/note {text}")
    await reply_to(harness, BOB, "/note bob's own")
    [three, two, _one] = await notes(harness)
    [bobs] = await notes(harness, BOB)

    assert await press(harness, ANN, f"nt:del:{bobs.id}") == "Already deleted"  # forged: another chat's note
    assert await notes(harness, BOB) == [bobs]

    assert await press(harness, ANN, f"nt:del:{two.id}") == "Note deleted"
    assert [note.text for note in await notes(harness)] == ["three", "one"]
    assert await press(harness, ANN, f"nt:del:{two.id}") == "Already deleted"  # a second press changes nothing
    assert [note.text for note in await notes(harness)] == ["three", "one"]
    assert await press(harness, ANN, "nt:del:99999999999") != "Note deleted"  # beyond any row id: stale

    assert "There is no note 3" in await reply_to(harness, ANN, "/notes delete 3")
    assert "Sorry, I could not read that" in await reply_to(harness, ANN, "/notes delete x")
    deleted = await reply_to(harness, ANN, "/notes delete 2")
    assert "Deleted your note of" in deleted and "one" in deleted
    assert [note.id for note in await notes(harness)] == [three.id]
    assert await notes(harness, BOB) == [bobs]


async def test_export_holds_the_notes_neutralised_and_delete_erases_them(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/note =1+1")
    await reply_to(harness, ANN, '/note legs <b>bad</b>, "again"')
    await reply_to(harness, BOB, "/note bob's own")

    await exchange(harness, ANN, "/export")
    [document] = harness.api.sent_documents(ANN)
    assert "notes" in str(document.params.get("caption"))
    rows = list(csv.DictReader(io.StringIO(document.files["document"].data.decode("utf-8-sig"))))
    kept = [(row["date"], row["value"]) for row in rows if row["record"] == "note"]
    assert kept == [("2026-11-25", "'=1+1"), ("2026-11-25", 'legs <b>bad</b>, "again"')]
    assert all(row["time_utc"].startswith("2026-11-25T11:00") for row in rows if row["record"] == "note")

    [confirm] = await exchange(harness, ANN, "/delete")
    assert "your notes" in text_of(confirm)
    note = (await notes(harness))[0]
    await press(harness, ANN, "del:confirm")
    assert await rows_mentioning(harness, ANN) == []
    assert await press(harness, ANN, f"nt:del:{note.id}") == "Already deleted"  # a button after /delete
    assert await rows_mentioning(harness, ANN) == []
    assert [note.text for note in await notes(harness, BOB)] == ["bob's own"]


async def test_notes_in_spanish(harness: BotHarness) -> None:
    def say(text: str) -> None:
        harness.api.send_text(ANN, text, language_code="es")

    [how] = await exchange(harness, ANN, lambda: say("/note"))
    assert "Las <b>notas</b> guardan" in text_of(how) and "<code>/note Las piernas peor" in text_of(how)
    [saved] = await exchange(harness, ANN, lambda: say("/note mareo con la dosis nueva"))
    assert "Nota guardada" in text_of(saved) and day_with_year(ES, date(2026, 11, 25)) in text_of(saved)
    [listed] = await exchange(harness, ANN, lambda: say("/notes"))
    assert ES(strings.NOTES_TITLE) in text_of(listed) and "mareo con la dosis nueva" in text_of(listed)
    assert "<code>/notes borrar 1</code>" in text_of(listed)
    [deleted] = await exchange(harness, ANN, lambda: say("/notes borrar 1"))
    assert "Borré su nota" in text_of(deleted)
    assert await notes(harness) == []
    [help_text] = await exchange(harness, ANN, lambda: say("/help"))
    assert "/note — guardar una nota con fecha" in text_of(help_text)
