"""The fuzz suite, short: Hypothesis-generated inputs through the readers, the cleaner and the
attribution step must raise nothing and stay within their time budget. The full run (10,000
inputs) is ``python -m reportedly.bench fuzz``."""

from __future__ import annotations

import pytest

pytest.importorskip("hypothesis")

from reportedly.bench.fuzz import Fuzzer, main  # noqa: E402


@pytest.fixture(scope="module")
def fuzzer():
    f = Fuzzer(budget=20.0)
    f.warm_up()
    yield f
    f.close()


@pytest.mark.parametrize(("target", "examples"), [("readers", 150), ("cleaner", 150), ("attribution", 40)])
def test_generated_inputs_raise_nothing_within_budget(fuzzer, target, examples) -> None:
    out = fuzzer.run(target, examples)
    assert out.count == examples
    assert out.errors == [], out.errors[:3]
    assert out.over_budget == []


def test_the_readers_target_reads_documents_and_fails_others_in_one_line(fuzzer) -> None:
    out = fuzzer.run("readers", 60, seed=7)
    assert out.results["documents"] > 5 and out.results["failures"] > 5


def test_the_benchmark_prints_its_figures(capsys) -> None:
    assert main(["--examples", "5", "--target", "cleaner"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("fuzz: 5 generated inputs in ")
    assert "0 uncaught exceptions, 0 over the 10 s budget" in out and "slowest input:" in out


def test_a_raising_step_is_counted_not_fatal(fuzzer, monkeypatch) -> None:
    def broken(text: str) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(fuzzer, "cleaner", broken)
    out = fuzzer.run("cleaner", 5)
    assert out.count == 5 and len(out.errors) == 5 and out.errors[0]["error"] == "ValueError: boom"
