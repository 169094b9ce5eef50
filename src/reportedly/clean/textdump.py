"""Text-dump cleaning: recover the article from a page a scraper saved as plain text.

A text dump is a web page rendered to lines: navigation and icon junk, the headline, a standfirst,
bylines and a dateline, image captions, the body paragraphs, then related lists, comments and the
footer. :class:`TextDumpCleaner` scores every line on general signals (length, stop-word density,
sentence punctuation, furniture vocabulary, repetition), picks the run of lines with the highest
total score as the article body (a maximum-sum segment, so short interruptions inside the article
are bridged while long menus are not), then reads the header zone above the body for the
headline, standfirst, bylines and dateline. Lines left out of the body go to their layers: picture
captions (by their credit or gallery counter) to ``caption``, teasers for other stories to ``teaser``,
wire slugs to ``slug``, the rest to ``boilerplate``; subheadings kept in the body are also marked
``subheading``. The text is never modified; every finding is a span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document
from .authors import clean_byline
from .credits import footer_outlet, headline_credit
from .dates import FoundDate, find_date
from .furniture import furniture_kind, wire_dateline
from .metadata import detect_language
from .vocab import (
    BYLINE_OPENER,
    BYLINE_ROLE,
    CAPTION_CREDIT,
    CAPTION_PAREN,
    COMMENTS_MARKER,
    CREDIT_LINE,
    DATE_OPENER,
    END_MARKER,
    ENGLISH_STOP_WORDS,
    GALLERY_CAPTION,
    JUNK_LONG,
    JUNK_LONG_NEEDS,
    JUNK_SHORT,
    RECOMMEND_MARKER,
    STOP_WORDS,
    is_caption,
    may_match,
)

#: The text-dump cleaner's version, stored in every record's provenance as the ``structure``
#: component's: bump it with any change to what the cleaner finds (its rules, vocabularies, the
#: outlets it knows), so ``ingest --update`` analyses stored text dumps again. 1.0: line scores,
#: max-sum body, header zone. 1.1: furniture lines as junk, wire slugs and body datelines, kept
#: tables, restated articles dropped, authors as person names, language detection, outlets filed
#: under the publisher a footer names. 1.2: bylines without "By" (a name before the date, "By" on a
#: line of its own, a bare name under the headline, the byline under a first showing of the headline),
#: "ET"/"PT" zones and two-digit years before a time, picture captions by their credit or gallery
#: counter, author bios and bylines inside the text cut, teaser and subheading layers. 1.2.1:
#: "Contributing: …" credit lines are furniture. 1.3.0: a first line that ends like a sentence read as
#: the title, credit lines to a ``credit`` layer, the article's facts listed under it and browser-update
#: banners as furniture, build stamps never a date, a reply opened by a dash ("— Well, …") read as prose.
#: ``tests/clean/test_version.py`` pins its output on the bundled example to this version.
CLEANER_VERSION = "1.3.0"

GOOD_OFFSET = 14.0
GOOD_FLOOR = 2.0
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_WORD = re.compile(r"\w+")
_ALPHA_WORD = re.compile(r"[^\W\d_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_SENT_END_CHARS = frozenset(".!?。！？…:;\"”’»)]")
#: Punctuation inside a line that prose has: a clause mark, or a sentence end followed by more text.
_CLAUSE_MARK = re.compile(r"[,;，、。]")
_SENT_INSIDE = re.compile(r"[^\s.][.!?。！？]\s+\S")
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
_NORM = re.compile(r"\W+")
_SITE_SEP = re.compile(r"(?<!\s)\s+(?:[-–—|:•·»]|--|::)\s+|(?<!\s)\s+[|]\s*")  # from a run's start: linear on long runs
_BYLINE_TAIL = re.compile(
    r"\s*(?:[|·•—–]|\s-\s|\bon\b\s+\w+|\bupdated\b|\bpublished\b|\bposted\b|\bin\b\s+[A-Z]|\bfor\b\s+|\bat\b\s+\d|\d).*$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(slots=True)
class _Line:
    idx: int
    start: int
    end: int
    text: str
    low: str
    words: int
    stop: float
    punct: bool
    norm: str
    kind: str = "short"  # good | medium | short | junk | end
    value: float = 0.0
    tags: set[str] = field(default_factory=set)
    found: FoundDate | None | bool = False  # the line's date once looked for (False: not yet)

    def date(self) -> FoundDate | None:
        """The first absolute date in the line (:func:`find_date`), looked for once."""
        if self.found is False:
            self.found = find_date(self.text)
        return self.found  # type: ignore[return-value]


def _norm(s: str) -> str:
    return _NORM.sub(" ", s.lower()).strip()


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    stop_words = STOP_WORDS.__contains__
    for m in _LINE.finditer(text):
        raw = m.group()
        body = raw.strip()
        if not body:
            continue
        start = m.start() + len(raw) - len(raw.lstrip())
        low = body.lower()
        toks = _WORD.findall(low)
        words = len(toks) if body.isascii() else len(toks) + len(_CJK.findall(body)) // 2
        n_alpha = len(toks) - sum(map(str.isdigit, toks))
        # digits are never stop words, so counting over every token counts over the alphabetic ones
        stop = sum(map(stop_words, toks)) / n_alpha if n_alpha else 0.0
        lines.append(
            _Line(
                len(lines),
                start,
                start + len(body),
                body,
                low,
                words,
                stop,
                body[-1] in _SENT_END_CHARS,  # the line is stripped: its last character ends it
                " ".join(toks),
            )
        )
    return lines


def _english_by_stop_words(keep: list[_Line]) -> str | None:
    """"en" when the kept lines are plainly English prose: of their first 400 words (at least 40),
    more than 20 % are English function words (English news runs 23-59 %, other languages' pages
    at most 8 % on the dev pages); else ``None`` and the language detector decides. Saves loading
    and running the detector on most pages."""
    words: list[str] = []
    for ln in keep[:40]:
        words.extend(ln.norm.split())
        if len(words) >= 400:
            break
    words = words[:400]
    if len(words) < 40:
        return None
    return "en" if sum(map(ENGLISH_STOP_WORDS.__contains__, words)) / len(words) > 0.2 else None


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
        about = _ABOUT_PERSON.match(t) if 3 <= w <= 6 and first in _ABOUT_WORDS else None
        if about and clean_byline(about.group(1))[0]:
            ln.kind, ln.value = "end", -15.0  # "About Jane Doe": the author's bio follows the article
            ln.tags.add("bio")
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


def _end_barriers(lines: list[_Line]) -> list[int]:
    """Indices of end markers ("Comments", "Related") that close an article run above them.

    In a header the same words are links, so a marker only counts when prose precedes it.
    """
    out = []
    for ln in lines:
        if ln.kind == "end":
            before = sum(x.value for x in lines[max(0, ln.idx - 20) : ln.idx] if x.value > 0)
            if before >= 30:
                if "comments" in ln.tags or "bio" in ln.tags:
                    out.append(ln.idx)
            else:
                ln.value = -4.0
    return out


def _kadane(lines: list[_Line], lo: int, hi: int) -> tuple[float, int, int]:
    best, best_i, best_j = 0.0, -1, -1
    cur, cur_i = 0.0, lo
    for k in range(lo, hi):
        if cur <= 0:
            cur, cur_i = 0.0, k
        cur += lines[k].value
        if cur > best:
            best, best_i, best_j = cur, cur_i, k
    return best, best_i, best_j


def _best_segment(lines: list[_Line], anchor: int | None) -> tuple[int, int] | None:
    """The ``[i, j]`` run of lines with the largest total score, or ``None``.

    A comment-section marker splits the page; a run after one counts for a quarter as much per
    marker crossed. ``anchor`` is the first prose line after a headline the page title points at:
    the best run that starts there wins unless another run is several times stronger.
    """
    barriers = _end_barriers(lines)
    bounds = [0] + [b + 1 for b in barriers] + [len(lines)]
    best, seg = 0.0, None
    anchored, anchored_seg = 0.0, None
    for n in range(len(bounds) - 1):
        lo, hi = bounds[n], bounds[n + 1]
        score, i, j = _kadane(lines, lo, hi)
        if i < 0:
            continue
        score *= 0.25**n
        if score > best:
            best, seg = score, (i, j)
        if anchor is not None and lo <= anchor < hi:
            run = 0.0
            for k in range(anchor, hi):
                run += lines[k].value
                if run > anchored:
                    anchored, anchored_seg = run, (anchor, k)
    if anchored_seg is not None and anchored * 3 >= best:
        return anchored_seg
    return seg


def _headline_like(ln: _Line) -> bool:
    return 2 <= ln.words <= 30 and ln.kind not in ("junk", "end") and not ln.text.endswith((",", ";"))


def _page_title_match(lines: list[_Line]) -> int | None:
    """The headline line that the dump's first line (the page ``<title>``) repeats, if any.

    Of several matches the one followed by the most prose wins (menus repeat headlines too).
    """
    first = lines[0]
    if first.words < 2 or len(first.norm) < 12:
        return None
    best, best_score = None, -1.0
    found: list[int] = []
    for ln in lines[1:]:
        if not _headline_like(ln) or len(ln.norm) < 12:
            continue
        if ln.norm == first.norm or (ln.norm in first.norm and len(ln.norm) >= 0.4 * len(first.norm)):
            found.append(ln.idx)
            after = sum(x.value for x in lines[ln.idx + 1 : ln.idx + 25] if x.value > 0)
            if after > best_score:
                best, best_score = ln.idx, after
    for k in found:
        # The headline over the article's first paragraphs, shown again over a picture gallery
        # further down: the first showing opens the article.
        if best is not None and k < best and lines[k].norm == lines[best].norm:
            between = [x for x in lines[k + 1 : best] if x.kind == "good" and "caption" not in x.tags]
            if len(between) >= 3 and sum(x.value for x in between) >= 40:
                return k
    for k in found:
        # "Opinion | Headline" in a menu, then the headline itself a few lines on: the headline.
        if best is not None and best < k <= best + 10 and lines[k].norm != lines[best].norm \
                and lines[k].norm in lines[best].norm:
            return k
    return best


def _find_title(lines: list[_Line], body_start: int) -> int | None:
    """Index of a headline line before the body when the page title does not point at one."""
    head_zone = lines[: max(body_start, 0) + 4]
    # A headline-shaped line that repeats around the start of the body (headline, then as a caption).
    seen: dict[str, int] = {}
    for ln in head_zone:
        if _headline_like(ln) and ln.words >= 4 and not ln.text.endswith("."):
            if (ln.norm in seen and ln.idx - seen[ln.norm] <= 6 and seen[ln.norm] <= body_start
                    and body_start - seen[ln.norm] <= 30):  # not a menu entry far above the article
                return seen[ln.norm]
            seen.setdefault(ln.norm, ln.idx)
    first = lines[0]
    if _headline_like(first) and first.words >= 3 and len(lines) > 1 and not first.text.endswith("."):
        return 0  # a lone line, or one that ends like a sentence, is the article rather than its headline
    return None


#: Longest first line (in words) read as a headline although it ends like a sentence.
_MAX_HEADLINE_WORDS = 20


def _set_apart_headline(lines: list[_Line], text: str) -> bool:
    """Whether the first line is a headline that ends like a sentence ("Poll: Clinton and Trump in
    dead heat."): short, set apart from what follows by a blank line (or ending in ";", a headline
    and its subheading), not a wire dateline, with at least two paragraphs of prose after it
    that are longer than it."""
    first = lines[0]
    if len(lines) < 3 or not 3 <= first.words <= _MAX_HEADLINE_WORDS or first.kind in ("junk", "end"):
        return False
    if text.count("\n", first.end, lines[1].start) < 2 and not first.text.endswith(";"):
        return False
    if wire_dateline(first.text):
        return False
    prose = [ln for ln in lines[1:12] if ln.kind in ("good", "medium") and ln.words > first.words]
    return len(prose) >= 2


def _headline_text(line: str) -> str:
    """A headline as the title: without the ";" that joins it to a subheading, nor the full stop
    some archives add ("Mixed messages on Trump leave plan."); "history. Again." keeps its own."""
    title = line.strip().removesuffix(";").rstrip()
    if title.endswith(".") and len(title) > 2 and (title[-2].islower() or title[-2].isdigit()) \
            and not _SENT_INSIDE.search(title):
        title = title[:-1]
    return title


def _title_span(text: str, ln: _Line, is_page_title: bool) -> tuple[int, int]:
    """The headline part of a title line; a page ``<title>`` loses its site-name suffix."""
    if not is_page_title:
        return ln.start, ln.end
    parts = list(_SITE_SEP.finditer(ln.text))
    if not parts:
        return ln.start, ln.end
    # Keep the longest segment: "Opinion | Headline - Site" -> "Headline".
    bounds = [0] + [p for m in parts for p in (m.start(), m.end())] + [len(ln.text)]
    segs = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    s, e = max(segs, key=lambda se: se[1] - se[0])
    if e - s < 0.35 * len(ln.text):
        return ln.start, ln.end
    return ln.start + s, ln.start + e


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

#: The layer of a line left out of the body for what it was tagged as.
_TAG_LAYER = {"credited": "caption", "pointer": "teaser", "contributors": "credit"}


@dataclass(slots=True)
class _Page:
    """What the cleaning steps share: the document, its lines, the body segment ``[i, j]`` (line
    indexes, both ends in), the headline's line and the layer each line was given so far."""

    doc: Document
    lines: list[_Line]
    i: int = 0
    j: int = 0
    title_idx: int | None = None
    fallback: bool = False
    headline_in_body: bool = False  # the title is read from the first line, which keeps its layer
    labels: dict[int, str] = field(default_factory=dict)
    keep: list[_Line] = field(default_factory=list)


def _score_lines(lines: list[_Line]) -> None:
    """Score every line (:func:`_classify`), then the marks that look at neighbouring lines."""
    # Stop-word density only means something when the text is in a language the list covers.
    prose = sum(1 for ln in lines if ln.words >= 12 and ln.stop >= 0.25)
    _classify(lines, lang_stop=prose >= 1)
    _mark_credited_captions(lines)
    _mark_teasers(lines)
    _mark_tables(lines)
    _mark_restatements(lines)
    _penalise_long_gaps(lines)


def _choose_body(page: _Page) -> None:
    """The body segment: the best-scoring run of lines, favouring one that starts right after a
    headline repeated from the page title; every non-junk line when nothing reads like prose."""
    lines = page.lines
    title_idx = _page_title_match(lines)
    anchor = None
    if title_idx is not None:
        for ln in lines[title_idx + 1 : title_idx + 12]:
            if ln.kind in ("good", "medium") and "credited" not in ln.tags:
                ln.value += 30.0
                anchor = ln.idx
                break
        for ln in lines[: title_idx + 1]:
            ln.value = min(ln.value, -1.0)
    seg = _best_segment(lines, anchor)
    page.fallback = seg is None
    # Nothing reads like prose (a one-line or list-like text): keep every non-junk line.
    page.i, page.j = seg if seg is not None else (0, len(lines) - 1)
    page.title_idx = title_idx if title_idx is not None else _find_title(lines, page.i)
    if page.title_idx is None and _set_apart_headline(lines, page.doc.text):
        page.headline_in_body = True


def _read_title(page: _Page) -> None:
    """The headline's span, title and credit; later showings of the headline become captions."""
    doc, lines, title_idx = page.doc, page.lines, page.title_idx
    text, meta = doc.text, doc.meta
    if page.headline_in_body:
        # A first line that ends like a sentence reads as the title, and keeps the layer it had
        # (a one-line lead paragraph looks the same), so what is analysed does not change.
        meta.title = meta.title or _headline_text(lines[0].text)
        return
    if title_idx is None:
        return
    tl = lines[title_idx]
    ts, te = _title_span(text, tl, is_page_title=(title_idx == 0 and tl.norm != ""))
    doc.add_span("title", ts, te)
    page.labels[title_idx] = "title"
    meta.title = meta.title or _headline_text(text[ts:te])
    if meta.headline_credit is None:
        meta.headline_credit = headline_credit(text[ts:te], ts, context=text[te:te + 20000])
    if page.i <= title_idx:
        page.i = title_idx + 1
    shown = _norm(text[ts:te]) if title_idx == 0 else None
    for ln in lines[title_idx + 1 :]:
        if ln.norm == tl.norm or (shown is not None and ln.norm and ln.norm == shown):
            page.labels.setdefault(ln.idx, "caption")


def _read_standfirst(page: _Page) -> None:
    """The standfirst: the prose line right after the headline when a non-body line separates it
    from the body (a byline, a dateline, a caption, the repeated headline)."""
    lines, title_idx, labels = page.lines, page.title_idx, page.labels
    if title_idx is None or title_idx == 0:
        return
    k = title_idx + 1
    while k < len(lines) and k <= title_idx + 3 and lines[k].kind in ("short", "junk") and lines[k].words <= 3:
        k += 1
    if not (k < len(lines) and k <= page.j and lines[k].kind in ("good", "medium") and lines[k].words >= 8
            and "credited" not in lines[k].tags):
        return
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    if nxt is None or not (nxt.kind not in ("good", "medium") or labels.get(nxt.idx) == "caption"
                           or _is_byline(nxt, None)[0] or nxt.words <= 12 and nxt.date()):
        return
    labels[k] = "standfirst"
    page.doc.add_span("standfirst", lines[k].start, lines[k].end)
    meta = page.doc.meta
    meta.description = meta.description or lines[k].text
    if page.i <= k:
        page.i = k + 1
        while page.i <= page.j and lines[page.i].kind not in ("good", "medium"):
            page.i += 1


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


def _keep_body(page: _Page) -> None:
    """The body: the segment's prose lines and the subheadings between them, less captions and
    paragraphs shown twice; a wire dateline opening the first paragraph is marked."""
    lines, labels, i, j, doc = page.lines, page.labels, page.i, page.j, page.doc
    body_kinds = ("good", "medium")
    keep = page.keep
    for k in range(i, j + 1):
        ln = lines[k]
        if k in labels:
            continue
        if "caption" in ln.tags and (ln.kind != "good" or "credited" in ln.tags):
            labels[k] = "caption"
            continue
        if ln.kind in body_kinds or (page.fallback and ln.kind not in ("junk", "end")):
            keep.append(ln)
        elif ln.kind == "short" and ln.words >= 1 and not ln.text.isdigit():
            # a subheading between paragraphs
            prev_ok = any(lines[x].kind in body_kinds for x in range(max(i, k - 2), k))
            next_ok = any(lines[x].kind in body_kinds for x in range(k + 1, min(j + 1, k + 3)))
            if prev_ok and next_ok and ln.words <= 12 and furniture_kind(ln.text) is None:
                keep.append(ln)
                ln.tags.add("subheading")
    seen_par: set[str] = set()
    for ln in keep:
        if ln.norm in seen_par and ln.words >= 3:
            labels[ln.idx] = "caption"
            continue
        if not seen_par:
            n = wire_dateline(ln.text)
            if n:
                doc.add_span("dateline", ln.start, ln.start + len(ln.text[:n].rstrip()))
        seen_par.add(ln.norm)
        labels[ln.idx] = "paragraph"
        doc.add_span("paragraph", ln.start, ln.end)
        if "subheading" in ln.tags:
            doc.add_span("subheading", ln.start, ln.end)  # in the body, and marked as a subheading


def _write_furniture(page: _Page) -> None:
    """Every line left out of the body to its layer: a tagged line to the tag's layer, runs of the
    rest to one ``boilerplate`` span each."""
    lines, labels, doc = page.lines, page.labels, page.doc
    for ln in lines:
        if ln.idx not in labels:
            for tag in ("slug", "byline", "credited", "teaser", "pointer", "contributors"):
                if tag in ln.tags:
                    labels[ln.idx] = _TAG_LAYER.get(tag, tag)
                    break
    run: list[_Line] = []  # consecutive furniture lines become one boilerplate span
    for ln in lines:
        lab = labels.get(ln.idx)
        if lab is None:
            run.append(ln)
            continue
        if run:
            doc.add_span("boilerplate", run[0].start, run[-1].end)
            run = []
        if lab in ("byline", "dateline", "caption", "slug", "teaser", "credit"):
            doc.add_span(lab, ln.start, ln.end)
    if run:
        doc.add_span("boilerplate", run[0].start, run[-1].end)


def _read_language(page: _Page) -> None:
    """The body's language: English by its function words, else the language detector's guess."""
    meta = page.doc.meta
    if meta.language:
        return
    keep = page.keep
    meta.language = _english_by_stop_words(keep) or detect_language(
        "\n".join(ln.text for ln in keep[:40]) or page.doc.text[:4000])
    if meta.language:
        meta.extra["language_detected"] = True


class TextDumpCleaner:
    """Finds boilerplate, headline, standfirst, dateline, bylines, captions and body paragraphs."""

    name = "textdump"

    @property
    def version(self) -> str:
        """:data:`CLEANER_VERSION`."""
        return CLEANER_VERSION

    def __call__(self, doc: Document) -> Document:
        """Clean ``doc`` in named steps: split and score its lines, choose the body, read the header
        (headline, standfirst, bylines, date), keep the body's paragraphs, file the rest."""
        lines = _split_lines(doc.text)
        if not lines:
            return doc
        _score_lines(lines)
        page = _Page(doc, lines)
        _choose_body(page)
        doc.meta.sitename = doc.meta.sitename or footer_outlet(doc.text)  # the publisher, not the headline's credit
        _read_title(page)
        _read_standfirst(page)
        _read_header(page)
        _keep_body(page)
        _write_furniture(page)
        _read_language(page)
        return doc
