"""Keep the translation catalogues in step with ``bot.text.strings``: ``python -m bot.text.catalog`` adds new English
sentences (untranslated) and drops removed ones; ``python -m bot.text.catalog --check`` lists what is missing.

Every upper-case constant of ``bot.text.strings`` is a message: a string; the strings of a tuple; the values of a
dict; and of a tuple of pairs (the command menu) the second element, since the first is a command or a key.
"""

from __future__ import annotations

import re
import string
import sys
from collections import Counter
from collections.abc import Iterator

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.content import DEFAULT_LANGUAGE, LANGUAGES
from bot.text import strings
from bot.text.i18n import DOMAIN, catalog_path

_TAG = re.compile(r"</?[a-z]+[^>]*>")


def _strings_of(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings_of(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings_of(item[1] if isinstance(item, tuple) and len(item) == 2 else item)


def messages() -> list[str]:
    """Every UI message id, in the order ``bot.text.strings`` defines them, each once."""
    found = (text for name, value in vars(strings).items() if name.isupper() for text in _strings_of(value))
    return list(dict.fromkeys(found))


def _placeholders(text: str) -> Counter[str]:
    return Counter(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)


def read_catalog(language: str) -> Catalog:
    """The ``language`` catalogue as it is on disk; an empty one when it does not exist yet."""
    path = catalog_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN)
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def problems(language: str) -> list[str]:
    """What keeps the ``language`` catalogue from matching ``bot.text.strings`` exactly, one line each."""
    catalog, wanted = read_catalog(language), messages()
    found = {message.id: message for message in catalog if message.id}
    lines = [
        f"{language}: no translation for {text[:70]!r}"
        for text in wanted
        if text not in found or not found[text].string or found[text].fuzzy
    ]
    lines += [
        f"{language}: translates a message that no longer exists: {text[:70]!r}" for text in found.keys() - set(wanted)
    ]
    for text in wanted:
        message = found.get(text)
        translation = message.string if message is not None and isinstance(message.string, str) else ""
        if not translation:
            continue
        if _placeholders(text) != _placeholders(translation):
            lines.append(f"{language}: placeholders differ in {text[:70]!r}")
        if Counter(_TAG.findall(text)) != Counter(_TAG.findall(translation)):
            lines.append(f"{language}: HTML tags differ in {text[:70]!r}")
    return lines


def update(language: str) -> int:
    """Rewrite the catalogue with exactly the current messages, keeping translations; how many lack one."""
    old = {message.id: message.string for message in read_catalog(language) if message.id}
    catalog = Catalog(locale=language, domain=DOMAIN, project="RLS Coach", fuzzy=False)
    for text in messages():
        catalog.add(text, old.get(text) or "")
    path = catalog_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, sort_output=False)
    return sum(1 for text in messages() if not old.get(text))


def main(arguments: list[str]) -> int:
    """Update every translated catalogue, or with ``--check`` list their problems; 1 when there are any."""
    others = [language for language in LANGUAGES if language != DEFAULT_LANGUAGE]
    if arguments == ["--check"]:
        found = [line for language in others for line in problems(language)]
        print("\n".join(found) or "catalogues complete")
        return 1 if found else 0
    for language in others:
        print(f"{catalog_path(language)}: {update(language)} messages to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
