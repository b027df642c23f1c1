"""Unit tests of the /meds content (``bot.content.medicines``): typed names find the right medicine or class
whatever their case or accents, the classes agree with /causes, the notes are calm and dose-free in both languages,
and a bad catalogue is refused with a message naming the file, the entry and the problem."""

from __future__ import annotations

import copy
import re
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bot.content import (
    LANGUAGES,
    MEDICINE_CLASSES,
    Content,
    ContentError,
    Medicines,
    default_content_dir,
    load_content,
    normalise_name,
)
from bot.content.check import check_content
from bot.content.model import reject_doses

# Written independently of the loader's own pattern, so a gap in one is not hidden by the same gap in the other.
DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|μg|ug|g|iu|units?|unidades|tablets?|pills?|capsules?|cápsulas?|pastillas?"
    r"|drops?|gotas|ml|milligrams?|miligramos?|micrograms?|grams?|gramos?|patch(?:es)?|parches?)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def shipped() -> Content:
    return load_content()


@pytest.fixture(scope="module")
def medicines(shipped: Content) -> Medicines:
    return shipped.medicines


@pytest.fixture
def raw() -> dict[str, Any]:
    """The shipped medicines.toml and worsening.toml as plain data, to break one thing at a time."""
    directory = default_content_dir()
    with (directory / "medicines.toml").open("rb") as catalogue, (directory / "worsening.toml").open("rb") as classes:
        return {"entries": tomllib.load(catalogue)["medicines"], "worsening": tomllib.load(classes)["classes"]}


def entry_data(raw: dict[str, Any], key: str) -> dict[str, Any]:
    return next(entry for entry in raw["entries"] if entry["key"] == key)


def class_data(raw: dict[str, Any], key: str) -> dict[str, Any]:
    return next(group for group in raw["worsening"] if group["key"] == key)


def source_ids() -> set[str]:
    with (default_content_dir() / "sources.toml").open("rb") as handle:
        return {source["id"] for source in tomllib.load(handle)["sources"]}


def invalid(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as raised:
        Medicines.model_validate(data)
    return str(raised.value)


def rule_problems(data: dict[str, Any]) -> list[str]:
    return Medicines.model_validate(data).rule_problems(LANGUAGES, source_ids(), reject_doses)


def assert_names(message: str, *parts: str) -> None:
    for part in parts:
        assert part in message, f"{part!r} not in the message:\n{message}"


def every_text(medicines: Medicines) -> Iterator[tuple[str, str]]:
    for language in LANGUAGES:
        for where, text in medicines.texts(language):
            yield f"{language}: {where}", text
    for entry in medicines.entries:
        yield f"{entry.key} brands", " ".join(entry.brands)


# ---------------------------------------------------------------- the catalogue


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("ropinirole", "ropinirole"),
        ("ropinirol", "ropinirole"),
        ("ROPINIROLE", "ropinirole"),
        ("  Ropinirol  ", "ropinirole"),
        ("Requip", "ropinirole"),
        ("ADARTREL", "ropinirole"),
        ("rotigotina parche", "rotigotine"),
        ("Rotigotina (parche)", "rotigotine"),
        ("rotigotine patch", "rotigotine"),
        ("Neupro", "rotigotine"),
        ("pramipexól", "pramipexole"),
        ("Mirapexin", "pramipexole"),
        ("gabapentina", "gabapentin"),
        ("Gabapentin Enacarbil", "gabapentin-enacarbil"),
        ("Horizant", "gabapentin-enacarbil"),
        ("pregabalina", "pregabalin"),
        ("Lyrica", "pregabalin"),
        ("carbidopa/levodopa", "levodopa"),
        ("carbidopa-levodopa", "levodopa"),
        ("levodopa + benserazida", "levodopa"),
        ("Madopar", "levodopa"),
        ("oxicodona/naloxona", "oxycodone"),
        ("Targin", "oxycodone"),
        ("metadona", "methadone"),
        ("tramadol", "tramadol"),
        ("hierro oral", "iron-oral"),
        ("ferrous sulphate", "iron-oral"),
        ("Slow-Fe", "iron-oral"),
        ("dipiridámol", "dipyridamole"),
    ],
)
def test_a_typed_name_finds_its_medicine_whatever_the_case_or_accents(
    medicines: Medicines, typed: str, key: str
) -> None:
    found = medicines.find(typed)
    assert found is not None and found.key == key, typed


@pytest.mark.parametrize("typed", ["", "  ", "aspirin", "ropinirole 0.25", "ropini", "diphenhydramine", "Benadryl"])
def test_a_name_that_is_not_a_whole_catalogue_name_finds_nothing(medicines: Medicines, typed: str) -> None:
    assert medicines.find(typed) is None


@pytest.mark.parametrize(
    ("words", "key", "used"),
    [
        (["ropinirole", "0.25", "mg", "at", "20:00"], "ropinirole", 1),
        (["Ropinirol", "0,25", "mg"], "ropinirole", 1),
        (["gabapentin", "enacarbil", "600", "mg"], "gabapentin-enacarbil", 2),  # the longest name wins
        (["gabapentin", "300", "mg"], "gabapentin", 1),
        (["Rotigotina", "(parche)", "2", "mg"], "rotigotine", 2),
        (["carbidopa/levodopa", "25/100"], "levodopa", 1),
        (["Slow", "Fe", "at", "08:00"], "iron-oral", 2),
        (["hierro", "oral"], "iron-oral", 2),
        (["ropinirole", "-", "0.25", "mg"], "ropinirole", 1),  # a lone dash neither ends nor extends a name
        (["REQUIP"], "ropinirole", 1),
    ],
)
def test_match_prefix_finds_the_longest_name_the_words_start_with(
    medicines: Medicines, words: list[str], key: str, used: int
) -> None:
    found = medicines.match_prefix(words)
    assert found is not None
    entry, count = found
    assert (entry.key, count) == (key, used)


@pytest.mark.parametrize("words", [[], ["0.25", "ropinirole"], ["aspirin", "100", "mg"], ["Benadryl", "25", "mg"]])
def test_match_prefix_finds_nothing_when_no_name_starts_the_words(medicines: Medicines, words: list[str]) -> None:
    assert medicines.match_prefix(words) is None


def test_the_catalogue_has_every_rls_medicine_in_button_order_with_short_keys(medicines: Medicines) -> None:
    keys = [entry.key for entry in medicines.entries]
    assert keys[:2] == ["gabapentin", "pregabalin"]
    for key in ("gabapentin-enacarbil", "pramipexole", "ropinirole", "rotigotine", "levodopa", "iron-oral"):
        assert key in keys
    assert {entry.drug_class for entry in medicines.entries} == set(MEDICINE_CLASSES)
    for entry in medicines.entries:
        assert len(entry.key.encode()) <= 24 and medicines.get(entry.key) is entry
        assert entry.sources and set(entry.names) == set(LANGUAGES)
    assert medicines.get("no-such-medicine") is None


def test_only_dopamine_agonists_and_levodopa_are_dopamine_medicines(medicines: Medicines) -> None:
    dopamine = {entry.key for entry in medicines.entries if entry.is_dopamine}
    assert dopamine == {"pramipexole", "ropinirole", "rotigotine", "levodopa"}


def test_each_entry_has_a_name_and_a_button_label_in_each_language(medicines: Medicines) -> None:
    rotigotine = medicines.get("rotigotine")
    assert rotigotine is not None
    assert rotigotine.name("es") == "rotigotina (parche)"
    assert rotigotine.label("es") == "Rotigotina (parche)" and rotigotine.label("en") == "Rotigotine (patch)"
    assert rotigotine.name("fr") == "rotigotine (patch)"  # a language the content is not in: English


def test_names_lists_every_normalised_name_of_the_catalogue(medicines: Medicines) -> None:
    names = dict(medicines.names())
    assert names["requip"].key == "ropinirole"
    assert names["rotigotina parche"].key == "rotigotine"
    assert all(name == normalise_name(name) for name in names)


# ---------------------------------------------------------------- the classes that can worsen RLS


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("diphenhydramine", "sedating-antihistamines"),
        ("difenhidramina", "sedating-antihistamines"),
        ("DIFENHIDRAMINA", "sedating-antihistamines"),
        ("Benadryl", "sedating-antihistamines"),
        ("Soñodor", "sedating-antihistamines"),
        ("sonodor", "sedating-antihistamines"),
        ("clorfeniramina", "sedating-antihistamines"),
        ("metoclopramida", "antinausea-dopamine"),
        ("Primperan", "antinausea-dopamine"),
        ("quetiapina", "antipsychotics"),
        ("sertralina", "ssri-snri-mirtazapine"),
        ("Prozac", "ssri-snri-mirtazapine"),
        ("sedating-antihistamines", "sedating-antihistamines"),  # a stored key
    ],
)
def test_a_typed_medicine_finds_its_class(medicines: Medicines, typed: str, key: str) -> None:
    found = medicines.worsening_class(typed)
    assert found is not None and found.key == key, typed


@pytest.mark.parametrize(
    "typed", ["loratadine", "cetirizine", "bupropion", "antihistamine", "", "Sedating antihistamines"]
)
def test_a_medicine_of_no_class_finds_none(medicines: Medicines, typed: str) -> None:
    assert medicines.worsening_class(typed) is None


def test_no_rls_medicine_of_the_catalogue_is_in_a_class(medicines: Medicines) -> None:
    for name, entry in medicines.names():
        assert medicines.worsening_class(name) is None, (name, entry.key)


def test_the_classes_agree_with_what_causes_says_about_medicines(shipped: Content, medicines: Medicines) -> None:
    named_in_causes = {
        "en": {
            "diphenhydramine": "sedating-antihistamines",
            "metoclopramide": "antinausea-dopamine",
            "prochlorperazine": "antinausea-dopamine",
            "promethazine": "antinausea-dopamine",
            "mirtazapine": "ssri-snri-mirtazapine",
        },
        "es": {
            "difenhidramina": "sedating-antihistamines",
            "metoclopramida": "antinausea-dopamine",
            "proclorperazina": "antinausea-dopamine",
            "prometazina": "antinausea-dopamine",
            "mirtazapina": "ssri-snri-mirtazapine",
        },
    }
    for language, expected in named_in_causes.items():
        section = shipped.library(language).page("causes").section("medicines")
        assert section is not None
        for medicine, key in expected.items():
            assert medicine in section.body.casefold(), (language, medicine)
            found = medicines.worsening_class(medicine)
            assert found is not None and found.key == key, (language, medicine)


def test_the_note_names_a_brand_with_its_generic_name_in_the_readers_language(medicines: Medicines) -> None:
    antihistamines = medicines.worsening_class("Benadryl")
    assert antihistamines is not None
    assert antihistamines.text("en", "benadryl").startswith("Benadryl (diphenhydramine) is a sedating antihistamine")
    assert antihistamines.text("es", "BENADRYL").startswith("Benadryl (difenhidramina) es un antihistamínico")
    assert antihistamines.text("es", "diphenhydramine").startswith("Difenhidramina es un antihistamínico")
    assert antihistamines.name("es") == "Antihistamínicos que dan sueño"


def test_match_worsening_prefix_finds_the_class_and_the_words_of_its_name(medicines: Medicines) -> None:
    found = medicines.match_worsening_prefix(["Prozac", "20", "mg", "at", "08:00"])
    assert found is not None and (found[0].key, found[1]) == ("ssri-snri-mirtazapine", 1)
    assert medicines.match_worsening_prefix(["ropinirole", "0.25", "mg"]) is None


def test_every_note_is_calm_dose_free_and_sends_the_reader_to_the_prescriber(medicines: Medicines) -> None:
    found = [(where, match.group(0)) for where, text in every_text(medicines) for match in DOSE.finditer(text)]
    assert found == []
    for group in medicines.worsening:
        english, spanish = group.text("en", "x"), group.text("es", "x")
        assert "prescriber" in english and "do not stop it" in english, group.key
        assert "recetó" in spanish and "no l" in spanish.casefold(), group.key
        assert "síndrome de piernas inquietas (SPI)" in spanish, group.key  # spelled out once per message
        assert not re.search(r"\byou (must|should) stop\b|\bstop taking\b|\bdeje de tomar", english + spanish)


# ---------------------------------------------------------------- a bad catalogue is refused


def test_the_shipped_catalogue_follows_the_content_rules(raw: dict[str, Any]) -> None:
    assert rule_problems(raw) == []


def test_a_name_in_two_medicines_is_refused(raw: dict[str, Any]) -> None:
    entry_data(raw, "pramipexole")["brands"].append("Requip")
    assert_names(invalid(raw), "'Requip'", "medicines.toml: ropinirole", "medicines.toml: pramipexole", "one medicine")


def test_a_name_in_the_catalogue_and_in_a_class_is_refused(raw: dict[str, Any]) -> None:
    entry_data(raw, "gabapentin")["names"]["es"].append("Difenhidramina")
    message = invalid(raw)
    assert_names(message, "'difenhidramina'", "medicines.toml: gabapentin", "sedating-antihistamines (diphenhydramine)")


def test_a_name_in_two_classes_is_refused(raw: dict[str, Any]) -> None:
    class_data(raw, "sedating-antihistamines")["examples"].append(
        {"names": {"en": ["promethazine"], "es": ["prometazina"]}}
    )
    assert_names(invalid(raw), "'promethazine'", "antinausea-dopamine", "sedating-antihistamines")


def test_a_key_used_twice_is_refused(raw: dict[str, Any]) -> None:
    raw["entries"].append(copy.deepcopy(entry_data(raw, "tramadol")) | {"names": {"en": ["t2"], "es": ["t2"]}})
    raw["entries"][-1]["brands"] = []
    assert_names(invalid(raw), "medicines.toml: the key 'tramadol' is used twice")


def test_a_dose_in_a_note_is_refused(raw: dict[str, Any]) -> None:
    class_data(raw, "antipsychotics")["note"]["es"] += " No tome más de 5 mg."
    assert_names(
        "\n".join(rule_problems(raw)), "worsening.toml: antipsychotics: note (es)", "'5 mg'", "never gives doses"
    )


def test_a_dose_in_a_name_is_refused(raw: dict[str, Any]) -> None:
    entry_data(raw, "ropinirole")["names"]["en"].append("ropinirole 0.25 mg")
    assert_names("\n".join(rule_problems(raw)), "medicines.toml: ropinirole: names (en)", "'0.25 mg'")


def test_a_missing_source_is_refused(raw: dict[str, Any]) -> None:
    entry_data(raw, "methadone")["sources"].append("no-such-source")
    class_data(raw, "antipsychotics")["sources"] = ["ninds", "made-up"]
    problems = rule_problems(raw)
    assert "medicines.toml: methadone cites an unknown source 'no-such-source'" in problems
    assert "worsening.toml: antipsychotics cites an unknown source 'made-up'" in problems


def test_a_missing_language_is_refused(raw: dict[str, Any]) -> None:
    del entry_data(raw, "ropinirole")["names"]["es"]
    del class_data(raw, "antipsychotics")["note"]["es"]
    problems = "\n".join(rule_problems(raw))
    assert_names(problems, "medicines.toml: ropinirole: names needs each of ['en', 'es'], has ['en']")
    assert_names(problems, "worsening.toml: antipsychotics: note needs each of ['en', 'es'], has ['en']")


def test_a_note_that_does_not_name_the_medicine_is_refused(raw: dict[str, Any]) -> None:
    group = class_data(raw, "antipsychotics")
    group["note"]["en"] = group["note"]["en"].replace("{medicine}", "This")
    assert_names(invalid(raw), "the en note needs {medicine}")


def test_an_unknown_class_is_refused(raw: dict[str, Any]) -> None:
    entry_data(raw, "tramadol")["class"] = "painkiller"
    assert_names(invalid(raw), "class", "'opioid'")


# ---------------------------------------------------------------- through the loader and `content check`


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    directory = tmp_path / "content"
    shutil.copytree(default_content_dir(), directory)
    return directory


def test_the_loader_names_the_file_of_a_broken_catalogue(content_copy: Path) -> None:
    path = content_copy / "medicines.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('brands = ["Lyrica"]', 'brands = ["Requip"]'), "utf-8")
    with pytest.raises(ContentError) as raised:
        load_content(content_copy)
    assert_names(str(raised.value), str(content_copy), "'Requip'", "pregabalin", "ropinirole")


def test_the_loader_refuses_an_unknown_source_in_a_class(content_copy: Path) -> None:
    path = content_copy / "worsening.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('sources = ["ninds"', 'sources = ["nope", "ninds"', 1), "utf-8")
    with pytest.raises(ContentError) as raised:
        load_content(content_copy)
    assert_names(str(raised.value), "worsening.toml: sedating-antihistamines cites an unknown source 'nope'")


def test_content_check_names_a_regional_spanish_word_in_a_note(content_copy: Path) -> None:
    path = content_copy / "worsening.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("es un antipsicótico.", "es un antipsicótico, como en el carro.", 1), "utf-8")
    problems = check_content(content_copy).problems
    assert any(line.startswith("es: worsening.toml: antipsychotics") and "'carro'" in line for line in problems)
