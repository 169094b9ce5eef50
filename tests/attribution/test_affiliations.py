"""Party and place: what the text says of a person, and descriptions that contradict it."""

from __future__ import annotations

from reportedly.attribution import affiliations as A
from reportedly.attribution.entities import resolve_speakers

from .helpers import att, make_doc


def _after(text: str, name: str) -> set[str]:
    return A.after_name(text, text.index(name) + len(name))


def test_party_and_state_in_parentheses() -> None:
    assert _after("Rep. Gwen Moore (D-Wis.) said", "Gwen Moore") == {"democrat", "wisconsin"}
    assert _after("Sen. Chuck Grassley (R-Iowa) said", "Chuck Grassley") == {"republican", "iowa"}
    assert _after("Rep. Nita Lowey (D-N.Y.) said", "Nita Lowey") == {"democrat", "new", "york"}


def test_party_of_a_state_and_of_a_state() -> None:
    assert _after("Senator Joe Donnelly, Democrat of Indiana, said", "Joe Donnelly") == {"democrat", "indiana"}
    assert _after("Senator Marco Rubio of Florida said", "Marco Rubio") == {"florida"}
    # "of" something that is no state says nothing of where the person is from
    assert _after("Anne Lee of the Brookings Institution said", "Anne Lee") == set()
    assert _after("Tom Baker (left) said", "Tom Baker") == set()


def test_a_description_contradicts_another_place_or_party() -> None:
    assert A.conflict({"florida", "senator"}, {"vermont", "senator"})
    assert A.conflict({"republican", "nominee"}, {"democratic", "nominee"})
    assert A.conflict({"french", "president"}, {"russian", "president"})
    # a demonym is its state; saying nothing, or saying the same, contradicts nothing
    assert not A.conflict({"texan"}, {"texas", "governor"})
    assert not A.conflict({"wisconsin", "republican"}, {"speaker", "house"})
    assert not A.conflict({"kentucky", "republican"}, {"kentucky", "republican", "leader"})
    # "American" places no one in particular
    assert not A.conflict({"american", "president"}, {"texas"})


def test_the_state_and_party_after_a_name_let_a_description_find_its_holder() -> None:
    text = ("Sen. Amy Dorsey (D-Minn.) and Sen. Paul Haskins (R-Utah) met on Tuesday. "
            "The Utah Republican said the bill would fail.")
    doc = make_doc(text)
    a = att(doc, "a1", source="The Utah Republican", cue="said", content="the bill would fail")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Paul Haskins"
