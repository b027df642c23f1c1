"""Turn content objects into Telegram HTML in the person's language; every data-file string is escaped here
and nowhere else."""

from __future__ import annotations

from html import escape

from bot import strings
from bot.content import Content, Page, Section, SelfCheck, Tip
from bot.core.selfcheck import Verdict, result
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


def render_selfcheck_intro(content: Content, t: Texts, check: SelfCheck) -> str:
    parts = [f"🩺 <b>{escape(check.title)}</b>", _paragraphs(check.intro), source_line(content, t, check.sources)]
    return "\n\n".join(parts)


def render_selfcheck_question(t: Texts, check: SelfCheck, index: int) -> str:
    progress = t(strings.SELFCHECK_PROGRESS).format(number=index + 1, total=len(check.questions))
    return f"{progress}\n\n<b>{escape(check.questions[index].question)}</b>"


def render_selfcheck_result(content: Content, t: Texts, check: SelfCheck, answers: list[bool]) -> str:
    """How the answers compare with what clinicians look for, look-alikes, any red flags, the answers
    themselves and the sources; always pointing to a clinician."""
    found = result(answers, len(check.criteria), [flag.id for flag in check.red_flags])
    texts_by_verdict = {
        Verdict.MATCH: check.result.match,
        Verdict.PARTIAL: check.result.partial,
        Verdict.NO_MATCH: check.result.no_match,
    }
    parts = [f"🩺 <b>{escape(check.title)}</b>", _paragraphs(texts_by_verdict[found.verdict])]
    flagged = [flag for flag in check.red_flags if flag.id in found.red_flags]
    if flagged:
        parts.append(t(strings.SELFCHECK_RED_FLAG_TITLE))
        parts += [_paragraphs(flag.advice) for flag in flagged]
    parts += [_paragraphs(check.result.lookalikes), f"<b>{_paragraphs(check.result.clinician)}</b>"]
    yes, no = t(strings.SELFCHECK_YES), t(strings.SELFCHECK_NO)
    lines = [
        f"{number}. {escape(asked.question)} — <b>{yes if answer else no}</b>"
        for number, (asked, answer) in enumerate(zip(check.questions, answers, strict=True), start=1)
    ]
    parts.append(t(strings.SELFCHECK_ANSWERS) + "\n" + "\n".join(lines))
    cited = (check.sources, check.result.sources, *(asked.sources for asked in check.questions))
    sources = sorted({source for entry_sources in cited for source in entry_sources})
    parts.append(source_line(content, t, tuple(sources)))
    return "\n\n".join(parts)
