"""Information commands: /start, /help, /tip, and browsing /causes, /treatments, /symptoms and /about.

A page opens as a short overview with a button per section; a button opens its section in the same message
(edited, with a Back button), and ``/causes iron`` jumps straight to a section.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from html import escape
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.content import PAGE_KEYS, Content, Page, Section
from bot.core.parsing import parse_int
from bot.handlers.common import chat_id_of, command_argument, edit_query_message, quoted, reply, texts_of
from bot.services import services
from bot.text import strings
from bot.text.i18n import Texts
from bot.text.render import render_overview, render_reference_pages, render_section, render_tip

PAGE_PATTERN = rf"^pg:({'|'.join(PAGE_KEYS)})(?::([a-z0-9-]+))?\Z"
_REFERENCES = "refs"  # the one part that is not a section: the full citations under /about, "refs-2" for page 2
_BUTTONS_PER_ROW = 2
Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t = await texts_of(update, context)
    user = update.effective_user
    name = escape(user.first_name) if user and user.first_name else t(strings.WELCOME_NAME_FALLBACK)
    await reply(update, t(strings.WELCOME).format(name=name))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t = await texts_of(update, context)
    await reply(update, services(context).content.fill(t(strings.HELP), t.language, t.territory))


async def tip(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    t, found = await texts_of(update, context), services(context)
    tip_id = await found.store.take_tip(chat_id_of(update), found.content.tip_pool, found.clock())
    chosen = found.content.library(t.language).tip(tip_id)
    assert chosen is not None  # take_tip only returns ids from the content
    await reply(update, render_tip(found.content, t, chosen))


def overview_buttons(t: Texts, page: Page) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(section.button, callback_data=f"pg:{page.key}:{section.id}") for section in page.sections
    ]
    if page.key == "about":
        buttons.append(InlineKeyboardButton(t(strings.BUTTON_REFERENCES), callback_data=f"pg:about:{_REFERENCES}"))
    rows = [buttons[index : index + _BUTTONS_PER_ROW] for index in range(0, len(buttons), _BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup(rows)


def back_button(t: Texts, page: Page) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t(strings.BUTTON_BACK), callback_data=f"pg:{page.key}")]])


def reference_page(part: str, pages: int) -> int | None:
    """The references page ``part`` opens (0-based): "refs" is the first, "refs-2" the second."""
    if part == _REFERENCES:
        return 0
    prefix = f"{_REFERENCES}-"
    number = parse_int(part.removeprefix(prefix), 1, pages) if part.startswith(prefix) else None
    return number - 1 if number is not None else None


def reference_buttons(t: Texts, page: Page, index: int, pages: int) -> InlineKeyboardMarkup:
    """Previous / Next through the references, and Back to /about."""
    turn = []
    if index > 0:
        turn.append(InlineKeyboardButton(t(strings.BUTTON_PREVIOUS), callback_data=f"pg:about:{_REFERENCES}-{index}"))
    if index + 1 < pages:
        turn.append(InlineKeyboardButton(t(strings.BUTTON_NEXT), callback_data=f"pg:about:{_REFERENCES}-{index + 2}"))
    back = [InlineKeyboardButton(t(strings.BUTTON_BACK), callback_data=f"pg:{page.key}")]
    return InlineKeyboardMarkup([turn, back] if turn else [back])


def find_section(content: Content, language: str, page_key: str, word: str) -> Section | None:
    """The section ``word`` names in the person's language, else in any language (ids are shared)."""
    own = content.library(language).page(page_key)
    found = own.find(word)
    if found is None:
        for library in content.libraries:
            other = library.page(page_key).find(word)
            if other is not None:
                return own.section(other.id)
    return found


def page_command(key: str) -> Callback:
    """/causes, /treatments, /symptoms or /about: the overview, or with a word the section it names."""

    async def send_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        t, content = await texts_of(update, context), services(context).content
        page = content.library(t.language).page(key)
        word = command_argument(update.effective_message.text if update.effective_message else None)
        if word:
            section = find_section(content, t.language, key, word)
            if section is not None:
                await reply(update, render_section(content, t, page, section), back_button(t, page))
                return
            await reply(update, t(strings.SECTION_NOT_FOUND).format(text=quoted(word)))
        await reply(update, render_overview(content, t, page), overview_buttons(t, page))

    send_page.__name__ = f"send_{key}"
    return send_page


async def page_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A section button (open it in place) or Back (the overview again)."""
    query = update.callback_query
    assert query is not None and context.matches is not None  # a CallbackQueryHandler with a pattern
    t, content = await texts_of(update, context), services(context).content
    page_key, part = context.matches[0].group(1), context.matches[0].group(2)
    page = content.library(t.language).page(page_key)
    section = page.section(part) if part else None
    references = render_reference_pages(content, t) if page_key == "about" and part else []
    index = reference_page(part, len(references)) if references else None
    await query.answer()
    if index is not None:
        buttons = reference_buttons(t, page, index, len(references))
        await edit_query_message(query, references[index], buttons)
    elif section is not None:
        await edit_query_message(query, render_section(content, t, page, section), back_button(t, page))
    else:  # Back, or a section that no longer exists after a content update
        await edit_query_message(query, render_overview(content, t, page), overview_buttons(t, page))
