"""A snoozed reminder, a one-off the Snooze button queues: the same tip under its own header, with no second
Snooze."""

from __future__ import annotations

from bot.delivery.message import Outgoing, Sources, texts_for
from bot.store import Claim
from bot.store.series import SNOOZE
from bot.text import strings
from bot.text.keyboards import reminder_buttons
from bot.text.render import render_reminder

KIND = SNOOZE


async def compose(sources: Sources, claim: Claim) -> Outgoing:
    """The snoozed reminder for ``claim``."""
    t = texts_for(claim)
    text = render_reminder(sources.content, t, claim.tip_id, strings.SNOOZE_HEADER)
    return Outgoing(text, reminder_buttons(t, claim.local_date, snooze=False))
