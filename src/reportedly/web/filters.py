"""The template filters and labels of the web pages: snippets, dates, counts, quotations, the forms
a speaker was referred to by, and titles for untitled documents."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from ..attribution import lexicon
from ..corpus import speakers as speaker_names
from ..corpus.search import MARK_CLOSE, MARK_OPEN
from ..corpus.store import Store


def snippet_html(snippet: str | None) -> Markup:
    """A search snippet escaped, with its match markers as ``<mark>``."""
    s = str(escape(snippet or ""))
    return Markup(s.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


_QUOTES = "\"'“”‘’«»"
_DOUBLE = "\"“”«»"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def readable_date(value: str | None) -> str:
    """An ISO date as a reader writes it: "14 March 2025", "March 2025", "2025"; with a time,
    "14 March 2025, 08:40" (the zone, when given, as it was). Anything else is shown as it is."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$",
                  (value or "").strip())
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return value or ""
    year, month, day, clock, zone = m.groups()
    out = year if not month else f"{_MONTHS[int(month) - 1]} {year}"
    if day:
        out = f"{int(day)} {out}"
    if clock:
        out += f", {clock}" + (" UTC" if zone == "Z" else f" {zone}" if zone else "")
    return out


def counted(n: Any, word: str) -> str:
    """``3 documents``, ``1 document``: a count with its noun in the right number."""
    try:
        k = int(n or 0)
    except (TypeError, ValueError):
        k = 0
    return f"{k:,} {word if k == 1 else word + 's'}"


_OPENERS = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"'}
_CLOSERS = set("”»’\"")


def _quote_end(t: str) -> int | None:
    """Where the quotation that opens ``t`` closes (the index of its closing mark), or None when it
    does not close; curly marks nest ("“a ‘b’ c”"), a straight mark closes at the next one."""
    opener = t[0]
    closer = _OPENERS[opener]
    if opener == closer:
        end = t.find(closer, 1)
        return end if end > 0 else None
    depth = 0
    for i, c in enumerate(t):
        if c == opener:
            depth += 1
        elif c == closer:
            depth -= 1
            if depth == 0:
                return i
    return None


def unquote_text(text: str | None) -> str:
    """A quotation without its own outer quotation marks (the page adds its own).

    Only one whole quotation is unwrapped: ``"a" and "b"`` (two quotations, or one cut into parts:
    ``“How many times …?” … “In Tulsa …”``) keeps its marks. A quotation that opens and never
    closes, or closes and never opened (its words were cut off), loses that mark.
    """
    t = (text or "").strip()
    if len(t) >= 2 and t[-1] in "”»" and not any(c in t for c in "“«„"):
        return t[:-1].strip()  # the end of a quotation whose beginning was cut off
    if len(t) < 2 or t[0] not in _OPENERS:
        return t
    end = _quote_end(t)
    if end is None:
        if t[0] in "“«„" and not any(c in t for c in "”»"):
            return t[1:].strip()
        return t
    rest = t[end + 1:]
    if rest and rest not in (".", ",") or end < 2 and not rest:
        return t
    return t[1:end].strip()


def quotation(text: str | None) -> Markup:
    """Quoted words as HTML: one quotation inside the page's own marks (``<q>``; single ones when the
    words quote someone in turn), several (or one cut into parts) as they were written, with their
    own marks, so no mark is ever doubled."""
    inner = unquote_text(text)
    if inner[:1] in _OPENERS and _quote_end(inner) is not None:
        return Markup(f'<span class="quoted">{escape(inner)}</span>')
    if any(c in inner for c in "“”\"«»"):  # words quoted inside: single marks outside ('… “…” …')
        return Markup(f'<q class="outer">{escape(inner)}</q>')
    return Markup(f"<q>{escape(inner)}</q>")


#: Nouns that head a description of a person: titles and roles ("the general", "the regional transport
#: minister", "union secretary …", "the Republican nominee", "the billionaire mogul") and the unnamed
#: ("a spokesperson") — the lexicons the speaker and attribution steps read.
PERSON_HEADS = (speaker_names.TITLES | speaker_names.DESCRIPTORS | lexicon.ANONYMOUS_HEADS) - speaker_names.LEADING \
    - speaker_names.PRONOUNS
#: ... and of a body: outlets ("the newspaper"), governments and organisations ("the ministry", "the union").
BODY_HEADS = (PERSON_HEADS | speaker_names.ORG_WORDS | lexicon.OUTLET_ANAPHORS | lexicon.GOVERNMENT_WORDS
              | lexicon.ORG_WORDS) - speaker_names.LEADING - speaker_names.PRONOUNS
#: Honorifics and abbreviated titles, which name no one without a name after them ("Mrs", "Gen.").
_ABBREVIATED = frozenset(lexicon.ABBREVIATIONS) | {"miss", "mx", "sir", "dame", "lord", "lady"}
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "your", "my"})
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


def _word(w: str) -> str:
    """A word as compared: lower case, accents folded, without a possessive or a trailing stop."""
    w = re.sub(r"['’]s$", "", w)
    w = unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode("ascii").lower()
    return w.strip(".'’-")


def _role(word: str, heads: frozenset[str]) -> bool:
    return word in heads or any(p in heads for p in word.split("-") if p)


def names_or_describes(form: str, name: str | None, kind: str | None = "person") -> bool:
    """Whether a mention ``form`` is a name, a title or a description of the one called ``name``:
    "Gen. Mark Milley", "Milley's", "union secretary Ilse Brandvold", "the general", "The regional
    transport minister", "the newspaper" — not a pronoun ("he", "who") and not a phrase that only
    contains the name or ends on a function word ("footage of Trump", "most of", "But Trump").

    The head decides: in English a noun phrase ends on its head, before any "of"/"for" phrase. A
    form ending on words of the name is a name, when what precedes the name is nothing but
    determiners, or ends on a title or role word, or on a capitalised word ("Tory MP Jane Smith").
    Any other form is a description when its head is a role word of the lexicons — for a person
    (``kind`` "person" or unknown) :data:`PERSON_HEADS`, for a body :data:`BODY_HEADS` — or a
    capitalised word after a determiner ("the MP"); an honorific alone ("Mrs", "Gen.") is neither.
    """
    heads = PERSON_HEADS if kind in (None, "", "person") else BODY_HEADS
    pairs = [(w, _word(w)) for w in _NAME_WORD.findall(form or "")]
    raw, words = [r for r, w in pairs if w], [w for _, w in pairs if w]
    if not words:
        return False
    own = {_word(w) for w in _NAME_WORD.findall(name or "")} - {""} - _DETERMINERS
    k = len(words)
    while k and (words[k - 1] in own or (len(words[k - 1]) == 1 and k < len(words))):
        k -= 1
    named = any(w in own for w in words[k:])
    if not named and any(w in own for w in words):
        return False  # "Trump administration": the name qualifies another head
    head = list(range(k))  # indices of the words before the name (all of them for a description)
    cut = next((j for j, i in enumerate(head) if words[i] in ("of", "for")), None)
    if cut is not None:
        if named and cut == len(head) - 1:
            return False  # "footage of Trump": the phrase is about something of the person's
        if cut > 0 or not named:
            head = head[:cut]  # "Secretary of State …": the head comes before the "of" phrase
    determined = bool(head) and words[head[0]] in _DETERMINERS
    rest = [i for i in head if words[i] not in _DETERMINERS]
    if not rest:
        return named
    last = words[rest[-1]]
    if not named and len(rest) == 1 and last in _ABBREVIATED:
        return False
    if _role(last, heads):
        return True
    capitalised = (raw[rest[-1]][:1].isupper() and last not in speaker_names.LEADING
                   and last not in speaker_names.PRONOUNS)
    return capitalised and (named or determined)


def referring_forms(forms: Sequence[dict[str, Any]], name: str | None, kind: str | None = "person"
                    ) -> list[dict[str, Any]]:
    """The forms of :func:`names_or_describes` out of a speaker's ``referred_as`` list, in order."""
    return [f for f in forms if names_or_describes(str(f.get("form") or ""), name, kind)]


def untitled_label(input_name: str | None) -> str:
    """What stands for an article without a title: the file (or WARC record) it was read from."""
    return f"untitled: {input_name}" if input_name else "untitled article"


def with_labels(s: Store, rows: Sequence[dict[str, Any]], title: str = "title",
                doc_id: str = "document_id") -> list[dict[str, Any]]:
    """Copies of ``rows`` with ``label``: the article's title, else what it was read from (never its id)."""
    inputs: dict[str, str | None] = {}
    out = []
    for r in rows:
        label = (r.get(title) or "").strip()
        if not label:
            did = str(r.get(doc_id) or "")
            if r.get("input"):
                inputs[did] = r["input"]
            elif did not in inputs:
                inputs[did] = (s.document_summary(did) or {}).get("input")
            label = untitled_label(inputs.get(did))
        out.append({**r, "label": label})
    return out


def fill_months(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Counts per ``YYYY-MM`` with the months in between filled with zeros (at most 10 years shown)."""
    if not counts:
        return []
    months = sorted(counts)
    y, m = int(months[0][:4]), int(months[0][5:7])
    end = months[-1]
    out: list[tuple[str, int]] = []
    while len(out) < 120:
        key = f"{y:04d}-{m:02d}"
        out.append((key, counts.get(key, 0)))
        if key >= end:
            break
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _form_score(value: str) -> tuple[float, str | None]:
    """A minimum score typed in a form: (the number, or 0 with an error message)."""
    value = (value or "").strip()
    if not value:
        return 0.0, None
    try:
        score = float(value)
    except ValueError:
        return 0.0, f"min score {value!r} is not a number"
    if not 0.0 <= score <= 1.0:
        return 0.0, f"min score {value} is not between 0 and 1"
    return score, None
