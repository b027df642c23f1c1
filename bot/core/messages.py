"""Split long HTML messages below Telegram's 4096-character limit at paragraph boundaries."""

from __future__ import annotations

TELEGRAM_MESSAGE_LIMIT = 4096


def split_message(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` characters, none of them blank.

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
    if len(paragraph) <= limit:
        return [paragraph]
    parts = [line[i : i + limit] for line in paragraph.split("\n") for i in range(0, max(len(line), 1), limit)]
    return _pack([part for part in parts if part.strip()], "\n", limit)  # Telegram rejects blank messages


def _pack(pieces: list[str], separator: str, limit: int) -> list[str]:
    """Join consecutive pieces with ``separator`` as long as the result fits in ``limit``."""
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{separator}{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            chunks.append(current)
            current = piece
    if current:
        chunks.append(current)
    return chunks
