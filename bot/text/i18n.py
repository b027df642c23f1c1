"""The person's language: gettext catalogues for every UI sentence, and dates in the person's language.

Every sentence in ``bot.text.strings`` is written in English and is itself the gettext message id; the Spanish
catalogue ``bot/text/locale/es/LC_MESSAGES/messages.po`` (Babel's .po format, kept in step with ``bot.text.strings`` by
``python -m bot.text.catalog``) holds its translation. The .po file is compiled in memory at first use, so there is
no build step and no stale .mo file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, time
from functools import cache
from pathlib import Path

from babel.core import get_global
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from bot.content import DEFAULT_LANGUAGE, LANGUAGES

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # each in its own language, for the /language buttons


def catalog_path(language: str) -> Path:
    """Where the .po catalogue of ``language`` lives, whether or not it exists yet."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(language: str) -> NullTranslations:
    if language == DEFAULT_LANGUAGE:
        return NullTranslations()
    with catalog_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def language_from_telegram(code: str | None) -> str:
    """The bot language for a Telegram ``language_code`` ("es", "es-MX" → Spanish; anything else English)."""
    base = (code or "").split("-")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


@cache
def territory_of_zone(zone_name: str | None) -> str | None:
    """The country (ISO 3166 code) of a stored time zone, from CLDR's zone data as Babel ships it; None for an
    offset such as ``UTC+05:30`` or a zone that belongs to no one country."""
    if not zone_name:
        return None
    canonical = get_global("zone_aliases").get(zone_name, zone_name)
    territory: str | None = get_global("zone_territories").get(canonical)
    return territory if territory and territory.isalpha() and territory != "ZZ" else None


@dataclass(frozen=True)
class Texts:
    """The UI in one language: ``texts(strings.HELP)`` is HELP translated; dates come out in that language.

    ``territory`` is the reader's country when their time zone names one: content fills in its emergency and
    crisis numbers (bot.content.Content.fill).
    """

    language: str
    territory: str | None = None

    def __call__(self, message: str) -> str:
        """``message`` (an English sentence of bot.text.strings) in this language; English when untranslated."""
        return _translations(self.language).gettext(message)

    def day(self, value: date) -> str:
        """A short date with its weekday: "Wed 25 Nov" / "mié 25 nov"."""
        return format_date(value, "EEE d MMM", locale=self.language)

    def long_day(self, value: date) -> str:
        """ "Wednesday 25 November" / "miércoles 25 de noviembre"."""
        return format_date(value, "EEEE d MMMM" if self.language == "en" else "EEEE d 'de' MMMM", locale=self.language)

    def clock(self, value: time) -> str:
        """24-hour time, as the person typed it: "21:30"."""
        return format_time(value, "HH:mm", locale=self.language)

    @property
    def month_names(self) -> tuple[str, ...]:
        """Twelve short month names for chart labels ("Nov" / "nov")."""
        return tuple(format_date(date(2000, month, 1), "MMM", locale=self.language) for month in range(1, 13))


@cache
def texts(language: str, territory: str | None = None) -> Texts:
    """The shared UI for a language and country; an unknown language falls back to English."""
    return Texts(language if language in LANGUAGES else DEFAULT_LANGUAGE, territory)
