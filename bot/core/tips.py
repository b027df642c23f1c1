"""Tip rotation: each person sees every tip once, in their own shuffled order, before any tip repeats."""

from __future__ import annotations

import random
from collections.abc import Sequence


def next_tip(all_tip_ids: Sequence[str], seen_in_cycle: Sequence[str], seed: int) -> str:
    """The next tip for one person: the first not yet seen in their personal order.

    The order is a shuffle of the tip ids fixed by the person's ``seed``, so it is stable across restarts and
    differs between people. Tips removed from the content are ignored; tips added later join the current
    cycle. When every tip has been seen, a new cycle starts from the top of the same order.
    """
    if not all_tip_ids:
        raise ValueError("there are no tips to choose from")
    order = sorted(set(all_tip_ids))
    random.Random(seed).shuffle(order)
    seen = set(seen_in_cycle)
    return next((tip_id for tip_id in order if tip_id not in seen), order[0])


def record_shown(all_tip_ids: Sequence[str], seen_in_cycle: Sequence[str], tip_id: str) -> list[str]:
    """The seen-list after ``tip_id`` was shown: appended, or a fresh cycle if it closes or repeats one."""
    current = set(all_tip_ids)
    seen = [seen_id for seen_id in seen_in_cycle if seen_id in current]
    if tip_id in seen or len(set(seen)) >= len(current):
        return [tip_id]
    return [*seen, tip_id]
