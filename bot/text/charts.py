"""The /progress chart: nightly scores, the factors of each day and the evenings a tip was followed, as a PNG;
with a diary, also when symptoms started, the weekly answers, medicine changes and iron results.

It is read on a phone, often by older people, so it is drawn at one fixed portrait size with big type, thick
lines and few date labels. Every visible word arrives in ``ChartData``: the bot will speak more than English.
Matplotlib is used through its object API on the Agg canvas, never through pyplot: pyplot keeps global state,
and the bot draws charts in worker threads (``asyncio.to_thread``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import ceil, isfinite
from typing import TYPE_CHECKING

from bot.core.checkins import SCORE_MAX, SCORE_MIN, Night, by_night
from bot.text.fonts import drawable, font_file

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.markers import MarkerStyle

# Portrait 4:5 fills the width of a phone's chat without scrolling and leaves room for ten factor rows under the
# scores. 1280 px is the long side Telegram has long kept photos at without shrinking them, and a phone screen is
# about 1080-1290 physical pixels wide, so a bigger image would only cost drawing time and bytes.
CHART_SIZE_PX: tuple[int, int] = (1024, 1280)
MAX_NIGHTS = 366  # a year and a day: bounds the drawing time whatever range a caller asks for
ENGLISH_MONTHS: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The answers of the symptom-onset clock, mildest first: the keys of bot.core.onset's Onset and Sitting (plain
# strings here, so the chart needs nothing of that module but its keys). A later key draws a taller, darker bar.
ONSET_BANDS: tuple[str, ...] = ("none", "bed", "evening", "afternoon", "morning")
SITTING_BANDS: tuple[str, ...] = ("none", "over60", "15to60", "under15")
# The words of the legend, for every band but "none" (a thin grey line at the foot of the row, needing none).
ENGLISH_ONSET_WORDS: Mapping[str, str] = {
    "bed": "bedtime",
    "evening": "evening",
    "afternoon": "afternoon",
    "morning": "morning",
}
ENGLISH_SITTING_WORDS: Mapping[str, str] = {
    "over60": "over 1 hour",
    "15to60": "15–60 min",
    "under15": "under 15 min",
}


@dataclass(frozen=True)
class IronPoint:
    """One iron blood test as the chart shows it: its values at its date."""

    drawn_on: date
    ferritin: float | None  # ng/mL
    tsat: float | None  # transferrin saturation, %


@dataclass(frozen=True)
class ChartData:
    """Everything the chart shows, visible words included, so that the chart itself knows no language."""

    first: date  # the first night shown
    last: date  # the last night shown, inclusive
    nights: Sequence[Night]  # check-ins; those outside first..last are ignored, missing nights leave gaps
    done_nights: frozenset[date]  # nights whose evening reminder was marked Done
    factor_labels: Mapping[str, str]  # factor key -> short label, in display order; only these rows are drawn
    title: str
    score_label: str  # what the score means, shown under the title
    done_label: str  # the label of the row of ticks for the evenings a tip was followed
    no_data_text: str  # shown across the score panel when the range has no check-ins
    month_names: Sequence[str] = ENGLISH_MONTHS  # twelve short month names for the date labels ("20 Nov")
    # The diary's rows. Each is drawn only when the range holds some of its data, so a chart without a diary is
    # the same as before; answers, marks and results outside first..last are ignored.
    onset: Mapping[date, str] = field(default_factory=dict)  # night -> an ONSET_BANDS key
    sitting: Mapping[date, str] = field(default_factory=dict)  # night of a weekly answer -> a SITTING_BANDS key
    arms: Mapping[date, bool] = field(default_factory=dict)  # night of a weekly answer -> symptoms in the arms too
    medicine_marks: Sequence[tuple[date, str]] = ()  # (date, "Started ropinirole"): a flag across the scores
    iron: Sequence[IronPoint] = ()
    infusions: Sequence[date] = ()  # iron infusions: flags like the medicine changes, in the colour of iron
    onset_label: str = "Symptoms from"
    onset_words: Mapping[str, str] = field(default_factory=lambda: dict(ENGLISH_ONSET_WORDS))  # the legend's words
    sitting_label: str = "Sitting still"
    sitting_words: Mapping[str, str] = field(default_factory=lambda: dict(ENGLISH_SITTING_WORDS))
    arms_label: str = "Arms or body"
    ferritin_label: str = "Ferritin ng/mL"
    tsat_label: str = "TSAT %"
    infusion_label: str = "Iron infusion"
    decimal_mark: str = "."  # of the iron values: "7.5" / "7,5"


# --- look -------------------------------------------------------------------------------------------------------
# Sizes are in pixels of the final image (at _DPI one point is _DPI / 72 pixels). The image is shown about 350 pt
# wide in a phone's chat, so 34 px type reads at about 12 pt there: the smallest this chart uses, but for the
# diary's legend and flags (32 px) and, when every row is there, the rows' labels (down to _ROW_LABEL_FLOOR_PX).
_DPI = 100
_TITLE_PX = 56  # capitals about 41 px tall
_SUBTITLE_PX = 36
_LABEL_PX = 34  # axis numbers, dates and row labels
_NO_DATA_PX = 42
_MARGIN_PX = 40
_ROW_PX = (44, 62)  # the height of one factor row: as much as there is room for in this range
_STRIP_SHARE = 0.45  # of the height under the header, at most, so that the scores keep the larger part
_ROW_LABEL_MAX_PX = 300  # longer row labels are cut short with an ellipsis, so the panels keep most of the width
_PANEL_GAP_PX = 28
_DATES_PX = 72  # under the factor rows, for the date labels
_DATE_GAP_PX = 24  # the least space between two date labels

_INK = "#1b1b1b"
_SOFT_INK = "#4a4a4a"
_SCORE_COLOUR = "#1f4e9c"
_AVERAGE_COLOUR = "#222222"
_FACTOR_COLOUR = "#7b3f98"
_DONE_COLOUR = "#2e7d32"
_GRID_COLOUR = "#c9c9c9"
_ZEBRA_COLOUR = "#f1f1f1"
# Score 0-3 green, 4-6 amber, 7-10 red; pale, so that the dots and the lines stay the strongest thing on the panel.
_BANDS = ((SCORE_MIN - 0.5, 3.5, "#e3f3df"), (3.5, 6.5, "#fcf0d4"), (6.5, SCORE_MAX + 0.5, "#f9dfdb"))

# The diary's rows and flags.
_ONSET_COLOURS = ("#f5c48f", "#e58c3a", "#c0531a", "#7a2604")  # bed .. morning: darker is earlier
_SITTING_COLOURS = ("#f5c48f", "#d4702a", "#7a2604")  # over an hour .. under 15 minutes: darker is sooner
_NO_SYMPTOMS_COLOUR = "#9a9a9a"  # a thin line at the foot of the row: answered, without symptoms
_MARK_COLOUR = "#37474f"  # a medicine changed
_IRON_COLOUR = "#a3360b"  # an iron result, an infusion
_ONSET_WEIGHT = 1.5  # the onset row is this many rows tall: four heights of bar must be told apart
_SITTING_WEIGHT = 1.25
_BAR_PAD = 0.1  # of a row's height, above and below its tallest bar
_NO_SYMPTOMS_PX = 4
_WEEKLY_BAR_PX = 16  # the least width of a weekly answer's bar or dot: one a week would hardly show otherwise
_ROW_FLOOR_PX = 30  # rows shrink to this when everything is there, so that the scores keep _SCORES_MIN_PX
_ROW_LABEL_FLOOR_PX = 26  # and their labels to this
_SCORES_MIN_PX = 330
# With every row, many flags and a long legend even that is too much: then the scores keep this, and the rows
# shrink further.
_SCORES_FLOOR_PX = 240
_ROW_LEAST_PX = 24
_MARK_BAND_PX = 56  # above the scores, for the flags' labels or numbers
_MARK_LEVELS = 3  # labels that do not fit side by side go on a level above
_MOST_LABELLED_MARKS = 5  # more flags than this are numbered, with their labels in the legend
_MARK_LEVEL_PX = 40
_MARK_PX = 32  # the flags' labels
_MARK_GAP_PX = 20  # the least space between two flags' labels, or a label and another flag
_BADGE_PX = 46  # the distance between the centres of two numbered flags
_MOST_MARKS = 12  # numbered flags, the latest kept: their badges must fit side by side
_MOST_MARK_LABELS = 6  # numbers (one for each label), the latest kept: three lines of legend at most
_LEGEND_PX = 32
_LEGEND_LINE_PX = 40
_LEGEND_GAP_PX = 30  # between two entries of a line
_SWATCH_PX = (22, 30)  # a legend's bar at full height

_AVERAGE_NIGHTS = 7
_AVERAGE_MIN_CHECKINS = 4  # an average of fewer check-ins in a week jumps about more than it tells
_MOST_DATE_LABELS = 6
_DOTS_MIN_COLUMN_PX = 6.0  # narrower nights (more than about 110 on the chart) get a dot only when alone


def render_progress_chart(data: ChartData, size_px: tuple[int, int] = CHART_SIZE_PX) -> bytes:
    """The chart as PNG bytes of exactly ``size_px`` (a phone's screen unless told: /report's is wide and low);
    the same data always gives the same bytes."""
    # Imported here, not at the top: matplotlib and numpy take a good part of a second to import, which every
    # start of the bot (and every test run) would pay although most never draw a chart.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    count = (data.last - data.first).days + 1
    _check(data, count)

    width_px, height_px = size_px
    figure = Figure(figsize=(width_px / _DPI, height_px / _DPI), dpi=_DPI, facecolor="white")
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]  # backend_agg is untyped

    # Left: room for the row labels (or the score numbers); right: for half the last date label, which is
    # centred on the last night at the right edge of the panels.
    rows = _rows(data)
    labels = [_fit_width(renderer, drawable(row.label), _LABEL_PX, _ROW_LABEL_MAX_PX) for row in rows]
    left_px = _MARGIN_PX + max(_text_width(renderer, text, _LABEL_PX) for text in [*labels, str(SCORE_MAX)]) + 16
    last_label = _date_label(data.last, data.month_names)
    plot_width_px = width_px - left_px - max(_MARGIN_PX, _text_width(renderer, last_label, _LABEL_PX) / 2 + 12)
    column_px = plot_width_px / count

    score_top_px = _draw_header(figure, renderer, data)
    marks = _place_marks(renderer, _marks(data), data.first, left_px, column_px, (plot_width_px, width_px))
    bars = _bars(data, column_px)
    legend = _place_legend(renderer, _legend_groups(data, rows, bars, marks), width_px)
    band_px = marks.band_px
    legend_px = len(legend) * _LEGEND_LINE_PX + (8 if legend else 0)
    dates_px = _DATES_PX + legend_px
    # Rows get their share of the height, within _ROW_PX; when there are many, they shrink (to _ROW_FLOOR_PX)
    # before the scores go below _SCORES_MIN_PX.
    lowest, highest = _ROW_PX
    room_px = score_top_px - band_px - dates_px - _PANEL_GAP_PX
    weight = sum(row.weight for row in rows)
    row_px = min(highest, max(lowest, room_px * _STRIP_SHARE / weight))
    if room_px - row_px * weight < _SCORES_MIN_PX:
        row_px = max(_ROW_FLOOR_PX, (room_px - _SCORES_MIN_PX) / weight)
    if room_px - row_px * weight < _SCORES_FLOOR_PX:
        row_px = max(_ROW_LEAST_PX, (room_px - _SCORES_FLOOR_PX) / weight)
    label_px = _LABEL_PX if row_px >= lowest else max(_ROW_LABEL_FLOOR_PX, _LABEL_PX * row_px / lowest)
    if label_px != _LABEL_PX:
        labels = [_fit_width(renderer, drawable(row.label), label_px, _ROW_LABEL_MAX_PX) for row in rows]
    strip_height_px = row_px * weight
    score_bottom_px = dates_px + strip_height_px + _PANEL_GAP_PX
    scores_height_px = score_top_px - band_px - score_bottom_px
    scores = figure.add_axes(_box(figure, left_px, score_bottom_px, plot_width_px, scores_height_px))
    strip = figure.add_axes(_box(figure, left_px, dates_px, plot_width_px, strip_height_px), sharex=scores)

    checkins = {night: checkin for night, checkin in by_night(data.nights).items() if data.first <= night <= data.last}
    if checkins:
        _draw_scores(scores, data, count, checkins, column_px)
    else:
        no_data = _wrap(renderer, drawable(data.no_data_text), _NO_DATA_PX, plot_width_px - 120, max_lines=4)
        _draw_no_data(scores, no_data)
    _style_scores(scores)
    layout = _StripLayout(rows, labels, left_px, column_px, row_px, label_px)
    _draw_strip(strip, data, checkins, layout)
    _draw_diary_rows(strip, renderer, data, layout, bars)
    _draw_dates(scores, strip, renderer, data, count, column_px)
    if marks.marks:
        _draw_marks(figure, scores, marks, score_top_px - band_px)
    _draw_legend(figure, legend, legend_px)

    buffer = io.BytesIO()
    # No "Software" entry (it names the matplotlib version) and no time stamp: the same data, the same bytes.
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _check(data: ChartData, count: int) -> None:
    if not 1 <= count <= MAX_NIGHTS:
        raise ValueError(f"the chart shows 1 to {MAX_NIGHTS} nights, not {count} ({data.first} to {data.last})")
    if len(data.month_names) != 12:
        raise ValueError(f"month_names needs twelve names, not {len(data.month_names)}")
    if any(not SCORE_MIN <= night.score <= SCORE_MAX for night in data.nights):
        raise ValueError(f"scores go from {SCORE_MIN} to {SCORE_MAX}")
    for answers, bands, words, name in (
        (data.onset, ONSET_BANDS, data.onset_words, "onset"),
        (data.sitting, SITTING_BANDS, data.sitting_words, "sitting"),
    ):
        if not set(answers.values()) <= set(bands):
            raise ValueError(f"{name} answers are among {', '.join(bands)}, not {sorted(set(answers.values()))}")
        drawn = any(data.first <= night <= data.last for night in answers)
        if drawn and not set(bands[1:]) <= set(words):
            raise ValueError(f"{name}_words needs a word for each of {', '.join(bands[1:])}")


def _draw_header(figure: Figure, renderer: RendererBase, data: ChartData) -> float:
    """Draw the title and the score label, each on up to two lines; return where the score panel may start."""
    width_px, height_px = _size_px(figure)
    room_px = width_px - 2 * _MARGIN_PX
    top_px = height_px - _MARGIN_PX + 8  # the top of a line of type is mostly empty space
    for text, size_px, bold, colour in (
        (data.title, _TITLE_PX, True, _INK),
        (data.score_label, _SUBTITLE_PX, False, _SOFT_INK),
    ):
        drawn = figure.text(
            _MARGIN_PX / width_px,
            top_px / height_px,
            _wrap(renderer, drawable(text), size_px, room_px, max_lines=2, bold=bold),
            ha="left",
            va="top",
            linespacing=1.15,
            fontproperties=_font(size_px, bold=bold),
            color=colour,
            parse_math=False,
        )
        top_px = drawn.get_window_extent(renderer).y0 - 14
    return top_px - 22


def _style_scores(scores: Axes) -> None:
    for low, high, colour in _BANDS:
        scores.axhspan(low, high, color=colour, linewidth=0, zorder=0)
    scores.set_ylim(SCORE_MIN - 0.5, SCORE_MAX + 0.5)
    levels = range(SCORE_MIN, SCORE_MAX + 1, 2)
    scores.set_yticks(levels, [str(level) for level in levels], fontproperties=_font(_LABEL_PX), color=_INK)
    scores.tick_params(axis="y", length=0, pad=10)
    scores.tick_params(axis="x", labelbottom=False, length=0)
    scores.grid(axis="y", color="white", linewidth=_pt(2), zorder=1)
    _plain_frame(scores)


def _draw_no_data(scores: Axes, text: str) -> None:
    scores.text(
        0.5,
        0.5,
        text,
        transform=scores.transAxes,
        ha="center",
        va="center",
        multialignment="center",
        linespacing=1.3,
        fontproperties=_font(_NO_DATA_PX),
        color=_INK,
        parse_math=False,
        zorder=5,
        bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": _GRID_COLOUR, "linewidth": _pt(2)},
    )


def _draw_scores(scores: Axes, data: ChartData, count: int, checkins: dict[date, Night], column_px: float) -> None:
    import numpy as np
    from matplotlib.patheffects import withStroke

    # NaN for a night without a check-in breaks the line there, so it never suggests a score nobody gave.
    values = np.full(count, np.nan)
    for night, checkin in checkins.items():
        values[(night - data.first).days] = checkin.score
    given = ~np.isnan(values)
    x = np.arange(count)
    scores.plot(
        x, values, color=_SCORE_COLOUR, linewidth=_pt(5 if column_px >= 20 else 4), solid_capstyle="round", zorder=3
    )
    # On a crowded chart the dots would merge into a blur: keep only those of nights without a neighbour, which
    # no line reaches and which would otherwise not show at all.
    dotted = given
    if column_px < _DOTS_MIN_COLUMN_PX:
        around = np.pad(given, 1)
        dotted = given & ~around[:-2] & ~around[2:]
    scores.plot(
        x[dotted],
        values[dotted],
        linestyle="none",
        marker="o",
        markersize=_pt(min(20.0, max(9.0, column_px * 0.8))),
        markerfacecolor=_SCORE_COLOUR,
        markeredgecolor="white",
        markeredgewidth=_pt(2),
        clip_on=False,  # a dot on the first or the last night may be wider than its half column
        zorder=4,
    )

    # The average of the check-ins in the seven nights up to each night, drawn only where there are enough.
    window = np.ones(_AVERAGE_NIGHTS)
    sums = np.convolve(np.where(given, values, 0.0), window)[:count]
    counts = np.convolve(given.astype(float), window)[:count]
    enough = counts >= _AVERAGE_MIN_CHECKINS
    if enough.any():
        average = np.divide(sums, counts, out=np.full(count, np.nan), where=enough)
        scores.plot(
            x,
            average,
            color=_AVERAGE_COLOUR,
            linewidth=_pt(5),
            linestyle=(0, (3, 2)),
            dash_capstyle="round",
            # Over the nightly line with a white edge: the trend is the answer to "am I getting better?"
            path_effects=[withStroke(linewidth=_pt(9), foreground="white")],
            zorder=5,
        )


@dataclass(frozen=True)
class _Row:
    """One row under the scores: what it shows, its label, and its height in rows."""

    kind: str  # onset | sitting | arms | factor | done | ferritin | tsat
    label: str
    weight: float = 1.0
    key: str = ""  # a factor row's factor


def _rows(data: ChartData) -> list[_Row]:
    """The rows to draw, top to bottom: the symptoms' rows, the factors, the tips, then iron; each only with data."""

    def shown(nights: Iterable[date]) -> bool:
        return any(data.first <= night <= data.last for night in nights)

    rows: list[_Row] = []
    if shown(data.onset):
        rows.append(_Row("onset", data.onset_label, _ONSET_WEIGHT))
    if shown(data.sitting):
        rows.append(_Row("sitting", data.sitting_label, _SITTING_WEIGHT))
    if shown(night for night, arms in data.arms.items() if arms):
        rows.append(_Row("arms", data.arms_label))
    rows += [_Row("factor", label, key=key) for key, label in data.factor_labels.items()]
    rows.append(_Row("done", data.done_label))
    if shown(point.drawn_on for point in data.iron if _finite(point.ferritin)):
        rows.append(_Row("ferritin", data.ferritin_label))
    if shown(point.drawn_on for point in data.iron if _finite(point.tsat)):
        rows.append(_Row("tsat", data.tsat_label))
    return rows


@dataclass(frozen=True)
class _StripLayout:
    """Where the rows are: their labels as drawn, the width of a night, the height of a row in pixels."""

    rows: list[_Row]
    labels: list[str]
    left_px: float
    column_px: float
    row_px: float
    label_px: float

    @property
    def tops(self) -> list[float]:
        """The top of each row in the strip's units (one per row of weight 1): row n of weight 1 is centred at n."""
        tops = [-0.5]
        for row in self.rows:
            tops.append(tops[-1] + row.weight)
        return tops[:-1]

    def place(self, kind: str) -> tuple[float, float] | None:
        """The top and the height of the row of ``kind``, if there is one."""
        return next(
            ((top, row.weight) for top, row in zip(self.tops, self.rows, strict=True) if row.kind == kind), None
        )


def _draw_strip(strip: Axes, data: ChartData, checkins: dict[date, Night], layout: _StripLayout) -> None:
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import blended_transform_factory

    rows = layout.rows
    strip.set_ylim(sum(row.weight for row in rows) - 0.5, -0.5)  # the first row on top
    strip.set_yticks([])
    strip.tick_params(axis="x", length=0)
    _plain_frame(strip)

    # Every other row is shaded right across the image, under its label too, so that the eye can follow a row.
    width_px, _ = _size_px(_root(strip))
    across = blended_transform_factory(strip.figure.transFigure, strip.transData)
    centres: dict[str, float] = {}
    for index, (top, row, label) in enumerate(zip(layout.tops, rows, layout.labels, strict=True)):
        if index % 2 == 0:
            shade = Rectangle((_MARGIN_PX / 2 / width_px, top), 1 - _MARGIN_PX / width_px, row.weight, transform=across)
            shade.set(facecolor=_ZEBRA_COLOUR, linewidth=0, clip_on=False, zorder=0)
            strip.add_patch(shade)
        centres[row.key or row.kind] = top + row.weight / 2
        strip.text(
            (layout.left_px - 16) / width_px,
            top + row.weight / 2,
            label,
            transform=across,
            ha="right",
            va="center",
            fontproperties=_font(layout.label_px),
            color=_INK,
            parse_math=False,
        )

    column_px = layout.column_px
    for key in data.factor_labels:
        present = sorted((night - data.first).days for night, checkin in checkins.items() if key in checkin.factors)
        strip.plot(
            present,
            [centres[key]] * len(present),
            linestyle="none",
            marker="o",
            markersize=_pt(min(26.0, 0.8 * layout.row_px, max(7.0, column_px * 0.8))),
            markerfacecolor=_FACTOR_COLOUR,
            markeredgewidth=0,
            clip_on=False,
            zorder=3,
        )
    done = sorted((night - data.first).days for night in data.done_nights if data.first <= night <= data.last)
    tick_px = min(30.0, 0.85 * layout.row_px, max(11.0, column_px * 0.85))
    strip.plot(
        done,
        [centres["done"]] * len(done),
        linestyle="none",
        marker=_check_mark(),
        markersize=_pt(tick_px),
        markerfacecolor="none",
        markeredgecolor=_DONE_COLOUR,
        markeredgewidth=_pt(max(2.5, tick_px / 7)),
        clip_on=False,
        zorder=3,
    )


@dataclass(frozen=True)
class _Bars:
    """The bars of the onset or the sitting-still row: where each stands (in nights from the first) and its band."""

    bands: Sequence[str]
    colours: Sequence[str]
    xs: list[float]
    ranks: list[int]  # 0 for no symptoms, larger for an earlier start or a shorter time sitting still
    width_px: float


def _bars(data: ChartData, column_px: float) -> dict[str, _Bars]:
    """The bars of the symptoms' rows: a bar a night, or on a long range one a week (a week's typical answer),
    since a year of nightly bars a pixel or two wide reads as noise; the weekly answers stay one a week."""
    narrow = column_px < _DOTS_MIN_COLUMN_PX
    # A night's bar fills most of its column, or all of it when the columns are narrow (a gap would be a blur).
    nightly_px = min(36.0, column_px if narrow else column_px * 0.8)
    weekly_px = max(nightly_px, min(_WEEKLY_BAR_PX, 6 * column_px))

    def ranks_of(answers: Mapping[date, str], bands: Sequence[str]) -> dict[int, int]:
        return {
            (night - data.first).days: bands.index(key)
            for night, key in answers.items()
            if data.first <= night <= data.last
        }

    onset = ranks_of(data.onset, ONSET_BANDS)
    onset_px = nightly_px
    if narrow:
        # Weeks counted back from the last night, as the date labels are; a week's bar is its median answer, the
        # earlier of the middle two (the week's typical start, as bot.core.onset reads a baseline).
        weeks: dict[int, list[int]] = {}
        last = (data.last - data.first).days
        for x, rank in onset.items():
            weeks.setdefault((last - x) // 7, []).append(rank)
        onset = {last - 7 * week - 3: sorted(ranks)[len(ranks) // 2] for week, ranks in weeks.items()}
        onset_px = 7 * column_px * 0.8
    sitting = ranks_of(data.sitting, SITTING_BANDS)
    return {
        "onset": _Bars(ONSET_BANDS, _ONSET_COLOURS, *_columns(onset), onset_px),
        "sitting": _Bars(SITTING_BANDS, _SITTING_COLOURS, *_columns(sitting), weekly_px),
    }


def _columns(ranks: Mapping[int, int]) -> tuple[list[float], list[int]]:
    ordered = sorted(ranks.items())
    return [float(x) for x, _ in ordered], [rank for _, rank in ordered]


def _draw_diary_rows(
    strip: Axes, renderer: RendererBase, data: ChartData, layout: _StripLayout, bars: Mapping[str, _Bars]
) -> None:
    """The onset bars, the weekly answers and the iron values, in the rows ``_rows`` made for them."""
    for kind, row_bars in bars.items():
        place = layout.place(kind)
        if place is not None:
            _draw_bars(strip, row_bars, place, layout)
    place = layout.place("arms")
    if place is not None:
        top, weight = place
        arms = sorted((night - data.first).days for night, yes in data.arms.items() if yes)
        strip.plot(
            arms,
            [top + weight / 2] * len(arms),
            linestyle="none",
            marker="o",
            markersize=_pt(min(26.0, 0.8 * layout.row_px, max(bars["sitting"].width_px, layout.column_px * 0.8))),
            markerfacecolor=_ONSET_COLOURS[-1],
            markeredgewidth=0,
            clip_on=False,
            zorder=3,
        )
    for kind in ("ferritin", "tsat"):
        place = layout.place(kind)
        if place is not None:
            values = [(point.drawn_on, getattr(point, kind)) for point in data.iron]
            _draw_values(strip, renderer, data, layout, place[0] + place[1] / 2, values)


def _draw_bars(strip: Axes, bars: _Bars, place: tuple[float, float], layout: _StripLayout) -> None:
    """A bar for each answer, taller and darker for a later band; a thin grey line for "no symptoms"."""
    from matplotlib.collections import PolyCollection

    top, weight = place
    foot = top + weight * (1 - _BAR_PAD)  # the strip's y grows downwards
    tallest = weight * (1 - 2 * _BAR_PAD)
    half = bars.width_px / layout.column_px / 2
    shapes, fills = [], []
    for x, rank in zip(bars.xs, bars.ranks, strict=True):
        height = tallest * rank / (len(bars.bands) - 1) if rank else _NO_SYMPTOMS_PX / layout.row_px
        shapes.append([(x - half, foot), (x + half, foot), (x + half, foot - height), (x - half, foot - height)])
        fills.append(bars.colours[rank - 1] if rank else _NO_SYMPTOMS_COLOUR)
    strip.add_collection(PolyCollection(shapes, facecolors=fills, linewidths=0, zorder=3), autolim=False)


def _draw_values(
    strip: Axes,
    renderer: RendererBase,
    data: ChartData,
    layout: _StripLayout,
    centre: float,
    values: Sequence[tuple[date, float | None]],
) -> None:
    """Numbers at their dates, the latest first; one that would overlap a later one is left out."""
    count = (data.last - data.first).days + 1
    lowest_px = layout.left_px
    highest_px = min(_size_px(_root(strip))[0] - _MARGIN_PX / 2, layout.left_px + count * layout.column_px + _MARGIN_PX)
    free_until_px = highest_px + _MARK_GAP_PX
    shown = sorted(
        ((night, value) for night, value in values if data.first <= night <= data.last and _finite(value)),
        reverse=True,
    )
    for night, value in shown:
        assert value is not None  # _finite
        text = _number(value, data.decimal_mark)
        width_px = _text_width(renderer, text, layout.label_px, bold=True)
        night_px = layout.left_px + ((night - data.first).days + 0.5) * layout.column_px
        middle_px = min(max(night_px, lowest_px + width_px / 2), highest_px - width_px / 2)
        if middle_px + width_px / 2 + _MARK_GAP_PX > free_until_px:
            continue
        free_until_px = middle_px - width_px / 2
        strip.text(
            (middle_px - layout.left_px) / layout.column_px - 0.5,
            centre,
            text,
            ha="center",
            va="center",
            fontproperties=_font(layout.label_px, bold=True),
            color=_IRON_COLOUR,
            parse_math=False,
            clip_on=False,
            zorder=3,
        )


def _finite(value: float | None) -> bool:
    return value is not None and isfinite(value)


def _number(value: float, decimal_mark: str) -> str:
    """A lab value as people read it off the report: with one decimal if it has one, whole from 100 up (narrow)."""
    text = f"{value:.0f}" if value >= 100 or value == round(value) else f"{value:.1f}"
    return text.replace(".", decimal_mark)


# --- flags: medicine changes and iron infusions -----------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """One flag: every change of one day, in one label."""

    night: date
    text: str
    colour: str


@dataclass(frozen=True)
class _Marks:
    """The flags and where their labels go: beside each flag when they all fit, else numbers and a legend."""

    marks: list[_Mark]
    lines_px: list[float]  # each flag's x
    labelled: bool  # True: texts beside the flags; False: numbered badges, the texts in the legend
    texts: list[str]  # the labels as drawn, or the badges' numbers
    anchors_px: list[float]  # where each label starts (or ends), or each badge's centre
    aligns: list[str]  # each label's side of its anchor: "left" or "right"
    levels: list[int]  # each label's level: 0 just above the scores, 1 above that

    @property
    def band_px(self) -> float:
        """The height above the scores for the labels or numbers."""
        return 0 if not self.marks else _MARK_BAND_PX + _MARK_LEVEL_PX * max(self.levels)


def _marks(data: ChartData) -> list[_Mark]:
    changes: dict[date, list[tuple[str, bool]]] = {}
    for night, label in data.medicine_marks:
        if data.first <= night <= data.last:
            changes.setdefault(night, []).append((drawable(label), False))
    for night in data.infusions:
        if data.first <= night <= data.last:
            changes.setdefault(night, []).append((drawable(data.infusion_label), True))
    marks = []
    for night in sorted(changes):
        texts = dict.fromkeys(text for text, _ in changes[night] if text)  # two infusions in a day: one label
        iron = all(infusion for _, infusion in changes[night])
        marks.append(_Mark(night, " · ".join(texts), _IRON_COLOUR if iron else _MARK_COLOUR))
    return marks


def _place_marks(
    renderer: RendererBase,
    marks: list[_Mark],
    first: date,
    left_px: float,
    column_px: float,
    widths_px: tuple[float, float],
) -> _Marks:
    """The flags' places; ``widths_px`` are the score panel's and the figure's."""
    plot_width_px, width_px = widths_px
    lines_px = [left_px + ((mark.night - first).days + 0.5) * column_px for mark in marks]
    beside = _labels_beside(renderer, marks, lines_px, plot_width_px, width_px)
    if beside is not None:
        texts, anchors_px, aligns, levels = beside
        return _Marks(marks, lines_px, True, texts, anchors_px, aligns, levels)
    # Numbers: one for each label, so that flags of the same label ("Ropinirole: new dose") share one and the
    # legend says it once; the latest labels and flags are kept. Each badge as near its flag as the others allow.
    latest = list(dict.fromkeys(mark.text for mark in reversed(marks)))[:_MOST_MARK_LABELS]
    kept = [(mark, line_px) for mark, line_px in zip(marks, lines_px, strict=True) if mark.text in latest]
    marks, lines_px = [mark for mark, _ in kept[-_MOST_MARKS:]], [line_px for _, line_px in kept[-_MOST_MARKS:]]
    lowest, highest = _MARGIN_PX + _BADGE_PX / 2, width_px - _MARGIN_PX / 2 - _BADGE_PX / 2
    centres: list[float] = []
    for line_px in lines_px:
        centres.append(max(line_px, lowest, centres[-1] + _BADGE_PX if centres else lowest))
    for index in range(len(centres) - 1, -1, -1):
        ceiling = centres[index + 1] - _BADGE_PX if index + 1 < len(centres) else highest
        centres[index] = min(centres[index], ceiling)
    labels = list(dict.fromkeys(mark.text for mark in marks))  # numbered in the order of their first flag
    numbers = [str(labels.index(mark.text) + 1) for mark in marks]
    return _Marks(marks, lines_px, False, numbers, centres, [], [0] * len(marks))


def _labels_beside(
    renderer: RendererBase, marks: list[_Mark], lines_px: list[float], plot_width_px: float, width_px: float
) -> tuple[list[str], list[float], list[str], list[int]] | None:
    """Each label beside its flag, right or left of it, on as few levels as will do, whole or else cut short;
    None when they do not fit."""
    if len(marks) > _MOST_LABELLED_MARKS:
        return None
    for most_px in (plot_width_px * 0.8, plot_width_px * 0.45):
        texts = [_fit_width(renderer, mark.text, _MARK_PX, most_px) for mark in marks]
        widths_px = [_text_width(renderer, text, _MARK_PX) for text in texts]
        for levels in range(1, _MARK_LEVELS + 1):
            chosen: list[_Label] = []
            if _stack_labels(lines_px, widths_px, levels, chosen, width_px):
                anchors_px = [start_px if start_px > line_px else end_px for _, start_px, end_px, line_px in chosen]
                aligns = ["left" if start_px > line_px else "right" for _, start_px, _, line_px in chosen]
                return texts, anchors_px, aligns, [level for level, _, _, _ in chosen]
    return None


_Label = tuple[int, float, float, float]  # a flag's label: its level, where it starts and ends, the flag's x


def _stack_labels(
    lines_px: list[float], widths_px: list[float], levels: int, chosen: list[_Label], figure_width_px: float
) -> bool:
    """Extend ``chosen`` with a place for each further label that crosses nothing; False if there is none.

    A flag's line rises to its label's level, so a label may cross no line that reaches its level, nor another
    label of its level. A few flags are few enough to try every way (``_MOST_LABELLED_MARKS``).
    """
    index = len(chosen)
    if index == len(lines_px):
        return True
    line_px, width_px = lines_px[index], widths_px[index]
    for level in range(levels):
        for start_px in (line_px + 8, line_px - 8 - width_px):  # right of the flag reads first
            label = (level, start_px, start_px + width_px, line_px)
            if not _MARGIN_PX <= start_px <= figure_width_px - _MARGIN_PX / 2 - width_px:
                continue
            if all(_apart(label, other) for other in chosen):
                chosen.append(label)
                if _stack_labels(lines_px, widths_px, levels, chosen, figure_width_px):
                    return True
                chosen.pop()
    return False


def _apart(label: _Label, other: _Label) -> bool:
    """Whether two flags' labels cross neither each other nor the other's line."""
    (level, start_px, end_px, line_px), (other_level, other_start_px, other_end_px, other_line_px) = label, other
    gap_px = _MARK_GAP_PX
    if level == other_level and start_px < other_end_px + gap_px and other_start_px < end_px + gap_px:
        return False
    if other_level >= level and start_px - gap_px < other_line_px < end_px + gap_px:
        return False
    return not (level >= other_level and other_start_px - gap_px < line_px < other_end_px + gap_px)


def _draw_marks(figure: Figure, scores: Axes, marks: _Marks, panel_top_px: float) -> None:
    """A dashed line across the scores at each flag, behind the nightly line, rising to its label or number."""
    from matplotlib.lines import Line2D

    width_px, height_px = _size_px(figure)
    left_px = scores.get_position().x0 * width_px
    column_px = scores.get_position().width * width_px / (scores.get_xlim()[1] - scores.get_xlim()[0])
    for index, (mark, line_px) in enumerate(zip(marks.marks, marks.lines_px, strict=True)):
        scores.axvline(
            (line_px - left_px) / column_px - 0.5,
            color=mark.colour,
            linewidth=_pt(3),
            linestyle=(0, (3, 2)),
            zorder=2,
        )
        anchor_px = marks.anchors_px[index]
        middle_px = panel_top_px + _MARK_BAND_PX / 2 + 4 + marks.levels[index] * _MARK_LEVEL_PX
        if marks.labelled:
            pole = ([line_px, line_px], [panel_top_px, middle_px + _MARK_PX / 2])
        else:
            pole = ([line_px, anchor_px], [panel_top_px, middle_px - _BADGE_PX / 2 + 4])
        figure.add_artist(
            Line2D(
                [x / width_px for x in pole[0]],
                [y / height_px for y in pole[1]],
                transform=figure.transFigure,
                color=mark.colour,
                linewidth=_pt(3),
                solid_capstyle="butt",
            )
        )
        if marks.labelled:
            figure.text(
                anchor_px / width_px,
                middle_px / height_px,
                marks.texts[index],
                ha=marks.aligns[index],
                va="center",
                fontproperties=_font(_MARK_PX),
                color=mark.colour,
                parse_math=False,
            )
        else:
            _badge(figure, anchor_px, middle_px, marks.texts[index], mark.colour)


def _badge(figure: Figure, centre_x_px: float, centre_y_px: float, number: str, colour: str) -> None:
    width_px, height_px = _size_px(figure)
    figure.text(
        centre_x_px / width_px,
        centre_y_px / height_px,
        number,
        ha="center",
        va="center",
        fontproperties=_font(_LEGEND_PX - 4, bold=True),
        color="white",
        parse_math=False,
        bbox={"boxstyle": "circle,pad=0.3", "facecolor": colour, "edgecolor": "none"},
    )


# --- the legend under the dates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Key:
    """One entry of the legend: a bar of a row (``fraction`` of its full height) or a flag's number."""

    text: str
    colour: str
    fraction: float = 1.0
    badge: str = ""  # a flag's number; empty for a bar
    narrow: bool = False  # cut to half the width, so that two share a line

    @property
    def swatch_px(self) -> float:
        return _BADGE_PX - 8 if self.badge else _SWATCH_PX[0]


def _legend_groups(data: ChartData, rows: list[_Row], bars: Mapping[str, _Bars], marks: _Marks) -> list[list[_Key]]:
    """What the bars' heights mean, and the numbered flags; each group starts a new line unless it fits whole."""
    kinds = {row.kind for row in rows}
    groups: list[list[_Key]] = []
    for kind, words in (("onset", data.onset_words), ("sitting", data.sitting_words)):
        if kind in kinds:
            # Only the bars drawn. The grey line of "no symptoms" needs no word: a line at the foot of the row reads
            # as nothing, and a whole line of legend for it would take height from the scores.
            row_bars = bars[kind]
            top_rank = len(row_bars.bands) - 1
            ranks = sorted(set(row_bars.ranks) - {0})
            groups.append(
                [_Key(words[row_bars.bands[rank]], row_bars.colours[rank - 1], rank / top_rank) for rank in ranks]
            )
    if marks.marks and not marks.labelled:
        numbered = dict(zip(marks.texts, marks.marks, strict=False))  # number -> its first flag
        narrow = len(numbered) > 2
        groups.append([_Key(mark.text, mark.colour, badge=number, narrow=narrow) for number, mark in numbered.items()])
    return [group for group in groups if group]


def _place_legend(
    renderer: RendererBase, groups: list[list[_Key]], width_px: float
) -> list[list[tuple[_Key, str, float]]]:
    """The legend's lines: each entry with its text as drawn and where its swatch starts."""
    right_px = width_px - _MARGIN_PX
    lines: list[list[tuple[_Key, str, float]]] = []
    end_px: float = right_px  # where the last line's last entry ends: nothing yet, so a new line starts
    for group in groups:
        entries = []
        for key in group:
            room_px = (right_px - _MARGIN_PX - (_LEGEND_GAP_PX if key.narrow else 0)) / (2 if key.narrow else 1)
            room_px -= key.swatch_px + 10
            text = _fit_width(renderer, drawable(key.text), _LEGEND_PX, room_px)
            entries.append((key, text, key.swatch_px + 10 + _text_width(renderer, text, _LEGEND_PX)))
        whole_px = sum(width for _, _, width in entries) + _LEGEND_GAP_PX * (len(entries) - 1)
        if end_px + 2 * _LEGEND_GAP_PX + whole_px > right_px:
            lines.append([])
            end_px = _MARGIN_PX - _LEGEND_GAP_PX
        else:
            end_px += _LEGEND_GAP_PX  # a wider gap between two groups on one line
        for key, text, width_px in entries:
            if end_px + _LEGEND_GAP_PX + width_px > right_px and lines[-1]:
                lines.append([])
                end_px = _MARGIN_PX - _LEGEND_GAP_PX
            lines[-1].append((key, text, end_px + _LEGEND_GAP_PX))
            end_px += _LEGEND_GAP_PX + width_px
    return lines


def _draw_legend(figure: Figure, lines: list[list[tuple[_Key, str, float]]], legend_px: float) -> None:
    from matplotlib.patches import Rectangle

    width_px, height_px = _size_px(figure)
    swatch_width_px, swatch_height_px = _SWATCH_PX
    for index, line in enumerate(lines):
        middle_px = legend_px - 4 - (index + 0.5) * _LEGEND_LINE_PX
        for key, text, start_px in line:
            if key.badge:
                _badge(figure, start_px + key.swatch_px / 2, middle_px, key.badge, key.colour)
            else:
                bar_px = max(_NO_SYMPTOMS_PX, swatch_height_px * key.fraction)
                bottom_px = middle_px - swatch_height_px / 2
                figure.add_artist(
                    Rectangle(
                        (start_px / width_px, bottom_px / height_px),
                        swatch_width_px / width_px,
                        bar_px / height_px,
                        transform=figure.transFigure,
                        facecolor=key.colour,
                        linewidth=0,
                    )
                )
            figure.text(
                (start_px + key.swatch_px + 10) / width_px,
                middle_px / height_px,
                text,
                ha="left",
                va="center",
                fontproperties=_font(_LEGEND_PX),
                color=_INK,
                parse_math=False,
            )


def _draw_dates(
    scores: Axes, strip: Axes, renderer: RendererBase, data: ChartData, count: int, column_px: float
) -> None:
    # Labels counted back from the last night, the one people look for; as many as fit side by side in this
    # language, at most _MOST_DATE_LABELS, and whole weeks apart once the range is longer than two: the same
    # weekday every time reads more calmly than dates at odd intervals.
    months = range(1, 13)
    widest = max(
        _text_width(renderer, _date_label(date(2000, month, 28), data.month_names), _LABEL_PX) for month in months
    )
    step = max(1, ceil((widest + _DATE_GAP_PX) / column_px), ceil((count - 1) / (_MOST_DATE_LABELS - 1)))
    if count > 14:
        step = 7 * ceil(step / 7)
    ticks = list(range(count - 1, -1, -step))[::-1]
    labels = [_date_label(data.first + timedelta(days=tick), data.month_names) for tick in ticks]
    strip.set_xticks(ticks, labels, fontproperties=_font(_LABEL_PX), color=_INK)
    strip.set_xlim(-0.5, count - 0.5)
    strip.tick_params(axis="x", pad=12)
    for axes in (scores, strip):
        axes.grid(axis="x", color=_GRID_COLOUR, linewidth=_pt(2), zorder=1)


def _date_label(night: date, month_names: Sequence[str]) -> str:
    return f"{night.day} {drawable(month_names[night.month - 1])}"


# --- helpers ----------------------------------------------------------------------------------------------------


def _pt(pixels: float) -> float:
    """Matplotlib sizes are in points; this chart is designed in pixels of the final image."""
    return pixels * 72 / _DPI


def _root(axes: Axes) -> Figure:
    figure = axes.get_figure(root=True)
    assert figure is not None  # every axes here is made by a figure
    return figure


def _size_px(figure: Figure) -> tuple[float, float]:
    width_in, height_in = figure.get_size_inches()
    return float(width_in) * _DPI, float(height_in) * _DPI


def _box(
    figure: Figure, left_px: float, bottom_px: float, width_px: float, height_px: float
) -> tuple[float, float, float, float]:
    """An axes rectangle in figure fractions, from pixels measured from the bottom left corner."""
    width, height = _size_px(figure)
    return left_px / width, bottom_px / height, width_px / width, height_px / height


def _plain_frame(axes: Axes) -> None:
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_axisbelow(True)


def _font(size_px: float, *, bold: bool = False) -> FontProperties:
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=font_file(bold=bold), size=_pt(size_px))


def _text_width(renderer: RendererBase, text: str, size_px: float, *, bold: bool = False) -> float:
    width, _, _ = renderer.get_text_width_height_descent(text, _font(size_px, bold=bold), ismath=False)
    return float(width)


def _fit_width(renderer: RendererBase, text: str, size_px: float, room_px: float, *, bold: bool = False) -> str:
    """``text``, cut short with an ellipsis if it is wider than ``room_px``."""
    if _text_width(renderer, text, size_px, bold=bold) <= room_px:
        return text
    while text and _text_width(renderer, text + "…", size_px, bold=bold) > room_px:
        text = text[:-1]
    return text.rstrip() + "…"


def _wrap(
    renderer: RendererBase, text: str, size_px: float, room_px: float, *, max_lines: int, bold: bool = False
) -> str:
    """``text`` broken at spaces into lines that fit ``room_px``; what does not fit in ``max_lines`` is cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(renderer, f"{lines[-1]} {word}", size_px, bold=bold) <= room_px:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines[max_lines - 1 :] = [" ".join(lines[max_lines - 1 :])]
    return "\n".join(_fit_width(renderer, line, size_px, room_px, bold=bold) for line in lines)


def _check_mark() -> MarkerStyle:
    """A tick drawn as two strokes: it needs no font, and it scales with the night's column like the dots."""
    from matplotlib.markers import MarkerStyle
    from matplotlib.path import Path as MarkerPath

    path = MarkerPath([(-0.45, 0.0), (-0.12, -0.35), (0.5, 0.45)], [MarkerPath.MOVETO, *[MarkerPath.LINETO] * 2])
    return MarkerStyle(path, joinstyle="round", capstyle="round")
