"""Broadcasts at the store and engine level, on SQLite and PostgreSQL: the recipient list written at confirmation,
single claims, crash recovery without duplicates, 403 and 5xx handling, progress reports, and /stats figures.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from telegram.ext import ExtBot
from tenacity import wait_none

from bot.content import Content
from bot.delivery.broadcast import BroadcastEngine, render_broadcast
from bot.delivery.sender import Sender
from bot.server.metrics import Metrics
from bot.store import BroadcastStatus, BroadcastStore, Finished, Outcome
from bot.text import strings
from support.clock import FakeClock
from support.fake_bot_api import Call, FakeBotApi
from support.harness import claim_one
from support.store_queries import broadcast_log, read_broadcast
from support.stores import Stores, open_stores

ADMIN = 9000
ACTIVE = (11, 12, 13, 14, 15)
OFF, BLOCKED, NO_ZONE = 21, 22, 23
TEXT = "Maintenance tonight <22:00 & 22:30> UTC.\n\nThank you!"
GRACE = timedelta(hours=2)


@pytest.fixture
def broadcasts(stores: Stores) -> BroadcastStore:
    return stores.broadcasts


def make_engine(
    bot: ExtBot[Any], stores: Stores, broadcasts: BroadcastStore, clock: FakeClock, send_rate: float = 25
) -> BroadcastEngine:
    sender = Sender(bot, retry_wait=wait_none())
    return BroadcastEngine(
        sender, broadcasts, stores.subscribers, clock, Metrics(), send_rate=send_rate, progress_seconds=0
    )


@pytest.fixture
def engine(bot: ExtBot[Any], stores: Stores, broadcasts: BroadcastStore, clock: FakeClock) -> BroadcastEngine:
    return make_engine(bot, stores, broadcasts, clock)


async def subscribers(stores: Stores, clock: FakeClock) -> None:
    """Five active subscribers, one who turned reminders off, one who blocked the bot, one without a zone."""
    for chat_id in (*ACTIVE, OFF, BLOCKED):
        await stores.subscribers.set_zone(chat_id, "Europe/Berlin", clock())
        await stores.subscribers.subscribe(chat_id, clock(), time(21, 0))
    await stores.subscribers.unsubscribe(OFF, clock())
    await stores.subscribers.mark_blocked(BLOCKED, clock())
    await stores.subscribers.subscribe(NO_ZONE, clock())


async def confirmed(broadcasts: BroadcastStore, clock: FakeClock, text: str = TEXT) -> int:
    draft = await broadcasts.create_draft(ADMIN, text, clock())
    result = await broadcasts.confirm(draft.id, ADMIN, clock())
    assert result is not None and result[1]
    return draft.id


async def confirmed_failing(
    stores: Stores, broadcasts: BroadcastStore, clock: FakeClock, api: FakeBotApi, *, chat_id: int, status: int
) -> int:
    """The usual subscribers, Telegram answering ``status`` for ``chat_id``, and a confirmed broadcast."""
    await subscribers(stores, clock)
    api.fail_chat(chat_id, status)
    return await confirmed(broadcasts, clock)


def received(api: FakeBotApi, chat_id: int) -> list[Call]:
    return [call for call in api.sent_messages(chat_id) if call.params["text"] == render_broadcast(TEXT)]


def admin_texts(api: FakeBotApi, method: str = "sendMessage") -> list[str]:
    return [str(call.params["text"]) for call in api.calls(method) if call.params.get("chat_id") == ADMIN]


# --- the store -----------------------------------------------------------------------------------------


async def test_confirm_writes_exactly_the_active_subscribers_once(
    stores: Stores, broadcasts: BroadcastStore, clock: FakeClock
) -> None:
    await subscribers(stores, clock)
    draft = await broadcasts.create_draft(ADMIN, TEXT, clock())
    assert draft.status is BroadcastStatus.DRAFT
    assert await broadcast_log(stores.sessions, draft.id) == []

    first = await broadcasts.confirm(draft.id, ADMIN, clock())
    again = await broadcasts.confirm(draft.id, ADMIN, clock())

    assert first is not None and first[1] and first[0].status is BroadcastStatus.SENDING
    assert again is not None and not again[1]
    assert await broadcast_log(stores.sessions, draft.id) == [(chat_id, "pending") for chat_id in ACTIVE]
    assert (await broadcasts.progress(draft.id)).total == len(ACTIVE)
    assert [view.id for view in await broadcasts.sending()] == [draft.id]


async def test_only_the_creating_admin_may_confirm_or_cancel_and_cancel_only_a_draft(
    stores: Stores, broadcasts: BroadcastStore, clock: FakeClock
) -> None:
    await subscribers(stores, clock)
    draft = await broadcasts.create_draft(ADMIN, TEXT, clock())

    assert await broadcasts.confirm(draft.id, ADMIN + 1, clock()) is None
    assert await broadcasts.cancel(draft.id, ADMIN + 1, clock()) is None
    assert await broadcasts.confirm(draft.id + 100, ADMIN, clock()) is None
    cancelled = await broadcasts.cancel(draft.id, ADMIN, clock())
    assert cancelled is not None and cancelled.status is BroadcastStatus.CANCELLED
    after_cancel = await broadcasts.confirm(draft.id, ADMIN, clock())
    assert after_cancel is not None and not after_cancel[1]
    assert after_cancel[0].status is BroadcastStatus.CANCELLED
    assert await broadcast_log(stores.sessions, draft.id) == []

    sending_id = await confirmed(broadcasts, clock)
    still = await broadcasts.cancel(sending_id, ADMIN, clock())
    assert still is not None and still.status is BroadcastStatus.SENDING


async def test_a_row_is_claimed_once_and_someone_who_left_meanwhile_is_skipped(
    stores: Stores, broadcasts: BroadcastStore, clock: FakeClock
) -> None:
    await subscribers(stores, clock)
    broadcast_id = await confirmed(broadcasts, clock)
    first, second, *_ = await broadcasts.pending(broadcast_id, 0, 10)

    assert await broadcasts.claim(first, clock())
    assert not await broadcasts.claim(first, clock())
    await stores.subscribers.unsubscribe(second.chat_id, clock())
    assert not await broadcasts.claim(second, clock())

    rows = dict(await broadcast_log(stores.sessions, broadcast_id))
    assert rows[first.chat_id] == "sending" and rows[second.chat_id] == "skipped"
    assert [row.chat_id for row in await broadcasts.pending(broadcast_id, 0, 10)] == list(ACTIVE[2:])
    assert [row.chat_id for row in await broadcasts.pending(broadcast_id, second.row_id + 1, 10)] == list(ACTIVE[3:])


async def test_complete_waits_for_every_row_and_reports_true_once(
    stores: Stores, broadcasts: BroadcastStore, clock: FakeClock
) -> None:
    await subscribers(stores, clock)
    broadcast_id = await confirmed(broadcasts, clock)
    rows = await broadcasts.pending(broadcast_id, 0, 10)
    for row in rows[:-1]:
        assert await broadcasts.claim(row, clock())
        await broadcasts.finish(row, Outcome.SENT, clock(), None)
    assert not await broadcasts.complete(broadcast_id, clock())

    assert await broadcasts.claim(rows[-1], clock())
    assert await broadcasts.mark_interrupted(clock()) == 0  # its own send may still be under way
    assert await open_stores(stores.sessions).broadcasts.mark_interrupted(clock()) == 1  # as a restarted process
    assert await broadcasts.complete(broadcast_id, clock())
    assert not await broadcasts.complete(broadcast_id, clock())
    view = await read_broadcast(stores.sessions, broadcast_id)
    assert view is not None and view.status is BroadcastStatus.DONE
    assert (await broadcasts.progress(broadcast_id)).counts == {"sent": len(ACTIVE) - 1, "unknown": 1}


async def test_stats_count_subscribers_deliveries_and_backlog(
    stores: Stores, content: Content, clock: FakeClock
) -> None:
    await subscribers(stores, clock)
    due = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)  # 21:00 in Berlin
    clock.set(due)
    outcomes = {11: Outcome.SENT, 12: Outcome.SENT, 13: Outcome.FAILED, 14: Outcome.UNKNOWN}
    for chat_id, outcome in outcomes.items():
        claim = await claim_one(stores.deliveries, chat_id, clock(), content.tip_pool)
        assert claim is not None
        await stores.deliveries.finish([Finished(claim, outcome)], clock())

    stats = await stores.stats.figures(clock())

    assert (stats.active, stats.awaiting_zone, stats.blocked, stats.off) == (len(ACTIVE), 1, 1, 1)
    assert stats.sent_24h == 2
    assert stats.failures_24h == {"blocked": 0, "failed": 1, "unknown": 1, "missed": 0}
    assert stats.backlog == 1  # chat 15 is due and not sent yet
    later = await stores.stats.figures(clock.advance(hours=25))
    assert later.sent_24h == 0 and later.failures_24h["failed"] == 0
    assert later.backlog == len(ACTIVE)


# --- the engine ----------------------------------------------------------------------------------------


async def test_every_active_subscriber_gets_the_broadcast_once_and_the_admin_a_summary(
    stores: Stores, broadcasts: BroadcastStore, engine: BroadcastEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    await subscribers(stores, clock)
    draft = await broadcasts.create_draft(ADMIN, TEXT, clock())
    assert (await engine.tick()).due == 0  # a draft is never sent
    assert await broadcasts.confirm(draft.id, ADMIN, clock()) is not None

    report = await engine.tick()
    await engine.tick()

    assert report.outcomes == {"sent": len(ACTIVE)}
    for chat_id in ACTIVE:
        assert len(received(fake_api, chat_id)) == 1
    for chat_id in (OFF, BLOCKED, NO_ZONE):
        assert fake_api.sent_messages(chat_id) == []
    assert fake_api.sent_messages(ACTIVE[0])[0].params["parse_mode"] == "HTML"
    assert admin_texts(fake_api) == [strings.BROADCAST_DONE.format(id=draft.id, counts="5/5 sent, 0 blocked, 0 failed")]
    view = await read_broadcast(stores.sessions, draft.id)
    assert view is not None and view.status is BroadcastStatus.DONE


async def test_progress_message_is_sent_once_then_edited_and_finished(
    stores: Stores, broadcasts: BroadcastStore, engine: BroadcastEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    chats = range(100, 107)
    for chat_id in chats:
        await stores.subscribers.set_zone(chat_id, "UTC", clock())
        await stores.subscribers.subscribe(chat_id, clock())
    engine.progress_every = 3
    broadcast_id = await confirmed(broadcasts, clock)

    await engine.tick()

    assert admin_texts(fake_api) == [
        f"⏳ Broadcast #{broadcast_id}: 3/7 sent, 0 blocked, 0 failed",
        f"✅ <b>Broadcast #{broadcast_id} is done:</b> 7/7 sent, 0 blocked, 0 failed.",
    ]
    edits = [c for c in fake_api.calls("editMessageText") if c.params["chat_id"] == ADMIN]
    assert [c.params["text"] for c in edits] == [
        f"⏳ Broadcast #{broadcast_id}: 6/7 sent, 0 blocked, 0 failed",
        f"📣 Broadcast #{broadcast_id}: 7/7 sent, 0 blocked, 0 failed. Finished.",
    ]
    view = await read_broadcast(stores.sessions, broadcast_id)
    assert view is not None and {c.params["message_id"] for c in edits} == {view.progress_message_id}


async def test_a_blocked_chat_is_recorded_and_unscheduled_like_after_a_reminder(
    stores: Stores, broadcasts: BroadcastStore, engine: BroadcastEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    broadcast_id = await confirmed_failing(stores, broadcasts, clock, fake_api, chat_id=12, status=403)

    assert (await engine.tick()).outcomes == {"sent": 4, "blocked": 1}

    view = await stores.subscribers.get(12)
    assert view is not None and view.blocked and view.next_due_at_utc is None
    assert dict(await broadcast_log(stores.sessions, broadcast_id))[12] == "blocked"
    assert admin_texts(fake_api)[-1].endswith("4/5 sent, 1 blocked, 0 failed.")


async def test_server_errors_are_retried_on_a_later_tick_and_delivered_once(
    stores: Stores, broadcasts: BroadcastStore, engine: BroadcastEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    broadcast_id = await confirmed_failing(stores, broadcasts, clock, fake_api, chat_id=13, status=500)

    first = await engine.tick()
    assert first.outcomes == {"sent": 4} and first.released == 1
    assert len(fake_api.attempts("sendMessage", 13)) == 4  # the Sender's bounded retries within one tick
    assert dict(await broadcast_log(stores.sessions, broadcast_id))[13] == "pending"
    assert admin_texts(fake_api) == [f"⏳ Broadcast #{broadcast_id}: 4/5 sent, 0 blocked, 0 failed"]

    fake_api.clear_faults()
    assert (await engine.tick()).outcomes == {"sent": 1}
    await engine.tick()
    assert len(received(fake_api, 13)) == 1
    assert admin_texts(fake_api)[-1].endswith("5/5 sent, 0 blocked, 0 failed.")


async def test_a_chat_failing_for_a_day_is_given_up(
    stores: Stores, broadcasts: BroadcastStore, engine: BroadcastEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    broadcast_id = await confirmed_failing(stores, broadcasts, clock, fake_api, chat_id=13, status=502)
    await engine.tick()
    clock.advance(hours=25)

    assert (await engine.tick()).outcomes == {"failed": 1}
    assert dict(await broadcast_log(stores.sessions, broadcast_id))[13] == "failed"
    assert admin_texts(fake_api)[-1].endswith("4/5 sent, 0 blocked, 1 failed.")


async def test_restart_after_a_crash_resends_nothing_and_delivers_the_rest(
    stores: Stores,
    broadcasts: BroadcastStore,
    bot: ExtBot[Any],
    clock: FakeClock,
    fake_api: FakeBotApi,
) -> None:
    await subscribers(stores, clock)
    broadcast_id = await confirmed(broadcasts, clock)
    rows = await broadcasts.pending(broadcast_id, 0, 10)
    # The first process sent two messages, recorded one, and died with the second and third claimed.
    sender = Sender(bot, retry_wait=wait_none())
    for row in rows[:2]:
        assert await broadcasts.claim(row, clock())
        assert (await sender.send(row.chat_id, render_broadcast(TEXT))).outcome is Outcome.SENT
    await broadcasts.finish(rows[0], Outcome.SENT, clock(), None)
    assert await broadcasts.claim(rows[2], clock())

    restarted = make_engine(
        bot, stores, open_stores(stores.sessions).broadcasts, clock
    )  # a new process, a new instance
    assert await restarted.recover() == 2
    report = await restarted.tick()
    await restarted.tick()

    assert report.outcomes == {"sent": 2}
    for chat_id in ACTIVE:
        assert len(received(fake_api, chat_id)) == (0 if chat_id == rows[2].chat_id else 1), chat_id
    assert dict(await broadcast_log(stores.sessions, broadcast_id)) == {
        11: "sent",
        12: "unknown",
        13: "unknown",
        14: "sent",
        15: "sent",
    }
    summary = "3/5 sent, 0 blocked, 0 failed, 2 unknown (cut off by a restart or a timeout)"
    assert admin_texts(fake_api) == [strings.BROADCAST_DONE.format(id=broadcast_id, counts=summary)]


async def test_stop_lets_the_claimed_message_finish_and_claims_no_more(
    stores: Stores, broadcasts: BroadcastStore, bot: ExtBot[Any], clock: FakeClock, fake_api: FakeBotApi
) -> None:
    engine = make_engine(bot, stores, broadcasts, clock, send_rate=5)  # one message in flight at a time
    await subscribers(stores, clock)
    broadcast_id = await confirmed(broadcasts, clock)
    fake_api.delay("sendMessage", 0.3)
    tick = asyncio.create_task(engine.tick())
    await fake_api.wait_for_async(lambda: len(fake_api.attempts("sendMessage")) >= 1)

    await engine.stop()
    await tick

    rows = dict(await broadcast_log(stores.sessions, broadcast_id))
    assert "sending" not in rows.values()
    assert list(rows.values()) == ["sent", "pending", "pending", "pending", "pending"]
    assert len(fake_api.sent_messages()) == 1
    assert (await engine.tick()).due == 0  # a stopped engine claims nothing more
    view = await read_broadcast(stores.sessions, broadcast_id)
    assert view is not None and view.status is BroadcastStatus.SENDING
