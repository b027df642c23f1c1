"""The symptom-onset clock: the onset answers of check-ins (when symptoms started; the weekly arms and
sitting-still questions) and the early-warning episodes (bot.core.onset).

Each public method is one transaction. An answer lives on its night's check-in row, so a night needs its score
first, and the night rule of every check-in answer (``bot.store._shared.recordable``) applies here too.

The warning is sent at most once per episode. The answer, the evaluation and the alert row are written in one
transaction that first locks the person's subscriber row (``FOR NO KEY UPDATE`` on PostgreSQL; on SQLite every
write transaction is ``BEGIN IMMEDIATE``, bot.store.db), so two taps racing each other evaluate one after the
other and the second sees the episode the first opened. The alert row commits before the handler sends the
message: a crash after the commit loses the message, never sends it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.onset import (
    MEASURES,
    WEEKLY_BASELINE_ANSWERS,
    Change,
    EpisodeState,
    Onset,
    OnsetAnswer,
    Sitting,
    baseline_window,
    evaluate,
    parse_onset,
    parse_sitting,
    recent_window,
)
from bot.store._shared import recordable
from bot.store.context import StoreContext
from bot.store.models import Checkin, OnsetAlert, Subscriber

Question = Literal["onset", "arms", "sitting"]


@dataclass(frozen=True)
class OnsetWarning:
    """An early warning just recorded (its alert row committed): send it now, and never again."""

    night: date  # the latest answered night, whose evaluation found the pattern
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class OnsetRecorded:
    """What recording one answer did: the night's answers afterwards, and the warning to send, if any."""

    answer: OnsetAnswer
    warning: OnsetWarning | None = None


def _answer_of(row: Checkin) -> OnsetAnswer:
    return OnsetAnswer(row.night, parse_onset(row.onset), row.arms, parse_sitting(row.sitting))


def _answered() -> ColumnElement[bool]:
    """A check-in row with at least one onset-clock answer."""
    return or_(Checkin.onset.is_not(None), Checkin.arms.is_not(None), Checkin.sitting.is_not(None))


def change_json(change: Change) -> dict[str, Any]:
    """A change as the alert row keeps it: the bands by their stable keys."""
    return {
        "measure": change.measure,
        "baseline_band": change.baseline_band.value if change.baseline_band is not None else None,
        "recent_band": change.recent_band.value if change.recent_band is not None else None,
        "baseline_answers": change.baseline_answers,
        "recent_answers": change.recent_answers,
        "supporting_answers": change.supporting_answers,
        "supporting_weeks": change.supporting_weeks,
    }


def change_from_json(data: dict[str, Any]) -> Change | None:
    """The change an alert row keeps (``change_json``); None for one this version cannot read."""
    measure = next((known for known in MEASURES if known == data.get("measure")), None)
    if measure is None:
        return None
    parse = parse_onset if measure == "onset" else parse_sitting
    return Change(
        measure=measure,
        baseline_band=parse(data.get("baseline_band")),
        recent_band=parse(data.get("recent_band")),
        baseline_answers=int(data.get("baseline_answers", 0)),
        recent_answers=int(data.get("recent_answers", 0)),
        supporting_answers=int(data.get("supporting_answers", 0)),
        supporting_weeks=int(data.get("supporting_weeks", 0)),
    )


class OnsetStore:
    """A person's onset answers and early-warning episodes."""

    def __init__(self, context: StoreContext) -> None:
        self._context = context
        self._sessions = context.sessions

    async def record_onset(self, chat_id: int, night: date, onset: Onset, now: datetime) -> OnsetRecorded | None:
        """When symptoms started on the day ``night`` began; see ``_record``."""
        return await self._record(chat_id, night, "onset", onset.value, now)

    async def record_arms(self, chat_id: int, night: date, arms: bool, now: datetime) -> OnsetRecorded | None:
        """Whether symptoms reached the arms or other parts of the body that week; see ``_record``."""
        return await self._record(chat_id, night, "arms", arms, now)

    async def record_sitting(self, chat_id: int, night: date, sitting: Sitting, now: datetime) -> OnsetRecorded | None:
        """How long the person could sit still in the evening before symptoms started; see ``_record``."""
        return await self._record(chat_id, night, "sitting", sitting.value, now)

    async def _record(
        self, chat_id: int, night: date, question: Question, value: str | bool, now: datetime
    ) -> OnsetRecorded | None:
        """Set one answer of ``night`` and, when it changed, run the early-warning evaluation.

        None when the night has no check-in (the score comes first) or can no longer be recorded. The same
        answer again changes nothing and evaluates nothing.
        """
        async with self._sessions.begin() as session:
            # The lock that serialises evaluations of one person (see the module docstring); NO KEY, so that a
            # check-in row being inserted meanwhile (its foreign key takes KEY SHARE) does not wait for us.
            locked = await session.scalar(
                select(Subscriber.chat_id).where(Subscriber.chat_id == chat_id).with_for_update(key_share=True)
            )
            if locked is None:
                return None
            row = await self._checkin(session, chat_id, night)
            if row is None or not await recordable(session, chat_id, night, now):
                return None
            if getattr(row, question) == value:
                return OnsetRecorded(_answer_of(row))
            setattr(row, question, value)
            row.updated_at_utc = now
            await session.flush()
            return OnsetRecorded(_answer_of(row), await self._evaluate(session, chat_id, now))

    async def _evaluate(self, session: AsyncSession, chat_id: int, now: datetime) -> OnsetWarning | None:
        """bot.core.onset's evaluation as of the latest answered night, with the stored episode state; records
        the alert row when it says send, and keeps the state on the newest alert row otherwise."""
        first, latest = (
            await session.execute(
                select(func.min(Checkin.night), func.max(Checkin.night)).where(Checkin.chat_id == chat_id, _answered())
            )
        ).one()
        if first is None or latest is None:
            return None
        newest = await session.scalar(
            select(OnsetAlert).where(OnsetAlert.chat_id == chat_id).order_by(OnsetAlert.id.desc()).limit(1)
        )
        state = EpisodeState.from_json(newest.state if newest is not None else None)
        # Only the nights the rules read (bot.core.onset.assess): the baseline's, the recent window's, and the first
        # answers to each weekly question, wherever they fall.
        (baseline_first, baseline_last), (recent_first, recent_last) = baseline_window(first), recent_window(latest)
        windows = or_(
            Checkin.night.between(baseline_first, baseline_last), Checkin.night.between(recent_first, recent_last)
        )
        rows = list(await session.scalars(select(Checkin).where(Checkin.chat_id == chat_id, _answered(), windows)))
        for weekly in (Checkin.arms, Checkin.sitting):
            rows += await session.scalars(
                select(Checkin)
                .where(Checkin.chat_id == chat_id, weekly.is_not(None))
                .order_by(Checkin.night)
                .limit(WEEKLY_BASELINE_ANSWERS)
            )
        decision, changes = evaluate(state, [_answer_of(row) for row in rows], latest)
        if decision.send:
            session.add(
                OnsetAlert(
                    chat_id=chat_id,
                    night=latest,
                    changes=[change_json(change) for change in changes],
                    state=decision.new_state.to_json(),
                    created_at_utc=now,
                )
            )
            return OnsetWarning(latest, tuple(changes))
        if newest is not None and decision.new_state != state:
            newest.state = decision.new_state.to_json()
        return None

    async def warnings(self, chat_id: int) -> list[OnsetWarning]:
        """The early warnings sent to the person, oldest first, each with the changes it described."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(OnsetAlert).where(OnsetAlert.chat_id == chat_id).order_by(OnsetAlert.id)
            )
            return [
                OnsetWarning(row.night, tuple(change for item in row.changes if (change := change_from_json(item))))
                for row in rows
            ]

    async def answer(self, chat_id: int, night: date) -> OnsetAnswer | None:
        """The onset answers of ``night`` (each may be None); None when the night has no check-in."""
        async with self._sessions() as session:
            row = await self._checkin(session, chat_id, night)
            return _answer_of(row) if row is not None else None

    async def answers(self, chat_id: int, first: date | None = None, last: date | None = None) -> list[OnsetAnswer]:
        """The nights with at least one onset answer, ``first`` to ``last`` inclusive (either open), by night."""
        query = select(Checkin).where(Checkin.chat_id == chat_id, _answered()).order_by(Checkin.night)
        if first is not None:
            query = query.where(Checkin.night >= first)
        if last is not None:
            query = query.where(Checkin.night <= last)
        async with self._sessions() as session:
            return [_answer_of(row) for row in await session.scalars(query)]

    async def only_checkin(self, chat_id: int, night: date) -> bool:
        """Whether ``night`` has the person's only check-in (their first, which asks the weekly questions too,
        bot.core.summaries.asks_weekly_questions)."""
        async with self._sessions() as session:
            other = await session.scalar(
                select(Checkin.id).where(Checkin.chat_id == chat_id, Checkin.night != night).limit(1)
            )
            return other is None

    async def _checkin(self, session: AsyncSession, chat_id: int, night: date) -> Checkin | None:
        row: Checkin | None = await session.scalar(
            select(Checkin).where(Checkin.chat_id == chat_id, Checkin.night == night)
        )
        return row
