"""Tests of ``bot.text.charts``: the /progress chart is a PNG of one fixed size, the same bytes for the same data."""

from __future__ import annotations

import io
import itertools
import random
import struct
import warnings
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from bot.core.checkins import Night, nights_between, own_factor
from bot.core.onset import Onset, Sitting
from bot.store.medicines import DOSE_CHANGED, RESTARTED, STARTED, STOPPED
from bot.text import strings
from bot.text.charts import (
    CHART_SIZE_PX,
    MAX_NIGHTS,
    ONSET_BANDS,
    SITTING_BANDS,
    ChartData,
    IronPoint,
    _apart,
    _bars,
    _marks,
    _number,
    _place_marks,
    _text_width,
    render_progress_chart,
)
from bot.text.i18n import texts

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase

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


# --- the diary's rows: when symptoms started, the weekly answers, medicine changes, iron ------------------------

ONSET_DARKEST = (0x7A, 0x26, 0x04)  # a morning onset, a sitting time under 15 minutes, the arms
IRON_RUST = (0xA3, 0x36, 0x0B)  # the iron values and the infusions' flags
MARK_SLATE = (0x37, 0x47, 0x4F)  # the flags of medicine changes
FACTOR_PURPLE = (0x7B, 0x3F, 0x98)
SCORE_BANDS = {(0xE3, 0xF3, 0xDF), (0xFC, 0xF0, 0xD4), (0xF9, 0xDF, 0xDB)}  # the pale bands behind the scores
GRID_LINES_PX = 16  # the white lines across the bands, at 0, 2, ... 10: not counted by score_panel_height
EVERY_FACTOR = {
    "caffeine": "Caffeine",
    "alcohol": "Alcohol",
    "nicotine": "Nicotine",
    "stretched": "Stretched",
    "exercised": "Exercised",
    "short_sleep": "Short or late sleep",
    "late_dinner": "Late dinner",
    own_factor(1): "Glass of red wine at dinner with friends",
    own_factor(2): "Stress",
    own_factor(3): "Long drive",
}
LONG_NAMES = (
    "Started ropinirole",
    "Ropinirole: new dose",
    "Stopped diphenhydramine (Benadryl Allergy Relief Plus, the one from the night pharmacy)",
    "Started ferrous sulfate",
    "Ropinirole: new dose",
    "Started gabapentin enacarbil",
    "Restarted 🙂 $5 vitamins",
)


def with_diary(
    data: ChartData, marks: tuple[str, ...] = ("Ropinirole: new dose", "Started ferrous sulfate")
) -> ChartData:
    """Onset drifting from the evening towards the morning, weekly answers on Sundays (the arms in the last part),
    ``marks`` spread over the range, two iron results and an infusion."""
    rng = random.Random(3)
    count = (data.last - data.first).days + 1
    onset, sitting, arms = {}, {}, {}
    for index, night in enumerate(nights_between(data.first, data.last)):
        if rng.random() < 0.2:
            continue
        onset[night] = ONSET_BANDS[min(4, max(0, round(1.5 + 2 * index / count + rng.gauss(0, 0.7))))]
        if night.weekday() == 6:
            sitting[night] = SITTING_BANDS[min(3, max(0, round(1 + 2 * index / count + rng.gauss(0, 0.5))))]
            arms[night] = index > count * 0.6
    return replace(
        data,
        onset=onset,
        sitting=sitting,
        arms=arms,
        medicine_marks=[
            (LAST - timedelta(days=(count - 1) * (n + 1) // (len(marks) + 2)), m) for n, m in enumerate(marks)
        ],
        iron=[IronPoint(LAST - timedelta(days=count * 4 // 5), 38, 16.5), IronPoint(LAST - timedelta(days=3), 95, 28)],
        infusions=[LAST - timedelta(days=count // 5)],
    )


def worst_case(count: int) -> ChartData:
    """Every factor on about a third of the nights, every diary row, and more flags than fit beside each other."""
    data = with_diary(realistic(count), marks=LONG_NAMES)
    rng = random.Random(5)
    nights = [
        replace(night, factors=frozenset(key for key in EVERY_FACTOR if rng.random() < 0.3)) for night in data.nights
    ]
    return replace(data, nights=nights, factor_labels=EVERY_FACTOR, infusions=[LAST - timedelta(days=count // 2)] * 2)


def spanish(data: ChartData) -> ChartData:
    """``data`` labelled as the Spanish bot labels it, its words taken from the catalogue."""
    t = texts("es")
    return replace(
        data,
        title=t(strings.CHART_TITLE).format(days=90),
        score_label=t(strings.CHART_SCORE_LABEL),
        done_label=t(strings.CHART_DONE_LABEL),
        month_names=t.month_names,
        onset_label=t(strings.CHART_ONSET_LABEL),
        onset_words={key: t(word) for key, word in strings.CHART_ONSET_WORDS.items()},
        sitting_label=t(strings.CHART_SITTING_LABEL),
        sitting_words={key: t(word) for key, word in strings.CHART_SITTING_WORDS.items()},
        arms_label=t(strings.CHART_ARMS_LABEL),
        ferritin_label=t(strings.CHART_FERRITIN_LABEL),
        tsat_label=t(strings.CHART_TSAT_LABEL),
        infusion_label=t(strings.CHART_INFUSION_LABEL),
        decimal_mark=",",
        medicine_marks=[
            (night, t(strings.CHART_MEDICINE_MARKS[kind]).format(name=name))
            for (night, _), (kind, name) in zip(
                data.medicine_marks, [("dose_changed", "Ropinirol"), ("started", "sulfato ferroso")], strict=True
            )
        ],
    )


def score_panel_height(png: bytes) -> int:
    """How many rows of pixels show the pale bands behind the scores: the height of the score panel."""
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
        width, height = rgb.size
        pixels = rgb.load()
        assert pixels is not None
        return sum(1 for y in range(height) if any(pixels[x, y] in SCORE_BANDS for x in range(0, width, 4)))


def test_the_chart_takes_the_keys_of_the_onset_clock_and_the_bot_has_a_word_for_each() -> None:
    assert tuple(band.value for band in sorted(Onset)) == ONSET_BANDS  # mildest first: a later key is a taller bar
    assert tuple(band.value for band in sorted(Sitting)) == SITTING_BANDS
    assert set(strings.CHART_ONSET_WORDS) == set(ONSET_BANDS[1:])  # "none" is a grey line that needs no word
    assert set(strings.CHART_SITTING_WORDS) == set(SITTING_BANDS[1:])
    assert set(strings.CHART_MEDICINE_MARKS) == {STARTED, DOSE_CHANGED, STOPPED, RESTARTED}


@pytest.mark.parametrize("count", [30, 90, MAX_NIGHTS])
def test_a_chart_with_every_diary_row_is_a_png_of_the_fixed_size(count: int) -> None:
    png = render_progress_chart(with_diary(realistic(count)))
    assert_valid_chart(png)
    for colour in (SCORE_BLUE, DONE_GREEN, ONSET_DARKEST, IRON_RUST, MARK_SLATE):
        assert pixels_of(png, colour) > 0, colour


def test_a_chart_without_a_diary_in_its_range_is_the_chart_of_before() -> None:
    # Answers, flags and results outside the range draw nothing, so the chart is the same to the byte; so are
    # arms answered "no" (only a "yes" is marked) and words for rows that are not drawn.
    plain = realistic(90)
    before, after = plain.first - timedelta(days=1), plain.last + timedelta(days=1)
    outside = replace(
        plain,
        onset={before: "morning", after: "evening"},
        sitting={before: "under15"},
        arms={before: True, plain.last: False},
        medicine_marks=[(before, "Started ropinirole"), (after, "Stopped ropinirole")],
        iron=[IronPoint(before, 45, 18), IronPoint(plain.last, None, None), IronPoint(plain.last, float("nan"), None)],
        infusions=[after],
        onset_label="Síntomas desde",
        onset_words={"bed": "al acostarse"},
        decimal_mark=",",
    )
    assert render_progress_chart(outside) == render_progress_chart(plain)


@pytest.mark.parametrize(
    ("diary", "drawn", "not_drawn"),
    [
        ({"onset": {LAST: "morning"}}, ONSET_DARKEST, IRON_RUST),
        ({"sitting": {LAST: "under15"}}, ONSET_DARKEST, MARK_SLATE),
        ({"arms": {LAST: True}}, ONSET_DARKEST, IRON_RUST),
        ({"iron": [IronPoint(LAST, 45, None)]}, IRON_RUST, ONSET_DARKEST),
        ({"iron": [IronPoint(LAST, None, 18)]}, IRON_RUST, MARK_SLATE),
        ({"infusions": [LAST - timedelta(days=5)]}, IRON_RUST, ONSET_DARKEST),
        ({"medicine_marks": [(LAST - timedelta(days=5), "Started ropinirole")]}, MARK_SLATE, ONSET_DARKEST),
    ],
    ids=["onset", "sitting", "arms", "ferritin", "tsat", "infusion", "medicine"],
)
def test_each_diary_row_is_drawn_only_with_its_data(
    diary: dict[str, object], drawn: tuple[int, int, int], not_drawn: tuple[int, int, int]
) -> None:
    plain = render_progress_chart(realistic(30))
    png = render_progress_chart(replace(realistic(30), **diary))  # type: ignore[arg-type]
    assert_valid_chart(png)
    assert png != plain
    assert pixels_of(png, drawn) > 0
    assert pixels_of(png, not_drawn) == pixels_of(plain, not_drawn) == 0


@pytest.mark.parametrize("count", [30, 90, MAX_NIGHTS])
def test_long_medicine_names_are_cut_to_fit_and_no_label_crosses_a_flag(count: int) -> None:
    # Flags close together and at both ends: each label beside its flag, inside the image, crossing no other
    # label of its level nor a flag's line that reaches it; or, when that cannot be, numbers.
    data = realistic(count)
    nights = [data.first, data.first + timedelta(days=1), LAST - timedelta(days=count // 2), LAST]
    for names in (LONG_NAMES[:2], LONG_NAMES[2:4], LONG_NAMES[:4], LONG_NAMES):
        marks = [
            (nights[index % len(nights)] + timedelta(days=index // len(nights)), name)
            for index, name in enumerate(names)
        ]
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an emoji would warn of a missing glyph, a "$" start maths
            assert_valid_chart(render_progress_chart(replace(data, medicine_marks=marks)))
        placed = _place_marks(
            _renderer(),
            _marks(replace(data, medicine_marks=marks)),
            data.first,
            200,
            700 / count,
            (700, CHART_SIZE_PX[0]),
        )
        if placed.labelled:
            labels = []
            for text, anchor, align, level, line in zip(
                placed.texts, placed.anchors_px, placed.aligns, placed.levels, placed.lines_px, strict=True
            ):
                width = _text_width(_renderer(), text, 32)
                start = anchor if align == "left" else anchor - width
                assert start >= 0 and start + width <= CHART_SIZE_PX[0]
                labels.append((level, start, start + width, line))
            assert all(_apart(one, other) for one in labels for other in labels if one is not other)
        else:
            assert len(set(placed.texts)) <= len(set(names))


def test_flags_of_the_same_label_share_a_number() -> None:
    data = realistic(90)
    marks = [(LAST - timedelta(days=days), name) for days, name in zip(range(80, 0, -10), LONG_NAMES, strict=False)]
    placed = _place_marks(
        _renderer(), _marks(replace(data, medicine_marks=marks)), data.first, 200, 7, (630, CHART_SIZE_PX[0])
    )
    assert not placed.labelled
    numbers = dict(zip(placed.texts, (mark.text for mark in placed.marks), strict=False))
    assert len(numbers) == len(set(numbers.values()))  # one number for each label, one label for each number
    assert placed.texts.count(placed.texts[1]) == 2  # "Ropinirole: new dose", twice
    assert len(placed.anchors_px) == len(placed.marks)
    assert all(b - a >= 46 - 1e-9 for a, b in itertools.pairwise(placed.anchors_px))  # the badges do not overlap


def test_the_diary_rows_in_spanish() -> None:
    english = with_diary(realistic(90))
    png = render_progress_chart(spanish(english))
    assert_valid_chart(png)
    assert png != render_progress_chart(english)
    assert pixels_of(png, ONSET_DARKEST) > 0


@pytest.mark.parametrize("count", [90, MAX_NIGHTS])
def test_with_every_row_and_every_factor_the_scores_keep_their_room(count: int) -> None:
    png = render_progress_chart(worst_case(count))
    assert_valid_chart(png)
    assert score_panel_height(png) >= 240 - GRID_LINES_PX  # _SCORES_FLOOR_PX
    for colour in (SCORE_BLUE, FACTOR_PURPLE, DONE_GREEN, ONSET_DARKEST, IRON_RUST, MARK_SLATE):
        assert pixels_of(png, colour) > 0, colour


def test_a_typical_diary_leaves_the_scores_most_of_their_room() -> None:
    plain, diary = realistic(90), with_diary(realistic(90))
    assert score_panel_height(render_progress_chart(diary)) >= 330 - GRID_LINES_PX  # _SCORES_MIN_PX
    assert score_panel_height(render_progress_chart(plain)) > score_panel_height(render_progress_chart(diary))


def test_a_chart_with_a_diary_is_the_same_bytes_every_time_and_in_every_thread() -> None:
    inputs = [with_diary(realistic(count)) for count in (30, 90, MAX_NIGHTS)] + [worst_case(90)]
    alone = [render_progress_chart(data) for data in inputs]
    assert alone == [render_progress_chart(data) for data in inputs]
    with ThreadPoolExecutor(max_workers=len(inputs)) as pool:
        assert list(pool.map(render_progress_chart, inputs)) == alone


def test_a_long_range_draws_one_onset_bar_a_week() -> None:
    # A year of nightly bars a pixel or two wide would read as noise; the weekly answers stay one a week.
    year, month = with_diary(realistic(MAX_NIGHTS)), with_diary(realistic(30))
    weekly = _bars(year, 700 / MAX_NIGHTS)
    assert len(weekly["onset"].xs) <= MAX_NIGHTS // 7 + 1
    assert len(weekly["sitting"].xs) == len(year.sitting)
    assert len(_bars(month, 700 / 30)["onset"].xs) == len(month.onset)


@pytest.mark.parametrize(
    ("value", "mark", "text"),
    [
        (45.0, ".", "45"),
        (16.5, ",", "16,5"),
        (7.5, ".", "7.5"),
        (18.0, ",", "18"),
        (250.4, ".", "250"),
        (23.4, ".", "23.4"),
    ],
)
def test_iron_values_are_written_as_on_the_report(value: float, mark: str, text: str) -> None:
    assert _number(value, mark) == text


@pytest.mark.parametrize(
    "diary",
    [{"onset": {LAST: "noon"}}, {"sitting": {LAST: "over90"}}, {"onset": {LAST: "bed"}, "onset_words": {"bed": "x"}}],
    ids=["onset band", "sitting band", "missing word"],
)
def test_an_unknown_answer_or_a_missing_word_is_refused(diary: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"onset|sitting"):
        render_progress_chart(replace(chart_data(30, []), **diary))  # type: ignore[arg-type]


def _renderer() -> RendererBase:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    renderer: RendererBase = FigureCanvasAgg(Figure(figsize=(10.24, 12.8), dpi=100)).get_renderer()  # type: ignore[no-untyped-call]
    return renderer
