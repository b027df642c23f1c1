"""The console's parts on their own: HTML rendered for a terminal, coordinates parsed, reply keyboards and where
files go."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.console import ConsoleBotApi
from bot.console.api import DEFAULT_FILES_DIR, ShownMessage
from bot.console.terminal import SendLocation, SendText, Terminal, parse_coordinates
from bot.console.text import render_html
from bot.content import DEFAULT_LANGUAGE
from bot.text.i18n import texts


def test_html_renders_readably() -> None:
    html = '<b>Bold</b> &amp; <i>it</i> <code>/time 21:30</code> <a href="https://x.org/a">NINDS</a> &lt;3'
    assert render_html(html).text == "Bold & it /time 21:30 NINDS (https://x.org/a) <3"
    assert render_html('<a href="https://x.org">https://x.org</a>').text == "https://x.org"  # not twice
    assert render_html("<b>on</b>", color=True).text == "\x1b[1mon\x1b[22m"
    assert render_html("<b><i>x</i></b>", color=True).text == "\x1b[1m\x1b[3mx\x1b[23m\x1b[1m\x1b[22m"
    assert render_html("<p>x</p>").problems and render_html("<b>x").problems and render_html("x</i>").problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [("52.52 13.40", (52.52, 13.4)), ("-33.9, 151.2", (-33.9, 151.2)), ("91 0", None), ("Berlin", None)],
)
def test_coordinates(text: str, expected: tuple[float, float] | None) -> None:
    assert parse_coordinates(text) == expected


def test_files_go_to_a_folder_in_the_working_directory_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    terminal = Terminal(texts(DEFAULT_LANGUAGE), io.StringIO(), io.StringIO(), interactive=False, color=False)
    assert ConsoleBotApi(terminal, first_name="Ann").files_dir == tmp_path / DEFAULT_FILES_DIR


def test_reply_keyboard_location_button_asks_for_coordinates() -> None:
    stdout = io.StringIO()
    terminal = Terminal(texts(DEFAULT_LANGUAGE), io.StringIO(), stdout, interactive=False, color=False)
    markup = {"keyboard": [[{"text": "📍 Share", "request_location": True}], [{"text": "Berlin"}]]}
    terminal.show_message(ShownMessage(7, "Where?", None, markup))
    assert "bot> [1] 📍 Share\nbot> [2] Berlin\n" in stdout.getvalue()

    assert terminal.interpret("2") == SendText("Berlin")
    assert terminal.interpret("1") is None  # nothing sent yet: the console asks for the coordinates
    assert terminal.interpret("somewhere") is None  # not coordinates: asked again
    assert terminal.interpret("52.5 13.4") == SendLocation(52.5, 13.4)
    terminal.show_message(ShownMessage(8, "Done", None, {"remove_keyboard": True}))
    assert terminal.interpret("1") == SendText("1")  # the keyboard is gone
