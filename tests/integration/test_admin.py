"""The admin commands through the real application and the fake Bot API: /stats, /broadcast and its buttons.

Non-admins must learn nothing: their /stats and /broadcast get the very answer an unknown command gets, and a
broadcast button they somehow press is answered like any stale button.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot import __version__
from bot.config import Settings
from bot.delivery.broadcast import render_broadcast
from bot.store import BroadcastStatus
from bot.text import strings
from support.conversation import answer, exchange
from support.fake_bot_api import Call, FakeBotApi
from support.harness import BotHarness, make_settings
from support.store_queries import read_broadcast
from support.telegram_checks import check_message

ADMIN, OTHER_ADMIN = 7001, 7002
ANN, BOB, CAROL = 101, 202, 303  # active subscribers
DAN = 404  # turned the reminder off
EVE = 505  # blocked the bot
FAY = 606  # subscribed, but no time zone yet
ACTIVE = (ANN, BOB, CAROL)
PREVIEW_MESSAGE_ID = 77  # the fake API does not check which message a button hangs under
TEXT = "Tonight <b>22:00</b> & 22:30 UTC: short maintenance.\n\n\nReminders resume after. 🌙"


@pytest.fixture
def admin_ids() -> frozenset[int]:
    return frozenset({ADMIN, OTHER_ADMIN})


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, sqlite_url: str, admin_ids: frozenset[int]) -> Settings:
    return make_settings(fake_api, sqlite_url, admin_chat_ids=admin_ids)


async def population(harness: BotHarness) -> None:
    subscribers, now = harness.services.subscribers, harness.clock()
    for chat_id in (*ACTIVE, DAN, EVE):
        await subscribers.set_zone(chat_id, "Europe/Berlin", now)
        await subscribers.subscribe(chat_id, now)
    await subscribers.unsubscribe(DAN, now)
    await subscribers.mark_blocked(EVE, now)
    await subscribers.subscribe(FAY, now)


def reply_shape(call: Call) -> dict[str, Any]:
    """What the person sees of a reply: everything but the id of the message it answers."""
    return {key: value for key, value in call.params.items() if key not in ("reply_parameters", "reply_to_message_id")}


async def preview(harness: BotHarness, text: str = TEXT) -> tuple[str, int]:
    """Send /broadcast as the admin; the preview's text and the broadcast id from its buttons."""
    call = await answer(harness, ADMIN, f"/broadcast {text}")
    confirm, cancel = call.params["reply_markup"]["inline_keyboard"][0]
    broadcast_id = int(confirm["callback_data"].rsplit(":", 1)[1])
    assert confirm == {"text": strings.BROADCAST_CONFIRM_BUTTON, "callback_data": f"broadcast:confirm:{broadcast_id}"}
    assert cancel == {"text": strings.BROADCAST_CANCEL_BUTTON, "callback_data": f"broadcast:cancel:{broadcast_id}"}
    return str(call.params["text"]), broadcast_id


async def press(harness: BotHarness, chat_id: int, data: str) -> str:
    """Press an inline button; the bot answers the callback (the toast text returned) and sends no message."""
    before = len(harness.api.calls("answerCallbackQuery"))
    send = lambda: harness.api.send_callback(chat_id, data, PREVIEW_MESSAGE_ID)  # noqa: E731
    assert await exchange(harness, chat_id, send) == []
    answers = harness.api.calls("answerCallbackQuery")[before:]
    assert len(answers) == 1
    return str(answers[0].params.get("text", ""))


def edits(harness: BotHarness, chat_id: int) -> list[Call]:
    return [
        call
        for method in ("editMessageText", "editMessageReplyMarkup")
        for call in harness.api.calls(method)
        if call.params.get("chat_id") == chat_id
    ]


def received(harness: BotHarness, chat_id: int, text: str = TEXT) -> list[Call]:
    return [call for call in harness.api.sent_messages(chat_id) if call.params["text"] == render_broadcast(text)]


# --- who may ---------------------------------------------------------------------------------------------


async def test_non_admins_get_exactly_the_unknown_command_answer_and_nothing_changes(harness: BotHarness) -> None:
    await population(harness)
    unknown = reply_shape(await answer(harness, ANN, "/nonsense"))

    for command in ("/stats", "/broadcast", f"/broadcast {TEXT}", "/STATS", "/broadcast@rls_coach_test_bot hi"):
        assert reply_shape(await answer(harness, ANN, command)) == unknown, command

    assert unknown["text"] == strings.UNKNOWN_COMMAND
    assert await read_broadcast(harness.bot_app.store_context.sessions, 1) is None
    assert (await harness.bot_app.broadcaster.tick()).due == 0
    assert all(not received(harness, chat_id) for chat_id in ACTIVE)


@pytest.mark.parametrize("admin_ids", [frozenset()])
async def test_without_admin_chat_ids_nobody_is_an_admin(harness: BotHarness) -> None:
    for chat_id in (ADMIN, ANN):
        for command in ("/stats", "/broadcast hello"):
            assert (await answer(harness, chat_id, command)).params["text"] == strings.UNKNOWN_COMMAND
    assert await read_broadcast(harness.bot_app.store_context.sessions, 1) is None


async def test_broadcast_buttons_of_someone_else_are_answered_like_stale_buttons(harness: BotHarness) -> None:
    await population(harness)
    _, broadcast_id = await preview(harness)
    stale = await press(harness, ANN, "some-old-button")

    for chat_id in (ANN, OTHER_ADMIN):
        for action in ("confirm", "cancel"):
            assert await press(harness, chat_id, f"broadcast:{action}:{broadcast_id}") == stale
    assert await press(harness, ADMIN, "broadcast:confirm:999") == stale

    view = await read_broadcast(harness.bot_app.store_context.sessions, broadcast_id)
    assert view is not None and view.status is BroadcastStatus.DRAFT
    assert edits(harness, ANN) == [] and edits(harness, OTHER_ADMIN) == []


@pytest.mark.parametrize("forged_id", [str(2**63), str(2**64), "9" * 5000, "2147483648", "٣", "0"])
async def test_a_broadcast_button_with_an_id_no_row_can_have_is_answered_and_changes_nothing(
    harness: BotHarness, forged_id: str
) -> None:
    await population(harness)
    _, broadcast_id = await preview(harness)

    for action in ("confirm", "cancel"):
        assert await press(harness, ADMIN, f"broadcast:{action}:{forged_id}") == strings.STALE_BUTTON
    view = await read_broadcast(harness.bot_app.store_context.sessions, broadcast_id)
    assert view is not None and view.status is BroadcastStatus.DRAFT
    assert edits(harness, ADMIN) == []


# --- /stats ----------------------------------------------------------------------------------------------


async def test_stats_shows_subscribers_last_day_backlog_and_version(harness: BotHarness) -> None:
    await population(harness)
    harness.api.fail_chat(BOB, 403, "Forbidden: bot was blocked by the user")
    harness.api.fail_chat(CAROL, 400, "Bad Request: chat not found")
    await harness.services.subscribers.set_zone(FAY, "Europe/London", harness.clock())  # due at 21:00 UTC
    harness.clock.set(harness.clock().replace(hour=20, minute=0))  # 21:00 in Berlin
    assert (await harness.engine.tick()).outcomes == {"sent": 1, "blocked": 1, "failed": 1}
    harness.clock.advance(hours=1, minutes=5)  # Fay's reminder is due, and no tick ran yet

    text = check_message(await answer(harness, ADMIN, "/stats"))

    assert f"RLS Coach {__version__}" in text
    assert "Active (reminder scheduled): <b>3</b>\n" in text  # Ann, Carol (next evening) and Fay
    assert "Waiting for a time zone: 0\n" in text
    assert "Paused (blocked the bot): 2\n" in text  # Eve, and Bob since the tick
    assert "Reminder off: 1\n" in text
    assert "Reminders sent: <b>1</b>\n" in text
    assert "Not delivered: 1 blocked · 1 failed · 0 unknown · 0 missed\n" in text
    assert "Backlog (due, not sent yet): 1\n" in text
    assert "Broadcasts in progress: none" in text


# --- /broadcast ------------------------------------------------------------------------------------------


async def test_broadcast_preview_confirm_and_exactly_one_copy_for_every_active_subscriber(harness: BotHarness) -> None:
    await population(harness)
    text, broadcast_id = await preview(harness)

    assert text.startswith(f"📣 <b>Broadcast #{broadcast_id}: preview</b>\n")
    assert "It goes to <b>3 active subscribers</b> as plain text" in text
    assert text.endswith("\n\n" + render_broadcast(TEXT))
    assert "&lt;b&gt;22:00&lt;/b&gt; &amp; 22:30" in text
    assert (await harness.bot_app.broadcaster.tick()).due == 0  # nothing goes out before Confirm

    assert await press(harness, ADMIN, f"broadcast:confirm:{broadcast_id}") == strings.BROADCAST_ANSWER_STARTED
    (started,) = edits(harness, ADMIN)
    assert started.params["text"].startswith(f"📣 <b>Broadcast #{broadcast_id}: confirmed.</b> Sending to 3 active")
    assert "reply_markup" not in started.params  # the buttons are gone
    stats = check_message(await answer(harness, ADMIN, "/stats"))
    assert f"Broadcasts in progress: #{broadcast_id} (0/3 sent, 0 blocked, 0 failed)" in stats
    for action in ("confirm", "cancel"):  # a second tap, or second thoughts: it is on its way
        answer_text = await press(harness, ADMIN, f"broadcast:{action}:{broadcast_id}")
        assert answer_text == strings.BROADCAST_ANSWER_ALREADY_SENDING

    assert (await harness.bot_app.broadcaster.tick()).outcomes == {"sent": 3}
    assert await press(harness, ADMIN, f"broadcast:confirm:{broadcast_id}") == strings.BROADCAST_ANSWER_ALREADY_DONE
    assert await press(harness, ADMIN, f"broadcast:cancel:{broadcast_id}") == strings.BROADCAST_ANSWER_ALREADY_DONE
    await harness.bot_app.broadcaster.tick()

    for chat_id in ACTIVE:
        (call,) = received(harness, chat_id)
        check_message(call)
    for chat_id in (DAN, EVE, FAY):
        assert harness.api.sent_messages(chat_id) == []
    summary = harness.texts(ADMIN)[-1]
    assert summary == strings.BROADCAST_DONE.format(id=broadcast_id, counts="3/3 sent, 0 blocked, 0 failed")


async def test_broadcast_progress_is_one_message_edited_as_it_goes(harness: BotHarness) -> None:
    subscribers, now = harness.services.subscribers, harness.clock()
    for chat_id in range(1000, 1012):
        await subscribers.set_zone(chat_id, "UTC", now)
        await subscribers.subscribe(chat_id, now)
    broadcaster = harness.bot_app.broadcaster
    broadcaster.progress_every, broadcaster.progress_seconds = 5, 0
    _, broadcast_id = await preview(harness, "Hello")
    await press(harness, ADMIN, f"broadcast:confirm:{broadcast_id}")

    await broadcaster.tick()

    progress = [text for text in harness.texts(ADMIN) if text.startswith("⏳")]
    assert progress == [f"⏳ Broadcast #{broadcast_id}: 5/12 sent, 0 blocked, 0 failed"]
    assert [call.params["text"] for call in edits(harness, ADMIN)[1:]] == [
        f"⏳ Broadcast #{broadcast_id}: 10/12 sent, 0 blocked, 0 failed",
        f"📣 Broadcast #{broadcast_id}: 12/12 sent, 0 blocked, 0 failed. Finished.",
    ]
    assert harness.texts(ADMIN)[-1].startswith(f"✅ <b>Broadcast #{broadcast_id} is done:</b> 12/12 sent")
    assert all(len(received(harness, chat_id, "Hello")) == 1 for chat_id in range(1000, 1012))


async def test_cancel_sends_nothing_and_a_later_confirm_cannot_revive_it(harness: BotHarness) -> None:
    await population(harness)
    _, broadcast_id = await preview(harness)

    assert await press(harness, ADMIN, f"broadcast:cancel:{broadcast_id}") == strings.BROADCAST_ANSWER_CANCELLED
    (cancelled,) = edits(harness, ADMIN)
    assert cancelled.params["text"].startswith(f"✖️ <b>Broadcast #{broadcast_id}: cancelled.</b> Nothing was sent.")
    assert "reply_markup" not in cancelled.params
    confirm_after = await press(harness, ADMIN, f"broadcast:confirm:{broadcast_id}")
    assert confirm_after == strings.BROADCAST_ANSWER_ALREADY_CANCELLED
    await harness.bot_app.broadcaster.tick()

    assert all(harness.api.sent_messages(chat_id) == [] for chat_id in (*ACTIVE, DAN, EVE, FAY))
    view = await read_broadcast(harness.bot_app.store_context.sessions, broadcast_id)
    assert view is not None and view.status is BroadcastStatus.CANCELLED


async def test_broadcast_without_text_too_long_or_without_recipients_explains_and_saves_nothing(
    harness: BotHarness,
) -> None:
    assert (await answer(harness, ADMIN, "/broadcast")).params["text"] == strings.BROADCAST_USAGE
    assert (await answer(harness, ADMIN, "/broadcast   ")).params["text"] == strings.BROADCAST_USAGE
    no_one = await answer(harness, ADMIN, "/broadcast Hello")
    assert no_one.params["text"] == strings.BROADCAST_NO_RECIPIENTS
    await population(harness)
    too_long = str((await answer(harness, ADMIN, "/broadcast " + "🌙" * 2000)).params["text"])
    assert too_long.startswith("That message has 4000 characters; a broadcast can have at most 3796.")

    assert await read_broadcast(harness.bot_app.store_context.sessions, 1) is None


async def test_a_403_during_a_broadcast_pauses_the_reminders_and_a_500_is_retried_later(harness: BotHarness) -> None:
    await population(harness)
    harness.api.fail_chat(ANN, 403, "Forbidden: bot was blocked by the user")
    harness.api.fail_chat(BOB, 500)
    _, broadcast_id = await preview(harness)
    await press(harness, ADMIN, f"broadcast:confirm:{broadcast_id}")

    first = await harness.bot_app.broadcaster.tick()
    assert first.outcomes == {"blocked": 1, "sent": 1} and first.released == 1
    ann = await harness.services.subscribers.get(ANN)
    assert ann is not None and ann.blocked and ann.next_due_at_utc is None
    assert harness.texts(ADMIN)[-1] == f"⏳ Broadcast #{broadcast_id}: 1/3 sent, 1 blocked, 0 failed"

    harness.api.clear_faults()
    assert (await harness.bot_app.broadcaster.tick()).outcomes == {"sent": 1}
    assert len(received(harness, BOB)) == 1
    assert received(harness, ANN) == []
    counts = "2/3 sent, 1 blocked, 0 failed"
    assert harness.texts(ADMIN)[-1] == strings.BROADCAST_DONE.format(id=broadcast_id, counts=counts)
