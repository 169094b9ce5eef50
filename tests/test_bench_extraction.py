"""The extraction benchmark: its measure, the generic dispatcher, a run on a tiny folder (no timing checked)."""

from __future__ import annotations

import gzip
import json

import pytest

from reportedly.bench import available
from reportedly.bench.__main__ import main as bench_main
from reportedly.bench.extraction import body_scores


def test_measure() -> None:
    truth = "one two three four five six"
    assert body_scores([(truth, truth)])["f1"] == 1.0
    assert body_scores([(truth, "")])["f1"] == 0.0
    half = body_scores([(truth, "one two three four five")])  # 2 of 3 shingles, none wrong
    assert half["precision"] == 1.0 and half["recall"] == pytest.approx(2 / 3)


def test_dispatcher(capsys) -> None:
    assert "extraction" in available()
    assert bench_main(["no-such-benchmark"]) == 2
    assert "unknown benchmark" in capsys.readouterr().err


def test_runs_on_a_folder(examples, tmp_path, capsys) -> None:
    txt = (examples / "harbour-dispute.txt").read_bytes()
    (tmp_path / "p1.txt").write_bytes(txt)
    (tmp_path / "p1.html.gz").write_bytes(gzip.compress((examples / "library-reopens.html").read_bytes()))
    body = txt.decode().split("\n\n")[4]
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": body, "url": ""}}))
    assert bench_main(["extraction", str(tmp_path), "--no-peers", "--all-cores"]) == 0
    out = capsys.readouterr().out
    assert "text  reportedly" in out and "html  reportedly" in out and "peak RSS" in out


def test_metadata_scores() -> None:
    from reportedly.bench.extraction import date_matches, metadata_scores

    assert date_matches("2019-11-18T23:10:00-05:00", "2019-11-19T04:10:00+00:00", precise=True)
    assert date_matches("2019-11-18T23:10:00-05:00", "2019-11-19T04:10:00+00:00")  # the day in the gold zone
    assert not date_matches("2019-11-18", "2019-11-19T04:10:00+00:00")
    assert not date_matches("2019-11-19T04:10:00", "2019-11-19T04:10:00+00:00", precise=True)  # no zone
    gold = {"a": {"title": "Port strike looms", "title_alternates": ["Strike looms at the port"],
                  "authors": ["Jane Doe"], "date": "2025-01-02T10:00:00+00:00"}}
    got = {"a": {"title": "Strike looms at the port", "authors": ["jane doe"], "date": "2025-01-02"}}
    assert metadata_scores(gold, got) == {"authors": (1, 1), "title": (1, 1), "date": (1, 1), "time": (0, 1)}


_SUITE = '''
MOCK_PAGES = {"https://example.org/ferry": "example.org.ferry.html"}


def test_extract(xmloutput, formatting):
    result = do_load_page("https://example.org/ferry")
    assert "voted on Tuesday to close" in result
    assert "Subscribe to our newsletter" not in result
    if xmloutput is False:
        assert "cycle path along the harbour" in result
    if formatting:
        assert "**never read**" in result
    assert result is not None and "Related stories" not in result
'''


def test_suite_checks_read_from_the_test_file() -> None:
    from reportedly.bench.extraction import _suite_checks, _suite_pages

    checks = _suite_checks(_SUITE)
    url = "https://example.org/ferry"
    assert checks == [(url, "voted on Tuesday to close", True), (url, "Subscribe to our newsletter", False),
                      (url, "cycle path along the harbour", True), (url, "Related stories", False)]
    assert _suite_pages(_SUITE) == {url: "example.org.ferry.html"}


def test_suite_runs_side_by_side(examples, tmp_path, capsys) -> None:
    (tmp_path / "tests" / "cache").mkdir(parents=True)
    (tmp_path / "tests" / "realworld_tests.py").write_text(_SUITE)
    paragraphs = "".join(f"<p>{p}</p>" for p in (
        "The city council voted on Tuesday to close the old ferry terminal by the end of next year, after two "
        "years of falling passenger numbers and a repair bill that nobody on the council wanted to pay.",
        "Council members said the savings would go to the bus network, which carries four times as many people "
        "every day, and to a new cycle path along the harbour front that opens in the spring."))
    page = (f"<html><head><title>Ferry terminal to close</title></head><body><nav>Related stories</nav>"
            f"<article><h1>Ferry terminal to close</h1>{paragraphs}</article>"
            f"<footer>Subscribe to our newsletter</footer></body></html>")
    (tmp_path / "tests" / "cache" / "example.org.ferry.html").write_text(page)
    assert bench_main(["extraction", "--suite", "trafilatura", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1 pages, 2 must-contain sentences (0 in reader comments), 2 must-not-contain" in out
    assert "reportedly (body)" in out and "2/2" in out
    assert bench_main(["extraction", "--suite", "trafilatura", str(tmp_path / "nothing")]) == 2


def test_split_halves_are_fixed() -> None:
    from reportedly.bench.extraction import split_halves

    ids = [f"page{n}" for n in range(41)]
    halves = split_halves(ids)
    assert sorted(halves.values()).count("A") == 21 and halves == split_halves(reversed(ids))


def test_titles_are_counted(tmp_path, capsys) -> None:
    lead = ("The city council voted on Tuesday to close the old ferry terminal by the end of next year, after two "
            "years of falling passenger numbers.")
    (tmp_path / "a.txt").write_text(f"Council votes to close the terminal.\n\n{lead}\n\n{lead} Again.\n")
    (tmp_path / "b.txt").write_text(f"{lead}\n")
    assert bench_main(["extraction", str(tmp_path), "--titles"]) == 0
    assert "titles: 1 of 2 plain texts" in capsys.readouterr().out
