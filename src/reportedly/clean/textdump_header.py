"""A text dump's header: bylines (and the names they give) and the publication date.

:func:`_is_byline` reads one line ("By Jane Doe", "By" alone above the name, "Jane Doe - Nov 19,
2019", "… 7:45 am PST by Jane Doe", a bare name under the headline or above a date);
:func:`_read_header` reads the zone around the headline and above the body for the authors and the date.
"""

from __future__ import annotations

import re

from .authors import clean_byline
from .dates import find_date
from .textdump_lines import _WORD, _Line, _Page
from .vocab import BYLINE_OPENER, BYLINE_ROLE, DATE_OPENER, STOP_WORDS

_BYLINE_TAIL = re.compile(
    r"\s*(?:[|·•—–]|\s-\s|\bon\b\s+\w+|\bupdated\b|\bpublished\b|\bposted\b|\bin\b\s+[A-Z]|\bfor\b\s+|\bat\b\s+\d|\d).*$",
    re.IGNORECASE | re.DOTALL,
)

_WEEKDAY_TAIL = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s*$", re.IGNORECASE
)
_PHOTO_CREDIT = re.compile(r"\b(?:getty|shutterstock|istock|images?|photos?|photography|pictures?|via)\b", re.IGNORECASE)


def _authors_from(text: str) -> list[str]:
    """Names in a byline: "By Jane Doe and John Roe", "Jane Doe | Reuters", "Tom Krisher, AP Auto Writer".

    The shared byline cleaning (:func:`reportedly.clean.authors.clean_byline`) splits off labels,
    roles and agencies; a date or place that follows the names is cut first.
    """
    rest = BYLINE_OPENER.sub("", text, count=1)
    found = find_date(rest) if rest else None
    if found and found.start > 0:
        rest = rest[: found.start]  # "Chris Pokorny Nov 18, 2019": the month is no part of the name
    rest = _BYLINE_TAIL.sub("", rest) if rest else rest
    people, agencies = clean_byline(rest)
    return people or agencies


#: "By" alone on its line (the name follows on the next one).
_BY_ALONE = re.compile(r"^(?:by|von|par|por|di|door|oleh|av|af)\s*:?$", re.IGNORECASE)
#: "… 7:45 am PST by Joe Rossignol": a byline after the date on the same line.
_BY_INSIDE = re.compile(r"\s(?:by|von|par|por|oleh)\s+(?=[^\W\d_])", re.IGNORECASE)
#: Social handles beside a name ("Nishant Kumar @Nishantopines").
_HANDLE = re.compile(r"(?<!\s)\s*\(?@\w+\)?")  # no search from inside a run of spaces: linear on long runs
_HEAD_SEP = re.compile(r"(?<![\s\-–—|·•:,])[\s\-–—|·•:,]+$")  # from a run's start: linear on long runs


def _name_only(text: str, bare: bool = False) -> list[str]:
    """The names when ``text`` is nothing but one byline's names (persons, or an agency), else ``[]``.

    "Anna Menin", "Tom Davies Associated Press", "Reuters": every word belongs to a name or an agency.
    ``bare`` (a line with nothing but names on it, which captions and menus have too): persons of two
    or three words (the middle one an initial or a particle), no function word or control ("Learn More").
    """
    if "/" in text:
        return []  # a picture credit: "Jane Doe/AP"
    people, agencies = clean_byline(text)
    named = " ".join(people + agencies).lower()
    words = _WORD.findall(text)
    if not words or len(people) > 3 or not (people or agencies):
        return []
    if any(w.lower() not in named and w.lower() not in _JOINERS for w in words):
        return []
    for person in people if bare else ():
        parts = person.split()
        if len(parts) > 3 or (len(parts) == 3 and len(parts[1].rstrip(".")) > 1 and parts[1].lower() not in _PARTICLES):
            return []
        if any((w.lower() in STOP_WORDS and w.lower() not in _PARTICLES) or w.lower() in _UI_WORDS for w in parts):
            return []
    return people or agencies


_JOINERS = frozenset("and with und et y e и".split())
#: Words of a page's controls, which a line of two capitalised words may be ("Next Story", "Search Text").
_UI_WORDS = frozenset(
    "search text next previous prev story stories menu home share close open view read click sign log print email "
    "comment comments reply follow subscribe skip main content back top page video watch listen play live latest "
    "show hide edit update updated posted photo photos gallery image images more load".split()
)
_PARTICLES = frozenset("de da do dos das van von der den del della la le di du bin ibn al el ter ten zu y".split())


def _is_byline(ln: _Line, nxt: _Line | None, near_title: bool = False) -> tuple[bool, list[str]]:
    """Whether ``ln`` is a byline, and the names it gives.

    ``near_title``: the line comes right after the headline (or its standfirst), where a bare name
    ("Anna Menin") is the byline; elsewhere a bare name needs a date on the next line to count.
    """
    if ln.words > 16 or ln.kind == "end":
        return False, []
    t = ln.text
    if _BY_ALONE.match(t):
        if nxt is not None and nxt.words <= 16:  # "By" alone; the name is on the next line
            names = _authors_from(_HANDLE.sub("", nxt.text))
            return bool(names), names
        return False, []
    if BYLINE_OPENER.match(t):
        names = _authors_from(_HANDLE.sub("", t))
        if names:
            return True, names
    head, sep, tail = t.partition(" | ")
    if not sep:
        head, sep, tail = t.partition(", ")
    if sep and (BYLINE_ROLE.search(tail) or (sep == " | " and len(tail.split()) <= 4)) and not _PHOTO_CREDIT.search(tail):
        people, _ = clean_byline(head)
        if len(people) == 1 and len(people[0].split()) >= 2:
            return True, people
    if _PHOTO_CREDIT.search(t) or t.startswith(("(", "[")):
        return False, []  # a picture credit: "(Reed Saxon / Associated Press)"
    bare = _HANDLE.sub("", t).strip()
    found = ln.date() if bare == t else find_date(bare)
    if found:
        # "Monday November 18, 2019 7:45 am PST by Joe Rossignol"
        m = _BY_INSIDE.search(bare, found.end)
        if m:
            names = _authors_from(bare[m.end():])
            if names:
                return True, names
        # "Chris Davies - Nov 19, 2019", "Reuters November 18, 2019 11:03 PM": the names, then the date
        head = _WEEKDAY_TAIL.sub("", bare[: found.start]).rstrip()
        if head[:1].isupper() and not head.endswith(",") and head.count(" ") < 10:  # "NEW YORK, Nov. 20": a place
            head = _HEAD_SEP.sub("", head)
            names = _name_only(head) if head else []
            if names:
                return True, names
        return False, []
    if ln.words > 9 or not bare[:1].isupper():
        return False, []
    if not (near_title or (nxt is not None and nxt.words <= 12 and nxt.date())):
        return False, []
    names = _name_only(bare, bare=True)
    return bool(names), names


#: A dateline that says it is the publication date.
_PUBLISHED = re.compile(r"publi|posted|veröff|diterbit|опублик", re.IGNORECASE)


def _read_header(page: _Page) -> None:
    """Bylines and datelines in the header zone (the lines around the headline and above the body):
    the authors and the publication date."""
    lines, labels, i, title_idx = page.lines, page.labels, page.i, page.title_idx
    meta = page.doc.meta
    zone_lo = max(0, (title_idx if title_idx is not None else i) - 8)
    zone = list(range(zone_lo, min(len(lines), i + 2)))
    # The byline sits under the headline, which a page may show twice (above a picture gallery,
    # then over the text): the lines after each showing before the body belong to the zone too.
    heads = [] if title_idx is None else [
        ln.idx for ln in lines[1 : i + 1] if ln.idx == title_idx or (ln.norm and ln.norm == lines[title_idx].norm)]
    after_head = {x for h in heads for x in range(h + 1, h + 3)}
    if "standfirst" in labels.values():
        after_head.update(x + 1 for x, lab in labels.items() if lab == "standfirst")
    zone += sorted({x for h in heads for x in range(h + 1, min(len(lines), h + 7))} - set(zone))
    authors: list[str] = []
    date_line: tuple[int, str] | None = None
    date_fallback: tuple[int, str] | None = None
    for k in zone:
        ln = lines[k]
        if k in labels:
            continue
        if k >= i and lines[k].kind == "good":
            continue
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        ok, names = _is_byline(ln, nxt, near_title=k in after_head)
        if ok and title_idx is not None and ln.norm in lines[title_idx].norm:
            ok = False  # a part of the headline ("Classificação NASCAR | Autoracing")
        if ok:
            labels[k] = "byline"
            authors.extend(n for n in names if n not in authors)
            if _BY_ALONE.match(ln.text) and nxt is not None:
                labels[k + 1] = "byline"
        if ln.words <= 20:
            found = ln.date()
            if found:
                if k not in labels:
                    labels[k] = "dateline"
                pick = (k, found.iso)
                if DATE_OPENER.search(ln.low) and _PUBLISHED.search(ln.text):
                    date_line = date_line or pick
                elif title_idx is None or k >= title_idx - 2:
                    date_fallback = date_fallback or pick
                elif date_fallback is None or date_fallback[0] < zone_lo:
                    date_fallback = pick
    if meta.date is None:
        chosen = date_line or date_fallback
        if chosen is None:
            for ln in lines[: i + 1]:
                if ln.words <= 20:
                    f = ln.date()
                    if f:
                        chosen = (ln.idx, f.iso)
        if chosen:
            meta.date = chosen[1]
    if not meta.authors:
        meta.authors = authors
