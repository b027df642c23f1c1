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

from bot.content.medicines import Medicines

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
PAGE_KEYS = ("causes", "treatments", "symptoms", "about")
APP_PAGE = "about"  # the one page whose sections may cite nothing: they are about the app, not medicine
MIN_TIPS = 60
CRITERIA = ("urge", "rest", "movement", "evening", "not-other")  # the five IRLSSG essential criteria, in order
# Filled per person when a text is shown (bot.text.render): the emergency number, crisis line and urgent-advice line of
# the country they live in, and the number of self-check questions. Any other brace in content is a mistake.
PLACEHOLDERS = ("emergency", "crisis", "advice", "questions")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Emergency and crisis numbers belong in emergency.toml, where they follow the reader's country; written into a
# text they would send someone in Spain to 911.
_HARD_CODED_NUMBER = re.compile(r"(?<![\d/.,:-])(?:911|988|999|112|111|024|061|116\s?123)(?![\d/.,:-])")
# Words that read differently on the two sides of the ocean (the review's list); content/es uses the neutral word.
REGIONAL_SPANISH = ("carro", "cajuela", "platicar", "platique", "jalones", "partera", "párese", "agua mineral",
                    "aumentación")  # fmt: skip
_REGIONAL = re.compile(r"\b(?:" + "|".join(REGIONAL_SPANISH) + r")\b", re.IGNORECASE)

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
    """Refuse a text that states a dose, a placeholder we do not fill, or an emergency number of one country."""
    match = _DOSE_PATTERN.search(text)
    if match:
        raise ValueError(f"contains what looks like a dose ({match.group(0)!r}); the bot never gives doses")
    for name in _PLACEHOLDER.findall(text):
        if name not in PLACEHOLDERS:
            raise ValueError(f"has an unknown placeholder {{{name}}}; the ones filled in are {PLACEHOLDERS}")
    number = _HARD_CODED_NUMBER.search(text)
    if number:
        raise ValueError(
            f"names the emergency or crisis number {number.group(0)!r}; write {{emergency}} or {{crisis}} so that "
            "each reader gets the numbers of their own country (content/emergency.toml)"
        )
    return text


def regional_spanish(text: str) -> list[str]:
    """The words of ``text`` that Spanish readers in Spain or in the Americas would read differently."""
    return [match.group(0) for match in _REGIONAL.finditer(text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Url = Annotated[str, Field(pattern=r"^https://")]


class Source(_Strict):
    """One cited work (sources.toml): a short label per language under a page or tip, its full citation and link."""

    id: ShortId
    short: dict[str, Annotated[str, Field(min_length=3, max_length=60)]]  # per language, under a page or tip
    title: str = Field(min_length=5)  # the full citation, in /about
    url: Url
    localized_url: dict[str, Url] = {}  # the same source's page in another language (MedlinePlus en español)

    def url_for(self, language: str) -> str:
        """The page to link for a reader of ``language``: their own language's version when there is one."""
        return self.localized_url.get(language, self.url)

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
    """One section of a page: its button and keywords, its one-line summary for the overview and its full text."""

    id: ShortId
    button: str = Field(min_length=2, max_length=24)
    keywords: tuple[str, ...] = ()
    heading: str = Field(min_length=2, max_length=120)
    summary: str = Field(min_length=10, max_length=160, pattern=r"^[^\n]*$")  # one line in the page's overview
    body: str = Field(min_length=10, max_length=2500)

    _no_dose = field_validator("button", "heading", "summary", "body")(reject_doses)


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
        """The section with exactly this id (as a button's callback names it), or None."""
        return next((section for section in self.sections if section.id == section_id), None)


class Tip(Entry):
    """One short, sourced tip, as a reminder or /tip shows it."""

    title: str = Field(min_length=3, max_length=80)
    body: str = Field(min_length=20, max_length=800)

    _no_dose = field_validator("title", "body")(reject_doses)


class TipTopic(_Strict):
    """The tips of one topic; ``default`` topics are the ones a new subscriber's tips come from."""

    key: ShortId
    label: str = Field(min_length=2, max_length=24)
    default: bool
    tips: tuple[Tip, ...] = Field(min_length=1)


# A self-check that reads as a verdict supports a diagnosis, which would make the bot a medical device; and a person
# whose RLS is controlled by medicine, told their answers do not sound like RLS, may stop the medicine.
_VERDICT = re.compile(
    r"\byou have rls\b|\bsounds? like rls\b|\bno match\b|\bmatch(es)?\b|\bthis is rls\b"
    r"|\btiene (el )?spi\b|\bparece (el )?spi\b|\bcoincide|\bes (el )?spi\b",
    re.IGNORECASE,
)


def reject_verdicts(text: str) -> str:
    """Refuse a self-check text that says or implies whether the answers are RLS."""
    match = _VERDICT.search(text)
    if match:
        raise ValueError(f"reads as a verdict ({match.group(0)!r}); the self-check only describes the answers")
    return reject_doses(text)


class Question(Entry):
    """One Yes/No question of the self-check."""

    question: str = Field(min_length=10, max_length=300)

    _no_dose = field_validator("question")(reject_doses)


class Criterion(Question):
    """One of the five features clinicians ask about; ``feature`` names it in the result's list."""

    feature: str = Field(min_length=5, max_length=80)

    _no_verdict = field_validator("feature")(reject_verdicts)


class RedFlag(Question):
    """A question whose Yes puts ``advice`` (whom to tell, and how soon) at the top of the result."""

    advice: str = Field(min_length=10, max_length=1500)

    _no_dose = field_validator("question", "advice")(reject_doses)


class SelfCheckResult(Entry):
    """The fixed texts of the self-check's result, none of which may read as a verdict."""

    described: str = Field(min_length=10, max_length=200)  # "You described {count} of the {total} features …"
    medicine: str = Field(min_length=10, max_length=600)  # never change a medicine because of the answers
    lookalikes: str = Field(min_length=10, max_length=1200)
    clinician: str = Field(min_length=10, max_length=1000)

    _no_verdict = field_validator("medicine", "lookalikes", "clinician")(reject_verdicts)

    @field_validator("described")
    @classmethod
    def _counts(cls, text: str) -> str:
        if "{count}" not in text or "{total}" not in text:
            raise ValueError("needs {count} and {total}: how many of the features the answers describe")
        reject_verdicts(text.replace("{count}", "").replace("{total}", ""))
        return text


class SelfCheck(_Strict):
    """selfcheck.toml: the five criteria's questions, the red flags and the result, in one language."""

    title: str = Field(min_length=5, max_length=120)
    intro: str = Field(min_length=10, max_length=1500)
    reviewed: date
    sources: tuple[ShortId, ...] = Field(min_length=1)
    criteria: tuple[Criterion, ...]
    red_flags: tuple[RedFlag, ...] = Field(min_length=1)
    result: SelfCheckResult

    _no_verdict = field_validator("title", "intro")(reject_verdicts)

    @field_validator("criteria")
    @classmethod
    def _the_five_criteria(cls, criteria: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
        if tuple(question.id for question in criteria) != CRITERIA:
            raise ValueError(f"criteria must be exactly {CRITERIA}, in that order")
        return criteria

    @property
    def questions(self) -> tuple[Question, ...]:
        """The criteria, then the red flags: the order the self-check asks them in."""
        return (*self.criteria, *self.red_flags)


LanguageTexts = dict[str, Annotated[str, Field(min_length=2, max_length=400)]]  # one text per language


class Numbers(_Strict):
    """Where to call in one country (or anywhere, for the fallback), as the placeholders are filled in."""

    emergency: LanguageTexts  # reads after "call" / "llame al": "911", "107 (ambulance) or 911"
    crisis: LanguageTexts  # whole sentences: the crisis line for suicidal thoughts or a mental-health crisis
    advice: LanguageTexts = {}  # a whole sentence: urgent advice that is not an emergency (NHS 111); optional
    sources: tuple[ShortId, ...] = Field(min_length=1)
    reviewed: date

    @model_validator(mode="after")
    def _every_language(self) -> Numbers:
        for name, by_language in (("emergency", self.emergency), ("crisis", self.crisis), ("advice", self.advice)):
            if by_language and set(by_language) != set(LANGUAGES):
                raise ValueError(f"{name} needs a text in each of {LANGUAGES}, has {sorted(by_language)}")
        return self


class Country(Numbers):
    """One country's numbers, found by the ISO code of the reader's time zone."""

    code: str = Field(pattern=r"^[A-Z]{2}$")  # ISO 3166-1 alpha-2, as Babel maps a time zone to its territory
    name: LanguageTexts


class Emergency(_Strict):
    """content/emergency.toml: each country's numbers, and what a reader whose country we do not know is told."""

    fallback: Numbers
    countries: tuple[Country, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> Emergency:
        if not self.fallback.advice:
            raise ValueError("the fallback needs an advice sentence: countries without their own use it")
        codes = [country.code for country in self.countries]
        if len(set(codes)) != len(codes):
            raise ValueError("each country code once")
        return self

    def numbers(self, territory: str | None) -> Numbers:
        """The numbers of ``territory`` (an ISO country code), or the fallback's."""
        return self._by_code.get(territory or "", self.fallback)

    @cached_property
    def _by_code(self) -> dict[str, Numbers]:
        return {country.code: country for country in self.countries}

    def values(self, language: str, territory: str | None) -> dict[str, str]:
        """What {emergency}, {crisis} and {advice} become for a reader of ``language`` in ``territory``."""
        numbers = self.numbers(territory)
        advice = numbers.advice or self.fallback.advice
        return {
            "emergency": numbers.emergency[language],
            "crisis": numbers.crisis[language],
            "advice": advice[language],
        }


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
        """The page ``key``, one of PAGE_KEYS (every library has them all)."""
        return next(page for page in self.pages if page.key == key)

    def topic(self, key: str) -> TipTopic | None:
        """The tip topic ``key``, or None when there is no such topic."""
        return next((topic for topic in self.topics if topic.key == key), None)

    @cached_property
    def _tips(self) -> dict[str, tuple[TipTopic, Tip]]:
        return {tip.id: (topic, tip) for topic in self.topics for tip in topic.tips}

    def tip(self, tip_id: str) -> Tip | None:
        """The tip ``tip_id`` whatever its topic, or None when no tip has that id."""
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
    """All content in all languages, cross-checked: sources resolve, every entry has its twin, the medicines of
    /meds follow the same rules."""

    sources: tuple[Source, ...]
    libraries: tuple[Library, ...]
    emergency: Emergency
    medicines: Medicines  # the /meds catalogue and the classes that can worsen RLS (bot.content.medicines)

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
        for numbers in (self.emergency.fallback, *self.emergency.countries):
            for source_id in numbers.sources:
                if source_id not in source_ids:
                    where = numbers.code if isinstance(numbers, Country) else "fallback"
                    problems.append(f"emergency.toml: {where} cites an unknown source {source_id!r}")
        problems += self.medicines.rule_problems(LANGUAGES, source_ids, reject_doses)
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
        """The content in ``language``; English for a language there is none in."""
        return next((lib for lib in self.libraries if lib.language == language), self.libraries[0])

    def fill(self, text: str, language: str, territory: str | None) -> str:
        """``text`` with its placeholders filled in for a reader of ``language`` living in ``territory``."""
        if "{" not in text:
            return text
        values = self.emergency.values(language, territory)
        values["questions"] = str(len(self.library(language).selfcheck.questions))
        # Others ({count} in the self-check's result) are the renderer's to fill.
        return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)

    def source(self, source_id: str) -> Source:
        """The source ``source_id``; validation has made sure every cited id resolves."""
        return next(source for source in self.sources if source.id == source_id)

    @property
    def default_topics(self) -> tuple[str, ...]:
        """The keys of the topics a new subscriber's tips come from, in content order."""
        return tuple(topic.key for topic in self.libraries[0].topics if topic.default)

    @cached_property
    def _tips_by_topic(self) -> dict[str, tuple[str, ...]]:
        return {topic.key: tuple(tip.id for tip in topic.tips) for topic in self.libraries[0].topics}

    def tip_pool(self, topics: Collection[str] | None = None) -> dict[str, tuple[str, ...]]:
        """The tip ids of each of ``topics`` (the default topics when None; every topic when it names none that
        exists), as bot.core.tips rotates them."""
        chosen = set(self.default_topics if topics is None else topics)
        every = self._tips_by_topic  # made once: every claim asks
        return {key: ids for key, ids in every.items() if key in chosen} or dict(every)
