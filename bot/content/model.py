"""The content model: typed, validated objects for everything the bot says about RLS, in every language.

Pure data and rules, no I/O: ``bot.content.files`` reads the TOML files into these models. Every entry has a
stable id, its sources and the date a person last reviewed it; the Spanish twin of an entry has the same id
and the same sources as the English one, which ``Content`` checks.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from datetime import date
from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
PAGE_KEYS = ("causes", "treatments", "symptoms", "about")
APP_PAGE = "about"  # the one page whose sections may cite nothing: they are about the app, not medicine
MIN_TIPS = 60
CRITERIA = ("urge", "rest", "movement", "evening", "not-other")  # the five IRLSSG essential criteria, in order

EntryId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=48)]
ShortId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=24)]  # fits in callback data

# A dose is an amount of a drug or supplement; the bot must never state one. Lab values are fine: thresholds
# in ng/mL, µg/L or %, which is why a unit followed by "/" is not a dose.
_DOSE_PATTERN = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ug|g|iu|ml|(?:milli|micro)?grams?|international\s+units?|units?"
    r"|tablets?|pills?|capsules?|drops?|millilit(?:er|re)s?|puffs?|patch(?:es)?|doses?)\b(?!\s*/)",
    re.IGNORECASE,
)


def reject_doses(text: str) -> str:
    match = _DOSE_PATTERN.search(text)
    if match:
        raise ValueError(f"contains what looks like a dose ({match.group(0)!r}); the bot never gives doses")
    return text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Strict):
    id: ShortId
    short: dict[str, Annotated[str, Field(min_length=3, max_length=60)]]  # per language, under a page or tip
    title: str = Field(min_length=5)  # the full citation, in /about
    url: str = Field(pattern=r"^https://")

    @field_validator("short")
    @classmethod
    def _every_language(cls, short: dict[str, str]) -> dict[str, str]:
        if set(short) != set(LANGUAGES):
            raise ValueError(f"needs a short label in each of {LANGUAGES}, has {sorted(short)}")
        for label in short.values():
            reject_doses(label)
        return short


class Entry(_Strict):
    """What every reviewed entry carries."""

    id: EntryId
    sources: tuple[ShortId, ...]
    reviewed: date


class Section(Entry):
    id: ShortId
    button: str = Field(min_length=2, max_length=24)
    keywords: tuple[str, ...] = ()
    heading: str = Field(min_length=2, max_length=120)
    body: str = Field(min_length=10, max_length=2500)

    _no_dose = field_validator("button", "heading", "body")(reject_doses)


class Page(_Strict):
    """/causes, /treatments, /symptoms or /about: an overview with a button per section."""

    key: str
    title: str = Field(min_length=2, max_length=120)
    intro: str = Field(min_length=10, max_length=1500)
    closing: str = Field(min_length=10, max_length=1000)
    reviewed: date
    sources: tuple[ShortId, ...]
    sections: tuple[Section, ...] = Field(min_length=1, max_length=12)

    _no_dose = field_validator("title", "intro", "closing")(reject_doses)

    @model_validator(mode="after")
    def _unique_sections(self) -> Page:
        ids = [section.id for section in self.sections]
        if len(set(ids)) != len(ids):
            raise ValueError("section ids must be unique within a page")
        return self

    def find(self, word: str) -> Section | None:
        """The section whose id, button or keyword is ``word`` (any case), as in ``/causes iron``."""
        wanted = word.strip().casefold()
        for section in self.sections:
            names = {section.id, section.button, *section.keywords}
            if wanted in {name.casefold() for name in names}:
                return section
        return None

    def section(self, section_id: str) -> Section | None:
        return next((section for section in self.sections if section.id == section_id), None)


class Tip(Entry):
    title: str = Field(min_length=3, max_length=80)
    body: str = Field(min_length=20, max_length=800)

    _no_dose = field_validator("title", "body")(reject_doses)


class TipTopic(_Strict):
    """The tips of one topic; ``default`` topics are the ones a new subscriber's tips come from."""

    key: ShortId
    label: str = Field(min_length=2, max_length=24)
    default: bool
    tips: tuple[Tip, ...] = Field(min_length=1)


class Question(Entry):
    question: str = Field(min_length=10, max_length=300)

    _no_dose = field_validator("question")(reject_doses)


class RedFlag(Question):
    advice: str = Field(min_length=10, max_length=1000)

    _no_dose = field_validator("question", "advice")(reject_doses)


class SelfCheckResult(Entry):
    match: str = Field(min_length=10, max_length=1000)  # all five criteria met
    partial: str = Field(min_length=10, max_length=1000)
    no_match: str = Field(min_length=10, max_length=1000)
    lookalikes: str = Field(min_length=10, max_length=1000)
    clinician: str = Field(min_length=10, max_length=1000)

    @field_validator("match", "partial", "no_match")
    @classmethod
    def _never_a_diagnosis(cls, text: str) -> str:
        if re.search(r"\byou have rls\b|\busted tiene (el )?spi\b", text, re.IGNORECASE):
            raise ValueError("the self-check never says that someone has RLS")
        return reject_doses(text)


class SelfCheck(_Strict):
    title: str = Field(min_length=5, max_length=120)
    intro: str = Field(min_length=10, max_length=1500)
    reviewed: date
    sources: tuple[ShortId, ...] = Field(min_length=1)
    criteria: tuple[Question, ...]
    red_flags: tuple[RedFlag, ...] = Field(min_length=1)
    result: SelfCheckResult

    @field_validator("criteria")
    @classmethod
    def _the_five_criteria(cls, criteria: tuple[Question, ...]) -> tuple[Question, ...]:
        if tuple(question.id for question in criteria) != CRITERIA:
            raise ValueError(f"criteria must be exactly {CRITERIA}, in that order")
        return criteria

    @property
    def questions(self) -> tuple[Question, ...]:
        """The criteria, then the red flags: the order the self-check asks them in."""
        return (*self.criteria, *self.red_flags)


class Library(_Strict):
    """Everything in one language."""

    language: str
    pages: tuple[Page, ...]
    topics: tuple[TipTopic, ...] = Field(min_length=1)
    selfcheck: SelfCheck

    @model_validator(mode="after")
    def _complete(self) -> Library:
        if tuple(page.key for page in self.pages) != PAGE_KEYS:
            raise ValueError(f"pages must be {PAGE_KEYS}")
        tip_ids = [tip.id for topic in self.topics for tip in topic.tips]
        if len(set(tip_ids)) != len(tip_ids):
            raise ValueError("tip ids must be unique across topics")
        if len(tip_ids) < MIN_TIPS:
            raise ValueError(f"needs at least {MIN_TIPS} tips, has {len(tip_ids)}")
        if not any(topic.default for topic in self.topics):
            raise ValueError("at least one tip topic must be on by default")
        return self

    def page(self, key: str) -> Page:
        return next(page for page in self.pages if page.key == key)

    def topic(self, key: str) -> TipTopic | None:
        return next((topic for topic in self.topics if topic.key == key), None)

    @cached_property
    def _tips(self) -> dict[str, tuple[TipTopic, Tip]]:
        return {tip.id: (topic, tip) for topic in self.topics for tip in topic.tips}

    def tip(self, tip_id: str) -> Tip | None:
        found = self._tips.get(tip_id)
        return found[1] if found else None

    def entries(self) -> Iterator[tuple[str, Entry | Page | SelfCheck]]:
        """Every entry with a readable name (``causes/iron``, ``tip caffeine-decaf-swap``), for checks."""
        for page in self.pages:
            yield page.key, page
            for section in page.sections:
                yield f"{page.key}/{section.id}", section
        for topic in self.topics:
            for tip in topic.tips:
                yield f"tip {tip.id}", tip
        yield "selfcheck", self.selfcheck
        for question in self.selfcheck.questions:
            yield f"selfcheck/{question.id}", question
        yield "selfcheck/result", self.selfcheck.result


def _shape(library: Library) -> dict[str, tuple[tuple[str, ...], bool | None]]:
    """What must match between twins: every entry's sources (and a topic's default)."""
    shape: dict[str, tuple[tuple[str, ...], bool | None]] = {
        name: (entry.sources, None) for name, entry in library.entries()
    }
    shape |= {f"topic {topic.key}": ((), topic.default) for topic in library.topics}
    return shape


class Content(_Strict):
    """All content in all languages, cross-checked: sources resolve, every entry has its twin."""

    sources: tuple[Source, ...]
    libraries: tuple[Library, ...]

    @model_validator(mode="after")
    def _check(self) -> Content:
        problems = self.problems()
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def problems(self) -> list[str]:
        """Every cross-file problem, one line each (empty when all is well)."""
        problems: list[str] = []
        source_ids = [source.id for source in self.sources]
        if len(set(source_ids)) != len(source_ids):
            problems.append("sources.toml: source ids must be unique")
        if tuple(library.language for library in self.libraries) != LANGUAGES:
            problems.append(f"content needs the languages {LANGUAGES}")
            return problems
        for library in self.libraries:
            for name, entry in library.entries():
                for source_id in entry.sources:
                    if source_id not in source_ids:
                        problems.append(f"{library.language}: {name} cites an unknown source {source_id!r}")
                medical = not (name == APP_PAGE or name.startswith(f"{APP_PAGE}/"))
                if medical and not entry.sources:
                    problems.append(f"{library.language}: {name} cites no source (only /{APP_PAGE} may)")
        reference = _shape(self.libraries[0])
        for library in self.libraries[1:]:
            twin = _shape(library)
            for name in reference.keys() - twin.keys():
                problems.append(f"{library.language}: {name} has no twin (it is in {DEFAULT_LANGUAGE})")
            for name in twin.keys() - reference.keys():
                problems.append(f"{DEFAULT_LANGUAGE}: {name} has no twin (it is in {library.language})")
            for name in reference.keys() & twin.keys():
                if reference[name] != twin[name]:
                    problems.append(f"{library.language}: {name} differs from its {DEFAULT_LANGUAGE} twin in sources")
        return sorted(problems)

    def library(self, language: str) -> Library:
        return next((lib for lib in self.libraries if lib.language == language), self.libraries[0])

    def source(self, source_id: str) -> Source:
        return next(source for source in self.sources if source.id == source_id)

    @property
    def topic_keys(self) -> tuple[str, ...]:
        return tuple(topic.key for topic in self.libraries[0].topics)

    @property
    def default_topics(self) -> tuple[str, ...]:
        return tuple(topic.key for topic in self.libraries[0].topics if topic.default)

    def tip_ids(self, topics: Collection[str] | None = None) -> tuple[str, ...]:
        """The tip ids of ``topics`` (the default topics when None; all tips when it names none that exist)."""
        chosen = set(self.default_topics if topics is None else topics)
        ids = tuple(tip.id for topic in self.libraries[0].topics if topic.key in chosen for tip in topic.tips)
        return ids or tuple(tip.id for topic in self.libraries[0].topics for tip in topic.tips)
