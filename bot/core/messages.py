"""Split long HTML messages below Telegram's 4096-character limit at paragraph boundaries."""

from __future__ import annotations

TELEGRAM_MESSAGE_LIMIT = 4096


def split_message(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` characters.

    Cuts at blank lines (paragraphs), then at line breaks, and only as a last resort inside a line, so HTML
    tags, which our renderer never lets span a line, stay balanced in every chunk.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    chunks: list[str] = []
    current = ""
    for piece in _pieces(text.strip(), limit):
        candidate = f"{current}\n\n{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            chunks.append(current)
            current = piece
    if current:
        chunks.append(current)
    return chunks


def _pieces(text: str, limit: int) -> list[str]:
    pieces: list[str] = []
    for paragraph in (p.strip("\n") for p in text.split("\n\n")):
        if not paragraph.strip():
            continue
        if len(paragraph) <= limit:
            pieces.append(paragraph)
            continue
        line_group = ""
        for line in paragraph.split("\n"):
            for part in (line[i : i + limit] for i in range(0, max(len(line), 1), limit)):
                if not part.strip():
                    continue  # Telegram rejects a blank message
                joined = f"{line_group}\n{part}" if line_group else part
                if len(joined) <= limit:
                    line_group = joined
                else:
                    pieces.append(line_group)
                    line_group = part
        if line_group:
            pieces.append(line_group)
    return pieces
