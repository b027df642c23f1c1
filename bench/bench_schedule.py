"""How fast is the pure schedule arithmetic? Prints next_due calls per second per zone, and the ratio to a
baseline that only converts one wall time to UTC (the least any scheduler must do), in the same process.

Run: python bench/bench_schedule.py
"""

from __future__ import annotations

import time as clock
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from options import size_argument

from bot.core.schedule import next_due

ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham")


def _per_second(function: object, calls: int) -> float:
    assert callable(function)
    start = clock.perf_counter()
    for _ in range(calls):
        function()
    return calls / (clock.perf_counter() - start)


def main(calls: int) -> None:
    after = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    print(f"{'zone':<20} {'next_due/s':>12} {'baseline/s':>12} {'ratio':>6}")
    for name in ZONES:
        zone = ZoneInfo(name)

        def baseline(zone: ZoneInfo = zone) -> datetime:
            return datetime.combine(after.date(), time(21, 0), tzinfo=zone).astimezone(UTC)

        def ours(zone: ZoneInfo = zone) -> object:
            return next_due(time(21, 0), zone, after)

        base_rate, our_rate = _per_second(baseline, calls), _per_second(ours, calls)
        print(f"{name:<20} {our_rate:>12,.0f} {base_rate:>12,.0f} {base_rate / our_rate:>6.1f}")
    gap_zone = ZoneInfo("Europe/Berlin")
    gap_rate = _per_second(lambda: next_due(time(2, 30), gap_zone, after + timedelta(hours=-12)), calls)
    print(f"{'Berlin 02:30 in the spring-forward gap':<40} {gap_rate:>12,.0f} /s")


if __name__ == "__main__":
    main(size_argument(20_000, 200, "calls per measurement"))
