"""The delivery engine against the fake Bot API and a real database (SQLite and PostgreSQL).

Time is the injected clock; nothing sleeps to wait for a minute."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from telegram.ext import ExtBot

from bot.content import Content
from bot.core.tips import pool_ids
from bot.delivery.engine import DeliveryEngine
from bot.delivery.sender import Sender
from bot.server.metrics import ACTIVE_SUBSCRIBERS_SECONDS
from bot.store.models import Delivery
from support.clock import FakeClock
from support.fake_bot_api import FakeBotApi
from support.harness import GRACE, BotHarness, claim_one, make_engine
from support.store_queries import delivery_log
from support.stores import Stores, open_stores


@pytest.fixture
def engine(bot: ExtBot[Any], stores: Stores, content: Content, clock: FakeClock) -> DeliveryEngine:
    return make_engine(bot, stores, content, clock)


async def subscribe(stores: Stores, clock: FakeClock, chat_id: int, zone: str, at: time = time(21, 0)) -> datetime:
    await stores.subscribers.set_zone(chat_id, zone, clock())
    view = await stores.subscribers.subscribe(chat_id, clock(), at)
    assert view.next_due_at_utc is not None
    return view.next_due_at_utc


def reminders(api: FakeBotApi, chat_id: int) -> list[str]:
    return [str(call.params["text"]) for call in api.sent_messages(chat_id)]


async def test_reminder_is_sent_once_at_the_local_time_and_again_the_next_evening(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    due = await subscribe(stores, clock, 1, "Europe/Berlin")
    assert due == datetime(2026, 11, 25, 20, 0, tzinfo=UTC)

    clock.set(due - timedelta(seconds=1))
    assert (await engine.tick()).due == 0
    clock.set(due + timedelta(seconds=5))
    assert (await engine.tick()).outcomes == {"sent": 1}
    assert (await engine.tick()).due == 0
    clock.advance(hours=1)
    assert (await engine.tick()).due == 0
    assert len(reminders(fake_api, 1)) == 1
    assert "Good evening" in reminders(fake_api, 1)[0]
    assert fake_api.sent_messages(1)[0].params["parse_mode"] == "HTML"

    clock.set(due + timedelta(days=1, seconds=3))
    await engine.tick()
    assert len(reminders(fake_api, 1)) == 2
    assert (await delivery_log(stores.sessions, 1)) == [
        (1, date(2026, 11, 25), "sent"),
        (1, date(2026, 11, 26), "sent"),
    ]


async def test_subscribers_in_odd_zones_each_get_their_own_local_minute(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    zones = {1: "Asia/Kolkata", 2: "America/St_Johns", 3: "Pacific/Chatham", 4: "Pacific/Kiritimati", 5: "UTC-03:30"}
    dues = {chat: await subscribe(stores, clock, chat, zone, time(20, 15)) for chat, zone in zones.items()}
    for chat, due in sorted(dues.items(), key=lambda item: item[1]):
        clock.set(due)
        await engine.tick()
        assert len(reminders(fake_api, chat)) == 1, zones[chat]
    for chat, due in dues.items():
        if zones[chat].startswith("UTC"):
            continue
        assert due.astimezone(ZoneInfo(zones[chat])).time() == time(20, 15)
    assert all(len(reminders(fake_api, chat)) == 1 for chat in zones)


async def test_unsubscribed_chat_gets_nothing(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    due = await subscribe(stores, clock, 1, "Europe/Berlin")
    await subscribe(stores, clock, 2, "Europe/Berlin")
    await stores.subscribers.unsubscribe(2, clock())
    clock.set(due)
    await engine.tick()
    assert len(reminders(fake_api, 1)) == 1
    assert reminders(fake_api, 2) == []


async def test_blocked_chat_is_marked_and_never_retried_while_others_are_served(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    due = await subscribe(stores, clock, 1, "Europe/Berlin")
    await subscribe(stores, clock, 2, "Europe/Berlin")
    fake_api.fail_chat(1, 403, "Forbidden: bot was blocked by the user")
    clock.set(due)
    report = await engine.tick()
    assert report.outcomes == {"blocked": 1, "sent": 1}
    view = await stores.subscribers.get(1)
    assert view is not None and view.blocked and view.next_due_at_utc is None
    clock.advance(days=3)
    await engine.tick()
    assert len(fake_api.attempts("sendMessage", 1)) == 1
    assert len(reminders(fake_api, 2)) == 4 - 3  # one per evening; the clock jumped past the grace window


async def test_subscribing_again_after_blocking_restores_reminders(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    due = await subscribe(stores, clock, 1, "Europe/Berlin")
    fake_api.fail_chat(1, 403, times=1)
    clock.set(due)
    await engine.tick()
    view = await stores.subscribers.subscribe(1, clock())
    assert not view.blocked
    assert view.next_due_at_utc == due + timedelta(days=1)
    clock.set(due + timedelta(days=1))
    await engine.tick()
    assert len(reminders(fake_api, 1)) == 1


async def test_rate_limited_send_waits_retry_after_and_is_delivered_once(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    due = await subscribe(stores, clock, 1, "Europe/Berlin")
    await subscribe(stores, clock, 2, "Europe/Berlin")
    fake_api.fail_next("sendMessage", 429, retry_after=1, times=2)
    clock.set(due)
    report = await engine.tick()
    assert report.outcomes == {"sent": 2}
    assert len(reminders(fake_api, 1)) == 1 and len(reminders(fake_api, 2)) == 1
    assert len(fake_api.attempts("sendMessage")) == 4


async def test_server_errors_are_retried_with_backoff_then_delivered(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    due = await subscribe(stores, clock, 1, "Europe/Berlin")
    fake_api.fail_chat(1, 500, times=2)
    clock.set(due)
    assert (await engine.tick()).outcomes == {"sent": 1}
    assert len(fake_api.attempts("sendMessage", 1)) == 3
    assert len(reminders(fake_api, 1)) == 1


async def test_lasting_outage_is_retried_on_later_ticks_then_skipped_after_the_grace_window(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    due = await subscribe(stores, clock, 1, "Europe/Berlin")
    fake_api.fail_chat(1, 502)
    clock.set(due)
    report = await engine.tick()
    assert report.released == 1 and report.outcomes == {}
    assert len(fake_api.attempts("sendMessage", 1)) == 4  # bounded retries within one tick
    assert (await stores.subscribers.get(1)).next_due_at_utc == due  # type: ignore[union-attr]

    fake_api.clear_faults()
    clock.advance(minutes=30)
    assert (await engine.tick()).outcomes == {"sent": 1}

    fake_api.fail_chat(1, 500)
    next_due = due + timedelta(days=1)
    clock.set(next_due)
    await engine.tick()
    clock.set(next_due + GRACE + timedelta(minutes=1))
    await engine.tick()
    assert (await delivery_log(stores.sessions, 1))[-1] == (1, date(2026, 11, 26), "missed")
    assert (await stores.subscribers.get(1)).next_due_at_utc == next_due + timedelta(days=1)  # type: ignore[union-attr]
    assert len(reminders(fake_api, 1)) == 1


async def test_rejected_message_is_logged_and_skipped_to_the_next_evening(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    due = await subscribe(stores, clock, 1, "Europe/Berlin")
    fake_api.fail_chat(1, 400, "Bad Request: chat not found", times=1)
    clock.set(due)
    assert (await engine.tick()).outcomes == {"failed": 1}
    assert len(fake_api.attempts("sendMessage", 1)) == 1
    clock.set(due + timedelta(days=1))
    assert (await engine.tick()).outcomes == {"sent": 1}


async def test_reminders_missed_by_downtime_are_sent_within_grace_and_skipped_after(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    due_recent = await subscribe(stores, clock, 1, "Europe/Berlin", time(21, 0))
    due_old = await subscribe(stores, clock, 2, "Europe/Berlin", time(18, 0))
    clock.set(due_recent + timedelta(minutes=90))  # the bot was down from before 18:00 to 22:30 local
    report = await engine.tick()
    assert report.outcomes == {"sent": 1}
    assert len(reminders(fake_api, 1)) == 1
    assert reminders(fake_api, 2) == []
    assert (await stores.subscribers.get(2)).next_due_at_utc == due_old + timedelta(days=1)  # type: ignore[union-attr]


async def test_send_interrupted_by_a_crash_is_never_sent_again(
    stores: Stores, bot: ExtBot[Any], content: Content, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    due = await subscribe(stores, clock, 1, "Europe/Berlin")
    clock.set(due)
    # The process dies right after this commit.
    claim = await claim_one(stores.deliveries, 1, clock(), content.tip_pool)
    assert claim is not None
    # A new process: the same database, another instance. Its own claims it would never settle.
    assert await make_engine(bot, stores, content, clock).recover() == 0
    restarted = make_engine(bot, open_stores(stores.sessions), content, clock)
    assert await restarted.recover() == 1
    clock.advance(minutes=1)
    assert (await restarted.tick()).due == 0
    assert reminders(fake_api, 1) == []
    assert (await delivery_log(stores.sessions, 1)) == [(1, date(2026, 11, 25), "unknown")]
    clock.set(due + timedelta(days=1))
    assert (await restarted.tick()).outcomes == {"sent": 1}


async def test_an_evening_is_never_claimed_twice(stores: Stores, content: Content, clock: FakeClock) -> None:
    due = await subscribe(stores, clock, 1, "Europe/Berlin")
    clock.set(due)
    assert await claim_one(stores.deliveries, 1, clock(), content.tip_pool) is not None
    # The person moves the reminder later the same evening: that evening already has its reminder.
    view = await stores.subscribers.set_time(1, time(23, 0), clock())
    assert view.next_due_at_utc == datetime(2026, 11, 26, 22, 0, tzinfo=UTC)
    await stores.subscribers.subscribe(1, clock())
    clock.set(datetime(2026, 11, 25, 22, 30, tzinfo=UTC))
    assert await claim_one(stores.deliveries, 1, clock(), content.tip_pool) is None


async def test_changing_the_time_during_a_failed_send_keeps_the_new_schedule(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi, content: Content
) -> None:
    due = await subscribe(stores, clock, 1, "Europe/Berlin")
    clock.set(due)
    claim = await claim_one(stores.deliveries, 1, clock(), content.tip_pool)
    assert claim is not None
    changed = await stores.subscribers.set_time(1, time(22, 0), clock())
    await stores.deliveries.release(claim, clock())
    assert (await stores.subscribers.get(1)).next_due_at_utc == changed.next_due_at_utc  # type: ignore[union-attr]


async def test_paid_broadcasts_are_asked_for_only_when_allowed(
    bot: ExtBot[Any], stores: Stores, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    await Sender(bot, paid_broadcast=True).send(1, "paid")
    await Sender(bot, bulk_rate=20).send(2, "free")
    assert fake_api.sent_messages(1)[0].params["allow_paid_broadcast"] in (True, "true")
    assert "allow_paid_broadcast" not in fake_api.sent_messages(2)[0].params


async def test_same_minute_batch_goes_out_in_due_order(
    stores: Stores, bot: ExtBot[Any], content: Content, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    single_worker = make_engine(bot, stores, content, clock, send_rate=5)
    order = []
    for minute in (5, 1, 4, 2, 3):
        chat_id = 100 + minute
        await subscribe(stores, clock, chat_id, "UTC", time(20, minute))
        order.append((minute, chat_id))
    clock.set(datetime(2026, 11, 25, 20, 10, tzinfo=UTC))
    await single_worker.tick()
    sent_order = [call.params["chat_id"] for call in fake_api.sent_messages()]
    assert sent_order == [chat_id for _, chat_id in sorted(order)]


async def test_many_subscribers_due_at_once_each_get_exactly_one(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    chats = range(1000, 1060)
    for chat_id in chats:
        due = await subscribe(stores, clock, chat_id, "America/New_York")
    fake_api.fail_chat(1007, 403)
    fake_api.fail_chat(1011, 500, times=1)
    clock.set(due + timedelta(seconds=10))
    report = await engine.tick()
    assert report.due == 60
    assert report.outcomes == {"sent": 59, "blocked": 1}
    assert sorted(call.params["chat_id"] for call in fake_api.sent_messages()) == [c for c in chats if c != 1007]


async def test_dst_spring_forward_and_fall_back_fire_once_per_evening(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    clock.set(datetime(2026, 3, 27, 12, 0, tzinfo=UTC))
    await subscribe(stores, clock, 1, "Europe/Berlin", time(2, 30))
    sent_at: list[datetime] = []
    for _ in range(24 * 4 * 4):  # four days in 15-minute ticks across the spring-forward night
        clock.advance(minutes=15)
        if (await engine.tick()).outcomes:
            sent_at.append(clock())
    local_days = [at.astimezone(ZoneInfo("Europe/Berlin")) for at in sent_at]
    assert [d.date() for d in local_days] == [
        date(2026, 3, 28),
        date(2026, 3, 29),
        date(2026, 3, 30),
        date(2026, 3, 31),
    ]
    assert local_days[1].time() == time(3, 0)  # 02:30 did not exist that night

    clock.set(datetime(2026, 10, 23, 12, 0, tzinfo=UTC))
    await stores.subscribers.subscribe(1, clock())
    sent_at.clear()
    for _ in range(24 * 4 * 3):
        clock.advance(minutes=15)
        if (await engine.tick()).outcomes:
            sent_at.append(clock())
    assert [at.astimezone(ZoneInfo("Europe/Berlin")).date() for at in sent_at] == [
        date(2026, 10, 24),
        date(2026, 10, 25),
        date(2026, 10, 26),
    ]


async def test_tips_do_not_repeat_until_all_were_shown(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi, content: Content
) -> None:
    """Every tip of the person's topics (the defaults) once, then the cycle starts again."""
    due = await subscribe(stores, clock, 1, "UTC")
    pool = sorted(pool_ids(content.tip_pool()))
    for day in range(len(pool) + 1):
        clock.set(due + timedelta(days=day))
        await engine.tick()
    titles = [text.split("💡 <b>", 1)[1].split("</b>", 1)[0] for text in reminders(fake_api, 1)]
    library = content.library("en")
    assert sorted(titles[: len(pool)]) == sorted(tip.title for tip_id in pool if (tip := library.tip(tip_id)))
    assert titles[len(pool)] == titles[0]  # the same personal order again


async def test_bulk_sends_leave_a_fifth_of_the_rate_for_replies(harness: BotHarness) -> None:
    """Scheduled messages and broadcasts are gated at 80 % of SEND_RATE (25): replies never queue behind them."""
    assert harness.bot_app.sender.bulk_rate == pytest.approx(20)


async def test_the_active_subscriber_gauge_is_recounted_at_most_every_five_minutes(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full count on every tick made the idle tick grow with the population; the gauge may lag instead."""
    counts = 0
    count_scheduled = stores.deliveries.count_scheduled

    async def counting() -> int:
        nonlocal counts
        counts += 1
        return await count_scheduled()

    monkeypatch.setattr(stores.deliveries, "count_scheduled", counting)
    wall = [1000.0]
    monkeypatch.setattr("bot.delivery.engine.time.monotonic", lambda: wall[0])
    await engine.tick()
    wall[0] += ACTIVE_SUBSCRIBERS_SECONDS - 1
    await engine.tick()
    assert counts == 1
    wall[0] += 1
    await engine.tick()
    assert counts == 2


async def test_the_delivery_log_is_pruned_past_retention_but_never_pending_or_in_flight_rows(
    stores: Stores, clock: FakeClock
) -> None:
    await stores.subscribers.set_zone(1, "Europe/Berlin", clock())
    today = clock().date()
    rows = {
        (today - timedelta(days=500), "reminder"): "sent",
        (today - timedelta(days=401), "checkin"): "unknown",
        (today - timedelta(days=450), "snooze"): "pending",  # never touched, however old
        (today - timedelta(days=399), "reminder"): "sent",
        (today - timedelta(days=1), "reminder"): "sent",
    }
    async with stores.sessions.begin() as session:
        for (day, kind), status in rows.items():
            finished = clock() - (today - day) if status != "pending" else None
            session.add(
                Delivery(
                    chat_id=1, kind=kind, local_date=day, due_at_utc=clock(), status=status, finished_at_utc=finished
                )
            )
    assert await stores.deliveries.prune(clock() - timedelta(days=400), batch=1) == 2
    kept = [(day, status) for _, day, status in await delivery_log(stores.sessions, 1)]
    assert kept == [(today - timedelta(days=399), "sent"), (today - timedelta(days=1), "sent")]
    assert await delivery_log(stores.sessions, 1, kind="snooze") == [(1, today - timedelta(days=450), "pending")]


async def test_next_due_at_is_the_earliest_instant_of_any_kind_strictly_after(stores: Stores, clock: FakeClock) -> None:
    scheduled: list[datetime] = []
    stores.context.on_scheduled = scheduled.append
    assert await stores.deliveries.next_due_at(clock()) is None
    reminder = await subscribe(stores, clock, 1, "Europe/Berlin")  # 20:00 UTC
    await stores.subscribers.set_zone(2, "Asia/Kolkata", clock())
    checkin = (await stores.subscribers.set_checkin(2, True, clock(), time(18, 0))).next_checkin_at_utc  # 12:30 UTC
    assert scheduled[-2:] == [reminder, checkin]
    snooze = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    rows = [
        ("snooze", snooze, "pending"),
        ("reminder", snooze - timedelta(hours=1), "sent"),  # a finished row is never due again
        ("checkin", clock() - timedelta(minutes=1), "pending"),  # due already: not after now
    ]
    async with stores.sessions.begin() as session:
        for kind, due_at, status in rows:
            session.add(Delivery(chat_id=1, kind=kind, local_date=clock().date(), due_at_utc=due_at, status=status))

    assert checkin == datetime(2026, 11, 25, 12, 30, tzinfo=UTC)
    assert await stores.deliveries.next_due_at(clock()) == checkin
    assert await stores.deliveries.next_due_at(checkin) == snooze  # strictly after
    assert await stores.deliveries.next_due_at(snooze) == reminder
    assert await stores.deliveries.next_due_at(reminder) is None
    assert await stores.deliveries.next_due_at(clock(), only_chat_id=1) == snooze
    assert await stores.deliveries.next_due_at(checkin, only_chat_id=2) is None


async def test_a_backlog_bigger_than_a_batch_drains_in_one_tick(
    stores: Stores, engine: DeliveryEngine, clock: FakeClock, fake_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batch after batch, in due order, without waiting a period between batches."""
    monkeypatch.setattr(engine, "_workers", 2)  # a batch is one message per sender
    for chat_id, zone in ((1, "Europe/London"), (2, "Europe/Berlin"), (3, "Europe/Berlin")):
        due = await subscribe(stores, clock, chat_id, zone)
    clock.set(due + timedelta(hours=1, seconds=1))
    report = await engine.tick()
    assert report.due == 3 and report.next_due_at == due + timedelta(days=1)
    assert [int(message.params["chat_id"]) for message in fake_api.sent_messages()] == [2, 3, 1]
    assert (await engine.tick()).due == 0


@pytest.mark.parametrize("send_rate", [25, 100])
async def test_no_more_are_claimed_than_there_are_senders(
    bot: ExtBot[Any], stores: Stores, content: Content, clock: FakeClock, fake_api: FakeBotApi, send_rate: float
) -> None:
    """A tick keeps its senders busy, claiming more as half of them free up, but never holds more claimed messages
    that have not reached Telegram than it has senders: a crash cuts off at most that many. (Sent ones wait a
    moment for their outcome to be written with others; a crash then would only log them ``unknown``.)"""
    engine = make_engine(bot, stores, content, clock, send_rate=send_rate)
    people = 3 * engine.workers + 2
    for chat_id in range(1, people + 1):
        due = await subscribe(stores, clock, chat_id, "Europe/Berlin")
    clock.set(due)
    fake_api.delay("sendMessage", 0.2)
    tick = asyncio.create_task(engine.tick())
    unsent: list[int] = []
    claimed: list[int] = []
    while not tick.done():
        async with stores.sessions() as session:
            sending = set(await session.scalars(select(Delivery.chat_id).where(Delivery.status == "sending")))
        reached = {call.params["chat_id"] for call in fake_api.attempts("sendMessage")}
        unsent.append(len(sending - reached))
        claimed.append(len(sending))
        await asyncio.sleep(0.02)
    assert (await tick).outcomes == {"sent": people}
    assert max(unsent) <= engine.workers
    assert max(claimed) > engine.workers // 2  # the senders did work in parallel
    assert sorted(call.params["chat_id"] for call in fake_api.sent_messages()) == list(range(1, people + 1))
