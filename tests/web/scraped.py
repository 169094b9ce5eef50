"""A scraped page as the text-dump cleaner leaves it, for the web tests: navigation before the article,
a byline and a dateline, the headline, a standfirst, the headline repeated as a photo caption, body
paragraphs and a footer; a speaker the entity layer mentions in junk forms too ("footage of Trump",
"most of", "he"); and an untitled article quoting him.
"""

from __future__ import annotations

from pathlib import Path

from corpus.sample import at, entity, link
from reportedly.document import Attribution, Document, Entity, Metadata, Source

NAV = "icon menuicon searchicon closeicon share-fbicon\nHome\nWorld\nBusiness\nSubscribe"
TITLE = "Harbour strike looms as talks collapse"
FOOTER = "Share this article\nRelated stories\n© 2025 Harbourside Daily"


def page() -> Document:
    text = (f"{NAV}\nBy Marta Lindqvist\n14 Mar, 2025 08:40\n\n{TITLE}\n\n"
            "Union leaders fear job losses.\n"
            f"{TITLE}\n\n"
            "Donald Trump said on Monday that the port should stay open. Footage of Trump showed him at "
            "the quay. Most of the workers stayed home. Mr. Trump later added that he would visit. "
            "The former president said the cranes were \u201cbeautiful\u201d.\n\n"
            f"{FOOTER}\n")
    doc = Document(text, input="scraped.txt", meta=Metadata(title=TITLE, date="2025-03-14T08:40:00",
                                                             sitename="Harbourside Daily", authors=["Marta Lindqvist"]))
    doc.add_span("boilerplate", *at(text, NAV))
    doc.add_span("byline", *at(text, "By Marta Lindqvist"))
    doc.add_span("dateline", *at(text, "14 Mar, 2025 08:40"))
    doc.add_span("title", *at(text, TITLE))
    doc.add_span("standfirst", *at(text, "Union leaders fear job losses."))
    doc.add_span("caption", *at(text, TITLE, 1))
    body = at(text, "Donald Trump said")[0], at(text, "\u201cbeautiful\u201d.")[1]
    doc.add_span("paragraph", *body)
    doc.add_span("boilerplate", *at(text, FOOTER))
    doc.add_attribution(Attribution(
        id="a1", source=Source(spans=[at(text, "Donald Trump")], entity="Donald Trump", kind="person"),
        cue=[at(text, "said")], content=[at(text, "the port should stay open")], date="2025-03-10"))
    doc.add_attribution(Attribution(
        id="a2", source=Source(spans=[at(text, "The former president")], entity="Donald Trump", kind="person"),
        cue=[at(text, "said", 1)], content=[at(text, "the cranes were \u201cbeautiful\u201d")]))
    he = at(text, "he would")[0]
    doc.add_entity(Entity("e1", "Donald Trump", "person", [at(text, "Donald Trump"), at(text, "Footage of Trump"),
                                                          at(text, "Most of"), at(text, "Mr. Trump"), (he, he + 2),
                                                          at(text, "The former president")], gender="male"))
    link(doc, a1=("e1", 0.95), a2=("e1", 0.8))
    doc.record("structure", "test")
    doc.record("attribution", "test")
    return doc


def untitled() -> Document:
    text = "Donald Trump told the paper that the strike would end soon."
    doc = Document(text, input="feeds/untitled-dump.txt", meta=Metadata(date="2025-03-15", sitename="Saltmere Gazette"))
    doc.add_span("paragraph", 0, len(text))
    doc.add_attribution(Attribution(
        id="a1", source=Source(spans=[at(text, "Donald Trump")], entity="Donald Trump", kind="person"),
        cue=[at(text, "told")], content=[at(text, "the strike would end soon")]))
    entity(doc, "e1", "Donald Trump", "person", "Donald Trump", gender="male")
    link(doc, a1=("e1", 0.95))
    doc.record("structure", "test")
    doc.record("attribution", "test")
    return doc


def build(path: Path) -> Path:
    from reportedly.corpus import Store

    with Store(path) as store:
        store.add(page())
        store.add(untitled())
        store.refresh_speakers()
    return path


def tulsa(n: int) -> Document:
    """The same two-part quotation in two outlets' articles (``n`` 0 or 1): a statement across outlets
    whose content is two quoted fragments joined."""
    q1 = "\u201cHow many times do we have to see this in our country?\u201d"
    q2 = "\u201cIn Tulsa, an unarmed man with his hands in the air. This is just unbearable.\u201d"
    title = ["Clinton on Tulsa", "Clinton speaks on Tulsa"][n]
    text = f"{title}\n\n{q1} Clinton said. {q2}"
    doc = Document(text, input=f"tulsa-{n}.txt", meta=Metadata(title=title,
                                                                date=f"2016-09-2{n}", sitename=["Wire", "Post"][n]))
    doc.add_span("title", 0, len(title))
    doc.add_span("paragraph", text.index(q1), len(text))
    doc.add_attribution(Attribution(
        id="a1", source=Source(spans=[at(text, "Clinton", 1)], entity="Hillary Clinton", kind="person"),
        cue=[at(text, "said")], content=[at(text, q1), at(text, q2)], kind="direct"))
    doc.record("structure", "test")
    doc.record("attribution", "test")
    return doc


def build_tulsa(path: Path) -> Path:
    from reportedly.corpus import Store

    with Store(path) as store:
        store.add(tulsa(0))
        store.add(tulsa(1))
        store.refresh_speakers()
    return path
