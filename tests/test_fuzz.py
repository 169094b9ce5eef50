"""The fuzz suite, short: Hypothesis-generated inputs through the readers, the cleaner, the attribution
step and the corpus commands over damaged stores must raise nothing. The full run (10,000 inputs) is
``python -m reportedly.bench fuzz``; how long each input took is the benchmark's to print, not a test's."""

from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("hypothesis")

from reportedly.bench.fuzz import FLOOD_UNITS, HOSTILE_NAMES, Fuzzer, main  # noqa: E402


@pytest.fixture(scope="module")
def fuzzer():
    f = Fuzzer(budget=60.0)
    f.warm_up()
    yield f
    f.close()


@pytest.mark.parametrize(("target", "examples"), [("readers", 150), ("cleaner", 150), ("attribution", 40),
                                                  ("store", 80)])
def test_generated_inputs_raise_nothing(fuzzer, target, examples) -> None:
    out = fuzzer.run(target, examples)
    assert out.count == examples
    assert out.errors == [], out.errors[:3]


def test_the_readers_target_reads_documents_and_fails_others_in_one_line(fuzzer) -> None:
    out = fuzzer.run("readers", 60, seed=7)
    assert out.results["documents"] > 5 and out.results["failures"] > 5


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_hostile_file_names_are_read_and_shown_escaped(fuzzer, name) -> None:
    text = b"The mayor said on Monday that the bridge would reopen.\n\nIt was closed for a year.\n"
    assert fuzzer.readers((text, ".txt", False, name)) == {"documents": 1, "failures": 0}
    assert fuzzer.readers((b"\x00\x01 not a page", ".html", True, name))["failures"] + \
        fuzzer.readers((b"\x00\x01 not a page", ".html", True, name))["documents"] >= 1


def test_a_file_name_shown_with_a_control_character_is_a_finding(fuzzer, monkeypatch) -> None:
    import reportedly.cli.progress as progress

    monkeypatch.setattr(progress, "printable", lambda message: message)  # as if names went out unescaped
    out_name = b"\x1b]0;retitled\x07"
    with pytest.raises(AssertionError, match="file name shown unescaped"):
        fuzzer.readers((b"Some text here.", ".txt", False, out_name))


@pytest.mark.parametrize("field", ["text", "title", "id", "authors", "url", "sitename", "date", "language", "extra"])
def test_a_lone_surrogate_in_any_json_field_is_read(fuzzer, field) -> None:
    record = {"text": "The mayor said the bridge would reopen.", field: ["a\ud800b", {"k\udfff": "\udc80"}]}
    line = json.dumps(record)  # \\udXXX escapes, as a program that cut a string in half writes them
    assert "\\ud800" in line
    seen = fuzzer.readers((line.encode() + b"\n", ".jsonl", False, b"input"))
    assert seen["documents"] + seen["failures"] == 1


@pytest.mark.parametrize("unit", FLOOD_UNITS, ids=[ascii(u) for u in FLOOD_UNITS])
def test_floods_of_blank_lines_and_whitespace_are_cleaned(fuzzer, unit) -> None:
    text = "Headline here\n" + unit * 20_000 + "The mayor said the bridge would reopen on Monday.\n" + unit * 5_000
    fuzzer.cleaner(text)
    assert fuzzer.readers((text.encode("utf-8"), ".txt", False, b"flood"))["documents"] == 1


@pytest.mark.parametrize("how", ["truncate", "flip", "page", "header", "wal", "empty", "text", "none"])
@pytest.mark.parametrize("command", ["search", "export", "trace", "open"])
def test_a_damaged_store_is_answered_or_refused_in_one_line(fuzzer, how, command) -> None:
    seen = fuzzer.store((how, 0.4, [(150, 7), (4200, 255), (9000, 0), (20, 1)], b"\xb4garbage\xff" * 50, command,
                         "attributions"))
    assert seen["answered"] + seen["refused"] == 1
    if how in ("empty", "text", "header"):
        assert seen["refused"] == 1


def test_the_benchmark_prints_its_figures(capsys) -> None:
    assert main(["--examples", "5", "--target", "cleaner", "--target", "store"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("fuzz: 10 generated inputs in ")
    assert re.search(r"0 uncaught exceptions, \d+ over the 10 s budget", out) and "slowest input:" in out
    assert re.search(r"store\s+5 inputs .* answered", out)


def test_a_raising_step_is_counted_not_fatal(fuzzer, monkeypatch) -> None:
    def broken(text: str) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(fuzzer, "cleaner", broken)
    out = fuzzer.run("cleaner", 5)
    assert out.count == 5 and len(out.errors) == 5 and out.errors[0]["error"] == "ValueError: boom"
