"""The morning check-in: how were your legs last night, with the 0–10 buttons."""

from __future__ import annotations

from bot.core.checkins import night_of_checkin
from bot.delivery.message import Outgoing, Sources, texts_for
from bot.store import Claim
from bot.store.series import CHECKIN
from bot.text import coaching
from bot.text.keyboards import score_buttons

KIND = CHECKIN.kind


async def compose(sources: Sources, claim: Claim) -> Outgoing:
    """The question about the night that ended on the claim's morning."""
    t, night = texts_for(claim), night_of_checkin(claim.local_date)
    return Outgoing(coaching.score_question(t, night, None), score_buttons(t, night))
