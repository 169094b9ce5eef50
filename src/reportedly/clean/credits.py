"""Headline credits: a headline that names the outlet it relays ("… – NYT", "… - Reuters", "…: report").

:func:`headline_credit` looks only at the end (or the very start) of a headline and maps a known
outlet abbreviation or name to one canonical name. Generic credits ("report", "media") give an
entry whose ``entity`` is ``None``.
"""

from __future__ import annotations

import re
from typing import Any

#: Canonical outlet names, keyed by the ways headlines credit them.
OUTLETS: dict[str, str] = {}

_TABLE = """
The New York Times: NYT, NY Times, New York Times, The New York Times
The Wall Street Journal: WSJ, Wall Street Journal, The Wall Street Journal
The Washington Post: WaPo, WP, Washington Post, The Washington Post
Associated Press: AP, Associated Press, The Associated Press
Agence France-Presse: AFP, Agence France-Presse
Reuters: Reuters
Bloomberg: Bloomberg
Financial Times: FT, Financial Times, The Financial Times
BBC: BBC, BBC News
CNN: CNN
CNBC: CNBC
NBC News: NBC, NBC News
CBS News: CBS, CBS News
ABC News: ABC, ABC News
Fox News: Fox, Fox News
NPR: NPR
Politico: Politico, POLITICO
Axios: Axios
The Guardian: Guardian, The Guardian
The Times: The Times, Times of London
The Daily Telegraph: Telegraph, The Telegraph
The Independent: Independent, The Independent
Daily Mail: Daily Mail, Mail
Sky News: Sky News, Sky
The Economist: Economist, The Economist
Newsweek: Newsweek
Time: TIME
The Atlantic: The Atlantic
The New Yorker: New Yorker, The New Yorker
Los Angeles Times: LA Times, Los Angeles Times
USA Today: USA Today
The Hill: The Hill
Al Jazeera: Al Jazeera
Der Spiegel: Spiegel, Der Spiegel
Bild: Bild
Deutsche Welle: DW, Deutsche Welle
Le Monde: Le Monde
Le Figaro: Le Figaro
El País: El Pais, El País
Corriere della Sera: Corriere della Sera
Haaretz: Haaretz
The Times of Israel: Times of Israel
TASS: TASS
RIA Novosti: RIA, RIA Novosti
Interfax: Interfax
RT: RT
Xinhua: Xinhua
Global Times: Global Times
South China Morning Post: SCMP, South China Morning Post
Kyodo News: Kyodo
Yonhap: Yonhap
NHK: NHK
Nikkei: Nikkei
Axel Springer: Axel Springer
Semafor: Semafor
The Information: The Information
Business Insider: Business Insider, Insider
Forbes: Forbes
Fortune: Fortune
Vanity Fair: Vanity Fair
Rolling Stone: Rolling Stone
Variety: Variety
Deadline: Deadline
TMZ: TMZ
Daily Beast: Daily Beast, The Daily Beast
HuffPost: HuffPost, Huffington Post
BuzzFeed News: BuzzFeed, BuzzFeed News
Vox: Vox
The Intercept: The Intercept
ProPublica: ProPublica
Mediapart: Mediapart
Kommersant: Kommersant
Izvestia: Izvestia
Ukrainska Pravda: Ukrainska Pravda
Kyiv Independent: Kyiv Independent
Yedioth Ahronoth: Yedioth, Ynet
Asahi Shimbun: Asahi
Le Parisien: Le Parisien
Süddeutsche Zeitung: SZ, Süddeutsche Zeitung
Frankfurter Allgemeine Zeitung: FAZ
"""
for _row in _TABLE.strip().splitlines():
    _name, _, _keys = _row.partition(":")
    for _k in _keys.split(","):
        OUTLETS[_k.strip()] = _name.strip()

_LOWER = {k.lower(): v for k, v in OUTLETS.items() if len(k) > 4}
_GENERIC = ("report", "reports", "media", "media report", "media reports", "sources", "source", "reports say")
_SUFFIX = re.compile(r"(?:\s+[-–—|]\s*|\s*:\s+|\s+[-–—]\s*)[\"“']?(?P<credit>[^\s\-–—|:][^\-–—|:]{0,40}?)[\"”']?\s*$")
_PREFIX = re.compile(r"^(?P<credit>[A-Z][\w .&]{1,30}?)\s*:\s+\S")


def lookup_outlet(name: str) -> str | None:
    """The canonical outlet name for an abbreviation or name ("NYT" → "The New York Times")."""
    name = name.strip().strip("\"“”'.")
    return OUTLETS.get(name) or _LOWER.get(name.lower())


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
    ``context`` (the article text) lets an outlet that is not in :data:`OUTLETS` count when the
    article itself says that outlet reported the story.
    """
    if not title:
        return None
    title = title.rstrip()
    m = _SUFFIX.search(title)
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
