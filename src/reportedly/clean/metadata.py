"""Page facts as a researcher cites them: the headline without the site's name, the most precise
publication time the page's sources agree on, and the language of the text.

- :func:`clean_title` removes a site-name suffix ("… - TechCrunch", "… | Afghanistan News | Al
  Jazeera") or a section label ("Opinion | …"), knowing the site from its name (``og:site_name``,
  the JSON-LD publisher) or its domain, and prefers the page's visible headline (``<h1>``) when the
  page's other titles name the same story.
- :func:`best_date` parses every timestamp the page states (JSON-LD, meta tags; ISO 8601, RFC 2822,
  written dates) and keeps the most precise one that agrees with the reference day (within a day,
  since a timestamp in UTC may fall on the next calendar day), preferring a stated time zone.
- :func:`detect_language` names the language of a text with ``py3langid`` (its model ships inside
  the package; nothing is downloaded). The model loads on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from .dates import find_date

_SPACE = re.compile(r"\s+")
#: Separators between a headline and the site or section around it.
_SEP = re.compile(r"\s+(?:[|\-–—:·•»~/]|::|\\\\)\s+|\s+\|\s*|\s*\|\s+")
_ALNUM = re.compile(r"[\W_]+")
_TLD = re.compile(r"\.(?:com|net|org|co|info|news|tv|in|ca|uk|de|fr|br|ru|it|es|au|jp|io)\b", re.IGNORECASE)
_SECTION_WORDS = 3


def _key(text: str) -> str:
    text = _TLD.sub("", text.lower())
    text = re.sub(r"^(?:the|www)\b", "", text.strip())
    return _ALNUM.sub("", text)


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("…", "...").replace("–", "-").replace("—", "-")
    return _SPACE.sub(" ", _ALNUM.sub(" ", text.casefold())).strip()


def site_keys(sitenames: Iterable[str], url: str | None) -> set[str]:
    """Normalised forms of a site's names and of its domain's main label ("www.nj.com" → "nj")."""
    keys = {_key(s) for s in sitenames if s}
    if url:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        labels = [x for x in host.split(".") if x]
        if len(labels) >= 2:
            keys.add(_ALNUM.sub("", labels[-2] if labels[-2] not in ("co", "com", "org", "net", "gov") or len(labels) < 3
                                else labels[-3]))
            keys.add(_key(host))
    return {k for k in keys if len(k) >= 2}


def _is_site(segment: str, keys: set[str]) -> bool:
    k = _key(segment)
    if not k:
        return False
    if any(k == s or (len(s) >= 4 and (s in k or (len(k) >= 4 and k in s))) for s in keys):
        return True
    # "The New York Times" is "nytimes": initials, then the last word
    words = [w for w in _ALNUM.sub(" ", segment.lower()).split() if w != "the"]
    if 2 <= len(words) <= 5:
        short = "".join(w[0] for w in words[:-1]) + words[-1]
        return short in keys or "".join(w[0] for w in words) in keys
    return False


def clean_title(title: str | None, sitenames: Iterable[str] = (), url: str | None = None) -> str | None:
    """``title`` less a site-name suffix or prefix and trailing section labels.

    >>> clean_title("Startup raises $5m – TechCrunch", ["TechCrunch"])
    'Startup raises $5m'
    >>> clean_title("Opinion | Republicans Are Following Trump to Nowhere - The New York Times", ["NYTimes"])
    'Republicans Are Following Trump to Nowhere'
    """
    if not title:
        return title
    title = _SPACE.sub(" ", title).strip()
    keys = site_keys(sitenames, url)
    parts = _SEP.split(title)
    seps = _SEP.findall(title)
    if len(parts) < 2:
        return title
    # drop site names at either end
    while len(parts) > 1 and _is_site(parts[-1], keys):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and _is_site(parts[0], keys):
        parts.pop(0)
        seps.pop(0)
    if len(parts) > 1:
        longest = max(range(len(parts)), key=lambda i: len(parts[i]))
        words = len(parts[longest].split())
        others = [p for i, p in enumerate(parts) if i != longest]
        pipes = all(s.strip() in ("|", "::", "»", "•", "·") for s in seps)
        # "Opinion | Headline", "Headline | Editorial | Opinion": short labels around a headline
        if words >= 4 and all(len(p.split()) <= _SECTION_WORDS for p in others) and (
            pipes or (longest == 0 and len(others) == 1 and _is_site(others[0], keys))
        ):
            return parts[longest]
    out = title
    rebuilt = parts[0] + "".join(s + p for s, p in zip(seps, parts[1:], strict=True))
    if len(rebuilt) >= 0.35 * len(out):
        out = rebuilt
    return out


def pick_title(h1s: Sequence[str], candidates: Sequence[str | None], sitenames: Iterable[str] = (),
               url: str | None = None) -> str | None:
    """The page's headline: a visible ``<h1>`` that another title of the page repeats, else the first
    candidate with its site name removed."""
    sitenames = list(sitenames)
    cleaned = [clean_title(c, sitenames, url) for c in candidates if c and c.strip()]
    norms = [_norm(c) for c in cleaned if c] + [_norm(c) for c in candidates if c]
    for h in h1s:
        nh = _norm(h)
        if len(nh.split()) < 2 or len(nh.split()) > 40:
            continue
        if any(n == nh or (n.startswith(nh) and len(nh) >= 0.5 * len(n)) for n in norms):
            return clean_title(h, sitenames, url)
    return cleaned[0] if cleaned else None


# -- dates ---------------------------------------------------------------------------------------
def parse_stamp(value: str) -> tuple[str, int, date] | None:
    """A page timestamp as ``(iso, precision, local day)``; precision 3: time and zone, 2: time, 1: day."""
    value = (value or "").strip()
    if not value or len(value) > 80:
        return None
    stamp: datetime | None = None
    try:
        stamp = datetime.fromisoformat(value.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", value) else value)
    except ValueError:
        try:
            stamp = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            stamp = None
    if stamp is None:
        found = find_date(value)
        if found is None:
            return None
        try:
            stamp = datetime.fromisoformat(found.iso)
        except ValueError:
            return None
        if not found.has_time:
            return (stamp.date().isoformat(), 1, stamp.date()) if stamp.year >= 1990 else None
    if stamp.year < 1990:
        return None
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return stamp.date().isoformat(), 1, stamp.date()
    precision = 3 if stamp.tzinfo is not None else 2
    return stamp.isoformat(timespec="seconds"), precision, stamp.date()


def best_date(stamps: Iterable[str], reference: str | None) -> str | None:
    """The most precise of ``stamps`` that agrees with ``reference`` (a day, ``YYYY-MM-DD``).

    Stamps come most trusted first (JSON-LD ``datePublished``, then meta tags); a tie in precision
    keeps the earlier. Without a reference the first stamp sets the day the others must agree with.
    When no stamp agrees, the reference day stands.
    """
    parsed = [p for p in (parse_stamp(s) for s in stamps) if p]
    ref: date | None = None
    if reference:
        r = parse_stamp(reference)
        ref = r[2] if r else None
    if ref is None and parsed:
        ref = parsed[0][2]
    best: tuple[str, int, date] | None = None
    for p in parsed:
        if ref is not None and abs(p[2] - ref) > timedelta(days=1):
            continue
        if best is None or p[1] > best[1]:
            best = p
    if best is None:
        return reference
    if reference and best[1] == 1:
        return reference if len(reference) > len(best[0]) else best[0]
    return best[0]


# -- language ------------------------------------------------------------------------------------
_LANGID = None
#: Characters of a text the language is read from: a few sentences name it as well as a page does.
_SAMPLE = 600


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language ``text`` is written in, or ``None`` for a text without letters."""
    global _LANGID
    sample = (text or "")[:_SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return None
    if _LANGID is None:
        import py3langid

        _LANGID = py3langid
    lang, _ = _LANGID.classify(sample)
    return str(lang)
