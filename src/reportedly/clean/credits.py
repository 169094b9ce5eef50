"""Headline credits: a headline that names the outlet it relays ("… – NYT", "… - Reuters", "…: report").

:func:`headline_credit` looks only at the end (or the very start) of a headline and maps a known
outlet abbreviation or name to one canonical name. Generic credits ("report", "media") give an
entry whose ``entity`` is ``None``.
"""

from __future__ import annotations

import re
from typing import Any

from ..outlets import lookup_outlet

_GENERIC = ("report", "reports", "media", "media report", "media reports", "sources", "source", "reports say")
_SUFFIX = re.compile(r"(?:\s+[-–—|]\s*|\s*:\s+|\s+[-–—]\s*)[\"“']?(?P<credit>[^\s\-–—|:][^\-–—|:]{0,40}?)[\"”']?\s*$")
_PREFIX = re.compile(r"^(?P<credit>[A-Z][\w .&]{1,30}?)\s*:\s+\S")


_NAME = re.compile(r"^(?:The\s+)?[A-Z][\w&.'’]*(?:\s+[A-Z][\w&.'’]*){0,3}$")
_REPORT_VERB = r"(?:reported|reports|said|says|wrote|writes|revealed|cited|according)"


def _credited_in(credit: str, context: str) -> str | None:
    """An outlet the known list lacks, accepted when the article itself relays it.

    "Port strike looms – Coastal Ledger" counts as a credit when the text says "the Coastal Ledger
    reported" or "according to the Coastal Ledger"; a bare suffix (a section, a site name) does not.
    """
    if not _NAME.match(credit) or len(credit) < 3:
        return None
    name = re.escape(credit.removeprefix("The ").strip())
    pattern = (rf"(?:\b(?P<the>[Tt]he)\s+)?\b{name}\b[^.\n]{{0,40}}?\b{_REPORT_VERB}\b"
               rf"|\baccording to (?P<the2>the\s+)?{name}\b")
    m = re.search(pattern, context)
    if not m:
        return None
    bare = credit.removeprefix("The ").strip()
    return f"The {bare}" if (m["the"] or m["the2"] or credit.startswith("The ")) else bare


def headline_credit(title: str, offset: int = 0, context: str | None = None) -> dict[str, Any] | None:
    """The outlet a headline credits, as ``{"entity", "text", "spans"}``, else ``None``.

    ``offset`` is where ``title`` starts in the document text, so the span indexes the document.
    ``context`` (the article text) lets an outlet that is not in :data:`reportedly.outlets.OUTLETS` count when the
    article itself says that outlet reported the story.
    """
    if not title:
        return None
    title = title.rstrip()
    m = _SUFFIX.search(title, max(0, len(title) - 200))  # a credit ends the title: its tail is enough
    if m and len(title) - len(m.group()) >= 12:
        credit = m["credit"].strip()
        entity = lookup_outlet(credit) or (_credited_in(credit, context) if context else None)
        if entity or credit.lower() in _GENERIC:
            s = offset + m.start("credit")
            return {"entity": entity, "text": credit, "spans": [[s, s + len(credit)]]}
    m = _PREFIX.match(title)
    if m:
        credit = m["credit"].strip()
        entity = lookup_outlet(credit) if credit.isupper() else None
        if entity:
            s = offset + m.start("credit")
            return {"entity": entity, "text": credit, "spans": [[s, s + len(credit)]]}
    return None


#: A copyright line naming the page's owner: "© 2025 Harbourside Daily. All rights reserved.",
#: "Copyright (c) 2019-2024 The Coastal Ledger Ltd", "© Harbourside Daily 2025".
_COPYRIGHT = re.compile(
    r"^\s*(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:copyright\s*)?(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d\s*)?,?\s*)?"
    r"(?P<name>(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w&'’.-]*){0,5})",
    re.IGNORECASE)
_LEGAL = re.compile(r"(?:[\s,]+(?:Ltd|Limited|Inc|LLC|plc|GmbH|S\.A|AG|Corp|Co)\.?)+$")


def footer_outlet(text: str, tail_lines: int = 15) -> str | None:
    """The outlet a page's footer names as its owner ("© 2025 Harbourside Daily. All rights reserved."),
    from the last ``tail_lines`` lines of ``text``; ``None`` when no copyright line names one.

    This is who published the page, unlike a headline credit, which names whom the headline cites."""
    for line in reversed(text.rstrip().splitlines()[-tail_lines:]):
        if len(line) > 200 or not re.search(r"©|\(c\)|copyright", line, re.IGNORECASE):
            continue
        m = _COPYRIGHT.match(line)
        if not m:
            continue
        name = re.split(r"\.\s|\.$|\s+(?:All|Alle|Tous)\s|\s*[|,;]\s*|\s+(?:19|20)\d\d\b", m["name"])[0]
        name = _LEGAL.sub("", name.strip()).strip(" .")
        if len(name) >= 3 and name[0].isupper() and name.lower() not in ("all rights reserved", "the"):
            return name
    return None
