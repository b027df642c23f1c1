"""A medicine reminder, one per dose time of a medicine whose reminder is on: the medicine, its dose as the person
wrote it and the time, "as prescribed"; under it ✅ Taken, ⏰ Snooze and Skip."""

from __future__ import annotations

from bot.delivery.message import Outgoing, Sources, texts_for
from bot.store import Claim
from bot.store.series import DOSE
from bot.text.keyboards import dose_buttons
from bot.text.meds import dose_reminder_text

KIND = DOSE


async def compose(sources: Sources, claim: Claim) -> Outgoing:
    """The reminder of the dose time ``claim.slot``; a dose time gone since the claim (its time changed or dropped
    at that very moment) fails the message rather than send a reminder of nothing."""
    reminder = await sources.medicines.dose_reminder(claim.chat_id, claim.slot)
    if reminder is None:
        raise LookupError("the dose time of this reminder is gone")
    t = texts_for(claim)
    text = dose_reminder_text(sources.content, t, reminder)
    return Outgoing(text, dose_buttons(t, claim.local_date, claim.slot, snooze=True))
