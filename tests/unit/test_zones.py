"""Unit tests of ``bot.core.zones``: what people type as a time zone, against the real tz database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.zones import MAX_OFFSET, ZoneIndex, ZoneParseError, offset_zone_name, zone_from_name
from bot.services import system_zone_index

INDEX = system_zone_index()
TZDATA_ZI = resources.files("tzdata").joinpath("zoneinfo", "tzdata.zi").read_text(encoding="utf-8")
CANONICAL_NAMES = sorted(line.split()[1] for line in TZDATA_ZI.splitlines() if line.startswith("Z "))
LINKS = sorted((line.split()[2], line.split()[1]) for line in TZDATA_ZI.splitlines() if line.startswith("L "))
SAMPLE_INSTANTS = [
    datetime(year, month, 15, 12, tzinfo=UTC) for year in (2000, 2011, 2026, 2037) for month in (1, 4, 7, 10)
]
GEOGRAPHIC_AREAS = {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian"}
GEOGRAPHIC_AREAS |= {"Pacific"}


def is_geographic(name: str) -> bool:
    return name.split("/", 1)[0] in GEOGRAPHIC_AREAS and "/" in name


def same_clock(first: tzinfo, second: tzinfo) -> bool:
    """Both zones show the same UTC offset at a sample of instants from 2000 to 2037."""
    return all(
        instant.astimezone(first).utcoffset() == instant.astimezone(second).utcoffset() for instant in SAMPLE_INSTANTS
    )


SYNTHETIC_ZI = """\
# version test
# Rules and continuation lines must be ignored.
R E 1981 ma - Mar lastSu 1u 1 S
R E 1996 ma - O lastSu 1u 0 -
Z Europe/Berlin 0:53:28 - LMT 1893 Ap
1 c CE%sT 1945 May 24 2
1 E CE%sT
Z America/New_York -4:56:2 - LMT 1883 N 18 17u
-5 u E%sT
Z America/Argentina/Buenos_Aires -3:53:48 - LMT 1894 O 31
Z Asia/Kolkata 5:53:28 - LMT 1854 Jun 28
Z Etc/UTC 0 - UTC
Z America/Springfield -5 - EST
Z Australia/Springfield 10 - AEST
Z Europe/Atlantis 1 - AT
Z Mars/Olympus_Mons 0 - MST

L Europe/Berlin Arctic/Longyearbyen
L America/New_York US/Eastern
L Asia/Kolkata Asia/Calcutta
L America/Argentina/Buenos_Aires America/Buenos_Aires
L Etc/UTC Etc/Universal
L Europe/Berlin Too Many Fields
Z
L
"""


@pytest.fixture(scope="module")
def synthetic() -> ZoneIndex:
    return ZoneIndex.from_tzdata_zi(SYNTHETIC_ZI)


# ---------------------------------------------------------------- from_tzdata_zi on a tiny synthetic file


def test_z_lines_name_canonical_zones(synthetic: ZoneIndex) -> None:
    assert synthetic.by_name["europe/berlin"] == "Europe/Berlin"
    assert synthetic.by_name["america/argentina/buenos_aires"] == "America/Argentina/Buenos_Aires"
    assert synthetic.by_name["mars/olympus_mons"] == "Mars/Olympus_Mons"


def test_l_lines_map_aliases_to_their_target(synthetic: ZoneIndex) -> None:
    assert synthetic.by_name["us/eastern"] == "America/New_York"
    assert synthetic.by_name["asia/calcutta"] == "Asia/Kolkata"
    assert synthetic.by_name["arctic/longyearbyen"] == "Europe/Berlin"
    assert synthetic.by_name["etc/universal"] == "Etc/UTC"


def test_rule_continuation_comment_and_malformed_lines_are_ignored(synthetic: ZoneIndex) -> None:
    assert set(synthetic.by_name) == {
        "europe/berlin",
        "america/new_york",
        "america/argentina/buenos_aires",
        "asia/kolkata",
        "etc/utc",
        "america/springfield",
        "australia/springfield",
        "europe/atlantis",
        "mars/olympus_mons",
        "arctic/longyearbyen",
        "us/eastern",
        "asia/calcutta",
        "america/buenos_aires",
        "etc/universal",
    }


def test_cities_come_from_the_last_part_of_geographic_names_only(synthetic: ZoneIndex) -> None:
    assert synthetic.by_city["berlin"] == ("Europe/Berlin",)
    assert synthetic.by_city["new york"] == ("America/New_York",)
    assert synthetic.by_city["buenos aires"] == ("America/Argentina/Buenos_Aires",)
    assert synthetic.by_city["calcutta"] == ("Asia/Kolkata",)  # an alias in a geographic area
    assert synthetic.by_city["longyearbyen"] == ("Europe/Berlin",)
    assert "eastern" not in synthetic.by_city  # US/* is not geographic
    assert "utc" not in synthetic.by_city
    assert "universal" not in synthetic.by_city
    assert "olympus mons" not in synthetic.by_city


def test_a_city_in_two_areas_is_ambiguous_with_sorted_candidates(synthetic: ZoneIndex) -> None:
    assert synthetic.by_city["springfield"] == ("America/Springfield", "Australia/Springfield")
    with pytest.raises(ZoneParseError, match="several zones") as raised:
        synthetic.resolve("Springfield")
    assert raised.value.candidates == ("America/Springfield", "Australia/Springfield")


def test_the_full_name_of_an_ambiguous_city_still_resolves(synthetic: ZoneIndex) -> None:
    with pytest.raises(ZoneParseError) as raised:
        synthetic.resolve("America/Springfield")  # not a real zone, but the lookup is exact and unambiguous
    assert "not available" in str(raised.value)
    assert raised.value.candidates == ()


def test_synthetic_index_resolves_names_aliases_and_cities(synthetic: ZoneIndex) -> None:
    assert synthetic.resolve("US/Eastern") == "America/New_York"
    assert synthetic.resolve("calcutta") == "Asia/Kolkata"
    assert synthetic.resolve("Buenos Aires") == "America/Argentina/Buenos_Aires"
    assert synthetic.resolve("America/Buenos_Aires") == "America/Argentina/Buenos_Aires"


@pytest.mark.parametrize("text", ["Atlantis", "Europe/Atlantis", "Mars/Olympus_Mons"])
def test_zone_missing_from_the_system_database_is_a_parse_error(synthetic: ZoneIndex, text: str) -> None:
    with pytest.raises(ZoneParseError, match="not available"):
        synthetic.resolve(text)


def test_empty_tzdata_text_gives_an_index_that_still_parses_offsets() -> None:
    empty = ZoneIndex.from_tzdata_zi("")
    assert empty.by_name == {}
    assert empty.by_city == {}
    assert empty.resolve("UTC+5:30") == "UTC+05:30"
    assert empty.resolve("Z") == "UTC"
    with pytest.raises(ZoneParseError, match="unknown zone"):
        empty.resolve("Berlin")


# ---------------------------------------------------------------- resolve with the real tz database


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("EUROPE/BERLIN", "Europe/Berlin"),
        ("  Europe/Berlin  ", "Europe/Berlin"),
        ("america/new york", "America/New_York"),
        ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("Pacific/Chatham", "Pacific/Chatham"),
        ("asia/KOLKATA", "Asia/Kolkata"),
    ],
)
def test_iana_names_are_case_insensitive(text: str, expected: str) -> None:
    assert INDEX.resolve(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("asia/calcutta", "Asia/Kolkata"),
        ("US/Eastern", "America/New_York"),
        ("US/Pacific", "America/Los_Angeles"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
        ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("America/Godthab", "America/Nuuk"),
    ],
)
def test_aliases_resolve_to_the_canonical_zone(text: str, expected: str) -> None:
    assert INDEX.resolve(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Berlin", "Europe/Berlin"),
        ("berlin", "Europe/Berlin"),
        ("Phoenix", "America/Phoenix"),
        ("new york", "America/New_York"),
        ("New York", "America/New_York"),
        ("New_York", "America/New_York"),
        ("new-york", "America/New_York"),
        ("New  York", "America/New_York"),
        ("Kolkata", "Asia/Kolkata"),
        ("Calcutta", "Asia/Kolkata"),
        ("St Johns", "America/St_Johns"),
        ("st_johns", "America/St_Johns"),
        ("St. John's", "America/St_Johns"),
        ("Buenos Aires", "America/Argentina/Buenos_Aires"),
        ("Indianapolis", "America/Indiana/Indianapolis"),
        ("Port-au-Prince", "America/Port-au-Prince"),
        ("port au prince", "America/Port-au-Prince"),
        ("Ho Chi Minh", "Asia/Ho_Chi_Minh"),
        ("Kiev", "Europe/Kyiv"),
        ("Chatham", "Pacific/Chatham"),
        ("Kiritimati", "Pacific/Kiritimati"),
        ("Apia", "Pacific/Apia"),
    ],
)
def test_unique_city_names_resolve_to_their_zone(text: str, expected: str) -> None:
    assert INDEX.resolve(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UTC+5:30", "UTC+05:30"),
        ("UTC+05:30", "UTC+05:30"),
        ("utc+5:30", "UTC+05:30"),
        ("UTC + 5:30", "UTC+05:30"),
        ("+5.30", "UTC+05:30"),
        ("-03:30", "UTC-03:30"),
        ("-3:30", "UTC-03:30"),
        ("+0545", "UTC+05:45"),
        ("+545", "UTC+05:45"),
        ("GMT-3", "UTC-03:00"),
        ("gmt -3", "UTC-03:00"),
        ("UTC+14", "UTC+14:00"),
        ("UTC-14", "UTC-14:00"),
        ("UTC-12:00", "UTC-12:00"),
        ("+1", "UTC+01:00"),
        ("UTC−3", "UTC-03:00"),  # U+2212 MINUS SIGN
        ("−03:30", "UTC-03:30"),
        ("UTC+00:00", "UTC"),
        ("-00:00", "UTC"),
    ],
)
def test_fixed_offsets_resolve_to_a_stable_utc_name(text: str, expected: str) -> None:
    assert INDEX.resolve(text) == expected


@pytest.mark.parametrize("text", ["Z", "z", "UTC", "utc", "GMT", "gmt", "Zulu", "UTC+0", "GMT-0", "+0", "-0"])
def test_names_of_utc_itself_resolve_to_utc(text: str) -> None:
    assert INDEX.resolve(text) == "UTC"


@pytest.mark.parametrize("text", ["UTC+15", "UTC-15", "+99", "UTC+14:01", "-14:30", "+5:75", "UTC+5:60", "GMT+12:99"])
def test_out_of_range_offsets_are_parse_errors(text: str) -> None:
    with pytest.raises(ZoneParseError, match="out of range"):
        INDEX.resolve(text)


@pytest.mark.parametrize(
    "text",
    ["Atlantis", "Europe/Atlantis", "Eastern", "Europe", "America/", "/Berlin", "Berlin/", "Mars", "+5.5", "UTC+"],
)
def test_unknown_names_are_parse_errors(text: str) -> None:
    with pytest.raises(ZoneParseError, match="unknown zone") as raised:
        INDEX.resolve(text)
    assert raised.value.candidates == ()


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "−"])
def test_empty_text_is_a_parse_error(text: str) -> None:
    with pytest.raises(ZoneParseError):
        INDEX.resolve(text)


def test_zone_parse_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown zone"):
        INDEX.resolve("Atlantis")


def test_no_city_in_the_real_database_is_ambiguous() -> None:
    # Ambiguity is tested on the synthetic index above; record that real cities are all unique today.
    assert {city: zones for city, zones in INDEX.by_city.items() if len(zones) > 1} == {}


def test_no_two_iana_names_collide_when_case_folded() -> None:
    names = CANONICAL_NAMES + [alias for alias, _ in LINKS]
    assert len({name.casefold() for name in names}) == len(names)
    assert len(INDEX.by_name) == len(names)


def test_every_geographic_zone_resolves_to_itself() -> None:
    for name in CANONICAL_NAMES:
        if is_geographic(name):
            assert INDEX.resolve(name) == name


def test_every_alias_of_a_geographic_zone_resolves_to_its_target() -> None:
    for alias, target in LINKS:
        if is_geographic(target):
            assert INDEX.resolve(alias) == target, alias


def test_every_zone_and_alias_resolves_to_a_zone_keeping_the_same_clock() -> None:
    for name in [*CANONICAL_NAMES, *(alias for alias, _ in LINKS)]:
        resolved = INDEX.resolve(name)
        assert same_clock(zone_from_name(resolved), ZoneInfo(name)), f"{name} -> {resolved}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Etc/UTC", "UTC"),
        ("Etc/GMT", "UTC"),
        ("Etc/Universal", "UTC"),
        ("UCT", "UTC"),
        ("Greenwich", "UTC"),
        ("Etc/GMT+5", "UTC-05:00"),  # POSIX sign: Etc/GMT+5 is five hours behind UTC
        ("etc/gmt-14", "UTC+14:00"),
        ("Etc/GMT+12", "UTC-12:00"),
    ],
)
def test_technical_utc_and_etc_gmt_names_resolve_to_the_plain_offset_they_mean(text: str, expected: str) -> None:
    assert INDEX.resolve(text) == expected


def test_every_name_and_city_resolves_to_a_name_zone_from_name_accepts() -> None:
    now = datetime(2026, 6, 1, tzinfo=UTC)
    for text in [*INDEX.by_name, *INDEX.by_city]:
        resolved = INDEX.resolve(text)
        zone = zone_from_name(resolved)
        assert now.astimezone(zone).utcoffset() is not None, text


def test_every_city_resolves_to_its_only_zone() -> None:
    for city, zones in INDEX.by_city.items():
        assert INDEX.resolve(city) == zones[0], city


# ---------------------------------------------------------------- offset names and zone_from_name


@pytest.mark.parametrize(
    ("offset", "name"),
    [
        (timedelta(0), "UTC"),
        (timedelta(hours=5, minutes=30), "UTC+05:30"),
        (timedelta(hours=-3, minutes=-30), "UTC-03:30"),
        (timedelta(hours=5, minutes=45), "UTC+05:45"),
        (timedelta(hours=14), "UTC+14:00"),
        (timedelta(hours=-12), "UTC-12:00"),
        (timedelta(minutes=-30), "UTC-00:30"),
        (timedelta(minutes=1), "UTC+00:01"),
    ],
)
def test_offset_zone_name_is_sign_and_zero_padded_hours_and_minutes(offset: timedelta, name: str) -> None:
    assert offset_zone_name(offset) == name


def test_every_whole_minute_offset_round_trips_through_its_name() -> None:
    for minutes in range(-14 * 60, 14 * 60 + 1):
        offset = timedelta(minutes=minutes)
        name = offset_zone_name(offset)
        zone = zone_from_name(name)
        assert zone.utcoffset(None) == offset, name
        assert INDEX.resolve(name) == name
        assert offset_zone_name(zone.utcoffset(datetime(2026, 1, 1)) or timedelta(0)) == name


def test_zone_from_name_gives_fixed_offsets_named_like_their_key() -> None:
    zone = zone_from_name("UTC-03:30")
    assert isinstance(zone, timezone)
    assert zone.utcoffset(None) == timedelta(hours=-3, minutes=-30)
    assert zone.tzname(None) == "UTC-03:30"


def test_zone_from_name_gives_zoneinfo_for_utc_and_iana_keys() -> None:
    assert zone_from_name("UTC") == ZoneInfo("UTC")
    assert zone_from_name("Europe/Berlin") == ZoneInfo("Europe/Berlin")
    assert zone_from_name("Asia/Kolkata").utcoffset(datetime(2026, 1, 1)) == timedelta(hours=5, minutes=30)


@pytest.mark.parametrize("name", ["Atlantis/Nowhere", "UTC+5:30"])
def test_zone_from_name_rejects_names_resolve_never_returns(name: str) -> None:
    with pytest.raises(ZoneInfoNotFoundError):
        zone_from_name(name)


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_only_ever_raises_zone_parse_error(text: str) -> None:
    try:
        resolved = INDEX.resolve(text)
    except ZoneParseError:
        return
    zone_from_name(resolved)


offset_like = st.builds(
    lambda prefix, sign, digits, space: f"{prefix}{space}{sign}{digits}",
    st.sampled_from(["", "UTC", "utc", "GMT", "gmt", "Z", "Etc/GMT"]),
    st.sampled_from(["+", "-", "−", "", "±"]),
    st.text(alphabet="0123456789:. ", max_size=6),
    st.sampled_from(["", " ", "  "]),
)


@settings(max_examples=300, deadline=None)
@given(offset_like)
def test_offset_like_text_only_ever_raises_zone_parse_error(text: str) -> None:
    try:
        resolved = INDEX.resolve(text)
    except ZoneParseError:
        return
    zone = zone_from_name(resolved)
    offset = datetime(2026, 1, 1, tzinfo=UTC).astimezone(zone).utcoffset()
    assert offset is not None
    assert abs(offset) <= MAX_OFFSET


@settings(max_examples=200, deadline=None)
@given(
    sign=st.sampled_from(["+", "-", "−"]),
    hours=st.integers(0, 99),
    minutes=st.integers(0, 99),
    prefix=st.sampled_from(["", "UTC", "GMT", "utc "]),
    separator=st.sampled_from([":", ".", ""]),
)
def test_offset_is_accepted_exactly_when_in_range(
    sign: str, hours: int, minutes: int, prefix: str, separator: str
) -> None:
    text = f"{prefix}{sign}{hours}{separator}{minutes:02d}"
    offset = timedelta(hours=hours, minutes=minutes)
    if minutes < 60 and offset <= MAX_OFFSET:
        expected = offset_zone_name(-offset if sign in "-−" else offset)
        assert INDEX.resolve(text) == expected
    else:
        with pytest.raises(ZoneParseError, match="out of range"):
            INDEX.resolve(text)
