"""A text dump's headline and standfirst.

The headline is the line the page title (the dump's first line) repeats, a headline-shaped line shown
twice around the start of the body, or the first line; its site-name suffix and section label are cut
from the title. The standfirst is the prose line under the headline that a non-body line separates from
the body.
"""

from __future__ import annotations

import re

from .credits import headline_credit
from .furniture import wire_dateline
from .textdump_header import _is_byline
from .textdump_lines import _SENT_INSIDE, _Line, _norm, _Page

_SITE_SEP = re.compile(r"(?<!\s)\s+(?:[-–—|:•·»]|--|::)\s+|(?<!\s)\s+[|]\s*")  # from a run's start: linear on long runs


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
