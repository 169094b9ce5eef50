"""Headline credits: the outlet a headline names as its source."""

from __future__ import annotations

import pytest

from reportedly.clean.credits import headline_credit, lookup_outlet


@pytest.mark.parametrize(
    ("title", "entity", "text"),
    [
        ("White House split on how to end the war – NYT", "The New York Times", "NYT"),
        ("Oil prices slide as talks stall - Reuters", "Reuters", "Reuters"),
        ("Central bank weighs another rate rise — WSJ", "The Wall Street Journal", "WSJ"),
        ("Minister to resign within days | Bloomberg", "Bloomberg", "Bloomberg"),
        ("Pentagon plans new troop rotation: WaPo", "The Washington Post", "WaPo"),
        ("AFP: Storm leaves thousands without power", "Agence France-Presse", "AFP"),
    ],
)
def test_credited_outlets(title: str, entity: str, text: str) -> None:
    credit = headline_credit(title, offset=100)
    assert credit is not None
    assert credit["entity"] == entity
    assert credit["text"] == text
    (s, e), = credit["spans"]
    assert title[s - 100 : e - 100] == text


def test_generic_report_credit() -> None:
    credit = headline_credit("Talks on new arms deal have stalled: report")
    assert credit is not None and credit["entity"] is None and credit["text"] == "report"


@pytest.mark.parametrize(
    "title",
    ["Republicans are following Trump to nowhere", "Chapter 3 - The return", "Deadline: what the budget means", ""],
)
def test_no_credit(title: str) -> None:
    assert headline_credit(title) is None


def test_lookup() -> None:
    assert lookup_outlet("nyt") is None  # abbreviations are case-sensitive
    assert lookup_outlet("new york times") == "The New York Times"
    assert lookup_outlet("AP") == "Associated Press"


def test_unknown_outlet_counts_when_the_article_cites_it() -> None:
    title = "Port strike looms over crane plan – Coastal Ledger"
    body = "Dockworkers could walk out next week, the Coastal Ledger reported on Thursday, citing sources."
    credit = headline_credit(title, context=body)
    assert credit is not None and credit["entity"] == "The Coastal Ledger" and credit["text"] == "Coastal Ledger"
    assert headline_credit(title, context="Dockworkers could walk out next week.") is None
    assert headline_credit("Ten years of the harbour festival – Photo Gallery", context=body) is None
