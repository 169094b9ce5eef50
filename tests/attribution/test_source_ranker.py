"""The learned source ranker: the rules' answer weighed against the article's other candidates."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from reportedly.attribution import source_ranker as SR
from reportedly.attribution.entities import EntityResolver, Resolved, resolve_speakers
from reportedly.attribution.segment import region_sentences
from reportedly.attribution.speakers import analyse

from .helpers import att, make_doc


def _resolve(text: str, **parts: str):
    doc = make_doc(text)
    a = att(doc, "a1", **parts)
    resolve_speakers(doc, [a])
    return a.source


def test_weights_are_learned_on_train_and_packaged() -> None:
    data = json.loads(resources.files("reportedly.attribution").joinpath("data", "source_ranker.json").read_text())
    assert tuple(data["features"]) == SR.FEATURES
    assert "train" in data["trained_on"] and data["command"].startswith("training/train_source_ranker.py")
    assert data["cv_accuracy"] >= data["rules_accuracy"]  # cross-validated on train, never on dev
    assert SR.weights() == tuple(data["weights"])


def test_an_unnamed_description_is_an_anonymous_source() -> None:
    src = _resolve("Officials closed the plant in June.\n\nA local pediatrician said the water was unsafe for infants.",
                   source="A local pediatrician", cue="said", content="the water was unsafe for infants")
    assert src.anonymous and src.kind == "anonymous"
    assert src.entity == "local pediatrician"


def test_a_named_person_stays_named() -> None:
    src = _resolve("Mayor Karen Weiss spoke on Monday.\n\nKaren Weiss said the budget would pass.",
                   source="Karen Weiss", cue="said", content="the budget would pass")
    assert src.entity == "Karen Weiss" and not src.anonymous


def _choices(text: str, source: str):
    doc = make_doc(text)
    regions = [(0, len(text))]
    r = EntityResolver(doc, regions, region_sentences(text, regions))
    a = att(doc, "a1", source=source, cue="said", content="it would appeal")
    return r, a


def test_the_choices_offered_are_the_rules_answer_the_recent_entities_and_an_unnamed_source() -> None:
    text = ("Governor Alan Brooks met Senator Maria Lopez and the Harbour Workers Union on Friday.\n\n"
            "The union said it would appeal.")
    r, a = _choices(text, "The union")
    pos = a.source.spans[0][0]
    res = r._resolve(analyse("The union"), "The union", pos, a)
    choices = SR.candidates(r, res, "The union", pos)
    assert choices[0].kind == "rule"
    kinds = [c.kind for c in choices]
    assert "entity" in kinds and "longer" in kinds
    assert "unnamed" not in kinds  # the rules read a body the text names: it is not someone unnamed
    names = {c.name for c in choices if c.kind == "entity"}
    assert {"Alan Brooks", "Maria Lopez"} <= names
    assert all(len(c.features) == len(SR.FEATURES) for c in choices)
    # a block's features are zero outside it: an entity choice has no rule or unnamed features
    entity = next(c for c in choices if c.kind == "entity")
    assert entity.features[SR.FEATURES.index("rule")] == 0 and entity.features[SR.FEATURES.index("unnamed")] == 0


def test_an_unnamed_source_is_offered_only_where_nobody_is_named() -> None:
    assert SR.offers_unnamed("a local pediatrician", "group", "local pediatrician")
    assert SR.offers_unnamed("Advisers to Mr. Rubio", "person", "Marco Rubio")  # Rubio owns, does not speak
    assert not SR.offers_unnamed("Scott's niece, state Del. Marcia Price", "person", "Marcia Price")
    assert not SR.offers_unnamed("Gov. Eric Holcomb and leaders of the Legislature", "group", "leaders")
    assert not SR.offers_unnamed("a rover NASA", "person", "Nasa")  # an acronym names a body
    assert SR.offers_unnamed("a senior GOP aide", "group", "senior GOP aide")  # an aide, unnamed
    assert not SR.offers_unnamed("A 2014 study by Harvard", "group", "Harvard")  # a named author
    assert not SR.offers_unnamed("one Twitter user @nycsouthpaw", "person", "@nycsouthpaw")
    assert not SR.offers_unnamed("the report", "document", "report")


def test_a_short_name_is_offered_the_longer_name_it_stands_for() -> None:
    text = "The Harbour Workers Union met on Friday.\n\nThe Union said it would appeal."
    r, a = _choices(text, "The Union")
    pos = a.source.spans[0][0]
    longer = SR.longer_names(r, Resolved(None, "Union", "organisation", False, 0.5), "The Union", pos, r._sentence_index(pos))
    assert [c.name for c in longer] == ["Harbour Workers Union"]
    assert longer[0].features[SR.FEATURES.index("longer_body")] == 1.0


def test_without_packaged_weights_the_rules_answer_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SR, "weights", lambda: None)
    src = _resolve("Officials closed the plant in June.\n\nA local pediatrician said the water was unsafe for infants.",
                   source="A local pediatrician", cue="said", content="the water was unsafe for infants")
    assert src.entity == "local pediatrician"  # the rules' own reading (a description, not always anonymous)


def test_choose_takes_the_highest_score_and_reports_its_share() -> None:
    w = tuple(1.0 if f == "rule" else 0.0 for f in SR.FEATURES)
    a = SR.Choice("rule", "A", False, [1.0 if f == "rule" else 0.0 for f in SR.FEATURES])
    b = SR.Choice("entity", "B", False, [0.0] * len(SR.FEATURES))
    best, share = SR.choose([b, a], w)
    assert best is a and 0.5 < share < 1.0


def test_a_name_opening_a_sentence_is_not_someone_unnamed() -> None:
    assert SR.proper_name("Monsanto") and SR.proper_name("EgyptAir") and SR.proper_name("Mr. Smith")
    for common in ("Officials", "Sources", "Aides", "Lawmakers", "Pundits", "U.S. officials"):
        assert not SR.proper_name(common), common
    assert not SR.offers_unnamed("Monsanto", "person", "Monsanto")
    assert SR.offers_unnamed("Officials", "group", "Officials")
    src = _resolve("Monsanto sued the state on Monday over a plan to list a weed killer as a cancer risk.",
                   source="Monsanto", cue="sued", content="the state")
    assert not src.anonymous and src.entity == "Monsanto"
    src = _resolve("Mr. Smith told reporters that he was angry.", source="Mr. Smith", cue="told",
                   content="that he was angry")
    assert not src.anonymous and src.entity and "Smith" in src.entity


def test_a_definite_singular_description_is_told_from_bodies_groups_and_names() -> None:
    assert SR.definite_singular("The Wisconsin Republican")
    assert SR.definite_singular("the former pollster")
    assert not SR.definite_singular("the company")  # a body
    assert not SR.definite_singular("the lawyers")  # several people
    assert not SR.definite_singular("a senior official")  # indefinite
    assert not SR.definite_singular("The New York Times")  # a name


def test_a_definite_description_of_what_one_person_is_is_told_from_unnamed_sources_roles() -> None:
    assert SR.definite_known("the actor")  # what a known person is
    assert SR.definite_known("The former president")  # a title
    assert SR.definite_known("the 43-year-old")  # an age
    assert SR.definite_known("The radioman")  # an agent noun in "-man"
    assert not SR.definite_known("the official")  # the roles unnamed sources go by
    assert not SR.definite_known("the spokesman")
    assert not SR.definite_known("an actor")  # indefinite: someone new
    assert not SR.definite_known("the company")  # a body


def test_the_definite_known_feature_is_set_in_each_block() -> None:
    text = "Tim Allen starred in the show for eight years.\n\nIn an interview, the actor said it would appeal."
    r, a = _choices(text, "the actor")
    pos = a.source.spans[0][0]
    res = r._resolve(analyse("the actor"), "the actor", pos, a)
    choices = SR.candidates(r, res, "the actor", pos)
    allen = next(c for c in choices if c.name == "Tim Allen")
    assert allen.features[SR.FEATURES.index("entity_definite_known")] == 1.0
    unnamed = [c for c in choices if c.kind == "unnamed" or c.anonymous]
    assert unnamed and all(c.features[SR.FEATURES.index("rule_definite_known")]
                           + c.features[SR.FEATURES.index("unnamed_definite_known")] == 1.0 for c in unnamed)


def test_a_candidate_placed_elsewhere_conflicts_with_the_description() -> None:
    text = ("Sen. Bernard Vail (I-Vt.) spoke first. Sen. Marcus Reyes (R-Fla.) followed him.\n\n"
            "The Florida senator said it would appeal.")
    r, a = _choices(text, "The Florida senator")
    pos = a.source.spans[0][0]
    res = r._resolve(analyse("The Florida senator"), "The Florida senator", pos, a)
    conflict = SR.FEATURES.index("entity_role_conflict")
    by_name = {c.name: c.features for c in SR.candidates(r, res, "The Florida senator", pos) if c.kind != "unnamed"}
    assert by_name["Bernard Vail"][conflict] == 1.0
    assert by_name["Marcus Reyes"][conflict] == 0.0
    assert res.entity == "Marcus Reyes"  # the rules find the senator placed in Florida


def test_a_documents_from_names_its_author_and_obtained_by_its_reporter() -> None:
    mention = "A Feb. 1 letter from the American Legion obtained by The Associated Press"
    assert not SR.owned_in(mention, {"american", "legion"}, document=True)
    assert SR.owned_in(mention, {"associated", "press"}, document=True)
    # people "from" somewhere are that body's, not the body
    assert SR.owned_in("officials from the State Department", {"state", "department"})
