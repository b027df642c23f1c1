"""The /progress chart: nightly scores, the factors of each day and the evenings a tip was followed, as a PNG.

It is read on a phone, often by older people, so it is drawn at one fixed portrait size with big type, thick
lines and few date labels. Every visible word arrives in ``ChartData``: the bot will speak more than English.
Matplotlib is used through its object API on the Agg canvas, never through pyplot: pyplot keeps global state,
and the bot draws charts in worker threads (``asyncio.to_thread``).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from math import ceil
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.checkins import SCORE_MAX, SCORE_MIN, Night, by_night

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


# --- look -------------------------------------------------------------------------------------------------------
# Sizes are in pixels of the final image (at _DPI one point is _DPI / 72 pixels). The image is shown about 350 pt
# wide in a phone's chat, so 34 px type reads at about 12 pt there: the smallest this chart uses.
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

_AVERAGE_NIGHTS = 7
_AVERAGE_MIN_CHECKINS = 4  # an average of fewer check-ins in a week jumps about more than it tells
_MOST_DATE_LABELS = 6
_DOTS_MIN_COLUMN_PX = 6.0  # narrower nights (more than about 110 on the chart) get a dot only when alone


def render_progress_chart(data: ChartData) -> bytes:
    """The chart as PNG bytes of exactly ``CHART_SIZE_PX``; the same data always gives the same bytes."""
    # Imported here, not at the top: matplotlib and numpy take a good part of a second to import, which every
    # start of the bot (and every test run) would pay although most never draw a chart.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    count = (data.last - data.first).days + 1
    if not 1 <= count <= MAX_NIGHTS:
        raise ValueError(f"the chart shows 1 to {MAX_NIGHTS} nights, not {count} ({data.first} to {data.last})")
    if len(data.month_names) != 12:
        raise ValueError(f"month_names needs twelve names, not {len(data.month_names)}")
    if any(not SCORE_MIN <= night.score <= SCORE_MAX for night in data.nights):
        raise ValueError(f"scores go from {SCORE_MIN} to {SCORE_MAX}")

    width_px, height_px = CHART_SIZE_PX
    figure = Figure(figsize=(width_px / _DPI, height_px / _DPI), dpi=_DPI, facecolor="white")
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]  # backend_agg is untyped

    # Left: room for the row labels (or the score numbers); right: for half the last date label, which is
    # centred on the last night at the right edge of the panels.
    rows = [*data.factor_labels.values(), data.done_label]
    rows = [_fit_width(renderer, _drawable(label), _LABEL_PX, _ROW_LABEL_MAX_PX) for label in rows]
    left_px = _MARGIN_PX + max(_text_width(renderer, text, _LABEL_PX) for text in [*rows, str(SCORE_MAX)]) + 16
    last_label = _date_label(data.last, data.month_names)
    plot_width_px = width_px - left_px - max(_MARGIN_PX, _text_width(renderer, last_label, _LABEL_PX) / 2 + 12)
    column_px = plot_width_px / count

    score_top_px = _draw_header(figure, renderer, data)
    lowest, highest = _ROW_PX
    share_px = (score_top_px - _DATES_PX - _PANEL_GAP_PX) * _STRIP_SHARE
    strip_height_px = min(highest, max(lowest, share_px / len(rows))) * len(rows)
    score_bottom_px = _DATES_PX + strip_height_px + _PANEL_GAP_PX
    scores = figure.add_axes(_box(left_px, score_bottom_px, plot_width_px, score_top_px - score_bottom_px))
    strip = figure.add_axes(_box(left_px, _DATES_PX, plot_width_px, strip_height_px), sharex=scores)

    checkins = {night: checkin for night, checkin in by_night(data.nights).items() if data.first <= night <= data.last}
    if checkins:
        _draw_scores(scores, data, count, checkins, column_px)
    else:
        no_data = _wrap(renderer, _drawable(data.no_data_text), _NO_DATA_PX, plot_width_px - 120, max_lines=4)
        _draw_no_data(scores, no_data)
    _style_scores(scores)
    _draw_strip(strip, data, checkins, column_px, rows, left_px)
    _draw_dates(scores, strip, renderer, data, count, column_px)

    buffer = io.BytesIO()
    # No "Software" entry (it names the matplotlib version) and no time stamp: the same data, the same bytes.
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _draw_header(figure: Figure, renderer: RendererBase, data: ChartData) -> float:
    """Draw the title and the score label, each on up to two lines; return where the score panel may start."""
    width_px, height_px = CHART_SIZE_PX
    room_px = width_px - 2 * _MARGIN_PX
    top_px = height_px - _MARGIN_PX + 8  # the top of a line of type is mostly empty space
    for text, size_px, bold, colour in (
        (data.title, _TITLE_PX, True, _INK),
        (data.score_label, _SUBTITLE_PX, False, _SOFT_INK),
    ):
        drawn = figure.text(
            _MARGIN_PX / width_px,
            top_px / height_px,
            _wrap(renderer, _drawable(text), size_px, room_px, max_lines=2, bold=bold),
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


def _draw_strip(
    strip: Axes, data: ChartData, checkins: dict[date, Night], column_px: float, rows: list[str], left_px: float
) -> None:
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import blended_transform_factory

    strip.set_ylim(len(rows) - 0.5, -0.5)  # the first row on top
    strip.set_yticks([])
    strip.tick_params(axis="x", length=0)
    _plain_frame(strip)

    # Every other row is shaded right across the image, under its label too, so that the eye can follow a row.
    width_px = CHART_SIZE_PX[0]
    across = blended_transform_factory(strip.figure.transFigure, strip.transData)
    for row, label in enumerate(rows):
        if row % 2 == 0:
            shade = Rectangle((_MARGIN_PX / 2 / width_px, row - 0.5), 1 - _MARGIN_PX / width_px, 1, transform=across)
            shade.set(facecolor=_ZEBRA_COLOUR, linewidth=0, clip_on=False, zorder=0)
            strip.add_patch(shade)
        strip.text(
            (left_px - 16) / width_px,
            row,
            label,
            transform=across,
            ha="right",
            va="center",
            fontproperties=_font(_LABEL_PX),
            color=_INK,
            parse_math=False,
        )

    for row, key in enumerate(data.factor_labels):
        present = sorted((night - data.first).days for night, checkin in checkins.items() if key in checkin.factors)
        strip.plot(
            present,
            [row] * len(present),
            linestyle="none",
            marker="o",
            markersize=_pt(min(26.0, max(7.0, column_px * 0.8))),
            markerfacecolor=_FACTOR_COLOUR,
            markeredgewidth=0,
            clip_on=False,
            zorder=3,
        )
    done = sorted((night - data.first).days for night in data.done_nights if data.first <= night <= data.last)
    tick_px = min(30.0, max(11.0, column_px * 0.85))
    strip.plot(
        done,
        [len(rows) - 1] * len(done),
        linestyle="none",
        marker=_check_mark(),
        markersize=_pt(tick_px),
        markerfacecolor="none",
        markeredgecolor=_DONE_COLOUR,
        markeredgewidth=_pt(max(2.5, tick_px / 7)),
        clip_on=False,
        zorder=3,
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
    return f"{night.day} {_drawable(month_names[night.month - 1])}"


# --- helpers ----------------------------------------------------------------------------------------------------


def _pt(pixels: float) -> float:
    """Matplotlib sizes are in points; this chart is designed in pixels of the final image."""
    return pixels * 72 / _DPI


def _box(left_px: float, bottom_px: float, width_px: float, height_px: float) -> tuple[float, float, float, float]:
    """An axes rectangle in figure fractions, from pixels measured from the bottom left corner."""
    width, height = CHART_SIZE_PX
    return left_px / width, bottom_px / height, width_px / width, height_px / height


def _plain_frame(axes: Axes) -> None:
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_axisbelow(True)


@cache
def _font_file(bold: bool) -> str:
    # The copy of DejaVu Sans inside matplotlib, not a system font of the same name: it is on every machine the
    # bot runs on, slim images included, and the same file everywhere keeps the output identical.
    import matplotlib

    return str(Path(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"))


def _font(size_px: float, *, bold: bool = False) -> FontProperties:
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=_font_file(bold), size=_pt(size_px))


@cache
def _characters() -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(_font_file(False)).get_charmap())


def _drawable(text: str) -> str:
    """``text`` without the characters the font lacks: an emoji in a trigger's name would print as an empty box."""
    known = _characters()
    return " ".join("".join(char for char in text if ord(char) in known).split())


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
