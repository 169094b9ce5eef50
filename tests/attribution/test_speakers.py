"""Speakers: titles and appositives stripped, kinds, anonymity, in-document coreference."""

from __future__ import annotations

import pytest

from reportedly.attribution.entities import resolve_speakers
from reportedly.attribution.speakers import analyse

from .helpers import att, make_doc


@pytest.mark.parametrize(
    ("mention", "entity", "kind", "anonymous"),
    [
        ("Gen. Mark Milley, who heads the US Joint Chiefs of Staff", "Mark Milley", "person", False),
        ("US President Joe Biden", "Joe Biden", "person", False),
        ("US National Security Advisor Jake Sullivan", "Jake Sullivan", "person", False),
        ("Pentagon spokesman John Kirby", "John Kirby", "person", False),
        ("Karine Jean-Pierre", "Karine Jean-Pierre", "person", False),
        ("the New York Times", "The New York Times", "outlet", False),
        ("Reuters", "Reuters", "outlet", False),
        ("Moscow", "Moscow", "government", False),
        ("the White House", "White House", "government", False),
        ("the Kremlin", "Kremlin", "government", False),
        ("the Russian Foreign Ministry", "Russian Foreign Ministry", "government", False),
        ("the Democratic Party", "Democratic Party", "organisation", False),
        ("a new poll", "new poll", "document", False),
        ("the report", "report", "document", False),
        ("officials", "officials", "anonymous", True),
        ("sources", "sources", "anonymous", True),
        ("some officials", "some officials", "anonymous", True),
        ("A top US general", "top US general", "anonymous", True),
        ("White House officials interviewed by the outlet", "White House officials", "anonymous", True),
        ("Massachusetts Sen. Elizabeth Warren", "Elizabeth Warren", "person", False),
        ("When Clinton", "Clinton", "person", False),
        ("Mr. Grassley and Mr. Leahy", "Mr. Grassley and Mr. Leahy", "group", False),
        ("Republicans in Congress", "Republicans in Congress", "group", False),
        ("the D.C. Court of Appeals’ Board on Professional Responsibility",
         "D.C. Court of Appeals’ Board on Professional Responsibility", "government", False),
        ("the event organizer Alliance to Reclaim Our Schools", "Alliance to Reclaim Our Schools", "organisation", False),
        ("the Trump campaign", "Trump campaign", "organisation", False),
        ("Video", "Video", "document", False),
        ("the narrator in the Clinton ad", "narrator", "anonymous", True),
        ("Connecticut’s tax commissioner", "Connecticut’s tax commissioner", "person", False),
    ],
)
def test_analyse(mention: str, entity: str, kind: str, anonymous: bool) -> None:
    m = analyse(mention)
    assert m.entity == entity
    assert m.kind == kind
    assert m.anonymous is anonymous


def test_role_kept() -> None:
    m = analyse("Gen. Mark Milley, who heads the US Joint Chiefs of Staff")
    assert "heads the US Joint Chiefs of Staff" in m.role
    assert "Gen." in m.role
    assert analyse("US President Joe Biden").role == "US President"


def test_anonymous_description_kept() -> None:
    doc = make_doc("A person familiar with the matter said the talks had stalled.")
    a = att(doc, "a1", source="A person familiar with the matter", cue="said", content="the talks had stalled")
    resolve_speakers(doc, [a])
    assert a.source.anonymous
    assert a.source.kind == "anonymous"
    assert a.source.description == "A person familiar with the matter"
    assert a.source.mention == "A person familiar with the matter"


def test_surname_and_pronoun_link_to_full_name() -> None:
    text = ("Gen. Mark Milley, who heads the Joint Chiefs, said the war could end. "
            "Milley added that talks were possible. He also said winter was near.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Gen. Mark Milley, who heads the Joint Chiefs", cue="said", content="the war could end")
    a2 = att(doc, "a2", source="Milley", cue="added", content="that talks were possible", after=60)
    a3 = att(doc, "a3", source="He", cue="said", content="winter was near", after=100)
    resolve_speakers(doc, [a1, a2, a3])
    assert [a.source.entity for a in (a1, a2, a3)] == ["Mark Milley"] * 3
    assert a2.source.mention == "Milley" and a3.source.mention == "He"
    assert a3.source.kind == "person"


def test_surname_links_to_name_in_text() -> None:
    text = "Ukrainian President Vladimir Zelensky signed a decree. Zelensky said the war would go on."
    doc = make_doc(text)
    a = att(doc, "a1", source="Zelensky", cue="said", content="the war would go on", after=50)
    resolve_speakers(doc, [a])
    assert a.source.entity == "Vladimir Zelensky"


def test_they_takes_most_recent_plural_source() -> None:
    text = ("Biden said talks could wait. Other senior officials are said to oppose the plan. "
            "They believe that the war will end in talks.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Biden", cue="said", content="talks could wait")
    a2 = att(doc, "a2", source="Other senior officials", cue="are said to oppose", content="the plan")
    a3 = att(doc, "a3", source="They", cue="believe", content="that the war will end in talks")
    resolve_speakers(doc, [a1, a2, a3])
    assert "senior officials" in a3.source.entity
    assert a3.source.anonymous
    assert a1.source.entity == "Joe Biden"  # a well-known surname the article never spells out


def test_description_links_to_titled_person() -> None:
    text = "US President Joe Biden said aid would continue. The president added that Kiev would decide."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="US President Joe Biden", cue="said", content="aid would continue")
    a2 = att(doc, "a2", source="The president", cue="added", content="that Kiev would decide")
    resolve_speakers(doc, [a1, a2])
    assert a2.source.entity == "Joe Biden"
    assert a2.source.kind == "person"


def test_outlet_anaphor_links_to_last_outlet() -> None:
    text = "The Washington Post reported the plan on Monday. The newspaper said officials disagreed."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="The Washington Post", cue="reported", content="the plan")
    a2 = att(doc, "a2", source="The newspaper", cue="said", content="officials disagreed")
    resolve_speakers(doc, [a1, a2])
    assert a1.source.entity == a2.source.entity == "The Washington Post"
    assert a2.source.kind == "outlet"


def test_outlet_anaphor_uses_headline_credit() -> None:
    doc = make_doc("The outlet said the talks had stalled.", credit="The New York Times")
    a = att(doc, "a1", source="The outlet", cue="said", content="the talks had stalled")
    resolve_speakers(doc, [a])
    assert a.source.entity == "The New York Times"


def test_shared_source_copies_the_main_clause() -> None:
    text = "Jake Sullivan maintained that aid would go on, insisting that Kiev decides."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Jake Sullivan", cue="maintained", content="that aid would go on")
    a2 = att(doc, "a2", source="Jake Sullivan", cue="insisting", content="that Kiev decides")
    resolve_speakers(doc, [a1, a2], shares={"a2": "a1"})
    assert a2.source.entity == "Jake Sullivan"
    assert a2.source.kind == "person"


def test_no_source_spans_no_crash() -> None:
    doc = make_doc("“We will win,” the crowd chanted.")
    a = att(doc, "a1", content="“We will win,”", kind="floating")
    resolve_speakers(doc, [a])
    assert a.source.entity is None


def test_capitalised_transcript_speaker_is_a_person() -> None:
    text = "Gov. Mike Pence spoke on Sunday.\n\nPENCE: We will win.\n\nNATO: Allies agreed."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="PENCE", cue=":", content="We will win")
    resolve_speakers(doc, [a1])
    assert a1.source.entity == "Mike Pence" and a1.source.kind == "person"
    assert analyse("NATO").kind in {"organisation", "government"}


def test_surname_takes_the_most_frequent_full_name() -> None:
    text = ("Barack Obama spoke first. Barack Obama spoke again. Michelle Obama was there.\n\n"
            "Mr. Obama said the vote mattered.")
    doc = make_doc(text)
    a = att(doc, "a1", source="Mr. Obama", cue="said", content="the vote mattered")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Barack Obama"


def test_relative_pronoun_takes_the_name_before_it() -> None:
    text = "Senate Minority Leader Harry Reid spoke. Earlier, Reid, who said the nominee had paid no taxes, left."
    doc = make_doc(text)
    a = att(doc, "a1", source="who", cue="said", content="the nominee had paid no taxes")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Harry Reid" and a.source.mention == "who"


def test_who_after_an_unnamed_group_is_that_group() -> None:
    from reportedly.api import Analyzer

    text = ("Port director Tomas Quill said the plan was fair. Two officials at the port authority, who asked "
            "not to be named, said the board had already signed a contract.")
    doc = Analyzer().analyze_text(text)
    asked = [a for a in doc.attributions if doc.text[a.cue[0][0]:a.cue[0][1]] == "asked"]
    for a in asked:
        assert a.source.entity != "Tomas Quill"


@pytest.mark.parametrize(
    ("mention", "entity", "key"),
    [
        ("The Wisconsin Republican", "Wisconsin Republican", "republican"),
        ("the Florida senator", "Florida senator", "senator"),
        ("The New York Democrat", "New York Democrat", "democrat"),
        ("the French president", "French president", "president"),
        # a day the tagger left in the source is no part of who spoke
        ("the Kentucky Republican on Tuesday", "Kentucky Republican", "republican"),
        # nor what a candidate runs for; a front-runner is someone too
        ("The Republican presidential nominee for the Nov. 8 election", "Republican presidential nominee", "nominee"),
        ("the Democratic candidate for governor", "Democratic candidate", "candidate"),
        ("The Democratic front-runner", "Democratic front-runner", "front-runner"),
    ],
)
def test_a_place_a_party_or_a_title_describe_someone(mention: str, entity: str, key: str) -> None:
    m = analyse(mention)
    assert (m.entity, m.kind, m.needs, m.key) == (entity, "person", "description", key)


@pytest.mark.parametrize("mention", ["The New York Times", "The Texas Tribune", "The Republican"])
def test_a_capitalised_name_is_no_placed_description(mention: str) -> None:
    assert analyse(mention).needs != "description"


@pytest.mark.parametrize(
    ("mention", "entity", "role"),
    [
        ("the Washington Post’s Ishaan Tharoor", "Ishaan Tharoor", "Washington Post’s"),
        ("Fox News' Chris Wallace", "Chris Wallace", "Fox News'"),
        ("Trump’s Indiana chairman, Rex Early", "Rex Early", "Trump’s Indiana chairman"),
    ],
)
def test_an_owner_or_a_description_before_a_name_is_the_names_role(mention: str, entity: str, role: str) -> None:
    m = analyse(mention)
    assert (m.entity, m.kind, m.role) == (entity, "person", role)


def test_an_owner_before_a_body_stays_with_the_body() -> None:
    assert analyse("Mrs. Clinton's presidential campaign").kind == "organisation"
    assert analyse("Clinton’s State Department").kind == "government"


def test_a_relative_pronoun_the_tagger_ran_past_is_still_the_pronoun() -> None:
    m = analyse("who in the past")
    assert (m.kind, m.needs, m.key) == ("pronoun", "pronoun", "who")
    text = "The network's president, Jeff Zucker, who in the past praised the show, said it would return."
    doc = make_doc(text)
    a = att(doc, "a1", source="who in the past", cue="praised", content="the show")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Jeff Zucker"
