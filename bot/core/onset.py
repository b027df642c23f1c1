"""The symptom-onset clock and its calm early warning: change in a person's own answers, never a diagnosis.

After the 0–10 score the morning check-in asks one optional tap: when did symptoms start on the day the night
began (``Onset``). Once a week it also asks whether symptoms reached the arms or other parts of the body, and
how long the person can sit still in the evening before they start (``Sitting``). Earlier onset, a shorter
time sitting still and spreading to the arms are how augmentation shows itself, so the bot compares the
**recent** answers (the ``RECENT_NIGHTS`` nights ending at the latest night) with the person's **baseline**
(the ``BASELINE_NIGHTS`` nights from their first answered night) and describes what moved (``Change``).

The rules are built so that a noisy but stable person rarely triggers (``tests/unit/test_onset.py`` simulates
a thousand stable people over a year, and drifts):

* **Onset** (nightly). The baseline's typical band is its upper median (the earlier of the two middle
  answers), the recent one its lower median, so a tie leans towards "no change". A change needs at least
  ``MIN_BASELINE_ONSETS`` baseline and ``MIN_RECENT_ONSETS`` recent answers; at least
  ``MIN_RECENT_EARLIER_SHARE`` of the recent answers earlier than the baseline's typical band, while at most
  ``MAX_BASELINE_EARLIER_SHARE`` of the baseline's were; and most answers earlier in each of the three recent
  weeks (``MIN_SUPPORTING_WEEKS``).
* **Sitting still** (weekly). The baseline is the first ``WEEKLY_BASELINE_ANSWERS`` answers, with at most
  ``MAX_BASELINE_WEEKLY_SHARE`` of them shorter than their typical band; a change needs at least
  ``MIN_RECENT_WEEKLY`` recent answers, every one of them (``MIN_RECENT_WEEKLY_SHARE``) shorter.
* **Arms** (weekly): "no" in each of the first ``WEEKLY_BASELINE_ANSWERS`` answers, and "yes" in every one of
  at least ``MIN_RECENT_WEEKLY`` recent answers.

A night without symptoms counts as the lowest band. A baseline that was *typically* symptom-free has no time
to be earlier than (a person who had just started feeling better, or whose medicine was working well), so it
is compared with ``SYMPTOM_FREE_ONSET_REFERENCE`` / ``SYMPTOM_FREE_SITTING_REFERENCE`` instead: symptoms
coming back in the usual RLS pattern (in the evening or at bedtime; after 15 minutes or more of sitting) do not
warn, symptoms in the daytime or within 15 minutes of sitting down do.

The warning goes out once per *episode* (``decide``): when a change is found and no episode is open. An open
episode closes only after ``CLEAR_DAYS`` days of evaluations that ruled its pattern out (``assess``: enough
recent answers, and few of them beyond the baseline); an evaluation that cannot tell (too few answers, or a
share between the bars) neither closes it nor holds it open. So a person hovering around the bar, or answering
too sparsely to tell, is not warned again and again; once the episode has closed, the next change opens a new
one and warns again.
"""

from __future__ import annotations

import enum
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from operator import itemgetter
from typing import Any, Literal, Self

# The person's first four weeks of answers, from their first answered night: the reference for good.
BASELINE_NIGHTS = 28
# The last three weeks, ending at the latest night. They must start after the baseline ends (no overlap), so
# nothing is compared before the 49th night from the first answer.
RECENT_NIGHTS = 21
RECENT_WEEKS = RECENT_NIGHTS // 7

# Onset is asked every morning: about 15 of 21 nights are answered at a 70 % answer rate, so 8 is half of a
# sparse window, and 10 in the baseline leaves room for a missed week there.
MIN_BASELINE_ONSETS = 10
MIN_RECENT_ONSETS = 8
# Two thirds of the recent answers earlier than the baseline's typical band: well above what a person with
# ±1 day-to-day noise reaches by chance, well below the share of a real drift.
MIN_RECENT_EARLIER_SHARE = Fraction(2, 3)
# At most a quarter of the baseline's answers already that early: a person torn between two bands from the
# start is not "newly" in the earlier one; two or three odd nights in the baseline do not matter.
MAX_BASELINE_EARLIER_SHARE = Fraction(1, 4)
# Most answers earlier in each of the three recent weeks, so the wording's "for three weeks" is true and one
# or two bad weeks cannot make the pattern. A week without an answer cannot support it.
MIN_SUPPORTING_WEEKS = 3

# The weekly questions' baseline is their first four answers (a weekly question's "first four weeks of
# answers"), all before the recent window: the first 28 nights may hold only two or three, too few to tell
# "never" from "now and then". At most one of the four may already be beyond its typical band. A recent window
# holds only 3–4 weekly answers, so one odd answer must not make a change: at least three, and every one of
# them beyond the baseline (a person whose answer is a band shorter one week in ten does that by chance in
# one window in a thousand).
WEEKLY_BASELINE_ANSWERS = 4
MAX_BASELINE_WEEKLY_SHARE = Fraction(1, 4)
MIN_RECENT_WEEKLY = 3
MIN_RECENT_WEEKLY_SHARE = Fraction(1)

# An open episode is held open while one of its measures *lingers*: it changed, or at least these shares of
# its recent answers are beyond the baseline (2 in 5 onsets, four times what day-to-day noise gives; 1 in 3
# weekly answers). It is *ruled out* by enough recent answers (as many as a change needs) of which fewer than
# RULED_OUT_* are beyond (1 in 4 onsets; none of three weekly answers). In between, and with too few answers,
# an evaluation is *undecided*: it neither holds the episode open nor counts towards closing it. The gap
# between the bars is the hysteresis that stops a person hovering around the warning's bar, or a noisy one
# after the pattern has gone back, from being warned again and again.
LINGER_EARLIER_SHARE = Fraction(2, 5)
RULED_OUT_EARLIER_SHARE = Fraction(1, 4)
LINGER_WEEKLY_SHARE = Fraction(1, 3)
RULED_OUT_WEEKLY_SHARE = Fraction(1, 4)

# An open episode closes after this many days of evaluations that ruled its pattern out. Dates, not
# evaluations: people skip days. Two whole recent windows: with one, a person whose onset flips between two
# bands night by night closes and reopens the episode on a chance run of evenings (a three-week run is not rare
# over a year; a six-week one is).
CLEAR_DAYS = 42

Measure = Literal["onset", "sitting", "arms"]
MEASURES: tuple[Measure, ...] = ("onset", "sitting", "arms")


class _Band(enum.Enum):
    """An ordered answer: the members are declared from the mildest (rank 0, no symptoms) upwards."""

    _rank: int  # set once the members exist (``_number``); not a member

    @property
    def rank(self) -> int:
        """0 for "no symptoms", larger for an earlier onset or a shorter time sitting still."""
        return self._rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, _Band) or type(other) is not type(self):
            return NotImplemented
        return self._rank < other._rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, _Band) or type(other) is not type(self):
            return NotImplemented
        return self._rank <= other._rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, _Band) or type(other) is not type(self):
            return NotImplemented
        return self._rank > other._rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, _Band) or type(other) is not type(self):
            return NotImplemented
        return self._rank >= other._rank


class Onset(_Band):
    """When symptoms started on the day the night began; a larger band is an earlier start.

    The values are the stable keys used in storage and in callback data.
    """

    NONE = "none"
    BED = "bed"
    EVENING = "evening"
    AFTERNOON = "afternoon"
    MORNING = "morning"


class Sitting(_Band):
    """How long the person can sit still in the evening before symptoms start; a larger band is shorter.

    The values are the stable keys used in storage and in callback data.
    """

    NONE = "none"
    OVER_60 = "over60"
    FROM_15_TO_60 = "15to60"
    UNDER_15 = "under15"


def _number(bands: Iterable[_Band]) -> None:
    """Give each member its rank once: the rules compare plain integers, a simulated year thousands of times."""
    for rank, band in enumerate(bands):
        band._rank = rank


_number(Onset)
_number(Sitting)
_ONSETS, _SITTINGS = tuple(Onset), tuple(Sitting)  # indexed by rank

# A symptom-free baseline has no time to be earlier than: compare with the usual RLS pattern instead.
SYMPTOM_FREE_ONSET_REFERENCE = Onset.EVENING
SYMPTOM_FREE_SITTING_REFERENCE = Sitting.FROM_15_TO_60

# Keys of the arms question, for storage and callback data alike.
ARMS_YES, ARMS_NO = "yes", "no"
_ONSET_KEYS = {band.value: band for band in Onset}
_SITTING_KEYS = {band.value: band for band in Sitting}
_ARMS_KEYS = {ARMS_YES: True, ARMS_NO: False}


def parse_onset(key: object) -> Onset | None:
    """The onset band of a stored or callback key ("none", "bed", "evening", "afternoon", "morning"), else None."""
    return _ONSET_KEYS.get(key) if isinstance(key, str) else None


def parse_sitting(key: object) -> Sitting | None:
    """The sitting-still band of a key ("none", "over60", "15to60", "under15"), else None."""
    return _SITTING_KEYS.get(key) if isinstance(key, str) else None


def parse_arms(key: object) -> bool | None:
    """The arms answer of a key: True for "yes", False for "no", None for anything else."""
    return _ARMS_KEYS.get(key) if isinstance(key, str) else None


def arms_key(arms: bool) -> str:
    """The stored / callback key of an arms answer."""
    return ARMS_YES if arms else ARMS_NO


@dataclass(frozen=True)
class OnsetAnswer:
    """One night's answers; each may be missing (the tap is optional, the weekly questions come once a week)."""

    night: date
    onset: Onset | None = None
    arms: bool | None = None
    sitting: Sitting | None = None
    # (day ordinal, (day ordinal, onset rank, sitting rank, arms 0/1; -1 = not answered)): what the rules read,
    # as integers, keyed by the day
    _keyed: tuple[int, tuple[int, int, int, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        day = self.night.toordinal()
        codes = (
            day,
            -1 if self.onset is None else self.onset.rank,
            -1 if self.sitting is None else self.sitting.rank,
            -1 if self.arms is None else int(self.arms),
        )
        object.__setattr__(self, "_keyed", (day, codes))

    @property
    def answered(self) -> bool:
        """Whether any of the three questions was answered this night (the first such night starts the baseline)."""
        return self.onset is not None or self.arms is not None or self.sitting is not None


@dataclass(frozen=True)
class Change:
    """A change in the person's own answers: everything the wording needs, nothing about medicine.

    For ``onset`` and ``sitting``, ``baseline_band`` is the baseline's typical band and ``recent_band`` the
    recent one ("have been starting in the afternoon for three weeks; in your first weeks, in the evening").
    For ``arms`` both are None: "no" in all ``baseline_answers`` baseline answers, "yes" in
    ``supporting_answers`` of the ``recent_answers``. ``supporting_answers`` counts the recent answers beyond
    the baseline (an earlier onset, a shorter time sitting still, the arms affected); ``supporting_weeks`` how
    many of the ``RECENT_WEEKS`` recent weeks show it (for onset: in most of that week's answers).
    """

    measure: Measure
    baseline_band: Onset | Sitting | None
    recent_band: Onset | Sitting | None
    baseline_answers: int
    recent_answers: int
    supporting_answers: int
    supporting_weeks: int


def baseline_window(first_night: date) -> tuple[date, date]:
    """The first and last night of the baseline of a person whose first answered night is ``first_night``."""
    return first_night, first_night + timedelta(days=BASELINE_NIGHTS - 1)


def recent_window(latest_night: date) -> tuple[date, date]:
    """The first and last night of the recent window ending at ``latest_night``."""
    return latest_night - timedelta(days=RECENT_NIGHTS - 1), latest_night


def find_changes(answers: Iterable[OnsetAnswer], latest_night: date) -> list[Change]:
    """The changes to warn about as of ``latest_night``, in the order onset, sitting, arms (see ``assess``)."""
    return assess(answers, latest_night).changes


@dataclass(frozen=True)
class Assessment:
    """What the answers show as of one night, measure by measure.

    ``changes``: the changes to warn about (onset, sitting, arms, in that order). ``lingering``: the measures
    that changed, or have at least ``LINGER_EARLIER_SHARE`` / ``LINGER_WEEKLY_SHARE`` of their recent answers
    beyond the baseline. ``undecided``: the measures that could change (their baseline is there) but have too
    few recent answers to tell, or a share between the ``RULED_OUT_*`` and ``LINGER_*`` bars. Every other
    measure is ruled out, or has no baseline to compare with.
    """

    changes: list[Change]
    lingering: frozenset[Measure]
    undecided: frozenset[Measure]


def assess(answers: Iterable[OnsetAnswer], latest_night: date) -> Assessment:
    """Compare the recent window ending at ``latest_night`` with the baseline.

    ``answers`` may come in any order and hold more than the rules read: only the nights of ``baseline_window``
    (from the first answered night), the first ``WEEKLY_BASELINE_ANSWERS`` answers to each weekly question and
    the nights of ``recent_window`` count, so the store may load just those. One answer per night (a later
    duplicate of a night replaces the earlier). Nothing is found while there is too little data, nor while the
    baseline and the recent window would overlap (the first 48 nights from the first answer).
    """
    by_day = dict([answer._keyed for answer in answers])  # the last answer of each night
    days = list(by_day)
    ordered = sorted(days)
    codes = list(by_day.values()) if days == ordered else [by_day[day] for day in ordered]
    latest_day = latest_night.toordinal()
    end = bisect_right(codes, latest_day, key=_day)
    # The baseline starts with the first answered night (a code of -1s is a night without any of the answers).
    start = 0 if end and max(codes[0][1:]) >= 0 else next((i for i in range(end) if max(codes[i][1:]) >= 0), end)
    if start == end:
        return _NOTHING
    baseline_last = codes[start][0] + BASELINE_NIGHTS - 1
    recent_first = latest_day - (RECENT_NIGHTS - 1)
    if recent_first <= baseline_last:
        return _NOTHING  # the windows would overlap: too early to compare
    split = bisect_left(codes, recent_first, start, end, key=_day)
    before, recent = codes[start:split], codes[split:end]
    baseline_nights = codes[start : bisect_right(codes, baseline_last, start, split, key=_day)]
    found = (
        _band_change(_ONSET_RULES, list(filter(_answered, map(_onset, baseline_nights))), recent, recent_first),
        _band_change(
            _SITTING_RULES,
            list(filter(_answered, map(_sitting, before)))[:WEEKLY_BASELINE_ANSWERS],
            recent,
            recent_first,
        ),
        _arms_change(list(filter(_answered, map(_arms, before)))[:WEEKLY_BASELINE_ANSWERS], recent, recent_first),
    )
    changes: list[Change] = []
    lingering: list[Measure] = []
    undecided: list[Measure] = []
    for measure, (change, status) in zip(MEASURES, found, strict=True):
        if change is not None:
            changes.append(change)
        if status in ("changed", "lingering"):
            lingering.append(measure)
        elif status == "undecided":
            undecided.append(measure)
    return Assessment(changes, frozenset(lingering), frozenset(undecided))


@dataclass(frozen=True)
class EpisodeState:
    """Whether a warning's episode is open, stored per person as a small JSON dict (``to_json``).

    ``opened_on`` is the night whose evaluation sent the warning; ``measures`` the measures that changed during
    the episode (in the order of ``MEASURES``); ``clear_since`` the first night of the current run of
    evaluations that ruled their pattern out (None while it lingers, and when closed).
    """

    open: bool = False
    opened_on: date | None = None
    clear_since: date | None = None
    measures: tuple[Measure, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict, e.g. ``{"open": true, "opened_on": "2025-03-02", "clear_since": null,
        "measures": ["onset"]}``."""
        return {
            "open": self.open,
            "opened_on": self.opened_on.isoformat() if self.opened_on else None,
            "clear_since": self.clear_since.isoformat() if self.clear_since else None,
            "measures": list(self.measures),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Self:
        """The state ``to_json`` wrote; None or ``{}`` (never stored) is the closed state.

        Raises ValueError on anything else, so that a corrupted state shows rather than silently warns again.
        """
        if data is None:
            return cls()
        is_open = data.get("open", False)
        if not isinstance(is_open, bool):
            raise ValueError(f"episode state: open must be a bool, not {is_open!r}")
        measures = data.get("measures", [])
        if not isinstance(measures, list) or not set(measures) <= set(MEASURES):
            raise ValueError(f"episode state: measures must be a list of {MEASURES}, not {measures!r}")
        return cls(
            open=is_open,
            opened_on=_date_or_none(data, "opened_on"),
            clear_since=_date_or_none(data, "clear_since"),
            measures=_in_order(measures),
        )


@dataclass(frozen=True)
class Decision:
    """Whether to send the warning now, and the state to store (whether or not it is sent)."""

    send: bool
    new_state: EpisodeState


def decide(
    state: EpisodeState,
    changes: Sequence[Change],
    night: date,
    *,
    lingering: Collection[Measure] = (),
    undecided: Collection[Measure] = (),
) -> Decision:
    """The episode rule, evaluated after the check-in or /log entry of ``night`` (the latest answered night).

    Send exactly when ``changes`` is not empty and no episode is open. While an episode is open, an evaluation
    where any measure changes, or one of the episode's ``measures`` lingers, holds it open; one where all of
    them are ``undecided`` leaves the state as it is; any other rules the pattern out, and the episode closes
    once ``CLEAR_DAYS`` days have passed from the first such evaluation to the latest. Pass ``lingering`` and
    ``undecided`` from ``assess`` (``evaluate`` does): without them the episode closes ``CLEAR_DAYS`` after the
    changes stop, and a person hovering around the bar may be warned again.
    """
    if not state.open:
        if not changes:
            return Decision(send=False, new_state=state)
        opened = EpisodeState(open=True, opened_on=night, measures=_in_order(change.measure for change in changes))
        return Decision(send=True, new_state=opened)
    measures = _in_order([*state.measures, *(change.measure for change in changes)])
    if changes or not set(measures).isdisjoint(lingering):
        return Decision(send=False, new_state=EpisodeState(open=True, opened_on=state.opened_on, measures=measures))
    if set(measures) <= set(undecided):
        return Decision(send=False, new_state=state)  # cannot tell: neither held open nor clear
    clear_since = state.clear_since or night
    if (night - clear_since).days >= CLEAR_DAYS:
        return Decision(send=False, new_state=EpisodeState())
    still_open = EpisodeState(open=True, opened_on=state.opened_on, clear_since=clear_since, measures=measures)
    return Decision(send=False, new_state=still_open)


def evaluate(state: EpisodeState, answers: Iterable[OnsetAnswer], latest_night: date) -> tuple[Decision, list[Change]]:
    """``assess`` and ``decide`` in one call, as the check-in and /log run them after recording ``latest_night``.

    Returns the decision and the changes found: the ones to describe when ``decision.send`` is true.
    """
    found = assess(answers, latest_night)
    decision = decide(state, found.changes, latest_night, lingering=found.lingering, undecided=found.undecided)
    return decision, found.changes


def _in_order(measures: Iterable[str]) -> tuple[Measure, ...]:
    """The measures without repeats, in the order of ``MEASURES``."""
    present = set(measures)
    return tuple(measure for measure in MEASURES if measure in present)


def _date_or_none(data: Mapping[str, Any], key: str) -> date | None:
    """An ISO date of the stored state, or None; ValueError for anything else."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"episode state: {key} must be an ISO date, not {value!r}")
    return date.fromisoformat(value)


# --- the rules on integer codes ------------------------------------------------------------------------------
# A simulated year calls ``assess`` a quarter of a million times, so the rules run on each answer's integer codes
# (``OnsetAnswer._keyed``) with map, filter and bisect rather than Python loops.

_NOTHING = Assessment([], frozenset(), frozenset())
_Codes = tuple[int, int, int, int]  # (day ordinal, onset rank, sitting rank, arms 0/1; -1 = not answered)
_day, _onset, _sitting, _arms = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)
_answered = (-1).__lt__
# What a measure's recent answers show: a change; below the warning's bar but holding an episode open; too few
# answers, or a share between the bars; ruled out (or no baseline to compare with).
_Status = Literal["changed", "lingering", "undecided", "ruled_out"]


@dataclass(frozen=True)
class _Rules:
    """The thresholds of a band measure, and where its answers are in the codes. Shares as (numerator,
    denominator), so that the comparisons stay in integers."""

    measure: Literal["onset", "sitting"]
    getter: itemgetter[int]
    bands: tuple[Onset, ...] | tuple[Sitting, ...]
    reference_if_symptom_free: int  # a rank
    min_baseline: int
    max_baseline_share: tuple[int, int]
    min_recent: int
    min_share: tuple[int, int]
    min_weeks: int  # recent weeks with most of their answers beyond the baseline (0: not asked)
    linger_share: tuple[int, int]
    ruled_out_share: tuple[int, int]


def _ints(share: Fraction) -> tuple[int, int]:
    return share.numerator, share.denominator


_ONSET_RULES = _Rules(
    "onset",
    _onset,
    _ONSETS,
    SYMPTOM_FREE_ONSET_REFERENCE.rank,
    MIN_BASELINE_ONSETS,
    _ints(MAX_BASELINE_EARLIER_SHARE),
    MIN_RECENT_ONSETS,
    _ints(MIN_RECENT_EARLIER_SHARE),
    MIN_SUPPORTING_WEEKS,
    _ints(LINGER_EARLIER_SHARE),
    _ints(RULED_OUT_EARLIER_SHARE),
)
_SITTING_RULES = _Rules(
    "sitting",
    _sitting,
    _SITTINGS,
    SYMPTOM_FREE_SITTING_REFERENCE.rank,
    WEEKLY_BASELINE_ANSWERS,
    _ints(MAX_BASELINE_WEEKLY_SHARE),
    MIN_RECENT_WEEKLY,
    _ints(MIN_RECENT_WEEKLY_SHARE),
    0,
    _ints(LINGER_WEEKLY_SHARE),
    _ints(RULED_OUT_WEEKLY_SHARE),
)
_ARMS_SHARES = _ints(MIN_RECENT_WEEKLY_SHARE), _ints(LINGER_WEEKLY_SHARE), _ints(RULED_OUT_WEEKLY_SHARE)


def _band_change(
    rules: _Rules, baseline: list[int], recent_codes: list[_Codes], recent_first: int
) -> tuple[Change | None, _Status]:
    """The change of a band measure (ranks in, bands out) or None, and what its recent answers show."""
    if len(baseline) < rules.min_baseline:
        return None, "ruled_out"  # too little baseline: no change can be shown
    baseline.sort()
    baseline_typical = baseline[len(baseline) // 2]  # the upper median: the baseline leans to "no change"
    reference = rules.reference_if_symptom_free if baseline_typical == 0 else baseline_typical
    if not _at_most(len(baseline) - bisect_right(baseline, reference), rules.max_baseline_share, len(baseline)):
        return None, "ruled_out"  # already often beyond its typical band: nothing would be new
    recent = list(filter(_answered, map(rules.getter, recent_codes)))
    status = _status(
        sum(map(reference.__lt__, recent)),
        len(recent),
        rules.min_recent,
        rules.min_share,
        rules.linger_share,
        rules.ruled_out_share,
    )
    if status != "changed":
        return None, status
    recent.sort()
    recent_typical = recent[(len(recent) - 1) // 2]  # the lower median: it leans to "no change"
    majority = rules.measure == "onset"
    weeks = _supporting_weeks(recent_codes, rules.getter, reference, recent_first, majority=majority)
    if recent_typical <= reference or weeks < rules.min_weeks:
        return None, "lingering"
    change = Change(
        measure=rules.measure,
        baseline_band=rules.bands[baseline_typical],
        recent_band=rules.bands[recent_typical],
        baseline_answers=len(baseline),
        recent_answers=len(recent),
        supporting_answers=sum(map(reference.__lt__, recent)),
        supporting_weeks=weeks,
    )
    return change, "changed"


def _arms_change(baseline: list[int], recent_codes: list[_Codes], recent_first: int) -> tuple[Change | None, _Status]:
    """The arms newly affected or None, and what the recent arms answers show."""
    if len(baseline) < WEEKLY_BASELINE_ANSWERS or any(baseline):
        return None, "ruled_out"
    recent = list(filter(_answered, map(_arms, recent_codes)))
    status = _status(sum(recent), len(recent), MIN_RECENT_WEEKLY, *_ARMS_SHARES)
    if status != "changed":
        return None, status
    change = Change(
        measure="arms",
        baseline_band=None,
        recent_band=None,
        baseline_answers=len(baseline),
        recent_answers=len(recent),
        supporting_answers=sum(recent),
        supporting_weeks=_supporting_weeks(recent_codes, _arms, 0, recent_first, majority=False),
    )
    return change, "changed"


def _status(
    supporting: int,
    answers: int,
    min_answers: int,
    min_share: tuple[int, int],
    linger_share: tuple[int, int],
    ruled_out_share: tuple[int, int],
) -> _Status:
    """What ``supporting`` answers beyond the baseline out of ``answers`` show, by their count and share alone."""
    if answers < min_answers:
        return "undecided"
    if not _at_least(supporting, ruled_out_share, answers):
        return "ruled_out"
    if not _at_least(supporting, linger_share, answers):
        return "undecided"
    if not _at_least(supporting, min_share, answers):
        return "lingering"
    return "changed"


def _supporting_weeks(
    recent_codes: list[_Codes], getter: itemgetter[int], reference: int, recent_first: int, *, majority: bool
) -> int:
    """How many of the recent weeks hold answers beyond ``reference`` (with ``majority``: most of their answers)."""
    answers_per_week = [0] * RECENT_WEEKS
    beyond_per_week = [0] * RECENT_WEEKS
    for code in recent_codes:
        value = getter(code)
        if value >= 0:
            week = (code[0] - recent_first) // 7
            answers_per_week[week] += 1
            beyond_per_week[week] += value > reference
    if majority:
        return sum(2 * beyond > answers for beyond, answers in zip(beyond_per_week, answers_per_week, strict=True))
    return sum(beyond > 0 for beyond in beyond_per_week)


def _at_least(count: int, share: tuple[int, int], total: int) -> bool:
    """``count >= share * total``, in integers."""
    return count * share[1] >= share[0] * total


def _at_most(count: int, share: tuple[int, int], total: int) -> bool:
    """``count <= share * total``, in integers."""
    return count * share[1] <= share[0] * total
