"""/note and /notes: dated notes the person keeps (a side effect, a question for the doctor, a bad week).

``/note TEXT`` keeps TEXT exactly as written (only the whitespace around it goes) with the person's local day (their
zone; UTC without one); ``/note`` alone explains with an example. ``/notes`` lists the notes newest first, numbered,
every note escaped, with a 🗑 button for each of the latest ones; ``/notes delete N`` deletes the N-th of the list.
A 🗑 names the note's id, looked up only among the pressing chat's own notes: a second press, or one after /delete,
finds nothing and changes nothing.
"""

from __future__ import annotations

from datetime import UTC
from html import escape

from telegram import Update

from bot.core.parsing import ROW_ID_MAX, parse_int
from bot.core.zones import zone_from_name
from bot.handlers import fallback
from bot.handlers.common import chat_id_of, command_argument_of, pressed_button, quoted, reply, texts_of
from bot.services import BotContext
from bot.store.notes import NOTE_LENGTH_MAX, NOTES_MAX, NoteView
from bot.text import callbacks, strings
from bot.text.i18n import Texts
from bot.text.iron import day_with_year
from bot.text.keyboards import notes_buttons

DELETE_BUTTONS_MAX = 10  # 🗑 buttons for the latest notes only: a keyboard stays small enough to tap
DELETE_WORDS = frozenset({"delete", "del", "remove", "borrar", "eliminar", "quitar"})
# An escaped line longer than this is shown in pieces, so splitting a long list never cuts an HTML entity in two.
_LINE_UNITS_MAX = 3000
_DELETED_PREVIEW = 60  # characters of a deleted note shown back


def _example(t: Texts) -> str:
    return f"<code>{escape(t(strings.NOTE_EXAMPLE))}</code>"


async def _zone(context: BotContext, chat_id: int) -> str | None:
    view = await context.services.subscribers.get(chat_id)
    return view.zone_name if view is not None else None


async def note_command(update: Update, context: BotContext) -> None:
    """/note TEXT: keep a dated note; /note alone: what notes are, with an example."""
    t, services, chat_id = await texts_of(update, context), context.services, chat_id_of(update)
    text = command_argument_of(update)
    if not text:
        await reply(update, t(strings.NOTE_HOW).format(example=_example(t)))
        return
    if len(text) > NOTE_LENGTH_MAX:
        await reply(update, t(strings.NOTE_TOO_LONG).format(length=len(text), limit=NOTE_LENGTH_MAX))
        return
    zone_name = await _zone(context, chat_id)
    now = services.clock()
    local_date = now.astimezone(zone_from_name(zone_name) if zone_name else UTC).date()
    saved = await services.notes.add(chat_id, text, local_date, now)
    if saved is None:
        await reply(update, t(strings.NOTE_LIMIT).format(limit=NOTES_MAX))
        return
    await reply(update, t(strings.NOTE_SAVED).format(date=day_with_year(t, saved.local_date)))


async def notes_command(update: Update, context: BotContext) -> None:
    """/notes: the list, newest first, with 🗑 buttons; /notes delete N: delete the N-th."""
    t, services, chat_id = await texts_of(update, context), context.services, chat_id_of(update)
    argument = command_argument_of(update)
    if argument:
        words = argument.split()
        position = parse_int(words[1], 1, ROW_ID_MAX) if len(words) == 2 else None
        if words[0].lower() not in DELETE_WORDS or position is None:
            await reply(update, t(strings.NOTES_USAGE))
            return
        removed = await services.notes.delete_at(chat_id, position)
        if removed is None:
            await reply(update, t(strings.NOTES_DELETE_NOT_FOUND).format(position=position))
            return
        await reply(update, _deleted_text(t, removed))
        return
    notes = await services.notes.notes(chat_id)
    if not notes:
        await reply(update, t(strings.NOTES_NONE).format(example=_example(t)))
        return
    zone = zone_from_name(await _zone(context, chat_id) or "UTC")
    lines = [t(strings.NOTES_TITLE)]
    for number, note in enumerate(notes, start=1):
        clock = t.clock(note.created_at_utc.astimezone(zone).time())
        date_text = day_with_year(t, note.local_date)
        lines.append(t(strings.NOTES_LINE).format(number=number, date=date_text, clock=clock, text=_shown(note.text)))
    with_buttons = [(number, note.id) for number, note in enumerate(notes[:DELETE_BUTTONS_MAX], start=1)]
    lines.append(t(strings.NOTES_HOW_TO_DELETE))
    await reply(update, "\n\n".join(lines), notes_buttons(t, with_buttons))


def _shown(text: str) -> str:
    """The note escaped for HTML, a line too long for one message cut into lines at character boundaries (never
    inside an entity); blank lines inside the note are kept as single ones, so the note stays one paragraph."""
    lines = []
    for line in text.splitlines():
        if not line.strip():
            continue
        piece = ""
        for character in line:
            escaped = escape(character)
            if len(piece) + len(escaped) > _LINE_UNITS_MAX:
                lines.append(piece)
                piece = ""
            piece += escaped
        lines.append(piece)
    return "\n".join(lines)


def _deleted_text(t: Texts, note: NoteView) -> str:
    preview = " ".join(note.text.split())
    return t(strings.NOTE_DELETED).format(
        date=day_with_year(t, note.local_date), text=quoted(preview, _DELETED_PREVIEW)
    )


async def note_button(update: Update, context: BotContext) -> None:
    """🗑 under /notes: delete that note of the pressing chat; a note already gone is answered as such."""
    query, match = pressed_button(update, context)
    note_id = callbacks.note_press(match)
    if note_id is None:
        await fallback.stale_button(update, context)
        return
    t = await texts_of(update, context)
    removed = await context.services.notes.delete(chat_id_of(update), note_id)
    if removed is None:
        await query.answer(t(strings.ANSWER_NOTE_GONE))
        return
    await query.answer(t(strings.ANSWER_NOTE_DELETED))
    await reply(update, _deleted_text(t, removed))
