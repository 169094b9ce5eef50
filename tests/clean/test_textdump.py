"""The text-dump cleaner: article body, headline, standfirst, dateline, bylines and credit as spans."""

from __future__ import annotations

from reportedly.clean import StructureComponent
from reportedly.clean.textdump import TextDumpCleaner
from reportedly.document import Document


def _clean(text: str) -> Document:
    return TextDumpCleaner()(Document(text))


def test_example_dump(examples) -> None:
    text = (examples / "harbour-dispute.txt").read_text("utf-8")
    doc = _clean(text)
    m = doc.meta
    assert doc.text == text  # never modified
    assert m.title == "Port of Velmora dockworkers threaten strike over automation plans – Coastal Ledger"
    assert m.description.startswith("Union leaders reportedly believe")
    assert m.date == "2025-03-14T08:40:00"
    assert m.authors == ["Marta Lindqvist"]
    assert m.headline_credit["entity"] == "The Coastal Ledger"
    s, e = m.headline_credit["spans"][0]
    assert text[s:e] == "Coastal Ledger"
    body = doc.body
    assert body.startswith("Dockworkers at the Port of Velmora could walk out")
    assert body.endswith("the newer deep-water port at Saltmere.")
    for junk in ("icon", "Subscribe", "14 Mar, 2025", "Share this article", "Related stories", "Comments (12)",
                 "All rights reserved", "Privacy policy", "threaten strike over automation plans"):
        assert junk not in body


def test_layers(examples) -> None:
    text = (examples / "harbour-dispute.txt").read_text("utf-8")
    doc = _clean(text)
    (title,) = doc.layer("title")
    assert doc.slice(title) == doc.meta.title
    assert [doc.slice(s) for s in doc.layer("dateline")] == ["14 Mar, 2025 08:40"]
    assert [doc.slice(s) for s in doc.layer("byline")] == ["By Marta Lindqvist"]
    captions = [doc.slice(s) for s in doc.layer("caption")]
    assert doc.meta.title in captions  # the headline repeated as a caption
    assert len(doc.layer("paragraph")) == 5
    assert doc.slice(doc.layer("boilerplate")[0]).startswith("icon menuicon")
    # no two layers of the article's structure overlap the body
    body_spans = {(s.start, s.end) for s in doc.layer("paragraph")}
    for name in ("title", "standfirst", "dateline", "byline", "caption", "boilerplate"):
        for sp in doc.layer(name):
            assert all(sp.end <= a or sp.start >= b for a, b in body_spans), name


def test_comments_and_related_lists_are_cut() -> None:
    para = ("The regional council said on Monday that the new ferry timetable would start in April, "
            "after months of complaints from islanders about cancelled crossings and long waits.")
    text = "\n\n".join([
        "Home | News | Sport | Weather",
        "Ferry timetable to change in April",
        para,
        para.replace("Monday", "Tuesday").replace("ferry", "bus"),
        para.replace("regional council", "harbour board"),
        "Related stories",
        "Island school to close for repairs ...",
        "Bridge tolls frozen for another year ...",
        "Comments (3)",
        "This is outrageous, the ferry has been late every single day this month and nobody cares at all.",
        "© 2025 Island Times",
    ])
    doc = _clean(text)
    assert doc.body.count("\n\n") == 2
    assert "Island school" not in doc.body and "outrageous" not in doc.body and "Home |" not in doc.body


def test_relative_dates_are_not_dates() -> None:
    para = ("Officials said the museum would reopen its east wing next month once the roof repairs, which "
            "began last winter after a storm, had been inspected and signed off by engineers.")
    doc = _clean("\n".join(["Museum east wing to reopen", "Published 3 hours ago", para, para.replace("east", "west")]))
    assert doc.meta.date is None
    assert "Published 3 hours ago" not in doc.body


def test_a_lone_paragraph_is_the_body() -> None:
    one = "The minister said on Tuesday that taxes would rise next year, according to officials."
    assert _clean(one).body == one
    assert _clean("one line only").body == "one line only"


def test_structure_component_leaves_html_layers_alone() -> None:
    doc = Document("Title\n\nBody text.")
    doc.add_span("paragraph", 7, 17)
    out = StructureComponent()(doc)
    assert out.body == "Body text."
    assert not out.has_layer("boilerplate")
