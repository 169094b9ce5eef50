"""Page furniture that survives body extraction, recognised line by line in both input modes.

What an extractor keeps from around an article is mostly predictable in shape whatever the site:
relative time stamps ("Updated 14 hours ago"), standards and disclosure notes ("Our Standards: …",
"If you buy something through this post …"), rows of CSS breakpoint names, "0 : 0" counters,
pointers to other stories ("Related: …", "Read more: …"), newsletter and app prompts, and the
reporter's contact line ("Email Jane Doe at jdoe@example.com or follow her @jdoe"). Wire copy adds
its own: a slug line ("AP-US--Trump-Impeachment, 4th Ld-Writethru"), a contributors line ("Associated
Press writer Jane Doe contributed to this report."), and a dateline opening the first paragraph
("WASHINGTON (AP) —").

:func:`furniture_kind` names the kind of furniture a whole line is, or ``None``; :func:`wire_dateline`
finds a dateline at the start of a paragraph so that it can be tagged while the paragraph stays in
the body. No pattern names a particular site.
"""

from __future__ import annotations

import re

_MAX_WORDS = 45

_I = re.IGNORECASE
#: Labels of the facts a page lists under an article (its subjects, keywords, tags, categories).
_FACT_LABELS = (r"related (?:subjects?|topics?)|keywords?|tags?|topics?|categor(?:y|ies)|filed under|"
                r"schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter|mots[- ]cl[ée]s|etiquetas|palabras clave")
#: Whole-line furniture, matched at the start of the line.
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("stamp", re.compile(
        r"[-–•·|\s]*(?:(?:updated|posted|published|last updated|first published|modified)\s*:?\s*)?"
        r"(?:(?:about|over|less than)\s+)?(?:\d+|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|"
        r"w|weeks?|months?)\s+ago\b.{0,24}$|"
        r"[-–•·|\s]*(?:updated|posted|published|last updated|first published|modified)(?:\s+on|\s+at)?\s*:?\s*"
        r"(?:\w+,?\s+){0,4}\d{1,4}(?:[:.,/\s]+\w{1,9}){0,6}\s*\.?\)?$", _I)),
    ("standards", re.compile(r"our standards\s*:|(?:editorial|editor'?s) (?:standards|guidelines)\s*:", _I)),
    ("breakpoints", re.compile(r"(?:[a-z]+(?:-[a-z]+){2,}\s*){2,}$")),
    ("counter", re.compile(r"\d{1,3}\s*[:|/]\s*\d{1,3}$")),
    ("slug", re.compile(
        r"[A-Z]{2,5}-[A-Z][A-Za-z]{1,5}-{1,2}[A-Z][\w'.]*(?:-{1,2}[\w'.]+)*"
        r"(?:,\s*(?:\d+(?:st|nd|rd|th)\s+)?(?:Ld|Lead|Add|Sub|Writethru|Ld-Writethru)[\w-]*)?(?:,\s*\w+)?\s*$")),
    ("contributors", re.compile(
        r"(?:additional )?reporting by\b.{0,120}$|(?:writing|editing) by\b.{0,120}$|"
        r"(?:contributing|contributors?|contributed by|additional reporting)\s*:\s*.{2,120}$|"
        r"this (?:story|report|article) (?:includes|contains) (?:reporting|material|information) from\b", _I)),
    ("contact", re.compile(
        r"have a (?:news )?tip\b|write to \S+(?: \S+){0,3} at \S+@|reach the (?:reporter|writer|author)s? (?:on|at|via)\b|(?:e-?mail|contact|reach) (?:\S+ ){0,4}at \S+@\S+|"
        r"(?:you can )?follow (?:him|her|them|us|me|\S+(?: \S+){0,6}) on (?:twitter|facebook|instagram|youtube|linkedin|x)\b|"
        r"(?:the )?\S+(?: \S+){0,3} (?:is|are) committed to publishing\b",
        _I)),
    ("pointer", re.compile(
        r"(?:related(?: stories| articles| coverage| content)?|read more|read also|also read|see more|see also|more on this|"
        r"more from \S+(?: \S+){0,3}|don'?t miss|must read|recommended(?: reading)?|trending)\s*(?:[:|»>…]|\.\.\.|$)", _I)),
    ("prompt", re.compile(
        r"get the latest\b.*\binbox|subscribe to\b|sign up (?:for|to|now)\b.*\b(?:newsletters?|inbox|e-?mails?|alerts|today)\b|"
        r"get \S+(?: \S+){0,5} delivered\b|(?:click|tap) here to (?:get|download|subscribe|sign up|join)\b|download (?:the|our) \S+(?: \S+){0,3} app\b|"
        r"this copy is for your personal,? non-commercial use\b|"
        r"(?:your|this) (?:web )?browser (?:is )?(?:out of date|outdated|(?:not|no longer) supported)|"
        r"(?:please )?(?:update|upgrade) your (?:web )?browser\b", _I)),
    ("tool", re.compile(
        r"[-•·]?\s*(?:text size|print(?: this)? (?:article|story|page)|order reprints|reprints?|email this (?:article|story)|"
        r"share (?:this )?(?:article|story)|save (?:article|story)|copy link|link copied|listen to (?:this )?(?:article|story)|"
        r"an error has occurred,? please try again(?: later)?\.?|thank you|this article has been sent to|"
        r"video|watch(?: the)? video|watch now|play video|photos|gallery|advertisement|audio|listen|"
        r"(?:\d+\s+)?comments?|leave a (?:comment|reply)|post a comment)\s*$", _I)),
    ("copyright", re.compile(
        r"(?:copyright\s*(?:©\s*)?|©\s*)(?:\d{4}\s*[-–]\s*)?\d{4}\b.{0,150}$|.{0,150}\ball rights reserved\.?$", _I)),
    ("byline", re.compile(r"(?:by|von|par|por|door|oleh)\s*:?$", _I)),  # "By" alone; the name on the next line
    # The article's facts as a list under it ("- Date 10.06.2013", "- Author Jane Doe", "- Keywords wine,
    # Ahr"), or a label line ("Tags: wine, Ahr"): a list item needs no colon, a line without a bullet does.
    ("metadata", re.compile(
        r"[-•·*]\s*(?:(?:date|published|updated)\s*:?\s+\S*\d.{0,40}|(?:authors?|writer)\s*:?\s+(?-i:[A-Z])\S*(?:\s+\S+){0,5}|"
        rf"(?:permalink|print|feedback)\b.{{0,200}}|(?:{_FACT_LABELS})\s*:?\s+\S.{{0,300}})$|(?:{_FACT_LABELS})\s*:\s*\S.{{0,300}}$",
        _I)),
]
#: Furniture recognised anywhere in a line, each with the substrings it cannot match without.
_INLINE_RULES: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
    ("contributors", ("contribut",),
     re.compile(r"\b(?:contributed|contributing) (?:to )?(?:this |the )?(?:report|reporting|story|article)\b", _I)),
    ("contact", ("reached at",), re.compile(r"\b(?:may|can) be reached at\b", _I)),
    ("pointer", ("http", "www."), re.compile(r"^[^\W\d][\w '’-]{0,30}:\s*(?:https?://|www\.)\S+$")),  # "Listen: http://…"
    ("pointer", ("]",), re.compile(  # "China furious at Macron for Hong Kong protest jibe [INSIGHT]"
        r"\S\s+\[(?:VIDEO|PICTURES|PHOTOS|GALLERY|INSIGHT|REACTION|ANALYSIS|LATEST|REVEALED|POLL|QUIZ|LIVE|MAP)\]\s*\|?$", _I)),
    ("contact", ("@",), re.compile(r"\bfollow (?:him|her|them|us|me) (?:on twitter )?@\w+", _I)),
    ("prompt", ("app",), re.compile(r"\bget the \S+(?: \S+){0,3} app\s*[.!]?$", _I)),
    ("prompt", ("sign up",), re.compile(r"\bsign up (?:for|to)\b.*\b(?:newsletters?|inbox)\b", _I)),
    ("prompt", ("commission", "share of"),
     re.compile(r"\b(?:may|might|could) (?:get|earn|receive|collect) (?:a )?(?:share of (?:the )?sales?|"
                r"(?:small )?commission)\b", _I)),
]
#: A short line naming who posted the article, with its date ("Posted by Jane Doe on 3 March 2019").
_POSTED_BY = re.compile(
    r"\b(?:posted|published|publicado|publicada|publié|publiée|veröffentlicht|written|escrito)\s+(?:by|por|par|von)\b",
    _I)
#: Any of the substrings an inline rule (or the "posted by" rule) cannot match without.
_INLINE_KEYS = re.compile("|".join(re.escape(k) for k in sorted(
    {k for _, keys, _ in _INLINE_RULES for k in keys} | {" by", " por", " par", " von"}, key=len, reverse=True)))
_RULES = [(k, rx) for k, rx in _LINE_RULES] + [(k, rx) for k, _, rx in _INLINE_RULES]

#: A wire dateline opening a paragraph: "WASHINGTON (AP) —", "LONDON (Reuters) -", "NEW DELHI, Nov 20 (PTI):".
_DATELINE = re.compile(
    r"^(?P<dl>(?:[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3})(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Za-z.]+){0,2})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\((?:AP|Reuters|AFP|UPI|PTI|IANS|ANI|dpa|EFE|CNN|Bloomberg|"
    r"[A-Z][A-Za-z]{1,12}(?: [A-Z][A-Za-z]{1,12})?)\)\s*(?:[—–-]{1,2}|:)\s*|"
    r"(?:[A-Z][A-Z.'’\-]{2,}(?:\s+[A-Z][A-Z.'’\-]+){0,3})\s*[—–]\s+)(?=\S)"
)


#: The whole-line rules as one pattern tried at the start of a line; the group that matched names the kind.
_LINE = re.compile("|".join(
    f"(?P<{kind}>{'(?i:' if rx.flags & re.IGNORECASE else '(?:'}{rx.pattern}))" for kind, rx in _LINE_RULES
))


def furniture_kind(line: str) -> str | None:
    """The kind of page furniture ``line`` is (``"stamp"``, ``"slug"``, ``"contact"`` …), else ``None``."""
    text = line.strip()
    if not text or len(text) > 400 or text.count(" ") >= _MAX_WORDS:
        return None
    m = _LINE.match(text)
    if m:
        return m.lastgroup
    low = text.lower()
    if not _INLINE_KEYS.search(low):
        return None  # none of the words the inline rules need: most lines
    if text.count(" ") < 20 and _POSTED_BY.search(text) and any(ch.isdigit() for ch in text):
        return "byline"  # "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde"
    for kind, keys, rx in _INLINE_RULES:
        if any(k in low for k in keys) and rx.search(text):
            return kind
    return None


def wire_dateline(paragraph: str) -> int:
    """Length of a wire dateline opening ``paragraph`` ("WASHINGTON (AP) — "), 0 when there is none."""
    m = _DATELINE.match(paragraph)
    return m.end("dl") if m else 0
