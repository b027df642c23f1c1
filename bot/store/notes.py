"""A person's dated notes (/note, /notes): free text kept exactly as written, with the person's local day.

Each public method is one transaction, and every query is scoped by chat id: a note's id found in another chat's
button finds nothing. Notes are listed newest first, and a note's position (for ``/notes delete N``) counts in that
order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from bot.store._schedule import subscriber_row
from bot.store.context import StoreContext
from bot.store.models import Note, Subscriber

NOTE_LENGTH_MAX = 1000  # characters of one note
NOTES_MAX = 500  # notes kept per person


@dataclass(frozen=True)
class NoteView:
    """A read-only snapshot of one note."""

    id: int
    local_date: date
    text: str
    created_at_utc: datetime


def _view(row: Note) -> NoteView:
    return NoteView(id=row.id, local_date=row.local_date, text=row.text, created_at_utc=row.created_at_utc)


# Newest first; two notes of one instant in the order they came, the later first.
_NEWEST_FIRST = (Note.created_at_utc.desc(), Note.id.desc())


class NoteStore:
    """A person's dated notes."""

    def __init__(self, context: StoreContext) -> None:
        self._context = context
        self._sessions = context.sessions

    async def add(self, chat_id: int, text: str, local_date: date, now: datetime) -> NoteView | None:
        """Keep a note of ``local_date``; None, storing nothing, when the person has NOTES_MAX notes already."""
        if len(text) > NOTE_LENGTH_MAX:
            raise ValueError(f"a note of more than {NOTE_LENGTH_MAX} characters")
        async with self._sessions.begin() as session:
            # Locked on PostgreSQL, so that two notes of one chat take turns and the count stays within the limit.
            await session.execute(select(Subscriber.chat_id).where(Subscriber.chat_id == chat_id).with_for_update())
            await subscriber_row(self._context, session, chat_id, now)
            await session.flush()  # the subscriber row first: the note refers to it
            count = await session.scalar(select(func.count()).select_from(Note).where(Note.chat_id == chat_id))
            if (count or 0) >= NOTES_MAX:
                return None
            row = Note(chat_id=chat_id, local_date=local_date, text=text, created_at_utc=now)
            session.add(row)
            await session.flush()
            return _view(row)

    async def notes(self, chat_id: int) -> list[NoteView]:
        """The person's notes, newest first."""
        async with self._sessions() as session:
            rows = await session.scalars(select(Note).where(Note.chat_id == chat_id).order_by(*_NEWEST_FIRST))
            return [_view(row) for row in rows]

    async def delete(self, chat_id: int, note_id: int) -> NoteView | None:
        """Delete the chat's note ``note_id``; the one deleted, or None when the chat has no such note (deleted
        already, or an id of someone else's)."""
        async with self._sessions.begin() as session:
            row = await session.scalar(select(Note).where(Note.chat_id == chat_id, Note.id == note_id))
            if row is None:
                return None
            view = _view(row)
            await session.delete(row)
            return view

    async def delete_at(self, chat_id: int, position: int) -> NoteView | None:
        """Delete the ``position``-th note (from 1) in ``notes`` order; the one deleted, or None when there is no
        such position."""
        async with self._sessions.begin() as session:
            if position < 1:
                return None
            row = await session.scalar(
                select(Note).where(Note.chat_id == chat_id).order_by(*_NEWEST_FIRST).offset(position - 1).limit(1)
            )
            if row is None:
                return None
            view = _view(row)
            await session.delete(row)
            return view
