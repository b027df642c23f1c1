"""A recall the person asked for with /iron: ask the clinician about a new iron test, N months later."""

from __future__ import annotations

from bot.delivery.message import Outgoing, Sources, texts_for
from bot.store import Claim
from bot.store.series import IRON_RECALL
from bot.text import strings

KIND = IRON_RECALL


async def compose(sources: Sources, claim: Claim) -> Outgoing:
    """The recall, in the person's language."""
    return Outgoing(texts_for(claim)(strings.IRON_RECALL_REMINDER))
