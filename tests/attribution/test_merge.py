"""Merging the tagger's candidates with the rules'."""

from __future__ import annotations

from reportedly.attribution.candidates import Candidate
from reportedly.attribution.merge import merge
from reportedly.attribution.tagger import TaggedRelation

TEXT = "A top US general reportedly believes talks would help, while other officials are said to oppose it."


def _at(s: str, start: int = 0, text: str = TEXT) -> tuple[int, int]:
    i = text.index(s, start)
    return (i, i + len(s))


def test_touching_cues_with_shared_content_become_one_attribution() -> None:
    tagged = [TaggedRelation(source=[_at("A top US general")], cue=[_at("reportedly")],
                        content=[_at("believes talks would help")], score=0.9)]
    ruled = [Candidate(cue=[_at("believes")], source=[_at("A top US general")],
                           content=[_at("talks would help")], rule="verb")]
    (m,) = merge(TEXT, tagged, ruled)
    assert [TEXT[a:b] for a, b in m.cue] == ["reportedly", "believes"]
    assert [TEXT[a:b] for a, b in m.content] == ["talks would help"]  # its own cue is cut out


def test_rule_candidate_the_tagger_missed_is_added() -> None:
    ruled = [Candidate(cue=[_at("are said to oppose")], source=[_at("other officials")],
                           content=[_at("it")], rule="passive")]
    (m,) = merge(TEXT, [], ruled)
    assert m.rule == "passive"


def test_rule_kinds_not_chosen_are_not_added() -> None:
    ruled = [Candidate(cue=[_at("are said to oppose")], source=[_at("other officials")],
                           content=[_at("it")], rule="passive")]
    assert merge(TEXT, [], ruled, add_rules=frozenset({"according"})) == []


def test_content_cutting_into_another_cue_is_dropped() -> None:
    tagged = [TaggedRelation(source=[_at("A top US general")], cue=[_at("believes")],
                        content=[_at("talks would help"), _at("said to oppose it")], score=0.9),
              TaggedRelation(source=[_at("other officials")], cue=[_at("are said")], content=[_at("oppose it")],
                        score=0.9)]
    first = merge(TEXT, tagged, [])[0]
    assert [TEXT[a:b] for a, b in first.content] == ["talks would help"]


def test_relative_clause_source_is_replaced_by_the_rules_noun_phrase() -> None:
    text = "Gen. Mark Milley, who heads the army, stated that talks should start."
    at = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    tagged = [TaggedRelation(source=[at("who heads the army,")], cue=[at("stated")],
                        content=[at("that talks should start")], score=0.9)]
    ruled = [Candidate(cue=[at("stated")], source=[at("Gen. Mark Milley, who heads the army")],
                           content=[at("that talks should start")], rule="verb")]
    (m,) = merge(text, tagged, ruled)
    assert text[m.source[0][0]:m.source[0][1]].startswith("Gen. Mark Milley")


def test_source_cut_after_a_function_word_is_completed_up_to_the_cue() -> None:
    text = "Officials at the agriculture ministry believe that payments will be needed."
    tagged = [TaggedRelation(source=[_at("Officials at the", text=text)], cue=[_at("believe", text=text)],
                             content=[_at("that payments will be needed", text=text)], score=0.9)]
    (m,) = merge(text, tagged, [])
    assert [text[a:b] for a, b in m.source] == ["Officials at the agriculture ministry"]


def test_source_ending_on_a_noun_is_left_alone() -> None:
    text = "Officials, speaking in Ashdown on Friday, believe that payments will be needed."
    tagged = [TaggedRelation(source=[_at("Officials", text=text)], cue=[_at("believe", text=text)],
                             content=[_at("that payments will be needed", text=text)], score=0.9)]
    (m,) = merge(text, tagged, [])
    assert [text[a:b] for a, b in m.source] == ["Officials"]


def test_a_source_cut_before_its_body_noun_takes_the_noun() -> None:
    text = "The Sanders campaign responded Friday, saying the criticism was fair game."
    tagged = [TaggedRelation(source=[_at("The Sanders", text=text)], cue=[_at("saying", text=text)],
                             content=[_at("the criticism was fair game", text=text)], score=0.9)]
    (m,) = merge(text, tagged, [])
    assert [text[a:b] for a, b in m.source] == ["The Sanders campaign"]
    # the noun only qualifies the person who follows: the source stays as it is
    text = "The Sanders campaign manager Jeff Weaver said the criticism was fair game."
    tagged = [TaggedRelation(source=[_at("Jeff Weaver", text=text)], cue=[_at("said", text=text)],
                             content=[_at("the criticism was fair game", text=text)], score=0.9)]
    (m,) = merge(text, tagged, [])
    assert [text[a:b] for a, b in m.source] == ["Jeff Weaver"]
    text = "The Sanders campaign officials said the criticism was fair game."
    tagged = [TaggedRelation(source=[_at("The Sanders", text=text)], cue=[_at("said", text=text)],
                             content=[_at("the criticism was fair game", text=text)], score=0.9)]
    (m,) = merge(text, tagged, [])
    assert [text[a:b] for a, b in m.source] == ["The Sanders"]


def test_a_source_cut_after_a_modifier_takes_its_head_noun() -> None:
    text = "The Arizona Republican survived a primary challenge, saying the race had been hard."
    tagged = [TaggedRelation(source=[_at("The Arizona", text=text)], cue=[_at("saying", text=text)],
                             content=[_at("the race had been hard", text=text)], score=0.9)]
    (m,) = merge(text, tagged, [])
    assert [text[a:b] for a, b in m.source] == ["The Arizona Republican"]
    # a name is no modifier: "Trump adviser" is not cut from "Trump"
    text = "Trump adviser Jason Miller said the race had been hard."
    tagged = [TaggedRelation(source=[_at("Trump", text=text)], cue=[_at("said", text=text)],
                             content=[_at("the race had been hard", text=text)], score=0.9)]
    (m,) = merge(text, tagged, [])
    assert [text[a:b] for a, b in m.source] == ["Trump"]
