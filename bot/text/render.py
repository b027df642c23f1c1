"""Turn content objects into Telegram HTML in the person's language; every data-file string is escaped here
and nowhere else, and its placeholders filled in for the reader's country (emergency and crisis numbers)."""

from __future__ import annotations

from html import escape

from bot.content import Content, Page, Section, SelfCheck, Tip
from bot.core.messages import split_message
from bot.core.selfcheck import result
from bot.text import strings
from bot.text.i18n import Texts

REFERENCES_PAGE_LIMIT = 3500  # leaves room under Telegram's 4096 for the page's heading


def _paragraphs(content: Content, t: Texts, text: str) -> str:
    return escape(content.fill(text.strip(), t.language, t.territory))


def source_line(content: Content, t: Texts, source_ids: tuple[str, ...]) -> str:
    """ "Sources: <links>" under a page or tip; empty for an entry about the app itself."""
    links = [
        f'<a href="{escape(source.url_for(t.language))}">{escape(source.short[t.language])}</a>'
        for source in (content.source(source_id) for source_id in source_ids)
    ]
    if not links:
        return ""
    label = t(strings.SOURCE_LABEL) if len(links) == 1 else t(strings.SOURCES_LABEL)
    return f"<i>{label}:</i> " + "; ".join(links)


def _joined(parts: list[str], sources: str) -> str:
    return "\n\n".join([*parts, sources] if sources else parts)


def render_overview(content: Content, t: Texts, page: Page) -> str:
    """A page's overview: title, introduction, one line per section (the summary a person can act on without
    opening anything) and the closing word; the sections are buttons under it."""
    summaries = "\n".join(f"• {_paragraphs(content, t, section.summary)}" for section in page.sections)
    parts = [
        f"<b>{escape(page.title)}</b>",
        _paragraphs(content, t, page.intro),
        summaries,
        f"<i>{_paragraphs(content, t, page.closing)}</i>",
    ]
    return _joined(parts, source_line(content, t, page.sources))


def render_section(content: Content, t: Texts, page: Page, section: Section) -> str:
    """One section's page: where it belongs, its text, and its sources last."""
    parts = [
        f"<i>{escape(page.title)}</i>",
        f"<b>{escape(section.heading)}</b>\n{_paragraphs(content, t, section.body)}",
    ]
    return _joined(parts, source_line(content, t, section.sources))


def render_reference_pages(content: Content, t: Texts) -> list[str]:
    """Full citations of every source, for /about: as many pages as they need, each within a message."""
    urls = [escape(source.url_for(t.language)) for source in content.sources]
    lines = [
        f'• {escape(source.title)} <a href="{url}">{url}</a>' for source, url in zip(content.sources, urls, strict=True)
    ]
    pages = split_message("\n".join(lines), REFERENCES_PAGE_LIMIT)
    return [
        t(strings.REFERENCES_PAGE).format(number=number, total=len(pages)) + "\n" + page
        for number, page in enumerate(pages, start=1)
    ]


def render_tip(content: Content, t: Texts, tip: Tip) -> str:
    """One tip with its title and sources."""
    body = _paragraphs(content, t, tip.body)
    return f"💡 <b>{escape(tip.title)}</b>\n{body}\n\n{source_line(content, t, tip.sources)}"


def render_selfcheck_intro(content: Content, t: Texts, check: SelfCheck) -> str:
    """The self-check's first message: its title, what it is and is not, and its sources."""
    parts = [f"🩺 <b>{escape(check.title)}</b>", _paragraphs(content, t, check.intro)]
    return _joined(parts, source_line(content, t, check.sources))


def render_selfcheck_question(t: Texts, check: SelfCheck, index: int) -> str:
    """Question ``index`` (from 0) of the self-check, under how far along the person is."""
    progress = t(strings.SELFCHECK_PROGRESS).format(number=index + 1, total=len(check.questions))
    return f"{progress}\n\n<b>{escape(check.questions[index].question)}</b>"


def render_selfcheck_result(content: Content, t: Texts, check: SelfCheck, answers: list[bool]) -> str:
    """What the answers include, never a verdict: red flags first, then which of the features clinicians ask
    about the answers describe and which they do not, look-alikes, never to change a medicine, what to bring to a
    clinician, the answers themselves and the sources."""
    found = result(answers, len(check.criteria), [flag.id for flag in check.red_flags])
    parts = [f"🩺 <b>{escape(check.title)}</b>"]
    flagged = [flag for flag in check.red_flags if flag.id in found.red_flags]
    if flagged:
        parts.append(t(strings.SELFCHECK_RED_FLAG_TITLE))
        parts += [_paragraphs(content, t, flag.advice) for flag in flagged]
    described = check.result.described.replace("{count}", str(found.count))
    lines = [escape(described.replace("{total}", str(len(check.criteria))))]
    features = list(zip(check.criteria, found.described, strict=True))
    lines += [f"✔️ {escape(criterion.feature)}" for criterion, yes in features if yes]
    missing = [escape(criterion.feature) for criterion, yes in features if not yes]
    if missing:
        lines += ["", t(strings.SELFCHECK_NOT_DESCRIBED), *(f"▫️ {feature}" for feature in missing)]
    parts += [
        "\n".join(lines),
        _paragraphs(content, t, check.result.lookalikes),
        f"<b>{_paragraphs(content, t, check.result.medicine)}</b>",
        _paragraphs(content, t, check.result.clinician),
    ]
    yes, no = t(strings.SELFCHECK_YES), t(strings.SELFCHECK_NO)
    answered = [
        f"{number}. {escape(asked.question)} — <b>{yes if answer else no}</b>"
        for number, (asked, answer) in enumerate(zip(check.questions, answers, strict=True), start=1)
    ]
    parts.append(t(strings.SELFCHECK_ANSWERS) + "\n" + "\n".join(answered))
    cited = (check.sources, check.result.sources, *(asked.sources for asked in check.questions))
    sources = sorted({source for entry_sources in cited for source in entry_sources})
    return _joined(parts, source_line(content, t, tuple(sources)))


def render_reminder(content: Content, t: Texts, tip_id: str | None, header: str = strings.REMINDER_HEADER) -> str:
    """A scheduled reminder's text: its header, the tip (when there is one) and the closing line."""
    tip = content.library(t.language).tip(tip_id) if tip_id else None
    body = f"\n\n{render_tip(content, t, tip)}" if tip else ""
    return f"{t(header)}{body}\n\n{t(strings.REMINDER_FOOTER)}"
