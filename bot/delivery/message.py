"""What every kind of scheduled message hands the delivery engine: its text and buttons, composed from a claim."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram import InlineKeyboardMarkup

from bot.content import DEFAULT_LANGUAGE, Content
from bot.store import Claim, CoachingStore, MedicineStore
from bot.text.i18n import Texts, territory_of_zone, texts
from bot.text.render import render_reminder


@dataclass(frozen=True)
class Outgoing:
    """One message as it goes out: HTML text and its inline buttons."""

    text: str
    buttons: InlineKeyboardMarkup | None = None


@dataclass(frozen=True)
class Sources:
    """What a kind may read to compose its message: the content, the person's coaching history and medicines."""

    content: Content
    coaching: CoachingStore
    medicines: MedicineStore
    # Tonight's reminder text by language, country and tip: one of a few hundred, rendered once, not per person.
    _reminders: dict[tuple[Texts, str | None], str] = field(default_factory=dict, compare=False, repr=False)

    def reminder_text(self, t: Texts, tip_id: str | None) -> str:
        """``render_reminder`` of the content, remembered."""
        key = (t, tip_id)
        if key not in self._reminders:
            self._reminders[key] = render_reminder(self.content, t, tip_id)
        return self._reminders[key]


# A kind's message for one claim; the engine calls it after the claim, before the send.
Compose = Callable[[Claim], Awaitable[Outgoing]]
ComposeFrom = Callable[[Sources, Claim], Awaitable[Outgoing]]


def texts_for(claim: Claim) -> Texts:
    """The claimed person's language, with their country (for emergency numbers) from their zone."""
    subscriber = claim.subscriber
    return texts(subscriber.language or DEFAULT_LANGUAGE, territory_of_zone(subscriber.zone_name))
