"""Seeing progress: /progress [nights] (a chart and a short summary), /insights, and /weekly off|DAY.

The chart is drawn in a worker thread: matplotlib is CPU-bound and must not hold up other people's replies.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date, timedelta, tzinfo
from functools import cache

from babel.dates import get_day_names
from babel.numbers import get_decimal_symbol
from telegram import InputFile, Update

from bot.content import LANGUAGES
from bot.core.checkins import last_night
from bot.core.insights import insight_report
from bot.core.messages import CAPTION_LIMIT, utf16_length
from bot.core.parsing import parse_int
from bot.core.summaries import DEFAULT_WEEKLY_DAY, progress_summary
from bot.core.zones import zone_from_name
from bot.handlers.checkins import factor_labels
from bot.handlers.common import chat_id_of, command_argument_of, location_keyboard, quoted, reply, texts_of
from bot.server.offload import run_cpu
from bot.services import BotContext, Services
from bot.store.coaching import History
from bot.store.medicines import MedicineEventView
from bot.text import coaching, strings
from bot.text.charts import ChartData, IronPoint, render_progress_chart
from bot.text.i18n import Texts
from bot.text.meds import medicine_name

DEFAULT_NIGHTS, MIN_NIGHTS, MAX_NIGHTS = 30, 7, 365
INSIGHT_NIGHTS = 180  # insights read the last half year: recent habits, enough nights to test
HABIT_NIGHTS = 366  # habit strength is a moving average over the whole habit, not just the nights shown


def _plain(word: str) -> str:
    """Lower case, without accents or a closing dot: ``Miércoles`` → ``miercoles``, ``sáb.`` → ``sab``."""
    decomposed = unicodedata.normalize("NFKD", word.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).rstrip(".")


@cache  # at the first /weekly DAY: CLDR's data for every language is megabytes a process need not hold idle
def _weekday_words() -> dict[str, int]:
    """The words /weekly takes for each day (0 = Monday), in every language whatever the person's: the full
    name, its plural (``sundays``, ``domingos``), the common abbreviations (``sun``, ``su``, ``dom``, ``do``),
    with or without accents. A word that could mean two days is left out."""
    days: dict[str, set[int]] = {}
    for language in LANGUAGES:
        for width in ("wide", "abbreviated", "short"):
            for index, name in get_day_names(width, locale=language).items():
                word = _plain(name)
                forms = {word, f"{word}s"} if width == "wide" and not word.endswith("s") else {word}
                for form in forms:
                    days.setdefault(form, set()).add(index)
    return {word: next(iter(indexes)) for word, indexes in days.items() if len(indexes) == 1}


def weekday_from_text(text: str) -> int | None:
    """The day (0 = Monday) a word of /weekly names, in any of our languages; None for anything else."""
    return _weekday_words().get(_plain(text))


async def _zone_or_ask(t: Texts, update: Update, services: Services) -> tzinfo | None:
    """The person's time zone (last night depends on it), or None after asking for it."""
    view = await services.subscribers.get(chat_id_of(update))
    if view is None or view.zone_name is None:
        await reply(update, t(strings.LOG_NEEDS_ZONE), location_keyboard(t))
        return None
    return zone_from_name(view.zone_name)


async def nights_asked(
    update: Update, context: BotContext, default: int, usage: str
) -> tuple[Texts, int, tzinfo] | None:
    """The number of nights a command names (``default`` without one) and the person's zone; None after
    explaining ``usage`` (a bad number) or asking for the zone."""
    t, services = await texts_of(update, context), context.services
    argument = command_argument_of(update)
    days = parse_int(argument, MIN_NIGHTS, MAX_NIGHTS) if argument else default
    if days is None:
        await reply(update, t(usage).format(text=quoted(argument), min=MIN_NIGHTS, max=MAX_NIGHTS))
        return None
    zone = await _zone_or_ask(t, update, services)
    return None if zone is None else (t, days, zone)


async def progress(update: Update, context: BotContext) -> None:
    """/progress [nights]: a chart of the nights (30 unless given) and a short summary."""
    asked = await nights_asked(update, context, DEFAULT_NIGHTS, strings.PROGRESS_USAGE)
    if asked is None:
        return
    (t, days, zone), services = asked, context.services
    chat_id, last = chat_id_of(update), last_night(services.clock(), zone)
    first = last - timedelta(days=days - 1)
    history = await services.coaching.history(
        chat_id, min(first - timedelta(days=days), last - timedelta(HABIT_NIGHTS)), last
    )
    if not any(night.night >= first for night in history.nights) and not any(
        day >= first for day in history.reminder_nights
    ):
        await reply(update, t(strings.PROGRESS_EMPTY).format(days=days))
        return
    summary = progress_summary(history.nights, history.done_nights, history.reminder_nights, first, last)
    shown = [night for night in history.nights if night.night >= first]
    marked = set().union(*(night.factors for night in shown))
    # A row only for what happened in these nights: nine empty rows would squeeze the scores on a phone.
    labels = {
        factor: t(strings.CHART_FACTOR_LABELS[factor]) if factor in strings.CHART_FACTOR_LABELS else label
        for factor, label in (await factor_labels(t, services, chat_id, include_removed=True)).items()
        if factor in marked
    }
    chart = await chart_data(t, services, chat_id, history, first, last, t(strings.CHART_TITLE).format(days=days))
    png = await run_cpu(render_progress_chart, replace(chart, factor_labels=labels))
    text = coaching.progress_text(t, summary)
    message = update.effective_message
    assert message is not None  # a command always comes in a message
    photo = InputFile(png, filename=f"progress-{last.isoformat()}.png")
    if utf16_length(text) <= CAPTION_LIMIT:
        await message.reply_photo(photo, caption=text)
        return
    await message.reply_photo(photo)
    await reply(update, text)


async def chart_data(
    t: Texts, services: Services, chat_id: int, history: History, first: date, last: date, title: str
) -> ChartData:
    """The chart of nights ``first``..``last`` (``history`` holds them) with the diary's rows: when symptoms
    started, the weekly answers, medicine changes and iron results; each row is drawn only when the range holds
    some of it. No factor rows: the caller picks those."""
    chart = ChartData(
        first=first,
        last=last,
        nights=[night for night in history.nights if first <= night.night <= last],
        done_nights=frozenset(day for day in history.done_nights if first <= day <= last),
        factor_labels={},
        title=title,
        score_label=t(strings.CHART_SCORE_LABEL),
        done_label=t(strings.CHART_DONE_LABEL),
        no_data_text=t(strings.CHART_NO_DATA),
        month_names=t.month_names,
    )
    answers = await services.onset.answers(chat_id, first, last)
    events = [event for event in await services.medicines.events(chat_id) if first <= event.on_date <= last]
    results = [result for result in await services.iron.results(chat_id) if first <= result.drawn_on <= last]
    infusions = [day for day in await services.iron.infusions(chat_id) if first <= day <= last]
    return replace(
        chart,
        onset={answer.night: answer.onset.value for answer in answers if answer.onset is not None},
        sitting={answer.night: answer.sitting.value for answer in answers if answer.sitting is not None},
        arms={answer.night: answer.arms for answer in answers if answer.arms is not None},
        medicine_marks=[(event.on_date, _medicine_mark(t, services, event)) for event in events],
        iron=[IronPoint(result.drawn_on, result.ferritin, result.tsat) for result in results],
        infusions=infusions,
        onset_label=t(strings.CHART_ONSET_LABEL),
        onset_words={key: t(word) for key, word in strings.CHART_ONSET_WORDS.items()},
        sitting_label=t(strings.CHART_SITTING_LABEL),
        sitting_words={key: t(word) for key, word in strings.CHART_SITTING_WORDS.items()},
        arms_label=t(strings.CHART_ARMS_LABEL),
        ferritin_label=t(strings.CHART_FERRITIN_LABEL),
        tsat_label=t(strings.CHART_TSAT_LABEL),
        infusion_label=t(strings.CHART_INFUSION_LABEL),
        decimal_mark=get_decimal_symbol(t.language),
    )


def _medicine_mark(t: Texts, services: Services, event: MedicineEventView) -> str:
    """The flag of one change: "Started ropinirole". A catalogue medicine named by its generic name is named in the
    reader's language; any other name (a brand, a typed name) as the person wrote it, which keeps it short."""
    entry = services.content.medicines.get(event.catalogue_key) if event.catalogue_key else None
    shown = medicine_name(services.content, t, event.name, event.catalogue_key)
    # That is the generic name with a capital ("Ropinirole") when it was named so: lower case reads better mid-label.
    name = entry.name(t.language) if entry is not None and shown == entry.label(t.language) else event.name
    template = strings.CHART_MEDICINE_MARKS.get(event.kind, strings.CHART_MEDICINE_MARKS["dose_changed"])
    label = t(template).format(name=name)
    return label[:1].upper() + label[1:]


async def insights(update: Update, context: BotContext) -> None:
    """What went with better and worse nights over the last half year."""
    t, services = await texts_of(update, context), context.services
    zone = await _zone_or_ask(t, update, services)
    if zone is None:
        return
    chat_id, last = chat_id_of(update), last_night(services.clock(), zone)
    history = await services.coaching.history(chat_id, last - timedelta(days=INSIGHT_NIGHTS - 1), last)
    labels = await factor_labels(t, services, chat_id)
    own = await services.coaching.triggers(chat_id)
    own_names = {trigger.factor: trigger.name for trigger in own}
    # Nights before a trigger existed were never asked about it: they are neither "with" nor "without".
    since = {trigger.factor: last_night(trigger.created_at_utc, zone) for trigger in own}
    report = await run_cpu(insight_report, history.nights, list(labels), tracked_since=since)
    await reply(update, coaching.insights_text(t, report, own_names, INSIGHT_NIGHTS))


async def weekly(update: Update, context: BotContext) -> None:
    """/weekly shows the weekly summary's day; ``off`` or a weekday changes it."""
    t, services = await texts_of(update, context), context.services
    chat_id, now = chat_id_of(update), services.clock()
    argument = command_argument_of(update).lower()
    if not argument:
        view = await services.subscribers.get(chat_id)
        day = view.weekly_day if view is not None else DEFAULT_WEEKLY_DAY
        status = (
            t(strings.WEEKLY_STATUS_OFF)
            if day is None
            else t(strings.WEEKLY_STATUS_ON).format(days=t(strings.WEEKDAYS_PLURAL[day]))
        )
        await reply(update, t(strings.WEEKLY_USAGE).format(status=status))
        return
    if argument == "off":
        await services.subscribers.set_weekly_day(chat_id, None, now)
        await reply(update, t(strings.WEEKLY_OFF))
        return
    weekday = weekday_from_text(argument)
    if weekday is None:
        await reply(update, t(strings.WEEKLY_BAD).format(text=quoted(argument)))
        return
    view = await services.subscribers.set_weekly_day(chat_id, weekday, now)
    text = t(strings.WEEKLY_SET).format(days=t(strings.WEEKDAYS_PLURAL[weekday]))
    await reply(update, text if view.reminders_on else f"{text} {t(strings.WEEKLY_SET_NO_REMINDER)}")
