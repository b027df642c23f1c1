"""A snoozed medicine reminder, a one-off the ⏰ Snooze button queues: the same reminder under its own header, with
✅ Taken and Skip and no second Snooze."""

from __future__ import annotations

from bot.delivery.message import Outgoing, Sources, texts_for
from bot.store import Claim
from bot.store.series import DOSE_SNOOZE
from bot.text.keyboards import dose_buttons
from bot.text.meds import dose_reminder_text

KIND = DOSE_SNOOZE


async def compose(sources: Sources, claim: Claim) -> Outgoing:
    """The snoozed reminder of the dose time ``claim.slot`` (the store cancels a snooze whose medicine is stopped,
    whose reminder is turned off or whose time changes, so its dose time is there)."""
    reminder = await sources.medicines.dose_reminder(claim.chat_id, claim.slot)
    if reminder is None:
        raise LookupError("the dose time of this snoozed reminder is gone")
    t = texts_for(claim)
    text = dose_reminder_text(sources.content, t, reminder, snoozed=True)
    return Outgoing(text, dose_buttons(t, claim.local_date, claim.slot, snooze=False))
