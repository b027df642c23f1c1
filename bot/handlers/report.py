"""/report [nights]: the diary of the last 90 nights (or as many as asked) as a PDF to bring to the clinician.

The handler only reads: the stores give the period's data, ``bot.text.report`` makes the PDF in a worker process,
and it goes out with sendDocument (``rls-coach chat`` writes it to its files folder). A period with nothing in it
gets a friendly message instead of an empty page.
"""

from __future__ import annotations

from datetime import timedelta, tzinfo

from telegram import InputFile, Update

from bot.core.checkins import last_night
from bot.core.report import Period, paper_for
from bot.handlers.checkins import factor_labels
from bot.handlers.common import chat_id_of, reply
from bot.handlers.progress import chart_data, nights_asked
from bot.server.offload import run_cpu
from bot.services import BotContext, Services
from bot.text import strings
from bot.text.i18n import Texts
from bot.text.meds import medicine_name
from bot.text.report import KeptSelfCheck, ReportData, build_report, has_data, period_range

DEFAULT_NIGHTS = 90


async def report_command(update: Update, context: BotContext) -> None:
    """/report [nights]: the PDF of the last 90 nights unless told otherwise."""
    asked = await nights_asked(update, context, DEFAULT_NIGHTS, strings.REPORT_USAGE)
    if asked is None:
        return
    (t, days, zone), services = asked, context.services
    chat_id, now = chat_id_of(update), services.clock()
    last = last_night(now, zone)
    period = Period(last - timedelta(days=days - 1), last)
    # The period before too: the report sets this period's figures beside it.
    history = await services.coaching.history(chat_id, period.before().first, last)
    title = t(strings.REPORT_CHART_TITLE).format(period=period_range(t, period))
    chart = await chart_data(t, services, chat_id, history, period.first, last, title)
    own = await services.coaching.triggers(chat_id, include_removed=True)
    events = await services.medicines.events(chat_id)
    data = ReportData(
        period=period,
        made_at=now,
        made_on=now.astimezone(zone).date(),
        paper=paper_for(t.territory),
        nights=history.nights,
        reminder_nights=frozenset(day for day in history.reminder_nights if day in period),
        done_nights=history.done_nights,
        factor_labels=await factor_labels(t, services, chat_id, include_removed=True),
        # Nights before a trigger existed were never asked about it: they are neither "with" nor "without".
        tracked_since={trigger.factor: last_night(trigger.created_at_utc, zone) for trigger in own},
        chart=chart,
        onsets=chart.onset,
        sitting=chart.sitting,
        arms=chart.arms,
        medicine_events=events,
        medicine_names={
            event.medicine_id: medicine_name(services.content, t, event.name, event.catalogue_key) for event in events
        },
        iron_results=await services.iron.results(chat_id),
        infusions=await services.iron.infusions(chat_id),
        onset_warnings=await services.onset.warnings(chat_id),
        selfcheck=await _kept_selfcheck(t, services, chat_id, zone),
        notes=await services.notes.notes(chat_id),
    )
    if not has_data(data):
        await reply(update, t(strings.REPORT_EMPTY).format(days=days))
        return
    pdf = await run_cpu(build_report, t, data)
    message = update.effective_message
    assert message is not None  # a command always comes in a message
    document = InputFile(pdf, filename=f"{t(strings.REPORT_FILE_NAME)}-{last.isoformat()}.pdf")
    caption = t(strings.REPORT_CAPTION).format(period=period_range(t, period))
    await message.reply_document(document, caption=caption)


async def _kept_selfcheck(t: Texts, services: Services, chat_id: int, zone: tzinfo) -> KeptSelfCheck | None:
    """The self-check the person kept last, its questions in the reader's language; None when none was kept."""
    kept = await services.coaching.latest_selfcheck(chat_id)
    if kept is None:
        return None
    taken_at, answers = kept
    questions = services.content.library(t.language).selfcheck.questions
    named = [(question.question, answers[question.id]) for question in questions if question.id in answers]
    return KeptSelfCheck(taken_on=taken_at.astimezone(zone).date(), answers=named) if named else None
