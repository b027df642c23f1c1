"""A short printed document as blocks of words (the /report page): what ``bot.text.pdf`` lays out.

No layout and no PDF here: ``bot.text.report`` builds these, ``bot.text.pdf`` prints them. Kept apart so that the
bot does not import the PDF library (a third of a second) until a worker process builds a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.core.report import Paper


@dataclass(frozen=True)
class Heading:
    """A section's title."""

    text: str


@dataclass(frozen=True)
class Paragraph:
    """Running text; ``muted`` is grey and smaller (an explanation under a table)."""

    text: str
    muted: bool = False


@dataclass(frozen=True)
class Bullets:
    """A list, one item a line (or more when long)."""

    items: Sequence[str]


@dataclass(frozen=True)
class Table:
    """A table with a header row. ``widths`` are the columns' shares of the text width; ``numeric`` columns are
    right-aligned."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]
    numeric: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if any(len(row) != len(self.header) for row in [*self.rows, self.widths]):
            raise ValueError("every row, and the widths, need one value per column")


@dataclass(frozen=True)
class Picture:
    """A PNG across the text width; ``aspect`` is its height over its width."""

    png: bytes
    aspect: float


@dataclass(frozen=True)
class WritingLines:
    """Empty ruled lines to write on by hand."""

    count: int


Block = Heading | Paragraph | Bullets | Table | Picture | WritingLines


@dataclass(frozen=True)
class Document:
    """A titled document; ``footer`` is printed on every page with ``{page}`` and ``{pages}`` filled in."""

    paper: Paper
    title: str
    subtitle: str
    blocks: Sequence[Block]
    footer: str
    made_at: datetime  # the PDF's creation date: the same document always gives the same bytes


@dataclass(frozen=True)
class Printed:
    """A laid-out document: its bytes and how many pages it took."""

    pdf: bytes
    pages: int
