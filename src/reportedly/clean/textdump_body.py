"""Choosing a text dump's body and keeping its paragraphs.

The body is the run of lines with the largest total score (a maximum-sum segment, cut at comment
markers and favouring the run that starts under a headline the page title repeats); within it the
prose lines and the short subheadings between them become the ``paragraph`` layer.
"""

from __future__ import annotations

import re

from .furniture import furniture_kind, wire_dateline
from .textdump_lines import _Line, _Page
from .textdump_title import _find_title, _page_title_match, _set_apart_headline

#: An "About …" line closes the article when this many words of prose stand in the 20 lines above it.
ABOUT_AFTER = 100


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
                elif "about" in ln.tags and sum(
                        x.words for x in lines[max(0, ln.idx - 20) : ln.idx] if x.kind == "good") >= ABOUT_AFTER:
                    out.append(ln.idx)  # an "About …" box after the article; after a standfirst it is a link
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


#: The opening of an "about" paragraph at an article's foot: who wrote it ("Jane Doe (@jdoe) is a staff
#: writer at …") or who issued it ("Acme is a global solutions provider …", a press release's boilerplate).
_ABOUT_SELF = re.compile(
    r"^[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|\(@?\w+\)|of|and|&))*(?:,[^,]{1,60},)?\s+(?:is|are)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,4}?(?i:writer|reporter|editor|contributor|columnist|correspondent|journalist|author|producer|"
    r"provider|company|leader|manufacturer|developer|supplier|firm|organi[sz]ation|agency|maker|publisher|platform|"
    r"network|operator)s?\b")


#: Where people stand in a picture, which captions say and prose seldom does: "Jane Doe, left, and John Roe
#: shake hands …", "… pictured at the White House …", "from left", "(right)".
_PICTURED = re.compile(
    r",\s+(?:(?:far |second from |third from )?(?:left|right)|cent(?:er|re)|top|bottom|front|rear|foreground|background)"
    r"(?:,|\s+(?:to right|and|is|are|was|were|speaks|talks|walks|looks|poses|shakes)\b)|\bpictured\b|"
    r"\((?:left|right|cent(?:er|re))\)|\bfrom left\b|\bleft to right\b", re.IGNORECASE)

#: How far from the body's end (in kept lines) an "about" paragraph is read as its foot.
FOOT_LINES = 6

#: A line the body shows again is a paragraph shown twice (a caption repeating the lede) from this many
#: words; a shorter one recurs on purpose (an interview's question to each guest, a plan's row label).
REPEATED_PARAGRAPH = 8

#: A line of this many words inside the body segment is the article's whatever its stop-word density
#: or punctuation: menus and link lists are made of short labels, not of 13-word lines.
LONG_LINE = 13


def _keep_body(page: _Page) -> None:
    """The body: the segment's prose lines, the subheadings between them and its long lines (a list's
    items, a table's rows, a verse quoted in another script), less captions (a first line that says where
    people stand in a picture), the list a marker inside the article heads ("Most read" and the
    headlines under it, up to the next paragraph), paragraphs shown twice and the foot saying who wrote
    or issued the article; a wire dateline opening the first paragraph is marked."""
    lines, labels, i, j, doc = page.lines, page.labels, page.i, page.j, page.doc
    body_kinds = ("good", "medium")
    keep = page.keep
    in_list = False  # under a marker ("Most read", "Related") inside the article, up to its next paragraph
    for k in range(i, j + 1):
        ln = lines[k]
        if not page.fallback and (ln.kind == "end" or (in_list and ln.kind != "good")):
            in_list = True
            continue
        in_list = False
        if k in labels:
            continue
        if "caption" in ln.tags and (ln.kind != "good" or "credited" in ln.tags):
            labels[k] = "caption"
            continue
        if ln.kind in body_kinds or (page.fallback and ln.kind not in ("junk", "end")):
            keep.append(ln)
        elif ln.kind == "short" and ln.words >= 1 and not ln.text.isdigit():
            # a subheading between paragraphs
            # the article's lines around it: prose, or long lines (kept below whatever their kind)
            prev_ok = any(lines[x].kind in body_kinds or lines[x].words >= LONG_LINE for x in range(max(i, k - 2), k))
            next_ok = any(lines[x].kind in body_kinds or lines[x].words >= LONG_LINE
                          for x in range(k + 1, min(j + 1, k + 3)))
            if prev_ok and next_ok and ln.words <= 12 and furniture_kind(ln.text) is None:
                keep.append(ln)
                ln.tags.add("subheading")
            elif ln.words >= LONG_LINE and "teaser" not in ln.tags and furniture_kind(ln.text) is None:
                keep.append(ln)  # a list item, a table's row, a verse quoted in a script the stop words miss
    if len(keep) > 1 and _PICTURED.search(keep[0].text):
        labels[keep.pop(0).idx] = "caption"  # the picture above the article
    for n in range(max(1, len(keep) - FOOT_LINES), len(keep)):
        if _ABOUT_SELF.match(keep[n].text):
            del keep[n:]  # who wrote or issued the article, and the page's foot after it
            break
    seen_par: set[str] = set()
    for ln in keep:
        if ln.norm in seen_par and ln.words >= REPEATED_PARAGRAPH:
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
