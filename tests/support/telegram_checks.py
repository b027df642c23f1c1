"""What Telegram checks in a message the bot sends: HTML parse mode with only the tags Telegram knows, properly
nested and escaped, and the length limit."""

from __future__ import annotations

import re

from bot.core.messages import MESSAGE_LIMIT
from support.fake_bot_api import Call

# The tags Telegram's HTML parse mode accepts; anything else makes sendMessage fail with 400.
TELEGRAM_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "tg-spoiler"}
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>")
_BAD_AMPERSAND = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


def html_problems(text: str) -> list[str]:
    """Why Telegram would reject ``text`` in HTML parse mode (unknown or unbalanced tags, stray <, > or &)."""
    problems: list[str] = []
    open_tags: list[str] = []
    for match in _TAG.finditer(text):
        closing, tag = match.group(1) == "/", match.group(2).lower()
        if tag not in TELEGRAM_TAGS:
            problems.append(f"unsupported tag <{'/' if closing else ''}{tag}>")
        elif not closing:
            open_tags.append(tag)
        elif not open_tags or open_tags.pop() != tag:
            problems.append(f"unbalanced </{tag}>")
    problems += [f"unclosed <{tag}>" for tag in open_tags]
    bare = _TAG.sub("", text)
    if "<" in bare or ">" in bare:
        problems.append("a raw < or > outside a tag")
    if _BAD_AMPERSAND.search(bare):
        problems.append("a raw & that is not an entity")
    return problems


def check_message(call: Call) -> str:
    """Every bot message: HTML parse mode, within Telegram's length limit, markup Telegram accepts."""
    text = str(call.params["text"])
    assert call.params.get("parse_mode") == "HTML", call.params
    assert len(text) <= MESSAGE_LIMIT
    assert html_problems(text) == [], text
    return text
