"""Dateline parsing: find an absolute publication date in a short line and render it as ISO 8601.

The parser is a handful of precompiled patterns (ISO stamps, ``11 Nov, 2022``, ``November 20, 2019``,
``20.11.2019``, ``2019年11月20日`` …) with month names in several languages, plus a nearby clock time
and time zone. Relative expressions ("3 hours ago", "yesterday") give ``None``: they cannot be
resolved without knowing when the page was saved.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

_MONTHS: dict[str, int] = {}


def _add(names: str) -> None:
    for month, group in enumerate(names.split(";"), start=1):
        for name in group.split():
            _MONTHS[name.lower()] = month


# English (full, abbreviated), German, French, Spanish, Portuguese, Italian, Dutch, Indonesian, Russian.
_add(
    "january jan;february feb;march mar;april apr;may;june jun;july jul;august aug;"
    "september sep sept;october oct;november nov;december dec"
)
_add("januar jänner;februar;märz mär;april;mai;juni;juli;august;september;oktober okt;november;dezember dez")
_add(
    "janvier janv;février fevrier févr fevr;mars;avril avr;mai;juin;juillet juil;août aout;"
    "septembre;octobre;novembre;décembre decembre déc"
)
_add("enero ene;febrero;marzo;abril abr;mayo;junio;julio;agosto ago;septiembre setiembre;octubre;noviembre;diciembre dic")
_add("janeiro;fevereiro fev;março marco;abril;maio;junho;julho;agosto;setembro set;outubro out;novembro;dezembro dez")
_add("gennaio gen;febbraio;marzo;aprile;maggio mag;giugno giu;luglio lug;agosto;settembre;ottobre ott;novembre;dicembre")
_add("januari;februari;maart mrt;april;mei;juni;juli;augustus;september;oktober;november;december")
_add("januari;februari;maret;april;mei;juni;juli;agustus agu agt;september;oktober;november;desember des")
_add(
    "января январь янв;февраля февраль фев;марта март мар;апреля апрель апр;мая май;июня июнь июн;"
    "июля июль июл;августа август авг;сентября сентябрь сен сент;октября октябрь окт;ноября ноябрь ноя;"
    "декабря декабрь дек"
)

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_M = rf"(?P<mon>{_MONTH_ALT})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_ISO = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)"
    r"(?:[T ](?P<hh>[012]\d):(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?(?:\.\d+)?"
    r"(?P<tz>Z|[+-][01]\d:?[0-5]\d)?)?(?!\d)"
)
_DMY = re.compile(
    rf"(?<![\w.]){_DAY}\s*(?:de\s+|of\s+)?{_M}(?![^\W\d_])[\s,]*(?:de\s+)?{_YEAR}(?!\d)", re.IGNORECASE
)
_MDY = re.compile(rf"(?<![^\W\d_]){_M}(?![^\W\d_])\s*{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE)
_NUM_DMY = re.compile(r"(?<![\d./])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d.]\d)")
_NUM_YMD = re.compile(r"(?<![\d./])(?P<year>(?:19|20)\d\d)[./](?P<mon>[01]?\d)[./](?P<day>[0-3]?\d)(?![\d])")
#: "11/19/19 06:56 AM EST": month, day and a two-digit year, only taken with the clock time after it.
_NUM_MDY2 = re.compile(
    r"(?<![\d./])(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)/(?P<yy>\d\d)(?![\d/])(?=\s*[,|·-]?\s*[012]?\d:[0-5]\d)"
)
_CJK = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<mon>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日")

_TIME = re.compile(
    r"(?<![\d:.])(?P<hh>[012]?\d)[:h](?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?(?![\d/])\s*"
    r"(?P<ampm>[ap]\.?\s?m\b\.?)?\s*(?P<tz>UTC|GMT|Z\b|[+-][01]\d:?[0-5]\d|[A-Z]{2,4}\b)?",
    re.IGNORECASE,
)
_TZ_OFFSETS = {
    "UTC": "Z", "GMT": "Z", "Z": "Z",
    "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00",
    "PST": "-08:00", "PDT": "-07:00", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00", "IST": "+05:30",
    "HKT": "+08:00", "JST": "+09:00", "KST": "+09:00", "AEST": "+10:00", "AEDT": "+11:00", "MSK": "+03:00",
}  # fmt: skip
#: US zones named without saying whether summer time applies ("7:04 pm ET"): standard and summer offsets.
_US_ZONES = {"ET": ("-05:00", "-04:00"), "CT": ("-06:00", "-05:00"), "MT": ("-07:00", "-06:00"),
             "PT": ("-08:00", "-07:00")}
_RELATIVE = re.compile(
    r"\b(?:ago|yesterday|today|just now|hours? back|vor\s+\d|il y a|hace\s+\d|há\s+\d|назад|fa\b)\b", re.IGNORECASE
)
_TWO_DIGITS = re.compile(r"\d\d")
_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a string: the ISO rendering and the ``[start, end)`` of the date expression."""

    iso: str
    start: int
    end: int
    has_time: bool


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= _DAYS_IN[m - 1] and not (m == 2 and d == 29 and y % 4)


def _candidates(text: str):
    for m in _ISO.finditer(text):
        y, mo, d = int(m["year"]), int(m["mon"]), int(m["day"])
        if _valid(y, mo, d):
            clock = None
            if m["hh"]:
                tz = m["tz"] or ""
                if tz and tz != "Z" and ":" not in tz:
                    tz = tz[:3] + ":" + tz[3:]
                clock = (int(m["hh"]), int(m["mm"]), int(m["ss"] or 0), tz)
            yield m.start(), m.end(), y, mo, d, clock
    for rx in (_DMY, _MDY):
        for m in rx.finditer(text):
            y, month, d = int(m["year"]), _MONTHS.get(m["mon"].lower().rstrip(".")), int(m["day"])
            if month and _valid(y, month, d):
                yield m.start(), m.end(), y, month, d, None
    for m in _NUM_DMY.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
        # Dots are day-first everywhere; slashes are month-first unless that cannot be a date.
        order = [(b, a), (a, b)] if m["sep"] == "." else [(a, b), (b, a)]
        for mo, d in order:
            if _valid(y, mo, d):
                yield m.start(), m.end(), y, mo, d, None
                break
    for m in _NUM_MDY2.finditer(text):
        y, mo, d = 2000 + int(m["yy"]), int(m["mon"]), int(m["day"])
        if _valid(y, mo, d):
            yield m.start(), m.end(), y, mo, d, None
    for rx in (_NUM_YMD, _CJK):
        for m in rx.finditer(text):
            y, mo, d = int(m["year"]), int(m["mon"]), int(m["day"])
            if _valid(y, mo, d):
                yield m.start(), m.end(), y, mo, d, None


def _clock_near(text: str, start: int, end: int):
    """The clock time closest to the date expression ``text[start:end]``, if any, within 40 chars."""
    best = None
    masked = text[:start] + " " * (end - start) + text[end:]
    for m in _TIME.finditer(masked):
        dist = start - m.end() if m.end() <= start else m.start() - end
        if dist > 40 or dist < -1:
            continue
        hh, mm = int(m["hh"]), int(m["mm"])
        ampm = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hh < 12:
            hh += 12
        elif ampm == "am" and hh == 12:
            hh = 0
        if hh > 23:
            continue
        tz = (m["tz"] or "").upper()
        tz = _TZ_OFFSETS.get(tz, tz if tz in _US_ZONES else "")
        if best is None or dist < best[0]:
            best = (dist, (hh, mm, int(m["ss"] or 0), tz))
    return best[1] if best else None


def _us_summer_time(y: int, mo: int, d: int, hh: int) -> int:
    """1 when US summer time applies at this local time (second Sunday in March, 2 am, to the first
    Sunday in November, 2 am), else 0."""

    def sunday(month: int, nth: int) -> int:
        first = _dt.date(y, month, 1).weekday()  # Monday 0
        return 1 + (6 - first) % 7 + 7 * (nth - 1)

    start, end = (3, sunday(3, 2)), (11, sunday(11, 1))
    now = (mo, d)
    if start < now < end:
        return 1
    if now == start:
        return int(hh >= 2)
    if now == end:
        return int(hh < 1)  # 1-2 am comes twice that night: read as standard time
    return 0


def find_date(text: str) -> FoundDate | None:
    """The first absolute calendar date in ``text`` as ISO 8601, with a nearby time when there is one.

    >>> find_date("11 Nov, 2022 10:53").iso
    '2022-11-11T10:53:00'
    >>> find_date("November 20, 2019").iso
    '2019-11-20'
    >>> find_date("Published 3 hours ago") is None
    True
    """
    if not text or len(text) > 2000 or not _TWO_DIGITS.search(text):
        return None  # every date pattern holds a year: two digits in a row at least
    found = [c for c in sorted(_candidates(text), key=lambda c: (c[0], -c[1])) if not build_stamped(text, c[0])]
    if not found:
        return None
    start, end, y, mo, d, clock = found[0]
    if clock is None:
        clock = _clock_near(text, start, end)
    iso = f"{y:04d}-{mo:02d}-{d:02d}"
    if clock:
        hh, mm, ss, tz = clock
        if tz in _US_ZONES:
            tz = _US_ZONES[tz][_us_summer_time(y, mo, d, hh)]
        iso += f"T{hh:02d}:{mm:02d}:{ss:02d}{tz}"
    return FoundDate(iso, start, end, clock is not None)


#: What a build or deployment stamp puts before its date ("dt: 2019-11-14", "build 2019.11.14",
#: "deployed": 2019-11-14, "version=2019-11-14"): the day the site's software was made, not the article.
_BUILD_KEY = re.compile(
    r"(?:\b(?:dt|build|built|deploy(?:ed|ment)?|release[ds]?|version|ver|rev(?:ision)?|compiled|generated|commit)"
    r"[\"']?\s*[:=]?\s*[\"']?\s*|\b(?:build|deploy(?:ed|ment)?|compiled)\b[^\n<>]{0,40}?)$", re.IGNORECASE)


def build_stamped(text: str, at: int) -> bool:
    """Whether the date starting at ``at`` in ``text`` is a build or deployment stamp."""
    return bool(_BUILD_KEY.search(text, max(0, at - 60), at))


def is_relative_date(text: str) -> bool:
    """True when ``text`` states a time only relative to now ("Published 3 hours ago")."""
    return bool(_RELATIVE.search(text)) and find_date(text) is None


def parse_date(text: str) -> str | None:
    """ISO 8601 for the first absolute date in ``text``; ``None`` for relative or missing dates."""
    found = find_date(text)
    return found.iso if found else None
