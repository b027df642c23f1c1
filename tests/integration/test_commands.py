"""Integration tests of the command handlers: the real PTB application, polling the fake Bot API.

Every assertion is about what the fake server recorded: the texts the bot sent, their parse mode and their
reply markup. ``exchange`` knows a command is fully answered once a ``/help`` from a separate sentinel chat has
been answered and PTB's update queue is drained; that lets tests assert exact reply counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import time
from functools import partial
from html import unescape
from typing import Any

import pytest

import bot.handlers.reminders
from bot.text import strings
from support.conversation import HELP, answer, exchange, reply_to, with_questions
from support.harness import BotHarness
from support.telegram_checks import check_message

ANN = 101
BOB = 202
GROUP = -100_555

_DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg)\b(?!\s*/)", re.IGNORECASE)  # not a lab value (µg/L)
_TIP_TITLE = re.compile(r"💡 <b>(.+?)</b>")
_SOURCE_LINK = re.compile(r'<a href="https://[^"]+">[^<]+</a>')

LOCATION_KEYBOARD = {
    "keyboard": [[{"text": strings.LOCATION_BUTTON, "request_location": True}]],
    "resize_keyboard": True,
    "one_time_keyboard": True,
}
REMOVE_KEYBOARD = {"remove_keyboard": True}
BERLIN = (52.52, 13.40)


# --- helpers -------------------------------------------------------------------------------------------


async def settings_text(harness: BotHarness, chat_id: int) -> str:
    return await reply_to(harness, chat_id, "/settings")


def settings_of(status: str, time_text: str, zone: str) -> str:
    """The head of /settings for the given state, as the person reads it."""
    return f"Evening reminder: <b>{status}</b>\nReminder time: <b>{time_text}</b>\nTime zone: <b>{zone}</b>\n"


async def subscribed_in(harness: BotHarness, chat_id: int, zone: str, at: str = "21:00") -> None:
    await reply_to(harness, chat_id, f"/timezone {zone}")
    assert "Evening reminder on" in await reply_to(harness, chat_id, f"/subscribe {at}")


def tip_title(text: str) -> str:
    match = _TIP_TITLE.search(text)
    assert match is not None, text
    return match.group(1)


def reminders_to(harness: BotHarness, chat_id: int) -> list[str]:
    return [text for text in harness.texts(chat_id) if text.startswith(strings.REMINDER_HEADER)]


# --- /start, the command menu, /help ---------------------------------------------------------------------


async def test_start_welcomes_by_name_points_to_subscribe_and_timezone_and_subscribes_nobody(
    harness: BotHarness,
) -> None:
    call = await answer(harness, ANN, lambda: harness.api.send_text(ANN, "/start", first_name="Maria"))
    text = str(call.params["text"])

    assert "Welcome to RLS Coach, Maria!" in text
    assert "/subscribe" in text
    assert "/timezone" in text
    assert "not medical advice" in text
    assert "reply_markup" not in call.params
    assert await harness.services.subscribers.get(ANN) is None
    assert settings_of("off", "21:00", strings.ZONE_NOT_SET) in await settings_text(harness, ANN)


async def test_start_escapes_html_in_the_persons_name(harness: BotHarness) -> None:
    name = "<i>Eve</i> & Co"
    text = await reply_to(harness, ANN, lambda: harness.api.send_text(ANN, "/start", first_name=name))

    assert "Welcome to RLS Coach, &lt;i&gt;Eve&lt;/i&gt; &amp; Co!" in text


async def test_command_menu_is_registered_at_start_up_with_every_command(harness: BotHarness) -> None:
    await harness.api.wait_for_async(lambda: len(harness.api.calls("setMyCommands")) == 2)  # in the background
    calls = harness.api.calls("setMyCommands")

    assert len(calls) == 2  # English for everyone, Spanish for Spanish Telegram apps (see test_reading.py)
    expected = [{"command": name, "description": with_questions(text)} for name, text in strings.COMMAND_MENU]
    assert calls[0].params["commands"] == expected and "language_code" not in calls[0].params
    assert {"command": "selfcheck", "description": "8 questions clinicians ask about RLS"} in expected


async def test_every_menu_command_is_understood(harness: BotHarness) -> None:
    for name, _ in strings.COMMAND_MENU:
        files_before = len(harness.api.sent_documents(ANN)) + len(harness.api.sent_photos(ANN))
        calls = await exchange(harness, ANN, f"/{name}")
        files = len(harness.api.sent_documents(ANN)) + len(harness.api.sent_photos(ANN)) - files_before
        assert calls or files, f"/{name} got no answer"
        for call in calls:
            assert check_message(call) != strings.UNKNOWN_COMMAND, f"/{name}"


async def test_help_lists_every_command(harness: BotHarness) -> None:
    text = await reply_to(harness, ANN, "/help")

    for command in (
        "/subscribe",
        "/unsubscribe",
        "/stop",
        "/time",
        "/timezone",
        "/settings",
        "/tip",
        "/causes",
        "/treatments",
        "/symptoms",
        "/about",
    ):
        assert re.search(rf"{command}\b", text), command
    for name, _ in strings.COMMAND_MENU:
        assert f"/{name} " in text, name


# --- /subscribe ------------------------------------------------------------------------------------------


async def test_subscribe_without_zone_asks_for_location_and_keeps_time(harness: BotHarness) -> None:
    asked = await answer(harness, ANN, "/subscribe")

    assert "Your reminder time is <b>21:00</b>" in asked.params["text"]
    assert "tell me your time zone" in asked.params["text"]
    assert asked.params["reply_markup"] == LOCATION_KEYBOARD
    assert settings_of(strings.STATUS_AWAITING_ZONE, "21:00", strings.ZONE_NOT_SET) in await settings_text(harness, ANN)

    confirmed = await answer(harness, ANN, lambda: harness.api.send_location(ANN, *BERLIN))
    text = str(confirmed.params["text"])

    assert "Time zone set to <b>Europe/Berlin</b> (your local time now: 12:00)" in text
    assert "Evening reminder on" in text
    assert "every evening at <b>21:00</b> (Europe/Berlin)" in text
    assert "Next reminder: <b>today at 21:00 (Wed 25 Nov)</b>" in text
    assert confirmed.params["reply_markup"] == REMOVE_KEYBOARD
    settings = await settings_text(harness, ANN)
    assert settings_of("on", "21:00", "Europe/Berlin") in settings
    assert "Next reminder: <b>today at 21:00 (Wed 25 Nov)</b>" in settings


async def test_subscribe_with_a_12_hour_time_and_a_zone_confirms_time_and_next_reminder(
    harness: BotHarness,
) -> None:
    await reply_to(harness, ANN, "/timezone Europe/Berlin")

    call = await answer(harness, ANN, "/subscribe 9:30pm")

    assert "Evening reminder on" in call.params["text"]
    assert "every evening at <b>21:30</b> (Europe/Berlin)" in call.params["text"]
    assert "Next reminder: <b>today at 21:30 (Wed 25 Nov)</b>" in call.params["text"]
    assert "reply_markup" not in call.params
    assert settings_of("on", "21:30", "Europe/Berlin") in await settings_text(harness, ANN)


async def test_subscribe_to_a_time_already_past_today_is_next_due_tomorrow(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone Berlin")  # 12:00 there

    assert "Next reminder: <b>tomorrow at 09:00 (Thu 26 Nov)</b>" in await reply_to(harness, ANN, "/subscribe 9am")


async def test_subscribe_with_an_invalid_time_explains_and_changes_nothing(harness: BotHarness) -> None:
    await subscribed_in(harness, ANN, "Berlin", at="20:15")
    before = await harness.services.subscribers.get(ANN)

    text = await reply_to(harness, ANN, "/subscribe 25:99")

    assert "could not read <b>25:99</b> as a time" in text
    assert "<code>21:30</code>" in text
    assert "<code>9:30pm</code>" in text
    assert "Nothing was changed" in text
    assert await harness.services.subscribers.get(ANN) == before
    assert settings_of("on", "20:15", "Europe/Berlin") in await settings_text(harness, ANN)


async def test_subscribe_with_an_invalid_time_does_not_subscribe_a_new_person(harness: BotHarness) -> None:
    assert "Nothing was changed" in await reply_to(harness, ANN, "/subscribe 25:99")

    assert await harness.services.subscribers.get(ANN) is None
    assert settings_of("off", "21:00", strings.ZONE_NOT_SET) in await settings_text(harness, ANN)


# --- /time -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("21:30", time(21, 30)), ("9:45pm", time(21, 45)), ("20.15", time(20, 15)), ("2205", time(22, 5))],
)
async def test_time_accepts_common_formats(harness: BotHarness, typed: str, expected: time) -> None:
    await subscribed_in(harness, ANN, "Berlin")
    shown = f"{expected:%H:%M}"

    text = await reply_to(harness, ANN, f"/time {typed}")

    assert f"Reminder time set to <b>{shown}</b>" in text
    assert f"Next reminder: <b>today at {shown} (Wed 25 Nov)</b>" in text
    view = await harness.services.subscribers.get(ANN)
    assert view is not None
    assert view.local_reminder_time == expected
    assert settings_of("on", shown, "Europe/Berlin") in await settings_text(harness, ANN)


async def test_time_when_not_subscribed_sets_the_time_and_says_the_reminder_is_off(harness: BotHarness) -> None:
    text = await reply_to(harness, ANN, "/time 20:30")

    assert "Reminder time set to <b>20:30</b>" in text
    assert strings.TIME_SET_NOT_SUBSCRIBED in text
    assert settings_of("off", "20:30", strings.ZONE_NOT_SET) in await settings_text(harness, ANN)


async def test_time_while_waiting_for_a_zone_asks_for_it_again(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/subscribe")

    call = await answer(harness, ANN, "/time 22:00")

    assert "Reminder time set to <b>22:00</b>" in call.params["text"]
    assert "Which time zone are you in?" in call.params["text"]
    assert call.params["reply_markup"] == LOCATION_KEYBOARD


@pytest.mark.parametrize("typed", ["25:99", "abc", ""], ids=["out-of-range", "words", "empty"])
async def test_time_that_cannot_be_read_shows_examples_and_changes_nothing(harness: BotHarness, typed: str) -> None:
    await subscribed_in(harness, ANN, "Berlin", at="20:00")
    before = await harness.services.subscribers.get(ANN)

    text = await reply_to(harness, ANN, f"/time {typed}".strip())

    assert strings.TIME_EXAMPLES in text
    assert "<code>/time 21:30</code>" in text
    if typed:
        assert f"could not read <b>{typed}</b>" in text
        assert "Nothing was changed" in text
    assert await harness.services.subscribers.get(ANN) == before
    assert settings_of("on", "20:00", "Europe/Berlin") in await settings_text(harness, ANN)


# --- /timezone -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "zone", "local_now", "fixed_offset"),
    [
        ("europe/berlin", "Europe/Berlin", "12:00", False),
        ("Berlin", "Europe/Berlin", "12:00", False),
        ("Phoenix", "America/Phoenix", "04:00", False),
        ("UTC+5:30", "UTC+05:30", "16:30", True),
        ("-03:30", "UTC-03:30", "07:30", True),
        ("Z", "UTC", "11:00", False),
    ],
)
async def test_timezone_accepts_names_cities_and_offsets(
    harness: BotHarness, typed: str, zone: str, local_now: str, fixed_offset: bool
) -> None:
    call = await answer(harness, ANN, f"/timezone {typed}")
    text = str(call.params["text"])

    assert f"Time zone set to <b>{zone}</b> (your local time now: {local_now})" in text
    assert ("does not change for summer time" in text) is fixed_offset
    assert strings.SETTINGS_NO_NEXT in text  # not subscribed: tells how to turn the reminder on
    assert call.params["reply_markup"] == REMOVE_KEYBOARD
    view = await harness.services.subscribers.get(ANN)
    assert view is not None
    assert view.zone_name == zone
    assert settings_of("off", "21:00", zone) in await settings_text(harness, ANN)


async def test_timezone_change_when_subscribed_moves_the_next_reminder(harness: BotHarness) -> None:
    await subscribed_in(harness, ANN, "Berlin")

    text = await reply_to(harness, ANN, "/timezone Asia/Tokyo")  # 20:00 there: 21:00 is still today

    assert "Time zone set to <b>Asia/Tokyo</b> (your local time now: 20:00)" in text
    assert "every evening at <b>21:00</b> (Asia/Tokyo)" in text
    assert "Next reminder: <b>today at 21:00 (Wed 25 Nov)</b>" in text


async def test_unknown_timezone_explains_with_examples_and_changes_nothing(harness: BotHarness) -> None:
    await subscribed_in(harness, ANN, "Berlin")
    before = await harness.services.subscribers.get(ANN)

    call = await answer(harness, ANN, "/timezone Narnia")
    text = str(call.params["text"])

    assert "I don't know the time zone <b>Narnia</b>" in text
    assert "Nothing was changed" in text
    assert "<code>/timezone Berlin</code>" in text
    assert "<code>/timezone UTC+5:30</code>" in text
    assert await harness.services.subscribers.get(ANN) == before
    assert settings_of("on", "21:00", "Europe/Berlin") in await settings_text(harness, ANN)


async def test_timezone_without_argument_asks_with_the_location_keyboard(harness: BotHarness) -> None:
    call = await answer(harness, ANN, "/timezone")

    assert "Which time zone are you in?" in call.params["text"]
    assert "<code>/timezone Berlin</code>" in call.params["text"]
    assert call.params["reply_markup"] == LOCATION_KEYBOARD
    assert await harness.services.subscribers.get(ANN) is None


async def test_location_when_not_subscribed_sets_the_zone_and_points_to_subscribe(harness: BotHarness) -> None:
    call = await answer(harness, ANN, lambda: harness.api.send_location(ANN, *BERLIN))

    assert "Time zone set to <b>Europe/Berlin</b>" in call.params["text"]
    assert strings.SETTINGS_NO_NEXT in call.params["text"]
    assert call.params["reply_markup"] == REMOVE_KEYBOARD
    assert settings_of("off", "21:00", "Europe/Berlin") in await settings_text(harness, ANN)


async def test_location_at_sea_gets_the_nautical_zone_with_the_right_local_time(harness: BotHarness) -> None:
    """timezonefinder answers Etc/GMT+9 (POSIX sign: UTC−09:00) for the open Pacific.

    It is stored as the plain fixed offset UTC-09:00; the local time shown (02:00 at 11:00 UTC) and the
    schedule are right.
    """
    await reply_to(harness, ANN, "/subscribe")

    call = await answer(harness, ANN, lambda: harness.api.send_location(ANN, 0.0, -140.0))
    text = str(call.params["text"])

    assert "Time zone set to <b>UTC-09:00</b> (your local time now: 02:00)" in text
    assert "Next reminder: <b>today at 21:00 (Wed 25 Nov)</b>" in text
    assert call.params["reply_markup"] == REMOVE_KEYBOARD
    view = await harness.services.subscribers.get(ANN)
    assert view is not None
    assert view.next_due_at_utc is not None
    assert view.next_due_at_utc.isoformat() == "2026-11-26T06:00:00+00:00"  # 21:00 at UTC−9


async def test_location_at_sea_reply_names_the_offset_plainly_and_flags_it_as_fixed(harness: BotHarness) -> None:
    text = await reply_to(harness, ANN, lambda: harness.api.send_location(ANN, 0.0, -140.0))

    assert "GMT+9" not in text  # the clocks there are at UTC−9
    assert "does not change for summer time" in text


async def test_location_without_a_zone_apologises_and_changes_nothing(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_zone(latitude: float, longitude: float) -> str | None:
        return None

    monkeypatch.setattr(bot.handlers.reminders, "_zone_for_location", no_zone)
    await reply_to(harness, ANN, "/subscribe")

    call = await answer(harness, ANN, lambda: harness.api.send_location(ANN, 0.0, -140.0))

    assert call.params["text"] == strings.ZONE_FROM_LOCATION_FAILED
    assert call.params["reply_markup"] == REMOVE_KEYBOARD
    assert settings_of(strings.STATUS_AWAITING_ZONE, "21:00", strings.ZONE_NOT_SET) in await settings_text(harness, ANN)


# --- plain text ------------------------------------------------------------------------------------------


async def test_plain_text_after_subscribe_without_zone_is_read_as_the_zone(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/subscribe")

    call = await answer(harness, ANN, "Kolkata")

    assert "Time zone set to <b>Asia/Kolkata</b> (your local time now: 16:30)" in call.params["text"]
    assert "Next reminder: <b>today at 21:00 (Wed 25 Nov)</b>" in call.params["text"]
    assert call.params["reply_markup"] == REMOVE_KEYBOARD
    assert settings_of("on", "21:00", "Asia/Kolkata") in await settings_text(harness, ANN)


async def test_plain_text_that_is_no_zone_while_waiting_for_one_explains(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/subscribe")

    text = await reply_to(harness, ANN, "hello there")

    assert "I don't know the time zone <b>hello there</b>" in text
    assert settings_of(strings.STATUS_AWAITING_ZONE, "21:00", strings.ZONE_NOT_SET) in await settings_text(harness, ANN)


async def test_plain_text_when_not_waiting_for_a_zone_points_to_help(harness: BotHarness) -> None:
    await subscribed_in(harness, ANN, "Berlin")

    assert await reply_to(harness, ANN, "thanks!") == strings.UNSUPPORTED_MESSAGE
    assert await reply_to(harness, BOB, "hi") == strings.UNSUPPORTED_MESSAGE
    assert "/help" in strings.UNSUPPORTED_MESSAGE
    assert settings_of("on", "21:00", "Europe/Berlin") in await settings_text(harness, ANN)


async def test_plain_text_answer_to_the_timezone_question_sets_the_zone(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/timezone")

    assert "Time zone set to <b>Asia/Tokyo</b>" in await reply_to(harness, ANN, "Tokyo")


# --- /unsubscribe and /stop ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["/unsubscribe", "/stop"])
async def test_unsubscribe_turns_reminders_off_and_keeps_time_and_zone(harness: BotHarness, command: str) -> None:
    await subscribed_in(harness, ANN, "Berlin", at="20:30")

    assert await reply_to(harness, ANN, command) == strings.UNSUBSCRIBED

    settings = await settings_text(harness, ANN)
    assert settings_of("off", "20:30", "Europe/Berlin") in settings
    assert strings.SETTINGS_NO_NEXT in settings
    harness.clock.advance(hours=10)
    assert (await harness.engine.tick()).due == 0
    assert reminders_to(harness, ANN) == []

    text = await reply_to(harness, ANN, "/subscribe")
    assert "every evening at <b>20:30</b> (Europe/Berlin)" in text
    assert "Next reminder: <b>tomorrow at 20:30 (Thu 26 Nov)</b>" in text


async def test_unsubscribe_when_not_subscribed_says_so(harness: BotHarness) -> None:
    assert await reply_to(harness, ANN, "/unsubscribe") == strings.NOT_SUBSCRIBED
    await reply_to(harness, BOB, "/timezone Berlin")
    assert await reply_to(harness, BOB, "/stop") == strings.NOT_SUBSCRIBED
    assert "/subscribe" in strings.NOT_SUBSCRIBED


# --- information commands --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "facts"),
    [
        ("/causes", [["dopamine"], ["iron"], ["kidney"], ["pregnan"]]),
        ("/treatments", [["ferritin"], ["gabapentin", "pregabalin"], ["augmentation"]]),
        ("/symptoms", [["evening"], ["night"]]),
        ("/about", [["privacy"], ["chat id"], ["not medical advice"]]),
    ],
)
async def test_every_part_of_a_page_is_html_within_limits_with_key_facts_and_no_doses(
    harness: BotHarness, command: str, facts: list[list[str]]
) -> None:
    """The overview and every section it links to (opened as ``/causes iron`` opens them)."""
    page = harness.services.content.library("en").page(command.lstrip("/"))
    calls = await exchange(harness, ANN, command)
    for section in page.sections:
        calls += await exchange(harness, ANN, f"{command} {section.id}")
    assert len(calls) == len(page.sections) + 1
    texts = [check_message(call) for call in calls]
    whole = "\n".join(texts).lower()
    for alternatives in facts:
        assert any(fact in whole for fact in alternatives), alternatives
    assert _DOSE.search(whole) is None
    medical = [text for text, section in zip(texts[1:], page.sections, strict=True) if section.sources]
    assert all(_SOURCE_LINK.search(text) for text in medical)


async def test_tip_twice_gives_two_different_tips_with_sources(harness: BotHarness) -> None:
    first = await reply_to(harness, ANN, "/tip")
    second = await reply_to(harness, ANN, "/tip")

    assert tip_title(first) != tip_title(second)
    titles = {tip.title for topic in harness.services.content.library("en").topics for tip in topic.tips}
    for text in (first, second):
        assert unescape(tip_title(text)) in titles
        assert _SOURCE_LINK.search(text), text
        assert _DOSE.search(text) is None


# --- everything else -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice"])
async def test_non_text_message_gets_a_short_pointer_to_help(harness: BotHarness, kind: str) -> None:
    send: dict[str, Callable[[int], Any]] = {
        "sticker": harness.api.send_sticker,
        "photo": harness.api.send_photo,
        "voice": harness.api.send_voice,
    }

    text = await reply_to(harness, ANN, lambda: send[kind](ANN))

    assert text == strings.UNSUPPORTED_MESSAGE
    assert "/help" in text
    assert len(text) < 200


async def test_edited_message_asks_to_send_the_command_again(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/tip")

    text = await reply_to(harness, ANN, lambda: harness.api.send_edited_text(ANN, "/settings"))

    assert text == strings.EDITED_MESSAGE
    assert len(text) < 200


async def test_unknown_command_points_to_help(harness: BotHarness) -> None:
    text = await reply_to(harness, ANN, "/foo")

    assert text == strings.UNKNOWN_COMMAND
    assert "/help" in text


@pytest.mark.parametrize("chat_type", ["group", "supergroup"])
async def test_group_command_asks_for_a_private_chat(harness: BotHarness, chat_type: str) -> None:
    for command in ("/help", "/subscribe", "/start@rls_coach_test_bot"):
        send = partial(harness.api.send_text, GROUP, command, user_id=ANN, chat_type=chat_type)
        assert await reply_to(harness, GROUP, send) == strings.GROUP_ONLY_PRIVATE
    quiet = partial(harness.api.send_text, GROUP, "good morning all", user_id=ANN, chat_type=chat_type)
    assert await exchange(harness, GROUP, quiet) == []
    assert await harness.services.subscribers.get(GROUP) is None
    assert await harness.services.subscribers.get(ANN) is None


async def test_group_command_for_another_bot_is_ignored(harness: BotHarness) -> None:
    send = partial(harness.api.send_text, GROUP, "/help@other_bot", user_id=ANN, chat_type="group")

    assert await exchange(harness, GROUP, send) == []


async def test_callback_query_is_answered(harness: BotHarness) -> None:
    assert await exchange(harness, ANN, lambda: harness.api.send_callback(ANN, "old-button")) == []

    answers = harness.api.calls("answerCallbackQuery")
    assert len(answers) == 1
    assert answers[0].params["callback_query_id"]


# --- resilience ------------------------------------------------------------------------------------------


async def test_store_failure_apologises_and_the_bot_keeps_answering(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribers = harness.services.subscribers
    real_take_tip = subscribers.take_tip
    failures = 0

    async def flaky_take_tip(*args: Any, **kwargs: Any) -> str:
        nonlocal failures
        if failures == 0:
            failures += 1
            raise RuntimeError("database went away")
        return await real_take_tip(*args, **kwargs)

    monkeypatch.setattr(subscribers, "take_tip", flaky_take_tip)

    assert await reply_to(harness, ANN, "/tip") == strings.ERROR
    assert await reply_to(harness, BOB, "/help") == HELP
    assert tip_title(await reply_to(harness, ANN, "/tip"))


async def test_a_chat_that_blocked_the_bot_does_not_stop_answers_to_others(harness: BotHarness) -> None:
    harness.api.fail_chat(ANN, 403)

    assert await exchange(harness, ANN, "/help") == []
    assert len(harness.api.attempts("sendMessage", ANN)) == 1  # no retry, no apology into a blocked chat
    assert await reply_to(harness, BOB, "/help") == HELP
    assert tip_title(await reply_to(harness, BOB, "/tip"))


async def test_command_answer_survives_flood_control(harness: BotHarness) -> None:
    harness.api.fail_next("sendMessage", 429, retry_after=1)

    calls = await exchange(harness, ANN, "/help")

    assert [call.params["text"] for call in calls] == [HELP]
    assert len(harness.api.attempts("sendMessage", ANN)) == 2


# --- HTML injection --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "escaped", "raw"),
    [
        ("/timezone <b>x</b>", "&lt;b&gt;x&lt;/b&gt;", "<b>x</b>"),
        ("/time <script>", "&lt;script&gt;", "<script>"),
        ("/subscribe <script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", "<script>"),
        ("/timezone Tom & Jerry", "Tom &amp; Jerry", "Tom & Jerry"),
    ],
)
async def test_arguments_are_escaped_in_replies(harness: BotHarness, command: str, escaped: str, raw: str) -> None:
    text = await reply_to(harness, ANN, command)  # reply_to also checks the HTML is valid for Telegram

    assert escaped in text
    assert raw not in text
    assert await harness.services.subscribers.get(ANN) is None


async def test_plain_text_zone_answer_is_escaped_and_shortened(harness: BotHarness) -> None:
    await reply_to(harness, ANN, "/subscribe")

    text = await reply_to(harness, ANN, "<script>" * 200)

    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert len(text) < 1200


async def test_very_long_time_argument_gets_one_valid_html_reply(harness: BotHarness) -> None:
    calls = await exchange(harness, ANN, "/time " + "x" * 4000)

    for call in calls:
        check_message(call)
    assert len(calls) == 1


# --- the evening reminder ----------------------------------------------------------------------------------


async def test_evening_reminder_is_sent_once_with_a_tip_and_again_the_next_day_with_another(
    harness: BotHarness,
) -> None:
    await subscribed_in(harness, ANN, "Berlin")  # 21:00 Berlin = 20:00 UTC
    harness.clock.advance(hours=8, minutes=59)
    assert (await harness.engine.tick()).due == 0

    harness.clock.advance(minutes=2)
    report = await harness.engine.tick()

    assert report.outcomes == {"sent": 1}
    reminders = [call for call in harness.api.sent_messages(ANN) if str(call.params["text"]).startswith("🌙")]
    assert len(reminders) == 1
    first = check_message(reminders[0])
    assert _SOURCE_LINK.search(first)
    assert strings.REMINDER_FOOTER in first

    assert (await harness.engine.tick()).outcomes == {}
    assert len(reminders_to(harness, ANN)) == 1

    harness.clock.advance(days=1)
    assert (await harness.engine.tick()).outcomes == {"sent": 1}
    later = reminders_to(harness, ANN)
    assert len(later) == 2
    assert tip_title(later[1]) != tip_title(first)
    assert "Next reminder: <b>tomorrow at 21:00 (Fri 27 Nov)</b>" in await settings_text(harness, ANN)


async def test_person_who_unblocked_the_bot_is_not_told_reminders_are_on_when_none_will_come(
    harness: BotHarness,
) -> None:
    await subscribed_in(harness, ANN, "Berlin")
    harness.api.fail_chat(ANN, 403, times=1)
    harness.clock.advance(hours=9, minutes=1)
    assert (await harness.engine.tick()).outcomes == {"blocked": 1}

    await reply_to(harness, ANN, "/start")  # unblocked: Telegram's "Restart" button sends /start
    time_reply = await reply_to(harness, ANN, "/time 20:00")
    settings = await settings_text(harness, ANN)
    harness.clock.advance(days=1)
    await harness.engine.tick()

    promised = "Evening reminder: <b>on</b>" in settings
    assert promised == ("Next reminder:" in settings), settings
    assert promised == ("Next reminder:" in time_reply), time_reply
    assert promised == (len(reminders_to(harness, ANN)) == 1)


async def test_blocking_the_bot_unschedules_at_once_and_writing_again_resumes(harness: BotHarness) -> None:
    await subscribed_in(harness, ANN, "Berlin")
    harness.api.send_block(ANN)
    await harness.api.wait_for_async(lambda: harness.api.pending_updates() == 0)
    await reply_to(harness, BOB, "/help")  # once answered, every update fetched before is handled (flush)
    view = await harness.services.subscribers.get(ANN)
    assert view is not None and view.blocked and view.next_due_at_utc is None

    harness.clock.advance(hours=9, minutes=1)
    assert (await harness.engine.tick()).due == 0
    assert reminders_to(harness, ANN) == []
    attempts_before = len(harness.api.attempts("sendMessage", ANN))

    await reply_to(harness, ANN, "/time 22:30")  # back again: what they had set up resumes
    view = await harness.services.subscribers.get(ANN)
    assert view is not None and not view.blocked and view.next_due_at_utc is not None
    assert len(harness.api.attempts("sendMessage", ANN)) == attempts_before + 1
