"""Dateline parsing: absolute dates in many shapes, relative dates refused."""

from __future__ import annotations

import pytest

from reportedly.clean.dates import find_date, is_relative_date, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("11 Nov, 2022 10:53", "2022-11-11T10:53:00"),
        ("November 20, 2019", "2019-11-20"),
        ("2022-11-11T10:53Z", "2022-11-11T10:53:00Z"),
        ("2019-11-19T08:57:45+01:00", "2019-11-19T08:57:45+01:00"),
        ("Nov. 19, 2019 8:03 am ET", "2019-11-19T08:03:00-05:00"),  # "ET": standard time in November
        ("July 4, 2019 10:00 am PT", "2019-07-04T10:00:00-07:00"),  # and summer time in July
        ("March 10, 2019 3:30 am ET", "2019-03-10T03:30:00-04:00"),  # summer time began at 2 am that day
        ("By Tess Bonn - 11/19/19 06:56 AM EST", "2019-11-19T06:56:00-05:00"),  # a two-digit year before a time
        ("Updated 1:39 am EST, Wednesday, November 20, 2019", "2019-11-20T01:39:00-05:00"),
        ("Published 7:07 PM EST Nov 19, 2019", "2019-11-19T19:07:00-05:00"),
        ("Wednesday, 20th November 2019", "2019-11-20"),
        ("Updated: Sat 8:31 PM, Feb 17, 2018", "2018-02-17T20:31:00"),
        ("sexta-feira, 22 de outubro de 2010 às 20:13", "2010-10-22T20:13:00"),
        ("Veröffentlicht am 3. März 2021", "2021-03-03"),
        ("Текст: Венера Ерофеева · 24 сентября 2018", "2018-09-24"),
        ("20.11.2019", "2019-11-20"),
        ("11/20/2019", "2019-11-20"),
        ("20/11/2019", "2019-11-20"),
        ("2016.12.01", "2016-12-01"),
        ("2019年11月20日", "2019-11-20"),
    ],
)
def test_absolute_dates(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["Published 3 hours ago", "updated 16M ago", "Yesterday", "vor 2 Stunden"])
def test_relative_dates_give_none(text: str) -> None:
    assert parse_date(text) is None


def test_relative_flag() -> None:
    assert is_relative_date("Published 3 hours ago")
    assert not is_relative_date("Published November 20, 2019")


@pytest.mark.parametrize("text", ["", "no date here", "Sales rose 31 percent", "February 30, 2020", "13.13.2020"])
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_found_date_span_points_at_the_expression() -> None:
    text = "Posted by Jane Doe on November 20, 2019"
    found = find_date(text)
    assert found is not None
    assert text[found.start : found.end] == "November 20, 2019"
    assert not found.has_time


def test_build_stamps_are_not_dates() -> None:
    from reportedly.clean.dates import find_date

    for line in ("dt: 2019-11-14T10:00:00Z", "build 2019-11-14", '"deployed": "2019-11-14"', "version=2019-11-14"):
        assert find_date(line) is None, line
    assert find_date("dt: 2019-11-14 · Published November 18, 2019").iso == "2019-11-18"
    for line in ("The 2019-11-14 hearing was delayed", "Release date: November 18, 2019", "Posted 2019-11-18"):
        assert find_date(line) is not None, line
