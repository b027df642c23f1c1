"""The wording of the symptom-onset clock: its check-in questions, the answers on the saved check-in, the early
warning and the weekly summary's onset line.

The changes come from bot.core.onset and the week's numbers from bot.core.summaries; this module only puts them
into plain, escaped HTML in the person's language (``t``). The warning describes the person's own answers: it
never names a verdict or a dose, and always says not to change a medicine on one's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.core.checkins import NightTense
from bot.core.onset import Change, Onset, OnsetAnswer, Sitting
from bot.core.summaries import WeekOnset
from bot.store import CheckinView
from bot.text import strings
from bot.text.i18n import Texts


def _asked(t: Texts, last: str, on_day: str, checkin: CheckinView, tense: NightTense) -> str:
    """A question under the night and its score; its day is "yesterday" only for last night once it is over."""
    night = t.day(checkin.night)
    template = last if tense is NightTense.LAST else on_day
    return t(template).format(night=night, score=checkin.score, day=night)


def onset_question(t: Texts, checkin: CheckinView, tense: NightTense) -> str:
    """The step after the score: when did symptoms start on the day the night began."""
    return _asked(t, strings.ONSET_QUESTION, strings.ONSET_QUESTION_ON_DAY, checkin, tense)


def arms_question(t: Texts, checkin: CheckinView, tense: NightTense) -> str:
    """The weekly question: did symptoms reach the arms or other parts of the body."""
    return _asked(t, strings.ARMS_QUESTION, strings.ARMS_QUESTION_ON_DAY, checkin, tense)


def sitting_question(t: Texts, checkin: CheckinView, tense: NightTense) -> str:
    """The weekly question: how long can you sit still in the evening before symptoms start."""
    return _asked(t, strings.SITTING_QUESTION, strings.SITTING_QUESTION_ON_DAY, checkin, tense)


def answer_label(t: Texts, band: Onset | Sitting) -> str:
    """The button's words for a band, as the press's answer repeats them."""
    labels = strings.ONSET_BUTTONS if isinstance(band, Onset) else strings.SITTING_BUTTONS
    return t(labels[band.value])


def answered_lines(t: Texts, answer: OnsetAnswer | None) -> list[str]:
    """The night's onset answers as lines of the saved check-in (none for questions skipped or not asked)."""
    if answer is None:
        return []
    lines = []
    if answer.onset is not None:
        lines.append(t(strings.ONSET_SAVED[answer.onset.value]))
    if answer.arms is not None:
        lines.append(t(strings.ARMS_SAVED_YES if answer.arms else strings.ARMS_SAVED_NO))
    if answer.sitting is not None:
        lines.append(t(strings.SITTING_SAVED[answer.sitting.value]))
    return lines


def change_sentence(t: Texts, change: Change) -> str:
    """One change in the person's own answers, in their words: what it is lately, and what it was at first."""
    if change.measure == "arms":
        return t(strings.ONSET_CHANGE_ARMS).format(supporting=change.supporting_answers, answers=change.recent_answers)
    recent, baseline = change.recent_band, change.baseline_band
    assert recent is not None and baseline is not None  # onset and sitting always name both
    if change.measure == "onset":
        phrases, template, from_none = (
            strings.ONSET_PHRASES,
            strings.ONSET_CHANGE_ONSET,
            strings.ONSET_CHANGE_ONSET_FROM_NONE,
        )
    else:
        phrases, template, from_none = (
            strings.SITTING_PHRASES,
            strings.ONSET_CHANGE_SITTING,
            strings.ONSET_CHANGE_SITTING_FROM_NONE,
        )
    if baseline.value == "none":  # a baseline mostly without symptoms has no time of its own to name
        return t(from_none).format(recent=t(phrases[recent.value]))
    return t(template).format(recent=t(phrases[recent.value]), baseline=t(phrases[baseline.value]))


def warning_text(t: Texts, changes: Sequence[Change], dopamine_medicines: Sequence[str]) -> str:
    """The early warning: each change described, a clinician soon (naming the dopamine medicines on the person's
    list, as they entered them), never a medicine changed on one's own, and the way to the chart."""
    described = "\n".join(change_sentence(t, change) for change in changes)
    if dopamine_medicines:
        names = ", ".join(escape(name) for name in dopamine_medicines)
        clinician = t(strings.ONSET_WARNING_CLINICIAN_DOPAMINE).format(medicines=names)
    else:
        clinician = t(strings.ONSET_WARNING_CLINICIAN)
    return "\n\n".join(
        [
            t(strings.ONSET_WARNING_HEADER),
            described,
            f"{clinician} {t(strings.ONSET_WARNING_MEDICINES)}",
            t(strings.ONSET_WARNING_FOOTER),
        ]
    )


def week_onset_line(t: Texts, week: WeekOnset) -> str:
    """The weekly summary's line about when symptoms started this week, against the week before."""
    before = t(strings.WEEKLY_ONSET_BEFORE[week.previous_band.value])
    if week.band is Onset.NONE:
        return t(strings.WEEKLY_ONSET_NONE).format(count=week.count, nights=week.answered, before=before)
    return t(strings.WEEKLY_ONSET).format(
        when=t(strings.ONSET_PHRASES[week.band.value]), count=week.count, nights=week.answered, before=before
    )
