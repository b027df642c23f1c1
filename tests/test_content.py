"""Unit tests of ``bot.content`` and ``rls-coach content check``: the shipped texts, tips and self-check load in
both languages, say what they must, and bad files are refused with the file and the entry named."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.content import LANGUAGES, PAGE_KEYS, Content, ContentError, Library, default_content_dir, load_content
from bot.content.model import CRITERIA, MIN_TIPS
from bot.content_check import check_content, visible_length

# Written independently of the loader's own pattern, so a gap in one is not hidden by the same gap in the other.
DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|μg|ug|g|iu|units?|unidades|tablets?|pills?|capsules?|cápsulas?|pastillas?"
    r"|drops?|gotas|ml|milligrams?|miligramos?|micrograms?|grams?|gramos?|international units?|teaspoons?"
    r"|tablespoons?)\b(?!\s*/)",  # not a lab value such as 75 µg/L
    re.IGNORECASE,
)
REQUIRED_TOPICS = {
    "caffeine", "alcohol", "nicotine", "stretching", "exercise", "sleep", "mind", "massage", "iron", "medicines",
    "travel", "pregnancy", "dialysis",
}  # fmt: skip


@pytest.fixture(scope="module")
def shipped() -> Content:
    return load_content()


def all_texts(library: Library) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text a person can read in one language."""
    for page in library.pages:
        yield from ((f"{page.key}.title", page.title), (f"{page.key}.intro", page.intro))
        yield f"{page.key}.closing", page.closing
        for section in page.sections:
            yield f"{page.key}/{section.id}", f"{section.button}\n{section.heading}\n{section.body}"
    for topic in library.topics:
        for tip in topic.tips:
            yield f"tip {tip.id}", f"{tip.title}\n{tip.body}"
    check = library.selfcheck
    yield "selfcheck", f"{check.title}\n{check.intro}"
    for question in check.questions:
        yield f"selfcheck/{question.id}", question.question
    for flag in check.red_flags:
        yield f"selfcheck/{flag.id} advice", flag.advice
    result = check.result
    yield "selfcheck/result", "\n".join((result.match, result.partial, result.no_match, result.lookalikes))


def page_text(library: Library, key: str) -> str:
    return " ".join(text for where, text in all_texts(library) if where.startswith(key)).casefold()


# ---------------------------------------------------------------- the shipped content


def test_shipped_content_loads_in_both_languages_with_no_dose(shipped: Content) -> None:
    assert tuple(library.language for library in shipped.libraries) == LANGUAGES
    for library in shipped.libraries:
        found = [(where, match.group(0)) for where, text in all_texts(library) for match in DOSE.finditer(text)]
        assert found == []


def test_every_entry_has_a_twin_with_the_same_id_and_sources(shipped: Content) -> None:
    english, spanish = (dict(library.entries()) for library in shipped.libraries)
    assert english.keys() == spanish.keys()
    for name, entry in english.items():
        assert entry.sources == spanish[name].sources, name


def test_every_entry_is_reviewed_and_every_medical_entry_cites_a_source(shipped: Content) -> None:
    for library in shipped.libraries:
        for name, entry in library.entries():
            assert entry.reviewed <= date.today(), name
            if not name.startswith("about"):
                assert entry.sources, name


def test_there_are_sixty_tips_across_the_topics_with_ten_stretching_routines(shipped: Content) -> None:
    for library in shipped.libraries:
        assert sum(len(topic.tips) for topic in library.topics) >= MIN_TIPS >= 60
        assert {topic.key for topic in library.topics} >= REQUIRED_TOPICS
        stretching = library.topic("stretching")
        assert stretching is not None and len(stretching.tips) >= 10
    assert set(shipped.default_topics) == {"caffeine", "alcohol", "stretching", "exercise"}


def test_iron_tips_always_say_to_ask_a_clinician_first(shipped: Content) -> None:
    iron = shipped.library("en").topic("iron")
    assert iron is not None
    for tip in iron.tips:
        assert re.search(r"\b(clinician|doctor|prescriber)\b", tip.body, re.IGNORECASE), tip.id


def test_treatments_follow_the_2024_aasm_guideline(shipped: Content) -> None:
    text = page_text(shipped.library("en"), "treatments")
    for phrase in ("2024", "ferritin", "75", "µg/L".casefold(), "transferrin saturation", "ferric carboxymaltose"):
        assert phrase in text, phrase
    for medicine in ("gabapentin", "pregabalin", "levodopa"):
        assert medicine in text, medicine


def test_causes_cover_the_seed_articles_causes_and_soften_the_dopamine_idea(shipped: Content) -> None:
    text = page_text(shipped.library("en"), "causes")
    for phrase in ("dopamine", "genes", "iron", "kidney", "neuropathy", "pregnan", "ssri", "snri", "mirtazapine"):
        assert phrase in text, phrase
    dopamine = shipped.library("en").page("causes").section("dopamine")
    assert dopamine is not None and re.search(r"\b(may|might|think|idea)\b", dopamine.body)


def test_safety_content_is_there(shipped: Content) -> None:
    text = " ".join(text for _, text in all_texts(shipped.library("en"))).casefold()
    for phrase in (
        "blood clot",
        "breathing",
        "infusion",
        "parkinson",
        "growing pains",
        "sleep apnea",
        "rls foundation",
    ):
        assert phrase in text, phrase


def test_the_self_check_asks_the_five_criteria_and_never_diagnoses(shipped: Content) -> None:
    for library in shipped.libraries:
        check = library.selfcheck
        assert tuple(question.id for question in check.criteria) == CRITERIA
        assert {flag.id for flag in check.red_flags} == {"augmentation", "pregnancy", "weakness"}
        for text in (check.result.match, check.result.partial, check.result.no_match):
            assert not re.search(r"you have rls|usted tiene (el )?spi", text, re.IGNORECASE)
    lookalikes = shipped.library("en").selfcheck.result.lookalikes.casefold()
    for condition in ("cramp", "arthritis", "neuropathy", "swollen"):
        assert condition in lookalikes, condition


def test_content_check_passes_on_the_shipped_content() -> None:
    report = check_content()
    assert report.problems == []
    assert report.summary().startswith("content OK: 2 languages (en, es)")


def test_visible_length_counts_what_telegram_counts() -> None:
    assert visible_length('<b>a&amp;b</b> <a href="https://example.org/very/long">x</a>') == 5
    assert visible_length("☕") == 1 and visible_length("🧘") == 2  # UTF-16 code units


# ---------------------------------------------------------------- bad files are refused


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    directory = tmp_path / "content"
    shutil.copytree(default_content_dir(), directory)
    return directory


def edit(path: Path, change: Callable[[str], str]) -> None:
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, f"the edit of {path} changed nothing"
    path.write_text(after, encoding="utf-8")


def replace_first(pattern: str, replacement: str) -> Callable[[str], str]:
    return lambda text: re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)


def load_error(directory: Path) -> str:
    with pytest.raises(ContentError) as raised:
        load_content(directory)
    return str(raised.value)


def assert_names(message: str, *parts: str) -> None:
    for part in parts:
        assert part in message, f"{part!r} not in the error message:\n{message}"


def test_an_unchanged_copy_loads(content_copy: Path, shipped: Content) -> None:
    assert load_content(content_copy) == shipped


@pytest.mark.parametrize("dose", ["take 325 mg", "325mg", "1,000 IU", "2 tablets", "0.5 mg", "50 mcg", "5 ml"])
def test_a_dose_in_a_tip_is_refused(content_copy: Path, dose: str) -> None:
    edit(content_copy / "en/tips/caffeine.toml", replace_first(r'^body = """', f'body = """\nOr {dose} tonight.'))
    assert_names(load_error(content_copy), "caffeine.toml", "dose", "body")


@pytest.mark.parametrize("page", PAGE_KEYS)
def test_a_dose_in_a_page_is_refused(content_copy: Path, page: str) -> None:
    edit(content_copy / f"es/pages/{page}.toml", replace_first(r'^intro = """', 'intro = """\nTome 325 mg.'))
    assert_names(load_error(content_copy), f"{page}.toml", "dose", "intro")


def test_a_lab_threshold_is_not_a_dose(content_copy: Path) -> None:
    change = replace_first(r'^body = """', 'body = """\nFerritin of 75 ng/mL (75 µg/L) or 20 % is the threshold.')
    edit(content_copy / "en/tips/iron.toml", change)
    edit(content_copy / "es/tips/iron.toml", change)
    load_content(content_copy)


def test_a_tip_without_its_spanish_twin_is_refused(content_copy: Path) -> None:
    edit(content_copy / "es/tips/caffeine.toml", replace_first(r'^id = "caffeine-after-midday"', 'id = "cafe-manana"'))
    assert_names(load_error(content_copy), "tip caffeine-after-midday has no twin", "tip cafe-manana has no twin")


def test_a_twin_citing_other_sources_is_refused(content_copy: Path) -> None:
    edit(
        content_copy / "es/pages/causes.toml", replace_first(r'^sources = \["ninds", "vein', 'sources = ["nhs", "vein')
    )
    assert_names(load_error(content_copy), "causes/dopamine differs from its en twin")


def test_an_unknown_source_is_refused(content_copy: Path) -> None:
    edit(content_copy / "en/tips/alcohol.toml", replace_first(r'^sources = \["', 'sources = ["made-up", "'))
    assert_names(load_error(content_copy), "cites an unknown source 'made-up'")


def test_a_medical_section_without_a_source_is_refused(content_copy: Path) -> None:
    for language in LANGUAGES:
        edit(content_copy / f"{language}/pages/treatments.toml", replace_first(r"^sources = \[.*\]$", "sources = []"))
    assert_names(load_error(content_copy), "treatments cites no source")


def test_a_missing_file_and_bad_toml_are_named(content_copy: Path) -> None:
    (content_copy / "es/selfcheck.toml").unlink()
    assert_names(load_error(content_copy), "content file missing", "selfcheck.toml")
    shutil.copy(default_content_dir() / "es/selfcheck.toml", content_copy / "es/selfcheck.toml")
    edit(content_copy / "en/tips/sleep.toml", lambda text: text + "\n[[tips\n")
    assert_names(load_error(content_copy), "sleep.toml", "not valid TOML")


def test_a_tip_file_must_name_its_own_topic(content_copy: Path) -> None:
    edit(content_copy / "en/tips/travel.toml", replace_first(r'^topic = "travel"', 'topic = "trips"'))
    assert_names(load_error(content_copy), "travel.toml", "must match the file name")


def test_a_self_check_result_that_diagnoses_is_refused(content_copy: Path) -> None:
    edit(content_copy / "en/selfcheck.toml", replace_first(r'^match = """', 'match = """\nYou have RLS.'))
    assert_names(load_error(content_copy), "selfcheck.toml", "never says that someone has RLS")


def test_content_check_reports_every_message_over_telegrams_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.content_check.MESSAGE_LIMIT", 1500)
    problems = check_content().problems
    assert any(line.startswith("en: /selfcheck result is") for line in problems), problems
    assert all(re.match(r"^(en|es): .+ is \d+ characters, over Telegram's 1500$", line) for line in problems)
