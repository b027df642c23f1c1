"""Tip rotation: each person sees every tip once, in their own shuffled order, before any tip repeats, and the
topics they chose take turns through that order, so that no topic comes up evening after evening."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping, Sequence

# The tip ids of each of a person's chosen topics (None: the default topics); the content provides it.
TipsByTopic = Mapping[str, Sequence[str]]
TipPool = Callable[[Collection[str] | None], TipsByTopic]


def rotation_order(pool: TipsByTopic, seed: int) -> list[str]:
    """One person's order of every tip of ``pool``: each topic's tips in a shuffle fixed by the person's
    ``seed``, and each topic spread evenly through the cycle.

    A topic with ``n`` tips places its ``k``-th at ``(k + offset) / n``, with a per-person offset in [0, 1), so a
    topic holding a third of the tips comes up every third evening rather than in runs. String seeds give the same
    shuffle in every process (they are hashed with SHA-512, not with Python's salted hash).
    """
    placed: list[tuple[float, str, str]] = []
    for topic, tip_ids in pool.items():
        order = sorted(set(tip_ids))
        rng = random.Random(f"{seed}:{topic}")
        rng.shuffle(order)
        offset = rng.random()
        placed += [((index + offset) / len(order), topic, tip_id) for index, tip_id in enumerate(order)]
    placed.sort()
    return list(dict.fromkeys(tip_id for _, _, tip_id in placed))


def pool_ids(pool: TipsByTopic) -> set[str]:
    """Every tip id of the pool, whatever its topic."""
    return {tip_id for tip_ids in pool.values() for tip_id in tip_ids}


def next_tip(pool: TipsByTopic, seen_in_cycle: Sequence[str], seed: int) -> str:
    """The next tip for one person: the first not yet seen in their personal order (``rotation_order``).

    The pool is the tips of the person's chosen topics: seen tips outside it are ignored, and tips added to it (a
    topic turned on, a tip added to the content) join the current cycle. When every tip of the pool has been
    seen, a new cycle starts from the top of the same order.
    """
    order = rotation_order(pool, seed)
    if not order:
        raise ValueError("there are no tips to choose from")
    seen = set(seen_in_cycle)
    return next((tip_id for tip_id in order if tip_id not in seen), order[0])


def record_shown(pool: TipsByTopic, seen_in_cycle: Sequence[str], tip_id: str) -> list[str]:
    """The seen-list after ``tip_id`` was shown: appended, or a fresh cycle if it closes or repeats one.

    Tips outside the pool stay in the list: a topic turned off and on again, or a tip taken out of the content
    and put back, keeps its place in the cycle instead of coming up again early. The cycle closes when every
    tip of the pool has been seen, so the list never holds more than the tips that ever existed.
    """
    if tip_id in seen_in_cycle or pool_ids(pool) <= set(seen_in_cycle):
        return [tip_id]
    return [*seen_in_cycle, tip_id]
