"""Scoring a text dump's lines: how much each looks like the article's prose.

:func:`_classify` gives every line a kind (good, medium, short, junk, end) and a score from its own
signals (length, stop-word density, sentence punctuation, furniture vocabulary, repetition); the
marks after it look at neighbouring lines (picture credits and their captions, teaser lists, tables
an article introduces, the article restated in one line, long runs without prose).
"""

from __future__ import annotations

import re

from .authors import clean_byline
from .furniture import furniture_kind
from .textdump_header import _authors_from
from .textdump_lines import _CJK, _SENT_INSIDE, _Line
from .vocab import (
    BYLINE_OPENER,
    CAPTION_CREDIT,
    CAPTION_PAREN,
    COMMENTS_MARKER,
    CREDIT_LINE,
    END_MARKER,
    GALLERY_CAPTION,
    JUNK_LONG,
    JUNK_LONG_NEEDS,
    JUNK_SHORT,
    RECOMMEND_MARKER,
    is_caption,
    may_match,
)

GOOD_OFFSET = 14.0
GOOD_FLOOR = 2.0
#: Punctuation inside a line that prose has: a clause mark, or a sentence end followed by more text.
_CLAUSE_MARK = re.compile(r"[,;，、。]")
_URLISH = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$|^@\w+$|^#\w+(?:\s+#\w+)*$")
_ICON_RUN = re.compile(r"\b(?:icon|chevron|arrow|btn|svg)\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.])\d[\d.,:]*(?!\w)")
#: How a teaser cut short ends (lines are stripped): "…", "...", "[…]", "[...]".
_TEASER_ENDS = ("...", "…", "[…]", "[...]")
_LIST_ROW = re.compile(r"\d.*\s(?:--?|–|—|@|\|)\s|\s(?:--?|–|—|@|\|)\s.*\d")
_RELATIVE_STAMP = re.compile(
    r"^(?:updated\s+|posted\s+)?\d+\s*(?:[smhdw]|mins?|minutes?|hrs?|hours?|days?|weeks?|months?)\s+ago\b.{0,20}$",
    re.IGNORECASE,
)
#: First words of the lines a few patterns can match, to skip the patterns on every other line.
_ABOUT_WORDS = frozenset("about über sobre à acerca informazioni over tentang об".split())
_OPENER_WORDS = frozenset("by von par por di door oleh av af autor autorin author text texte текст автор written "
                          "words reporting posted published story".split())
_GALLERY_WORDS = frozenset("image photo slide in".split())
_CREDIT_STARTS = ("(", "photo", "image", "picture", "foto", "bild", "slide")
_ABOUT_PERSON = re.compile(
    r"^(?:about|über|sobre|à propos de|acerca de|informazioni su|over|tentang|об авторе:?)\s+(.+?)\s*:?$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"^(?:[–—-]\s*)?[\"“‘'(«]?[^\W\d_].*[^\W\d]\S*[.!?][\"”’')»]?$")  # "— " opens a reply


_CASED_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: Prose is written in sentence case: a long line without a sentence end whose words (of a script with
#: capitals) start with a capital this often is names in a row, a tag list or link labels.
TITLE_CASED = 0.8


def _title_cased(t: str) -> float:
    """The share of the line's words in a cased script that start with a capital (0 under eight such words)."""
    ws = [x for x in _CASED_WORD.findall(t) if x[0].lower() != x[0].upper()]
    return sum(1 for x in ws if x[0].isupper()) / len(ws) if len(ws) >= 8 else 0.0


def _classify(lines: list[_Line], lang_stop: bool) -> None:
    """Give every line a kind and a score; positive scores are article-like."""
    counts: dict[str, int] = {}
    for ln in lines:
        counts[ln.norm] = counts.get(ln.norm, 0) + 1
    for ln in lines:
        t, w = ln.text, ln.words
        inside = bool(_CLAUSE_MARK.search(t) or _SENT_INSIDE.search(t))
        cjk = not t.isascii() and bool(_CJK.search(t))
        stop_ok = ln.stop >= 0.22 if (lang_stop and not cjk) else True
        if not stop_ok and ln.stop >= 0.1 and w >= 8 and _SENTENCE.match(t):
            stop_ok = True  # a name-heavy sentence: "LOS ANGELES, Sept. 28 (UPI) — In a preview clip …"
        if w <= 8 and (COMMENTS_MARKER.match(ln.low) or RECOMMEND_MARKER.match(ln.low)):
            ln.kind, ln.value = "end", -40.0
            ln.tags.add("comments")
            continue
        if w <= 8 and END_MARKER.match(ln.low):
            ln.kind, ln.value = "end", -15.0
            continue
        first = ln.low.split(" ", 1)[0]
        about = _ABOUT_PERSON.match(t) if 2 <= w <= 6 and first in _ABOUT_WORDS else None
        if about and w >= 3 and clean_byline(about.group(1))[0]:
            ln.kind, ln.value = "end", -15.0  # "About Jane Doe": the author's bio follows the article
            ln.tags.add("bio")
            continue
        if about and not JUNK_SHORT.search(ln.low):
            ln.kind, ln.value = "end", -15.0  # "About Ascom", "About this statement:": a box on who issued it
            ln.tags.add("about")
            continue
        if w <= 25 and first.rstrip(":") in _OPENER_WORDS and BYLINE_OPENER.match(t) and ln.date() and (
                " | " in t or _authors_from(t)):
            ln.kind, ln.value = "junk", -6.0  # "By Jane Doe on Monday, November 18th, 2019 at 11:08 a.m."
            ln.tags.add("byline")
            continue
        if "ago" in ln.low and _RELATIVE_STAMP.match(t):
            ln.kind, ln.value = "junk", -6.0
            continue
        if 4 <= w <= 45:  # shorter lines score as furniture anyway; kept subheadings are checked later
            furniture = furniture_kind(t)
            if furniture:
                ln.kind, ln.value = "junk", -6.0
                ln.tags.add(furniture)
                continue
        if _URLISH.match(t) or (ln.stop < 0.1 and "icon" in ln.low and len(_ICON_RUN.findall(ln.low)) >= 3):
            ln.kind, ln.value = "junk", -10.0
            continue
        if 3 <= w < 40 and (may_match(JUNK_LONG_NEEDS, ln.low) and JUNK_LONG.search(ln.low)):
            ln.kind, ln.value = "junk", -12.0
            continue
        if w <= 14 and JUNK_SHORT.search(ln.low):
            ln.kind, ln.value = "junk", -6.0
            continue
        if w >= 40 and (may_match(JUNK_LONG_NEEDS, ln.low) and JUNK_LONG.search(ln.low)) and ln.stop < 0.3:
            ln.kind, ln.value = "junk", -12.0
            continue
        if w <= 40 and t.endswith(_TEASER_ENDS):
            ln.kind, ln.value = "junk", -4.0  # a teaser cut short: related-article lists
            continue
        if w <= 60 and is_caption(ln.low):
            ln.tags.add("caption")
        if w <= 60 and (CAPTION_CREDIT.search(ln.low) or (ln.low[-1] == ")" and CAPTION_PAREN.search(ln.low))
                        or (first in _GALLERY_WORDS or first.isdigit()) and GALLERY_CAPTION.match(ln.low)):
            ln.tags.update(("caption", "credited"))
        if stop_ok and w >= 12 and not ln.punct and _title_cased(t) >= TITLE_CASED:
            stop_ok = False  # names in a row (tags, link labels), not a sentence
        repeated = counts[ln.norm] > 1 and w >= 3
        if (w >= 12 or (cjk and len(t) >= 40)) and stop_ok and (ln.punct or inside or (w >= 25 and ln.stop >= 0.15)):
            ln.kind, ln.value = "good", max(GOOD_FLOOR, float(min(w, 150)) - GOOD_OFFSET)
        elif w >= 5 and (ln.punct or inside) and stop_ok:
            ln.kind, ln.value = "medium", w * 0.5
        elif w >= 12 and stop_ok:
            ln.kind, ln.value = "medium", w * 0.3
        elif w <= 30 and len(_NUMBER.findall(t)) >= 3:
            ln.kind, ln.value = "short", -0.5  # a table row
            ln.tags.add("row")
        elif w >= 3 and ln.stop >= 0.2:
            ln.kind, ln.value = "short", -1.0  # a phrase: list item, subheading
        else:
            ln.kind, ln.value = "short", -2.0 - min(w, 8) * 0.25
        if ln.kind == "short" and 3 <= w <= 20 and _LIST_ROW.search(t):
            ln.tags.add("row")  # a dated or numbered list entry: "June 9 -- Coral Sky Amphitheatre, West Palm Beach"
        if repeated and ln.kind != "good":
            ln.value = min(ln.value, -3.0)
        if "caption" in ln.tags:
            ln.value = min(ln.value, -2.0) if w < 25 else ln.value * 0.3


def _mark_restatements(lines: list[_Line]) -> None:
    """A long line that repeats several earlier paragraphs run together (the article again, as a
    page's structured data or print copy renders it) is furniture, however much prose it holds."""
    seen: list[str] = []
    for ln in lines:
        if ln.kind != "good":
            continue
        if ln.words >= 80 and len(seen) >= 3:
            hits = sum(1 for key in seen if key in ln.norm)
            if hits >= 3:
                ln.kind, ln.value = "junk", -6.0
                ln.tags.add("repeat")
                continue
        if ln.words >= 12:
            seen.append(ln.norm[:80])


#: A table: at least this many number-heavy rows in a row.
TABLE_ROWS = 5


def _mark_tables(lines: list[_Line]) -> None:
    """Rows of a table that an article introduces ("Final standings after 36 races:") are content.

    A run of ``TABLE_ROWS`` or more number-heavy rows, one of the three lines above it prose or a
    line ending in a colon, scores like a short sentence per row; the column-header row above the
    run goes with it.
    """
    k, n = 0, len(lines)
    while k < n:
        if "row" not in lines[k].tags:
            k += 1
            continue
        j = k
        while j < n and "row" in lines[j].tags:
            j += 1
        if j - k >= TABLE_ROWS:
            head = k
            if k > 0 and lines[k - 1].kind == "short" and lines[k - 1].words <= 14:
                head = k - 1  # the column headers
            intro = lines[max(0, head - 3) : head]
            if any(x.kind in ("good", "medium") or x.text.endswith(":") for x in intro):
                for x in lines[head:j]:
                    x.kind, x.value = "medium", 1.0
                    x.tags.add("table")
                for x in intro:
                    if x.text.endswith(":") and x.kind == "short":
                        x.kind, x.value = "medium", max(x.value, 1.0)
        k = j


_ORDINAL = re.compile(r"^\(?(\d{1,3})[.)]\s+\S")
#: A numbered list: at least this many items numbered 1, 2, 3 … in order.
LIST_ITEMS = 3


def _mark_numbered_lists(lines: list[_Line]) -> None:
    """Items numbered 1, 2, 3 … in order that prose or a line ending in a colon introduces are the
    article's list (a ranking, the steps of a how-to, picks with their links), not furniture.

    Each item follows the one before within three lines; what stands between two items (a link, a
    price) goes with them, and so does the same number of lines after the last one when every item
    has it. Navigation is not numbered, so menus and teaser lists are left as they are.
    """
    k, n = 0, len(lines)
    while k < n:
        first = _ORDINAL.match(lines[k].text)
        if not first or first.group(1) != "1":
            k += 1
            continue
        items, j = [k], k + 1
        while j < n and j - items[-1] <= 3:
            m = _ORDINAL.match(lines[j].text)
            if m and int(m.group(1)) == len(items) + 1:
                items.append(j)
            j += 1
        intro = lines[max(0, k - 3) : k]
        # prose above a "Most read" marker does not introduce what follows the marker
        if len(items) < LIST_ITEMS or any(x.kind == "end" for x in intro) \
                or not any(x.kind in ("good", "medium") or x.text.endswith(":") for x in intro):
            k += 1
            continue
        gaps = {b - a for a, b in zip(items, items[1:], strict=False)}
        end = items[-1] + (gaps.pop() - 1 if len(gaps) == 1 else 0)
        for x in lines[k : min(end, n - 1) + 1]:
            if x.kind == "end":
                break
            x.kind, x.value = "medium", max(x.value, 1.0)
            x.tags.add("list")
        k = end + 1


def _mark_credited_captions(lines: list[_Line]) -> None:
    """A picture's caption is the line above its credit ("Photo: Hau Dinh, AP") or below its gallery
    counter ("Image 2 of 5"), and the same caption repeated just above it (a lede repeated below is
    the article's)."""
    for k, ln in enumerate(lines):
        if ln.words > 16 or not ln.low.startswith(_CREDIT_STARTS) or not CREDIT_LINE.match(ln.low):
            continue
        ln.tags.update(("caption", "credited"))
        ln.value = min(ln.value, -2.0)
        near = k + 1 if ln.low.split()[-1].isdigit() else k - 1  # a counter's caption follows it
        if not 0 <= near < len(lines):
            continue
        cap = lines[near]
        if cap.words > 60 or cap.kind == "end" or CREDIT_LINE.match(cap.low) or "caption" in cap.tags:
            continue
        for x in range(max(0, near - 2), near + 1):
            if lines[x].norm == cap.norm:
                lines[x].tags.update(("caption", "credited"))
                lines[x].value = min(lines[x].value, -2.0) if lines[x].words < 25 else lines[x].value * 0.3


def _headline_shaped(ln: _Line) -> bool:
    return (3 <= ln.words <= 20 and ln.kind in ("short", "medium") and not ln.text.endswith((".", ",", ";", ":"))
            and "caption" not in ln.tags)  # furniture or a picture's credit is no teaser's headline


def _mark_teasers(lines: list[_Line]) -> None:
    """Related-story lists read as headline, blurb, headline, blurb: three such pairs in a row are furniture."""
    cands: list[int] = []
    for k in range(1, len(lines)):
        ln = lines[k]
        if ln.kind in ("good", "medium") and ln.words <= 60 and _headline_shaped(lines[k - 1]):
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            if nxt is None or nxt.kind in ("junk", "end") or _headline_shaped(nxt):
                cands.append(k)
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 3:
            for k in run:
                for x in (k - 1, k):
                    lines[x].value = min(lines[x].value, -2.0)
                    lines[x].tags.add("teaser")

    for k in cands:
        if run and (k - run[-1] > 5 or any(lines[x].kind == "good" for x in range(run[-1] + 1, k - 1))):
            flush()
            run = []
        run.append(k)
    flush()


#: A run of this many non-prose lines is still bridged at face value (subheadings, a short list, a
#: caption block); each further line of the run costs ``GAP_COST`` more.
GAP_FREE = 8
GAP_COST = 4.0


def _penalise_long_gaps(lines: list[_Line]) -> None:
    """Long runs without prose (staff lists, menus, link farms) separate an article from what follows.

    A maximum-sum segment would bridge any gap that is cheaper than the prose behind it; making
    every line past the first ``GAP_FREE`` of a run dearer keeps short interruptions cheap while a
    long menu between the article and a donation appeal or a teaser block no longer pays off.
    """
    run = 0
    for ln in lines:
        if ln.value > 0:
            run = 0
            continue
        run += 1
        if run > GAP_FREE:
            ln.value -= GAP_COST


def _score_lines(lines: list[_Line]) -> None:
    """Score every line (:func:`_classify`), then the marks that look at neighbouring lines."""
    # Stop-word density only means something when the text is in a language the list covers.
    prose = sum(1 for ln in lines if ln.words >= 12 and ln.stop >= 0.25)
    _classify(lines, lang_stop=prose >= 1)
    _mark_credited_captions(lines)
    _mark_teasers(lines)
    _mark_tables(lines)
    _mark_numbered_lists(lines)
    _mark_restatements(lines)
    _penalise_long_gaps(lines)
