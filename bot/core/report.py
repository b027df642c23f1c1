"""The visit report's figures (/report): what a period of the diary says, as numbers a clinician reads in a minute.

Pure: no I/O, no words. Only what the person entered or simple counts of it: nights recorded, nights with
symptoms per week, the median score, the same for the period before; how the answers about when symptoms start
spread over the first and the second half of the period; and the paper the person's country prints on.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from bot.core.checkins import Night

# CLDR's supplemental data (paperSize): the countries that print on US Letter. Everyone else uses A4.
LETTER_TERRITORIES = frozenset({"BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"})
# The period before is shown beside this one only with this many nights recorded in it: fewer say too little.
MIN_COMPARED_NIGHTS = 7
WEEK_NIGHTS = 7


class Paper(enum.StrEnum):
    """The paper a report is laid out on."""

    LETTER = "letter"
    A4 = "a4"


def paper_for(territory: str | None) -> Paper:
    """Letter in the countries that use it, A4 elsewhere and when the country is not known."""
    return Paper.LETTER if territory in LETTER_TERRITORIES else Paper.A4


@dataclass(frozen=True)
class Period:
    """The nights ``first``..``last`` inclusive."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"the period ends ({self.last}) before it starts ({self.first})")

    @property
    def nights(self) -> int:
        """How many nights the period spans."""
        return (self.last - self.first).days + 1

    def __contains__(self, night: object) -> bool:
        return isinstance(night, date) and self.first <= night <= self.last

    def before(self) -> Period:
        """The period of as many nights just before this one."""
        return Period(self.first - timedelta(days=self.nights), self.first - timedelta(days=1))

    def halves(self) -> tuple[Period, Period]:
        """The first and the second half; with an odd number of nights the second half has the extra one."""
        if self.nights < 2:
            raise ValueError("a period of one night has no halves")
        split = self.first + timedelta(days=self.nights // 2)
        return Period(self.first, split - timedelta(days=1)), Period(split, self.last)


@dataclass(frozen=True)
class Scores:
    """The check-ins of one period: how many nights were recorded, how many had symptoms (a score above 0), the
    nights with symptoms per week of recorded nights, and the median score (None without check-ins)."""

    period: Period
    recorded: int
    symptom_nights: int
    median: float | None

    @property
    def per_week(self) -> float | None:
        """Nights with symptoms in seven recorded nights: 3.5 means half the recorded nights had symptoms."""
        return self.symptom_nights * WEEK_NIGHTS / self.recorded if self.recorded else None


def scores(nights: Sequence[Night], period: Period) -> Scores:
    """The figures of ``period``; ``nights`` may hold check-ins of any period."""
    shown = [night.score for night in nights if night.night in period]
    return Scores(
        period=period,
        recorded=len(shown),
        symptom_nights=sum(1 for score in shown if score > 0),
        median=median(shown) if shown else None,
    )


def compared(nights: Sequence[Night], period: Period) -> tuple[Scores, Scores | None]:
    """This period's figures, and the period before's when it has ``MIN_COMPARED_NIGHTS`` recorded nights."""
    previous = scores(nights, period.before())
    return scores(nights, period), previous if previous.recorded >= MIN_COMPARED_NIGHTS else None


@dataclass(frozen=True)
class Spread:
    """How the answers to one question (a key per night) spread in one period."""

    period: Period
    counts: Mapping[str, int]  # answer -> how many nights gave it; answers given on no night are left out

    @property
    def answered(self) -> int:
        """How many nights have an answer."""
        return sum(self.counts.values())


def spread(answers: Mapping[date, str], period: Period) -> Spread:
    """The answers of the nights in ``period``."""
    return Spread(period, Counter(answer for night, answer in answers.items() if night in period))


def spread_by_half(answers: Mapping[date, str], period: Period) -> tuple[Spread, Spread] | None:
    """The answers of each half of ``period``, or None when the period holds none (or is one night long)."""
    if period.nights < 2 or not any(night in period for night in answers):
        return None
    first, second = period.halves()
    return spread(answers, first), spread(answers, second)


@dataclass(frozen=True)
class YesCount:
    """Yes/no answers in one period: how many, how many were yes, and the first yes."""

    answered: int
    yes: int
    first_yes: date | None


def yes_count(answers: Mapping[date, bool], period: Period) -> YesCount | None:
    """The period's yes/no answers, or None when it holds none."""
    shown = sorted((night, answer) for night, answer in answers.items() if night in period)
    if not shown:
        return None
    yes = [night for night, answer in shown if answer]
    return YesCount(answered=len(shown), yes=len(yes), first_yes=yes[0] if yes else None)


def factor_counts(nights: Sequence[Night], period: Period) -> Counter[str]:
    """How many recorded nights of ``period`` marked each factor."""
    return Counter(factor for night in nights if night.night in period for factor in night.factors)
