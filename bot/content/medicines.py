"""The medicines of /meds: the catalogue of medicines used in RLS, and the groups of medicines that can make RLS
worse, each found by a typed name whatever its case or accents.

Pure data and matching, no I/O: ``bot.content.files`` reads ``content/medicines.toml`` and
``content/worsening.toml`` into these models, and ``bot.content.model.Content`` holds them to the rules every
content entry follows (every language, no dose, sources that exist) through ``Medicines.rule_problems``. This
module imports nothing else of the bot, so the model can import it. A typed name finds at most one thing: no name
belongs to two catalogue entries, to two medicines of the classes, or to an entry and a class.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cached_property
from typing import Annotated, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MedicineClass = Literal["dopamine_agonist", "levodopa", "alpha2delta", "opioid", "iron", "other"]
MEDICINE_CLASSES: tuple[str, ...] = get_args(MedicineClass)
DOPAMINE_CLASSES = frozenset({"dopamine_agonist", "levodopa"})  # the ones that can cause augmentation
MEDICINE_PLACEHOLDER = "{medicine}"  # in a class's note: the medicine the person named

# As bot.content.model.ShortId (which this module cannot import without a cycle): fits in callback data.
Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=24)]
Name = Annotated[str, Field(min_length=2, max_length=48)]
Names = dict[str, Annotated[tuple[Name, ...], Field(min_length=1)]]  # per language: the name shown, then others
Title = dict[str, Annotated[str, Field(min_length=3, max_length=80)]]  # per language
Note = dict[str, Annotated[str, Field(min_length=20, max_length=800)]]  # per language

_SEPARATORS = re.compile(r"[\W_]+")
_Found = TypeVar("_Found")


def normalise_name(text: str) -> str:
    """``text`` as names are compared: case-folded, accents dropped, punctuation and spaces made one space
    (``"Rotigotina (parche)"`` → ``"rotigotina parche"``, ``"carbidopa/levodopa"`` → ``"carbidopa levodopa"``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", bare).strip()


def _longest_prefix(index: Mapping[str, _Found], words: Sequence[str], most_words: int) -> tuple[_Found, int] | None:
    """What the longest run of ``words`` from the first one names in ``index``, and how many words it took."""
    found: tuple[_Found, int] | None = None
    joined: list[str] = []
    for count, word in enumerate(words, start=1):
        parts = normalise_name(word).split()
        if not parts:  # a lone "-" neither ends nor extends a name
            continue
        joined += parts
        if len(joined) > most_words:
            break
        match = index.get(" ".join(joined))
        if match is not None:
            found = (match, count)
    return found


def _each(texts: str | tuple[str, ...]) -> tuple[str, ...]:
    return (texts,) if isinstance(texts, str) else texts


def _in(language: str, texts: Mapping[str, _Found]) -> _Found:
    """The text of ``language``, or the first language's (the default) for a language the content is not in."""
    return texts.get(language) or next(iter(texts.values()))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _Named(_Strict):
    """A medicine's names: per language its generic name as shown, then other spellings people type; brand names,
    the same in every language."""

    names: Names
    brands: tuple[Name, ...] = ()

    def name(self, language: str) -> str:
        """The generic name to show a reader of ``language`` (``"ropinirol"`` in Spanish)."""
        return _in(language, self.names)[0]

    @cached_property
    def normalised_names(self) -> frozenset[str]:
        """Every name and brand, as ``normalise_name`` gives them."""
        every = [*(name for names in self.names.values() for name in names), *self.brands]
        return frozenset(normalise_name(name) for name in every)

    def is_brand(self, text: str) -> str | None:
        """The brand ``text`` names, as the content spells it, or None when it is not one of the brands."""
        wanted = normalise_name(text)
        return next((brand for brand in self.brands if normalise_name(brand) == wanted), None)


class MedicineEntry(_Named):
    """One medicine used in RLS: a button of /meds and a name typed after ``/meds add``."""

    key: Key
    drug_class: MedicineClass = Field(alias="class")
    sources: tuple[Key, ...] = Field(min_length=1)
    reviewed: date

    @property
    def is_dopamine(self) -> bool:
        """Whether this is a dopamine medicine (an agonist or levodopa), the kind that can cause augmentation."""
        return self.drug_class in DOPAMINE_CLASSES

    def label(self, language: str) -> str:
        """The button's text: the generic name in ``language`` with a capital letter (``"Rotigotine (patch)"``)."""
        name = self.name(language)
        return name[:1].upper() + name[1:]


class WorseningExample(_Named):
    """One medicine of a class that can worsen RLS: its generic names per language and a few brand names."""


class WorseningClass(_Strict):
    """A group of medicines that can make RLS worse for some people, its examples and the calm note the bot shows
    when a person names one of them: never a dose, never a verdict, always "ask your prescriber"."""

    key: Key
    title: Title
    note: Note  # names the medicine as {medicine}
    examples: tuple[WorseningExample, ...] = Field(min_length=1)
    sources: tuple[Key, ...] = Field(min_length=1)
    reviewed: date

    @field_validator("note")
    @classmethod
    def _names_the_medicine(cls, note: dict[str, str]) -> dict[str, str]:
        for language, text in note.items():
            if MEDICINE_PLACEHOLDER not in text:
                raise ValueError(f"the {language} note needs {MEDICINE_PLACEHOLDER}: the medicine the person named")
            if "{" in text.replace(MEDICINE_PLACEHOLDER, ""):
                raise ValueError(f"the {language} note has a placeholder other than {MEDICINE_PLACEHOLDER}")
        return note

    def name(self, language: str) -> str:
        """The class's name for a reader of ``language`` (``"Sedating antihistamines"``)."""
        return _in(language, self.title)

    @cached_property
    def normalised_names(self) -> frozenset[str]:
        """Every name and brand of every example, as ``normalise_name`` gives them."""
        return frozenset().union(*(example.normalised_names for example in self.examples))

    def example(self, text: str) -> WorseningExample | None:
        """The example that ``text`` names (a generic name in any language, or a brand), or None."""
        wanted = normalise_name(text)
        return next((example for example in self.examples if wanted in example.normalised_names), None)

    def text(self, language: str, medicine: str) -> str:
        """The note about ``medicine``, a name that found this class as the person typed it, for a reader of
        ``language``, as plain text for the renderer to escape: a brand is followed by its generic name (``"Benadryl
        (diphenhydramine) is …"``), a generic name is given in ``language``, anything else is shown as typed."""
        example = self.example(medicine)
        brand = example.is_brand(medicine) if example else None
        if example is None:
            shown = " ".join(medicine.split())
        elif brand is not None:
            shown = f"{brand} ({example.name(language)})"
        else:
            shown = example.name(language)
        filled = _in(language, self.note).replace(MEDICINE_PLACEHOLDER, shown)
        return filled[:1].upper() + filled[1:]


class Medicines(_Strict):
    """content/medicines.toml and content/worsening.toml: the catalogue in button order and the classes that can
    worsen RLS, each typed name meaning one thing."""

    entries: tuple[MedicineEntry, ...] = Field(min_length=1)
    worsening: tuple[WorseningClass, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_meaning_per_name(self) -> Medicines:
        problems = self.problems()
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def problems(self) -> list[str]:
        """Every key used twice and every name that would find two things, one line each (empty when all is well)."""
        problems: list[str] = []
        for where, keys in (
            ("medicines.toml", [entry.key for entry in self.entries]),
            ("worsening.toml", [group.key for group in self.worsening]),
        ):
            problems += [
                f"{where}: the key {key!r} is used twice" for key in sorted({k for k in keys if keys.count(k) > 1})
            ]
        medicines = [(f"medicines.toml: {entry.key}", entry) for entry in self.entries] + [
            (f"worsening.toml: {group.key} ({example.name(next(iter(example.names)))})", example)
            for group in self.worsening
            for example in group.examples
        ]
        owners: dict[str, tuple[int, str]] = {}  # normalised name -> (which medicine, where it is)
        for index, (where, medicine) in enumerate(medicines):
            for name in (*(name for names in medicine.names.values() for name in names), *medicine.brands):
                normal = normalise_name(name)
                if not normal:
                    problems.append(f"{where}: the name {name!r} has no letters")
                    continue
                first_index, first = owners.setdefault(normal, (index, where))
                if first_index != index:
                    problems.append(
                        f"the name {name!r} is in both {first} and {where}: a typed name must find one medicine"
                    )
        return problems

    def rule_problems(
        self, languages: Collection[str], source_ids: Collection[str], check_text: Callable[[str], object]
    ) -> list[str]:
        """What breaks the rules every content entry follows, one line each: a text in each of ``languages``, every
        source among ``source_ids``, every text accepted by ``check_text`` (``bot.content.model.reject_doses``, which
        raises ValueError)."""
        problems: list[str] = []
        wanted = set(languages)

        def check(where: str, field: str, texts: Iterable[tuple[str, str]]) -> None:
            for language, text in texts:
                try:
                    check_text(text.replace(MEDICINE_PLACEHOLDER, "the medicine"))
                except ValueError as exc:
                    problems.append(f"{where}: {field} ({language}) {exc}")

        def translated(where: str, field: str, by_language: Mapping[str, str | tuple[str, ...]]) -> None:
            if set(by_language) != wanted:
                problems.append(f"{where}: {field} needs each of {sorted(wanted)}, has {sorted(by_language)}")
            check(where, field, ((lang, text) for lang, texts in by_language.items() for text in _each(texts)))

        def cite(where: str, sources: tuple[str, ...]) -> None:
            problems.extend(
                f"{where} cites an unknown source {source!r}" for source in sources if source not in source_ids
            )

        for entry in self.entries:
            where = f"medicines.toml: {entry.key}"
            translated(where, "names", entry.names)
            check(where, "brands", (("brand", brand) for brand in entry.brands))
            cite(where, entry.sources)
        for group in self.worsening:
            where = f"worsening.toml: {group.key}"
            translated(where, "title", group.title)
            translated(where, "note", group.note)
            for example in group.examples:
                named = f"{where} ({next(iter(example.names.values()))[0]})"
                translated(named, "names", example.names)
                check(named, "brands", (("brand", brand) for brand in example.brands))
            cite(where, group.sources)
        return problems

    def texts(self, language: str) -> Iterator[tuple[str, str]]:
        """(where, text) of everything a reader of ``language`` can read here, for checks: names, class names, and
        each class's note about each of its examples."""
        for entry in self.entries:
            yield f"medicines.toml: {entry.key}", " / ".join(_in(language, entry.names))
        for group in self.worsening:
            where = f"worsening.toml: {group.key}"
            yield where, group.name(language)
            for example in group.examples:
                yield f"{where} ({example.name(language)})", group.text(language, example.name(language))

    @cached_property
    def _by_key(self) -> dict[str, MedicineEntry]:
        return {entry.key: entry for entry in self.entries}

    @cached_property
    def _by_name(self) -> dict[str, MedicineEntry]:
        return {name: entry for entry in self.entries for name in entry.normalised_names}

    @cached_property
    def _class_by_key(self) -> dict[str, WorseningClass]:
        return {group.key: group for group in self.worsening}

    @cached_property
    def _class_by_name(self) -> dict[str, WorseningClass]:
        return {name: group for group in self.worsening for name in group.normalised_names}

    @cached_property
    def _most_words(self) -> int:
        return max(len(name.split()) for name in (*self._by_name, *self._class_by_name))

    def get(self, key: str) -> MedicineEntry | None:
        """The catalogue entry ``key`` (as a button's callback data names it), or None."""
        return self._by_key.get(key)

    def names(self) -> Iterator[tuple[str, MedicineEntry]]:
        """Every (normalised name, entry) of the catalogue: generic names in every language, other spellings, brands."""
        yield from self._by_name.items()

    def find(self, text: str) -> MedicineEntry | None:
        """The catalogue entry ``text`` names as a whole (any case, with or without accents: ``"ROPINIROL"``,
        ``"Requip"``, ``"rotigotina parche"``), or None."""
        return self._by_name.get(normalise_name(text))

    def match_prefix(self, words: Sequence[str]) -> tuple[MedicineEntry, int] | None:
        """The catalogue entry the first words name, and how many words its name took, the longest name winning:
        ``["gabapentin", "enacarbil", "600", "mg"]`` gives (gabapentin enacarbil, 2). None when no name starts them."""
        return _longest_prefix(self._by_name, words, self._most_words)

    def worsening_class(self, name_or_key: str) -> WorseningClass | None:
        """The class that can worsen RLS whose key is exactly ``name_or_key`` (as stored or in callback data), else
        whose examples include it (a generic name in any language or a brand, compared as ``find`` compares them);
        None for anything else, the catalogue's RLS medicines included."""
        return self._class_by_key.get(name_or_key) or self._class_by_name.get(normalise_name(name_or_key))

    def match_worsening_prefix(self, words: Sequence[str]) -> tuple[WorseningClass, int] | None:
        """As ``match_prefix``, for the medicines of the classes that can worsen RLS."""
        return _longest_prefix(self._class_by_name, words, self._most_words)
