"""Unit tests of ``bot.core.messages.split_message``: chunks under Telegram's limit, cut at paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.messages import MESSAGE_LIMIT, split_message, utf16_length


def non_whitespace(text: str) -> str:
    return "".join(text.split())


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs split_message sees: blank-line separated, outer newlines dropped, blank ones skipped."""
    return [p.strip("\n") for p in text.strip().split("\n\n") if p.strip()]


def test_telegram_limit_is_4096() -> None:
    assert MESSAGE_LIMIT == 4096


def test_short_text_is_one_chunk() -> None:
    text = "<b>Tonight</b>\n\nStretch your calves for a minute.\nThen rest."
    assert split_message(text) == [text]


def test_text_of_exactly_the_limit_is_one_chunk() -> None:
    assert split_message("a" * 4096) == ["a" * 4096]


def test_outer_whitespace_is_dropped() -> None:
    assert split_message("\n\n  hello  \n\n") == ["hello"]


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", " \n \n\t "])
def test_blank_text_gives_no_chunks(text: str) -> None:
    assert split_message(text) == []


def test_extra_blank_lines_between_paragraphs_collapse_to_one() -> None:
    assert split_message("one\n\n\n\ntwo") == ["one\n\ntwo"]


def test_splits_at_paragraph_boundaries() -> None:
    first, second, third = "a" * 40, "b" * 40, "c" * 40
    chunks = split_message(f"{first}\n\n{second}\n\n{third}", limit=90)
    assert chunks == [f"{first}\n\n{second}", third]


def test_packs_as_many_whole_paragraphs_as_fit() -> None:
    paragraphs = ["p" * 10] * 10
    chunks = split_message("\n\n".join(paragraphs), limit=34)  # 10 + 2 + 10 + 2 + 10 = 34
    assert chunks == ["\n\n".join(["p" * 10] * 3)] * 3 + ["p" * 10]


def test_long_paragraph_is_cut_at_line_breaks() -> None:
    lines = [f"line {number:02d} " + "x" * 20 for number in range(10)]  # 28 characters each
    chunks = split_message("\n".join(lines), limit=60)
    assert chunks == ["\n".join(lines[i : i + 2]) for i in range(0, 10, 2)]


def test_single_overlong_line_is_cut_inside_the_line() -> None:
    text = "".join(str(number % 10) for number in range(250))
    chunks = split_message(text, limit=100)
    assert chunks == [text[:100], text[100:200], text[200:]]


def test_single_overlong_line_at_the_telegram_limit() -> None:
    text = "z" * 10_000
    chunks = split_message(text)
    assert [len(chunk) for chunk in chunks] == [4096, 4096, 1808]
    assert "".join(chunks) == text


def test_overlong_line_between_paragraphs_keeps_the_paragraphs_whole() -> None:
    text = "intro\n\n" + "w" * 25 + "\n\noutro"
    chunks = split_message(text, limit=10)
    assert chunks[0] == "intro"
    assert chunks[-1] == "outro"
    assert "".join(chunks[1:-1]) == "w" * 25


def test_limit_of_one_still_keeps_every_character() -> None:
    chunks = split_message("ab\ncd\n\nef", limit=1)
    assert chunks == ["a", "b", "c", "d", "e", "f"]


@pytest.mark.parametrize("limit", [0, -1])
def test_limit_must_be_positive(limit: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        split_message("text", limit=limit)


def test_html_tags_within_lines_stay_balanced_in_every_chunk() -> None:
    lines = [f"<b>Tip {number}</b>: <i>stretch</i> for <a href='x'>a minute</a>" for number in range(200)]
    text = "\n\n".join("\n".join(lines[i : i + 7]) for i in range(0, 200, 7))
    chunks = split_message(text, limit=500)
    assert len(chunks) > 5
    for chunk in chunks:
        assert len(chunk) <= 500
        for tag in ("b", "i", "a"):
            assert chunk.count(f"<{tag}") == chunk.count(f"</{tag}>")


@pytest.mark.parametrize(
    ("text", "limit"),
    [("x" * 4096 + "  \n" + "y" * 4096, MESSAGE_LIMIT), ("abcd\n   \nefg", 3), ("a\n" + " " * 50 + "\nb", 10)],
)
def test_no_chunk_is_blank_because_telegram_rejects_empty_messages(text: str, limit: int) -> None:
    chunks = split_message(text, limit=limit)
    assert all(chunk.strip() for chunk in chunks)
    assert "".join(non_whitespace(chunk) for chunk in chunks) == non_whitespace(text)


# ---------------------------------------------------------------- properties

words = st.sampled_from(["a", "rest", "legs", "<b>calm</b>", "&amp;", "stretching", "x" * 30, "2024", "ferritin"])
lines = st.lists(words, min_size=1, max_size=6).map(" ".join)
paragraphs = st.lists(lines, min_size=1, max_size=4).map("\n".join)
texts = st.lists(paragraphs, min_size=0, max_size=8).map("\n\n".join)
limits = st.integers(min_value=1, max_value=200)


@settings(max_examples=150, deadline=None)
@given(text=texts, limit=limits)
def test_every_chunk_fits_and_no_text_is_lost(text: str, limit: int) -> None:
    chunks = split_message(text, limit=limit)
    assert all(chunk and (utf16_length(chunk) <= limit or len(chunk) == 1) for chunk in chunks)
    assert all(chunk.strip() for chunk in chunks)
    assert "".join(non_whitespace(chunk) for chunk in chunks) == non_whitespace(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300), limit=limits)
def test_arbitrary_text_fits_and_keeps_every_visible_character(text: str, limit: int) -> None:
    chunks = split_message(text, limit=limit)
    assert all(chunk and (utf16_length(chunk) <= limit or len(chunk) == 1) for chunk in chunks)
    assert all(chunk.strip() for chunk in chunks)
    assert "".join(non_whitespace(chunk) for chunk in chunks) == non_whitespace(text)


@settings(max_examples=150, deadline=None)
@given(text=texts, limit=st.integers(min_value=100, max_value=300))
def test_lines_are_never_cut_when_each_fits(text: str, limit: int) -> None:
    original_lines = set(text.split("\n"))
    if max(map(len, original_lines)) > limit:
        return
    chunks = split_message(text, limit=limit)
    assert " ".join(chunks).split() == text.split()  # every word, whole and in order
    for chunk in chunks:
        assert set(chunk.split("\n")) <= original_lines | {""}


@settings(max_examples=150, deadline=None)
@given(text=texts, limit=st.integers(min_value=60, max_value=400))
def test_whole_paragraphs_are_packed_greedily_when_each_fits(text: str, limit: int) -> None:
    expected_paragraphs = paragraphs_of(text)
    if any(len(p) > limit for p in expected_paragraphs):
        return
    chunks = split_message(text, limit=limit)
    regrouped = [paragraphs_of(chunk) for chunk in chunks]
    assert [p for group in regrouped for p in group] == expected_paragraphs
    for chunk, group in zip(chunks, regrouped, strict=True):
        assert chunk == "\n\n".join(group)
    for current, following in zip(chunks, regrouped[1:], strict=False):
        assert len(current) + 2 + len(following[0]) > limit  # the next paragraph really did not fit


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_text_under_the_limit_is_a_single_chunk(text: str) -> None:
    normalized = "\n\n".join(paragraphs_of(text))
    chunks = split_message(text, limit=max(len(normalized), 1))
    assert chunks == ([normalized] if normalized else [])


def test_emoji_count_twice_towards_the_limit_as_telegram_counts_them() -> None:
    text = "😀" * 3000  # 3,000 characters but 6,000 UTF-16 units: over Telegram's limit
    chunks = split_message(text)
    assert [utf16_length(chunk) for chunk in chunks] == [4096, 1904]
    assert "".join(chunks) == text
