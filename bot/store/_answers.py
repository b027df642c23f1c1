"""Answers to a reminder's buttons (✅ Done or Taken, ⏰ Snooze, Skip), the same for every kind of reminder that has
them: the evening reminder and each medicine reminder. Private to bot.store (the coaching and medicine stores).

The answer is stored on the reminder's delivery row. A snooze is a pending one-off row with the reminder's local
date and slot, unique like every delivery row, so a second press finds it instead of adding another; an answer
cancels a snooze still pending.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.context import StoreContext
from bot.store.models import Delivery
from bot.store.statuses import CANCELLED, PENDING, Outcome

SNOOZED = "snoozed"  # the response a snooze records, whatever the reminder
# Statuses of a reminder the person may have seen.
SHOWN = (Outcome.SENT.value, Outcome.UNKNOWN.value)


class Answer(enum.StrEnum):
    """What pressing a reminder button did."""

    RECORDED = "recorded"
    ALREADY = "already"  # the same press again: nothing changed
    CLOSED = "closed"  # snooze after Done or Skip
    TOO_LATE = "too_late"  # snooze on an old evening's reminder
    GONE = "gone"  # no such reminder (deleted data, or a message we never sent)


@dataclass(frozen=True)
class Buttons:
    """One kind of reminder with buttons: its delivery kind, its snooze's kind, the answers after which it can no
    longer be snoozed, and how long after its due instant a snooze is still taken."""

    kind: str
    snooze_kind: str
    closing: frozenset[str]
    snooze_window: timedelta


@dataclass(frozen=True)
class Answered:
    """What a press did, and the reminder's answer afterwards (the stores turn it into their own enum)."""

    answer: Answer
    response: str | None = None
    snooze_due_at_utc: datetime | None = None


# Whether a snooze is still wanted for this reminder (a medicine stopped since is not snoozed).
StillWanted = Callable[[AsyncSession, Delivery], Awaitable[bool]]


async def answer_reminder(
    context: StoreContext,
    buttons: Buttons,
    reminder_key: tuple[int, date, str],
    response: str,
    now: datetime,
    snooze: timedelta,
    still_wanted: StillWanted | None = None,
) -> Answered:
    """Record ``response`` for the reminder (chat, local date, slot) of ``buttons.kind``; a snooze schedules its
    one-off ``snooze`` from now. One transaction."""
    try:
        async with context.sessions.begin() as session:
            reminder = await session.scalar(
                select(Delivery).where(*_of(buttons.kind, *reminder_key), Delivery.status.in_(SHOWN))
            )
            if reminder is None:
                return Answered(Answer.GONE)
            current = reminder.response
            if response == SNOOZED:
                return await _snooze(context, session, buttons, reminder, now, snooze, still_wanted)
            if current == response:
                return Answered(Answer.ALREADY, current)
            reminder.response, reminder.responded_at_utc = response, now
            await session.execute(
                update(Delivery)
                .where(*_of(buttons.snooze_kind, *reminder_key), Delivery.status == PENDING)
                .values(status=CANCELLED, finished_at_utc=now, detail=f"answered {response}")
            )
            return Answered(Answer.RECORDED, response)
    except IntegrityError:
        return Answered(Answer.ALREADY, SNOOZED)  # a second press raced the first


async def _snooze(
    context: StoreContext,
    session: AsyncSession,
    buttons: Buttons,
    reminder: Delivery,
    now: datetime,
    snooze: timedelta,
    still_wanted: StillWanted | None,
) -> Answered:
    current = reminder.response
    if current in buttons.closing:
        return Answered(Answer.CLOSED, current)
    key = (reminder.chat_id, reminder.local_date, reminder.slot)
    existing = await session.scalar(select(Delivery).where(*_of(buttons.snooze_kind, *key)))
    if existing is not None:
        return Answered(Answer.ALREADY, current, existing.due_at_utc)
    if now - reminder.due_at_utc > buttons.snooze_window:
        return Answered(Answer.TOO_LATE, current)
    if still_wanted is not None and not await still_wanted(session, reminder):
        return Answered(Answer.GONE, current)
    due_at_utc = now + snooze
    session.add(
        Delivery(
            chat_id=reminder.chat_id,
            kind=buttons.snooze_kind,
            local_date=reminder.local_date,
            slot=reminder.slot,
            due_at_utc=due_at_utc,
            tip_id=reminder.tip_id,
            status=PENDING,
        )
    )
    reminder.response, reminder.responded_at_utc = SNOOZED, now
    await session.flush()  # the unique key decides here, inside the try of ``answer_reminder``
    context.notify_scheduled(due_at_utc)
    return Answered(Answer.RECORDED, SNOOZED, due_at_utc)


def _of(kind: str, chat_id: int, local_date: date, slot: str) -> tuple[ColumnElement[bool], ...]:
    return (
        Delivery.chat_id == chat_id,
        Delivery.kind == kind,
        Delivery.local_date == local_date,
        Delivery.slot == slot,
    )
