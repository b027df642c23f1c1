"""Telegram HTML and keyboards as terminal text: what a person would see in the Telegram app, in plain lines.

The same parser checks the HTML the way Telegram does (known tags, balanced), so a malformed message fails
in the console exactly as it would fail in Telegram instead of being printed anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, Literal

JsonDict = dict[str, Any]

# Tags Telegram's HTML parse mode accepts (https://core.telegram.org/bots/api#html-style).
_TELEGRAM_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "tg-spoiler"}
    | {"span", "tg-emoji"}
)
# ANSI SGR on and off codes per tag, used only when the output is a terminal.
_STYLES = {
    "b": ("\x1b[1m", "\x1b[22m"),
    "strong": ("\x1b[1m", "\x1b[22m"),
    "i": ("\x1b[3m", "\x1b[23m"),
    "em": ("\x1b[3m", "\x1b[23m"),
    "u": ("\x1b[4m", "\x1b[24m"),
    "ins": ("\x1b[4m", "\x1b[24m"),
    "s": ("\x1b[9m", "\x1b[29m"),
    "strike": ("\x1b[9m", "\x1b[29m"),
    "del": ("\x1b[9m", "\x1b[29m"),
}


class _Renderer(HTMLParser):
    def __init__(self, *, color: bool) -> None:
        super().__init__(convert_charrefs=True)  # entities (&lt; &amp; &#39; …) arrive unescaped in data
        self._color = color
        self.parts: list[str] = []
        self.plain: list[str] = []  # the same text without ANSI codes, to compare link texts with their URLs
        self.problems: list[str] = []
        self._open: list[tuple[str, str | None, int]] = []  # tag, href, index into plain where it started

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _TELEGRAM_TAGS:
            self.problems.append(f'unsupported start tag "{tag}"')
            return
        href = dict(attrs).get("href") if tag == "a" else None
        self._open.append((tag, href, len(self.plain)))
        if self._color and tag in _STYLES:
            self.parts.append(_STYLES[tag][0])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f'unsupported tag "{tag}/"')

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1][0] != tag:
            self.problems.append(f'unexpected end tag "{tag}"')
            return
        _, href, start = self._open.pop()
        if self._color and tag in _STYLES:
            self.parts.append(_STYLES[tag][1])
            # Reopen the styles still open outside, since a shared "off" code (bold/dim) may have closed them.
            self.parts.extend(_STYLES[outer][0] for outer, _, _ in self._open if outer in _STYLES)
        if tag == "a" and href and href != "".join(self.plain[start:]).strip():
            self._data(f" ({href})")

    def handle_data(self, data: str) -> None:
        self._data(data)

    def _data(self, data: str) -> None:
        self.parts.append(data)
        self.plain.append(data)

    def finish(self) -> None:
        self.close()
        self.problems.extend(f'tag "{tag}" is not closed' for tag, _, _ in self._open)


@dataclass(frozen=True)
class Rendered:
    """A message body as terminal text, its plain form (what Telegram stores as ``text``), and HTML problems."""

    text: str
    plain: str
    problems: tuple[str, ...]


def render_html(html: str, *, color: bool = False) -> Rendered:
    """Telegram HTML as readable text: entities unescaped, tags dropped, links as ``text (url)``."""
    renderer = _Renderer(color=color)
    renderer.feed(html)
    renderer.finish()
    return Rendered("".join(renderer.parts), "".join(renderer.plain), tuple(renderer.problems))


def render_body(text: str, parse_mode: str | None, *, color: bool = False) -> Rendered:
    """Any message body: HTML is rendered, anything else (no parse mode) is already plain."""
    if (parse_mode or "").upper() == "HTML":
        return render_html(text, color=color)
    return Rendered(text, text, ())


ChoiceKind = Literal["callback", "text", "location", "url"]


@dataclass(frozen=True)
class Choice:
    """One button the person can pick by typing its number."""

    label: str
    kind: ChoiceKind
    value: str = ""  # callback data, the text a reply button sends, or the URL a link button opens
    message_id: int | None = None  # the message an inline button belongs to
    one_time: bool = False  # a one-time reply keyboard hides itself once used


def keyboard_rows(markup: JsonDict | None, message_id: int | None) -> list[list[Choice]]:
    """The buttons of an inline or reply keyboard, row by row; empty for no keyboard or a removal."""
    if not markup:
        return []
    if "inline_keyboard" in markup:
        return [[_inline_choice(button, message_id) for button in row] for row in markup["inline_keyboard"]]
    if "keyboard" in markup:
        one_time = bool(markup.get("one_time_keyboard"))
        return [[_reply_choice(button, one_time) for button in row] for row in markup["keyboard"]]
    return []


def _inline_choice(button: JsonDict, message_id: int | None) -> Choice:
    label = str(button.get("text", ""))
    if "url" in button:
        return Choice(label, "url", str(button["url"]), message_id)
    return Choice(label, "callback", str(button.get("callback_data", "")), message_id)


def _reply_choice(button: JsonDict | str, one_time: bool) -> Choice:
    if isinstance(button, str):  # the Bot API accepts a bare string for a plain text button
        return Choice(button, "text", button, one_time=one_time)
    label = str(button.get("text", ""))
    if button.get("request_location"):
        return Choice(label, "location", one_time=one_time)
    # Contact, poll and web-app buttons have no console form; in Telegram they too send at least the label.
    return Choice(label, "text", label, one_time=one_time)


def numbered_rows(rows: list[list[Choice]]) -> list[str]:
    """``[1] Confirm  [2] Cancel``, one line per keyboard row, numbered across rows."""
    lines, number = [], 0
    for row in rows:
        cells = []
        for choice in row:
            number += 1
            cells.append(f"[{number}] {choice.label}")
        lines.append("  ".join(cells))
    return lines
