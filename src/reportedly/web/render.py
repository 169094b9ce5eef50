"""HTML pieces built in Python: the highlighted article text and small SVG charts.

Everything that comes from a document is escaped here; the results are :class:`markupsafe.Markup`
so templates insert them as they are.

Highlights may overlap or nest (a source inside a content, two attributions sharing a cue), so
the article is cut at every span start and end (a boundary sweep) and each piece becomes one flat
``<span>`` carrying every role and attribution active over it. Entity mentions ("he", "Mr. Obama",
"the newspaper") are a second layer inside those pieces: each stretch of a piece that a mention
covers becomes one ``<span class="ent" data-ent="e1 …">`` (innermost entity first) nested in the
piece's highlight, cut at the piece's edges, so the markup is valid whatever the spans do.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..document import Attribution, Document, Entity

ROLE_ORDER = {"src": 0, "cue": 1, "content": 2, "bp": 3, "claim": 4, "hedge": 5, "l-title": 6, "l-standfirst": 7,
              "l-byline": 8, "l-dateline": 9, "l-caption": 10}
PLAIN_ROLES = ("bp", "claim", "hedge", "l-title", "l-standfirst", "l-byline", "l-dateline", "l-caption")
#: Structure layers the article view styles: the headline and standfirst as such, bylines, datelines and
#: captions (a headline repeated under a photo, say) as page furniture.
STYLED_LAYERS = ("title", "standfirst", "byline", "dateline", "caption")
#: Layers that may open a page before its article starts (folded away with the navigation before them).
HEADER_LAYERS = frozenset({"boilerplate", "byline", "dateline"})


def speaker_hue(key: str | None) -> int:
    """A stable hue (0-359) for a speaker, so one person has one colour on every page."""
    if not key:
        return 0
    return int(hashlib.md5(key.encode("utf-8")).hexdigest()[:6], 16) % 360


@dataclass
class AttInfo:
    """What the page shows about one attribution."""

    att: Attribution
    speaker_id: str | None
    speaker: str
    hue: int
    chain: list[str]
    tooltip: str
    cue: str = ""
    content: str = ""

    def as_dict(self) -> dict[str, Any]:
        a = self.att
        return {"id": a.id, "speaker_id": self.speaker_id, "speaker": self.speaker, "anonymous": a.source.anonymous,
                "description": a.source.description, "kind": a.kind, "hedges": a.hedges, "date": a.date,
                "chain": self.chain}


def attribution_infos(doc: Document, speakers: dict[str, tuple[str | None, str | None]]) -> dict[str, AttInfo]:
    """Per attribution id: speaker, colour, relay chain and hover text."""
    by_id = {a.id: a for a in doc.attributions}
    out: dict[str, AttInfo] = {}

    def name(a: Attribution) -> str:
        sid, sname = speakers.get(a.id, (None, None))
        src_text = " … ".join(doc.text[s:e] for s, e in a.source.spans)
        if a.source.anonymous:
            return a.source.description or src_text or "anonymous source"
        return sname or a.source.entity or src_text or "unknown source"

    for a in doc.attributions:
        sid, _ = speakers.get(a.id, (None, None))
        chain, seen, cur = [], {a.id}, a
        while cur.via and cur.via in by_id and cur.via not in seen:
            seen.add(cur.via)
            cur = by_id[cur.via]
            chain.append(name(cur) + (f" ({cur.source.kind})" if cur.source.kind else ""))
        if cur.relay and cur.relay.get("outlet"):  # given to an outlet that has no attribution of its own
            chain.append(f"{cur.relay['outlet']} (outlet)")
        who = name(a)
        lines = [f"{who}" + (" — anonymous" if a.source.anonymous else "")]
        if a.source.role:
            lines.append(f"role: {a.source.role}")
        lines.append(f"kind: {a.kind}")
        if a.hedges:
            lines.append("hedged: " + ", ".join(a.hedges))
        if a.date:
            lines.append(f"date: {a.date}")
        if chain:
            lines.append("via: " + " → ".join(chain))
        hue = -1 if a.source.anonymous else speaker_hue(sid or who)
        out[a.id] = AttInfo(a, sid, who, hue, chain, "\n".join(lines),
                            cue=" … ".join(doc.text[s:e] for s, e in a.cue),
                            content=" … ".join(doc.text[s:e] for s, e in a.content))
    return out


def hedge_spans(doc: Document, reach: int = 40) -> list[tuple[int, int]]:
    """Where each attribution's hedging words stand in the text: near its own spans, same paragraph."""
    text = doc.text
    out: set[tuple[int, int]] = set()
    for a in doc.attributions:
        pairs = [*a.source.spans, *a.cue, *a.content]
        if not a.hedges or not pairs:
            continue
        lo, hi = min(p[0] for p in pairs), max(p[1] for p in pairs)
        para_lo = text.rfind("\n\n", 0, lo) + 1
        para_hi = text.find("\n\n", hi)
        lo, hi = max(lo - reach, para_lo), min(hi + reach, para_hi if para_hi >= 0 else len(text))
        for h in a.hedges:
            if not h.strip():
                continue
            pat = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, h.split())) + r"(?!\w)", re.IGNORECASE)
            out.update(m.span() for m in pat.finditer(text, lo, hi))
    return sorted(out)


def entity_label(ent: Entity) -> str:
    """What hovering a mention says: ``"→ Joe Biden (person)"``."""
    return f"→ {ent.name} ({ent.kind})" if ent.kind else f"→ {ent.name}"


def mention_segments(doc: Document) -> list[tuple[int, int, list[Entity]]]:
    """The stretches of text some entity mention covers, each with its entities, innermost first."""
    marks = [(s, e, ent) for ent in doc.entities for s, e in ent.mentions]
    if not marks:
        return []
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, (s, e, _) in enumerate(marks):
        starts.setdefault(s, []).append(i)
        ends.setdefault(e, []).append(i)
    bounds = sorted({*starts, *ends})
    active: set[int] = set()
    out: list[tuple[int, int, list[Entity]]] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        active.difference_update(ends.get(lo, ()))
        active.update(starts.get(lo, ()))
        if not active:
            continue
        ents: list[Entity] = []
        for i in sorted(active, key=lambda i: (-marks[i][0], marks[i][1] - marks[i][0], marks[i][2].id)):
            if all(x is not marks[i][2] for x in ents):
                ents.append(marks[i][2])
        out.append((lo, hi, ents))
    return out


class _Mentions:
    """Writes ``text[lo:hi]`` escaped, with the entity mentions inside it as nested spans (pieces in order)."""

    def __init__(self, text: str, segments: list[tuple[int, int, list[Entity]]]):
        self.text, self.segments, self.pos = text, segments, 0

    def html(self, lo: int, hi: int, tooltip: str | None = None) -> str:
        segs = self.segments
        while self.pos < len(segs) and segs[self.pos][1] <= lo:
            self.pos += 1
        out, at, j = [], lo, self.pos
        while j < len(segs) and segs[j][0] < hi:
            s, e, ents = segs[j]
            s, e = max(s, lo), min(e, hi)
            if at < s:
                out.append(str(escape(self.text[at:s])))
            title = "\n".join(entity_label(x) for x in ents) + (f"\n\n{tooltip}" if tooltip else "")
            out.append(f'<span class="ent" data-ent="{escape(" ".join(x.id for x in ents))}" '
                       f'title="{escape(title)}">{escape(self.text[s:e])}</span>')
            at = e
            j += 1
        if at < hi:
            out.append(str(escape(self.text[at:hi])))
        return "".join(out)


def _lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip())


def furniture_folds(doc: Document) -> list[tuple[int, int, str]]:
    """Where the article view folds page furniture away: ``(start, end, label)``, in order.

    The page header before the article — navigation, and the byline and dateline that the page's
    facts show anyway — is one fold, up to the headline, standfirst or first paragraph; each later
    run of boilerplate (share links, related stories, a footer) is another. A fold takes the blank
    lines after it with it, and a stretch where an attribution was found is never folded away.
    """
    text = doc.text
    found = sorted((s, e) for a in doc.attributions for s, e in (*a.source.spans, *a.cue, *a.content))

    def clear(lo: int, hi: int) -> bool:
        return not any(s < hi and e > lo for s, e in found)

    def past_blank(end: int) -> int:
        while end < len(text) and text[end] in " \t\r\n\f\v":
            end += 1
        return end

    folds: list[tuple[int, int, str]] = []
    body = [sp.start for name in ("title", "standfirst", "paragraph") for sp in doc.layer(name)]
    head_end = 0
    if body:
        start = min(body)
        covered = sorted((sp.start, sp.end) for name in HEADER_LAYERS for sp in doc.layer(name) if sp.start < start)
        if covered and text[:start].strip() and clear(0, start):
            # only header furniture (and blank lines) before the article: navigation, byline, date
            at, ok = 0, True
            for s, e in covered:
                if text[at:s].strip():
                    ok = False
                    break
                at = max(at, e)
            if ok and not text[at:start].strip():
                head_end = start
                present = {name for name in HEADER_LAYERS if any(sp.start < start for sp in doc.layer(name))}
                what = ", ".join(w for name, w in (("boilerplate", "navigation"), ("byline", "byline"),
                                                    ("dateline", "date")) if name in present)
                n = _lines(text[:start])
                folds.append((0, start, f"page header: {what} ({n} line{'' if n == 1 else 's'})"))
    runs: list[list[int]] = []
    for sp in sorted(doc.layer("boilerplate"), key=lambda sp: sp.start):
        if sp.end <= head_end:
            continue
        lo = max(sp.start, head_end)
        if runs and not text[runs[-1][1]:lo].strip():
            runs[-1][1] = max(runs[-1][1], sp.end)
        else:
            runs.append([lo, sp.end])
    for lo, hi in runs:
        if not text[lo:hi].strip() or not clear(lo, hi):
            continue
        n = _lines(text[lo:hi])
        where = "page header" if not body or lo < min(body) else "page furniture"
        folds.append((lo, past_blank(hi), f"{where}: navigation, links, notices ({n} line{'' if n == 1 else 's'})"))
    return folds


def highlight(doc: Document, infos: dict[str, AttInfo]) -> Markup:
    """The document text as HTML with sources, cues and contents highlighted (escaped piece by piece),
    every entity mention marked inside the highlights, the headline, standfirst and furniture layers
    styled, and page furniture folded away (:func:`furniture_folds`; each fold a ``<details>``)."""
    text = doc.text
    mentions = _Mentions(text, mention_segments(doc))
    marks: list[tuple[int, int, str, str | None]] = []
    for a in doc.attributions:
        marks += [(s, e, "src", a.id) for s, e in a.source.spans]
        marks += [(s, e, "cue", a.id) for s, e in a.cue]
        marks += [(s, e, "content", a.id) for s, e in a.content]
    marks += [(sp.start, sp.end, "bp", None) for sp in doc.layer("boilerplate")]
    marks += [(sp.start, sp.end, f"l-{name}", None) for name in STYLED_LAYERS for sp in doc.layer(name)]
    marks += [(s, e, "claim", None) for c in doc.claims for s, e in c.spans]
    marks += [(s, e, "hedge", None) for s, e in hedge_spans(doc)]
    folds = furniture_folds(doc)
    fold_open = {s: label for s, _, label in folds}
    fold_close = {e for _, e, _ in folds}
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, (s, e, _, _) in enumerate(marks):
        starts.setdefault(s, []).append(i)
        ends.setdefault(e, []).append(i)
    bounds = sorted({0, len(text), *starts, *ends, *fold_open, *fold_close})
    active: set[int] = set()
    out: list[str] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        active.difference_update(ends.get(lo, ()))
        active.update(starts.get(lo, ()))
        if lo in fold_open:
            out.append(f'<details class="fold"><summary>{escape(fold_open[lo])}</summary>')
        if hi in fold_close:
            out.append(_piece(lo, hi, active, marks, infos, mentions))
            out.append("</details>")
            continue
        out.append(_piece(lo, hi, active, marks, infos, mentions))
    return Markup("".join(out))


def _piece(lo: int, hi: int, active: set[int], marks: list[tuple[int, int, str, str | None]],
           infos: dict[str, AttInfo], mentions: _Mentions) -> str:
    """One stretch of the article between two boundaries, as HTML."""
    if not active:
        return mentions.html(lo, hi)
    act = [marks[i] for i in active]
    roles = sorted({m[2] for m in act}, key=ROLE_ORDER.__getitem__)
    att_marks = [(s, e, role, att) for s, e, role, att in act if att is not None]
    plain = [r for r in roles if r in PLAIN_ROLES]
    if not att_marks:
        return f'<span class="{" ".join(plain)}">{mentions.html(lo, hi)}</span>'
    # the innermost attribution mark (latest start, then shortest, then role) sets the colour
    inner = min(att_marks, key=lambda m: (-m[0], m[1] - m[0], ROLE_ORDER[m[2]]))
    info = infos[inner[3]]
    atts = sorted({m[3] for m in att_marks}, key=lambda x: (x != inner[3], x))
    classes = " ".join(["hl", *(f"r-{r}" for r in roles if r not in plain), *(["anon"] if info.hue < 0 else []),
                        *plain])
    style = f"--hue:{max(info.hue, 0)}"
    return (f'<span class="{classes}" style="{style}" data-att="{escape(" ".join(atts))}" '
            f'title="{escape(info.tooltip)}">{mentions.html(lo, hi, info.tooltip)}</span>')


def bar_chart(items: Sequence[tuple[str, float]], *, width: int = 560, height: int = 160,
              title: str = "", colour: str = "#4a78b5") -> Markup:
    """A small vertical bar chart (label, value) as inline SVG, each bar with a tooltip."""
    items = list(items)
    if not items:
        return Markup('<p class="muted">nothing to chart</p>')
    top = max(v for _, v in items) or 1
    pad_l, pad_b, pad_t = 30, 34, 14
    inner_w, inner_h = width - pad_l - 6, height - pad_b - pad_t
    bw = min(inner_w / len(items), 56.0)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             f'<text x="2" y="{pad_t}" class="axis">{escape(_fmt(top))}</text>',
             f'<line x1="{pad_l}" y1="{pad_t + inner_h}" x2="{width}" y2="{pad_t + inner_h}" class="base"/>']
    every = max(1, len(items) // 12)
    for i, (label, v) in enumerate(items):
        h = inner_h * (v / top)
        x = pad_l + i * bw
        parts.append(f'<rect x="{x + 1:.1f}" y="{pad_t + inner_h - h:.1f}" width="{max(bw - 2, 1):.1f}" '
                     f'height="{h:.1f}" fill="{colour}"><title>{escape(label)}: {escape(_fmt(v))}</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{height - pad_b + 14}" class="label" '
                         f'text-anchor="middle">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


SHARE_SERIES = (("named", "#3b7d3b"), ("anonymous", "#c0504d"), ("hedged", "#d9a21b"),
                ("relayed", "#4a78b5"), ("unsourced_claims", "#8a5fb0"))


def share_chart(rows: Sequence[dict[str, Any]], *, width: int = 640, height: int = 200, title: str = "") -> Markup:
    """Grouped bars of sourcing shares (0–1) per row (``label`` and ``shares``), with a legend."""
    rows = list(rows)
    if not rows:
        return Markup('<p class="muted">nothing to chart</p>')
    pad_l, pad_b, pad_t = 34, 46, 10
    inner_w, inner_h = width - pad_l - 6, height - pad_b - pad_t
    gw = inner_w / len(rows)
    bw = max((gw - 4) / len(SHARE_SERIES), 1)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for frac in (0, 0.5, 1):
        y = pad_t + inner_h * (1 - frac)
        parts.append(f'<line x1="{pad_l}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="2" y="{y + 4:.1f}" class="axis">{int(frac * 100)}%</text>')
    every = max(1, -(-len(rows) * 60 // inner_w))  # a label at least every 60 px
    for i, row in enumerate(rows):
        x0 = pad_l + i * gw + 2
        for j, (key, colour) in enumerate(SHARE_SERIES):
            v = float(row["shares"].get(key, 0.0))
            h = inner_h * v
            parts.append(f'<rect x="{x0 + j * bw:.1f}" y="{pad_t + inner_h - h:.1f}" width="{bw:.1f}" '
                         f'height="{h:.1f}" fill="{colour}"><title>{escape(row["label"])} {escape(key)}: '
                         f'{v:.0%}</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{x0 + gw / 2:.1f}" y="{pad_t + inner_h + 14}" class="label" '
                         f'text-anchor="middle">{escape(row["label"])}</text>')
    lx = pad_l
    for key, colour in SHARE_SERIES:
        parts.append(f'<rect x="{lx}" y="{height - 16}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{lx + 14}" y="{height - 7}" class="label">{escape(key.replace("_", " "))}</text>')
        lx += 24 + 7 * len(key)
    parts.append("</svg>")
    return Markup("".join(parts))


SHARE_LABELS = {"named": "named sources", "anonymous": "anonymous sources", "hedged": "hedged",
                "relayed": "relayed from outlets", "unsourced_claims": "unsourced claims"}


def share_bars(shares: dict[str, float], *, width: int = 420, title: str = "") -> Markup:
    """Horizontal bars, one per sourcing share (0–1), labelled with the percentage."""
    row_h, label_w = 26, 150
    height = row_h * len(SHARE_SERIES) + 6
    inner_w = width - label_w - 50
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (key, colour) in enumerate(SHARE_SERIES):
        v = max(0.0, min(1.0, float(shares.get(key, 0.0))))
        y = 4 + i * row_h
        parts.append(f'<text x="0" y="{y + 15}" class="label">{escape(SHARE_LABELS[key])}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{inner_w}" height="16" fill="#eef0f3"/>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{inner_w * v:.1f}" height="16" fill="{colour}">'
                     f'<title>{escape(SHARE_LABELS[key])}: {v:.0%}</title></rect>'
                     f'<text x="{label_w + inner_w + 6}" y="{y + 15}" class="label">{v:.0%}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"


def changed_words_html(content: str, changes: Sequence[dict[str, str]]) -> Markup:
    """A version of a statement, escaped, with the words it changed or added against the first
    quotation marked ``<ins>`` (whole words, first match after the previous one)."""
    text = content or ""
    targets = [ch["to"] for ch in changes if ch.get("to")]
    out, pos = [], 0
    for words in targets:
        pat = re.compile(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words.split()) + r"(?!\w)")
        m = pat.search(text, pos)
        if m is None:
            continue
        out.append(str(escape(text[pos:m.start()])))
        out.append(f'<ins class="chg">{escape(m.group(0))}</ins>')
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def statement_timeline(occurrences: Sequence[dict[str, Any]], *, width: int = 760, title: str = "") -> Markup:
    """An SVG timeline of a statement: one lane per outlet, a dot per occurrence (hollow when its quoted
    words were altered), an arrow from each relayed article to the occurrence that relays it."""
    import datetime as dt

    occ = list(occurrences)
    if not occ:
        return Markup('<p class="muted">nothing to show</p>')
    lanes = list(dict.fromkeys(o["outlet"] for o in occ))
    days: list[dt.date | None] = []
    for o in occ:
        try:
            days.append(dt.date.fromisoformat((o.get("date") or "")[:10]))
        except ValueError:
            days.append(None)
    known = [d for d in days if d is not None]
    lo, hi = (min(known), max(known)) if known else (None, None)
    span = max(((hi - lo).days if lo and hi else 0), 1)
    label_w, lane_h, pad_t = 150, 34, 24
    inner = width - label_w - 30
    height = pad_t + lane_h * len(lanes) + 24
    pos: dict[str, tuple[float, float]] = {}
    parts = [f'<svg class="chart timeline" role="img" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#4a78b5"/></marker></defs>']
    for i, lane in enumerate(lanes):
        y = pad_t + lane_h * i + lane_h / 2
        parts.append(f'<text x="0" y="{y + 4:.1f}" class="label">{escape(lane[:24])}</text>'
                     f'<line x1="{label_w}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" class="grid"/>')
    # versions on the same day in the same outlet stand side by side, each its own dot centred on the
    # day (never one dot hiding another); more than fit before the lane's next day show as a count
    spots: list[tuple[int, float]] = []
    crowds: dict[tuple[int, int], list[int]] = {}
    for i, (o, d) in enumerate(zip(occ, days, strict=True)):
        lane = lanes.index(o["outlet"])
        x = label_w + 10 + (inner * ((d - lo).days / span) if d is not None and lo is not None else inner)
        spots.append((lane, x))
        crowds.setdefault((lane, round(x)), []).append(i)
    step = 14.0
    placed: dict[int, tuple[float, float]] = {}
    folded: set[int] = set()
    for key, members in crowds.items():
        lane, x0 = spots[members[0]]
        y = pad_t + lane_h * lane + lane_h / 2
        gaps = [abs(spots[m[0]][1] - x0) for k, m in crowds.items() if k[0] == lane and k != key]
        fits = max(1, int(min([*gaps, inner / 2]) // step))
        shown = members if len(members) <= fits else members[:max(fits - 1, 1)]
        left = x0 - (len(shown) - 1) / 2 * step  # the row centred on the day, moved inside the chart
        left = max(min(left, width - 8.0 - (len(shown) - 1) * step), label_w + 6.0)
        for j, i in enumerate(shown):
            placed[i] = (left + j * step, y)
        if len(shown) < len(members):
            more = len(members) - len(shown)
            last = placed[shown[-1]]
            parts.append(f'<text x="{last[0] + 9:.1f}" y="{y + 4:.1f}" class="label count">+{more}'
                         f'<title>{more} more version{"" if more == 1 else "s"} that day</title></text>')
            for i in members[len(shown):]:
                placed[i] = last
                folded.add(i)
    for i, o in enumerate(occ):
        x, y = placed[i]
        pos.setdefault(o["document_id"], (x, y))
        if i in folded:
            continue
        fill = "#fff" if o.get("altered") else "#2f5d9b"
        tip = f"{o.get('date') or 'undated'} · {o['outlet']} · {o.get('speaker') or o.get('source') or ''}"
        if o.get("altered"):
            tip += " · altered"
        parts.append(f'<a href="/documents/{escape(o["document_id"])}#att-{escape(o["attribution_id"])}">'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{fill}" stroke="#2f5d9b" stroke-width="2">'
                     f'<title>{escape(tip)}</title></circle></a>')
    for o in occ:
        src = o.get("relayed_from")
        if src and src in pos and o["document_id"] in pos:
            (x1, y1), (x2, y2) = pos[src], pos[o["document_id"]]
            parts.append(f'<path class="relay" d="M{x1:.1f},{y1:.1f} C{(x1 + x2) / 2:.1f},{min(y1, y2) - 18:.1f} '
                         f'{(x1 + x2) / 2:.1f},{min(y1, y2) - 18:.1f} {x2:.1f},{y2:.1f}" fill="none" stroke="#4a78b5" '
                         f'stroke-width="1.5" marker-end="url(#arrow)"><title>relayed from {escape(src)}</title></path>')
    if lo is not None and hi is not None:
        parts.append(f'<text x="{label_w + 10}" y="{height - 6}" class="axis">{lo.isoformat()}</text>'
                     f'<text x="{width - 10}" y="{height - 6}" class="axis" text-anchor="end">{hi.isoformat()}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
