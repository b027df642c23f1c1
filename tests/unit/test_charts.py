"""Tests of ``bot.text.charts``: the /progress chart is a PNG of one fixed size, the same bytes for the same data."""

from __future__ import annotations

import io
import random
import struct
import warnings
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PIL import Image

from bot.core.checkins import Night, nights_between, own_factor
from bot.text.charts import CHART_SIZE_PX, MAX_NIGHTS, ChartData, render_progress_chart

LAST = date(2026, 11, 24)
BUILT_IN_LABELS = {"caffeine": "Caffeine", "alcohol": "Alcohol", "stretched": "Stretched"}
WITH_OWN_LABELS = {**BUILT_IN_LABELS, own_factor(1): "Late dinner"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SCORE_BLUE = (0x1F, 0x4E, 0x9C)  # the colour of the nightly line and its dots
DONE_GREEN = (0x2E, 0x7D, 0x32)


def chart_data(
    count: int, nights: list[Night], done: frozenset[date] = frozenset(), labels: Mapping[str, str] = WITH_OWN_LABELS
) -> ChartData:
    return ChartData(
        first=LAST - timedelta(days=count - 1),
        last=LAST,
        nights=nights,
        done_nights=done,
        factor_labels=labels,
        title=f"Your legs, last {count} nights",
        score_label="Symptoms (0 = none, 10 = worst)",
        done_label="Tip done",
        no_data_text="No check-ins yet",
    )


def realistic(count: int, seed: int = 7) -> ChartData:
    """Scores drifting down from 7 to 3 with noise, a few nights missed, caffeine and a late dinner sometimes."""
    rng = random.Random(seed)
    first = LAST - timedelta(days=count - 1)
    nights: list[Night] = []
    for index, night in enumerate(nights_between(first, LAST)):
        if rng.random() < 0.1:
            continue
        score = min(10, max(0, round(7 - 4 * index / (count - 1) + rng.gauss(0, 1.2))))
        factors = {key for key, chance in (("caffeine", 0.3), (own_factor(1), 0.25)) if rng.random() < chance}
        nights.append(Night(night, score, frozenset(factors)))
    done = frozenset(night for night in nights_between(first, LAST) if rng.random() < 0.7)
    return chart_data(count, nights, done)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the PNG format puts first, right after the signature."""
    assert png[:8] == PNG_SIGNATURE
    length, kind, width, height = struct.unpack(">I4sII", png[8:24])
    assert (length, kind) == (13, b"IHDR")
    return width, height


def pixels_of(png: bytes, colour: tuple[int, int, int]) -> int:
    with Image.open(io.BytesIO(png)) as image:
        counts = image.convert("RGB").getcolors(maxcolors=CHART_SIZE_PX[0] * CHART_SIZE_PX[1]) or []
    return next((count for count, pixel in counts if pixel == colour), 0)


def assert_valid_chart(png: bytes) -> None:
    assert png_size(png) == CHART_SIZE_PX
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.size == CHART_SIZE_PX
        image.load()  # decodes every row: a truncated or corrupt file raises here


@pytest.mark.parametrize("count", [30, 90])
def test_a_chart_of_realistic_data_is_a_png_of_the_fixed_size(count: int) -> None:
    png = render_progress_chart(realistic(count))
    assert_valid_chart(png)
    assert pixels_of(png, SCORE_BLUE) > 0
    assert pixels_of(png, DONE_GREEN) > 0


@pytest.mark.parametrize("count", [7, 30, 90, MAX_NIGHTS])
def test_a_chart_without_check_ins_shows_no_scores(count: int) -> None:
    png = render_progress_chart(chart_data(count, []))
    assert_valid_chart(png)
    assert pixels_of(png, SCORE_BLUE) == 0
    assert pixels_of(png, DONE_GREEN) == 0


def test_done_evenings_show_even_without_check_ins() -> None:
    png = render_progress_chart(chart_data(30, [], frozenset({LAST, LAST - timedelta(days=3)})))
    assert_valid_chart(png)
    assert pixels_of(png, SCORE_BLUE) == 0
    assert pixels_of(png, DONE_GREEN) > 0


def test_sparse_data() -> None:
    nights = [Night(LAST - timedelta(days=days), days % 11, frozenset({"caffeine"})) for days in range(0, 90, 9)]
    assert_valid_chart(render_progress_chart(chart_data(90, nights, frozenset({LAST}))))


def test_a_single_check_in() -> None:
    png = render_progress_chart(chart_data(30, [Night(LAST - timedelta(days=4), 6, frozenset({own_factor(1)}))]))
    assert_valid_chart(png)
    assert pixels_of(png, SCORE_BLUE) > 0  # a lone night has no line to it: its dot must be drawn


@pytest.mark.parametrize("labels", [BUILT_IN_LABELS, WITH_OWN_LABELS, {}], ids=["built-in", "own", "no factors"])
def test_with_and_without_own_triggers(labels: Mapping[str, str]) -> None:
    assert_valid_chart(render_progress_chart(replace(realistic(30), factor_labels=labels)))


def test_every_factor_and_long_labels_in_another_language_fit() -> None:
    labels = {key: key.replace("_", " ").capitalize() for key in ("caffeine", "alcohol", "nicotine", "stretched")}
    labels |= {own_factor(1): "Cena tarde con una copa de vino tinto", own_factor(2): "Estrés", own_factor(3): "Té"}
    data = replace(
        realistic(90),
        factor_labels=labels,
        title="Tus piernas en las últimas noventa noches, con todos los detalles que anotaste",
        score_label="Síntomas (0 = ninguno, 10 = los peores que recuerdes en mucho tiempo)",
        done_label="Consejo hecho",
        month_names=("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
    )
    assert_valid_chart(render_progress_chart(data))


def test_labels_typed_by_a_person_neither_warn_nor_fail() -> None:
    # Emoji are not in the font (they would print as boxes, with a warning each time); "$" starts maths elsewhere.
    labels = {own_factor(1): "🍷 wine", own_factor(2): "$5 coffee at $6", own_factor(3): "🙂"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_valid_chart(render_progress_chart(replace(realistic(30), factor_labels=labels)))


def test_the_same_data_gives_the_same_bytes() -> None:
    data = realistic(90)
    assert render_progress_chart(data) == render_progress_chart(realistic(90))
    assert render_progress_chart(data) != render_progress_chart(realistic(90, seed=8))


def test_charts_drawn_in_parallel_threads_are_the_same_as_one_at_a_time() -> None:
    # The bot draws charts through asyncio.to_thread, so several may be drawn at once.
    inputs = [realistic(count, seed) for count in (30, 90) for seed in range(3)]
    alone = [render_progress_chart(data) for data in inputs]
    with ThreadPoolExecutor(max_workers=len(inputs)) as pool:
        assert list(pool.map(render_progress_chart, inputs)) == alone


@pytest.mark.parametrize(
    ("first", "last"),
    [(LAST, LAST - timedelta(days=1)), (LAST - timedelta(days=MAX_NIGHTS), LAST)],
    ids=["backwards", "too long"],
)
def test_a_range_out_of_bounds_is_refused(first: date, last: date) -> None:
    with pytest.raises(ValueError, match="nights"):
        render_progress_chart(replace(chart_data(30, []), first=first, last=last))


def test_month_names_must_be_twelve() -> None:
    with pytest.raises(ValueError, match="twelve"):
        render_progress_chart(replace(chart_data(30, []), month_names=("Jan", "Feb")))


@pytest.mark.parametrize("score", [-1, 11])
def test_a_score_out_of_range_is_refused(score: int) -> None:
    with pytest.raises(ValueError, match="scores"):
        render_progress_chart(chart_data(30, [Night(LAST, score)]))
