"""Unsourced claims: motives, purposes and causes the outlet asserts in its own voice."""

from __future__ import annotations

import pytest

from reportedly.attribution.claims import find_claims
from reportedly.attribution.context import Context

from .helpers import att, make_doc


def _claims(text: str, atts=()):
    doc = make_doc(text)
    made = [att(doc, f"a{k}", **a) for k, a in enumerate(atts, start=1)]
    return doc, find_claims(Context(doc, made))


def test_seed_gloss_is_flagged() -> None:
    text = ("Milley was apparently referring to Moscow’s decision to withdraw its troops from Kherson, "
            "a move made to preserve the lives of Russian soldiers.")
    doc, claims = _claims(text)
    assert len(claims) == 1
    (s, e), = claims[0].spans
    assert doc.text[s:e] == "a move made to preserve the lives of Russian soldiers"
    assert "motive" in claims[0].reason or "purpose" in claims[0].reason


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Russia shelled the port in an effort to cut off grain exports, local media showed.", "in an effort to cut off grain exports"),
        ("The army blew up the bridge in retaliation for the drone strike.", "in retaliation for the drone strike"),
        ("The ministry cancelled the visit because Moscow wanted to avoid a scene.", "because Moscow wanted to avoid a scene"),
        ("Beijing imposed sanctions designed to cripple the island’s economy.", "designed to cripple the island’s economy"),
        ("The cuts are part of the budget, as part of a plan to weaken the unions.", "as part of a plan to weaken the unions"),
    ],
)
def test_triggers(text: str, flagged: str) -> None:
    doc, claims = _claims(text)
    assert [doc.text[s:e] for c in claims for s, e in c.spans] == [flagged]


@pytest.mark.parametrize(
    "text",
    [
        "The bridge was designed to carry two trains at once.",
        "Prices rose by 3% in October, the highest in a decade.",
        "The minister met her counterpart in Paris on Tuesday.",
        "He said “we did it in an effort to save lives” and left.",
        "He may need a third-place finish in order to remain a viable candidate.",
        "Is it motivated by the public interest?",
    ],
)
def test_plain_facts_and_quotes_are_not_flagged(text: str) -> None:
    _doc, claims = _claims(text)
    assert claims == []


def test_attributed_motive_is_not_flagged() -> None:
    text = "Officials said the withdrawal was a retreat, a move made to save lives."
    doc, claims = _claims(text, [dict(source="Officials", cue="said",
                                      content="the withdrawal was a retreat, a move made to save lives")])
    assert claims == []


def test_gloss_inside_a_non_reporting_attribution_is_still_flagged() -> None:
    text = "Milley was referring to Moscow’s decision to withdraw, a move made to preserve the lives of soldiers."
    doc, claims = _claims(text, [dict(source="Milley", cue="referring",
                                      content="Moscow’s decision to withdraw, a move made to preserve the lives of soldiers")])
    assert [doc.text[s:e] for c in claims for s, e in c.spans] == ["a move made to preserve the lives of soldiers"]
