"""Turn content objects into Telegram HTML; every data-file string is escaped here and nowhere else."""

from __future__ import annotations

from html import escape

from bot.content import Content, Section, Tip, Topic
from bot.core.messages import split_message


def _paragraphs(text: str) -> str:
    return escape(text.strip())


def _source_line(content: Content, source_ids: tuple[str, ...]) -> str:
    links = [
        f'<a href="{escape(source.url)}">{escape(source.short)}</a>'
        for source in (content.source(source_id) for source_id in source_ids)
    ]
    label = "Source" if len(links) == 1 else "Sources"
    return f"<i>{label}:</i> " + "; ".join(links)


def _section(content: Content, section: Section) -> str:
    return "\n\n".join(
        [
            f"<b>{escape(section.heading)}</b>\n{_paragraphs(section.body)}",
            _source_line(content, section.sources),
        ]
    )


def render_topic(content: Content, topic: Topic) -> list[str]:
    """A whole topic (/causes, /treatments, …) as one or more messages under Telegram's limit."""
    parts = [f"<b>{escape(topic.title)}</b>", _paragraphs(topic.intro)]
    parts += [_section(content, section) for section in topic.sections]
    parts.append(f"<i>{_paragraphs(topic.closing)}</i>")
    if topic.key == "about":
        parts.append(_reference_list(content))
    return split_message("\n\n".join(parts))


def render_tip(content: Content, tip: Tip) -> str:
    """One tip with its title and source."""
    return f"💡 <b>{escape(tip.title)}</b>\n{_paragraphs(tip.body)}\n\n{_source_line(content, (tip.source,))}"


def _reference_list(content: Content) -> str:
    """Full citations of every source, for /about."""
    lines = [
        f'• {escape(source.title)} <a href="{escape(source.url)}">{escape(source.url)}</a>'
        for source in content.sources
    ]
    return "<b>References</b>\n" + "\n".join(lines)
