"""Speech inside speech: a statement reported inside another's content is relayed by it."""

from __future__ import annotations

from reportedly.attribution.candidate_types import Candidate
from reportedly.attribution.inner import speech_inside

from .helpers import span


def test_an_outer_content_cut_at_the_inner_cue_runs_over_the_inner_statement() -> None:
    text = "The office said Carlineo also called Omar a terrorist. The court sits in May."
    outer = Candidate(cue=[span(text, "said")], source=[span(text, "The office")],
                      content=[span(text, "Carlineo also")])
    inner = Candidate(cue=[span(text, "called")], source=[span(text, "Carlineo")],
                      content=[span(text, "Omar a terrorist")])
    assert speech_inside(text, [outer, inner]) == []
    assert [text[s:e] for s, e in outer.content] == ["Carlineo also called Omar a terrorist"]
    assert inner.relayed_by is outer and outer.relayed_by is None  # the one who relays is via


def test_a_cut_content_does_not_run_over_a_sentence_end_or_another_speaker() -> None:
    text = "The office said it was over. Carlineo called Omar a terrorist."
    outer = Candidate(cue=[span(text, "said")], source=[span(text, "The office")], content=[span(text, "it was over")])
    inner = Candidate(cue=[span(text, "called")], source=[span(text, "Carlineo")],
                      content=[span(text, "Omar a terrorist")])
    speech_inside(text, [outer, inner])
    assert [text[s:e] for s, e in outer.content] == ["it was over"] and inner.relayed_by is None


def test_a_name_called_is_said_a_number_called_is_not() -> None:
    text = "Prosecutors said Carlineo called Omar a terrorist. Officials said Smith called the police at noon."
    a = Candidate(cue=[span(text, "said")], source=[span(text, "Prosecutors")],
                  content=[span(text, "Carlineo called Omar a terrorist")])
    b = Candidate(cue=[span(text, "said", 1)], source=[span(text, "Officials")],
                  content=[span(text, "Smith called the police at noon")])
    inner = speech_inside(text, [a, b])
    assert [(text[c.source[0][0]:c.source[0][1]], text[c.content[0][0]:c.content[0][1]]) for c in inner] == [
        ("Carlineo", "Omar a terrorist")]
    assert inner[0].relayed_by is a
