"""Unit tests of ``bot.core.onset``: the symptom-onset clock's bands, windows, rules and once-per-episode warning.

The simulations at the end evaluate after every answered night exactly as the bot does (``evaluate``:
``assess`` then ``decide``), over a simulated year, with a seeded
``random.Random``. Run with ``-s`` to see the measured false-alarm rate and detection delays.
"""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.onset import (
    BASELINE_NIGHTS,
    CLEAR_DAYS,
    MEASURES,
    RECENT_NIGHTS,
    WEEKLY_BASELINE_ANSWERS,
    Assessment,
    Change,
    Decision,
    EpisodeState,
    Measure,
    Onset,
    OnsetAnswer,
    Sitting,
    arms_key,
    assess,
    baseline_window,
    decide,
    evaluate,
    find_changes,
    parse_arms,
    parse_onset,
    parse_sitting,
    recent_window,
)

FIRST = date(2025, 1, 6)  # a Monday: the simulated weeks are calendar weeks
YEAR = 365
# The first latest night whose recent window starts after the baseline (the night after it ends).
FIRST_COMPARABLE = BASELINE_NIGHTS + RECENT_NIGHTS - 1


def day(offset: int) -> date:
    return FIRST + timedelta(days=offset)


DAYS = [day(offset) for offset in range(YEAR)]


def nightly(
    first: int, last: int, onset: Onset | None, *, arms: bool | None = None, sitting: Sitting | None = None
) -> list[OnsetAnswer]:
    """An answer every night from day ``first`` to ``last``, with the weekly answers on every seventh night."""
    return [
        OnsetAnswer(
            day(offset),
            onset,
            arms if (offset - first) % 7 == 0 else None,
            sitting if (offset - first) % 7 == 0 else None,
        )
        for offset in range(first, last + 1)
    ]


LETTERS = {"n": Onset.NONE, "b": Onset.BED, "e": Onset.EVENING, "a": Onset.AFTERNOON, "m": Onset.MORNING}


def with_onsets(first: int, letters: str) -> list[OnsetAnswer]:
    """A night each from day ``first``: n(one) b(ed) e(vening) a(fternoon) m(orning), "." for a night without an
    answer; spaces only separate the weeks for the reader."""
    nights = letters.replace(" ", "")
    return [OnsetAnswer(day(first + offset), LETTERS[letter]) for offset, letter in enumerate(nights) if letter != "."]


def weekly(
    nights: Sequence[int], *, sitting: Iterable[Sitting | None] | None = None, arms: Iterable[bool | None] | None = None
) -> list[OnsetAnswer]:
    """Weekly answers only, on the given days."""
    sittings = list(sitting) if sitting is not None else [None] * len(nights)
    arms_answers = list(arms) if arms is not None else [None] * len(nights)
    return [
        OnsetAnswer(day(offset), None, arm, sit)
        for offset, sit, arm in zip(nights, sittings, arms_answers, strict=True)
    ]


def measures(changes: Iterable[Change]) -> list[Measure]:
    return [change.measure for change in changes]


def lingering(answers: list[OnsetAnswer], latest: date) -> frozenset[Measure]:
    return assess(answers, latest).lingering


# --- bands -------------------------------------------------------------------------------------------------


def test_onset_bands_are_ordered_so_that_earlier_is_larger() -> None:
    assert Onset.NONE < Onset.BED < Onset.EVENING < Onset.AFTERNOON < Onset.MORNING
    assert Onset.MORNING > Onset.AFTERNOON >= Onset.AFTERNOON and Onset.BED <= Onset.EVENING
    assert sorted([Onset.MORNING, Onset.NONE, Onset.EVENING]) == [Onset.NONE, Onset.EVENING, Onset.MORNING]
    assert [band.rank for band in Onset] == [0, 1, 2, 3, 4]


def test_sitting_bands_are_ordered_so_that_shorter_is_larger() -> None:
    assert Sitting.NONE < Sitting.OVER_60 < Sitting.FROM_15_TO_60 < Sitting.UNDER_15
    assert max(Sitting) is Sitting.UNDER_15
    assert [band.rank for band in Sitting] == [0, 1, 2, 3]


def test_bands_of_different_questions_do_not_compare() -> None:
    with pytest.raises(TypeError):
        _ = Onset.BED < Sitting.UNDER_15


@pytest.mark.parametrize(
    ("key", "band"),
    [
        ("none", Onset.NONE),
        ("bed", Onset.BED),
        ("evening", Onset.EVENING),
        ("afternoon", Onset.AFTERNOON),
        ("morning", Onset.MORNING),
    ],
)
def test_onset_keys_are_stable(key: str, band: Onset) -> None:
    assert parse_onset(key) is band
    assert band.value == key


@pytest.mark.parametrize(
    ("key", "band"),
    [
        ("none", Sitting.NONE),
        ("over60", Sitting.OVER_60),
        ("15to60", Sitting.FROM_15_TO_60),
        ("under15", Sitting.UNDER_15),
    ],
)
def test_sitting_keys_are_stable(key: str, band: Sitting) -> None:
    assert parse_sitting(key) is band
    assert band.value == key


@pytest.mark.parametrize("key", ["", "Evening", " evening", "over 60", "under15 ", "NONE", "4", None, 3, b"bed"])
def test_anything_else_parses_to_none(key: object) -> None:
    assert parse_onset(key) is None
    assert parse_sitting(key) is None
    assert parse_arms(key) is None


def test_arms_keys_round_trip() -> None:
    assert (arms_key(True), arms_key(False)) == ("yes", "no")
    assert parse_arms(arms_key(True)) is True
    assert parse_arms(arms_key(False)) is False


def test_every_key_is_short_ascii_for_callback_data() -> None:
    keys = [band.value for band in Onset] + [band.value for band in Sitting] + [arms_key(True), arms_key(False)]
    assert all(key.isascii() and key.isalnum() and len(key) <= 12 for key in keys)


# --- windows -----------------------------------------------------------------------------------------------


def test_the_windows_are_four_weeks_from_the_first_answer_and_three_weeks_to_the_latest() -> None:
    assert baseline_window(day(0)) == (day(0), day(27))
    assert recent_window(day(60)) == (day(40), day(60))


def test_no_answers_no_change() -> None:
    assert find_changes([], day(100)) == []
    assert lingering([], day(100)) == frozenset()


def test_nothing_is_compared_while_the_windows_overlap() -> None:
    answers = nightly(0, 27, Onset.EVENING) + nightly(28, 80, Onset.AFTERNOON)
    for latest in range(0, FIRST_COMPARABLE):
        assert find_changes(answers, day(latest)) == []
        assert lingering(answers, day(latest)) == frozenset()
    [change] = find_changes(answers, day(FIRST_COMPARABLE))  # recent starts the night after the baseline ends
    assert change == Change(
        measure="onset",
        baseline_band=Onset.EVENING,
        recent_band=Onset.AFTERNOON,
        baseline_answers=28,
        recent_answers=21,
        supporting_answers=21,
        supporting_weeks=3,
    )


def test_the_baseline_starts_at_the_first_answered_night_not_the_first_row() -> None:
    skipped = [OnsetAnswer(day(offset)) for offset in range(10)]  # check-ins that skipped the optional tap
    answers = skipped + nightly(10, 37, Onset.EVENING) + nightly(38, 90, Onset.AFTERNOON)
    assert find_changes(answers, day(10 + FIRST_COMPARABLE - 1)) == []
    assert measures(find_changes(answers, day(10 + FIRST_COMPARABLE))) == ["onset"]


def test_too_few_recent_answers_is_no_change() -> None:
    baseline = nightly(0, 27, Onset.EVENING)
    assert find_changes(baseline + nightly(60, 80, Onset.AFTERNOON)[::3], day(80)) == []  # 7 answers
    assert len(find_changes(baseline + nightly(60, 80, Onset.AFTERNOON)[::2], day(80))) == 1  # 11 answers


def test_too_few_baseline_answers_is_no_change() -> None:
    recent = nightly(60, 80, Onset.AFTERNOON)
    assert len(find_changes(nightly(0, 27, Onset.EVENING)[::3] + recent, day(80))) == 1  # 10 answers
    assert find_changes(nightly(0, 27, Onset.EVENING)[::4] + recent, day(80)) == []  # 7 answers


def test_answers_between_the_windows_and_after_the_latest_night_are_ignored() -> None:
    baseline = nightly(0, 27, Onset.EVENING)
    between = nightly(28, 59, Onset.MORNING)
    recent = nightly(60, 80, Onset.EVENING)
    later = nightly(81, 120, Onset.MORNING)
    assert find_changes(baseline + between + recent + later, day(80)) == []
    assert lingering(baseline + between + recent + later, day(80)) == frozenset()


def test_a_later_answer_for_the_same_night_replaces_the_earlier() -> None:
    answers = nightly(0, 27, Onset.EVENING) + nightly(60, 80, Onset.AFTERNOON)
    corrected = answers + nightly(60, 80, Onset.EVENING)
    assert find_changes(corrected, day(80)) == []


NIGHT_ANSWERS = st.builds(
    OnsetAnswer,
    night=st.integers(0, 120).map(day),
    onset=st.none() | st.sampled_from(Onset),
    arms=st.none() | st.booleans(),
    sitting=st.none() | st.sampled_from(Sitting),
)


@settings(max_examples=25, deadline=None)
@given(answers=st.lists(NIGHT_ANSWERS, max_size=120, unique_by=lambda answer: answer.night), seed=st.integers())
def test_the_order_of_the_answers_does_not_matter(answers: list[OnsetAnswer], seed: int) -> None:
    shuffled = answers[:]
    random.Random(seed).shuffle(shuffled)
    for latest in (day(60), day(100)):
        assert find_changes(shuffled, latest) == find_changes(answers, latest)
        assert lingering(shuffled, latest) == lingering(answers, latest)


# --- onset -------------------------------------------------------------------------------------------------

BASELINE_EVENINGS = with_onsets(0, "eeeeeee eeaeeee eeeeeee ebeeeee")


def test_two_thirds_of_recent_answers_earlier_in_each_week_is_a_change() -> None:
    recent = with_onsets(60, "aaaaeee aaaaaee aaaaaee")  # 14 of 21 earlier, most of each week
    [change] = find_changes(BASELINE_EVENINGS + recent, day(80))
    assert change == Change("onset", Onset.EVENING, Onset.AFTERNOON, 28, 21, 14, 3)


def test_fewer_than_two_thirds_earlier_is_no_change_but_lingers() -> None:
    recent = with_onsets(60, "aaaaeee aaaaeee aaaaaee")  # 13 of 21
    assert find_changes(BASELINE_EVENINGS + recent, day(80)) == []
    assert lingering(BASELINE_EVENINGS + recent, day(80)) == {"onset"}


def test_fewer_than_a_quarter_earlier_rules_the_change_out() -> None:
    recent = with_onsets(60, "aeeeeee eaeeeeb eeeaeae")  # 4 of 21
    assert assess(BASELINE_EVENINGS + recent, day(80)) == Assessment([], frozenset(), frozenset())


def test_between_a_quarter_and_two_fifths_earlier_cannot_tell() -> None:
    recent = with_onsets(60, "aaeeeee eaeeaeb eeeaeae")  # 6 of 21
    assert assess(BASELINE_EVENINGS + recent, day(80)) == Assessment([], frozenset(), frozenset({"onset"}))


def test_one_or_two_bad_weeks_are_no_change() -> None:
    recent = with_onsets(60, "eeeeeee mmmmmmm mmmmmmm")  # 14 of 21 earlier, but the first week not
    assert find_changes(BASELINE_EVENINGS + recent, day(80)) == []
    assert lingering(BASELINE_EVENINGS + recent, day(80)) == {"onset"}


def test_a_week_without_answers_cannot_support_three_weeks() -> None:
    recent = with_onsets(60, "....... aaaaaaa aaaaaaa")
    assert find_changes(BASELINE_EVENINGS + recent, day(80)) == []
    assert measures(find_changes(BASELINE_EVENINGS + recent + with_onsets(81, "a"), day(81))) == ["onset"]


def test_the_reported_bands_are_the_typical_ones() -> None:
    recent = with_onsets(60, "mmmamma mmammmm mmmammm")
    [change] = find_changes(BASELINE_EVENINGS + recent, day(80))
    assert (change.baseline_band, change.recent_band, change.supporting_answers) == (Onset.EVENING, Onset.MORNING, 21)


def test_a_baseline_already_often_that_early_is_no_change() -> None:
    # Afternoons on 8 of 28 baseline nights: more than a quarter, so afternoons are nothing new; 7 are not.
    often = with_onsets(0, "aeeaeee eaeeaee eeaeeae eaeeeea")
    seldom = with_onsets(0, "aeeaeee eaeeaee eeaeeae eaeeeee")
    recent = with_onsets(60, "a" * 21)
    assert find_changes(often + recent, day(80)) == []
    assert lingering(often + recent, day(80)) == frozenset()
    assert measures(find_changes(seldom + recent, day(80))) == ["onset"]


def test_a_later_onset_is_no_change() -> None:
    assert find_changes(BASELINE_EVENINGS + with_onsets(60, "b" * 21), day(80)) == []
    assert find_changes(BASELINE_EVENINGS + with_onsets(60, "n" * 21), day(80)) == []


@pytest.mark.parametrize(
    ("recent", "warns"),
    [
        ("b", False),  # symptoms back at bedtime: the usual RLS pattern
        ("e", False),  # symptoms back in the evening: still the usual pattern
        ("a", True),  # daytime symptoms: earlier than the usual pattern
        ("m", True),
    ],
)
def test_after_a_symptom_free_baseline_only_daytime_onset_warns(recent: str, warns: bool) -> None:
    baseline = with_onsets(0, "nnnnnnn nnbnnnn nnnnnnn nnnnenn")
    changes = find_changes(baseline + with_onsets(60, recent * 21), day(80))
    assert bool(changes) is warns
    if warns:
        assert (changes[0].baseline_band, changes[0].recent_band) == (Onset.NONE, LETTERS[recent])


def test_symptom_free_nights_count_as_the_lowest_band() -> None:
    # Half the baseline nights without symptoms, half at bedtime: the typical band is bed (the upper median),
    # so evening onsets are a band earlier.
    baseline = with_onsets(0, "nbnbnbn bnbnbnb nbnbnbn bnbnbnb")
    [change] = find_changes(baseline + with_onsets(60, "e" * 21), day(80))
    assert (change.baseline_band, change.recent_band) == (Onset.BED, Onset.EVENING)


# --- weekly questions --------------------------------------------------------------------------------------

BASELINE_WEEKLY = weekly([0, 7, 14, 21], sitting=[Sitting.OVER_60] * 4, arms=[False] * 4)


def test_all_three_recent_sitting_answers_shorter_is_a_change() -> None:
    recent = weekly([63, 70, 77], sitting=[Sitting.FROM_15_TO_60] * 3)
    [change] = find_changes(BASELINE_WEEKLY + recent, day(77))
    assert change == Change("sitting", Sitting.OVER_60, Sitting.FROM_15_TO_60, 4, 3, 3, 3)


@pytest.mark.parametrize(
    "sitting",
    [
        [Sitting.FROM_15_TO_60, Sitting.UNDER_15],  # only two answers
        [Sitting.FROM_15_TO_60, Sitting.OVER_60, Sitting.UNDER_15],  # one as before
        [Sitting.NONE, Sitting.OVER_60, Sitting.NONE],  # longer
    ],
)
def test_sitting_needs_three_recent_answers_all_shorter(sitting: list[Sitting]) -> None:
    recent = weekly([63, 70, 77][: len(sitting)], sitting=sitting)
    assert find_changes(BASELINE_WEEKLY + recent, day(77)) == []


def test_three_of_four_recent_sitting_answers_shorter_lingers_four_of_four_is_a_change() -> None:
    shorter = Sitting.UNDER_15
    recent = weekly([58, 65, 72, 78], sitting=[shorter, Sitting.OVER_60, shorter, shorter])
    assert find_changes(BASELINE_WEEKLY + recent, day(78)) == []
    assert lingering(BASELINE_WEEKLY + recent, day(78)) == {"sitting"}
    [change] = find_changes(BASELINE_WEEKLY + weekly([58, 65, 72, 78], sitting=[shorter] * 4), day(78))
    assert (change.recent_band, change.supporting_answers, change.recent_answers) == (shorter, 4, 4)


def test_after_a_symptom_free_sitting_baseline_only_under_15_minutes_warns() -> None:
    baseline = weekly([0, 7, 14, 21], sitting=[Sitting.NONE] * 4)
    for band, warns in [(Sitting.OVER_60, False), (Sitting.FROM_15_TO_60, False), (Sitting.UNDER_15, True)]:
        recent = weekly([63, 70, 77], sitting=[band] * 3)
        assert bool(find_changes(baseline + recent, day(77))) is warns, band


def test_arms_newly_affected_in_every_recent_answer_is_a_change() -> None:
    recent = weekly([63, 70, 77], arms=[True] * 3)
    [change] = find_changes(BASELINE_WEEKLY + recent, day(77))
    assert change == Change("arms", None, None, 4, 3, 3, 3)


def test_arms_already_in_the_baseline_is_no_change() -> None:
    baseline = weekly([0, 7, 14, 21], arms=[False, True, False, False])
    recent = weekly([63, 70, 77], arms=[True] * 3)
    assert find_changes(baseline + recent, day(77)) == []
    assert lingering(baseline + recent, day(77)) == frozenset()


def test_arms_in_two_of_three_lingers_but_is_no_change() -> None:
    recent = weekly([63, 70, 77], arms=[True, False, True])
    assert find_changes(BASELINE_WEEKLY + recent, day(77)) == []
    assert lingering(BASELINE_WEEKLY + recent, day(77)) == {"arms"}


def test_the_weekly_baseline_is_the_first_four_answers_even_after_four_weeks() -> None:
    # Asked every other week at first: the first four answers take 43 nights, all before the recent window.
    baseline = weekly([0, 14, 28, 42], sitting=[Sitting.OVER_60] * 4, arms=[False] * 4)
    recent = weekly([63, 70, 77], sitting=[Sitting.UNDER_15] * 3, arms=[True] * 3)
    assert measures(find_changes(baseline + recent, day(77))) == ["sitting", "arms"]
    # With three answers before the recent window there is no weekly baseline yet; recent answers never join it.
    assert find_changes(baseline[:3] + recent, day(77)) == []
    assert lingering(baseline[:3] + recent, day(77)) == frozenset()


def test_several_changes_come_in_a_fixed_order() -> None:
    baseline = nightly(0, 27, Onset.BED, arms=False, sitting=Sitting.OVER_60)
    recent = nightly(60, 80, Onset.AFTERNOON, arms=True, sitting=Sitting.UNDER_15)
    assert measures(find_changes(baseline + recent, day(80))) == ["onset", "sitting", "arms"]


# --- lingering and undecided --------------------------------------------------------------------------------


def test_too_few_recent_answers_can_tell_nothing() -> None:
    baseline = nightly(0, 27, Onset.EVENING, arms=False, sitting=Sitting.OVER_60)
    sparse = with_onsets(60, "a.....a ....... ....a.a")  # away: 4 onset answers, no weekly answers
    assert assess(baseline + sparse, day(80)) == Assessment([], frozenset(), frozenset(MEASURES))
    full = nightly(60, 80, Onset.EVENING, arms=False, sitting=Sitting.OVER_60)
    assert assess(baseline + full, day(80)) == Assessment([], frozenset(), frozenset())


def test_only_a_measure_with_a_baseline_can_be_undecided() -> None:
    answers = with_onsets(0, "e" * 28) + with_onsets(70, "e")  # no weekly answers at all: only onset can change
    assert assess(answers, day(70)) == Assessment([], frozenset(), frozenset({"onset"}))


def test_a_change_lingers_too() -> None:
    found = assess(BASELINE_EVENINGS + with_onsets(60, "a" * 21), day(80))
    assert measures(found.changes) == ["onset"]
    assert found.lingering == {"onset"}
    assert found.undecided == frozenset()


# --- the episode -------------------------------------------------------------------------------------------

ONSET_CHANGE = Change("onset", Onset.EVENING, Onset.AFTERNOON, 20, 15, 12, 3)
ARMS_CHANGE = Change("arms", None, None, 4, 3, 3, 3)
OPEN = EpisodeState(open=True, opened_on=day(80), measures=("onset",))


def test_a_change_with_no_open_episode_sends_and_opens_one() -> None:
    assert decide(EpisodeState(), [ONSET_CHANGE], day(80)) == Decision(send=True, new_state=OPEN)


def test_no_change_and_no_episode_sends_nothing_whatever_lingers() -> None:
    assert decide(EpisodeState(), [], day(80), lingering={"onset"}) == Decision(False, EpisodeState())


def test_an_open_episode_does_not_send_again() -> None:
    state = OPEN
    for offset in range(81, 300):
        decision = decide(state, [ONSET_CHANGE], day(offset))
        assert not decision.send
        state = decision.new_state
    assert state == OPEN


def test_a_new_measure_joins_the_open_episode_without_a_second_message() -> None:
    decision = decide(OPEN, [ARMS_CHANGE], day(90))
    assert decision == Decision(False, EpisodeState(open=True, opened_on=day(80), measures=("onset", "arms")))


def test_the_episode_closes_after_the_clear_period_counted_in_days_not_evaluations() -> None:
    state = decide(OPEN, [], day(83)).new_state  # the first evaluation ruling the pattern out; then a trip
    assert state == EpisodeState(open=True, opened_on=day(80), clear_since=day(83), measures=("onset",))
    state = decide(state, [], day(83 + CLEAR_DAYS - 1)).new_state
    assert state.open
    state = decide(state, [], day(83 + CLEAR_DAYS)).new_state
    assert state == EpisodeState()
    assert decide(state, [ONSET_CHANGE], day(83 + CLEAR_DAYS + 1)).send


def test_its_own_measure_lingering_holds_the_episode_open_another_does_not() -> None:
    clearing = EpisodeState(open=True, opened_on=day(80), clear_since=day(90), measures=("onset",))
    last_day = day(90 + CLEAR_DAYS)
    assert decide(clearing, [], last_day, lingering={"onset"}) == Decision(False, OPEN)
    assert decide(clearing, [], last_day, lingering={"sitting", "arms"}) == Decision(False, EpisodeState())


def test_too_few_answers_to_tell_neither_closes_nor_holds_the_episode() -> None:
    assert decide(OPEN, [], day(200), undecided={"onset"}) == Decision(False, OPEN)
    clearing = EpisodeState(open=True, opened_on=day(80), clear_since=day(90), measures=("onset", "arms"))
    assert decide(clearing, [], day(90 + CLEAR_DAYS), undecided={"onset", "arms"}) == Decision(False, clearing)
    # One of its measures ruled out is enough to count the day as clear.
    assert decide(clearing, [], day(90 + CLEAR_DAYS), undecided={"arms"}) == Decision(False, EpisodeState())


def test_a_change_restarts_the_clear_period() -> None:
    clearing = EpisodeState(open=True, opened_on=day(80), clear_since=day(90), measures=("onset",))
    assert decide(clearing, [ONSET_CHANGE], day(90 + CLEAR_DAYS)) == Decision(False, OPEN)


def test_evaluate_is_assess_then_decide() -> None:
    answers = nightly(0, 27, Onset.EVENING, arms=False, sitting=Sitting.OVER_60)
    answers += nightly(60, 80, Onset.AFTERNOON, arms=True, sitting=Sitting.OVER_60)
    for state in (EpisodeState(), OPEN, EpisodeState(True, day(40), day(50), ("sitting",))):
        decision, changes = evaluate(state, answers, day(80))
        found = assess(answers, day(80))
        assert changes == found.changes == find_changes(answers, day(80))
        assert decision == decide(state, changes, day(80), lingering=found.lingering, undecided=found.undecided)


@pytest.mark.parametrize(
    "state",
    [EpisodeState(), OPEN, EpisodeState(True, day(3), day(40), ("onset", "sitting", "arms"))],
)
def test_the_state_round_trips_through_json(state: EpisodeState) -> None:
    assert EpisodeState.from_json(json.loads(json.dumps(state.to_json()))) == state


def test_a_state_never_stored_is_closed() -> None:
    assert EpisodeState.from_json(None) == EpisodeState.from_json({}) == EpisodeState()


@pytest.mark.parametrize(
    "data",
    [
        {"open": "yes"},
        {"open": True, "opened_on": 20250101},
        {"open": True, "clear_since": "last week"},
        {"open": True, "measures": "onset"},
        {"open": True, "measures": ["legs"]},
    ],
)
def test_a_corrupted_state_raises(data: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"."):
        EpisodeState.from_json(data)


# --- simulations -------------------------------------------------------------------------------------------

OnsetOf = Callable[[int, random.Random], Onset]  # the answer on a day (from FIRST)
SittingOf = Callable[[int, random.Random], Sitting]
ArmsOf = Callable[[int, random.Random], bool]


@dataclass
class Year:
    """One simulated person's year: the days (from FIRST) of the warnings and what each described."""

    group: str = ""
    warned_on: list[int] = field(default_factory=list)
    warned_about: list[list[Change]] = field(default_factory=list)


ONSETS, SITTINGS = tuple(Onset), tuple(Sitting)  # by rank


def noisy_onset(typical: Onset, off_share: float, rng: random.Random) -> Onset:
    """``typical``, or one band either side on ``off_share`` of nights (kept within the bands)."""
    if rng.random() < off_share:
        return ONSETS[min(max(typical.rank + (1 if rng.random() < 0.5 else -1), 0), len(ONSETS) - 1)]
    return typical


def noisy_sitting(typical: Sitting, off_share: float, rng: random.Random) -> Sitting:
    """``typical``, or one band either side on ``off_share`` of answers (kept within the bands)."""
    if rng.random() < off_share:
        return SITTINGS[min(max(typical.rank + (1 if rng.random() < 0.5 else -1), 0), len(SITTINGS) - 1)]
    return typical


def simulate(
    rng: random.Random,
    *,
    onset: OnsetOf,
    sitting: SittingOf,
    arms: ArmsOf,
    answer_rate: float = 0.7,
    missing_week_rate: float = 0.08,
    onset_tap_rate: float = 0.92,
    weekly_rate: float = 0.85,
    load_all: bool = False,
) -> Year:
    """A year of check-ins, evaluated after each answered night exactly as the bot does.

    Each night is answered with ``answer_rate`` (none in a missed week); the onset tap is given on
    ``onset_tap_rate`` of them; the weekly questions come with the first answered check-in of each calendar week
    and are answered with ``weekly_rate``. Unless ``load_all``, only the answers the rules read are passed (the
    first 28 nights, the first four weekly answers and the recent window), as the store may load them.
    """
    year = Year()
    state = EpisodeState()
    everything: list[OnsetAnswer] = []
    baseline: list[OnsetAnswer] = []  # the answers of the first BASELINE_NIGHTS nights
    weekly_baseline: list[OnsetAnswer] = []  # the first WEEKLY_BASELINE_ANSWERS answers to each weekly question
    recent: deque[tuple[int, OnsetAnswer]] = deque()  # (day, answer) of the recent window
    first_answered = -1
    sittings_seen = arms_seen = 0
    asked_week = -1
    missed_weeks = {week for week in range(YEAR // 7 + 1) if rng.random() < missing_week_rate}
    for offset in range(YEAR):
        week = offset // 7
        if week in missed_weeks or rng.random() >= answer_rate:
            continue
        night_onset = onset(offset, rng) if rng.random() < onset_tap_rate else None
        night_arms: bool | None = None
        night_sitting: Sitting | None = None
        if week != asked_week:
            asked_week = week
            if rng.random() < weekly_rate:
                night_arms, night_sitting = arms(offset, rng), sitting(offset, rng)
        if night_onset is None and night_arms is None and night_sitting is None:
            continue  # nothing of the onset clock answered: nothing to record or evaluate
        answer = OnsetAnswer(DAYS[offset], night_onset, night_arms, night_sitting)
        everything.append(answer)
        if first_answered < 0:
            first_answered = offset
        if offset - first_answered < BASELINE_NIGHTS:
            baseline.append(answer)
        if (night_sitting is not None and sittings_seen < WEEKLY_BASELINE_ANSWERS) or (
            night_arms is not None and arms_seen < WEEKLY_BASELINE_ANSWERS
        ):
            weekly_baseline.append(answer)
        sittings_seen += night_sitting is not None
        arms_seen += night_arms is not None
        recent.append((offset, answer))
        while recent[0][0] <= offset - RECENT_NIGHTS:
            recent.popleft()
        loaded = everything if load_all else [*baseline, *weekly_baseline, *(answer for _, answer in recent)]
        decision, changes = evaluate(state, loaded, answer.night)
        state = decision.new_state
        if decision.send:
            year.warned_on.append(offset)
            year.warned_about.append(changes)
    return year


def stable_year(rng: random.Random, *, load_all: bool = False) -> Year:
    """A person whose symptoms do not change over the year, with the noise of real answers.

    Onset is in the person's usual band, and a band either side on 5–35 % of nights; one person in ten is torn
    between two neighbouring bands (30–45 % of nights in the second); one week in twenty is a bad week with half
    its nights a band earlier. The weekly sitting-still answer is a band off on 0–20 % of weeks. Arms: 60 % of
    people never, 25 % very rarely (2 % of weeks), 15 % sometimes (10–40 % of weeks, so mostly in the first
    weeks too). 50–90 % of nights answered, one week in twelve missed altogether.
    """
    usual = rng.choices(list(Onset), weights=[0.1, 0.25, 0.4, 0.2, 0.05])[0]
    off_share = rng.uniform(0.05, 0.35)
    torn_towards = rng.choice([band for band in Onset if abs(band.rank - usual.rank) == 1])
    torn_share = rng.uniform(0.3, 0.45) if rng.random() < 0.1 else 0.0
    bad_weeks = {week for week in range(YEAR // 7 + 1) if rng.random() < 0.05}
    usual_sitting = rng.choices(list(Sitting), weights=[0.1, 0.35, 0.4, 0.15])[0]
    sitting_off_share = rng.uniform(0.0, 0.2)
    arms_share = rng.choices([0.0, 0.02, rng.uniform(0.1, 0.4)], weights=[0.6, 0.25, 0.15])[0]

    def onset(offset: int, rng: random.Random) -> Onset:
        typical = torn_towards if rng.random() < torn_share else usual
        if offset // 7 in bad_weeks and rng.random() < 0.5:
            typical = ONSETS[min(typical.rank + 1, len(ONSETS) - 1)]
        return noisy_onset(typical, off_share, rng)

    year = simulate(
        rng,
        onset=onset,
        sitting=lambda offset, rng: noisy_sitting(usual_sitting, sitting_off_share, rng),
        arms=lambda offset, rng: rng.random() < arms_share,
        answer_rate=rng.uniform(0.5, 0.9),
        load_all=load_all,
    )
    year.group = "torn" if torn_share else "arms sometimes" if arms_share >= 0.1 else "steady"
    return year


def evening_or_afternoon(afternoon_share: Callable[[int], float]) -> OnsetOf:
    """Evening onset, in the afternoon on ``afternoon_share(week)`` of nights, a band off on 20 % of nights."""

    def onset(offset: int, rng: random.Random) -> Onset:
        typical = Onset.AFTERNOON if rng.random() < afternoon_share(offset // 7) else Onset.EVENING
        return noisy_onset(typical, 0.2, rng)

    return onset


def ramp(first_week: int, last_week: int, final_share: float) -> Callable[[int], float]:
    """0 before ``first_week``, rising evenly to ``final_share`` in ``last_week``, and staying there."""
    return lambda week: final_share * min(max((week - first_week + 1) / (last_week - first_week + 1), 0.0), 1.0)


def steady_onset(offset: int, rng: random.Random) -> Onset:
    return noisy_onset(Onset.EVENING, 0.2, rng)


def steady_sitting(offset: int, rng: random.Random) -> Sitting:
    return noisy_sitting(Sitting.OVER_60, 0.1, rng)


def never_arms(offset: int, rng: random.Random) -> bool:
    return False


DRIFT_START = 70  # week 10
PEOPLE_PER_DRIFT = 40


def drifting_people(seed: int, *, onset: OnsetOf, sitting: SittingOf, arms: ArmsOf) -> list[Year]:
    rng = random.Random(seed)
    return [simulate(rng, onset=onset, sitting=sitting, arms=arms) for _ in range(PEOPLE_PER_DRIFT)]


def report(name: str, years: Sequence[Year], since: int) -> list[int]:
    """Print how many warnings each person got and the delay of the first after day ``since``; the delays."""
    delays = [year.warned_on[0] - since for year in years if year.warned_on]
    counts = Counter(len(year.warned_on) for year in years)
    quartiles = statistics.quantiles(delays, n=4) if len(delays) > 1 else delays
    median = statistics.median(delays) if delays else None
    print(
        f"\n{name}: warnings per person {dict(sorted(counts.items()))}; days from day {since} to the first: "
        f"median {median}, quartiles {quartiles}, max {max(delays, default=None)}"
    )
    return delays


def test_the_store_may_load_only_what_the_rules_read() -> None:
    for seed in range(3):
        trimmed = stable_year(random.Random(seed))
        full = stable_year(random.Random(seed), load_all=True)
        assert (trimmed.warned_on, trimmed.warned_about) == (full.warned_on, full.warned_about)
    drift = evening_or_afternoon(ramp(10, 14, 0.9))
    trimmed = simulate(random.Random(1), onset=drift, sitting=steady_sitting, arms=never_arms)
    full = simulate(random.Random(1), onset=drift, sitting=steady_sitting, arms=never_arms, load_all=True)
    assert trimmed.warned_on == full.warned_on != []


def test_stable_people_are_rarely_warned_over_a_simulated_year() -> None:
    rng = random.Random(20250106)
    years = [stable_year(rng) for _ in range(1000)]
    warned = [year for year in years if year.warned_on]
    by_measure = Counter(change.measure for year in warned for change in year.warned_about[0])
    groups = Counter(year.group for year in years)
    warned_groups = Counter(year.group for year in warned)
    print(
        f"\nstable people warned at least once in a simulated year: {len(warned)} of {len(years)} "
        f"({len(warned) / len(years):.1%}), {sum(len(year.warned_on) > 1 for year in warned)} of them twice; "
        f"by measure {dict(by_measure)}; by group "
        + ", ".join(f"{group} {warned_groups[group]}/{count}" for group, count in sorted(groups.items()))
    )
    assert len(warned) / len(years) <= 0.03
    steady = [year for year in years if year.group == "steady"]
    assert sum(bool(year.warned_on) for year in steady) / len(steady) <= 0.015


def test_onset_moving_from_evening_to_afternoon_warns_once_within_weeks() -> None:
    # The afternoons rise from none in week 9 to 90 % of nights in week 14 (day 98) and stay.
    years = drifting_people(1, onset=evening_or_afternoon(ramp(10, 14, 0.9)), sitting=steady_sitting, arms=never_arms)
    delays = report("onset evening → afternoon over weeks 10–14", years, since=98)
    assert all(len(year.warned_on) <= 1 for year in years)
    assert all(change.measure == "onset" for year in years for changes in year.warned_about for change in changes)
    assert len(delays) >= 0.9 * len(years)
    assert min(delays) >= -14 and statistics.median(delays) <= 28


def test_sitting_still_shortening_by_a_band_warns_once_within_weeks() -> None:
    def sitting(offset: int, rng: random.Random) -> Sitting:
        return noisy_sitting(Sitting.FROM_15_TO_60 if offset >= DRIFT_START else Sitting.OVER_60, 0.1, rng)

    years = drifting_people(2, onset=steady_onset, sitting=sitting, arms=never_arms)
    delays = report("sitting still: over an hour → 15–60 minutes from week 10", years, since=DRIFT_START)
    assert all(len(year.warned_on) <= 1 for year in years)
    assert len(delays) >= 0.9 * len(years)
    assert min(delays) >= 0 and statistics.median(delays) <= 35


def test_arms_newly_affected_warns_once_within_weeks() -> None:
    def arms(offset: int, rng: random.Random) -> bool:
        return offset >= DRIFT_START and rng.random() < 0.8

    years = drifting_people(3, onset=steady_onset, sitting=steady_sitting, arms=arms)
    delays = report("arms newly affected (80 % of weeks) from week 10", years, since=DRIFT_START)
    assert all(len(year.warned_on) <= 1 for year in years)
    assert len(delays) >= 0.9 * len(years)
    assert min(delays) >= 14 and statistics.median(delays) <= 42


def test_a_drift_that_goes_back_and_comes_again_warns_twice() -> None:
    # Afternoons on 90 % of nights in weeks 10–20, back to evenings in weeks 21–32, afternoons again from week 33.
    years = drifting_people(
        4,
        onset=evening_or_afternoon(lambda week: 0.9 if 10 <= week <= 20 or week >= 33 else 0.0),
        sitting=steady_sitting,
        arms=never_arms,
    )
    report("onset back and again: first drift from week 10", years, since=DRIFT_START)
    report("  … second warning from week 33", [Year(warned_on=year.warned_on[1:]) for year in years], since=231)
    twice = [year for year in years if len(year.warned_on) == 2]
    assert len(twice) >= 0.85 * len(years)
    assert all(len(year.warned_on) <= 2 for year in years)
    assert all(DRIFT_START <= first < 21 * 7 and second >= 33 * 7 for first, second in (y.warned_on for y in twice))


def test_a_single_band_flapping_day_to_day_is_not_warned_again_and_again() -> None:
    # From week 10, every night is a coin toss between evening and afternoon.
    years = drifting_people(
        5, onset=evening_or_afternoon(lambda week: 0.5 if week >= 10 else 0.0), sitting=steady_sitting, arms=never_arms
    )
    report("onset flapping between evening and afternoon from week 10", years, since=DRIFT_START)
    assert all(len(year.warned_on) <= 1 for year in years)
