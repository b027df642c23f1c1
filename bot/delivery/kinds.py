"""What each kind of scheduled message says: the evening reminder (with the weekly summary on the person's
day), its snooze, and the morning check-in.

The delivery engine claims, sends and records every kind the same way; a kind only composes its message from
the claim. A new kind is a ``compose`` function here and a name in bot.store.series.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from telegram import InlineKeyboardMarkup

from bot.content import DEFAULT_LANGUAGE, Content
from bot.core.checkins import night_of_checkin
from bot.core.summaries import week_summary
from bot.store import Claim, CoachingStore
from bot.store.series import CHECKIN, REMINDER, SNOOZE
from bot.text import coaching, strings
from bot.text.i18n import Texts, territory_of_zone, texts
from bot.text.keyboards import reminder_buttons, score_buttons
from bot.text.render import render_tip


@dataclass(frozen=True)
class Outgoing:
    """One message as it goes out: HTML text and its inline buttons."""

    text: str
    buttons: InlineKeyboardMarkup | None = None


Compose = Callable[[Claim], Awaitable[Outgoing]]


def render_reminder(content: Content, t: Texts, tip_id: str | None, header: str = strings.REMINDER_HEADER) -> str:
    tip = content.library(t.language).tip(tip_id) if tip_id else None
    body = f"\n\n{render_tip(content, t, tip)}" if tip else ""
    return f"{t(header)}{body}\n\n{t(strings.REMINDER_FOOTER)}"


def message_kinds(content: Content, coaching_store: CoachingStore) -> Mapping[str, Compose]:
    """Every kind the engine sends, by the name its delivery rows carry, in each person's language."""

    async def reminder(claim: Claim) -> Outgoing:
        t = texts_for(claim)
        text = render_reminder(content, t, claim.tip_id)
        if claim.subscriber.weekly_day == claim.local_date.weekday():
            last = claim.local_date - timedelta(days=1)  # the week of nights before this evening
            history = await coaching_store.history(claim.chat_id, last - timedelta(days=13), last)
            summary = week_summary(history.nights, history.done_nights, history.reminder_nights, last)
            text = f"{text}\n\n{coaching.weekly_summary(t, summary)}"
        return Outgoing(text, reminder_buttons(t, claim.local_date, snooze=True))

    async def snooze(claim: Claim) -> Outgoing:
        t = texts_for(claim)
        text = render_reminder(content, t, claim.tip_id, strings.SNOOZE_HEADER)
        return Outgoing(text, reminder_buttons(t, claim.local_date, snooze=False))

    async def checkin(claim: Claim) -> Outgoing:
        t, night = texts_for(claim), night_of_checkin(claim.local_date)
        return Outgoing(coaching.score_question(t, night, None), score_buttons(t, night))

    return {REMINDER.kind: reminder, SNOOZE: snooze, CHECKIN.kind: checkin}


def texts_for(claim: Claim) -> Texts:
    subscriber = claim.subscriber
    return texts(subscriber.language or DEFAULT_LANGUAGE, territory_of_zone(subscriber.zone_name))
