"""The wording of the coaching loop: check-in questions, the weekly summary, /progress and /insights.

The numbers come from bot.core (summaries, insights); this module only puts them into plain, escaped HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from html import escape

from bot import strings
from bot.core.checkins import BUILT_IN_FACTORS
from bot.core.habits import as_percent
from bot.core.insights import MIN_CHECKINS, Insight, InsightReport
from bot.core.summaries import ProgressSummary
from bot.store import CheckinView


def night_name(night: date) -> str:
    """``Tue 24 Nov``: the evening a night starts."""
    return f"{night:%a} {night.day} {night:%b}"


def _number(value: float) -> str:
    return f"{value:.1f}"


def score_question(night: date, current: int | None, *, asked_now: bool = True) -> str:
    template = strings.CHECKIN_SCORE_QUESTION if asked_now else strings.CHECKIN_SCORE_QUESTION_EARLIER
    text = template.format(night=night_name(night))
    return text + (strings.CHECKIN_CURRENT_SCORE.format(score=current) if current is not None else "")


def factors_question(checkin: CheckinView) -> str:
    return strings.CHECKIN_FACTORS_QUESTION.format(night=night_name(checkin.night), score=checkin.score)


def saved_checkin(checkin: CheckinView, labels: Mapping[str, str]) -> str:
    present = [escape(label) for factor, label in labels.items() if factor in checkin.factors]
    factors = strings.CHECKIN_SAVED_FACTORS.format(factors=", ".join(present).lower()) if present else ""
    return strings.CHECKIN_SAVED.format(
        night=night_name(checkin.night), score=checkin.score, factors=factors, iso=checkin.night.isoformat()
    )


def _best_worst(template: str, best_only: str, summary: ProgressSummary) -> str | None:
    if summary.best is None:
        return None
    if summary.worst is None:
        return best_only.format(best=night_name(summary.best.night), best_score=summary.best.score)
    return template.format(
        best=night_name(summary.best.night),
        best_score=summary.best.score,
        worst=night_name(summary.worst.night),
        worst_score=summary.worst.score,
    )


def _change_line(change: float | None, previous: float | None, days: int) -> str | None:
    if change is None or previous is None:
        return None
    if abs(change) < 0.05:
        return strings.PROGRESS_CHANGE_SAME.format(days=days, previous=_number(previous))
    template = strings.PROGRESS_CHANGE_BETTER if change < 0 else strings.PROGRESS_CHANGE_WORSE
    return template.format(change=_number(abs(change)), days=days, previous=_number(previous))


def weekly_summary(summary: ProgressSummary) -> str:
    lines = [strings.WEEKLY_HEADER.format(first=night_name(summary.first), last=night_name(summary.last))]
    if summary.average is None:
        lines.append(strings.WEEKLY_NO_CHECKINS)
    else:
        lines.append(strings.WEEKLY_AVERAGE.format(average=_number(summary.average)))
        lines += filter(None, [_change_line(summary.change, summary.previous_average, 7)])
        lines += filter(None, [_best_worst(strings.WEEKLY_BEST_WORST, strings.WEEKLY_BEST, summary)])
    if summary.reminders:
        lines.append(strings.WEEKLY_DONE.format(done=summary.done, reminders=summary.reminders))
    return "\n".join(lines)


def progress_text(summary: ProgressSummary) -> str:
    lines = [
        strings.PROGRESS_HEADER.format(
            days=summary.days, first=night_name(summary.first), last=night_name(summary.last)
        ),
        "",
    ]
    if summary.average is None:
        lines.append(strings.PROGRESS_NO_CHECKINS)
    else:
        lines.append(strings.PROGRESS_CHECKINS.format(checkins=summary.checkins, days=summary.days))
        lines.append(strings.PROGRESS_AVERAGE.format(average=_number(summary.average)))
        lines += filter(None, [_change_line(summary.change, summary.previous_average, summary.days)])
        lines.append(strings.PROGRESS_GOOD_NIGHTS.format(good=summary.good_nights))
        lines += filter(None, [_best_worst(strings.PROGRESS_BEST_WORST, strings.WEEKLY_BEST, summary)])
    if summary.reminders:
        lines.append(strings.PROGRESS_DONE.format(done=summary.done, reminders=summary.reminders))
        lines.append(strings.PROGRESS_HABIT.format(percent=as_percent(summary.habit_strength)))
    return "\n".join([*lines, "", strings.PROGRESS_FOOTER])


def factor_phrase(factor: str, own_names: Mapping[str, str]) -> str:
    """How a factor reads in a sentence: ``caffeine after midday``, or the person's own words."""
    if factor in BUILT_IN_FACTORS:
        return strings.FACTOR_PHRASES[factor]
    return escape(own_names.get(factor, factor))


def insight_sentence(insight: Insight, own_names: Mapping[str, str]) -> str:
    template = strings.INSIGHT_WORSE if insight.difference > 0 else strings.INSIGHT_BETTER
    return template.format(
        factor=factor_phrase(insight.factor, own_names),
        difference=_number(abs(insight.difference)),
        n_with=insight.n_with,
        n_without=insight.n_without,
    )


def insights_text(report: InsightReport, own_names: Mapping[str, str], days: int) -> str:
    if report.needed:
        return strings.INSIGHTS_NEED_MORE.format(min=MIN_CHECKINS, checkins=report.checkins, needed=report.needed)
    parts = [strings.INSIGHTS_HEADER.format(checkins=report.checkins, days=days)]
    if report.findings:
        sentences = "\n".join(f"• {insight_sentence(insight, own_names)}" for insight in report.findings)
        parts.append(f"{strings.INSIGHTS_FINDINGS}\n{sentences}")
    else:
        parts.append(strings.INSIGHTS_NO_FINDINGS)
    if report.unclear:
        lines = [
            strings.INSIGHT_UNCLEAR.format(
                factor=factor_phrase(insight.factor, own_names).capitalize(),
                mean_with=_number(insight.mean_with),
                mean_without=_number(insight.mean_without),
                n_with=insight.n_with,
                n_without=insight.n_without,
            )
            for insight in report.unclear
        ]
        parts.append("\n".join([strings.INSIGHTS_UNCLEAR, *lines]))
    if report.too_few:
        factors = ", ".join(factor_phrase(factor, own_names) for factor in report.too_few)
        parts.append(strings.INSIGHTS_TOO_FEW.format(factors=factors))
    parts.append(strings.INSIGHTS_FOOTER)
    return "\n\n".join(parts)
