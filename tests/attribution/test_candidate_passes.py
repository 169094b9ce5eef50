"""find_candidates runs the passes of candidates.PASSES, in that order; the tagger's only with one."""

from __future__ import annotations

import pytest

from reportedly.attribution import candidate_types, candidates
from reportedly.attribution.candidates import PASSES, find_candidates

TEXT = ('Biden said on Thursday that the war would go on.\n\n'
        '"He asked, \'So he\'s going to do the investigation?\' and I said yes," Smith testified.')
REGIONS = [(0, TEXT.index("\n\n")), (TEXT.index('"'), len(TEXT))]


class _NoSpans:
    """A stand-in tagger that finds nothing and carries no calibration."""

    config: dict = {}

    def __init__(self):
        self.calls: list[tuple[str, list]] = []

    def extract(self, text, regions):
        self.calls.append((text, regions))
        return []


def test_the_order_of_the_passes_is_declared_once():
    assert [p.name for p in PASSES] == ["tagger and linking", "rules", "headline speaker", "merge",
                                        "inner quotes and speech", "headline verbs", "calibration"]
    assert [p.name for p in PASSES if p.needs_tagger] == ["tagger and linking", "merge", "calibration"]


def test_the_types_are_the_same_objects_wherever_imported():
    from reportedly.attribution import rules

    assert candidates.Candidate is candidate_types.Candidate is rules.Candidate
    assert candidates.Pair is candidate_types.Pair


@pytest.mark.parametrize("with_tagger", [False, True])
def test_passes_run_in_order(monkeypatch, with_tagger):
    ran: list[str] = []
    steps = tuple(
        candidates.Pass(p.name, (lambda w, p=p: (ran.append(p.name), p.run(w))[1]), p.needs_tagger) for p in PASSES)
    monkeypatch.setattr(candidates, "PASSES", steps)
    tagger = _NoSpans() if with_tagger else None
    found = find_candidates(TEXT, REGIONS, tagger=tagger)
    assert ran == [p.name for p in PASSES if with_tagger or not p.needs_tagger]
    assert found == sorted(found, key=lambda c: c.cue_start)
    assert any(c.rule == "inner" and c.relayed_by is not None for c in found)  # the quote inside the quote
    if tagger is not None:
        assert tagger.calls == [(TEXT, REGIONS)]
