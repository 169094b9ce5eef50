"""Statement dates resolved against the publication date."""

from __future__ import annotations

import pytest

from reportedly.attribution.context import Context
from reportedly.attribution.when import resolve_dates, statement_date

from .helpers import att, make_doc

PUB = "2022-11-11T10:53:00"  # a Friday


def _date(text: str, source: str, cue: str, content: str, pub: str | None = PUB) -> str | None:
    doc = make_doc(text, date=pub)
    a = att(doc, "a1", source=source, cue=cue, content=content)
    resolve_dates(Context(doc, [a]))
    return a.date


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Thursday", "2022-11-10"),
        ("on Friday", "2022-11-11"),
        ("last Friday", "2022-11-04"),
        ("on Monday", "2022-11-07"),
        ("yesterday", "2022-11-10"),
        ("today", "2022-11-11"),
        ("on Nov. 3", "2022-11-03"),
        ("on November 3, 2021", "2021-11-03"),
        ("on Dec. 3", "2021-12-03"),
        ("last week", "2022-W44"),
        ("earlier this month", "2022-11"),
        ("last month", "2022-10"),
        ("two days ago", "2022-11-09"),
    ],
)
def test_expressions_after_cue(phrase: str, expected: str) -> None:
    text = f"The ministry said {phrase} that the talks had stalled."
    assert _date(text, "The ministry", "said", "that the talks had stalled") == expected


def test_seed_reported_on_thursday() -> None:
    text = "The US is divided on talks, the New York Times reported on Thursday, citing sources."
    assert _date(text, "the New York Times", "reported", "The US is divided on talks") == "2022-11-10"


def test_sentence_initial_and_same_day() -> None:
    text = ("Biden said on Thursday that the war would go on.\n\n"
            "The same day, Jake Sullivan maintained that no one was pressing Kiev.")
    doc = make_doc(text, date=PUB)
    a1 = att(doc, "a1", source="Biden", cue="said", content="that the war would go on")
    a2 = att(doc, "a2", source="Jake Sullivan", cue="maintained", content="that no one was pressing Kiev")
    resolve_dates(Context(doc, [a1, a2]))
    assert a1.date == "2022-11-10"
    assert a2.date == "2022-11-10"


def test_date_in_content_is_not_the_statement_date() -> None:
    text = "The ministry said that the vote will be held on Monday."
    assert _date(text, "The ministry", "said", "that the vote will be held on Monday") is None


def test_no_date_in_text() -> None:
    assert _date("Officials said the plan had failed.", "Officials", "said", "the plan had failed") is None


def test_relative_date_without_publication_date() -> None:
    text = "The ministry said on Thursday that talks had stalled."
    assert _date(text, "The ministry", "said", "that talks had stalled", pub=None) is None
    text = "The ministry said on Nov. 3, 2022 that talks had stalled."
    assert _date(text, "The ministry", "said", "that talks had stalled", pub=None) == "2022-11-03"


def test_inverted_source() -> None:
    text = "“We will not give up,” said Zelensky on Wednesday."
    doc = make_doc(text, date=PUB)
    a = att(doc, "a1", source="Zelensky", cue="said", content="“We will not give up,”")
    assert statement_date(doc.text, a, None, None) is None  # no publication date given
    resolve_dates(Context(doc, [a]))
    assert a.date == "2022-11-09"


def test_participle_takes_main_clause_date() -> None:
    text = "Sullivan maintained on Thursday that aid would go on, insisting that Kiev decides."
    doc = make_doc(text, date=PUB)
    a1 = att(doc, "a1", source="Sullivan", cue="maintained", content="that aid would go on")
    a2 = att(doc, "a2", source="Sullivan", cue="insisting", content="that Kiev decides")
    resolve_dates(Context(doc, [a1, a2], shares={"a2": "a1"}))
    assert a1.date == a2.date == "2022-11-10"


def test_names_are_not_dates() -> None:
    assert _date("Figueroa told USA Today that she left.", "Figueroa", "told", "that she left") is None
