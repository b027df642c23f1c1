"""Parse the reminder times people type: ``21:30``, ``9:30pm``, ``21.30``, ``2130``, ``9 pm``, ``21h30``.

Digits are ASCII ``[0-9]``: ``\\d`` would also take ``٢١:٣٠`` (bot.core.parsing says why that matters).
"""

from __future__ import annotations

import re
from datetime import time

_TIME_PATTERN = re.compile(
    r"""^\s*
    (?P<hour>[0-9]{1,2})
    (?:(?:[:.h]\s*|\s+)(?P<minute>[0-9]{2}))?   # 21:30, 21.30, 21h30, 21 30
    \s*(?P<meridiem>a\.?m\.?|p\.?m\.?)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_COMPACT_PATTERN = re.compile(r"^\s*(?P<hour>[0-9]{1,2})(?P<minute>[0-9]{2})\s*(?P<meridiem>[ap]\.?m\.?)?\s*$", re.I)


class TimeParseError(ValueError):
    """The text is not a time of day we understand."""


def parse_local_time(text: str) -> time:
    """Return the wall-clock time in ``text`` or raise TimeParseError.

    Accepts 24-hour times with ``:``, ``.``, ``h`` or nothing between hours and minutes, a bare hour, and
    12-hour times with am/pm. Rejects anything out of range, such as ``25:99``.
    """
    match = _TIME_PATTERN.match(text) or _COMPACT_PATTERN.match(text)
    if match is None:
        raise TimeParseError(f"not a time: {text!r}")
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or 0)
    meridiem = (match.group("meridiem") or "").replace(".", "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise TimeParseError(f"hour {hour} does not go with {meridiem}")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise TimeParseError(f"out of range: {text!r}")
    return time(hour, minute)


def format_local_time(value: time) -> str:
    """The 24-hour ``HH:MM`` form used in every reply."""
    return f"{value.hour:02d}:{value.minute:02d}"
