"""The reviewed medical texts, tips and self-check in ``content/``: the model and its loader."""

from bot.content.files import ContentError, default_content_dir, load_content
from bot.content.model import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    PAGE_KEYS,
    Content,
    Criterion,
    Emergency,
    Library,
    Numbers,
    Page,
    Question,
    RedFlag,
    Section,
    SelfCheck,
    Source,
    Tip,
    TipTopic,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "PAGE_KEYS",
    "Content",
    "ContentError",
    "Criterion",
    "Emergency",
    "Library",
    "Numbers",
    "Page",
    "Question",
    "RedFlag",
    "Section",
    "SelfCheck",
    "Source",
    "Tip",
    "TipTopic",
    "default_content_dir",
    "load_content",
]
