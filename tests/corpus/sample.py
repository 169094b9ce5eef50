"""A small hand-built corpus for the corpus and web tests (no attribution model needed).

Three outlets, four articles; Mark Milley appears as "Gen. Mark Milley", "Milley" and
"Mark Milley"; there are anonymous and hedged sources, a statement relayed through another outlet,
an unsourced claim, and an article whose text contains markup and entities that must show as text.
"""

from __future__ import annotations

from pathlib import Path

from reportedly.corpus import Store
from reportedly.document import Attribution, Claim, Document, Metadata, Source


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The ``[start, end)`` of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return (start, start + len(needle))


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
