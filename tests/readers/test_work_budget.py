"""Every document has a work budget: size, HTML nesting depth, attribute count, and a time budget a
watchdog enforces. Past it a document fails with one line (or is trimmed with a warning saying so);
it never hangs the run, and nothing is cut silently."""

from __future__ import annotations

import time

import pytest

from reportedly.budget import TimeBudgetError, time_budget, within
from reportedly.cli import main
from reportedly.readers import Failure, read_inputs
from reportedly.readers.html import MAX_ATTRIBUTES, MAX_NESTING, read_html_bytes

PARA = "The mayor said on Monday that the bridge would reopen in the spring, officials confirmed."


def _spin(seconds: float = 60.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sum(range(100))


# -- the watchdog ----------------------------------------------------------------------------------
def test_the_watchdog_stops_work_past_its_budget() -> None:
    t = time.monotonic()
    with pytest.raises(TimeBudgetError, match="spinning took longer than its time budget of 0.2 s"):
        within(0.2, "spinning", _spin)
    assert time.monotonic() - t < 5


def test_work_within_its_budget_is_never_interrupted_later() -> None:
    for _ in range(200):
        assert within(0.05, "quick", sum, range(10)) == 45
    _spin(0.3)  # a late overrun would land here


def test_an_exception_handler_in_the_work_cannot_swallow_the_overrun() -> None:
    def stubborn() -> None:
        while True:
            try:
                _spin()
            except Exception:  # noqa: S112 - what careless library code does
                continue

    with pytest.raises(TimeBudgetError):
        within(0.2, "stubborn", stubborn)


def test_budgets_nest_and_zero_means_none() -> None:
    with pytest.raises(TimeBudgetError, match="outer"):
        within(0.2, "outer", within, 30, "inner", _spin)
    with time_budget(0, "none") as b:
        _spin(0.2)
    assert b.elapsed >= 0.2


# -- reading HTML within its budget ------------------------------------------------------------------
def test_an_attribute_bomb_is_defused_with_a_warning() -> None:
    n = 100_000  # lxml's parse time grows with the square of this: minutes before the guard
    page = ("<html><body><div " + " ".join(f"a{i}=x" for i in range(n)) + f"><p>{PARA}</p></div>"
            "</body></html>").encode()
    t = time.monotonic()
    doc = read_html_bytes(page, input="bomb.html")
    assert time.monotonic() - t < 30
    assert PARA in doc.text
    assert doc.meta.extra["warnings"] == [f"an element with more than {MAX_ATTRIBUTES:,} attributes "
                                          f"(up to {n:,}): their attributes were dropped"]


def test_unclosed_divs_are_not_cut_silently() -> None:
    n = 5000  # libxml2 stops building the tree 256 deep: the page was cut after 255 paragraphs
    page = ("<html><body>" + "".join(f"<div>Paragraph {i}. {PARA}" for i in range(n)) + "</body></html>").encode()
    doc = read_html_bytes(page, input="unclosed.html")
    assert f"Paragraph {n - 1}." in doc.text
    (warning,) = doc.meta.extra["warnings"][-1:]
    assert warning.startswith(f"HTML nested deeper than {MAX_NESTING} elements: ")
    assert "their text kept" in warning


def test_text_inside_deeply_nested_divs_is_read() -> None:
    n = 100_000
    page = ("<html><body>" + "<div>" * n + f"<p>{PARA} {PARA}</p>" + "</div>" * n + "</body></html>").encode()
    doc = read_html_bytes(page, input="nested.html")  # was "no readable text in the HTML page"
    assert PARA in doc.text
    assert any(w.startswith("HTML nested deeper than") for w in doc.meta.extra["warnings"])


def test_text_past_the_parsers_buffer_limit_is_a_clear_failure(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REPORTEDLY_PIPELINE_COMPONENTS", "structure")
    page = tmp_path / "one-run.html"
    page.write_text("<html><body><p>" + "word " * 2_200_000 + "</p></body></html>", "utf-8")
    good = tmp_path / "good.html"
    good.write_text(f"<html><body><article><p>{PARA}</p><p>{PARA}</p></article></body></html>", "utf-8")
    assert main(["analyze", str(page), str(good), "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"reportedly: {page}: the HTML parser stopped at one of its limits (a run of "
                                "text longer than 10 MB without markup), and no text was read before it"]
    assert len(out.splitlines()) == 1


def test_reading_past_the_time_budget_fails_that_page_alone(tmp_path, monkeypatch) -> None:
    import trafilatura

    real = trafilatura.bare_extraction

    def slow(tree, *args, **kwargs):
        if "SPIN" in tree.text_content():
            _spin()
        return real(tree, *args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", slow)
    monkeypatch.setenv("REPORTEDLY_INPUT_TIME_BUDGET", "0.5")
    slow_page, good = tmp_path / "a.html", tmp_path / "b.html"
    slow_page.write_text(f"<html><body><article><p>SPIN {PARA}</p></article></body></html>", "utf-8")
    good.write_text(f"<html><body><article><p>{PARA}</p></article></body></html>", "utf-8")
    from reportedly.settings import Settings

    items = list(read_inputs([str(slow_page), str(good)], Settings.load()))
    assert isinstance(items[0], Failure)
    assert items[0].reason == "reading the HTML page took longer than its time budget of 0.5 s; skipped " \
                              "(input.time_budget)"
    assert not isinstance(items[1], Failure) and PARA in items[1].text


def test_analysis_past_the_time_budget_is_one_line_and_the_run_goes_on(tmp_path, capsys, monkeypatch) -> None:
    from reportedly.clean import StructureComponent

    real = StructureComponent.__call__

    def slow(self, doc):
        if "SPIN" in doc.text:
            _spin()
        return real(self, doc)

    monkeypatch.setattr(StructureComponent, "__call__", slow)
    monkeypatch.setenv("REPORTEDLY_PIPELINE_COMPONENTS", "structure")
    monkeypatch.setenv("REPORTEDLY_INPUT_TIME_BUDGET", "0.5")
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(f"SPIN {PARA}\n", "utf-8")
    second.write_text(f"{PARA}\n", "utf-8")
    t = time.monotonic()
    assert main(["analyze", str(first), str(second), "--format", "jsonl"]) == 1
    assert time.monotonic() - t < 30
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"reportedly: {first}: analysis took longer than its time budget of 0.5 s; "
                                "skipped (input.time_budget)"]
    assert len(out.splitlines()) == 1
    db = tmp_path / "c.db"
    assert main(["ingest", str(first), str(second), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert f"reportedly: {first}: analysis took longer than its time budget" in err and "Traceback" not in err
