"""The evening reminder: the header, tonight's tip and, on the person's weekly day, the week's summary; under
it Done, Snooze and Skip tonight."""

from __future__ import annotations

from datetime import timedelta

from bot.core.summaries import week_onset, week_summary
from bot.delivery.message import Outgoing, Sources, texts_for
from bot.store import Claim
from bot.store.series import REMINDER
from bot.text import coaching
from bot.text.keyboards import reminder_buttons

KIND = REMINDER.kind


async def compose(sources: Sources, claim: Claim) -> Outgoing:
    """Tonight's reminder for ``claim``, with the weekly summary when tonight is the person's weekly day."""
    t = texts_for(claim)
    text = sources.reminder_text(t, claim.tip_id)
    if claim.subscriber.weekly_day == claim.local_date.weekday():
        last = claim.local_date - timedelta(days=1)  # the week of nights before this evening
        history = await sources.coaching.history(claim.chat_id, last - timedelta(days=13), last)
        summary = week_summary(history.nights, history.done_nights, history.reminder_nights, last)
        text = f"{text}\n\n{coaching.weekly_summary(t, summary, week_onset(history.onsets, last))}"
    return Outgoing(text, reminder_buttons(t, claim.local_date, snooze=True))
