"""Data access for the coaching loop: answers to the evening reminder (Done / Snooze / Skip), check-ins, a
person's own triggers, what progress and insights read, and the person's export and deletion.

Each public method is one transaction. Button presses arrive twice, late or after a deletion; every write
here says what it found instead of failing, so handlers can answer each case briefly.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.checkins import MAX_OWN_TRIGGERS, MAX_STORED_TRIGGERS, Night, own_factor
from bot.core.onset import Onset, parse_onset
from bot.store._answers import SHOWN, SNOOZED, Answer, Buttons, answer_reminder
from bot.store._schedule import subscriber_row
from bot.store._shared import recordable, rowcount
from bot.store.context import StoreContext
from bot.store.db import checkpoint_wal, engine_of
from bot.store.forgets import announce_forget
from bot.store.models import (
    Broadcast,
    BroadcastDelivery,
    Checkin,
    Delivery,
    DoseTime,
    IronInfusion,
    IronResult,
    Medicine,
    MedicineEvent,
    Note,
    OnsetAlert,
    SelfCheckRecord,
    Subscriber,
    Trigger,
)
from bot.store.series import REMINDER, SNOOZE
from bot.store.views import SubscriberView, subscriber_view

# A snooze is for tonight: a reminder older than this cannot be snoozed any more.
SNOOZE_WINDOW = timedelta(hours=12)
# "Keep my answers" with the same answers again this soon is the same self-check kept twice (a double tap, or the
# button pressed again before its message lost it), not a new one.
SELFCHECK_REPEAT_WINDOW = timedelta(minutes=10)


class Response(enum.StrEnum):
    """The person's answer to an evening reminder, stored on its delivery row."""

    DONE = "done"
    SNOOZED = SNOOZED
    SKIPPED = "skipped"


_EVENING_BUTTONS = Buttons(
    REMINDER.kind, SNOOZE, frozenset({Response.DONE.value, Response.SKIPPED.value}), SNOOZE_WINDOW
)


@dataclass(frozen=True)
class ReminderAnswer:
    """What ``CoachingStore.respond`` did, and the reminder's state afterwards."""

    answer: Answer
    response: Response | None = None  # the reminder's response after the press
    snooze_due_at_utc: datetime | None = None


@dataclass(frozen=True)
class CheckinView:
    """A read-only snapshot of one night's check-in: its score, the factors marked and the onset answers."""

    night: date
    score: int
    factors: frozenset[str]
    onset: str | None = None  # when symptoms started that day (a key of bot.core.onset.Onset); None: not answered
    arms: bool | None = None  # the weekly question: did symptoms reach the arms or elsewhere
    sitting: str | None = None  # the weekly question: how long sitting still before they start (bot.core.onset)


@dataclass(frozen=True)
class TriggerView:
    """A read-only snapshot of one of the person's own triggers."""

    id: int
    name: str
    active: bool
    created_at_utc: datetime

    @property
    def factor(self) -> str:
        """The factor key check-ins mark this trigger with (``own:<id>``)."""
        return own_factor(self.id)


class TriggerChange(enum.StrEnum):
    """What adding, renaming or removing a trigger did."""

    DONE = "done"
    TOO_MANY = "too_many"
    DUPLICATE = "duplicate"
    NOT_FOUND = "not_found"
    FULL = "full"  # MAX_STORED_TRIGGERS rows already, each removed one still marked in past check-ins


@dataclass(frozen=True)
class DeliveryRecord:
    """One row of the person's delivery log, for /export."""

    kind: str
    local_date: date
    due_at_utc: datetime
    status: str
    tip_id: str | None
    response: str | None
    responded_at_utc: datetime | None
    slot: str = ""  # a medicine reminder's dose time


@dataclass(frozen=True)
class PersonData:
    """Everything stored about one person, for /export."""

    subscriber: SubscriberView | None
    checkins: list[CheckinView]
    triggers: list[TriggerView]
    deliveries: list[DeliveryRecord]
    broadcasts_received: list[tuple[int, str]]  # (broadcast id, status)
    selfchecks: list[tuple[datetime, dict[str, bool]]]  # the self-checks kept: when, and each answer by question
    onset_alerts: list[tuple[date, datetime, list[dict[str, Any]]]] = field(default_factory=list)  # night, sent, what


@dataclass(frozen=True)
class History:
    """What /progress, /insights and the weekly summary read: check-ins and evening reminders in a range."""

    nights: list[Night]
    reminder_nights: frozenset[date]  # evenings whose reminder the person may have seen
    done_nights: frozenset[date]
    onsets: Mapping[date, Onset] = field(default_factory=dict)  # when symptoms started, on nights answered


def _checkin_view(row: Checkin) -> CheckinView:
    return CheckinView(row.night, row.score, frozenset(row.factors), row.onset, row.arms, row.sitting)


def _trigger_view(row: Trigger) -> TriggerView:
    return TriggerView(row.id, row.name, row.active, row.created_at_utc)


class CoachingStore:
    """A person's answers, check-ins and triggers; a write that needs the subscriber row creates it as
    bot.store.subscribers does."""

    def __init__(self, context: StoreContext) -> None:
        self._context = context
        self._sessions = context.sessions

    # --- the evening reminder's buttons -------------------------------------------------------------

    async def respond(
        self, chat_id: int, local_date: date, response: Response, now: datetime, snooze: timedelta
    ) -> ReminderAnswer:
        """Record Done, Skip or Snooze for one evening's reminder; a snooze schedules one more message
        (bot.store._answers: Done and Skip cancel a snooze still pending; a second snooze finds the first)."""
        answered = await answer_reminder(
            self._context, _EVENING_BUTTONS, (chat_id, local_date, ""), response, now, snooze
        )
        shown = Response(answered.response) if answered.response else None
        return ReminderAnswer(answered.answer, shown, answered.snooze_due_at_utc)

    # --- check-ins ----------------------------------------------------------------------------------

    async def record_score(self, chat_id: int, night: date, score: int, now: datetime) -> CheckinView | None:
        """Set one night's score, creating the check-in (one per night per person) or correcting it.

        None for a chat we hold nothing about (a score tapped on an old message after /delete must not bring
        the person's data back) and for a night that cannot be recorded (``bot.store._shared.recordable``).
        """
        async with self._sessions.begin() as session:
            if not await recordable(session, chat_id, night, now):
                return None
            row = await self._checkin(session, chat_id, night)
            if row is None:
                row = Checkin(
                    chat_id=chat_id, night=night, score=score, factors=[], created_at_utc=now, updated_at_utc=now
                )
                session.add(row)
            else:
                row.score, row.updated_at_utc = score, now
            return _checkin_view(row)

    async def set_factor(
        self, chat_id: int, night: date, factor: str, present: bool, now: datetime
    ) -> CheckinView | None:
        """Mark one factor of a night present or absent (idempotent); None when the night has no check-in or
        can no longer be recorded."""
        async with self._sessions.begin() as session:
            row = await self._checkin(session, chat_id, night)
            if row is None or not await recordable(session, chat_id, night, now):
                return None
            factors = set(row.factors)
            if present:
                factors.add(factor)
            else:
                factors.discard(factor)
            row.factors, row.updated_at_utc = sorted(factors), now
            return _checkin_view(row)

    async def checkin(self, chat_id: int, night: date) -> CheckinView | None:
        """The check-in of ``night``; None when there is none."""
        async with self._sessions() as session:
            row = await self._checkin(session, chat_id, night)
            return _checkin_view(row) if row else None

    async def _checkin(self, session: AsyncSession, chat_id: int, night: date) -> Checkin | None:
        row: Checkin | None = await session.scalar(
            select(Checkin).where(Checkin.chat_id == chat_id, Checkin.night == night)
        )
        return row

    async def history(self, chat_id: int, first: date, last: date) -> History:
        """Check-ins and evening reminders of nights ``first`` to ``last`` inclusive."""
        async with self._sessions() as session:
            checkins = await session.scalars(
                select(Checkin)
                .where(Checkin.chat_id == chat_id, Checkin.night >= first, Checkin.night <= last)
                .order_by(Checkin.night)
            )
            rows = list(checkins)
            nights = [Night(row.night, row.score, frozenset(row.factors)) for row in rows]
            onsets = {row.night: onset for row in rows if (onset := parse_onset(row.onset)) is not None}
            reminders = await session.execute(
                select(Delivery.local_date, Delivery.response).where(
                    Delivery.chat_id == chat_id,
                    Delivery.kind == REMINDER.kind,
                    Delivery.status.in_(SHOWN),
                    Delivery.local_date >= first,
                    Delivery.local_date <= last,
                )
            )
            shown = list(reminders)
        return History(
            nights=nights,
            reminder_nights=frozenset(day for day, _ in shown),
            done_nights=frozenset(day for day, response in shown if response == Response.DONE.value),
            onsets=onsets,
        )

    # --- a person's own triggers --------------------------------------------------------------------

    async def triggers(self, chat_id: int, *, include_removed: bool = False) -> list[TriggerView]:
        """The person's triggers in the order they were added; removed ones only when asked (for history)."""
        async with self._sessions() as session:
            query = select(Trigger).where(Trigger.chat_id == chat_id).order_by(*_ADDED_ORDER)
            if not include_removed:
                query = query.where(Trigger.active.is_(True))
            return [_trigger_view(row) for row in await session.scalars(query)]

    async def add_trigger(self, chat_id: int, name: str, now: datetime) -> TriggerChange:
        """Start asking about ``name``; a removed trigger of that name comes back, with its history.

        At most MAX_STORED_TRIGGERS rows per person, removed ones included (``remove_trigger`` keeps only those
        with a history): FULL when a new row would go beyond.
        """
        async with self._sessions.begin() as session:
            await subscriber_row(self._context, session, chat_id, now)
            stored = list(await session.scalars(select(Trigger).where(Trigger.chat_id == chat_id)))
            active = [row for row in stored if row.active]
            if any(row.name.casefold() == name.casefold() for row in active):
                return TriggerChange.DUPLICATE
            if len(active) >= MAX_OWN_TRIGGERS:
                return TriggerChange.TOO_MANY
            returning = next((row for row in stored if row.name.casefold() == name.casefold()), None)
            if returning is not None:
                # Asked again from now on: insights count its nights from here (bot.handlers.progress.insights).
                returning.name, returning.active, returning.created_at_utc = name, True, now
            elif len(stored) >= MAX_STORED_TRIGGERS:
                return TriggerChange.FULL
            else:
                session.add(Trigger(chat_id=chat_id, name=name, active=True, created_at_utc=now))
            return TriggerChange.DONE

    async def rename_trigger(self, chat_id: int, position: int, name: str) -> TriggerChange:
        """Rename the ``position``-th active trigger (from 1); its history keeps counting under the new name."""
        async with self._sessions.begin() as session:
            active = list(await session.scalars(_active_triggers(chat_id)))
            if not 1 <= position <= len(active):
                return TriggerChange.NOT_FOUND
            if any(row.name.casefold() == name.casefold() for i, row in enumerate(active, 1) if i != position):
                return TriggerChange.DUPLICATE
            active[position - 1].name = name
            return TriggerChange.DONE

    async def remove_trigger(self, chat_id: int, position: int) -> TriggerChange:
        """Stop asking about the ``position``-th active trigger. One that past check-ins marked stays, inactive,
        for their history (and /export); one no check-in marked is deleted, so that removing and adding again
        and again leaves no rows behind."""
        async with self._sessions.begin() as session:
            active = list(await session.scalars(_active_triggers(chat_id)))
            if not 1 <= position <= len(active):
                return TriggerChange.NOT_FOUND
            removed = active[position - 1]
            if own_factor(removed.id) in await _marked_factors(session, chat_id):
                removed.active = False
            else:
                await session.delete(removed)
            return TriggerChange.DONE

    # --- the person's data --------------------------------------------------------------------------

    async def person_data(self, chat_id: int) -> PersonData:
        """Everything stored about the person, read in one transaction (for /export)."""
        async with self._sessions() as session:
            subscriber = await session.get(Subscriber, chat_id)
            checkins = await session.scalars(select(Checkin).where(Checkin.chat_id == chat_id).order_by(Checkin.night))
            triggers = await session.scalars(select(Trigger).where(Trigger.chat_id == chat_id).order_by(Trigger.id))
            deliveries = await session.scalars(
                select(Delivery).where(Delivery.chat_id == chat_id).order_by(Delivery.due_at_utc, Delivery.id)
            )
            received = await session.execute(
                select(BroadcastDelivery.broadcast_id, BroadcastDelivery.status)
                .where(BroadcastDelivery.chat_id == chat_id)
                .order_by(BroadcastDelivery.id)
            )
            kept = await session.scalars(
                select(SelfCheckRecord).where(SelfCheckRecord.chat_id == chat_id).order_by(SelfCheckRecord.id)
            )
            selfchecks = [(row.taken_at_utc, dict(row.answers)) for row in kept]
            alerts = await session.scalars(
                select(OnsetAlert).where(OnsetAlert.chat_id == chat_id).order_by(OnsetAlert.id)
            )
            onset_alerts = [(row.night, row.created_at_utc, list(row.changes)) for row in alerts]
            return PersonData(
                subscriber=subscriber_view(subscriber) if subscriber else None,
                checkins=[_checkin_view(row) for row in checkins],
                triggers=[_trigger_view(row) for row in triggers],
                deliveries=[
                    DeliveryRecord(
                        row.kind,
                        row.local_date,
                        row.due_at_utc,
                        row.status,
                        row.tip_id,
                        row.response,
                        row.responded_at_utc,
                        row.slot,
                    )
                    for row in deliveries
                ],
                broadcasts_received=[(broadcast_id, status) for broadcast_id, status in received],
                selfchecks=selfchecks,
                onset_alerts=onset_alerts,
            )

    async def latest_selfcheck(self, chat_id: int) -> tuple[datetime, dict[str, bool]] | None:
        """The self-check the person kept last (when, and each answer by question id), or None."""
        async with self._sessions() as session:
            row = await session.scalar(_latest_selfcheck(chat_id))
            return None if row is None else (row.taken_at_utc, dict(row.answers))

    async def keep_selfcheck(self, chat_id: int, answers: dict[str, bool], now: datetime) -> bool:
        """Store a self-check the person asked to keep (it is stored nowhere otherwise); False, storing nothing,
        when the same answers were kept less than SELFCHECK_REPEAT_WINDOW ago."""
        async with self._sessions.begin() as session:
            await subscriber_row(self._context, session, chat_id, now)
            await session.flush()  # the subscriber row first: the record refers to it
            latest = await session.scalar(_latest_selfcheck(chat_id))
            if latest is not None and latest.answers == answers and now - latest.taken_at_utc < SELFCHECK_REPEAT_WINDOW:
                return False
            session.add(SelfCheckRecord(chat_id=chat_id, answers=answers, taken_at_utc=now))
            return True

    async def delete_person(self, chat_id: int) -> int:
        """Remove every row about the person from every table (children first); how many rows went.

        Gone for good: every instance drops the person from its caches when this commits, and on SQLite no copy
        of the rows stays in the WAL (secure_delete zeroes them in the file itself).
        """
        async with self._sessions.begin() as session:
            removed = 0
            for statement in (
                delete(Checkin).where(Checkin.chat_id == chat_id),
                delete(OnsetAlert).where(OnsetAlert.chat_id == chat_id),
                delete(DoseTime).where(DoseTime.chat_id == chat_id),
                delete(MedicineEvent).where(MedicineEvent.chat_id == chat_id),
                delete(Medicine).where(Medicine.chat_id == chat_id),
                delete(IronResult).where(IronResult.chat_id == chat_id),
                delete(IronInfusion).where(IronInfusion.chat_id == chat_id),
                delete(SelfCheckRecord).where(SelfCheckRecord.chat_id == chat_id),
                delete(Trigger).where(Trigger.chat_id == chat_id),
                delete(Delivery).where(Delivery.chat_id == chat_id),
                delete(BroadcastDelivery).where(
                    or_(
                        BroadcastDelivery.chat_id == chat_id,
                        BroadcastDelivery.broadcast_id.in_(
                            select(Broadcast.id).where(Broadcast.admin_chat_id == chat_id)
                        ),
                    )
                ),
                delete(Broadcast).where(Broadcast.admin_chat_id == chat_id),
                delete(Note).where(Note.chat_id == chat_id),
                delete(Subscriber).where(Subscriber.chat_id == chat_id),
            ):
                removed += rowcount(await session.execute(statement))
            await announce_forget(session, chat_id)
        await checkpoint_wal(engine_of(self._sessions))
        return removed


# A trigger added back keeps its row and id, so "the order they were added" is the time they were last added.
_ADDED_ORDER = (Trigger.created_at_utc, Trigger.id)


def _latest_selfcheck(chat_id: int) -> Select[SelfCheckRecord]:
    return (
        select(SelfCheckRecord).where(SelfCheckRecord.chat_id == chat_id).order_by(SelfCheckRecord.id.desc()).limit(1)
    )


def _active_triggers(chat_id: int) -> Select[Trigger]:
    return select(Trigger).where(Trigger.chat_id == chat_id, Trigger.active.is_(True)).order_by(*_ADDED_ORDER)


async def _marked_factors(session: AsyncSession, chat_id: int) -> set[str]:
    """Every factor any check-in of the person marked (a person has at most a few hundred check-ins a year)."""
    marked: set[str] = set()
    for factors in await session.scalars(select(Checkin.factors).where(Checkin.chat_id == chat_id)):
        marked.update(factors)
    return marked
