"""Titles without site names, the most precise agreeing date, and the language of a text."""

from __future__ import annotations

import pytest

from reportedly.clean.metadata import best_date, clean_title, detect_language, parse_stamp, pick_title


@pytest.mark.parametrize(
    ("title", "sites", "url", "want"),
    [
        ("Startup raises $5m – TechCrunch", ["TechCrunch"], None, "Startup raises $5m"),
        ("Port strike looms | The Harbour Ledger", [], "https://harbourledger.example/a", "Port strike looms"),
        ("Port strike looms - harbourledger.example", [], "https://www.harbourledger.example/a", "Port strike looms"),
        ("Opinion | Republicans Are Following Trump to Nowhere - The New York Times", ["NYTimes"], None,
         "Republicans Are Following Trump to Nowhere"),
        ("Troops killed in helicopter crash | Afghanistan News | Al Jazeera", ["Al Jazeera"], None,
         "Troops killed in helicopter crash"),
        ("Alibaba to raise up to $12.9bn in landmark listing : CityAM", ["CityAM"], None,
         "Alibaba to raise up to $12.9bn in landmark listing"),
        # a colon or dash inside the headline is not a site separator
        ("Fact Check: Is an oxygen bar offering fresh air?", ["News Nation"], None,
         "Fact Check: Is an oxygen bar offering fresh air?"),
        ("Star Wars review - shoots for the moon, lands among the stars", ["VG247"], None,
         "Star Wars review - shoots for the moon, lands among the stars"),
    ],
)
def test_clean_title(title: str, sites: list[str], url: str | None, want: str) -> None:
    assert clean_title(title, sites, url) == want


def test_visible_headline_preferred_when_the_titles_agree() -> None:
    h1 = ["‘We had some issues,’ exec says on glitches"]
    assert pick_title(h1, ["'We had some issues,' exec says on glitches - Daily Ledger"], ["Daily Ledger"]) == h1[0]
    # an <h1> that is the site's logo is not the headline
    assert pick_title(["Daily Ledger"], ["Council approves budget | Daily Ledger"], ["Daily Ledger"]) == (
        "Council approves budget")


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [
        ("2019-11-19T13:03:00.000Z", "2019-11-19T13:03:00+00:00", 3),
        ("2019-11-20T06:35:39+0000", "2019-11-20T06:35:39+00:00", 3),
        ("2019-11-20 13:42:06+08:00", "2019-11-20T13:42:06+08:00", 3),
        ("Mon, 18 Nov 2019 16:07:38 -0600", "2019-11-18T16:07:38-06:00", 3),
        ("20 Nov 2019 08:02 GMT", "2019-11-20T08:02:00+00:00", 3),
        ("2019-11-20T01:53:14.418", "2019-11-20T01:53:14", 2),
        ("2019-11-13", "2019-11-13", 1),
        ("November 20, 2019", "2019-11-20", 1),
    ],
)
def test_parse_stamp(value: str, iso: str, precision: int) -> None:
    got = parse_stamp(value)
    assert got is not None and got[0] == iso and got[1] == precision


def test_parse_stamp_rejects_placeholders() -> None:
    assert parse_stamp("0001-01-01T00:00:00Z") is None
    assert parse_stamp("") is None
    assert parse_stamp("yesterday") is None


def test_best_date_is_the_most_precise_agreeing_stamp() -> None:
    # a zoned JSON-LD stamp beats a day; a UTC stamp may fall on the next day
    assert best_date(["2019-11-19T07:03:25+00:00"], "2019-11-18") == "2019-11-19T07:03:25+00:00"
    # the zone-less copy loses to the zoned one, whatever the order
    assert best_date(["2019-11-18T17:01:27.893", "2019-11-18T17:01:27.893Z"], "2019-11-18") == (
        "2019-11-18T17:01:27+00:00")
    # a stamp far from the reference day (a modified date, a placeholder) does not count
    assert best_date(["2021-03-01T10:00:00Z"], "2019-11-18") == "2019-11-18"
    # without a reference the first stamp sets the day
    assert best_date(["2019-11-18", "2019-11-18T10:00:00-05:00"], None) == "2019-11-18T10:00:00-05:00"
    assert best_date([], None) is None


def test_detect_language() -> None:
    assert detect_language("The council approved the budget on Tuesday after a long debate.") == "en"
    assert detect_language("Der Stadtrat hat den Haushalt am Dienstag nach langer Debatte beschlossen.") == "de"
    assert detect_language("1234 5678") is None
