"""The UI in two languages: every sentence of bot.text.strings has its Spanish translation with the same
placeholders and HTML tags, and dates come out in the person's language."""

from __future__ import annotations

from datetime import date, time

import pytest
from babel.messages.catalog import Catalog

from bot.cli import main
from bot.text import catalog, strings
from bot.text.i18n import language_from_telegram, texts


def test_every_ui_sentence_has_its_spanish_translation_and_no_other() -> None:
    assert catalog.problems("es") == []


def test_problems_are_found_when_the_catalogue_and_the_strings_drift(monkeypatch: pytest.MonkeyPatch) -> None:
    drifted = Catalog(locale="es")
    for text in catalog.messages():
        drifted.add(text, texts("es")(text))
    drifted.add("An old sentence no longer in bot.text.strings", "Una frase vieja")
    drifted[strings.SUBSCRIBED].string = "✅ Recordatorio a las <b>{hora}</b> ({zone})."
    drifted[strings.SETTINGS_NEXT].string = "Próximo recordatorio: {when}"
    drifted[strings.ERROR].string = ""
    monkeypatch.setattr(catalog, "read_catalog", lambda language: drifted)
    problems = catalog.problems("es")
    assert any("placeholders differ" in line and "Evening reminder on" in line for line in problems)
    assert any("HTML tags differ" in line and "Next reminder" in line for line in problems)
    assert any("no translation for 'Sorry, something went wrong" in line for line in problems)
    assert any("no longer exists: 'An old sentence" in line for line in problems)


def test_the_menu_commands_are_not_messages_but_their_descriptions_are() -> None:
    messages = catalog.messages()
    assert "subscribe" not in messages and "Turn on the evening reminder" in messages
    assert texts("es")("Turn on the evening reminder") != "Turn on the evening reminder"


@pytest.mark.parametrize(
    ("code", "language"), [("es", "es"), ("es-MX", "es"), ("ES", "es"), ("en-GB", "en"), ("de", "en"), (None, "en")]
)
def test_the_telegram_language_picks_the_bot_language(code: str | None, language: str) -> None:
    assert language_from_telegram(code) == language


def test_dates_and_times_in_each_language() -> None:
    night = date(2026, 11, 25)
    assert (texts("en").day(night), texts("es").day(night)) == ("Wed 25 Nov", "mié 25 nov")
    assert texts("es").long_day(night) == "miércoles 25 de noviembre"
    assert texts("es").clock(time(21, 30)) == "21:30"
    assert texts("es").month_names[10] == "nov"


def test_content_check_command_passes_on_the_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check"]) == 0
    assert capsys.readouterr().out.startswith("content OK: 2 languages (en, es)")
