"""Reminder commands: /subscribe, /unsubscribe (/stop), /time, /timezone, a shared location, /settings."""

from __future__ import annotations

import asyncio
from datetime import datetime, time
from functools import cache
from html import escape
from typing import TYPE_CHECKING

from telegram import Update

from bot.core.summaries import DEFAULT_WEEKLY_DAY
from bot.core.timeparse import TimeParseError, parse_local_time
from bot.core.zones import ZoneParseError, plain_zone_name, zone_from_name
from bot.handlers.common import (
    REMOVE_KEYBOARD,
    chat_id_of,
    command_argument_of,
    describe_local,
    location_keyboard,
    next_reminder_line,
    quoted,
    reply,
    texts_of,
    zone_label,
)
from bot.services import BotContext, Services
from bot.store import SubscriberView
from bot.text import strings
from bot.text.i18n import Texts
from bot.text.meds import medicine_name, times_text

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder


@cache
def _timezone_finder() -> TimezoneFinder:
    # Imported on the first shared location: it loads numpy and its polygon data (about 12 MiB) into the process.
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def _zone_for_location(latitude: float, longitude: float) -> str | None:
    zone_name: str | None = _timezone_finder().timezone_at(lng=longitude, lat=latitude)
    return plain_zone_name(zone_name) if zone_name else None  # at sea it answers Etc/GMT±N


def _subscribed_text(t: Texts, view: SubscriberView, now: datetime) -> str:
    text = t(strings.SUBSCRIBED).format(time=t.clock(view.local_reminder_time), zone=zone_label(t, view.zone_name))
    return f"{text}\n{next_reminder_line(t, view, now)}"


async def _read_time(t: Texts, update: Update, argument: str) -> time | None:
    """The time in ``argument``, or None after telling the person which forms we accept."""
    try:
        return parse_local_time(argument)
    except TimeParseError:
        await reply(update, t(strings.TIME_INVALID).format(text=quoted(argument)))
        return None


async def subscribe(update: Update, context: BotContext) -> None:
    """Turn the evening reminder on (at the time given, if any), then ask for the zone if it is not known."""
    t, services = await texts_of(update, context), context.services
    argument = command_argument_of(update)
    local_time = await _read_time(t, update, argument) if argument else None
    if argument and local_time is None:
        return
    now = services.clock()
    view = await services.subscribers.subscribe(chat_id_of(update), now, local_time)
    if view.awaiting_zone:
        text = t(strings.SUBSCRIBED_NEEDS_ZONE).format(time=t.clock(view.local_reminder_time))
        await reply(update, text, location_keyboard(t))
        return
    await reply(update, _subscribed_text(t, view, now))


async def unsubscribe(update: Update, context: BotContext) -> None:
    """Turn the evening reminder off (/unsubscribe or /stop); everything else is kept."""
    t, services = await texts_of(update, context), context.services
    before = await services.subscribers.get(chat_id_of(update))
    if before is None or not before.reminders_on:
        await reply(update, t(strings.NOT_SUBSCRIBED))
        return
    await services.subscribers.unsubscribe(chat_id_of(update), services.clock())
    await reply(update, t(strings.UNSUBSCRIBED))


async def set_time(update: Update, context: BotContext) -> None:
    """/time HH:MM: the reminder's local time."""
    t, services = await texts_of(update, context), context.services
    argument = command_argument_of(update)
    if not argument:
        await reply(update, t(strings.TIME_MISSING))
        return
    local_time = await _read_time(t, update, argument)
    if local_time is None:
        return
    now = services.clock()
    view = await services.subscribers.set_time(chat_id_of(update), local_time, now)
    text = t(strings.TIME_SET).format(time=t.clock(local_time))
    if not view.reminders_on:
        await reply(update, f"{text}\n{t(strings.TIME_SET_NOT_SUBSCRIBED)}")
    elif view.awaiting_zone:
        await reply(update, f"{text}\n\n{t(strings.ZONE_ASK)}", location_keyboard(t))
    else:
        await reply(update, f"{text}\n{next_reminder_line(t, view, now)}")


async def set_timezone(update: Update, context: BotContext) -> None:
    """/timezone NAME sets the zone; without a name it asks for one, or for a shared location."""
    t = await texts_of(update, context)
    argument = command_argument_of(update)
    if not argument:
        await reply(update, t(strings.ZONE_ASK), location_keyboard(t))
        return
    await _apply_zone_text(t, update, context, argument)


async def zone_from_text(update: Update, context: BotContext) -> None:
    """Plain text naming a zone (the answer to "which time zone?") sets it; other text gets a pointer to /help.

    While a subscriber still has no zone, text that names none gets the zone examples instead.
    """
    t, services = await texts_of(update, context), context.services
    text = (update.effective_message.text if update.effective_message else None) or ""
    try:
        services.zones.resolve(text)
    except ZoneParseError:
        view = await services.subscribers.get(chat_id_of(update))
        if view is None or not view.awaiting_zone:
            await reply(update, t(strings.UNSUPPORTED_MESSAGE))
            return
    await _apply_zone_text(t, update, context, text)


async def location(update: Update, context: BotContext) -> None:
    """A shared location sets the zone it lies in."""
    message = update.effective_message
    if message is None or message.location is None:
        return
    t = await texts_of(update, context)
    zone_name = await asyncio.to_thread(_zone_for_location, message.location.latitude, message.location.longitude)
    if zone_name is None:
        await reply(update, t(strings.ZONE_FROM_LOCATION_FAILED), REMOVE_KEYBOARD)
        return
    await _store_zone(t, update, context, zone_name)


async def _apply_zone_text(t: Texts, update: Update, context: BotContext, text: str) -> None:
    try:
        zone_name = context.services.zones.resolve(text)
    except ZoneParseError as exc:
        shown = quoted(text)
        if exc.candidates:
            answer = t(strings.ZONE_AMBIGUOUS).format(
                text=shown, candidates=", ".join(exc.candidates), first=exc.candidates[0]
            )
        else:
            answer = t(strings.ZONE_INVALID).format(text=shown)
        await reply(update, answer)
        return
    await _store_zone(t, update, context, zone_name)


async def _store_zone(t: Texts, update: Update, context: BotContext, zone_name: str) -> None:
    services = context.services
    now = services.clock()
    view = await services.subscribers.set_zone(chat_id_of(update), zone_name, now)
    services.languages.forget(chat_id_of(update))  # the new zone may be in another country, with other numbers
    local_now = t.clock(now.astimezone(zone_from_name(zone_name)).time())
    text = t(strings.ZONE_SET).format(zone=escape(zone_name), local_now=local_now)
    if zone_name.startswith(("UTC+", "UTC-")):
        text += t(strings.ZONE_FIXED_OFFSET_NOTE)
    if view.reminders_on:
        text += "\n\n" + _subscribed_text(t, view, now)
    else:
        text += "\n\n" + t(strings.SETTINGS_NO_NEXT)
    await reply(update, text, REMOVE_KEYBOARD)


async def settings(update: Update, context: BotContext) -> None:
    """Everything the person has set: the reminder, its time and zone, the check-in, the weekly summary."""
    t, services = await texts_of(update, context), context.services
    now = services.clock()
    view = await services.subscribers.get(chat_id_of(update))
    reminders_on = view is not None and view.reminders_on
    zone_name = view.zone_name if view else None
    local_time = view.local_reminder_time if view else services.settings.default_reminder_time
    if view is not None and view.blocked:
        status = t(strings.STATUS_BLOCKED)
    elif view is not None and view.awaiting_zone:
        status = t(strings.STATUS_AWAITING_ZONE)
    else:
        status = t(strings.STATUS_ON) if reminders_on else t(strings.STATUS_OFF)
    if view is not None and view.next_due_at_utc is not None and zone_name is not None:
        next_line = t(strings.SETTINGS_NEXT).format(when=describe_local(t, view.next_due_at_utc, zone_name, now))
    else:
        next_line = t(strings.SETTINGS_NO_NEXT)
    checkin_time = t.clock(view.local_checkin_time if view else services.settings.default_checkin_time)
    checkin = (
        t(strings.CHECKIN_STATUS_ON).format(time=checkin_time)
        if view and view.checkin_on
        else t(strings.CHECKIN_STATUS_OFF)
    )
    weekly_day = view.weekly_day if view else DEFAULT_WEEKLY_DAY
    weekly = t(strings.WEEKDAYS_PLURAL[weekly_day]) if weekly_day is not None else t(strings.WEEKLY_STATUS_OFF)
    text = t(strings.SETTINGS).format(
        status=status,
        time=t.clock(local_time),
        zone=zone_label(t, zone_name),
        next_line=next_line,
        checkin=checkin,
        weekly=weekly,
    )
    await reply(update, "\n".join([text, *await _diary_settings(t, services, chat_id_of(update))]))


async def _diary_settings(t: Texts, services: Services, chat_id: int) -> list[str]:
    """The diary's lines of /settings: the medicine reminders, and a planned blood test and recall if any."""
    reminded = [
        t(strings.SETTINGS_MEDICINE_REMINDER_ITEM).format(
            name=escape(medicine_name(services.content, t, medicine.name, medicine.catalogue_key)),
            times=times_text(t, medicine.times),
        )
        for medicine in await services.medicines.medicines(chat_id)
        if medicine.reminders_on and medicine.times
    ]
    lines = [
        t(strings.SETTINGS_MEDICINE_REMINDERS).format(items="; ".join(reminded))
        if reminded
        else t(strings.SETTINGS_NO_MEDICINE_REMINDERS)
    ]
    plan = await services.iron.planned(chat_id)
    if plan.test_on is not None:
        lines.append(t(strings.SETTINGS_IRON_TEST).format(date=t.day(plan.test_on)))
    if plan.recall_on is not None:
        lines.append(t(strings.SETTINGS_IRON_RECALL).format(date=t.day(plan.recall_on)))
    return lines
