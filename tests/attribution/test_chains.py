"""Chains: ``via`` set from explicit relays, named or referred-to intermediaries, and nesting."""

from __future__ import annotations

from reportedly.attribution.chains import link_chains
from reportedly.attribution.context import Context
from reportedly.attribution.entities import resolve_speakers

from .helpers import att, make_doc

SEED_LIKE = (
    "The US is divided on talks, the New York Times reported on Thursday, citing sources.\n\n"
    "According to White House officials interviewed by the outlet, Gen. Mark Milley stated during "
    "meetings that Kiev should talk."
)


def _seed_like():
    doc = make_doc(SEED_LIKE)
    a1 = att(doc, "a1", source="the New York Times", cue="reported", content="The US is divided on talks")
    a2 = att(doc, "a2", source="sources", cue="citing", content="The US is divided on talks")
    a3 = att(doc, "a3", source="White House officials interviewed by the outlet", cue="According to",
             content="Gen. Mark Milley stated during meetings that Kiev should talk", kind="according_to")
    a4 = att(doc, "a4", source="Gen. Mark Milley", cue="stated", content="that Kiev should talk")
    atts = [a1, a2, a3, a4]
    resolve_speakers(doc, atts)
    return doc, atts


def test_citing_relay_outlet_anaphor_and_nesting() -> None:
    doc, (a1, a2, a3, a4) = _seed_like()
    link_chains(Context(doc, [a1, a2, a3, a4], relayed={"a2": "a1"}))
    assert a1.via is None
    assert a2.via == "a1"  # citing sources
    assert a3.via == "a1"  # "interviewed by the outlet", in the next paragraph
    assert a4.via == "a3"  # Milley's cue lies inside the officials' content


def test_named_intermediary() -> None:
    text = "Reuters reported the deal. Two diplomats told Reuters that the deal was close."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Reuters", cue="reported", content="the deal")
    a2 = att(doc, "a2", source="Two diplomats", cue="told", content="that the deal was close")
    resolve_speakers(doc, [a1, a2])
    link_chains(Context(doc, [a1, a2]))
    assert a2.via == "a1"


def test_anaphor_falls_back_to_headline_credit() -> None:
    text = ("Officials quoted by the newspaper said the plan was dead.\n\n"
            "The New York Times said the talks had failed.")
    doc = make_doc(text, credit="The New York Times")
    a1 = att(doc, "a1", source="Officials quoted by the newspaper", cue="said", content="the plan was dead")
    a2 = att(doc, "a2", source="The New York Times", cue="said", content="the talks had failed", after=50)
    resolve_speakers(doc, [a1, a2])
    link_chains(Context(doc, [a1, a2]))
    assert a1.via == "a2"
    assert a2.via is None


def test_headline_credited_outlet_is_the_root() -> None:
    text = "Biden said that the New York Times reported a split in the cabinet."
    doc = make_doc(text, credit="The New York Times")
    a1 = att(doc, "a1", source="Biden", cue="said", content="that the New York Times reported a split in the cabinet")
    a2 = att(doc, "a2", source="the New York Times", cue="reported", content="a split in the cabinet")
    resolve_speakers(doc, [a1, a2])
    link_chains(Context(doc, [a1, a2]))
    assert a2.via is None


def test_same_speaker_is_not_a_relay() -> None:
    text = "Sullivan maintained that aid would go on, insisting that Kiev decides."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Sullivan", cue="maintained", content="that aid would go on, insisting that Kiev decides")
    a2 = att(doc, "a2", source="Sullivan", cue="insisting", content="that Kiev decides")
    resolve_speakers(doc, [a1, a2], shares={"a2": "a1"})
    link_chains(Context(doc, [a1, a2], shares={"a2": "a1"}))
    assert a1.via is None and a2.via is None


def test_innermost_container_wins() -> None:
    text = "Smith said that Jones claimed that Brown believes the war is over."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Smith", cue="said", content="that Jones claimed that Brown believes the war is over")
    a2 = att(doc, "a2", source="Jones", cue="claimed", content="that Brown believes the war is over")
    a3 = att(doc, "a3", source="Brown", cue="believes", content="the war is over")
    link_chains(Context(doc, [a1, a2, a3]))
    assert (a1.via, a2.via, a3.via) == (None, "a1", "a2")


def test_no_cycles() -> None:
    text = "Smith said that Jones claimed that Brown believes the war is over."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Smith", cue="said", content="that Jones claimed that Brown believes the war is over")
    a2 = att(doc, "a2", source="Jones", cue="claimed", content="that Brown believes the war is over")
    a3 = att(doc, "a3", source="Brown", cue="believes", content="the war is over")
    link_chains(Context(doc, [a1, a2, a3], relayed={"a1": "a3"}))  # a bogus relay: a3 → a2 → a1 → a3 would loop
    assert a1.via == "a3" and a2.via == "a1"
    assert a3.via is None


def test_own_belief_is_not_relayed() -> None:
    text = "Sen. David Perdue said he didn’t believe the attacks had worked."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Sen. David Perdue", cue="said", content="he didn’t believe the attacks had worked")
    a2 = att(doc, "a2", source="he", cue="believe", content="the attacks had worked")
    resolve_speakers(doc, [a1, a2])
    link_chains(Context(doc, [a1, a2]))
    assert a2.source.entity == "David Perdue"
    assert a2.via is None
