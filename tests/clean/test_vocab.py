"""The furniture vocabularies' shortcuts agree with the patterns they stand in for."""

from __future__ import annotations

import pytest

from reportedly.clean.dates import find_date
from reportedly.clean.vocab import CAPTION, JUNK_LONG, JUNK_LONG_NEEDS, is_caption, may_match

CAPTION_LINES = [
    "photo by jane doe/ap",
    "a protester outside the court. afp photo",
    "the harbour at dawn. reuters",
    "image 3 of 12",
    "4 / 20",
    "12 of 30",
    "credit: john smith",
    "video: the flooding in valencia",
    "getty images via getty",
    "the minister speaks in brussels ap",
    "illustrations by tom",
]
PROSE_LINES = [
    "the ministry said the talks would resume on monday.",
    "apple shares rose 3 per cent",
    "happy hour at the harbour",
    "he reported the photo was taken in 2019",
    "12 of the 30 members voted against",
    "a strap on the cap",
]


@pytest.mark.parametrize("line", CAPTION_LINES + PROSE_LINES)
def test_is_caption_answers_as_the_whole_pattern_does(line: str) -> None:
    assert is_caption(line) == bool(CAPTION.search(line))


def test_the_caption_lines_are_captions_and_the_prose_is_not() -> None:
    assert all(map(is_caption, CAPTION_LINES))
    assert not any(map(is_caption, PROSE_LINES))


def test_a_line_without_the_needed_substrings_cannot_match_junk_long() -> None:
    line = "the council voted on the budget"
    assert not may_match(JUNK_LONG_NEEDS, line)
    assert JUNK_LONG.search(line) is None
    assert may_match(JUNK_LONG_NEEDS, "all rights reserved")


@pytest.mark.parametrize("text", ["Published 3 hours ago", "Monday, November", "Nov. 5", "Page 1 of 9"])
def test_text_without_a_year_has_no_date(text: str) -> None:
    assert find_date(text) is None


def test_a_two_digit_year_with_a_time_is_still_a_date() -> None:
    found = find_date("11/19/19 06:56 AM EST")
    assert found is not None and found.iso.startswith("2019-11-19T06:56")
