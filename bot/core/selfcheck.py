"""The self-check's arithmetic: answers travel in the buttons' callback data, so nothing is stored unless the
person asks to keep them. Pure: no Telegram, no database.

Answers are a string of ``y``/``n``, one per question in the order asked (the five criteria, then the red
flags); ``"yny"`` means three questions answered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

ANSWERS_PATTERN = re.compile(r"^[yn]{0,16}$")


@dataclass(frozen=True)
class Result:
    """What the answers include, never what they mean: which features were described, which red flags raised."""

    described: tuple[bool, ...]  # one per criterion, in the order asked
    red_flags: tuple[str, ...]  # ids of the red flags answered Yes, in the order asked

    @property
    def count(self) -> int:
        """How many of the criteria the answers described: the ``{count}`` of the result's first line."""
        return sum(self.described)


def parse(answers: str, total: int) -> list[bool] | None:
    """The answers so far, or None if the text is not a valid answer string for ``total`` questions."""
    if not ANSWERS_PATTERN.match(answers) or len(answers) > total:
        return None
    return [answer == "y" for answer in answers]


def encode(answers: Sequence[bool]) -> str:
    """The answers as the ``y``/``n`` string the buttons carry; ``parse`` reads it back."""
    return "".join("y" if answer else "n" for answer in answers)


def result(answers: Sequence[bool], criteria: int, red_flag_ids: Sequence[str]) -> Result:
    """The outcome once every question is answered: ``criteria`` criteria first, then the red flags."""
    if len(answers) != criteria + len(red_flag_ids):
        raise ValueError(f"needs {criteria + len(red_flag_ids)} answers, has {len(answers)}")
    flags = tuple(flag for flag, answer in zip(red_flag_ids, answers[criteria:], strict=True) if answer)
    return Result(tuple(answers[:criteria]), flags)
