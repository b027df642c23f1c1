"""The evening before a planned blood test: the test is tomorrow, best done in the morning, and ask the clinician
whether to pause iron for 24 hours before it. A one-off the person plans with /iron; its local date is the test's."""

from __future__ import annotations

from bot.delivery.message import Outgoing, Sources, texts_for
from bot.store import Claim
from bot.store.series import IRON_TEST
from bot.text import strings

KIND = IRON_TEST


async def compose(sources: Sources, claim: Claim) -> Outgoing:
    """The reminder of the test on ``claim.local_date``."""
    t = texts_for(claim)
    return Outgoing(t(strings.IRON_TEST_REMINDER).format(date=t.long_day(claim.local_date)))
