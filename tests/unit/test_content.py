"""Unit tests of ``bot.content`` and ``rls-coach content check``: the shipped texts, tips and self-check load in
both languages, say what they must, and bad files are refused with the file and the entry named."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from bot.content import LANGUAGES, PAGE_KEYS, Content, ContentError, Library, default_content_dir, load_content
from bot.content.check import check_content, visible_length
from bot.content.model import CRITERIA, MIN_TIPS
from bot.text.i18n import territory_of_zone, texts
from bot.text.render import render_overview, render_section

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
            yield f"{page.key}/{section.id}", f"{section.button}\n{section.heading}\n{section.summary}\n{section.body}"
    for topic in library.topics:
        for tip in topic.tips:
            yield f"tip {tip.id}", f"{tip.title}\n{tip.body}"
    check = library.selfcheck
    yield "selfcheck", f"{check.title}\n{check.intro}"
    for question in check.questions:
        yield f"selfcheck/{question.id}", question.question
    for criterion in check.criteria:
        yield f"selfcheck/{criterion.id} feature", criterion.feature
    for flag in check.red_flags:
        yield f"selfcheck/{flag.id} advice", flag.advice
    result = check.result
    yield "selfcheck/result", "\n".join((result.described, result.medicine, result.lookalikes, result.clinician))


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


def test_the_self_check_asks_the_five_criteria_and_never_reads_as_a_verdict(shipped: Content) -> None:
    verdict = re.compile(
        r"you have rls|sounds? like rls|\bmatch|usted tiene (el )?spi|parece (el )?spi|coincide", re.IGNORECASE
    )
    for library in shipped.libraries:
        check = library.selfcheck
        assert tuple(question.id for question in check.criteria) == CRITERIA
        assert {flag.id for flag in check.red_flags} == {"augmentation", "pregnancy", "weakness"}
        texts = (check.title, check.intro, *(c.feature for c in check.criteria), *vars(check.result).values())
        for text in texts:
            assert not verdict.search(str(text)), text
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


@pytest.mark.parametrize(
    ("language", "verdict"),
    [
        ("en", "You have RLS."),
        ("en", "Your answers match RLS."),
        ("en", "This sounds like RLS."),
        ("es", "Usted tiene SPI."),
    ],
)
def test_a_self_check_result_that_reads_as_a_verdict_is_refused(
    content_copy: Path, language: str, verdict: str
) -> None:
    edit(content_copy / f"{language}/selfcheck.toml", replace_first(r'^medicine = """', f'medicine = """\n{verdict}'))
    assert_names(load_error(content_copy), "selfcheck.toml", "reads as a verdict")


def test_content_check_reports_every_message_over_telegrams_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.content.check.MESSAGE_LIMIT", 1500)
    problems = check_content().problems
    assert any(line.startswith("en: /selfcheck result is") for line in problems), problems
    assert all(
        re.match(r"^(en|es): .+ is \d+ characters, over Telegram's 1500 \(for a reader in ", line) for line in problems
    )


# ---------------------------------------------------------------- overviews that summarise


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_an_overview_shows_every_sections_summary(shipped: Content, key: str) -> None:
    for library in shipped.libraries:
        t = texts(library.language)
        page = library.page(key)
        shown = unescape(render_overview(shipped, t, page))
        for section in page.sections:
            assert f"• {shipped.fill(section.summary, library.language, None)}" in shown, section.id


def test_the_causes_overview_names_every_cause_by_itself(shipped: Content) -> None:
    page = shipped.library("en").page("causes")
    shown = render_overview(shipped, texts("en"), page).casefold()
    for cause in ("dopamine", "gene", "iron", "kidney", "dialysis", "nerve", "pregnan", "allerg", "antidepressant",
                  "caffeine", "alcohol", "smoking", "sleep apnea"):  # fmt: skip
        assert cause in shown, cause


def test_the_treatments_overview_names_every_treatment_by_itself(shipped: Content) -> None:
    page = shipped.library("en").page("treatments")
    shown = render_overview(shipped, texts("en"), page).casefold()
    for treatment in ("caffeine", "exercise", "stretch", "iron", "gabapentin", "pregabalin", "dopamine", "augmentation",
                      "device", "opioid", "against"):  # fmt: skip
        assert treatment in shown, treatment


# ---------------------------------------------------------------- emergency numbers where the person lives


@pytest.mark.parametrize(
    ("zone", "territory"),
    [
        ("America/Phoenix", "US"), ("US/Arizona", "US"), ("Europe/Madrid", "ES"), ("Atlantic/Canary", "ES"),
        ("America/Mexico_City", "MX"), ("America/Bogota", "CO"), ("America/Santiago", "CL"), ("Europe/London", "GB"),
        ("America/St_Johns", "CA"), ("America/Argentina/Buenos_Aires", "AR"), ("Asia/Kolkata", "IN"),
        ("Pacific/Chatham", "NZ"), ("UTC", None), ("UTC+05:30", None), ("Etc/GMT+3", None), (None, None),
    ],
)  # fmt: skip
def test_the_country_comes_from_the_stored_zone(zone: str | None, territory: str | None) -> None:
    assert territory_of_zone(zone) == territory


REQUIRED_COUNTRIES = {
    "US", "CA", "MX", "GB", "IE", "ES", "AR", "CO", "CL", "PE", "EC", "UY", "VE",
    "GT", "SV", "HN", "NI", "CR", "PA",
}  # fmt: skip


def test_the_emergency_table_covers_the_countries_readers_live_in(shipped: Content) -> None:
    codes = {country.code for country in shipped.emergency.countries}
    assert codes >= REQUIRED_COUNTRIES, REQUIRED_COUNTRIES - codes
    for country in shipped.emergency.countries:
        assert country.sources and country.reviewed <= date.today(), country.code


@pytest.mark.parametrize(
    ("territory", "language", "number", "not_there"),
    [
        ("US", "en", "911", "112"), ("US", "es", "911", "112"), ("ES", "es", "112", "911"), ("ES", "en", "112", "911"),
        ("GB", "en", "999", "911"), ("MX", "es", "911", "112"), ("CO", "es", "123", "911"), ("CL", "es", "131", "911"),
        ("IE", "en", "112", "911"),
    ],
)  # fmt: skip
def test_urgent_care_names_the_emergency_number_of_the_readers_country(
    shipped: Content, territory: str, language: str, number: str, not_there: str
) -> None:
    t = texts(language, territory)
    for key in ("treatments", "symptoms"):
        page = shipped.library(language).page(key)
        section = page.section("urgent")
        assert section is not None
        shown = render_section(shipped, t, page, section)
        assert re.search(rf"(?<!\d){number}(?!\d)", shown), (key, territory)
        assert not re.search(rf"(?<![\d/]){not_there}(?![\d/])", shown.split("<i>")[0] + shown), (key, territory)


def test_crisis_lines_follow_the_country(shipped: Content) -> None:
    us, spain, britain = (shipped.emergency.values("es", code)["crisis"] for code in ("US", "ES", "GB"))
    assert "988" in us and "024" in spain and "116 123" in britain
    assert "116 123" in shipped.emergency.values("en", "IE")["crisis"]


def test_an_unknown_country_gets_the_fallback_in_every_place_that_asks_for_urgent_help(shipped: Content) -> None:
    for library in shipped.libraries:
        fallback = shipped.emergency.fallback.emergency[library.language]
        assert "112" in fallback
        for where, text in all_texts(library):
            filled = shipped.fill(text, library.language, "IN")  # India: not in the table
            assert not re.search(r"\{(emergency|crisis|advice|questions)\}", filled), where
            if "{emergency}" in text:
                assert fallback in filled, where


def test_every_text_about_urgent_help_uses_the_placeholder(shipped: Content) -> None:
    """A sentence that sends someone to emergency services must carry the reader's own number."""
    asks = re.compile(r"emergency number|número de emergencias|call an ambulance|llame a una ambulancia", re.I)
    for library in shipped.libraries:
        for where, text in all_texts(library):
            if asks.search(text):
                assert "{emergency}" in text, where


@pytest.mark.parametrize("number", ["911", "988", "112", "999", "024"])
def test_a_hard_coded_emergency_number_is_refused(content_copy: Path, number: str) -> None:
    edit(content_copy / "en/tips/alcohol.toml", replace_first(r'^body = """', f'body = """\nCall {number} now.'))
    assert_names(load_error(content_copy), "alcohol.toml", "emergency or crisis number", "{emergency}")


def test_an_unknown_placeholder_is_refused(content_copy: Path) -> None:
    edit(content_copy / "es/tips/alcohol.toml", replace_first(r'^body = """', 'body = """\nLlame al {ambulance}.'))
    assert_names(load_error(content_copy), "alcohol.toml", "unknown placeholder {ambulance}")


def test_a_country_without_both_languages_is_refused(content_copy: Path) -> None:
    edit(content_copy / "emergency.toml", replace_first(r"^crisis\.es = .*$", ""))
    assert_names(load_error(content_copy), "emergency.toml", "crisis needs a text in each of")


def test_a_country_citing_an_unknown_source_is_refused(content_copy: Path) -> None:
    edit(content_copy / "emergency.toml", replace_first(r"^sources = \[", 'sources = ["made-up", '))
    assert_names(load_error(content_copy), "emergency.toml", "cites an unknown source 'made-up'")


def test_spanish_readers_get_the_spanish_page_of_a_source_that_has_one(shipped: Content) -> None:
    medlineplus = shipped.source("medlineplus")
    assert medlineplus.url_for("es") != medlineplus.url_for("en")
    assert "/spanish/" in medlineplus.url_for("es")


# ---------------------------------------------------------------- Spanish for both sides of the ocean


def test_the_content_check_names_a_regional_spanish_word(content_copy: Path) -> None:
    edit(
        content_copy / "es/tips/travel.toml", replace_first(r'^body = """', 'body = """\nEn el carro, pare cada hora.')
    )
    problems = check_content(content_copy).problems
    assert any("'carro'" in line and "travel" in line for line in problems), problems


def test_the_shipped_spanish_uses_one_word_for_augmentation(shipped: Content) -> None:
    text = " ".join(text for _, text in all_texts(shipped.library("es"))).casefold()
    assert "aumento" in text
    assert "aumentación" not in text


# ---------------------------------------------------------------- tips


def test_no_default_topic_holds_more_than_a_third_of_the_default_tips(shipped: Content) -> None:
    pool = shipped.tip_pool()
    total = sum(len(tips) for tips in pool.values())
    for topic, tips in pool.items():
        assert len(tips) * 3 <= total, (topic, len(tips), total)


def test_every_command_argument_a_text_shows_opens_a_section_in_the_readers_language(shipped: Content) -> None:
    """Spanish texts show Spanish arguments (/treatments hierro), and every one of them works as typed."""
    shown = 0
    for library in shipped.libraries:
        for where, text in all_texts(library):
            for page, word in re.findall(r"/(causes|treatments|symptoms|about) ([^\s.,;:)]+)", text):
                assert library.page(page).find(word) is not None, (library.language, where, page, word)
                shown += 1
    assert shown >= 4
