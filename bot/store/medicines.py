"""A person's medicines: the list, dated events (started, dose changed, stopped, restarted), usual times and the
reminders at them (dose times, scheduled as bot.store._schedule says), and the answers to those reminders.

Each public method is one transaction, and every query is scoped by chat id: a button naming another person's
medicine or dose time finds nothing. The dose is the person's own text, stored and shown as written, never read.

The list is ordered medicines taken first, then stopped ones, each in the order they were added; a medicine's
position in that order (from 1) is what ``/meds dose N`` names. Events keep the timeline in date order: a change is
dated on or after the medicine's latest event, and never after the person's today.

Usual times are the medicine's dose times; each is a series of reminders keyed by its row id (the delivery log's
slot). Changing the times keeps the rows of times that stay, and moves the others to the new times before adding
or dropping any, so a dose already reminded of today is not reminded of again today at its new time.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.medicine_commands import TIMES_MAX
from bot.core.zones import zone_from_name
from bot.store._answers import SNOOZED, Answer, Buttons, answer_reminder
from bot.store._schedule import reschedule_doses, subscriber_row
from bot.store.context import StoreContext
from bot.store.models import Delivery, DoseTime, Medicine, MedicineEvent, Subscriber
from bot.store.series import DOSE, DOSE_SNOOZE
from bot.store.statuses import CANCELLED, PENDING

MAX_TAKING = 20  # medicines taken at once, per person
MAX_STORED = 40  # medicines kept per person, stopped ones included (they stay for the history)
MAX_TIMES = TIMES_MAX  # usual times of one medicine
MAX_EVENTS = 200  # dated changes of one medicine
EARLIEST_DATE = date(1940, 1, 1)  # a start before this is a typo of the year, not a date to record
# A medicine reminder is about one dose: snoozing it hours later would remind of a dose long past.
DOSE_SNOOZE_WINDOW = timedelta(hours=3)

STARTED, DOSE_CHANGED, STOPPED, RESTARTED = "started", "dose_changed", "stopped", "restarted"


@dataclass(frozen=True)
class MedicineView:
    """A read-only snapshot of one medicine: its name, current dose as written, usual times and reminder."""

    id: int
    catalogue_key: str | None  # a key of content/medicines.toml; None for a name the person typed
    name: str
    dose: str | None
    reminders_on: bool
    stopped_on: date | None  # None while taken
    times: tuple[time, ...]  # the usual local times, earliest first


@dataclass(frozen=True)
class MedicineEventView:
    """One dated change of a medicine, for the timeline, the chart's markers and the export."""

    medicine_id: int
    name: str
    catalogue_key: str | None
    kind: str  # started | dose_changed | stopped | restarted
    on_date: date
    dose: str | None  # the dose from that date on, as written


@dataclass(frozen=True)
class DoseReminderView:
    """What one medicine reminder shows: the medicine, its dose as written and the dose time."""

    medicine_id: int
    name: str
    catalogue_key: str | None
    dose: str | None
    local_time: time


class MedicineChange(enum.StrEnum):
    """What a change to the list did."""

    DONE = "done"
    ALREADY = "already"  # it was so already: nothing changed
    NOT_FOUND = "not_found"  # no such medicine of this person (deleted, or someone else's button)
    STOPPED = "stopped"  # the medicine is stopped: restart it first
    NOT_STOPPED = "not_stopped"  # restart of a medicine that is taken
    TOO_MANY = "too_many"  # MAX_TAKING taken already
    FULL = "full"  # MAX_STORED kept already
    NO_TIMES = "no_times"  # a reminder needs usual times
    BEFORE_LAST = "before_last"  # dated before the medicine's latest event (``day`` says which)
    FUTURE = "future"  # dated after the person's today
    TOO_OLD = "too_old"  # dated before EARLIEST_DATE
    TOO_MANY_CHANGES = "too_many_changes"  # MAX_EVENTS recorded already


@dataclass(frozen=True)
class MedicineResult:
    """What a change did, and the medicine afterwards: its snapshot and position in the list, the date the change
    was recorded on (for BEFORE_LAST the date of the latest event; for ALREADY on a stop, the stop's date), and
    its next reminder when one is scheduled."""

    change: MedicineChange
    medicine: MedicineView | None = None
    position: int | None = None
    day: date | None = None
    next_due_at_utc: datetime | None = None


class DoseResponse(enum.StrEnum):
    """The person's answer to a medicine reminder, stored on its delivery row."""

    TAKEN = "taken"
    SNOOZED = SNOOZED
    SKIPPED = "skipped"


_DOSE_BUTTONS = Buttons(
    DOSE, DOSE_SNOOZE, frozenset({DoseResponse.TAKEN.value, DoseResponse.SKIPPED.value}), DOSE_SNOOZE_WINDOW
)


async def _still_reminded(session: AsyncSession, reminder: Delivery) -> bool:
    """Whether the reminder's medicine is still taken with its reminder on (a snooze is only for those)."""
    wanted = await session.scalar(
        select(Medicine.id)
        .join(DoseTime, DoseTime.medicine_id == Medicine.id)
        .where(
            DoseTime.id == int(reminder.slot),
            Medicine.chat_id == reminder.chat_id,
            Medicine.stopped_on.is_(None),
            Medicine.reminders_on.is_(True),
        )
    )
    return wanted is not None


@dataclass(frozen=True)
class DoseAnswer:
    """What pressing a medicine reminder's button did, and the reminder's state afterwards."""

    answer: Answer
    response: DoseResponse | None = None
    snooze_due_at_utc: datetime | None = None


def _taking_first(rows: Sequence[Medicine]) -> list[Medicine]:
    return sorted(rows, key=lambda row: (row.stopped_on is not None, row.id))


def _today(subscriber: Subscriber | None, now: datetime) -> date:
    """The person's local date (UTC's while no zone is known)."""
    zone = zone_from_name(subscriber.zone_name) if subscriber is not None and subscriber.zone_name else UTC
    return now.astimezone(zone).date()


def _date_problem(day: date, today: date) -> MedicineChange | None:
    if day > today:
        return MedicineChange.FUTURE
    if day < EARLIEST_DATE:
        return MedicineChange.TOO_OLD
    return None


def _slots_of(dose_time_ids: Sequence[int]) -> list[str]:
    return [str(dose_time_id) for dose_time_id in dose_time_ids]


class MedicineStore:
    """A person's medicines, their timeline and their reminders."""

    def __init__(self, context: StoreContext) -> None:
        self._context = context
        self._sessions = context.sessions

    # --- reading ------------------------------------------------------------------------------------

    async def medicines(self, chat_id: int, *, include_stopped: bool = False) -> list[MedicineView]:
        """The person's medicines in list order (taken first, then stopped): ``/meds dose N`` names the N-th of
        ``medicines(chat_id, include_stopped=True)``; the taken ones have the same positions either way."""
        async with self._sessions() as session:
            rows = await self._rows(session, chat_id)
            if not include_stopped:
                rows = [row for row in rows if row.stopped_on is None]
            times = await self._times(session, chat_id)
            return [_view(row, times.get(row.id, ())) for row in rows]

    async def medicine(self, chat_id: int, medicine_id: int) -> tuple[int, MedicineView] | None:
        """The person's medicine ``medicine_id`` with its position in the list; None when they have no such one."""
        async with self._sessions() as session:
            rows = await self._rows(session, chat_id)
            found = _position(rows, medicine_id)
            if found is None:
                return None
            times = await self._times(session, chat_id, medicine_id)
            return found[0], _view(found[1], times.get(medicine_id, ()))

    async def next_reminder_at(self, chat_id: int, medicine_id: int) -> datetime | None:
        """The next reminder of the medicine at any of its times; None when none is scheduled."""
        async with self._sessions() as session:
            found: datetime | None = await session.scalar(
                select(func.min(DoseTime.next_due_at_utc)).where(
                    DoseTime.chat_id == chat_id, DoseTime.medicine_id == medicine_id
                )
            )
            return found

    async def events(self, chat_id: int) -> list[MedicineEventView]:
        """The person's timeline: every dated change of every medicine, oldest first."""
        async with self._sessions() as session:
            rows = await session.execute(
                select(MedicineEvent, Medicine.name, Medicine.catalogue_key)
                .join(Medicine, Medicine.id == MedicineEvent.medicine_id)
                .where(MedicineEvent.chat_id == chat_id, Medicine.chat_id == chat_id)
                .order_by(MedicineEvent.on_date, MedicineEvent.id)
            )
            return [
                MedicineEventView(event.medicine_id, name, key, event.kind, event.on_date, event.dose)
                for event, name, key in rows
            ]

    async def dose_reminder(self, chat_id: int, slot: str) -> DoseReminderView | None:
        """What the reminder of dose time ``slot`` (its id, as the delivery log keeps it) shows; None when the
        person has no such dose time."""
        if not slot.isascii() or not slot.isdigit() or len(slot) > 10:
            return None
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(DoseTime.local_time, Medicine)
                    .join(Medicine, Medicine.id == DoseTime.medicine_id)
                    .where(DoseTime.id == int(slot), DoseTime.chat_id == chat_id, Medicine.chat_id == chat_id)
                )
            ).first()
            if row is None:
                return None
            local_time, medicine = row
            return DoseReminderView(medicine.id, medicine.name, medicine.catalogue_key, medicine.dose, local_time)

    # --- changing the list --------------------------------------------------------------------------

    async def add(
        self,
        chat_id: int,
        name: str,
        now: datetime,
        *,
        catalogue_key: str | None = None,
        dose: str | None = None,
        times: Sequence[time] = (),
        start: date | None = None,
        remind: bool = False,
    ) -> MedicineResult:
        """Add a medicine taken since ``start`` (None: the person's today), with a ``started`` event; reminders at
        its ``times`` only when ``remind``."""
        times = sorted(set(times))
        if len(times) > MAX_TIMES:
            raise ValueError(f"at most {MAX_TIMES} times")
        async with self._sessions.begin() as session:
            subscriber = await self._locked_subscriber(session, chat_id, now)
            day = start or _today(subscriber, now)
            problem = _date_problem(day, _today(subscriber, now))
            if problem is not None:
                return MedicineResult(problem, day=day)
            rows = await self._rows(session, chat_id)
            if sum(1 for row in rows if row.stopped_on is None) >= MAX_TAKING:
                return MedicineResult(MedicineChange.TOO_MANY)
            if len(rows) >= MAX_STORED:
                return MedicineResult(MedicineChange.FULL)
            medicine = Medicine(
                chat_id=chat_id,
                catalogue_key=catalogue_key,
                name=name,
                dose=dose,
                reminders_on=remind and bool(times),
                stopped_on=None,
                created_at_utc=now,
                updated_at_utc=now,
            )
            session.add(medicine)
            await session.flush()
            self._event(session, medicine, STARTED, day, now)
            for local_time in times:
                session.add(DoseTime(chat_id=chat_id, medicine_id=medicine.id, local_time=local_time))
            await session.flush()
            return await self._done(session, subscriber, medicine, now, day)

    async def change_dose(
        self, chat_id: int, medicine_id: int, dose: str, now: datetime, on_date: date | None = None
    ) -> MedicineResult:
        """Record the dose taken from ``on_date`` (None: today). A change on the day of the latest start or dose
        change corrects that event's dose rather than adding another."""
        async with self._sessions.begin() as session:
            found = await self._medicine_for_change(session, chat_id, medicine_id, now, on_date)
            if isinstance(found, MedicineResult):
                return found
            subscriber, medicine, day, latest = found
            if medicine.stopped_on is not None:
                return await self._result(session, MedicineChange.STOPPED, medicine, day=medicine.stopped_on)
            if medicine.dose == dose:
                return await self._result(session, MedicineChange.ALREADY, medicine, day=day)
            if latest is not None and latest.on_date == day and latest.kind in (STARTED, RESTARTED, DOSE_CHANGED):
                latest.dose = dose  # the same day: a correction of what was recorded
            elif await self._event_count(session, medicine.id) >= MAX_EVENTS:
                return await self._result(session, MedicineChange.TOO_MANY_CHANGES, medicine)
            else:
                self._event(session, medicine, DOSE_CHANGED, day, now, dose)
            medicine.dose, medicine.updated_at_utc = dose, now
            return await self._done(session, subscriber, medicine, now, day)

    async def set_times(self, chat_id: int, medicine_id: int, times: Sequence[time], now: datetime) -> MedicineResult:
        """Set the usual times (none clears them and turns the reminder off). Times that stay keep their rows and
        their reminders' history; the others move to the new times, so a dose reminded of today is not reminded of
        again today; only then are rows added or dropped. A snooze of a moved or dropped time is cancelled."""
        wanted = sorted(set(times))
        if len(wanted) > MAX_TIMES:
            raise ValueError(f"at most {MAX_TIMES} times")
        async with self._sessions.begin() as session:
            subscriber = await session.get(Subscriber, chat_id)
            medicine = await self._own(session, chat_id, medicine_id)
            if subscriber is None or medicine is None:
                return MedicineResult(MedicineChange.NOT_FOUND)
            rows = list(
                await session.scalars(
                    select(DoseTime)
                    .where(DoseTime.chat_id == chat_id, DoseTime.medicine_id == medicine_id)
                    .order_by(DoseTime.local_time, DoseTime.id)
                )
            )
            if [row.local_time for row in rows] == wanted:
                return await self._result(session, MedicineChange.ALREADY, medicine)
            kept = {row.local_time for row in rows} & set(wanted)
            leaving = [row for row in rows if row.local_time not in kept]
            arriving = [local_time for local_time in wanted if local_time not in kept]
            for row, local_time in zip(leaving, arriving, strict=False):
                row.local_time = local_time
            for local_time in arriving[len(leaving) :]:
                session.add(DoseTime(chat_id=chat_id, medicine_id=medicine_id, local_time=local_time))
            await self._cancel_snoozes(session, chat_id, [row.id for row in leaving], now, "its time changed")
            for row in leaving[len(arriving) :]:
                await session.delete(row)
            if not wanted:
                medicine.reminders_on = False
            medicine.updated_at_utc = now
            await session.flush()
            return await self._done(session, subscriber, medicine, now)

    async def set_reminders(self, chat_id: int, medicine_id: int, on: bool, now: datetime) -> MedicineResult:
        """Turn the reminders at the medicine's usual times on or off; off cancels a pending snooze."""
        async with self._sessions.begin() as session:
            subscriber = await session.get(Subscriber, chat_id)
            medicine = await self._own(session, chat_id, medicine_id)
            if subscriber is None or medicine is None:
                return MedicineResult(MedicineChange.NOT_FOUND)
            if on and medicine.stopped_on is not None:
                return await self._result(session, MedicineChange.STOPPED, medicine, day=medicine.stopped_on)
            dose_time_ids = await self._dose_time_ids(session, chat_id, medicine_id)
            if on and not dose_time_ids:
                return await self._result(session, MedicineChange.NO_TIMES, medicine)
            if medicine.reminders_on == on:
                return await self._result(session, MedicineChange.ALREADY, medicine)
            medicine.reminders_on, medicine.updated_at_utc = on, now
            if not on:
                await self._cancel_snoozes(session, chat_id, dose_time_ids, now, "reminder turned off")
            return await self._done(session, subscriber, medicine, now)

    async def stop(self, chat_id: int, medicine_id: int, now: datetime, on_date: date | None = None) -> MedicineResult:
        """Record the medicine as stopped on ``on_date`` (None: today): a ``stopped`` event; its reminders end and a
        pending snooze is cancelled. It stays on the list, after the ones taken, for the history."""
        async with self._sessions.begin() as session:
            found = await self._medicine_for_change(session, chat_id, medicine_id, now, on_date)
            if isinstance(found, MedicineResult):
                return found
            subscriber, medicine, day, _ = found
            if medicine.stopped_on is not None:
                return await self._result(session, MedicineChange.ALREADY, medicine, day=medicine.stopped_on)
            if await self._event_count(session, medicine.id) >= MAX_EVENTS:
                return await self._result(session, MedicineChange.TOO_MANY_CHANGES, medicine)
            self._event(session, medicine, STOPPED, day, now)
            medicine.stopped_on, medicine.updated_at_utc = day, now
            dose_time_ids = await self._dose_time_ids(session, chat_id, medicine_id)
            await self._cancel_snoozes(session, chat_id, dose_time_ids, now, "medicine stopped")
            return await self._done(session, subscriber, medicine, now, day)

    async def restart(
        self, chat_id: int, medicine_id: int, now: datetime, dose: str | None = None, on_date: date | None = None
    ) -> MedicineResult:
        """Record a stopped medicine as taken again from ``on_date`` (None: today), at ``dose`` (None: the last
        one); its reminders come back if they were on. Restarting on the day it was stopped undoes the stop (a stop
        recorded by mistake) instead of adding an event."""
        async with self._sessions.begin() as session:
            found = await self._medicine_for_change(session, chat_id, medicine_id, now, on_date)
            if isinstance(found, MedicineResult):
                return found
            subscriber, medicine, day, latest = found
            if medicine.stopped_on is None:
                return await self._result(session, MedicineChange.NOT_STOPPED, medicine)
            rows = await self._rows(session, chat_id)
            if sum(1 for row in rows if row.stopped_on is None) >= MAX_TAKING:
                return await self._result(session, MedicineChange.TOO_MANY, medicine)
            new_dose = dose if dose is not None else medicine.dose
            if latest is not None and latest.kind == STOPPED and latest.on_date == day:
                await session.delete(latest)
                if new_dose != medicine.dose:
                    self._event(session, medicine, DOSE_CHANGED, day, now, new_dose)
            elif await self._event_count(session, medicine.id) >= MAX_EVENTS:
                return await self._result(session, MedicineChange.TOO_MANY_CHANGES, medicine)
            else:
                self._event(session, medicine, RESTARTED, day, now, new_dose)
            medicine.stopped_on, medicine.dose, medicine.updated_at_utc = None, new_dose, now
            await session.flush()
            return await self._done(session, subscriber, medicine, now, day)

    # --- the reminders' buttons ---------------------------------------------------------------------

    async def respond(
        self, chat_id: int, local_date: date, slot: str, response: DoseResponse, now: datetime, snooze: timedelta
    ) -> DoseAnswer:
        """Record Taken, Skip or Snooze for one medicine reminder (the dose time ``slot`` on ``local_date``), as
        bot.store._answers does for every reminder; a medicine stopped, or whose reminder is off, is not snoozed."""
        answered = await answer_reminder(
            self._context, _DOSE_BUTTONS, (chat_id, local_date, slot), response, now, snooze, _still_reminded
        )
        shown = DoseResponse(answered.response) if answered.response else None
        return DoseAnswer(answered.answer, shown, answered.snooze_due_at_utc)

    # --- helpers ------------------------------------------------------------------------------------

    async def _locked_subscriber(self, session: AsyncSession, chat_id: int, now: datetime) -> Subscriber:
        """The chat's row, locked on PostgreSQL so that two changes of one chat take turns (the limits hold)."""
        await session.execute(select(Subscriber.chat_id).where(Subscriber.chat_id == chat_id).with_for_update())
        row = await subscriber_row(self._context, session, chat_id, now)
        await session.flush()  # the subscriber row first: the medicine refers to it
        return row

    async def _rows(self, session: AsyncSession, chat_id: int) -> list[Medicine]:
        rows = await session.scalars(select(Medicine).where(Medicine.chat_id == chat_id))
        return _taking_first(list(rows))

    async def _own(self, session: AsyncSession, chat_id: int, medicine_id: int) -> Medicine | None:
        found: Medicine | None = await session.scalar(
            select(Medicine).where(Medicine.id == medicine_id, Medicine.chat_id == chat_id)
        )
        return found

    async def _times(
        self, session: AsyncSession, chat_id: int, medicine_id: int | None = None
    ) -> dict[int, tuple[time, ...]]:
        query = select(DoseTime.medicine_id, DoseTime.local_time).where(DoseTime.chat_id == chat_id)
        if medicine_id is not None:
            query = query.where(DoseTime.medicine_id == medicine_id)
        found: dict[int, list[time]] = {}
        for owner, local_time in await session.execute(query.order_by(DoseTime.local_time)):
            found.setdefault(owner, []).append(local_time)
        return {owner: tuple(values) for owner, values in found.items()}

    async def _dose_time_ids(self, session: AsyncSession, chat_id: int, medicine_id: int) -> list[int]:
        ids = await session.scalars(
            select(DoseTime.id).where(DoseTime.chat_id == chat_id, DoseTime.medicine_id == medicine_id)
        )
        return list(ids)

    async def _latest_event(self, session: AsyncSession, medicine_id: int) -> MedicineEvent | None:
        found: MedicineEvent | None = await session.scalar(
            select(MedicineEvent)
            .where(MedicineEvent.medicine_id == medicine_id)
            .order_by(MedicineEvent.on_date.desc(), MedicineEvent.id.desc())
            .limit(1)
        )
        return found

    async def _event_count(self, session: AsyncSession, medicine_id: int) -> int:
        count = await session.scalar(
            select(func.count()).select_from(MedicineEvent).where(MedicineEvent.medicine_id == medicine_id)
        )
        return int(count or 0)

    async def _medicine_for_change(
        self, session: AsyncSession, chat_id: int, medicine_id: int, now: datetime, on_date: date | None
    ) -> tuple[Subscriber, Medicine, date, MedicineEvent | None] | MedicineResult:
        """The subscriber, the medicine, the day of a dated change and the medicine's latest event; or the result
        that refuses it (no such medicine, a day after today or before the latest event)."""
        subscriber = await session.get(Subscriber, chat_id)
        medicine = await self._own(session, chat_id, medicine_id)
        if subscriber is None or medicine is None:
            return MedicineResult(MedicineChange.NOT_FOUND)
        day = on_date or _today(subscriber, now)
        problem = _date_problem(day, _today(subscriber, now))
        if problem is not None:
            return await self._result(session, problem, medicine, day=day)
        latest = await self._latest_event(session, medicine.id)
        if latest is not None and day < latest.on_date:
            return await self._result(session, MedicineChange.BEFORE_LAST, medicine, day=latest.on_date)
        return subscriber, medicine, day, latest

    def _event(
        self, session: AsyncSession, medicine: Medicine, kind: str, day: date, now: datetime, dose: str | None = None
    ) -> None:
        """Add one dated event; its dose is ``dose``, or the medicine's current one (a start, a stop)."""
        session.add(
            MedicineEvent(
                chat_id=medicine.chat_id,
                medicine_id=medicine.id,
                kind=kind,
                on_date=day,
                dose=medicine.dose if dose is None else dose,
                created_at_utc=now,
            )
        )

    async def _cancel_snoozes(
        self, session: AsyncSession, chat_id: int, dose_time_ids: Sequence[int], now: datetime, detail: str
    ) -> None:
        if not dose_time_ids:
            return
        await session.execute(
            update(Delivery)
            .where(
                Delivery.chat_id == chat_id,
                Delivery.kind == DOSE_SNOOZE,
                Delivery.slot.in_(_slots_of(dose_time_ids)),
                Delivery.status == PENDING,
            )
            .values(status=CANCELLED, finished_at_utc=now, detail=detail)
        )

    async def _done(
        self, session: AsyncSession, subscriber: Subscriber, medicine: Medicine, now: datetime, day: date | None = None
    ) -> MedicineResult:
        """Reschedule the medicine's reminders after a change, and say what it looks like now."""
        await session.flush()
        await reschedule_doses(self._context, session, subscriber, now, medicine.id)
        await session.flush()
        return await self._result(session, MedicineChange.DONE, medicine, day=day)

    async def _result(
        self, session: AsyncSession, change: MedicineChange, medicine: Medicine, *, day: date | None = None
    ) -> MedicineResult:
        rows = await self._rows(session, medicine.chat_id)
        found = _position(rows, medicine.id)
        times = await self._times(session, medicine.chat_id, medicine.id)
        next_due: datetime | None = await session.scalar(
            select(func.min(DoseTime.next_due_at_utc)).where(DoseTime.medicine_id == medicine.id)
        )
        return MedicineResult(
            change,
            _view(medicine, times.get(medicine.id, ())),
            found[0] if found else None,
            day,
            next_due,
        )


def _view(row: Medicine, times: tuple[time, ...]) -> MedicineView:
    return MedicineView(row.id, row.catalogue_key, row.name, row.dose, row.reminders_on, row.stopped_on, times)


def _position(rows: Sequence[Medicine], medicine_id: int) -> tuple[int, Medicine] | None:
    return next(((index, row) for index, row in enumerate(rows, start=1) if row.id == medicine_id), None)
