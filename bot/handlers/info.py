"""Information commands: /start, /help, /tip, and browsing /causes, /treatments, /symptoms and /about.

A page opens as a short overview with a button per section; a button opens its section in the same message
(edited, with a Back button), and ``/causes iron`` jumps straight to a section.
"""

from __future__ import annotations

from html import escape

from telegram import Update

from bot.content import Content, Section
from bot.handlers.common import (
    Callback,
    chat_id_of,
    command_argument_of,
    edit_query_message,
    pressed_button,
    quoted,
    reply,
    texts_of,
)
from bot.services import BotContext
from bot.text import strings
from bot.text.callbacks import reference_index
from bot.text.keyboards import page_back_buttons, page_overview_buttons, reference_buttons
from bot.text.render import render_overview, render_reference_pages, render_section, render_tip


async def start(update: Update, context: BotContext) -> None:
    """The welcome, by the person's first name."""
    t = await texts_of(update, context)
    user = update.effective_user
    name = escape(user.first_name) if user and user.first_name else t(strings.WELCOME_NAME_FALLBACK)
    await reply(update, t(strings.WELCOME).format(name=name))


async def help_command(update: Update, context: BotContext) -> None:
    """What the bot does and every command."""
    t = await texts_of(update, context)
    await reply(update, context.services.content.fill(t(strings.HELP), t.language, t.territory))


async def tip(update: Update, context: BotContext) -> None:
    """The next tip of the person's rotation."""
    t, services = await texts_of(update, context), context.services
    tip_id = await services.subscribers.take_tip(chat_id_of(update), services.content.tip_pool, services.clock())
    chosen = services.content.library(t.language).tip(tip_id)
    assert chosen is not None  # take_tip only returns ids from the content
    await reply(update, render_tip(services.content, t, chosen))


def find_section(content: Content, language: str, page_key: str, word: str) -> Section | None:
    """The section ``word`` names in the person's language, else in any language (ids are shared)."""
    own = content.library(language).page(page_key)
    section = own.find(word)
    if section is None:
        for library in content.libraries:
            other = library.page(page_key).find(word)
            if other is not None:
                return own.section(other.id)
    return section


def page_command(key: str) -> Callback:
    """/causes, /treatments, /symptoms or /about: the overview, or with a word the section it names."""

    async def send_page(update: Update, context: BotContext) -> None:
        t, content = await texts_of(update, context), context.services.content
        page = content.library(t.language).page(key)
        word = command_argument_of(update)
        if word:
            section = find_section(content, t.language, key, word)
            if section is not None:
                await reply(update, render_section(content, t, page, section), page_back_buttons(t, page))
                return
            await reply(update, t(strings.SECTION_NOT_FOUND).format(text=quoted(word)))
        await reply(update, render_overview(content, t, page), page_overview_buttons(t, page))

    send_page.__name__ = f"send_{key}"
    return send_page


async def page_button(update: Update, context: BotContext) -> None:
    """A section button (open it in place) or Back (the overview again)."""
    query, match = pressed_button(update, context)
    t, content = await texts_of(update, context), context.services.content
    page_key, part = match["page"], match["part"]
    page = content.library(t.language).page(page_key)
    section = page.section(part) if part else None
    references = render_reference_pages(content, t) if page_key == "about" and part else []
    index = reference_index(part, len(references)) if references else None
    await query.answer()
    if index is not None:
        buttons = reference_buttons(t, page, index, len(references))
        await edit_query_message(query, references[index], buttons)
    elif section is not None:
        await edit_query_message(query, render_section(content, t, page, section), page_back_buttons(t, page))
    else:  # Back, or a section that no longer exists after a content update
        await edit_query_message(query, render_overview(content, t, page), page_overview_buttons(t, page))
