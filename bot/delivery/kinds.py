"""Every kind of scheduled message the engine sends, by the name its delivery rows carry.

The delivery engine claims, sends and records every kind the same way; a kind only composes its message from
the claim. A new kind is one module beside these (its ``KIND`` and ``compose``), a line here, and its name in
bot.store.series (a daily series with its columns, or a one-off).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from bot.content import Content
from bot.delivery import checkin, dose, dose_snooze, iron_recall, iron_test, reminder, snooze
from bot.delivery.message import Compose, ComposeFrom, Sources
from bot.store import CoachingStore, MedicineStore

_KINDS: Mapping[str, ComposeFrom] = {
    reminder.KIND: reminder.compose,
    snooze.KIND: snooze.compose,
    checkin.KIND: checkin.compose,
    dose.KIND: dose.compose,
    dose_snooze.KIND: dose_snooze.compose,
    iron_test.KIND: iron_test.compose,
    iron_recall.KIND: iron_recall.compose,
}


def message_kinds(
    content: Content, coaching_store: CoachingStore, medicine_store: MedicineStore
) -> Mapping[str, Compose]:
    """Each kind's composer, reading ``content`` and the stores, in each person's language."""
    sources = Sources(content, coaching_store, medicine_store)
    return {kind: partial(compose, sources) for kind, compose in _KINDS.items()}
