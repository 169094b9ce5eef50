"""A small hand-built corpus for the corpus and web tests (no attribution model needed).

Three outlets, four articles; Mark Milley appears as "Gen. Mark Milley", "Milley" and
"Mark Milley"; there are anonymous and hedged sources, a statement relayed through another outlet,
an unsourced claim, and an article whose text contains markup and entities that must show as text.
Each analysed article has its entity layer (as the attribution component makes it): every mention
of each person, body and outlet, and each attribution's ``source.entity_id`` and ``confidence``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reportedly.corpus import Store
from reportedly.document import Attribution, Claim, Document, Entity, Metadata, Source


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The ``[start, end)`` of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return (start, start + len(needle))


def entity(doc: Document, eid: str, name: str, kind: str, *mentions: str | tuple[str, int],
           gender: str | None = None, anonymous: bool = False) -> Entity:
    """Add an entity whose mentions are needles (``"Milley"`` or ``("Milley", 1)`` for the second)."""
    spans = [at(doc.text, m) if isinstance(m, str) else at(doc.text, *m) for m in mentions]
    return doc.add_entity(Entity(eid, name, kind, spans, gender=gender, anonymous=anonymous))


def link(doc: Document, **by_att: tuple[str, float]) -> None:
    """Point attributions at entities: ``a1=("e1", 0.95)``."""
    for att_id, (eid, conf) in by_att.items():
        a = doc.attribution(att_id)
        assert a is not None and doc.entity(eid) is not None
        a.source.entity_id, a.source.confidence = eid, conf


def _doc(text: str, *, input: str, title: str, date: str, sitename: str, url: str | None = None) -> Document:
    doc = Document(text, input=input, meta=Metadata(title=title, date=date, sitename=sitename, url=url,
                                                    authors=["A. Reporter"]))
    t0 = at(text, title)
    doc.add_span("title", *t0)
    # body paragraphs: every block after the title line
    pos = t0[1]
    for block in text[pos:].split("\n\n"):
        s = text.index(block, pos)
        pos = s + len(block)
        if block.strip():
            lead = len(block) - len(block.lstrip())
            doc.add_span("paragraph", s + lead, s + len(block.rstrip()))
    doc.record("structure", "test")
    doc.record("attribution", "test")
    return doc


def planet() -> Document:
    text = ("Milley warns of a long war\n\n"
            "Gen. Mark Milley said on Thursday that the war in Ukraine could last for years.\n\n"
            "Officials reportedly believe the talks will fail, according to people familiar with the matter.\n\n"
            "The Pentagon has told allies that the stockpiles are low, The New York Times reported.\n\n"
            "The decision was driven by fear of escalation.")
    d = _doc(text, input="planet.txt", title="Milley warns of a long war", date="2022-11-11T10:53:00",
             sitename="Daily Planet", url="https://www.dailyplanet.example/milley")
    d.add_attribution(Attribution(
        id="a1", source=Source(spans=[at(text, "Gen. Mark Milley")], entity="Mark Milley", kind="person",
                               role="chairman of the Joint Chiefs", mention="Gen. Mark Milley"),
        cue=[at(text, "said")], content=[at(text, "the war in Ukraine could last for years")],
        kind="indirect", date="2022-11-10"))
    d.add_attribution(Attribution(
        id="a2", source=Source(spans=[at(text, "Officials")], entity=None, kind="anonymous", anonymous=True,
                               description="officials"),
        cue=[at(text, "believe")], content=[at(text, "the talks will fail")], hedges=["reportedly"]))
    d.add_attribution(Attribution(
        id="a3", source=Source(spans=[at(text, "The New York Times")], entity="The New York Times",
                               kind="outlet"),
        cue=[at(text, "reported", 1)], content=[at(text, "The Pentagon has told allies that the stockpiles are low")]))
    d.add_attribution(Attribution(
        id="a4", source=Source(spans=[at(text, "The Pentagon")], entity="Pentagon", kind="government"),
        cue=[at(text, "has told")], content=[at(text, "the stockpiles are low")], via="a3"))
    d.add_claim(Claim([at(text, "The decision was driven by fear of escalation.")], reason="motive"))
    entity(d, "e1", "Mark Milley", "person", "Milley", "Gen. Mark Milley", gender="male")
    entity(d, "e2", "officials", "anonymous", "Officials", anonymous=True)
    entity(d, "e3", "The New York Times", "outlet", "The New York Times")
    entity(d, "e4", "Pentagon", "government", "The Pentagon")
    link(d, a1=("e1", 0.95), a2=("e2", 0.9), a3=("e3", 1.0), a4=("e4", 0.9))
    return d


def herald() -> Document:
    text = ("Milley says <script>alert('x')</script> & talks \"stalled\"\n\n"
            "Milley told reporters that negotiations had stalled & that <b>nobody</b> was talking.\n\n"
            "The general added: \"We are ready.\" &amp; &lt;tags&gt; stay as typed.")
    d = _doc(text, input="herald.txt", title="Milley says <script>alert('x')</script> & talks \"stalled\"",
             date="2022-12-02", sitename="Evening Herald")
    d.add_attribution(Attribution(
        id="b1", source=Source(spans=[at(text, "Milley", 1)], entity="Milley", kind="person", mention="Milley"),
        cue=[at(text, "told reporters")],
        content=[at(text, "negotiations had stalled & that <b>nobody</b> was talking")]))
    d.add_attribution(Attribution(
        id="b2", source=Source(spans=[at(text, "The general")], entity="Mark Milley", kind="person",
                               mention="The general"),
        cue=[at(text, "added")], content=[at(text, "\"We are ready.\"")], kind="direct", date="2022-12-01"))
    entity(d, "e1", "Mark Milley", "person", "Milley", ("Milley", 1), "The general", gender="male")
    link(d, b1=("e1", 0.9), b2=("e1", 0.7))
    return d


def wire() -> Document:
    text = ("Pentagon weighs new aid\n\n"
            "Mark Milley said the Pentagon would apparently send more aid, senior officials said.\n\n"
            "Lloyd Austin said the aid was ready.")
    d = _doc(text, input="wire.txt", title="Pentagon weighs new aid", date="2023-01-15T08:00:00",
             sitename="Daily Planet")
    d.add_attribution(Attribution(
        id="c1", source=Source(spans=[at(text, "Mark Milley")], entity="Mark Milley", kind="person"),
        cue=[at(text, "said")], content=[at(text, "the Pentagon would apparently send more aid")],
        hedges=["apparently"]))
    d.add_attribution(Attribution(
        id="c2", source=Source(spans=[at(text, "senior officials")], kind="anonymous", anonymous=True,
                               description="senior officials"),
        cue=[at(text, "said", 1)], content=[at(text, "Mark Milley said the Pentagon would apparently send more aid")]))
    d.add_attribution(Attribution(
        id="c3", source=Source(spans=[at(text, "Lloyd Austin")], entity="Lloyd Austin", kind="person"),
        cue=[at(text, "said", 2)], content=[at(text, "the aid was ready")]))
    entity(d, "e1", "Mark Milley", "person", "Mark Milley", gender="male")
    entity(d, "e2", "senior officials", "anonymous", "senior officials", anonymous=True)
    entity(d, "e3", "Pentagon", "government", "Pentagon", "the Pentagon")
    entity(d, "e4", "Lloyd Austin", "person", "Lloyd Austin", gender="male")
    link(d, c1=("e1", 0.98), c2=("e2", 0.9), c3=("e4", 0.98))
    return d


def courier() -> Document:
    text = ("Budget talks resume\n\n"
            "Talks on the budget resumed on Monday in Washington.")
    return _doc(text, input="courier.txt", title="Budget talks resume", date="2023-02-06",
                sitename="The Courier")


def documents() -> list[Document]:
    return [planet(), herald(), wire(), courier()]


def build(path: str | Path) -> Path:
    """A store at ``path`` holding :func:`documents` with speakers resolved."""
    with Store(path) as store:
        for d in documents():
            store.add(d)
        store.refresh_speakers()
    return Path(path)


def undo_migrations_11_12(conn: sqlite3.Connection) -> None:
    """Take out what migrations 0011 and 0012 added that an earlier migration cannot run beside (the trigger
    on the speaker's token, each statement's outlet and its index), for a test that makes a store look as
    a schema before 11 left it."""
    conn.execute("DROP TRIGGER IF EXISTS attributions_fts_speaker")
    conn.execute("DROP INDEX IF EXISTS attributions_outlet")
    if any(r[1] == "outlet_key" for r in conn.execute("PRAGMA table_info(attributions)")):
        conn.execute("ALTER TABLE attributions DROP COLUMN outlet_key")
