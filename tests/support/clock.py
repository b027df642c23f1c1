"""A clock the tests move by hand."""

from __future__ import annotations

from datetime import datetime, timedelta


class FakeClock:
    """A clock the tests move by hand; handlers and the delivery engine read it instead of the system clock."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set(self, now: datetime) -> datetime:
        self.now = now
        return now
