"""Unit tests of ``bot.content``: the shipped texts and tips load, say what they must, and bad files are refused."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.content import (
    MIN_TIPS,
    REQUIRED_TIP_TOPICS,
    TOPIC_FILES,
    Content,
    ContentError,
    default_content_dir,
    load_content,
)

CONTENT_FILES = ("sources", "tips", *TOPIC_FILES)
# Written independently of the loader's own pattern, so a gap in one is not hidden by the same gap in the other.
DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|μg|ug|g|iu|units?|tablets?|pills?|capsules?|drops?|ml|"
    r"milligrams?|micrograms?|grams?|international units?|teaspoons?|tablespoons?)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def shipped() -> Content:
    return load_content()


def all_texts(content: Content) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text a person can read."""
    for topic in content.topics:
        yield f"{topic.key}.title", topic.title
        yield f"{topic.key}.intro", topic.intro
        yield f"{topic.key}.closing", topic.closing
        for section in topic.sections:
            yield f"{topic.key}: {section.heading}", section.heading
            yield f"{topic.key}: {section.heading} (body)", section.body
    for tip in content.tips:
        yield f"tip {tip.id} title", tip.title
        yield f"tip {tip.id} body", tip.body


# ---------------------------------------------------------------- the shipped content


def test_default_content_dir_holds_every_content_file() -> None:
    directory = default_content_dir()
    for name in CONTENT_FILES:
        assert (directory / f"{name}.toml").is_file(), name


def test_shipped_content_loads_from_the_default_and_an_explicit_directory(shipped: Content) -> None:
    assert load_content(default_content_dir()) == shipped


@pytest.mark.parametrize("key", ["causes", "treatments", "symptoms", "about"])
def test_every_topic_page_exists_with_sections(shipped: Content, key: str) -> None:
    topic = shipped.topic(key)
    assert topic.key == key
    assert topic.title
    assert topic.intro
    assert topic.closing
    assert topic.sections


def test_there_are_at_least_twenty_tips(shipped: Content) -> None:
    assert MIN_TIPS == 20
    assert len(shipped.tips) >= 20


def test_tips_cover_every_evening_habit(shipped: Content) -> None:
    topics = {tip.topic for tip in shipped.tips}
    assert {"caffeine", "alcohol", "stretching", "exercise", "sleep", "iron"} <= topics
    assert topics >= REQUIRED_TIP_TOPICS


def test_tip_ids_are_unique_and_looked_up_by_id(shipped: Content) -> None:
    assert len(set(shipped.tip_ids)) == len(shipped.tip_ids) == len(shipped.tips)
    for tip in shipped.tips:
        assert shipped.tip(tip.id) == tip
    assert shipped.tip("no-such-tip") is None


def test_every_cited_source_exists_and_is_https(shipped: Content) -> None:
    cited = {source for topic in shipped.topics for section in topic.sections for source in section.sources}
    cited |= {tip.source for tip in shipped.tips}
    for source_id in cited:
        assert shipped.source(source_id).url.startswith("https://")
    assert len({source.id for source in shipped.sources}) == len(shipped.sources)


def test_no_shipped_text_states_a_dose(shipped: Content) -> None:
    found = [(where, match.group(0)) for where, text in all_texts(shipped) for match in DOSE.finditer(text)]
    assert found == []


def test_text_fields_have_no_outer_whitespace(shipped: Content) -> None:
    for where, text in all_texts(shipped):
        assert text == text.strip(), where


def test_treatments_follow_the_2024_aasm_guideline(shipped: Content) -> None:
    text = " ".join(text for where, text in all_texts(shipped) if where.startswith("treatments")).casefold()
    for phrase in ("2024", "aasm", "ferritin", "75", "transferrin saturation", "alpha-2-delta", "augmentation"):
        assert phrase in text, phrase
    for medicine in ("gabapentin", "pregabalin"):
        assert medicine in text, medicine
    assert any(section.sources and "aasm-2024" in section.sources for section in shipped.topic("treatments").sections)


def test_causes_cover_the_known_mechanisms_and_conditions(shipped: Content) -> None:
    text = " ".join(text for where, text in all_texts(shipped) if where.startswith("causes")).casefold()
    for phrase in ("dopamine", "iron", "kidney", "neuropathy", "pregnan"):
        assert phrase in text, phrase


def test_content_is_frozen(shipped: Content) -> None:
    with pytest.raises(ValueError, match="frozen"):
        shipped.tips[0].title = "changed"  # type: ignore[misc]


# ---------------------------------------------------------------- the loader refuses bad files


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    directory = tmp_path / "content"
    shutil.copytree(default_content_dir(), directory)
    return directory


def edit(directory: Path, name: str, change: Callable[[str], str]) -> None:
    path = directory / f"{name}.toml"
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, f"the edit of {name}.toml changed nothing"
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
def test_a_dose_in_a_tip_body_is_refused(content_copy: Path, dose: str) -> None:
    edit(content_copy, "tips", replace_first(r'^body = """', f'body = """\nOr {dose} tonight.'))
    assert_names(load_error(content_copy), "tips.toml", "dose", "body")


@pytest.mark.parametrize(("name", "field"), [("treatments", "body"), ("causes", "intro"), ("about", "closing")])
def test_a_dose_in_a_topic_page_is_refused(content_copy: Path, name: str, field: str) -> None:
    edit(content_copy, name, replace_first(rf'^{field} = """', f'{field} = """\nTake 325 mg.'))
    assert_names(load_error(content_copy), f"{name}.toml", "dose", field)


@pytest.mark.parametrize("dose", ["take 325 milligrams", "50 micrograms", "2 grams", "1000 international units"])
def test_a_dose_with_a_spelled_out_unit_is_refused(content_copy: Path, dose: str) -> None:
    edit(content_copy, "tips", replace_first(r'^body = """', f'body = """\nOr {dose} tonight.'))
    assert_names(load_error(content_copy), "tips.toml", "dose")


@pytest.mark.parametrize(
    ("name", "field"), [("tips", "title"), ("treatments", "heading"), ("treatments", "title"), ("sources", "short")]
)
def test_a_dose_in_a_title_or_heading_is_refused(content_copy: Path, name: str, field: str) -> None:
    edit(content_copy, name, replace_first(rf'^{field} = "', f'{field} = "Take 325 mg: '))
    assert_names(load_error(content_copy), f"{name}.toml", "dose")


def test_an_error_in_a_topic_page_names_its_file(content_copy: Path) -> None:
    edit(content_copy, "treatments", replace_first(r'^body = """', 'body = """\nTake 325 mg.'))
    assert_names(load_error(content_copy), "treatments.toml")


def test_a_lab_threshold_is_not_a_dose(content_copy: Path) -> None:
    edit(content_copy, "tips", replace_first(r'^body = """', 'body = """\nFerritin of 75 ng/mL or 20 % is low.'))
    load_content(content_copy)


def test_an_unknown_source_id_in_a_tip_is_refused(content_copy: Path) -> None:
    edit(content_copy, "tips", replace_first(r'^source = "[^"]*"$', 'source = "no-such-source"'))
    message = load_error(content_copy)
    assert "unknown source ids" in message
    assert "no-such-source" in message


def test_an_unknown_source_id_in_a_section_is_refused(content_copy: Path) -> None:
    edit(content_copy, "symptoms", replace_first(r"^sources = \[", 'sources = ["made-up-source", '))
    message = load_error(content_copy)
    assert "unknown source ids" in message
    assert "made-up-source" in message


def test_a_duplicate_tip_id_is_refused(content_copy: Path) -> None:
    tips = (content_copy / "tips.toml").read_text(encoding="utf-8")
    first_id, second_id = re.findall(r'^id = "([^"]+)"$', tips, flags=re.MULTILINE)[:2]
    edit(content_copy, "tips", lambda text: text.replace(f'id = "{second_id}"', f'id = "{first_id}"', 1))
    assert "tip ids must be unique" in load_error(content_copy)


def test_a_duplicate_source_id_is_refused(content_copy: Path) -> None:
    edit(content_copy, "sources", lambda text: text.replace('id = "medlineplus"', 'id = "ninds"', 1))
    assert "source ids must be unique" in load_error(content_copy)


@pytest.mark.parametrize("kept", [0, 1, MIN_TIPS - 1])
def test_too_few_tips_are_refused(content_copy: Path, kept: int) -> None:
    def keep_first_tips(text: str) -> str:
        header, *blocks = text.split("[[tips]]")
        return header + "".join(f"[[tips]]{block}" for block in blocks[:kept])

    edit(content_copy, "tips", keep_first_tips)
    message = load_error(content_copy)
    assert "tips" in message
    assert f"at least {MIN_TIPS}" in message


def test_tips_missing_a_required_habit_are_refused(content_copy: Path) -> None:
    def drop_iron_tips(text: str) -> str:
        header, *blocks = text.split("[[tips]]")
        return header + "".join(f"[[tips]]{block}" for block in blocks if 'topic = "iron"' not in block)

    edit(content_copy, "tips", drop_iron_tips)
    message = load_error(content_copy)
    assert "must cover the topics" in message
    assert "iron" in message


def test_an_unknown_tip_topic_is_refused(content_copy: Path) -> None:
    edit(content_copy, "tips", replace_first(r'^topic = "[^"]*"$', 'topic = "chocolate"'))
    assert_names(load_error(content_copy), "tips.toml", "topic", "chocolate")


def test_a_plain_http_source_url_is_refused(content_copy: Path) -> None:
    edit(content_copy, "sources", replace_first(r'^url = "https://', 'url = "http://'))
    assert_names(load_error(content_copy), "sources.toml", "url")


@pytest.mark.parametrize("name", CONTENT_FILES)
def test_invalid_toml_is_refused_naming_the_file(content_copy: Path, name: str) -> None:
    edit(content_copy, name, lambda text: text + "\nthis is = = not toml [\n")
    message = load_error(content_copy)
    assert "not valid TOML" in message
    assert f"{name}.toml" in message


@pytest.mark.parametrize("name", CONTENT_FILES)
def test_a_missing_file_is_refused_naming_the_file(content_copy: Path, name: str) -> None:
    (content_copy / f"{name}.toml").unlink()
    message = load_error(content_copy)
    assert "content file missing" in message
    assert f"{name}.toml" in message


def test_an_empty_directory_is_refused(tmp_path: Path) -> None:
    assert "content file missing" in load_error(tmp_path)


@pytest.mark.parametrize(
    ("name", "anchor"),
    [("tips", r"^\[\[tips\]\]$"), ("sources", r"^\[\[sources\]\]$"), ("treatments", r"^\[\[sections\]\]$")],
)
def test_an_unknown_field_is_refused(content_copy: Path, name: str, anchor: str) -> None:
    edit(content_copy, name, replace_first(anchor, '\\g<0>\ncolour = "red"'))
    assert_names(load_error(content_copy), f"{name}.toml", "colour", "Extra inputs are not permitted")


def test_an_unknown_top_level_field_in_a_topic_page_is_refused(content_copy: Path) -> None:
    edit(content_copy, "symptoms", lambda text: 'subtitle = "extra"\n' + text)
    assert_names(load_error(content_copy), "symptoms.toml", "subtitle", "Extra inputs are not permitted")


def test_a_missing_required_field_is_refused(content_copy: Path) -> None:
    edit(content_copy, "tips", replace_first(r'^source = "[^"]*"\n', ""))
    assert_names(load_error(content_copy), "tips.toml", "source", "Field required")
