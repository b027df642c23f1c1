"""The one typeface of every picture and document the bot makes (the /progress chart, the /report PDF).

It is the copy of DejaVu Sans inside matplotlib, not a system font of the same name: it is on every machine the bot
runs on, slim images included, it covers Spanish and the symbols the bot writes (µ, –, ·, …), and the same file
everywhere keeps the output identical.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def font_file(*, bold: bool = False) -> str:
    """The path of the regular or bold face."""
    import matplotlib

    return str(Path(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"))


@cache
def _characters() -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(font_file()).get_charmap())


def printable(text: str) -> str:
    """``text`` without the characters the font lacks (an emoji would print as an empty box); line breaks kept."""
    known = _characters()
    return "".join(char for char in text if char == "\n" or ord(char) in known)


def drawable(text: str) -> str:
    """``printable`` on one line: runs of white space, line breaks included, become one space."""
    return " ".join(printable(text).split())
