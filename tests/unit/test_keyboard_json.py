"""The sender's own keyboard serialisation (bot.delivery.sender.keyboard_json) gives exactly PTB's ``to_dict`` for
every keyboard a scheduled message carries, and falls back to PTB's for any other kind of button."""

from __future__ import annotations

from datetime import date

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.delivery.sender import keyboard_json
from bot.text.i18n import texts
from bot.text.keyboards import reminder_buttons, score_buttons


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_scheduled_keyboards_serialise_as_ptb_does(language: str) -> None:
    t = texts(language)
    for markup in (
        reminder_buttons(t, date(2026, 11, 25), snooze=True),
        reminder_buttons(t, date(2026, 11, 25), snooze=False),
        score_buttons(t, date(2026, 11, 24)),
    ):
        assert keyboard_json(markup) == markup.to_dict()


def test_any_other_button_goes_through_ptb() -> None:
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Sources", url="https://aasm.org"), InlineKeyboardButton("Done", callback_data="x")]]
    )
    assert keyboard_json(markup) == markup.to_dict()
