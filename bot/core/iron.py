"""Read the argument of ``/iron …`` (everything after the command), and the iron arithmetic.

Pure: no I/O, no Telegram, no database. ``parse_iron_command`` never raises: it returns one of the request classes
below, or an ``IronProblem`` naming what it could not read so that the handler can answer with an example of what
is accepted. Keywords are English or Spanish, in any case, with or without accents; numbers take a decimal point
or a decimal comma (``13,5``) with at most two decimals, so ``1.200`` or ``1,200`` (a thousand two hundred, or one
point two?) is refused rather than guessed.

DATE is ``YYYY-MM-DD``, or ``today``/``hoy`` (read as None: the handler fills in today). A result needs its date
first: results usually arrive days after the blood was drawn, so the bot never assumes the day.

- nothing, ``list``/``history`` (``lista``, ``historial``): the results so far
- ``DATE ferritin X [tsat Y | iron A tibc B] [hb H] [morning] [fasting]``: a result; after the date the parts come
  in any order, each at most once, and at least one of ferritin, TSAT, or iron with TIBC is needed. Spanish:
  ``ferritina``, ``ist``/``sat``/``saturación``, ``hierro``/``sideremia``, ``ctfh``/``tibc``,
  ``hb``/``hemoglobina``, ``mañana``, ``ayunas``. Each number may carry its unit, joined or after a space:
  ferritin ng/mL or µg/L (the same); TSAT ``%``; serum iron and TIBC both µg/dL or both µmol/L (TSAT is their
  ratio, so either works); haemoglobin g/dL, or g/L when so marked or when the number is above 30 (divided by 10).
- ``infusion DATE`` (``infusión``): an iron infusion
- ``test DATE`` (``análisis``, ``prueba``): a planned blood test; ``test off``/``test cancel`` cancels it
- ``recall N`` (``recordar N``, an optional ``months``/``meses`` after): ask about a new test in N months
  (1–24); ``recall off``
- ``delete N`` (``borrar``, ``eliminar``, ``remove``): delete the N-th result of the list

``morning_no_iron`` records the test guidance "drawn in the morning after 24 hours without iron": True only when
both ``morning`` and ``fasting`` are given. One word alone is not enough (fasting says nothing of iron tablets, and
a morning draw nothing of fasting), so it stays None, as when neither is given, and the handler asks with buttons.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, TypeAlias

from bot.core.parsing import parse_int, parse_iso_date
from bot.core.words import TODAY, Phrase, fold, phrase_at

# Plausibility: outside these a value is far more likely a typo or a wrong unit than a real result.
FERRITIN_MIN, FERRITIN_MAX = 1, 5000  # ng/mL (= µg/L)
TSAT_MIN, TSAT_MAX = 1, 100  # %
HB_MIN_G_DL, HB_MAX_G_DL = 3, 25  # g/dL
HB_G_L_ABOVE = 30  # a haemoglobin number above this is in g/L (13.5 g/dL = 135 g/L)
TSAT_DISAGREE_POINTS = 2  # a typed TSAT further than this from iron/TIBC × 100 is a problem
RECALL_MONTHS_MIN, RECALL_MONTHS_MAX = 1, 24
POSITION_MAX = 999  # the largest N of "the N-th result in the list"

# The consensus thresholds (IRLSSG 2018, RLS Foundation advisers 2021, adopted by the AASM 2024 guideline as a
# good practice statement) as general information; content/*/pages/treatments.toml words them for people.
FERRITIN_THRESHOLD_NG_ML = 75  # ferritin at or below: iron by mouth or IV is suggested
FERRITIN_IV_ONLY_THRESHOLD_NG_ML = 100  # above 75 and up to this: IV iron only is suggested
TSAT_THRESHOLD_PERCENT = 20  # TSAT below: iron by mouth or IV is suggested

IronVerb = Literal["list", "result", "infusion", "test", "recall", "delete"]
IronField = Literal["ferritin", "tsat", "iron", "tibc", "hb", "months", "position"]
IronUnit = Literal["µg/dL", "µmol/L"]
IronProblemKind = Literal[
    "unknown_verb",  # text: the first word
    "missing_date",  # a result, infusion or test without its date first
    "bad_date",  # text: the date not understood (not YYYY-MM-DD, or not a real day)
    "missing_value",  # a result with none of ferritin, TSAT, or iron with TIBC
    "missing_number",  # field: the keyword, or N, with no number after it
    "bad_number",  # field; text: what came instead of the number (or N, or an ambiguous 1.200)
    "bad_unit",  # field; text: a unit that does not go with the field
    "out_of_range",  # field; text: the number as typed (for a computed TSAT, the computed value)
    "repeated",  # field (None for the date); text: the keyword given twice
    "missing_pair",  # field: "iron" or "tibc", the one missing when only the other was given
    "iron_not_below_tibc",  # serum iron must be below TIBC; text: both, as typed
    "units_differ",  # serum iron and TIBC were given in different units; text: both units
    "disagree",  # the typed TSAT and iron/TIBC × 100 differ by more than 2; text: TSAT as typed; computed
    "unexpected",  # text: the first word that fits no part of the form
]
FerritinSide = Literal["at_or_below_75", "above_75_to_100", "above_100"]
TsatSide = Literal["below_20", "20_or_above"]


@dataclass(frozen=True)
class IronList:
    """``/iron`` alone: show the results, infusions and planned test."""


@dataclass(frozen=True)
class IronResult:
    """One blood test's results; at least one of ``ferritin``, ``tsat`` is set (TSAT computed from iron and TIBC
    when only they were given)."""

    day: date | None  # None: today
    ferritin: float | None = None  # ng/mL
    tsat: float | None = None  # %, as typed, or computed (one decimal) when only iron and TIBC were given
    tsat_computed: bool = False
    iron: float | None = None  # serum iron, in iron_unit when known; set together with tibc
    tibc: float | None = None
    iron_unit: IronUnit | None = None  # None: not stated (the ratio needs no unit)
    hb_g_dl: float | None = None  # haemoglobin in g/dL, converted from g/L when needed
    morning_no_iron: bool | None = None  # True: drawn in the morning after 24 h without iron; None: not said


@dataclass(frozen=True)
class IronInfusion:
    """An iron infusion on ``day`` (None: today)."""

    day: date | None


@dataclass(frozen=True)
class IronPlanTest:
    """A blood test planned for ``day`` (None: today)."""

    day: date | None


@dataclass(frozen=True)
class IronCancelTest:
    """Cancel the planned blood test."""


@dataclass(frozen=True)
class IronRecall:
    """Ask about a new test in ``months`` months; None turns the question off."""

    months: int | None


@dataclass(frozen=True)
class IronDelete:
    """Delete the ``position``-th result of the list."""

    position: int


@dataclass(frozen=True)
class IronProblem:
    """What could not be read: ``kind`` says what, ``verb`` which form (None when the verb itself is unknown),
    ``field`` which value, ``text`` the person's own words at fault, ``computed`` the TSAT from iron/TIBC for
    ``disagree``."""

    kind: IronProblemKind
    verb: IronVerb | None
    field: IronField | None = None
    text: str = ""
    computed: float | None = None


IronCommand: TypeAlias = IronList | IronResult | IronInfusion | IronPlanTest | IronCancelTest | IronRecall | IronDelete


def transferrin_saturation(iron: float, tibc: float) -> float:
    """Serum iron / TIBC × 100, rounded half up to one decimal; both in the same unit (µg/dL or µmol/L).

    Raises ValueError unless both are finite, ``iron`` is not negative and ``tibc`` is above zero.
    """
    if not (math.isfinite(iron) and math.isfinite(tibc)) or iron < 0 or tibc <= 0:
        raise ValueError(f"no saturation for iron {iron!r} and TIBC {tibc!r}")
    return float(_saturation(Decimal(repr(iron)), Decimal(repr(tibc))))


def ferritin_side(ferritin_ng_ml: float) -> FerritinSide:
    """Which side of the consensus ferritin thresholds (75 and 100 ng/mL) the value lies on. Not advice."""
    if ferritin_ng_ml <= FERRITIN_THRESHOLD_NG_ML:
        return "at_or_below_75"
    if ferritin_ng_ml <= FERRITIN_IV_ONLY_THRESHOLD_NG_ML:
        return "above_75_to_100"
    return "above_100"


def tsat_side(tsat_percent: float) -> TsatSide:
    """Which side of the consensus TSAT threshold (20 %) the value lies on. Not advice."""
    return "below_20" if tsat_percent < TSAT_THRESHOLD_PERCENT else "20_or_above"


_LIST = frozenset({"list", "lista", "history", "historial", "historia"})
_INFUSION = frozenset({"infusion"})
_TEST = frozenset({"test", "analisis", "prueba"})
_RECALL = frozenset({"recall", "recordar"})
_DELETE = frozenset({"delete", "remove", "borrar", "eliminar"})
_OFF = frozenset({"off", "cancel", "cancelar", "no", "none", "ninguno", "ninguna"})
_MONTHS = frozenset({"month", "months", "mes", "meses"})
_VALUE_PHRASES: dict[IronField, tuple[Phrase, ...]] = {
    "ferritin": (("ferritin",), ("ferritina",)),
    "tsat": (
        ("tsat",),
        ("ist",),
        ("sat",),
        ("saturation",),
        ("saturacion",),
        ("transferrin", "saturation"),
        ("saturacion", "de", "transferrina"),
        ("saturacion", "de", "la", "transferrina"),
        ("indice", "de", "saturacion"),
        ("indice", "de", "saturacion", "de", "transferrina"),
    ),
    "iron": (("iron",), ("hierro",), ("fe",), ("serum", "iron"), ("hierro", "serico"), ("sideremia",)),
    "tibc": (("tibc",), ("ctfh",)),
    "hb": (("hb",), ("hgb",), ("haemoglobin",), ("hemoglobin",), ("hemoglobina",)),
}
_MORNING: tuple[Phrase, ...] = (("morning",), ("manana",), ("in", "the", "morning"), ("por", "la", "manana"))
_FASTING: tuple[Phrase, ...] = (("fasting",), ("fasted",), ("ayunas",), ("ayuno",), ("en", "ayunas"))
_UNITS: dict[IronField, dict[str, str]] = {
    "ferritin": {"ng/ml": "ng/mL", "ug/l": "µg/L"},
    "tsat": {"%": "%"},
    "hb": {"g/dl": "g/dL", "g/l": "g/L"},
    "iron": {"ug/dl": "µg/dL", "umol/l": "µmol/L"},
    "tibc": {"ug/dl": "µg/dL", "umol/l": "µmol/L"},
}
_IRON_UNITS: dict[str, IronUnit] = {"ug/dl": "µg/dL", "umol/l": "µmol/L"}
_KNOWN_UNITS = frozenset(unit for units in _UNITS.values() for unit in units)
_NUMBER = re.compile(r"([0-9]+)(?:[.,]([0-9]+))?(.*)", re.DOTALL)
_DATE_LIKE = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}")
_INTEGER_DIGITS_MAX, _DECIMALS_MAX = 6, 2
_TENTH = Decimal("0.1")


def parse_iron_command(argument: str) -> IronCommand | IronProblem:
    """The request in the argument of ``/iron``, or the problem that stops it being read. Never raises."""
    # "ferritin: 45, tsat=18;" reads as "ferritin 45 tsat 18"; a decimal comma inside a number stays.
    spaced = re.sub(r"[:=;]", " ", argument)
    words = [word.rstrip(",.") for word in spaced.split()]
    words = [word for word in words if word]
    if not words:
        return IronList()
    head, rest = fold(words[0]), words[1:]
    if head in _LIST:
        return IronProblem("unexpected", "list", text=rest[0]) if rest else IronList()
    if head in _INFUSION:
        day = _read_only_day(rest, "infusion")
        return day if isinstance(day, IronProblem) else IronInfusion(day)
    if head in _TEST:
        if len(rest) == 1 and fold(rest[0]) in _OFF:
            return IronCancelTest()
        day = _read_only_day(rest, "test")
        return day if isinstance(day, IronProblem) else IronPlanTest(day)
    if head in _RECALL:
        return _read_recall(rest)
    if head in _DELETE:
        return _read_delete(rest)
    day = _read_day(words[0], "result")
    if not isinstance(day, IronProblem):
        return _read_result(day, words[1:])
    folded = [fold(word) for word in words]
    if any(phrase_at(folded, 0, phrases) for phrases in (*_VALUE_PHRASES.values(), _MORNING, _FASTING)):
        return IronProblem("missing_date", "result")
    if _DATE_LIKE.fullmatch(words[0]):
        return day
    return IronProblem("unknown_verb", None, text=words[0])


def _unit_key(text: str) -> str:
    """A unit as compared: ``µg/dL``, ``μg/dl``, ``mcg/dL`` and ``ug/dl`` are one."""
    return text.casefold().replace("μ", "u").replace("µ", "u").replace("mcg", "ug").replace("mcmol", "umol")


def _saturation(iron: Decimal, tibc: Decimal) -> Decimal:
    return (iron / tibc * 100).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _read_day(word: str, verb: IronVerb) -> date | IronProblem | None:
    """A DATE word: the day, None for today, or a bad date."""
    if fold(word) in TODAY:
        return None
    day = parse_iso_date(word)
    return IronProblem("bad_date", verb, text=word) if day is None else day


def _read_only_day(words: Sequence[str], verb: IronVerb) -> date | IronProblem | None:
    if not words:
        return IronProblem("missing_date", verb)
    if len(words) > 1:
        return IronProblem("unexpected", verb, text=words[1])
    return _read_day(words[0], verb)


def _read_recall(words: Sequence[str]) -> IronRecall | IronProblem:
    if not words:
        return IronProblem("missing_number", "recall", "months")
    if len(words) == 1 and fold(words[0]) in _OFF:
        return IronRecall(None)
    months = parse_int(words[0], RECALL_MONTHS_MIN, RECALL_MONTHS_MAX)
    if months is None:
        return IronProblem("bad_number", "recall", "months", words[0])
    extra = words[2:] if len(words) > 1 and fold(words[1]) in _MONTHS else words[1:]
    return IronProblem("unexpected", "recall", text=extra[0]) if extra else IronRecall(months)


def _read_delete(words: Sequence[str]) -> IronDelete | IronProblem:
    if not words:
        return IronProblem("missing_number", "delete", "position")
    position = parse_int(words[0], 1, POSITION_MAX)
    if position is None:
        return IronProblem("bad_number", "delete", "position", words[0])
    return IronProblem("unexpected", "delete", text=words[1]) if len(words) > 1 else IronDelete(position)


@dataclass(frozen=True)
class _Value:
    number: Decimal
    typed: str  # the number and unit as the person wrote them
    unit: str | None  # normalised key of _UNITS[field], when given


def _read_result(day: date | None, words: Sequence[str]) -> IronResult | IronProblem:
    folded = [fold(word) for word in words]
    values: dict[IronField, _Value] = {}
    morning = fasting = False
    index = 0
    while index < len(words):
        field, length = _value_keyword(folded, index)
        if field is not None:
            if field in values:
                return IronProblem("repeated", "result", field, " ".join(words[index : index + length]))
            read = _read_value(field, words, folded, index + length)
            if isinstance(read, IronProblem):
                return read
            values[field], index = read
            continue
        if length := phrase_at(folded, index, _MORNING):
            morning, index = True, index + length
            continue
        if length := phrase_at(folded, index, _FASTING):
            fasting, index = True, index + length
            continue
        if folded[index] in TODAY or parse_iso_date(words[index]) is not None:
            return IronProblem("repeated", "result", None, words[index])
        return IronProblem("unexpected", "result", text=words[index])
    return _checked_result(day, values, True if morning and fasting else None)


def _value_keyword(folded: Sequence[str], index: int) -> tuple[IronField | None, int]:
    """The field whose keyword (longest phrase) starts at ``index``, and its length in words."""
    best: tuple[IronField | None, int] = (None, 0)
    for field, phrases in _VALUE_PHRASES.items():
        length = phrase_at(folded, index, phrases)
        if length > best[1]:
            best = (field, length)
    return best


def _read_value(
    field: IronField, words: Sequence[str], folded: Sequence[str], index: int
) -> tuple[_Value, int] | IronProblem:
    """The number (and unit, joined or the next word) at ``index``, and the index after them."""
    if index >= len(words):
        return IronProblem("missing_number", "result", field)
    typed = words[index]
    match = _NUMBER.fullmatch(typed)
    if match is None:
        if _value_keyword(folded, index)[0] or any(phrase_at(folded, index, flag) for flag in (_MORNING, _FASTING)):
            return IronProblem("missing_number", "result", field)  # "ferritin tsat 18": the number left out
        return IronProblem("bad_number", "result", field, typed)
    whole, decimals, unit_text = match.groups()
    if len(whole.lstrip("0")) > _INTEGER_DIGITS_MAX or len(decimals or "") > _DECIMALS_MAX:
        return IronProblem("bad_number", "result", field, typed)
    number = Decimal(f"{whole}.{decimals}" if decimals else whole)
    after = index + 1
    if not unit_text and after < len(words):
        next_word = words[after]
        if "/" in next_word or next_word == "%" or _unit_key(next_word) in _KNOWN_UNITS:
            unit_text, typed, after = next_word, f"{typed} {next_word}", after + 1
    unit: str | None = None
    if unit_text:
        unit = _unit_key(unit_text)
        if unit not in _UNITS[field]:
            return IronProblem("bad_unit", "result", field, unit_text)
    return _Value(number, typed, unit), after


def _checked_result(
    day: date | None, values: dict[IronField, _Value], morning_no_iron: bool | None
) -> IronResult | IronProblem:
    """The result once every value is plausible and they agree with each other."""
    ferritin, tsat, iron, tibc, hb = (values.get(field) for field in ("ferritin", "tsat", "iron", "tibc", "hb"))
    if ferritin is not None and not FERRITIN_MIN <= ferritin.number <= FERRITIN_MAX:
        return IronProblem("out_of_range", "result", "ferritin", ferritin.typed)
    if tsat is not None and not TSAT_MIN <= tsat.number <= TSAT_MAX:
        return IronProblem("out_of_range", "result", "tsat", tsat.typed)
    if iron is not None and iron.number <= 0:
        return IronProblem("out_of_range", "result", "iron", iron.typed)
    if tibc is not None and tibc.number <= 0:
        return IronProblem("out_of_range", "result", "tibc", tibc.typed)
    hb_g_dl: Decimal | None = None
    if hb is not None:
        in_g_l = hb.unit == "g/l" or (hb.unit is None and hb.number > HB_G_L_ABOVE)
        hb_g_dl = hb.number / 10 if in_g_l else hb.number
        if not HB_MIN_G_DL <= hb_g_dl <= HB_MAX_G_DL:
            return IronProblem("out_of_range", "result", "hb", hb.typed)
    if iron is not None and tibc is not None and None not in (iron.unit, tibc.unit) and iron.unit != tibc.unit:
        return IronProblem("units_differ", "result", "tibc", f"{iron.typed} / {tibc.typed}")
    if iron is not None and tibc is None:
        return IronProblem("missing_pair", "result", "tibc")
    if tibc is not None and iron is None:
        return IronProblem("missing_pair", "result", "iron")
    if ferritin is None and tsat is None and iron is None:
        return IronProblem("missing_value", "result")
    tsat_value = None if tsat is None else tsat.number
    unit_key: str | None = None
    if iron is not None and tibc is not None:
        if iron.number >= tibc.number:
            return IronProblem("iron_not_below_tibc", "result", "iron", f"{iron.typed} / {tibc.typed}")
        computed = _saturation(iron.number, tibc.number)
        if tsat is None and not TSAT_MIN <= computed <= TSAT_MAX:
            return IronProblem("out_of_range", "result", "tsat", str(computed), float(computed))
        if tsat is not None and abs(tsat.number - computed) > TSAT_DISAGREE_POINTS:
            return IronProblem("disagree", "result", "tsat", tsat.typed, float(computed))
        tsat_value = tsat_value if tsat_value is not None else computed
        unit_key = iron.unit or tibc.unit
    return IronResult(
        day=day,
        ferritin=_float(None if ferritin is None else ferritin.number),
        tsat=_float(tsat_value),
        tsat_computed=tsat is None and tsat_value is not None,
        iron=_float(None if iron is None else iron.number),
        tibc=_float(None if tibc is None else tibc.number),
        iron_unit=None if unit_key is None else _IRON_UNITS[unit_key],
        hb_g_dl=_float(hb_g_dl),
        morning_no_iron=morning_no_iron,
    )


def _float(number: Decimal | None) -> float | None:
    return None if number is None else float(number)
