"""Statement dates: when an attributed statement was made, resolved against the publication date.

Where a date is looked for (the attribution's *frame*, as for hedges, content excluded):

* between a source and its cue ("Biden on Thursday said");
* right after the cue, up to where the content starts or the next comma ("reported on Thursday,
  citing …", "said on Thursday that …");
* after an inverted source ("…," said Smith on Monday);
* at the start of the sentence, when a date phrase and a comma are all that come before the
  source or cue ("The same day, Sullivan maintained …", "On Nov. 3, the ministry said …").

The expression nearest the cue wins. Expressions and what they resolve to (``pub`` is the date
part of ``doc.meta.date``):

* a weekday ("Thursday", "on Thursday", "last Thursday") → the latest such day on or before
  ``pub`` ("last" excludes ``pub`` itself); "yesterday" → ``pub`` − 1; "today", "this morning",
  "tonight", "earlier today" → ``pub``; "N days ago" → ``pub`` − N;
* "Nov. 3", "November 3, 2022", "3 November", "2022-11-03" → that day (without a year: the latest
  such day on or before ``pub``);
* "last week", "earlier this week", "N weeks ago" → an ISO week (``2022-W44``); "last month",
  "earlier this month", "in March" → a month (``2022-10``); "last year", "earlier this year" → a
  year — ISO 8601 at the precision the text gives;
* "the same day", "that day" → the previous attribution's resolved date (text order); "the next
  day", "a day later" → one day after it; "the day before" → one day before it.

A cue in the future tense ("will testify Thursday", "is due to announce on Friday", "plans to
speak on March 3") resolves forward: the weekday or day on or after ``pub``. A date that a future
verb other than the cue governs ("The director, who will testify Thursday, said …") is not the
statement's date and is skipped.

Without a publication date only absolute dates and "the same day" resolve; otherwise ``None``.
A participle that shares a source takes its main clause's date when it has none of its own.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..document import Attribution
from . import lexicon as L
from .context import Context
from .segment import region_sentences, sentence_at

Pair = tuple[int, int]

_WD = "|".join(L.WEEKDAYS)
_MON = "|".join(sorted(L.MONTHS, key=len, reverse=True))
_NUMS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "several": None, "few": None}

_EXPR = re.compile(
    r"\b(?:"
    rf"(?P<wd_pre>last|this|on|past)?\s*(?P<wd>{_WD})(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?P<yday>yesterday)"
    r"|(?P<today>today|tonight|this (?:morning|afternoon|evening)|earlier today|earlier in the day)"
    r"|(?P<same>(?:on )?the same day|(?:on )?that (?:same )?day)"
    r"|(?P<next>the (?:next|following) day|a day later|the day after)"
    r"|(?P<prev>the (?:day before|previous day)|a day earlier)"
    r"|(?P<ago_n>\d+|one|a|two|three|four|five|six|seven|eight|nine|ten) (?P<ago_u>day|week|month|year)s? ago"
    r"|(?P<rel>last|this|earlier this|previous|past) (?P<rel_u>week|month|year)"
    rf"|(?P<md_m>{_MON})\.? (?P<md_d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,? (?P<md_y>(?:19|20)\d\d))?"
    rf"|(?P<dm_d>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?(?P<dm_m>{_MON})\b\.?(?:,? (?P<dm_y>(?:19|20)\d\d))?"
    r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    rf"|in (?P<in_m>{_MON})\b(?: (?P<in_y>(?:19|20)\d\d))?"
    r")\b",
    re.IGNORECASE,
)


def pub_date(value: str | None) -> date | None:
    """The date part of an ISO publication date, or ``None``."""
    if not value:
        return None
    m = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", str(value).strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _month_back(d: date, n: int) -> str:
    k = d.year * 12 + (d.month - 1) - n
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


#: A future construction ending right before a verb: "will", "'ll", "is due to", "plans to" ….
_FUTURE = re.compile(
    r"(?:\bwill|\bshall|['’]ll|\b(?:is|are|was|were)\s+(?:due|set|expected|scheduled|slated|going|to)(?:\s+to)?"
    r"|\b(?:plans?|intends?|hopes?|promised|vowed)\s+to)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)


def is_future(text: str, start: int) -> bool:
    """Does a future construction end right before ``start`` ("will │testify")?"""
    return bool(_FUTURE.search(text[max(0, start - 40):start]))


def _governed_by_future(text: str, s: int, lo: int) -> int | None:
    """Where the future verb that ``text[s:]``'s date phrase hangs on starts ("who will testify │Thursday")."""
    m = re.search(r"(\w+)\s+(?:on\s+|next\s+|this\s+coming\s+)?$", text[max(lo, s - 30):s])
    if not m:
        return None
    verb = max(lo, s - 30) + m.start(1)
    return verb if is_future(text, verb) else None


def resolve(match: re.Match, pub: date | None, prev: str | None, forward: bool = False) -> str | None:
    """ISO date (or week, month, year) of one matched expression; see the module docstring.

    ``forward`` (a statement still to come) resolves a weekday or a day without a year to the
    first such day on or after ``pub`` instead of the latest on or before it.
    """
    g = match.groupdict()
    if g["wd"]:
        if pub is None:
            return None
        wd = L.WEEKDAYS.index(g["wd"].lower())
        if forward:
            return (pub + timedelta(days=(wd - pub.weekday()) % 7)).isoformat()
        delta = (pub.weekday() - wd) % 7
        if delta == 0 and (g["wd_pre"] or "").lower() in {"last", "past"}:
            delta = 7
        return (pub - timedelta(days=delta)).isoformat()
    if g["yday"]:
        return (pub - timedelta(days=1)).isoformat() if pub else None
    if g["today"]:
        return pub.isoformat() if pub else None
    if g["same"] or g["next"] or g["prev"]:
        base = pub_date(prev) if prev and len(prev) == 10 else None
        if base is None:
            return prev if g["same"] else None
        shift = 1 if g["next"] else -1 if g["prev"] else 0
        return (base + timedelta(days=shift)).isoformat()
    if g["ago_n"]:
        if pub is None:
            return None
        raw = g["ago_n"].lower()
        n = int(raw) if raw.isdigit() else _NUMS.get(raw)
        if not n:
            return None
        unit = g["ago_u"].lower()
        if unit == "day":
            return (pub - timedelta(days=n)).isoformat()
        if unit == "week":
            return _week(pub - timedelta(weeks=n))
        if unit == "month":
            return _month_back(pub, n)
        return f"{pub.year - n:04d}"
    if g["rel"]:
        if pub is None:
            return None
        back = g["rel"].lower() in {"last", "previous", "past"}
        unit = g["rel_u"].lower()
        if unit == "week":
            return _week(pub - timedelta(weeks=1)) if back else _week(pub)
        if unit == "month":
            return _month_back(pub, 1 if back else 0)
        return f"{pub.year - (1 if back else 0):04d}"
    if g["md_m"] or g["dm_m"]:
        mon = L.MONTHS.get((g["md_m"] or g["dm_m"]).lower().rstrip("."))
        day = int(g["md_d"] or g["dm_d"])
        year = g["md_y"] or g["dm_y"]
        if mon is None:
            return None
        if year:
            d = _day(int(year), mon, day)
            return d.isoformat() if d else None
        if pub is None:
            return None
        d = _day(pub.year, mon, day)
        if forward and d is not None and d < pub:
            d = _day(pub.year + 1, mon, day)
        elif not forward and d is not None and d > pub:
            d = _day(pub.year - 1, mon, day)
        return d.isoformat() if d else None
    if g["iso"]:
        d = pub_date(g["iso"])
        return d.isoformat() if d else None
    if g["in_m"]:
        mon = L.MONTHS.get(g["in_m"].lower())
        if mon is None:
            return None
        if g["in_y"]:
            return f"{int(g['in_y']):04d}-{mon:02d}"
        if pub is None:
            return None
        y = pub.year if mon <= pub.month else pub.year - 1
        return f"{y:04d}-{mon:02d}"
    return None


def _windows(text: str, att: Attribution, sentence: Pair | None, own_source: bool) -> list[Pair]:
    if not att.cue:
        return []
    lo, hi = sentence if sentence else (0, len(text))
    c0, c1 = att.cue[0][0], att.cue[-1][1]
    out: list[Pair] = [(c0, c1)]
    src = [p for p in att.source.spans if lo <= p[0] and p[1] <= hi] if own_source else []
    first = c0
    for s, e in src:
        if e <= c0 and c0 - e <= 120:
            out.append((s, c0))
            first = min(first, s)
        elif s >= c1 and s - c1 <= 40:
            tail = text[e:min(hi, e + 40)]
            stop = re.search(r"[;:“\"”]|[,.](?!\s*(?:19|20)\d\d)(?<!\b[A-Z][a-z]\.)(?<!\b[A-Z][a-z][a-z]\.)", tail)
            out.append((c1, e + (stop.start() if stop else len(tail))))
    # after the cue, up to the content or the next clause boundary
    after_end = min(hi, c1 + 50)
    starts = [s for s, _ in att.content if c1 <= s < after_end]
    if starts:
        after_end = min(starts)
    tail = text[c1:after_end]
    stop = re.search(r"[;:“\"”]|,(?!\s*(?:19|20)\d\d)|\bthat\b", tail)
    if stop:
        after_end = c1 + stop.start()
    out.append((c1, after_end))
    # a date phrase opening the sentence, then a comma, then the source or cue
    head = text[lo:first]
    m = re.match(r"\s*(?:(?:and|but|however|meanwhile|also),?\s+)?(?P<d>[^,]{2,40}?),?\s*$", head, re.IGNORECASE)
    if m and _EXPR.fullmatch(m.group("d").strip()):
        out.append((lo + m.start("d"), lo + m.end("d")))
    return out


def statement_date(text: str, att: Attribution, pub: date | None, prev: str | None,
                   sentence: Pair | None = None, own_source: bool = True) -> str | None:
    """The resolved date of ``att``'s statement, or ``None``."""
    best = None
    cue0 = att.cue[0][0] if att.cue else 0
    lo = sentence[0] if sentence else 0
    for a, b in _windows(text, att, sentence, own_source):
        for m in _EXPR.finditer(text, a, b):
            s, e = m.span()
            if any(cs < e and s < ce for cs, ce in att.content):
                continue
            verb = _governed_by_future(text, s + len(m.group()) - len(m.group().lstrip()), lo)
            if verb is not None and not any(cs <= verb < ce for cs, ce in att.cue):
                continue  # "who will testify Thursday, said": the date of another, future event
            if not m.group().strip():
                continue
            if (m.group("today") or m.group("yday")) and m.group()[0].isupper() and s > 0 \
                    and re.search(r"[A-Za-z]\s*$", text[max(0, s - 3):s]):
                continue  # "told USA Today": a name, not a date
            dist = min(abs(s - cue0), abs(e - cue0))
            if best is None or dist < best[0]:
                best = (dist, m)
    if best is None:
        return None
    return resolve(best[1], pub, prev, forward=bool(att.cue) and is_future(text, cue0))


def resolve_dates(ctx: Context) -> None:
    """Set ``date`` on every attribution of ``atts`` (text order matters for "the same day")."""
    doc, atts, shares, sentences = ctx.doc, ctx.atts, ctx.shares, ctx.sentences
    text = doc.text
    pub = pub_date(doc.meta.date)
    all_sents = ctx.all_sentences if ctx.all_sentences is not None else \
        region_sentences(text, ctx.regions or [(0, len(text))])
    by_id = ctx.by_id()
    prev: str | None = None
    for a in sorted(atts, key=lambda x: x.start):
        sent = sentences.get(a.id)
        if sent is None and a.cue:
            sent = sentence_at(all_sents, a.cue[0][0])
        a.date = statement_date(text, a, pub, prev, sent, own_source=a.id not in shares)
        if a.date is None and a.id in shares and shares[a.id] in by_id:
            a.date = by_id[shares[a.id]].date
        if a.date:
            prev = a.date
