"""Turn content objects into Telegram HTML in the person's language; every data-file string is escaped here
and nowhere else."""

from __future__ import annotations

from html import escape

from bot import strings
from bot.content import Content, Page, Section, Tip
from bot.i18n import Texts


def _paragraphs(text: str) -> str:
    return escape(text.strip())


def source_line(content: Content, t: Texts, source_ids: tuple[str, ...]) -> str:
    """ "Sources: <links>" under a page or tip; empty for an entry about the app itself."""
    links = [
        f'<a href="{escape(source.url)}">{escape(source.short[t.language])}</a>'
        for source in (content.source(source_id) for source_id in source_ids)
    ]
    if not links:
        return ""
    label = t(strings.SOURCE_LABEL) if len(links) == 1 else t(strings.SOURCES_LABEL)
    return f"<i>{label}:</i> " + "; ".join(links)


def render_overview(content: Content, t: Texts, page: Page) -> str:
    """A page's overview: title, introduction and closing word; its sections are buttons under it."""
    parts = [f"<b>{escape(page.title)}</b>", _paragraphs(page.intro), f"<i>{_paragraphs(page.closing)}</i>"]
    sources = source_line(content, t, page.sources)
    return "\n\n".join([*parts, sources] if sources else parts)


def render_section(content: Content, t: Texts, page: Page, section: Section) -> str:
    """One section's page: where it belongs, its text, and its sources last."""
    parts = [f"<i>{escape(page.title)}</i>", f"<b>{escape(section.heading)}</b>\n{_paragraphs(section.body)}"]
    sources = source_line(content, t, section.sources)
    return "\n\n".join([*parts, sources] if sources else parts)


def render_references(content: Content, t: Texts) -> str:
    """Full citations of every source, for /about."""
    lines = [
        f'• {escape(source.title)} <a href="{escape(source.url)}">{escape(source.url)}</a>'
        for source in content.sources
    ]
    return f"<b>{t(strings.REFERENCES)}</b>\n" + "\n".join(lines)


def render_tip(content: Content, t: Texts, tip: Tip) -> str:
    """One tip with its title and sources."""
    return f"💡 <b>{escape(tip.title)}</b>\n{_paragraphs(tip.body)}\n\n{source_line(content, t, tip.sources)}"
