"""How long does drawing the /progress chart take? Prints the median and 95th percentile milliseconds per chart of
30 and 90 nights, and the ratio to a baseline that saves an empty matplotlib figure of the same size as a PNG
(the least any chart of this size costs: rasterising and compressing the pixels), in the same process.

The first chart in a process also imports the drawing code and loads the fonts: it is timed on its own and left
out of the figures.

Run: python bench/bench_chart.py [N]   (N charts of each size, 50 by default)
"""

from __future__ import annotations

import io
import os
import platform
import random
import statistics
import time as clock
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

import matplotlib
from options import size_argument

from bot.core.checkins import Night, nights_between, own_factor
from bot.text.charts import CHART_SIZE_PX, ChartData, render_progress_chart

LAST = date(2026, 11, 24)
LABELS = {"caffeine": "Caffeine", "alcohol": "Alcohol", "stretched": "Stretched", own_factor(1): "Late dinner"}


def _data(count: int) -> ChartData:
    """Scores drifting down from 7 to 3 with noise, one night in ten missed, factors and Done on some nights."""
    rng = random.Random(count)
    first = LAST - timedelta(days=count - 1)
    nights = [
        Night(
            night,
            min(10, max(0, round(7 - 4 * index / (count - 1) + rng.gauss(0, 1.2)))),
            frozenset(key for key in LABELS if rng.random() < 0.3),
        )
        for index, night in enumerate(nights_between(first, LAST))
        if rng.random() >= 0.1
    ]
    done = frozenset(night for night in nights_between(first, LAST) if rng.random() < 0.7)
    return ChartData(
        first, LAST, nights, done, LABELS, f"Your legs, last {count} nights", "Symptoms", "Tip done", "No data"
    )


def _empty_figure_png() -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width, height = CHART_SIZE_PX
    figure = Figure(figsize=(width / 100, height / 100), dpi=100)
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


def _milliseconds(function: Callable[[], bytes], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = clock.perf_counter()
        function()
        times.append((clock.perf_counter() - start) * 1000)
    return times


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def main() -> None:
    runs = size_argument(50, 3, "charts of each kind")
    print(f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"matplotlib {matplotlib.__version__}, {CHART_SIZE_PX[0]}x{CHART_SIZE_PX[1]} px, {runs} charts each")
    charts = {count: _data(count) for count in (30, 90)}
    start = clock.perf_counter()
    render_progress_chart(charts[30])
    first_ms = (clock.perf_counter() - start) * 1000
    print(f"first chart in the process (imports the drawing code, loads the fonts): {first_ms:.0f} ms")
    _empty_figure_png()

    baseline = _milliseconds(_empty_figure_png, runs)
    base_median = statistics.median(baseline)
    print(f"{'':<16} {'median ms':>10} {'p95 ms':>8} {'ratio':>6} {'bytes':>8}")
    print(f"{'empty figure':<16} {base_median:>10.1f} {_p95(baseline):>8.1f} {1:>6.1f} {len(_empty_figure_png()):>8}")
    for count, data in charts.items():
        times = _milliseconds(partial(render_progress_chart, data), runs)
        median = statistics.median(times)
        size = len(render_progress_chart(data))
        print(f"{f'{count} nights':<16} {median:>10.1f} {_p95(times):>8.1f} {median / base_median:>6.1f} {size:>8}")


if __name__ == "__main__":
    main()
