"""Keywords people type in either language, compared the same way by every typed command (/meds, /iron): accents
dropped and case folded, so ``añadir``, ``anadir`` and ``AÑADIR`` are one word, and phrases of several words."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TypeAlias

Phrase: TypeAlias = tuple[str, ...]  # a keyword of one or more folded words: ("a", "las")
TODAY = frozenset({"today", "hoy"})  # where a date may be given, this word means today


def fold(word: str) -> str:
    """A word as keywords are compared: accents dropped (``ñ`` → ``n``), case folded."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def phrase_at(folded: Sequence[str], index: int, phrases: tuple[Phrase, ...]) -> int:
    """How many words from ``index`` make the longest of ``phrases``; 0 for none."""
    matched = 0
    for phrase in phrases:
        if len(phrase) > matched and tuple(folded[index : index + len(phrase)]) == phrase:
            matched = len(phrase)
    return matched
