"""The wording of /iron: the history of results and infusions, one result in a line, and what could not be read.

Only words: the values come from bot.store.iron as the person copied them from the lab report, and the problems
from bot.core.iron's parser. A value is shown as it is, never beside a threshold: what the numbers mean in general
is the reviewed iron section of /treatments.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from babel.dates import format_date
from babel.numbers import format_decimal

from bot.core.iron import IronProblem, IronVerb
from bot.store.iron import IronResultView
from bot.text import strings
from bot.text.i18n import Texts

# The units each value takes, as the parser reads them (bot.core.iron); the same in every language.
_UNITS = {
    "ferritin": "ng/mL, µg/L",
    "tsat": "%",
    "iron": "µg/dL, µmol/L",
    "tibc": "µg/dL, µmol/L",
    "hb": "g/dL, g/L",
}
# A problem whose wording depends on the field as well as on the kind: the months of a recall, a list position.
_PROBLEM_BY_FIELD = {
    ("missing_number", "months"): "missing_months",
    ("bad_number", "months"): "bad_months",
    ("missing_number", "position"): "missing_position",
    ("bad_number", "position"): "bad_position",
}
_QUOTED_LIMIT = 60


def day_with_year(t: Texts, day: date) -> str:
    """``Fri 20 Nov 2026`` / ``vie 20 nov 2026``: results span years, so their days carry one."""
    return format_date(day, "EEE d MMM y", locale=t.language)


def number(t: Texts, value: float) -> str:
    """``13.5`` / ``13,5``: up to two decimals, as typed, without grouping (``1200``, never ``1,200``)."""
    return format_decimal(value, format="0.##", locale=t.language)


def result_values(t: Texts, result: IronResultView) -> str:
    """``ferritin 45 ng/mL · TSAT 18 % · Hb 13.5 g/dL · morning, after 24 h without iron``: what was noted."""
    parts = []
    if result.ferritin is not None:
        parts.append(t(strings.IRON_FERRITIN).format(value=number(t, result.ferritin)))
    if result.tsat is not None:
        if result.serum_iron is not None and result.tibc is not None:
            parts.append(
                t(strings.IRON_TSAT_FROM).format(
                    value=number(t, result.tsat), iron=number(t, result.serum_iron), tibc=number(t, result.tibc)
                )
            )
        else:
            parts.append(t(strings.IRON_TSAT).format(value=number(t, result.tsat)))
    if result.haemoglobin is not None:
        parts.append(t(strings.IRON_HB).format(value=number(t, result.haemoglobin)))
    if result.morning_no_iron is not None:
        parts.append(t(strings.IRON_MORNING_YES if result.morning_no_iron else strings.IRON_MORNING_NO))
    return " · ".join(parts)


def result_line(t: Texts, result: IronResultView, position: int | None = None) -> str:
    """One result on one line, numbered as /iron lists it when ``position`` is given."""
    values, day = result_values(t, result), day_with_year(t, result.drawn_on)
    if position is None:
        return t(strings.IRON_RESULT).format(date=day, values=values)
    return t(strings.IRON_RESULT_LINE).format(position=position, date=day, values=values)


def history(
    t: Texts, results: Sequence[IronResultView], infusions: Sequence[date], plans: Sequence[str], today: date
) -> str:
    """/iron: every result (numbered, oldest first) and infusion by date, what is planned, and how to type one."""
    events: list[tuple[date, int, str]] = [
        (result.drawn_on, 0, result_line(t, result, position)) for position, result in enumerate(results, 1)
    ]
    events += [(day, 1, t(strings.IRON_INFUSION_LINE).format(date=day_with_year(t, day))) for day in infusions]
    events.sort(key=lambda event: event[:2])
    lines = [event[2] for event in events] or [t(strings.IRON_NONE)]
    parts = [t(strings.IRON_TITLE), "\n".join(lines)]
    if plans:
        parts.append("\n".join(plans))
    parts.append(t(strings.IRON_FOOTER).format(today=today.isoformat()))
    return "\n\n".join(parts)


def infusions_text(t: Texts, infusions: Sequence[date], today: date) -> str:
    """💉 Infusion: the infusions so far, how to add one, and (when there are any) how to delete one."""
    listed = "\n".join(f"• {day_with_year(t, day)}" for day in infusions) or t(strings.IRON_INFUSIONS_NONE)
    text = t(strings.IRON_INFUSIONS).format(infusions=listed, example=today.isoformat())
    return f"{text} {t(strings.IRON_INFUSIONS_DELETE)}" if infusions else text


def problem_line(t: Texts, problem: IronProblem) -> str:
    """What could not be read, in one sentence naming the person's own words."""
    key = _PROBLEM_BY_FIELD.get((problem.kind, problem.field or ""), problem.kind)
    field = problem.field or ""
    line = t(strings.IRON_PROBLEMS[key]).format(
        text=_quoted(problem.text),
        field=t(strings.IRON_FIELDS[field]) if field in strings.IRON_FIELDS else "",
        units=_UNITS.get(field, ""),
        computed=number(t, problem.computed) if problem.computed is not None else "",
    )
    return line[:1].upper() + line[1:]


def problem_text(t: Texts, problem: IronProblem, today: date, ahead: date) -> str:
    """The answer to ``/iron …`` that could not be read: what was wrong, that nothing changed, and an example of
    the form the person was typing (every form when even the first word was unknown)."""
    if problem.verb is None:
        return f"{problem_line(t, problem)} {t(strings.IRON_NOTHING_CHANGED)}\n\n{usage(t, today, ahead)}"
    return refusal(t, problem_line(t, problem), problem.verb, today, ahead)


def refusal(t: Texts, reason: str, verb: IronVerb, today: date, ahead: date) -> str:
    """``reason``, that nothing changed, and an example of the ``verb`` form of /iron."""
    example = t(strings.IRON_EXAMPLES[verb]).format(today=today.isoformat(), ahead=ahead.isoformat())
    return f"{reason} {t(strings.IRON_NOTHING_CHANGED)}\n{t(strings.IRON_EXAMPLE).format(example=example)}"


def usage(t: Texts, today: date, ahead: date) -> str:
    """Every form of /iron, with dates that work today."""
    return t(strings.IRON_USAGE).format(today=today.isoformat(), ahead=ahead.isoformat())


def _quoted(text: str) -> str:
    shortened = text if len(text) <= _QUOTED_LIMIT else text[: _QUOTED_LIMIT - 1] + "…"
    return escape(shortened)
