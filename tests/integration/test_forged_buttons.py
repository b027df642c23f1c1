"""Hostile and careless input through the real application and the fake Bot API: forged check-in nights,
digits that are not 0–9, buttons from groups and from no chat at all, double taps, endless trigger churn, and a
batch of random callback data. Every press is answered, every bad input gets one line, and nothing is stored
that the rules refuse.
"""

from __future__ import annotations

import logging
import random
import re
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.core.checkins import MAX_OWN_TRIGGERS, MAX_STORED_TRIGGERS, own_factor
from bot.store.models import SelfCheckRecord, Trigger
from bot.text import strings
from support.conversation import BUTTON_MESSAGE_ID, callback_data, flush, press, reply_to
from support.databases import rows_mentioning
from support.fake_bot_api import FakeBotApi, JsonDict
from support.harness import BotHarness, make_settings

ANN, BOB = 8101, 8202
GROUP = -100_777
TODAY = date(2026, 11, 25)  # the harness clock: 12:00 in Berlin, so last night is the 24th
LAST_NIGHT = TODAY - timedelta(days=1)
OLDEST_NIGHT = LAST_NIGHT - timedelta(days=366)  # a year back from last night, leap day included
ALL_TIME = (date.min, date.max)


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, database_url: str) -> Settings:
    return make_settings(fake_api, database_url)  # on SQLite and PostgreSQL: the ends of the calendar differ


async def nights_stored(harness: BotHarness, chat_id: int) -> list[date]:
    history = await harness.services.coaching.history(chat_id, *ALL_TIME)
    return [night.night for night in history.nights]


def user(chat_id: int) -> JsonDict:
    return {"id": chat_id, "is_bot": False, "first_name": "Ann", "language_code": "en"}


def callback(data: str, **where: Any) -> JsonDict:
    """A callback query update; ``where`` holds its ``message`` or its ``inline_message_id``."""
    query = {"id": secrets.token_hex(8), "from": user(ANN), "chat_instance": "-7", "data": data, **where}
    return {"callback_query": query}


def group_press(data: str) -> JsonDict:
    chat = {"id": GROUP, "type": "group", "title": "RLS friends"}
    message = {"message_id": BUTTON_MESSAGE_ID, "date": 0, "chat": chat, "text": "…", "from": user(ANN)}
    return callback(data, message=message)


async def answers_to(harness: BotHarness, updates: list[JsonDict]) -> list[str]:
    """Push every update at once; the texts of the callback answers they got, once all are handled."""
    before = len(harness.api.calls("answerCallbackQuery"))
    for update in updates:
        harness.api.push_update(update)
    await flush(harness)
    assert harness.api.unanswered_callbacks() == []
    return [str(call.params.get("text", "")) for call in harness.api.calls("answerCallbackQuery")[before:]]


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


# --- one rule for every night recorded ---------------------------------------------------------------------


async def test_forged_checkin_nights_are_answered_and_store_nothing(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    refused = [
        "ci:score:0001-01-01:5",
        f"ci:score:{TODAY - timedelta(days=800)}:5",
        f"ci:score:{OLDEST_NIGHT - timedelta(days=1)}:5",
        f"ci:score:{TODAY}:5",  # tonight begins at 18:00
        f"ci:score:{TODAY + timedelta(days=1)}:5",
        "ci:score:9999-12-31:5",
        "ci:f:0001-01-01:caffeine:1",
    ]
    for data in refused:
        assert await press(harness, ANN, data) == strings.ANSWER_CHECKIN_GONE, data

    assert await nights_stored(harness, ANN) == []
    assert await press(harness, ANN, f"ci:score:{OLDEST_NIGHT}:5") == strings.ANSWER_SCORE.format(score=5)
    assert await press(harness, ANN, f"ci:score:{LAST_NIGHT}:4") == strings.ANSWER_SCORE.format(score=4)
    assert await nights_stored(harness, ANN) == [OLDEST_NIGHT, LAST_NIGHT]


async def test_a_person_without_a_time_zone_cannot_record_any_night(harness: BotHarness) -> None:
    await reply_to(harness, BOB, "/subscribe")  # a row, waiting for a zone
    for data in ("ci:score:9999-12-31:5", f"ci:score:{LAST_NIGHT}:5"):
        assert await press(harness, BOB, data) == strings.ANSWER_CHECKIN_GONE

    assert await nights_stored(harness, BOB) == []
    assert "time zone" in await reply_to(harness, BOB, "/log")


async def test_three_hundred_forged_presses_for_old_nights_are_all_answered_and_none_stored(
    harness: BotHarness,
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    nights = [TODAY - timedelta(days=days) for days in range(400, 700)]
    presses = [callback(f"ci:score:{night}:7", message=_private_message(ANN)) for night in nights]

    answers = await answers_to(harness, presses)

    assert answers == [strings.ANSWER_CHECKIN_GONE] * 300
    assert await nights_stored(harness, ANN) == []


def _private_message(chat_id: int) -> JsonDict:
    chat = {"id": chat_id, "type": "private", "first_name": "Ann"}
    return {"message_id": BUTTON_MESSAGE_ID, "date": 0, "chat": chat, "text": "…"}


async def test_a_checkin_sent_before_the_night_ends_can_be_answered(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/checkin 5:00")
    view = await harness.services.subscribers.get(ANN)
    assert view is not None and view.next_checkin_at_utc == datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
    harness.clock.set(view.next_checkin_at_utc)
    await harness.engine.tick()
    question = harness.api.sent_messages(ANN)[-1]
    assert callback_data(question)[6] == "ci:score:2026-11-25:6"  # the night that ends at 06:00

    assert await press(harness, ANN, "ci:score:2026-11-25:6") == strings.ANSWER_SCORE.format(score=6)
    assert await nights_stored(harness, ANN) == [date(2026, 11, 25)]


# --- numbers are ASCII digits in a stated range ----------------------------------------------------------


@pytest.mark.parametrize("digit", ["²", "٣", "３", "10٠", "-1", "11"])
async def test_a_score_that_is_no_number_from_0_to_10_is_answered_and_stores_nothing(
    harness: BotHarness, digit: str
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")

    assert await press(harness, ANN, f"ci:score:{LAST_NIGHT}:{digit}") == strings.STALE_BUTTON
    assert await nights_stored(harness, ANN) == []
    assert strings.ERROR not in harness.texts(ANN)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/progress ³⁰", "<code>/progress 90</code>"),
        ("/progress ٣٠", "<code>/progress 90</code>"),
        ("/progress " + "9" * 5000, "<code>/progress 90</code>"),  # int() refuses more than 4300 digits
        ("/triggers remove ²", "<code>/triggers remove 1</code>"),
        ("/triggers rename ² big dinner", "<code>/triggers rename 1 big dinner</code>"),
        ("/log ２０２６-１１-２０", "<code>/log 2026-11-24</code>"),
    ],
)
async def test_numbers_in_other_scripts_get_one_line_with_an_example(
    harness: BotHarness, command: str, expected: str
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/triggers add late dinner")

    text = await reply_to(harness, ANN, command)

    assert expected in text and "Nothing was changed" in text
    assert [trigger.name for trigger in await harness.services.coaching.triggers(ANN)] == ["late dinner"]


async def test_a_reference_page_number_too_long_for_int_is_answered(harness: BotHarness) -> None:
    assert await press(harness, ANN, "pg:about:refs-" + "9" * 5000) == ""  # opens the overview instead
    assert strings.ERROR not in harness.texts(ANN)


# --- updates that are not from a private chat ----------------------------------------------------------------


async def test_updates_without_a_chat_are_answered_or_ignored_quietly(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    inline_query = {"inline_query": {"id": "42", "from": user(ANN), "query": "help", "offset": ""}}
    poll_answer = {
        "poll_answer": {"poll_id": "7", "user": user(ANN), "option_ids": [0], "option_persistent_ids": ["a"]}
    }
    inline_button = callback(f"ci:score:{LAST_NIGHT}:5", inline_message_id="AAQAAA-inline")

    answers = await answers_to(harness, [inline_query, poll_answer, inline_button])

    assert answers == [strings.STALE_BUTTON]
    assert harness.api.sent_messages(ANN) == []
    assert errors_logged(caplog) == []
    assert await harness.services.subscribers.get(ANN) is None


async def test_buttons_pressed_in_a_group_are_answered_and_store_nothing(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    presses = ["sc:keep:yyyyynyn", "lang:es", "tp:caffeine", f"ci:score:{LAST_NIGHT}:5", "rem:done:2026-11-25"]

    answers = await answers_to(harness, [group_press(data) for data in [*presses, "del:confirm", "anything"]])

    assert answers == [strings.GROUP_ONLY_PRIVATE] * (len(presses) + 2)
    assert await rows_mentioning(harness, GROUP) == [] and await rows_mentioning(harness, ANN) == []
    assert harness.api.sent_messages(GROUP) == [] and harness.api.calls("editMessageText") == []
    assert errors_logged(caplog) == []


async def test_a_handler_that_fails_still_answers_the_press(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")

    async def broken(*args: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(harness.services.coaching, "record_score", broken)

    assert await press(harness, ANN, f"ci:score:{LAST_NIGHT}:5") == strings.ERROR
    assert harness.texts(ANN)[-1] == strings.ERROR


# --- small leaks of state ------------------------------------------------------------------------------------


async def selfchecks_kept(harness: BotHarness) -> int:
    async with harness.bot_app.store_context.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(SelfCheckRecord)) or 0)


async def test_keep_my_answers_tapped_twice_keeps_one_self_check(harness: BotHarness) -> None:
    assert await press(harness, ANN, "sc:keep:yyyyynyn") == strings.ANSWER_KEPT
    assert await press(harness, ANN, "sc:keep:yyyyynyn") == strings.ANSWER_ALREADY_KEPT
    assert await selfchecks_kept(harness) == 1

    assert await press(harness, ANN, "sc:keep:nnnnnnnn") == strings.ANSWER_KEPT  # other answers: a new one
    harness.clock.advance(minutes=11)
    assert await press(harness, ANN, "sc:keep:nnnnnnnn") == strings.ANSWER_KEPT  # the same, taken again later
    assert await selfchecks_kept(harness) == 3


async def trigger_rows(harness: BotHarness, chat_id: int) -> int:
    async with harness.bot_app.store_context.sessions() as session:
        query = select(func.count()).select_from(Trigger).where(Trigger.chat_id == chat_id)
        return int(await session.scalar(query) or 0)


async def test_removing_and_adding_triggers_forty_times_leaves_no_rows_behind(harness: BotHarness) -> None:
    for name in ("late dinner", "hot bath", "long drive"):
        await reply_to(harness, ANN, f"/triggers add {name}")
    before = len(harness.api.sent_messages(ANN))
    for round_number in range(40):  # pushed at once: a chat's updates are handled in order
        harness.api.send_text(ANN, "/triggers remove 1")
        harness.api.send_text(ANN, f"/triggers add stress {round_number}")
    await flush(harness)

    answers = harness.texts(ANN)[before:]
    assert len(answers) == 80 and all(("Removed" if i % 2 == 0 else "Added") in a for i, a in enumerate(answers))
    assert await trigger_rows(harness, ANN) == MAX_OWN_TRIGGERS
    listing = await reply_to(harness, ANN, "/triggers")
    assert "1. stress 37\n2. stress 38\n3. stress 39" in listing


async def test_removed_triggers_keep_their_history_up_to_a_bound(harness: BotHarness) -> None:
    coaching, now = harness.services.coaching, harness.clock()
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await coaching.record_score(ANN, LAST_NIGHT, 6, now)
    for index in range(MAX_STORED_TRIGGERS):  # each marked in a check-in, then removed: history to keep
        await coaching.add_trigger(ANN, f"trigger {index}", now)
        [trigger] = await coaching.triggers(ANN)
        await coaching.set_factor(ANN, LAST_NIGHT, trigger.factor, True, now)
        await coaching.remove_trigger(ANN, 1)
    first = (await coaching.triggers(ANN, include_removed=True))[0]

    full = await reply_to(harness, ANN, "/triggers add stress")
    assert full == strings.TRIGGER_HISTORY_FULL.format(max=MAX_STORED_TRIGGERS)
    assert "Added <b>trigger 0</b>" in await reply_to(harness, ANN, "/triggers add trigger 0")  # back, with history

    assert await trigger_rows(harness, ANN) == MAX_STORED_TRIGGERS
    [again] = await coaching.triggers(ANN)
    checkin = await coaching.checkin(ANN, LAST_NIGHT)
    assert again.id == first.id and checkin is not None and own_factor(first.id) in checkin.factors


# --- random callback data ------------------------------------------------------------------------------------

REAL_DATA = (
    "rem:done:2026-11-25",
    "rem:snooze:2026-11-25",
    "rem:skip:2026-11-24",
    f"ci:score:{LAST_NIGHT}:7",
    f"ci:f:{LAST_NIGHT}:caffeine:1",
    f"ci:f:{LAST_NIGHT}:own:1:0",
    f"ci:save:{LAST_NIGHT}",
    f"ci:back:{LAST_NIGHT}",
    "del:cancel",
    "broadcast:confirm:1",
    "sc:",
    "sc:yyn",
    "sc:keep:yyyyynyn",
    "pg:about:refs-2",
    "pg:causes",
    "tp:caffeine",
    "tp:done",
    "lang:en",
)
NOISE = ("²", "٣", "３", "\n", "\x00", ":", "-", "0", "9" * 30, "own:", "'; DROP TABLE checkins; --", "<b>")
# What a forger puts where a button has a number: other scripts' digits, too many digits, the ends of the calendar.
NUMBERS = ("²", "٣٠", "３", "-1", "00", "0001", "9999", str(2**63), "9" * 5000)


def forged(rng: random.Random) -> str:
    """Real callback data with one number swapped for a forger's, its night moved anywhere in the calendar,
    or a few characters inserted, replaced or deleted."""
    data = rng.choice(REAL_DATA)
    numbers = list(re.finditer(r"[0-9]+", data))
    kind = rng.randrange(3)
    if kind == 0 and numbers:
        number = rng.choice(numbers)
        return data[: number.start()] + rng.choice(NUMBERS) + data[number.end() :]
    if kind == 1:
        night = date.fromordinal(rng.randint(date.min.toordinal(), date.max.toordinal()))
        return re.sub(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", night.isoformat(), data)
    chars = list(data)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(chars) + 1)
        noise = rng.choice([*NOISE, chr(rng.randint(0x80, 0xD7FF)), chr(rng.randint(0xE000, 0x10FFFF))])
        operation = rng.randrange(3)
        if operation == 0 or not chars:
            chars.insert(at, noise)
        elif operation == 1:
            chars[min(at, len(chars) - 1)] = noise
        else:
            del chars[min(at, len(chars) - 1)]
    return "".join(chars)


async def test_random_callback_data_is_always_answered_and_never_an_error(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")
    await reply_to(harness, ANN, "/triggers add late dinner")
    rng = random.Random(14)
    data = [forged(rng) for _ in range(150)] + list(REAL_DATA)

    answers = await answers_to(harness, [callback(item, message=_private_message(ANN)) for item in data])

    assert len(answers) == len(data)
    assert strings.ERROR not in answers and strings.ERROR not in harness.texts(ANN)
    assert errors_logged(caplog) == []
    nights = await nights_stored(harness, ANN)
    assert all(OLDEST_NIGHT <= night <= LAST_NIGHT for night in nights)
