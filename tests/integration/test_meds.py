"""/meds through the real application and the fake Bot API: adding medicines by the typed form and by buttons (in
English and Spanish), the list, dose changes and stops as dated events, bad input that changes nothing, medicine
reminders at each time (half-hour and 45-minute zones, across a DST change) with ✅ Taken / ⏰ Snooze / Skip, and
what stopping, a new zone, a block and /delete do to them.

Time is the injected clock; the delivery engine is ticked by hand. Every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.store.medicines import MAX_TAKING
from bot.store.models import Delivery, DoseTime, Medicine, MedicineEvent
from bot.text import strings
from bot.text.i18n import texts
from support.conversation import BUTTON_MESSAGE_ID, answer, buttons, callback_data, exchange, press, reply_to
from support.databases import rows_mentioning
from support.fake_bot_api import Call, FakeBotApi
from support.harness import BotHarness, make_settings
from support.store_queries import delivery_log

ANN, BOB, CARLA = 5101, 5202, 5303
ES = texts("es")
TODAY = date(2026, 11, 25)  # the clock starts at 11:00 UTC on 25 Nov 2026


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, database_url: str) -> Settings:
    return make_settings(fake_api, database_url, snooze_minutes=30)


def last_edit(harness: BotHarness) -> Call:
    return harness.api.calls("editMessageText")[-1]


def text_of(call: Call) -> str:
    return str(call.params["text"])


def in_spanish(harness: BotHarness, chat_id: int, text: str) -> Callable[[], object]:
    return lambda: harness.api.send_text(chat_id, text, language_code="es")


async def press_es(harness: BotHarness, chat_id: int, data: str) -> str:
    """Press a button as a person whose Telegram is in Spanish; the answer's text."""
    before = len(harness.api.calls("answerCallbackQuery"))
    await exchange(
        harness, chat_id, lambda: harness.api.send_callback(chat_id, data, BUTTON_MESSAGE_ID, language_code="es")
    )
    [answered] = harness.api.calls("answerCallbackQuery")[before:]
    return str(answered.params.get("text", ""))


async def dose_times(harness: BotHarness, chat_id: int) -> list[tuple[int, time, datetime | None]]:
    """(id, local time, next due) of the chat's dose times, earliest time first."""
    async with harness.bot_app.store_context.sessions() as session:
        rows = await session.execute(
            select(DoseTime.id, DoseTime.local_time, DoseTime.next_due_at_utc)
            .where(DoseTime.chat_id == chat_id)
            .order_by(DoseTime.local_time)
        )
        return [(row[0], row[1], row[2]) for row in rows]


async def scheduled_times(harness: BotHarness, chat_id: int) -> list[tuple[int, time, datetime]]:
    """``dose_times`` of a chat whose every dose time is scheduled (the test would fail here otherwise)."""
    found = await dose_times(harness, chat_id)
    assert all(due is not None for _, _, due in found), found
    return [(dose_time_id, local_time, due) for dose_time_id, local_time, due in found if due is not None]


async def medicine_rows(harness: BotHarness, chat_id: int) -> list[tuple[object, ...]]:
    """Everything stored about the chat's medicines, to compare before and after a refused change."""
    async with harness.bot_app.store_context.sessions() as session:
        medicines = await session.execute(
            select(Medicine.id, Medicine.name, Medicine.dose, Medicine.reminders_on, Medicine.stopped_on).where(
                Medicine.chat_id == chat_id
            )
        )
        events = await session.execute(
            select(MedicineEvent.medicine_id, MedicineEvent.kind, MedicineEvent.on_date, MedicineEvent.dose).where(
                MedicineEvent.chat_id == chat_id
            )
        )
        times = await session.execute(
            select(DoseTime.id, DoseTime.local_time, DoseTime.next_due_at_utc).where(DoseTime.chat_id == chat_id)
        )
        return sorted(map(tuple, medicines)) + sorted(map(tuple, events)) + sorted(map(tuple, times))


async def dose_reminders(harness: BotHarness, chat_id: int, at: datetime) -> list[Call]:
    """Tick the engine at ``at``; the medicine reminders it sent to ``chat_id``."""
    harness.clock.set(at)
    before = len(harness.api.sent_messages(chat_id))
    await harness.engine.tick()
    return harness.api.sent_messages(chat_id)[before:]


async def add_with_reminder(harness: BotHarness, chat_id: int, zone: str, add: str) -> int:
    """Set ``zone``, add a medicine with ``/meds add …`` and turn its reminder on; its row id."""
    await reply_to(harness, chat_id, f"/timezone {zone}")
    added = await answer(harness, chat_id, f"/meds {add}")
    [medicine_id] = {int(data.split(":")[2]) for data in callback_data(added) if data.startswith("md:dose:")}
    assert "🔔" in await reply_to(harness, chat_id, "/meds remind 1 on")
    return medicine_id


# --- adding and the list ---------------------------------------------------------------------------------------


async def test_adding_by_the_typed_form_lists_it_and_records_its_start(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    added = await answer(harness, ANN, "/meds add ropinirole 0.25 mg at 20:00")
    text = text_of(added)
    assert text.startswith("✅ <b>Ropinirole</b> is on your list as number 1.")
    assert "Dose: 0.25 mg" in text and "Usual times: 20:00" in text and "Reminder: off" in text
    assert "Taking it since Wed 25 Nov 2026" in text
    [view] = await harness.services.medicines.medicines(ANN)
    assert (view.catalogue_key, view.name, view.dose, view.times) == (
        "ropinirole",
        "ropinirole",
        "0.25 mg",
        (time(20),),
    )
    assert not view.reminders_on  # reminders only when asked
    assert f"md:remind:{view.id}:1" in callback_data(added)
    [event] = await harness.services.medicines.events(ANN)
    assert (event.kind, event.on_date, event.dose) == ("started", TODAY, "0.25 mg")
    [(_, local_time, unscheduled)] = await dose_times(harness, ANN)
    assert (local_time, unscheduled) == (time(20), None)

    await reply_to(harness, ANN, "/meds add Requip XL 2 mg at 8am from 2025-03-01")
    await reply_to(harness, ANN, "/meds add melatonin")
    listed = await answer(harness, ANN, "/meds")
    text = text_of(listed)
    assert "1. <b>Ropinirole</b> — 0.25 mg · 20:00" in text
    assert "2. <b>Requip XL (ropinirole)</b> — 2 mg · 08:00" in text  # a brand with more words is its own entry
    assert "3. <b>Melatonin</b>" in text  # a typed name starts with a capital letter, as the others
    data = callback_data(listed)
    assert data[0] == "md:add" and data[-1] == "md:hist" and len(data) == 5
    events = await harness.services.medicines.events(ANN)
    assert (events[0].name, events[0].on_date) == ("Requip XL", date(2025, 3, 1))  # oldest first


async def test_adding_by_buttons_asks_dose_times_and_reminder_in_spanish(harness: BotHarness) -> None:
    await exchange(harness, ANN, in_spanish(harness, ANN, "/timezone Europe/Madrid"))
    [listing] = await exchange(harness, ANN, in_spanish(harness, ANN, "/meds"))
    assert text_of(listing).startswith(ES(strings.MEDS_TITLE)) and callback_data(listing) == ["md:add"]
    assert await press_es(harness, ANN, "md:add") == ""
    picks = last_edit(harness)
    assert text_of(picks) == ES(strings.MEDS_PICK)
    labels = {button["callback_data"]: button["text"] for row in buttons(picks) for button in row}
    assert labels["md:pick:ropinirole"] == "Ropinirol" and labels["md:other"] == ES(strings.BUTTON_MEDS_OTHER)
    assert len([data for data in labels if data.startswith("md:pick:")]) >= 10

    await press_es(harness, ANN, "md:pick:ropinirole")
    asked = last_edit(harness)
    assert "<b>Ropinirol</b> está en su lista con el número 1." in text_of(asked)
    assert ES(strings.MEDS_ASK_DOSE) in text_of(asked)
    [view] = await harness.services.medicines.medicines(ANN)
    assert callback_data(asked) == [f"md:skipd:{view.id}"]

    [times_question] = await exchange(harness, ANN, in_spanish(harness, ANN, "0,25 mg"))
    assert "0,25 mg" in text_of(times_question) and "¿A qué hora del día" in text_of(times_question)
    assert callback_data(times_question) == [f"md:skipt:{view.id}"]
    [remind_question] = await exchange(harness, ANN, in_spanish(harness, ANN, "a las 20:00"))
    assert "¿Quiere que le recuerde a las 20:00 tomar <b>Ropinirol</b>" in text_of(remind_question)
    assert callback_data(remind_question) == [f"md:remind:{view.id}:1", f"md:remind:{view.id}:0"]
    assert await press_es(harness, ANN, f"md:remind:{view.id}:1") == ES(strings.ANSWER_MEDS_REMIND_ON)
    card = text_of(last_edit(harness))
    assert "Dosis: 0,25 mg" in card and "Recordatorio: 🔔 activado; próximo: hoy a las 20:00" in card

    [view] = await harness.services.medicines.medicines(ANN)
    assert (view.name, view.catalogue_key, view.dose, view.times, view.reminders_on) == (
        "ropinirol",
        "ropinirole",
        "0,25 mg",
        (time(20),),
        True,
    )
    # The dose typed while adding is the dose it started with, not a change on the same day.
    assert [(e.kind, e.dose) for e in await harness.services.medicines.events(ANN)] == [("started", "0,25 mg")]
    [[_, _, due]] = await scheduled_times(harness, ANN)
    assert due == datetime(2026, 11, 25, 19, 0, tzinfo=UTC)


async def test_a_person_new_to_the_bot_adds_by_buttons_before_anything_else(harness: BotHarness) -> None:
    await answer(harness, ANN, "/start")
    await answer(harness, ANN, "/meds")
    await press(harness, ANN, "md:add")
    assert await press(harness, ANN, "md:pick:pramipexole") == ""
    assert "<b>Pramipexole</b> is on your list as number 1." in text_of(last_edit(harness))
    [view] = await harness.services.medicines.medicines(ANN)
    await press(harness, ANN, f"md:skipd:{view.id}")
    assert strings.MEDS_ASK_TIMES.format(max=4) in text_of(last_edit(harness))
    await press(harness, ANN, f"md:skipt:{view.id}")
    card = text_of(last_edit(harness))
    assert "Dose: not given" in card and "Usual times: none yet" in card and "Reminder: off" in card


async def test_adding_by_the_typed_form_in_spanish(harness: BotHarness) -> None:
    await exchange(harness, ANN, in_spanish(harness, ANN, "/timezone America/Mexico_City"))
    [added] = await exchange(
        harness, ANN, in_spanish(harness, ANN, "/meds agregar gabapentina 300 mg a las 8:00 y 20:00")
    )
    assert "<b>Gabapentina</b> está en su lista con el número 1." in text_of(added)
    assert "Horas habituales: 08:00, 20:00" in text_of(added) and "Recordatorio: desactivado" in text_of(added)
    [reminding] = await exchange(harness, ANN, in_spanish(harness, ANN, "/meds recordar 1 sí"))
    assert "Le recordaré a las 08:00, 20:00 tomar <b>Gabapentina</b>" in text_of(reminding)
    [history] = await exchange(harness, ANN, in_spanish(harness, ANN, "/meds historial"))
    assert "mié 25 nov 2026 · <b>Gabapentina</b> — empezó, 300 mg" in text_of(history)
    [typo] = await exchange(harness, ANN, in_spanish(harness, ANN, "/meds horas 1 25:00"))
    assert "No pude leer <b>25:00</b>" in text_of(typo) and "No se cambió nada." in text_of(typo)


async def test_another_medicine_typed_by_name_gets_the_calm_sourced_note_of_its_group(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/London")
    await answer(harness, ANN, "/meds")
    await press(harness, ANN, "md:add")
    await press(harness, ANN, "md:other")
    assert text_of(last_edit(harness)) == strings.MEDS_ASK_NAME
    [added] = await exchange(harness, ANN, "Benadryl")
    text = text_of(added)
    assert "<b>Benadryl</b> is on your list as number 1." in text
    assert "ℹ️ <b>Sedating antihistamines</b>" in text
    assert "Benadryl (diphenhydramine) is a sedating antihistamine" in text
    assert "can make RLS worse for some people" in text and "do not stop it on your own" in text
    assert "ask your prescriber whether another option would suit you" in text
    assert "<i>Sources:</i>" in text and "NINDS" in text
    assert strings.MEDS_ASK_DOSE in text  # then the next question, the dose

    catalogue = await answer(harness, BOB, "/meds add pramipexole 0.125 mg")
    assert "ℹ️" not in text_of(catalogue)  # a medicine used for RLS gets no such note
    typed = await answer(harness, CARLA, "/meds add sertraline 50 mg at 9:00")
    assert "acts on serotonin" in text_of(typed) and "Sertraline" in text_of(typed)


async def test_adding_the_same_medicine_twice_is_refused_and_points_to_it(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/meds add ropinirole 0.25 mg")
    before = await medicine_rows(harness, ANN)
    again = await reply_to(harness, ANN, "/meds add Ropinirol 0.5 mg")
    assert "is on your list already, as number 1" in again and "Nothing was added" in again
    assert await medicine_rows(harness, ANN) == before
    await reply_to(harness, ANN, "/meds stop 1")
    stopped = await reply_to(harness, ANN, "/meds add ropinirole")
    assert "on your list as stopped (number 1)" in stopped and "/meds restart 1" in stopped


# --- changes as dated events -----------------------------------------------------------------------------------


async def test_dose_changes_and_stops_are_dated_events_of_the_timeline(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone America/New_York")
    await reply_to(harness, ANN, "/meds add ropinirole 0.25 mg at 21:00 from 2026-10-01")
    await reply_to(harness, ANN, "/meds add gabapentin 300 mg")
    changed = await reply_to(harness, ANN, "/meds dose 1 0.5 mg from 2026-11-10")
    assert changed == strings.MEDS_DOSE_CHANGED.format(name="Ropinirole", dose="0.5 mg", date="Tue 10 Nov 2026")
    assert "recorded at 0.5 mg already" in await reply_to(harness, ANN, "/meds dose 1 0.5 mg")

    # Stopped by the buttons: ask first, then Stopped today.
    ropinirole = (await harness.services.medicines.medicines(ANN))[0]
    await press(harness, ANN, f"md:stop:{ropinirole.id}")
    ask = last_edit(harness)
    assert "Record that you stopped Ropinirole?" in text_of(ask)
    assert "<code>/meds stop 1 2026-11-24</code>" in text_of(ask)
    assert callback_data(ask) == [f"md:stopok:{ropinirole.id}", f"md:card:{ropinirole.id}"]
    assert await press(harness, ANN, f"md:stopok:{ropinirole.id}") == strings.ANSWER_MEDS_STOPPED
    stopped_card = text_of(last_edit(harness))
    assert "stopped on Wed 25 Nov 2026" in stopped_card and "/meds restart 2" in stopped_card  # now after gabapentin
    assert callback_data(last_edit(harness)) == [f"md:restart:{ropinirole.id}", "md:list"]

    listing = text_of(await answer(harness, ANN, "/meds"))
    assert listing.index("1. <b>Gabapentin</b>") < listing.index("<b>Stopped</b>") < listing.index("2. Ropinirole")
    harness.clock.advance(days=3)
    assert "taking it again from Sat 28 Nov 2026" in await reply_to(harness, ANN, "/meds restart 2 0.25 mg")
    await reply_to(harness, ANN, "/meds stop 1 2026-11-28")  # taken again, it is number 1 again; stopped again

    events = [(e.name, e.kind, e.on_date, e.dose) for e in await harness.services.medicines.events(ANN)]
    assert events == [
        ("ropinirole", "started", date(2026, 10, 1), "0.25 mg"),
        ("ropinirole", "dose_changed", date(2026, 11, 10), "0.5 mg"),
        ("gabapentin", "started", date(2026, 11, 25), "300 mg"),
        ("ropinirole", "stopped", date(2026, 11, 25), "0.5 mg"),
        ("ropinirole", "restarted", date(2026, 11, 28), "0.25 mg"),
        ("ropinirole", "stopped", date(2026, 11, 28), "0.25 mg"),
    ]
    history = await reply_to(harness, ANN, "/meds history")
    assert "Thu 1 Oct 2026 · <b>Ropinirole</b> — started, 0.25 mg" in history
    assert "Tue 10 Nov 2026 · <b>Ropinirole</b> — new dose, 0.5 mg" in history
    assert "Sat 28 Nov 2026 · <b>Ropinirole</b> — taken again, 0.25 mg" in history
    await press(harness, ANN, "md:hist")
    assert "— new dose, 0.5 mg" in text_of(last_edit(harness)) and callback_data(last_edit(harness)) == ["md:list"]


async def test_stopped_by_mistake_and_taken_again_the_same_day_leaves_no_stop(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/meds add pregabalin 75 mg")
    [view] = await harness.services.medicines.medicines(ANN)
    await press(harness, ANN, f"md:stopok:{view.id}")
    assert await press(harness, ANN, f"md:restart:{view.id}") == strings.ANSWER_MEDS_RESTARTED
    assert [e.kind for e in await harness.services.medicines.events(ANN)] == ["started"]


async def test_bad_input_gets_an_example_and_changes_nothing(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/meds add ropinirole 0.25 mg at 20:00 from 2026-11-20")
    await reply_to(harness, ANN, "/meds dose 1 0.5 mg from 2026-11-22")
    before = await medicine_rows(harness, ANN)
    expected = {
        "/meds ad ropinirole": "I don't know <b>ad</b> after /meds",
        "/meds add": "Please put the medicine's name after <code>add</code>",
        "/meds add 0.5 mg": "Please put the medicine's name",
        "/meds dose": "Please put the medicine's number",
        "/meds dose one 1 mg": "<b>one</b> is not a number in your list",
        "/meds dose 1": "Please put the dose after the number",
        "/meds dose 3 1 mg": "There is no number <b>3</b> in your list",
        "/meds dose 1 1 mg from 2026-11-21": "The latest change of <b>Ropinirole</b> is recorded on Sun 22 Nov 2026",
        "/meds dose 1 1 mg from 2026-12-01": "Tue 1 Dec 2026 has not come yet",
        "/meds dose 1 1 mg from 1926-12-01": "please check the year",
        "/meds times 1 25:00": "could not read <b>25:00</b> as a time of day",
        "/meds times 1 8,30": "could not read <b>8,30</b> as a time of day",
        "/meds times 1 1:00, 2:00, 3:00, 4:00, 5:00": "more than 4 times",
        "/meds stop 1 2026-02-30": "could not read <b>2026-02-30</b> as a date",
        "/meds stop 1 yesterday": "could not read <b>yesterday</b> as a date",
        "/meds remind 1 maybe": "end with <code>on</code> or <code>off</code>",
        "/meds restart 1": "is not recorded as stopped",
        "/meds history please": "I did not understand <b>please</b>",
        "/meds add " + "x" * 81: "longer than 80 characters",
    }
    for command, says in expected.items():
        text = await reply_to(harness, ANN, command)
        assert says in text, (command, text)
        assert "Nothing was changed" in text or "Nothing was added" in text, (command, text)
    assert await medicine_rows(harness, ANN) == before
    assert "/meds add ropinirole 0.25 mg at 20:00" in await reply_to(harness, ANN, "/meds help")


async def test_the_typed_answers_to_the_buttons_questions_are_checked_too(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/meds add ropinirole")
    [view] = await harness.services.medicines.medicines(ANN)
    await press(harness, ANN, f"md:times:{view.id}")
    assert "could not read <b>noon</b>" in await reply_to(harness, ANN, "noon")
    assert "usual times 09:30, 21:00" in await reply_to(harness, ANN, "9:30 and 21:00")
    await press(harness, ANN, f"md:dose:{view.id}")
    assert "longer than 60 characters" in await reply_to(harness, ANN, "1 " * 40)
    changed = await reply_to(harness, ANN, "1 tablet")
    assert "<b>Ropinirole</b>: 1 tablet from Wed 25 Nov 2026" in changed
    assert "Berlin" in await reply_to(harness, ANN, "Berlin")  # the question was answered: text is a zone again


async def test_a_command_ends_a_pending_question_so_later_text_is_not_taken_as_its_answer(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/meds add ropinirole")
    [view] = await harness.services.medicines.medicines(ANN)
    await press(harness, ANN, f"md:dose:{view.id}")  # asks for the dose
    await reply_to(harness, ANN, "/settings")
    assert "Time zone set" in await reply_to(harness, ANN, "Berlin")  # read as a zone, not as the dose
    [after] = await harness.services.medicines.medicines(ANN)
    assert after.dose is None
    await press(harness, ANN, f"md:dose:{view.id}")
    await press(harness, ANN, f"md:card:{view.id}")  # a button ends it too
    assert "Time zone set" in await reply_to(harness, ANN, "Lisbon")
    assert (await harness.services.medicines.medicines(ANN))[0].dose is None


# --- reminders at each time ------------------------------------------------------------------------------------


async def test_a_reminder_goes_out_at_each_time_in_half_hour_and_45_minute_zones(harness: BotHarness) -> None:
    await add_with_reminder(harness, ANN, "Asia/Kolkata", "add gabapentin 300 mg at 8:00, 20:00")
    await add_with_reminder(harness, BOB, "Pacific/Chatham", "add pregabalin 75 mg at 21:45")
    kolkata = await dose_times(harness, ANN)
    [(morning, _, morning_due), (evening, _, evening_due)] = kolkata
    assert evening_due == datetime(2026, 11, 25, 14, 30, tzinfo=UTC)  # 20:00 at UTC+05:30
    assert morning_due == datetime(2026, 11, 26, 2, 30, tzinfo=UTC)  # 08:00 tomorrow: today's is past
    [(chatham, _, chatham_due)] = await scheduled_times(harness, BOB)
    assert chatham_due == datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # 21:45 at UTC+13:45 (summer there)

    assert await dose_reminders(harness, ANN, evening_due - timedelta(seconds=1)) == []
    [sent] = await dose_reminders(harness, ANN, evening_due)
    assert text_of(sent).startswith("💊 <b>Time for Gabapentin</b> (300 mg), 20:00 — as prescribed.")
    assert callback_data(sent) == [
        f"md:taken:2026-11-25:{evening}",
        f"md:snooze:2026-11-25:{evening}",
        f"md:skip:2026-11-25:{evening}",
    ]
    assert await dose_reminders(harness, ANN, evening_due + timedelta(minutes=5)) == []
    [sent] = await dose_reminders(harness, ANN, morning_due)
    assert "08:00" in text_of(sent) and callback_data(sent)[0] == f"md:taken:2026-11-26:{morning}"
    [sent] = await dose_reminders(harness, BOB, chatham_due)
    assert text_of(sent).startswith("💊 <b>Time for Pregabalin</b> (75 mg), 21:45")
    assert callback_data(sent)[0] == f"md:taken:2026-11-26:{chatham}"  # Chatham's own date
    log = await delivery_log(harness.bot_app.store_context.sessions, kind="dose")
    assert log == [
        (ANN, date(2026, 11, 25), "sent"),
        (ANN, date(2026, 11, 26), "sent"),
        (BOB, date(2026, 11, 26), "sent"),
    ]
    [(_, _, next_due)] = await scheduled_times(harness, BOB)
    assert next_due == chatham_due + timedelta(days=1)


async def test_reminders_follow_the_clocks_across_a_dst_change_and_fire_once_in_the_repeated_hour(
    harness: BotHarness,
) -> None:
    harness.clock.set(datetime(2026, 10, 24, 12, 0, tzinfo=UTC))  # Berlin's clocks go back at 03:00 on 25 Oct
    await add_with_reminder(harness, ANN, "Europe/Berlin", "add ropinirole 0.25 mg at 2:30, 20:00")
    [(night, _, night_due), (evening, _, evening_due)] = await scheduled_times(harness, ANN)
    assert evening_due == datetime(2026, 10, 24, 18, 0, tzinfo=UTC)  # CEST, UTC+2
    assert night_due == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 comes twice: the first one
    assert len(await dose_reminders(harness, ANN, evening_due)) == 1
    assert len(await dose_reminders(harness, ANN, night_due)) == 1
    assert await dose_reminders(harness, ANN, night_due + timedelta(hours=1)) == []  # the second 02:30
    [sent] = await dose_reminders(harness, ANN, datetime(2026, 10, 25, 19, 0, tzinfo=UTC))  # 20:00 CET, UTC+1
    assert "20:00" in text_of(sent) and callback_data(sent)[0] == f"md:taken:2026-10-25:{evening}"
    times = {dose_time_id: due for dose_time_id, _, due in await dose_times(harness, ANN)}
    assert times == {
        night: datetime(2026, 10, 26, 1, 30, tzinfo=UTC),
        evening: datetime(2026, 10, 26, 19, 0, tzinfo=UTC),
    }


async def test_a_reminder_needs_a_time_zone_and_asks_for_it_with_the_location_button(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/meds add ropinirole 0.25 mg at 20:00")
    asked = await answer(harness, ANN, "/meds remind 1 on")
    assert "One more step: tell me your time zone" in text_of(asked)
    keyboard = asked.params["reply_markup"]
    assert isinstance(keyboard, dict) and keyboard["keyboard"][0][0]["request_location"] is True
    [(_, _, unscheduled)] = await dose_times(harness, ANN)
    assert unscheduled is None
    listing = await harness.services.medicines.medicines(ANN)
    card = text_of(await answer(harness, ANN, "/meds"))
    assert "1. <b>Ropinirole</b> — 0.25 mg · 20:00 🔔" in card and listing[0].reminders_on
    await reply_to(harness, ANN, "Asia/Kolkata")
    [(_, _, due)] = await scheduled_times(harness, ANN)
    assert due == datetime(2026, 11, 25, 14, 30, tzinfo=UTC)


async def test_turning_the_reminder_on_without_times_asks_for_them_then_turns_it_on(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Paris")
    await reply_to(harness, ANN, "/meds add pramipexole 0.125 mg")
    [view] = await harness.services.medicines.medicines(ANN)
    assert await press(harness, ANN, f"md:remind:{view.id}:1") == strings.ANSWER_MEDS_NEEDS_TIMES
    assert "Type the usual times for <b>Pramipexole</b>" in text_of(harness.api.sent_messages(ANN)[-1])
    reminding = await reply_to(harness, ANN, "19:00")
    assert "I'll remind you at 19:00 to take <b>Pramipexole</b>, as prescribed. Next: today at 19:00" in reminding
    assert (await harness.services.medicines.medicines(ANN))[0].reminders_on


# --- the reminder's buttons ------------------------------------------------------------------------------------


async def test_snooze_sends_one_more_reminder_once_and_taken_closes_it(harness: BotHarness) -> None:
    await add_with_reminder(harness, ANN, "Europe/Berlin", "add ropinirole 0.25 mg at 20:00")
    [(slot, _, due)] = await scheduled_times(harness, ANN)
    [reminder] = await dose_reminders(harness, ANN, due)
    snooze, taken = f"md:snooze:2026-11-25:{slot}", f"md:taken:2026-11-25:{slot}"
    assert await press(harness, ANN, snooze) == strings.ANSWER_SNOOZED.format(time="20:30")
    edit = last_edit(harness)
    assert text_of(edit).endswith(strings.REMINDER_SNOOZED.format(time="20:30"))
    assert callback_data(edit) == [taken, f"md:skip:2026-11-25:{slot}"]
    assert await press(harness, ANN, snooze) == strings.ANSWER_ALREADY_SNOOZED.format(time="20:30")

    assert await dose_reminders(harness, ANN, due + timedelta(minutes=29)) == []
    [snoozed] = await dose_reminders(harness, ANN, due + timedelta(minutes=30, seconds=1))
    assert text_of(snoozed).startswith(strings.DOSE_SNOOZE_HEADER + "\n💊 <b>Time for Ropinirole</b> (0.25 mg), 20:00")
    assert callback_data(snoozed) == [taken, f"md:skip:2026-11-25:{slot}"]
    assert await dose_reminders(harness, ANN, due + timedelta(minutes=45)) == []
    assert await press(harness, ANN, snooze) == strings.ANSWER_DOSE_ALREADY_SNOOZED_NO_TIME
    assert await press(harness, ANN, taken) == strings.ANSWER_TAKEN
    assert text_of(last_edit(harness)).endswith(strings.DOSE_TAKEN.format(time="20:45"))
    assert buttons(last_edit(harness)) == []
    assert await press(harness, ANN, taken) == strings.ANSWER_ALREADY_TAKEN
    assert await press(harness, ANN, snooze) == strings.ANSWER_CLOSED

    sessions = harness.bot_app.store_context.sessions
    assert await delivery_log(sessions, ANN, kind="dose_snooze") == [(ANN, TODAY, "sent")]
    async with sessions() as session:
        response = await session.scalar(select(Delivery.response).where(Delivery.kind == "dose"))
    assert response == "taken"
    [(_, _, next_due)] = await scheduled_times(harness, ANN)
    assert next_due == due + timedelta(days=1)  # a snooze never moves the series
    assert reminder.params["chat_id"] == ANN


async def test_skip_cancels_a_pending_snooze(harness: BotHarness) -> None:
    await add_with_reminder(harness, ANN, "Europe/Berlin", "add ropinirole 0.25 mg at 20:00")
    [(slot, _, due)] = await scheduled_times(harness, ANN)
    await dose_reminders(harness, ANN, due)
    await press(harness, ANN, f"md:snooze:2026-11-25:{slot}")
    assert await press(harness, ANN, f"md:skip:2026-11-25:{slot}") == strings.ANSWER_DOSE_SKIPPED
    assert text_of(last_edit(harness)).endswith(strings.DOSE_SKIPPED) and buttons(last_edit(harness)) == []
    assert await dose_reminders(harness, ANN, due + timedelta(hours=1)) == []
    assert await delivery_log(harness.bot_app.store_context.sessions, ANN, kind="dose_snooze") == [
        (ANN, TODAY, "cancelled")
    ]


async def test_old_unknown_and_forged_reminder_buttons_are_answered_and_harmless(harness: BotHarness) -> None:
    await add_with_reminder(harness, ANN, "Europe/Berlin", "add ropinirole 0.25 mg at 20:00")
    [(slot, _, due)] = await scheduled_times(harness, ANN)
    await dose_reminders(harness, ANN, due)
    harness.clock.set(due + timedelta(hours=4))
    assert await press(harness, ANN, f"md:snooze:2026-11-25:{slot}") == strings.ANSWER_DOSE_TOO_LATE.format(hours=3)
    assert await press(harness, ANN, f"md:taken:2026-11-24:{slot}") == strings.ANSWER_GONE
    assert await press(harness, BOB, f"md:taken:2026-11-25:{slot}") == strings.ANSWER_GONE  # someone else's
    assert await press(harness, ANN, f"md:taken:2026-11-25:{slot + 1000}") == strings.ANSWER_GONE
    assert await press(harness, ANN, "md:taken:2026-02-30:1") == strings.STALE_BUTTON
    assert await press(harness, ANN, "md:taken:2026-11-25:99999999999") == strings.STALE_BUTTON
    [medicine] = await harness.services.medicines.medicines(ANN)
    for data in (f"md:card:{medicine.id}", f"md:stopok:{medicine.id}", f"md:remind:{medicine.id}:0"):
        assert await press(harness, BOB, data) == strings.ANSWER_MEDS_GONE
    assert await press(harness, ANN, "md:pick:not-a-medicine") == strings.STALE_BUTTON
    assert await press(harness, ANN, "md:remind:1") == strings.STALE_BUTTON
    assert (await harness.services.medicines.medicines(ANN))[0].reminders_on
    assert await harness.services.medicines.medicines(BOB) == []
    assert await harness.services.subscribers.get(BOB) is None  # no press stored anything for BOB


async def test_stopping_a_medicine_stops_its_reminders_and_cancels_its_snooze(harness: BotHarness) -> None:
    await add_with_reminder(harness, ANN, "Europe/Berlin", "add ropinirole 0.25 mg at 20:00")
    [(slot, _, due)] = await scheduled_times(harness, ANN)
    await dose_reminders(harness, ANN, due)
    await press(harness, ANN, f"md:snooze:2026-11-25:{slot}")
    assert "stopped on Wed 25 Nov 2026" in await reply_to(harness, ANN, "/meds stop 1")
    assert await dose_times(harness, ANN) == [(slot, time(20), None)]
    assert await dose_reminders(harness, ANN, due + timedelta(hours=1)) == []
    assert await dose_reminders(harness, ANN, due + timedelta(days=1)) == []
    assert await delivery_log(harness.bot_app.store_context.sessions, ANN, kind="dose_snooze") == [
        (ANN, TODAY, "cancelled")
    ]
    assert "is recorded as stopped" in await reply_to(harness, ANN, "/meds remind 1 on")

    harness.clock.set(due + timedelta(days=1, hours=2))  # 22:00 on the 26th: taken again from today
    await reply_to(harness, ANN, "/meds restart 1")
    [(_, _, next_due)] = await scheduled_times(harness, ANN)
    assert next_due == due + timedelta(days=2)  # its reminder is back, from the next 20:00


async def test_turning_the_reminder_off_cancels_its_snooze_and_on_again_does_not_repeat_today(
    harness: BotHarness,
) -> None:
    await add_with_reminder(harness, ANN, "Europe/Berlin", "add ropinirole 0.25 mg at 20:00")
    [(slot, _, due)] = await scheduled_times(harness, ANN)
    await dose_reminders(harness, ANN, due)
    await press(harness, ANN, f"md:snooze:2026-11-25:{slot}")
    [medicine] = await harness.services.medicines.medicines(ANN)
    assert await press(harness, ANN, f"md:remind:{medicine.id}:0") == strings.ANSWER_MEDS_REMIND_OFF
    assert await dose_times(harness, ANN) == [(slot, time(20), None)]
    await press(harness, ANN, f"md:remind:{medicine.id}:1")
    assert await dose_times(harness, ANN) == [(slot, time(20), due + timedelta(days=1))]
    assert await dose_reminders(harness, ANN, due + timedelta(hours=1)) == []
    assert await delivery_log(harness.bot_app.store_context.sessions, ANN, kind="dose_snooze") == [
        (ANN, TODAY, "cancelled")
    ]


async def test_new_times_keep_the_times_that_stay_and_a_moved_time_is_not_reminded_again_today(
    harness: BotHarness,
) -> None:
    harness.clock.set(datetime(2026, 11, 25, 6, 0, tzinfo=UTC))  # 07:00 in Berlin
    await add_with_reminder(harness, ANN, "Europe/Berlin", "add gabapentin 300 mg at 8:00, 20:00")
    [(morning, _, morning_due), (evening, _, evening_due)] = await scheduled_times(harness, ANN)
    assert len(await dose_reminders(harness, ANN, morning_due)) == 1  # 08:00 today
    assert "09:00, 20:00" in await reply_to(harness, ANN, "/meds times 1 9:00, 20:00")
    after = await dose_times(harness, ANN)
    assert after == [
        (morning, time(9), datetime(2026, 11, 26, 8, 0, tzinfo=UTC)),  # taken at 08:00: next tomorrow at 09:00
        (evening, time(20), evening_due),  # unchanged: same row, same reminder today
    ]
    await reply_to(harness, ANN, "/meds times 1 9:00, 13:00, 20:00")
    [(_, _, _), (added, added_time, added_due), (_, _, _)] = await scheduled_times(harness, ANN)
    assert (added_time, added_due) == (time(13), datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # a new time: today
    assert "no usual times now" in await reply_to(harness, ANN, "/meds times 1 none")
    assert await dose_times(harness, ANN) == []
    assert not (await harness.services.medicines.medicines(ANN))[0].reminders_on
    assert added not in (morning, evening)


async def test_a_new_zone_moves_the_reminders_and_a_blocked_chat_gets_none(harness: BotHarness) -> None:
    await add_with_reminder(harness, ANN, "Europe/Berlin", "add ropinirole 0.25 mg at 20:00")
    [(slot, _, due)] = await scheduled_times(harness, ANN)
    assert due == datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
    await reply_to(harness, ANN, "/timezone Asia/Kolkata")
    assert await dose_times(harness, ANN) == [(slot, time(20), datetime(2026, 11, 25, 14, 30, tzinfo=UTC))]

    await exchange(harness, ANN, lambda: harness.api.send_block(ANN))
    assert await dose_times(harness, ANN) == [(slot, time(20), None)]
    assert await dose_reminders(harness, ANN, datetime(2026, 11, 25, 15, 0, tzinfo=UTC)) == []
    assert await dose_reminders(harness, ANN, datetime(2026, 11, 26, 15, 0, tzinfo=UTC)) == []

    await add_with_reminder(harness, BOB, "Europe/Berlin", "add ropinirole 0.25 mg at 20:00")
    harness.api.fail_chat(BOB, 403, "Forbidden: bot was blocked by the user")
    [(bob_slot, _, bob_due)] = await scheduled_times(harness, BOB)
    harness.clock.set(bob_due)
    assert (await harness.engine.tick()).outcomes == {"blocked": 1}
    assert await dose_times(harness, BOB) == [(bob_slot, time(20), None)]


async def test_delete_removes_every_medicine_row(harness: BotHarness) -> None:
    await add_with_reminder(harness, ANN, "Europe/Berlin", "add ropinirole 0.25 mg at 20:00")
    await reply_to(harness, ANN, "/meds dose 1 0.5 mg from 2026-11-25")
    [(slot, _, due)] = await scheduled_times(harness, ANN)
    await dose_reminders(harness, ANN, due)
    await press(harness, ANN, f"md:snooze:2026-11-25:{slot}")
    [medicine] = await harness.services.medicines.medicines(ANN)
    await answer(harness, ANN, "/delete")
    assert await press(harness, ANN, "del:confirm") == strings.ANSWER_DELETED
    assert await rows_mentioning(harness, ANN) == []
    assert await harness.services.medicines.events(ANN) == []
    # Buttons of old messages find nothing and bring nothing back.
    assert await press(harness, ANN, f"md:card:{medicine.id}") == strings.ANSWER_MEDS_GONE
    assert await press(harness, ANN, f"md:taken:2026-11-25:{slot}") == strings.ANSWER_GONE
    assert await rows_mentioning(harness, ANN) == []
    assert await dose_reminders(harness, ANN, due + timedelta(days=1)) == []


async def test_at_most_20_medicines_are_taken_at_once(harness: BotHarness) -> None:
    for number in range(MAX_TAKING):
        assert "is on your list" in await reply_to(harness, ANN, f"/meds add vitamin {chr(97 + number)}")
    refused = await reply_to(harness, ANN, "/meds add one more")
    assert "20 medicines recorded as taken" in refused and "Nothing was added" in refused
    await reply_to(harness, ANN, "/meds stop 1")
    assert "as number 20" in await reply_to(harness, ANN, "/meds add one more")
    assert len(await harness.services.medicines.medicines(ANN, include_stopped=True)) == MAX_TAKING + 1
