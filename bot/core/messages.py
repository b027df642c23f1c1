"""Telegram's length limits, measured as Telegram measures them, and splitting long HTML messages below the
message limit at paragraph boundaries."""

from __future__ import annotations

# Telegram counts both in UTF-16 code units (an emoji outside the BMP is two) of the text after parsing.
MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024


def utf16_length(text: str) -> int:
    """The length Telegram counts: UTF-16 code units (a lone surrogate counts as one)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` UTF-16 code units, none of them blank.

    Cuts at blank lines (paragraphs), then at line breaks, and only as a last resort inside a line, so HTML
    tags, which our renderer never lets span a line, stay balanced in every chunk.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    paragraphs = text.strip().split("\n\n")
    pieces = [piece for paragraph in paragraphs for piece in _paragraph_pieces(paragraph.strip("\n"), limit)]
    return _pack(pieces, "\n\n", limit)


def _paragraph_pieces(paragraph: str, limit: int) -> list[str]:
    if not paragraph.strip():
        return []
    if utf16_length(paragraph) <= limit:
        return [paragraph]
    parts = [part for line in paragraph.split("\n") for part in _cut(line, limit)]
    return _pack([part for part in parts if part.strip()], "\n", limit)  # Telegram rejects blank messages


def _cut(line: str, limit: int) -> list[str]:
    """``line`` in consecutive pieces of at most ``limit`` UTF-16 units, never halving a character."""
    pieces, start, units = [], 0, 0
    for index, character in enumerate(line):
        width = 2 if ord(character) > 0xFFFF else 1  # outside the BMP: a surrogate pair
        if units + width > limit and index > start:
            pieces.append(line[start:index])
            start, units = index, 0
        units += width
    pieces.append(line[start:])
    return pieces


def _pack(pieces: list[str], separator: str, limit: int) -> list[str]:
    """Join consecutive pieces with ``separator`` as long as the result fits in ``limit``."""
    chunks: list[str] = []
    current, current_units = "", 0
    separator_units = utf16_length(separator)
    for piece in pieces:
        piece_units = utf16_length(piece)
        joined_units = current_units + separator_units + piece_units if current else piece_units
        if joined_units <= limit or not current:  # a lone piece wider than the limit (one character) goes alone
            current = f"{current}{separator}{piece}" if current else piece
            current_units = joined_units
        else:
            chunks.append(current)
            current, current_units = piece, piece_units
    if current:
        chunks.append(current)
    return chunks
