"""Tip rotation: each person sees every tip once, in their own shuffled order, before any tip repeats."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Sequence

# The tip ids of a person's chosen topics (None: the default topics); the content provides it.
TipPool = Callable[[Collection[str] | None], Sequence[str]]


def next_tip(all_tip_ids: Sequence[str], seen_in_cycle: Sequence[str], seed: int) -> str:
    """The next tip for one person: the first not yet seen in their personal order.

    The order is a shuffle of the tip ids fixed by the person's ``seed``, so it is stable across restarts and
    differs between people. The pool is the tips of the person's chosen topics: seen tips outside it are
    ignored, and tips added to it (a topic turned on, a tip added to the content) join the current cycle. When
    every tip of the pool has been seen, a new cycle starts from the top of the same order.
    """
    if not all_tip_ids:
        raise ValueError("there are no tips to choose from")
    order = sorted(set(all_tip_ids))
    random.Random(seed).shuffle(order)
    seen = set(seen_in_cycle)
    return next((tip_id for tip_id in order if tip_id not in seen), order[0])


def record_shown(pool: Sequence[str], seen_in_cycle: Sequence[str], tip_id: str) -> list[str]:
    """The seen-list after ``tip_id`` was shown: appended, or a fresh cycle if it closes or repeats one.

    Tips outside the pool stay in the list: a topic turned off and on again, or a tip taken out of the content
    and put back, keeps its place in the cycle instead of coming up again early. The cycle closes when every
    tip of the pool has been seen, so the list never holds more than the tips that ever existed.
    """
    if tip_id in seen_in_cycle or set(pool) <= set(seen_in_cycle):
        return [tip_id]
    return [*seen_in_cycle, tip_id]
