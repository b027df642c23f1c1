"""Strict readers for the numbers and dates people type and buttons carry.

``str.isdigit`` and ``\\d`` accept far more than 0–9 (``²``, ``٣``, ``３``), and ``int()`` fails on some of them and
accepts others, so every number is read here: ASCII digits only, within a range the caller states. Every reader
answers ``None`` for anything else and never raises.
"""

from __future__ import annotations

import re
from datetime import date

# Ids we put in buttons are INTEGER keys, 32-bit on PostgreSQL; a larger number names no row, and past 2**63 the
# SQLite driver raises OverflowError, so such a number must never reach a query.
ROW_ID_MAX = 2**31 - 1

_DIGITS = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_int(text: str, low: int, high: int) -> int | None:
    """The whole number ``text`` spells in ASCII digits (no sign, no spaces), if it lies in ``low..high``."""
    if not _DIGITS.fullmatch(text):
        return None
    significant = text.lstrip("0") or "0"
    if len(significant) > len(str(max(high, 0))):
        return None  # too long to be in range: never hand int() thousands of digits
    value = int(significant)
    return value if low <= value <= high else None


def parse_iso_date(text: str) -> date | None:
    """The date in ``YYYY-MM-DD`` (ASCII digits, a real calendar day), else None."""
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:  # year 0, month 13, 30 February
        return None
