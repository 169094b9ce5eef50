"""Page furniture recognised line by line; wire datelines at the start of a paragraph."""

from __future__ import annotations

import pytest

from reportedly.clean.furniture import furniture_kind, wire_dateline


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Updated 14 hours ago", "stamp"),
        ("Updated at 1:23 p.m.", "stamp"),
        ("- Published 18 November 2019", "stamp"),
        ("Our Standards: The Thomson Reuters Trust Principles.", "standards"),
        ("narrow-browser-and-phone medium-browser-and-portrait-tablet wide-browser-and-landscape-tablet", "breakpoints"),
        ("0 : 0", "counter"),
        ("AP-US--Trump-Impeachment, 4th Ld-Writethru", "slug"),
        ("Associated Press writers Mary Clare Jalonick and Lisa Mascaro contributed to this report.", "contributors"),
        ("Have a tip? Jane Roe may be reached at jroe@example.com. Follow her on Twitter @janeroe.", "contact"),
        ("Write to Al Root at allen.root@example.com", "contact"),
        ("Email Tariq Malik at tmalik@example.com or follow him @tariqjmalik.", "contact"),
        ("Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", "contact"),
        ("Related: Possible Water Plumes on Europa: The Discovery in Images", "pointer"),
        ("Read more: Alibaba poised to launch record-breaking listing", "pointer"),
        ("CLICK HERE TO GET THE FOX NEWS APP", "prompt"),
        ("If you buy something through this post, the site may get a share of the sale.", "prompt"),
        ("Text size", "tool"),
    ],
)
def test_furniture(line: str, kind: str) -> None:
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "The senator said the vote would be held 14 hours ago, according to aides who were present.",
        "Sign up for a streaming account for $11.99 a month",
        "Trump tweeted that “Governor @MattBevin has done a wonderful job for the people of Kentucky!”",
        "The score was 2 : 1 at half time after a penalty in the 40th minute, and the crowd went quiet.",
        "Related costs rose by 4% in the quarter, the company said.",
        "Updated guidance from the health ministry is expected next week.",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert furniture_kind(line) is None


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("WASHINGTON (AP) — President Donald Trump said on Tuesday", "WASHINGTON (AP) — "),
        ("LONDON (Reuters) - Britain's economy grew", "LONDON (Reuters) - "),
        ("NEW DELHI, Nov 20 (PTI): The government said", "NEW DELHI, Nov 20 (PTI): "),
        ("BEIJING — China's commerce ministry said", "BEIJING — "),
        ("The president (R) said on Tuesday", ""),
        ("A US official said", ""),
    ],
)
def test_wire_dateline(paragraph: str, dateline: str) -> None:
    assert paragraph[: wire_dateline(paragraph)] == dateline


def test_a_contributing_credit_line_is_furniture_and_no_speaker_label() -> None:
    from reportedly.api import Analyzer
    from reportedly.settings import Settings

    assert furniture_kind("Contributing: Kristine Phillips") == "contributors"
    assert furniture_kind("The contributing factor: rain") is None
    text = ("Guards charged over inmate checks\n\nTwo guards were charged on Tuesday with falsifying records, "
            "prosecutors said in a statement released in New York.\n\nThe guards are due in court next week, "
            "and their lawyers said they would plead not guilty to every charge.\n\nContributing: Kristine Phillips\n")
    doc = Analyzer(Settings.load(env={})).analyze_text(text)
    assert "Kristine Phillips" not in doc.body
    assert not [a for a in doc.attributions if "Contributing" in doc.text[a.start:a.start + 20]]


def test_the_articles_facts_as_a_list_are_furniture() -> None:
    for line in ("- Date 10.06.2013", "- Author Jane Doe", "- Related Subjects Wine Route, Sommelier",
                 "- Keywords wine, harbour, ferry", "- Permalink https://example.org/p/18", "- Print Print this page",
                 "- Feedback: Send us an e-mail. Please include your name in your reply.", "Tags: wine, harbour"):
        assert furniture_kind(line) == "metadata", line
    for line in ("Topics covered at the meeting included the budget and the new harbour.", "- Date night ideas",
                 "Keywords matter for search engines, the consultant said on Monday.", "- Authors of the report"):
        assert furniture_kind(line) is None, line
