"""Hedges: words that weaken the attribution, found in its frame and never in its content."""

from __future__ import annotations

from reportedly.attribution.context import Context
from reportedly.attribution.hedges import apply_hedges, find_hedges

from .helpers import att, make_doc


def test_adverb_between_source_and_cue() -> None:
    doc = make_doc("A top US general reportedly believes that talks would help.")
    a = att(doc, "a1", source="A top US general", cue="believes", content="that talks would help")
    assert find_hedges(doc.text, a) == ["reportedly"]


def test_passive_cue_is_its_own_hedge() -> None:
    doc = make_doc("Other senior officials are said to oppose the plan.")
    a = att(doc, "a1", source="Other senior officials", cue="are said to oppose", content="the plan")
    assert find_hedges(doc.text, a) == ["are said to"]


def test_raising_frame_split_by_the_tagger_is_still_a_hedge() -> None:
    doc = make_doc("Other senior officials are said to oppose the plan.")
    a = att(doc, "a1", source="Other senior officials", cue="are said", content="to oppose the plan")
    assert find_hedges(doc.text, a) == ["are said to"]


def test_to_inside_the_content_stays_the_content() -> None:
    doc = make_doc("Officials said that troops are expected to oppose the plan.")
    a = att(doc, "a1", source="Officials", cue="said", content="that troops are expected to oppose the plan")
    assert find_hedges(doc.text, a) == []


def test_hedge_inside_content_belongs_to_the_content() -> None:
    doc = make_doc("Officials said that the troops allegedly fired on civilians.")
    a = att(doc, "a1", source="Officials", cue="said", content="that the troops allegedly fired on civilians")
    assert find_hedges(doc.text, a) == []


def test_hedge_in_quotation_is_not_counted() -> None:
    doc = make_doc("Smith, “apparently” a fan, said the plan works.")
    a = att(doc, "a1", source="Smith", cue="said", content="the plan works")
    assert find_hedges(doc.text, a) == []


def test_according_to_unconfirmed() -> None:
    doc = make_doc("According to unconfirmed reports, the minister has resigned.")
    a = att(doc, "a1", source="unconfirmed reports", cue="According to", content="the minister has resigned")
    assert find_hedges(doc.text, a) == ["According to unconfirmed"]


def test_claims_as_cue() -> None:
    doc = make_doc("The group claimed that it had downed a drone.")
    a = att(doc, "a1", source="The group", cue="claimed", content="that it had downed a drone")
    assert find_hedges(doc.text, a) == ["claimed"]


def test_several_hedges_in_order_once() -> None:
    doc = make_doc("Officials apparently and allegedly said the vote was rigged.")
    a = att(doc, "a1", source="Officials", cue="said", content="the vote was rigged")
    assert find_hedges(doc.text, a) == ["apparently", "allegedly"]


def test_participle_inherits_main_clause_hedges() -> None:
    text = "Officials are said to oppose the plan, arguing that Kiev is not ready."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Officials", cue="are said to oppose", content="the plan")
    a2 = att(doc, "a2", source="Officials", cue="arguing", content="that Kiev is not ready")
    apply_hedges(Context(doc, [a1, a2], shares={"a2": "a1"}))
    assert a1.hedges == ["are said to"]
    assert a2.hedges == ["are said to"]


def test_plain_attribution_has_no_hedge() -> None:
    doc = make_doc("US President Joe Biden said on Thursday that aid would continue.")
    a = att(doc, "a1", source="US President Joe Biden", cue="said", content="that aid would continue")
    apply_hedges(Context(doc, [a]))
    assert a.hedges == []
