"""The morning check-in: how were your legs last night, with the 0–10 buttons."""

from __future__ import annotations

from bot.core.checkins import NightTense, night_of_checkin, night_tense
from bot.core.zones import zone_from_name
from bot.delivery.message import Outgoing, Sources, texts_for
from bot.store import Claim
from bot.store.series import CHECKIN
from bot.text import coaching
from bot.text.keyboards import score_buttons

KIND = CHECKIN.kind


async def compose(sources: Sources, claim: Claim) -> Outgoing:
    """The question about last night, the one that began the evening before the claim's date; a check-in due
    before 06:00 asks how the legs have been "tonight", since that night is still going on."""
    t, night, zone_name = texts_for(claim), night_of_checkin(claim.local_date), claim.subscriber.zone_name
    tense = night_tense(night, claim.due_at_utc, zone_from_name(zone_name)) if zone_name else NightTense.LAST
    return Outgoing(coaching.score_question(t, night, None, tense=tense), score_buttons(t, night))
