"""``rls-coach content check``: everything the loader validates, plus what only rendering shows — every message
a person can get from the content fits Telegram's limits in every language — and the UI catalogues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from bot.content import DEFAULT_LANGUAGE, LANGUAGES, Content, ContentError, Library, load_content
from bot.content.model import regional_spanish
from bot.core.messages import MESSAGE_LIMIT, utf16_length
from bot.text import catalog, strings
from bot.text.i18n import texts
from bot.text.render import (
    render_overview,
    render_reference_pages,
    render_reminder,
    render_section,
    render_selfcheck_intro,
    render_selfcheck_question,
    render_selfcheck_result,
)

_TAG = re.compile(r"<[^>]+>")


def visible_length(html: str) -> int:
    """The length Telegram counts: the text without tags, entities decoded, in UTF-16 code units."""
    return utf16_length(unescape(_TAG.sub("", html)))


@dataclass(frozen=True)
class Report:
    """The outcome of a check: the content when it loaded, and every problem found (none when all is well)."""

    content: Content | None
    problems: list[str]

    def summary(self) -> str:
        """What to print: the problems one per line, or what the content holds when it has none."""
        if self.problems:
            return f"{len(self.problems)} problem(s):\n" + "\n".join(f"• {line}" for line in self.problems)
        assert self.content is not None
        library = self.content.library(DEFAULT_LANGUAGE)
        sections = sum(len(page.sections) for page in library.pages)
        tips = sum(len(topic.tips) for topic in library.topics)
        return (
            f"content OK: {len(LANGUAGES)} languages ({', '.join(LANGUAGES)}), each with {len(library.pages)} pages "
            f"of {sections} sections, {tips} tips in {len(library.topics)} topics and a self-check of "
            f"{len(library.selfcheck.questions)} questions; {len(self.content.sources)} sources; emergency numbers "
            f"for {len(self.content.emergency.countries)} countries; {len(self.content.medicines.entries)} medicines "
            f"for /meds and {len(self.content.medicines.worsening)} groups that can worsen RLS; UI catalogues complete"
        )


def _rendered(content: Content, library: Library, territory: str | None) -> list[tuple[str, str]]:
    """(name, HTML) of every message the content makes in one language for a reader in ``territory``, at its
    longest."""
    t = texts(library.language, territory)
    pages = render_reference_pages(content, t)
    messages = [(f"/about references {number}", page) for number, page in enumerate(pages, start=1)]
    for page in library.pages:
        messages.append((f"/{page.key}", render_overview(content, t, page)))
        messages += [
            (f"/{page.key} {section.id}", render_section(content, t, page, section)) for section in page.sections
        ]
    for topic in library.topics:
        messages += [(f"tip {tip.id}", render_reminder(content, t, tip.id)) for tip in topic.tips]
    check = library.selfcheck
    messages.append(("/selfcheck", render_selfcheck_intro(content, t, check)))
    for index in range(len(check.questions)):
        messages.append((f"/selfcheck question {index + 1}", render_selfcheck_question(t, check, index)))
    # Every red flag raised and no feature described: the longest result (it lists the features not described).
    worst = [False] * len(check.criteria) + [True] * len(check.red_flags)
    messages.append(
        (
            "/selfcheck result",
            render_selfcheck_result(content, t, check, worst) + "\n\n" + t(strings.SELFCHECK_NOT_STORED),
        )
    )
    return messages


def _too_long(content: Content) -> list[str]:
    """Every message over Telegram's limit, in every language, for readers in every country of emergency.toml
    and for those whose country we do not know."""
    territories = (None, *(country.code for country in content.emergency.countries))
    problems = {
        f"{library.language}: {name} is {length} characters, over Telegram's {MESSAGE_LIMIT} "
        f"(for a reader in {territory or 'an unknown country'})": None
        for library in content.libraries
        for territory in territories
        for name, html in _rendered(content, library, territory)
        if (length := visible_length(html)) > MESSAGE_LIMIT
    }
    return list(problems)


def _regional_words(content: Content) -> list[str]:
    """Spanish words that read differently in Spain and in the Americas (bot.content.model.REGIONAL_SPANISH)."""
    spanish = content.library("es")
    texts = [
        (name, unescape(_TAG.sub("", html)))
        for name, html in _rendered(content, spanish, None)
        if not name.startswith("/about references")
    ]
    texts += list(content.medicines.texts("es"))  # the /meds names and notes
    return [
        f"es: {name} says {word!r}; use a word that reads the same in Spain and the Americas"
        for name, text in texts
        for word in regional_spanish(text)
    ]


def check_content(directory: Path | None = None) -> Report:
    """Load the content (``directory``, else the bundled one) and find every problem in it and the catalogues."""
    try:
        content = load_content(directory)
    except ContentError as exc:
        return Report(None, [str(exc)])
    problems = _too_long(content) + _regional_words(content)
    problems += [line for language in LANGUAGES if language != DEFAULT_LANGUAGE for line in catalog.problems(language)]
    return Report(content, problems)
