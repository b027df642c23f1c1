"""The wording of the coaching loop: check-in questions, the weekly summary, /progress and /insights.

The numbers come from bot.core (summaries, insights); this module only puts them into plain, escaped HTML in
the person's language (``t``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from bot.core.checkins import BUILT_IN_FACTORS, NightTense
from bot.core.habits import as_percent
from bot.core.insights import MIN_CHECKINS, Insight, InsightReport
from bot.core.summaries import ProgressSummary, WeekOnset
from bot.store import CheckinView
from bot.text import strings
from bot.text.i18n import Texts
from bot.text.onset import week_onset_line


def night_name(t: Texts, night: date) -> str:
    """``Tue 24 Nov`` / ``mar 24 nov``: the evening a night starts."""
    return t.day(night)


def _number(value: float) -> str:
    return f"{value:.1f}"


_SCORE_QUESTIONS = {
    NightTense.LAST: strings.CHECKIN_SCORE_QUESTION,
    NightTense.TONIGHT: strings.CHECKIN_SCORE_QUESTION_TONIGHT,
    NightTense.EARLIER: strings.CHECKIN_SCORE_QUESTION_EARLIER,
}


def score_question(t: Texts, night: date, current: int | None, *, tense: NightTense) -> str:
    """The 0–10 question for one night ("last night", "tonight" or "that night"), with the score already recorded."""
    text = t(_SCORE_QUESTIONS[tense]).format(night=night_name(t, night))
    return text + (t(strings.CHECKIN_CURRENT_SCORE).format(score=current) if current is not None else "")


def factors_question(t: Texts, checkin: CheckinView, tense: NightTense) -> str:
    """The check-in's second step: which factors the day before had, under the night and its score. That day is
    "yesterday" for last night once it is over, and named by its date for any other night."""
    night = night_name(t, checkin.night)
    if tense is NightTense.LAST:
        return t(strings.CHECKIN_FACTORS_QUESTION).format(night=night, score=checkin.score)
    return t(strings.CHECKIN_FACTORS_QUESTION_ON_DAY).format(night=night, score=checkin.score, day=night)


def saved_checkin(t: Texts, checkin: CheckinView, labels: Mapping[str, str], answers: Sequence[str] = ()) -> str:
    """The closed check-in; ``labels`` are already in the person's language (their own triggers as typed).
    ``answers`` are more lines (the onset answers, bot.text.onset), shown under the score, above the footer."""
    present = [escape(label) for factor, label in labels.items() if factor in checkin.factors]
    template = t(strings.CHECKIN_SAVED_WITH_FACTORS) if present else t(strings.CHECKIN_SAVED)
    text = template.format(
        night=night_name(t, checkin.night),
        score=checkin.score,
        factors=", ".join(present).lower(),
        iso=checkin.night.isoformat(),
    )
    saved, _, footer = text.partition("\n")  # the templates are the saved line, then the footer
    return "\n".join([saved, *answers, footer])


def _best_worst(t: Texts, template: str, best_only: str, summary: ProgressSummary) -> str | None:
    """``template`` and ``best_only`` are message ids (strings.*), translated here."""
    if summary.best is None:
        return None
    if summary.worst is None:
        return t(best_only).format(best=night_name(t, summary.best.night), best_score=summary.best.score)
    return t(template).format(
        best=night_name(t, summary.best.night),
        best_score=summary.best.score,
        worst=night_name(t, summary.worst.night),
        worst_score=summary.worst.score,
    )


def _change_line(t: Texts, change: float | None, previous: float | None, days: int) -> str | None:
    if change is None or previous is None:
        return None
    if abs(change) < 0.05:
        return t(strings.PROGRESS_CHANGE_SAME).format(days=days, previous=_number(previous))
    template = t(strings.PROGRESS_CHANGE_BETTER) if change < 0 else t(strings.PROGRESS_CHANGE_WORSE)
    return template.format(change=_number(abs(change)), days=days, previous=_number(previous))


def weekly_summary(t: Texts, summary: ProgressSummary, onset: WeekOnset | None = None) -> str:
    """The week in numbers, added to the reminder on the person's weekly day: average, change, best and worst,
    and when symptoms started if that changed from the week before (``onset``)."""
    header = t(strings.WEEKLY_HEADER).format(first=night_name(t, summary.first), last=night_name(t, summary.last))
    lines = [header]
    if summary.average is None:
        lines.append(t(strings.WEEKLY_NO_CHECKINS))
    else:
        lines.append(t(strings.WEEKLY_AVERAGE).format(average=_number(summary.average)))
        lines += filter(None, [_change_line(t, summary.change, summary.previous_average, 7)])
        lines += filter(None, [_best_worst(t, strings.WEEKLY_BEST_WORST, strings.WEEKLY_BEST, summary)])
    if onset is not None:
        lines.append(week_onset_line(t, onset))
    if summary.reminders:
        lines.append(t(strings.WEEKLY_DONE).format(done=summary.done, reminders=summary.reminders))
    return "\n".join(lines)


def progress_text(t: Texts, summary: ProgressSummary) -> str:
    """/progress over its period: check-ins, average and change, good nights, best and worst, and habit strength."""
    lines = [
        t(strings.PROGRESS_HEADER).format(
            days=summary.days, first=night_name(t, summary.first), last=night_name(t, summary.last)
        ),
        "",
    ]
    if summary.average is None:
        lines.append(t(strings.PROGRESS_NO_CHECKINS))
    else:
        lines.append(t(strings.PROGRESS_CHECKINS).format(checkins=summary.checkins, days=summary.days))
        lines.append(t(strings.PROGRESS_AVERAGE).format(average=_number(summary.average)))
        lines += filter(None, [_change_line(t, summary.change, summary.previous_average, summary.days)])
        lines.append(t(strings.PROGRESS_GOOD_NIGHTS).format(good=summary.good_nights))
        lines += filter(None, [_best_worst(t, strings.PROGRESS_BEST_WORST, strings.WEEKLY_BEST, summary)])
    if summary.reminders:
        lines.append(t(strings.PROGRESS_DONE).format(done=summary.done, reminders=summary.reminders))
        lines.append(t(strings.PROGRESS_HABIT).format(percent=as_percent(summary.habit_strength)))
    return "\n".join([*lines, "", t(strings.PROGRESS_FOOTER)])


def factor_phrase(t: Texts, factor: str, own_names: Mapping[str, str]) -> str:
    """How a factor reads in a sentence: ``caffeine after midday``, or the person's own words."""
    if factor in BUILT_IN_FACTORS:
        return t(strings.FACTOR_PHRASES[factor])
    return escape(own_names.get(factor, factor))


def insight_sentence(t: Texts, insight: Insight, own_names: Mapping[str, str]) -> str:
    """One finding: how much better or worse nights scored after days with a factor, and on how many nights."""
    template = t(strings.INSIGHT_WORSE) if insight.difference > 0 else t(strings.INSIGHT_BETTER)
    return template.format(
        factor=factor_phrase(t, insight.factor, own_names),
        difference=_number(abs(insight.difference)),
        n_with=insight.n_with,
        n_without=insight.n_without,
    )


def insights_text(t: Texts, report: InsightReport, own_names: Mapping[str, str], days: int) -> str:
    """/insights: how many more check-ins are needed, or the clear findings, the unclear ones and the rare factors."""
    if report.needed:
        return t(strings.INSIGHTS_NEED_MORE).format(min=MIN_CHECKINS, checkins=report.checkins, needed=report.needed)
    parts = [t(strings.INSIGHTS_HEADER).format(checkins=report.checkins, days=days)]
    if report.findings:
        sentences = "\n".join(f"• {insight_sentence(t, insight, own_names)}" for insight in report.findings)
        parts.append(f"{t(strings.INSIGHTS_FINDINGS)}\n{sentences}")
    else:
        parts.append(t(strings.INSIGHTS_NO_FINDINGS))
    if report.unclear:
        lines = [
            t(strings.INSIGHT_UNCLEAR).format(
                factor=factor_phrase(t, insight.factor, own_names).capitalize(),
                mean_with=_number(insight.mean_with),
                mean_without=_number(insight.mean_without),
                n_with=insight.n_with,
                n_without=insight.n_without,
            )
            for insight in report.unclear
        ]
        parts.append("\n".join([t(strings.INSIGHTS_UNCLEAR), *lines]))
    if report.too_few:
        factors = ", ".join(factor_phrase(t, factor, own_names) for factor in report.too_few)
        parts.append(t(strings.INSIGHTS_TOO_FEW).format(factors=factors))
    parts.append(t(strings.INSIGHTS_FOOTER))
    return "\n\n".join(parts)
