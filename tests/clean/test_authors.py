"""Authors as person names: labels, roles, credentials, bios and agencies split off."""

from __future__ import annotations

import pytest

from reportedly.clean.authors import agency, clean_byline, pick_authors


@pytest.mark.parametrize(
    ("raw", "people", "agencies"),
    [
        ("By TOM KRISHER, AP Auto Writer", ["Tom Krisher"], []),
        ("ERIC TUCKER Associated Press", ["Eric Tucker"], ["Associated Press"]),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"], []),
        ("Phil Helsel is a reporter for NBC News", ["Phil Helsel"], []),
        ("Staff writer", [], []),
        ("Rachael Link, MS, RD", ["Rachael Link"], []),
        ("Amy Kuperinsky | NJ Advance Media for NJ.com", ["Amy Kuperinsky"], []),
        ("By MEG KINNARD and ERRIN HAINES, Associated Press", ["Meg Kinnard", "Errin Haines"], ["Associated Press"]),
        ("Jill Disis, CNN Business", ["Jill Disis"], []),
        ("The Associated Press", [], ["Associated Press"]),
        ("Reuters", [], ["Reuters"]),
        ("HNN Staff", [], []),
        ("Practical Horseman Editorial Staff", [], []),
        ("admin", [], []),
        ("kevin-r", [], []),
        ("https://www.facebook.com/somebody", [], []),
        ("Dr. Jane Roe", ["Jane Roe"], []),
        ("Bruce Y. Lee", ["Bruce Y. Lee"], []),
        ("Marcus De Guzman", ["Marcus De Guzman"], []),
        ("Martin Luther King, Jr.", ["Martin Luther King Jr."], []),
        ("Juan Pérez y Ana Gómez", ["Juan Pérez", "Ana Gómez"], []),
        ("Текст: Венера Ерофеева", ["Венера Ерофеева"], []),
        ("Regan September 15", [], []),
        ("Meg James Staff Writer", ["Meg James"], []),  # a role after the name without a comma
        ("Chris Cillizza CNN Editor-at-large", ["Chris Cillizza"], []),
        ("Tampa Bay Times Staff Writer", [], []),  # an outlet before the role: no name
        ("AP Auto Writer", [], []),
    ],
)
def test_clean_byline(raw: str, people: list[str], agencies: list[str]) -> None:
    assert clean_byline(raw) == (people, agencies)


def test_agency_names_are_canonical() -> None:
    assert agency("AP") == "Associated Press"
    assert agency("the associated press") == "Associated Press"
    assert agency("PTI") == "Press Trust of India"
    assert agency("CNN") is None


def test_first_source_naming_a_person_wins() -> None:
    # JSON-LD names the person; the meta tag names the publisher: the person wins.
    assert pick_authors([["Molly Wood"], ["Condé Nast"]]) == ["Molly Wood"]
    # a source with only an organisation is passed over for a later one naming a person
    assert pick_authors([["Editorial"], [], ["By Jane Doe"]]) == ["Jane Doe"]
    # only an agency anywhere: the agency is the author
    assert pick_authors([["The Associated Press"], ["Staff"]]) == ["Associated Press"]
    # a person and the agency she writes for: the person only
    assert pick_authors([["JILL LAWLESS Associated Press", "DANICA KIRKA"]]) == ["Jill Lawless", "Danica Kirka"]
    assert pick_authors([[], []]) == []


def test_every_byline_author_is_kept() -> None:
    from reportedly.clean.authors import pick_authors

    byline = "By Camila Ortega, Nicole Sanders and Melissa Quinn"
    assert pick_authors([["Camila Ortega"], [], [byline]]) == ["Camila Ortega", "Nicole Sanders", "Melissa Quinn"]
    # a later source naming someone else is not merged in
    assert pick_authors([["Camila Ortega"], ["By Nicole Sanders and Melissa Quinn"]]) == ["Camila Ortega"]


def test_a_publisher_or_desk_is_not_added_to_the_authors() -> None:
    from reportedly.clean.authors import pick_authors

    # the meta tag names the publisher instead of the author; a later source names both
    assert pick_authors([["Molly Wood"], ["Harbour Media Group"], ["Harbour Media Group; Molly Wood"]]) == ["Molly Wood"]
    assert pick_authors([["Tom Krisher"], ["Tom Krisher; AP Auto"]]) == ["Tom Krisher"]  # "AP Auto Writer", cut
    assert pick_authors([["Molly Wood"], ["Molly Wood; Wired Staff"]], not_names=["Wired Staff"]) == ["Molly Wood"]
