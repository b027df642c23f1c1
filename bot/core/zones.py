"""Resolve what people type as a time zone: an IANA name, a unique city, or a fixed UTC offset.

The index of zone names is built from the tz database's ``tzdata.zi`` text (given as a string, so this module
stays free of I/O): its ``Z`` lines name canonical zones and its ``L`` lines name aliases (links).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_OFFSET_PATTERN = re.compile(
    r"^(?:(?:utc|gmt)\s*)?(?P<sign>[+\-−])\s*(?P<hours>[0-9]{1,2})(?:(?::|\.)?(?P<minutes>[0-9]{2}))?$",
    re.IGNORECASE,
)
_UTC_NAMES = frozenset({"z", "utc", "gmt", "utc+0", "utc-0", "gmt+0", "gmt-0", "+0", "-0", "zulu"})
# Only these areas hold places people live; Etc/*, US/*, SystemV/* and friends are aliases or technical names.
_GEOGRAPHIC_AREAS = frozenset(
    {
        "africa",
        "america",
        "antarctica",
        "arctic",
        "asia",
        "atlantic",
        "australia",
        "europe",
        "indian",
        "pacific",
    }
)
MAX_OFFSET = timedelta(hours=14)


class ZoneParseError(ValueError):
    """The text names no zone; ``candidates`` lists the zones it could mean when it is ambiguous."""

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


def offset_zone_name(offset: timedelta) -> str:
    """A stable name for a fixed offset, e.g. ``UTC+05:30``; ``UTC`` for zero."""
    if offset == timedelta(0):
        return "UTC"
    sign = "+" if offset > timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def plain_zone_name(name: str) -> str:
    """Our name for a zone: ``Etc/GMT+9`` (POSIX sign, really UTC−9) becomes ``UTC-09:00``; others are kept."""
    match = re.fullmatch(r"Etc/GMT([+-])(\d{1,2})", name)
    if match:
        hours = timedelta(hours=int(match.group(2)))
        return offset_zone_name(-hours if match.group(1) == "+" else hours)
    return (
        "UTC" if name in {"Etc/UTC", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/UCT", "Etc/Zulu"} else name
    )


def zone_from_name(name: str) -> tzinfo:
    """The tzinfo for a stored zone name: an IANA key or one made by ``offset_zone_name``."""
    if name == "UTC":
        return ZoneInfo("UTC")
    match = re.fullmatch(r"UTC([+-])(\d{2}):(\d{2})", name)
    if match:
        offset = timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))
        return timezone(offset if match.group(1) == "+" else -offset, name)
    return ZoneInfo(name)


def _city_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.replace(".", " ").replace("'", "")).strip().casefold()


@dataclass(frozen=True)
class ZoneIndex:
    """Lookup tables from lower-cased names to canonical IANA zone names."""

    by_name: dict[str, str]
    by_city: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_tzdata_zi(cls, text: str) -> ZoneIndex:
        """Build the index from the text of ``tzdata.zi`` (``Z name …`` zones, ``L target alias`` links)."""
        canonical_of: dict[str, str] = {}
        for line in text.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0] == "Z":
                canonical_of[parts[1]] = parts[1]
            elif len(parts) == 3 and parts[0] == "L":
                canonical_of[parts[2]] = parts[1]
        by_name = {name.casefold(): target for name, target in canonical_of.items()}
        cities: dict[str, set[str]] = {}
        for name, target in canonical_of.items():
            area, _, rest = name.partition("/")
            if area.casefold() in _GEOGRAPHIC_AREAS and rest:
                city = _city_key(rest.rsplit("/", 1)[-1])
                cities.setdefault(city, set()).add(canonical_of.get(target, target))
        return cls(by_name=by_name, by_city={city: tuple(sorted(z)) for city, z in cities.items()})

    def resolve(self, text: str) -> str:
        """Return the zone name to store for ``text`` or raise ZoneParseError."""
        cleaned = text.strip().replace("−", "-")
        if not cleaned:
            raise ZoneParseError("empty")
        if cleaned.casefold() in _UTC_NAMES:
            return "UTC"
        offset = _parse_offset(cleaned)
        if offset is not None:
            return offset_zone_name(offset)
        exact = self.by_name.get(cleaned.replace(" ", "_").casefold())
        if exact is not None:
            return plain_zone_name(_checked(exact))
        candidates = self.by_city.get(_city_key(cleaned), ())
        if len(candidates) == 1:
            return _checked(candidates[0])
        if candidates:
            raise ZoneParseError(f"{cleaned!r} matches several zones", candidates)
        raise ZoneParseError(f"unknown zone: {cleaned!r}")


def _parse_offset(text: str) -> timedelta | None:
    match = _OFFSET_PATTERN.match(text.replace(" ", ""))
    if match is None:
        return None
    hours, minutes = int(match.group("hours")), int(match.group("minutes") or 0)
    if minutes >= 60:
        raise ZoneParseError(f"minutes out of range in {text!r}")
    offset = timedelta(hours=hours, minutes=minutes)
    if offset > MAX_OFFSET:
        raise ZoneParseError(f"offset out of range in {text!r}")
    return -offset if match.group("sign") == "-" else offset


def _checked(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ZoneParseError(f"zone {name!r} is not available on this system") from exc
    return name
