"""Load and validate the medical texts and tips in ``content/`` into typed objects.

Everything a person reads about RLS lives in TOML files, not in code, so clinicians can review it. The
files are validated once at start-up; a bad file stops the bot with a message naming the file and field.
"""

from __future__ import annotations

import re
import tomllib
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

TOPIC_FILES = ("causes", "treatments", "symptoms", "about")
TipTopic = Literal["caffeine", "alcohol", "stretching", "exercise", "sleep", "iron", "nicotine", "relaxation"]
# Topics every rotation must cover: the evening habits the product is built around.
REQUIRED_TIP_TOPICS: frozenset[str] = frozenset({"caffeine", "alcohol", "stretching", "exercise", "sleep", "iron"})
MIN_TIPS = 20

# A dose is an amount of a drug or supplement; the bot must never state one. Lab thresholds (ng/mL, %) are fine.
_DOSE_PATTERN = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ug|g|iu|ml|(?:milli|micro)?grams?|international\s+units?|units?"
    r"|tablets?|pills?|capsules?|drops?|millilit(?:er|re)s?|puffs?|patch(?:es)?|doses?)\b",
    re.IGNORECASE,
)


_Model = TypeVar("_Model", bound=BaseModel)


class ContentError(Exception):
    """Raised when the content files are missing or invalid; the message names the file."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _reject_doses(text: str) -> str:
    match = _DOSE_PATTERN.search(text)
    if match:
        raise ValueError(f"contains what looks like a dose ({match.group(0)!r}); the bot never gives doses")
    return text


class Source(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    short: str = Field(min_length=3, max_length=60)  # shown under each section; the full title in /about
    title: str = Field(min_length=5)
    url: str = Field(pattern=r"^https://")

    _short_has_no_dose = field_validator("short")(_reject_doses)


class Section(_Strict):
    heading: str = Field(min_length=2, max_length=120)
    body: str = Field(min_length=10, max_length=2500)
    sources: tuple[str, ...] = Field(min_length=1)

    _text_has_no_dose = field_validator("heading", "body")(_reject_doses)


class Topic(_Strict):
    key: str
    title: str = Field(min_length=2, max_length=120)
    intro: str = Field(min_length=10, max_length=1500)
    sections: tuple[Section, ...] = Field(min_length=1)
    closing: str = Field(min_length=10, max_length=1000)

    _text_has_no_dose = field_validator("title", "intro", "closing")(_reject_doses)


class Tip(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    topic: TipTopic
    title: str = Field(min_length=3, max_length=100)
    body: str = Field(min_length=20, max_length=1500)
    source: str

    _text_has_no_dose = field_validator("title", "body")(_reject_doses)


class Content(_Strict):
    """All content, cross-checked: every cited source exists, tip ids are unique, every habit is covered."""

    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    tips: tuple[Tip, ...] = Field(min_length=MIN_TIPS)

    @model_validator(mode="after")
    def _check_references(self) -> Content:
        source_ids = [source.id for source in self.sources]
        if len(set(source_ids)) != len(source_ids):
            raise ValueError("source ids must be unique")
        cited = {s for topic in self.topics for section in topic.sections for s in section.sources}
        cited |= {tip.source for tip in self.tips}
        unknown = cited - set(source_ids)
        if unknown:
            raise ValueError(f"unknown source ids cited: {sorted(unknown)}")
        tip_ids = [tip.id for tip in self.tips]
        if len(set(tip_ids)) != len(tip_ids):
            raise ValueError("tip ids must be unique")
        missing = REQUIRED_TIP_TOPICS - {tip.topic for tip in self.tips}
        if missing:
            raise ValueError(f"tips must cover the topics {sorted(missing)}")
        return self

    def topic(self, key: str) -> Topic:
        return self._topics_by_key[key]

    def source(self, source_id: str) -> Source:
        return self._sources_by_id[source_id]

    def tip(self, tip_id: str) -> Tip | None:
        return self._tips_by_id.get(tip_id)

    @property
    def tip_ids(self) -> tuple[str, ...]:
        return tuple(tip.id for tip in self.tips)

    @cached_property
    def _topics_by_key(self) -> dict[str, Topic]:
        return {topic.key: topic for topic in self.topics}

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def _tips_by_id(self) -> dict[str, Tip]:
        return {tip.id: tip for tip in self.tips}


def default_content_dir() -> Path:
    """The content shipped inside the installed package, or ``content/`` beside ``bot/`` in a checkout."""
    packaged = Path(str(resources.files("bot"))) / "content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "content"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ContentError(f"content file missing: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: not valid TOML: {exc}") from exc


def _validated(path: Path, model: type[_Model], data: object) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(f"{path} is invalid:\n{exc}") from exc


def load_content(directory: Path | None = None) -> Content:
    """Read every content file and validate it; raise ContentError naming the file of the first problem."""
    directory = directory or default_content_dir()
    sources_path, tips_path = directory / "sources.toml", directory / "tips.toml"
    sources = [_validated(sources_path, Source, item) for item in _read_toml(sources_path).get("sources", [])]
    tips = [_validated(tips_path, Tip, item) for item in _read_toml(tips_path).get("tips", [])]
    topics = []
    for key in TOPIC_FILES:
        path = directory / f"{key}.toml"
        topics.append(_validated(path, Topic, {"key": key, **_read_toml(path)}))
    return _validated(directory, Content, {"sources": sources, "topics": topics, "tips": tips})
