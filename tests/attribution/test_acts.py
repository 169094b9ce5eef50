"""Acts: every attribution says whether it reports a statement, a stance or a refusal to speak."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reportedly.attribution import AttributionComponent
from reportedly.attribution.acts import act_of, keep_acts, lemma
from reportedly.document import Document
from reportedly.errors import ConfigError, SchemaError
from reportedly.settings import Settings

from .helpers import att, make_doc


@pytest.mark.parametrize(("text", "source", "cue", "content", "kind", "act"), [
    ("The mayor said the bridge would reopen.", "The mayor", "said", "the bridge would reopen", "indirect",
     "statement"),
    ("The mayor told reporters the bridge would reopen.", "The mayor", "told", "the bridge would reopen",
     "indirect", "statement"),
    ("Analysts believe the service will grow.", "Analysts", "believe", "the service will grow", "cognitive",
     "stance"),
    ("Disney is expected to switch gears again.", "Disney", "is expected", "to switch gears again",
     "indirect", "stance"),
    ("A rover the agency plans to fly in 2022.", "the agency", "plans", "to fly in 2022", "indirect", "stance"),
    ("Investors had anticipated his trial.", "Investors", "had anticipated", "his trial", "indirect", "stance"),
    ("They seem intent on not antagonizing teachers.", "They", "seem intent on", "not antagonizing teachers",
     "indirect", "stance"),
    ("WeWork declined to comment.", "WeWork", "declined", "to comment", "indirect", "refusal"),
    ("The union refused to say how many members voted.", "The union", "refused", "how many members voted",
     "indirect", "refusal"),
    ("He did not disclose how large the payload was.", "He", "disclose", "how large the payload was",
     "indirect", "refusal"),
    ("The agency didn't estimate how many were there.", "The agency", "estimate", "how many were there",
     "indirect", "refusal"),
    ("The minister would not confirm the figures.", "The minister", "would not confirm", "the figures",
     "indirect", "refusal"),
    ("The police did not immediately respond to a request.", "The police", "respond", "to a request",
     "indirect", "refusal"),
    ("Not only did he say it was fine, he repeated it.", "he", "say", "it was fine", "indirect", "statement"),
    ("She did not deny the report.", "She", "deny", "the report", "indirect", "statement"),
])
def test_act_read_from_the_cue(text, source, cue, content, kind, act) -> None:
    doc = make_doc(text)
    a = att(doc, "a1", source=source, cue=cue, content=content, kind=kind)
    assert act_of(doc.text, a) == act


def test_quoted_words_are_a_statement_whatever_the_cue() -> None:
    doc = make_doc("\u201cWe will win,\u201d she believes.")
    a = att(doc, "a1", source="she", cue="believes", content="\u201cWe will win,\u201d", kind="direct")
    assert act_of(doc.text, a) == "statement"


def test_an_attribution_without_a_cue_is_a_statement() -> None:
    doc = make_doc("\u201cWe will win.\u201d")
    a = att(doc, "a1", content="\u201cWe will win.\u201d", kind="floating")
    assert act_of(doc.text, a) == "statement"


def test_lemmas() -> None:
    assert [lemma(w) for w in ("declined", "refuses", "knew", "disclosed", "anticipated", "plans", "said")] == [
        "decline", "refuse", "know", "disclose", "anticipate", "plan", "say"]


def test_keep_acts_renumbers_and_clears_via_to_left_out() -> None:
    doc = make_doc("Analysts believe sales will grow. The firm said so. It declined to comment. She said it was fine.")
    a1 = att(doc, "a1", source="Analysts", cue="believe", content="sales will grow", kind="cognitive")
    a2 = att(doc, "a2", source="The firm", cue="said", content="so")
    a3 = att(doc, "a3", source="It", cue="declined", content="to comment")
    a4 = att(doc, "a4", source="She", cue="said", content="it was fine", after=60)
    a1.act, a3.act = "stance", "refusal"
    a2.via, a4.via = "a1", "a2"
    keep_acts(doc, ("statement",))
    assert [(a.id, a.via) for a in doc.attributions] == [("a1", None), ("a2", "a1")]
    assert doc.attributions[0] is a2 and doc.attributions[1] is a4


def test_component_sets_every_act_and_keeps_what_settings_ask() -> None:
    text = "Analysts believe the service will grow. Kevin Mayer said demand was high. WeWork declined to comment."
    every = AttributionComponent(Settings.load(env={}), tagger=None)(make_doc(text))
    acts = {doc_att.act for doc_att in every.attributions}
    assert {"statement", "stance", "refusal"} <= acts
    said = AttributionComponent(Settings.load(env={}, attribution={"acts": ["statement"]}), tagger=None)(make_doc(text))
    assert said.attributions and {a.act for a in said.attributions} == {"statement"}
    assert [a.id for a in said.attributions] == [f"a{k}" for k in range(1, len(said.attributions) + 1)]


def test_unknown_act_in_settings_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown act 'quote'"):
        AttributionComponent(Settings.load(env={}, attribution={"acts": ["quote"]}), tagger=None)


def test_act_survives_the_record_and_is_checked_on_reading() -> None:
    doc = make_doc("WeWork declined to comment.")
    a = att(doc, "a1", source="WeWork", cue="declined", content="to comment")
    a.act = "refusal"
    record = doc.to_dict()
    assert record["attributions"][0]["act"] == "refusal"
    assert Document.from_dict(record).attributions[0].act == "refusal"
    record["attributions"][0]["act"] = "rumour"
    with pytest.raises(SchemaError):
        Document.from_dict(record)
    del record["attributions"][0]["act"]  # a record written before acts existed reads as a statement
    assert Document.from_dict(record).attributions[0].act == "statement"


def test_cli_acts_option(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Officials said the bridge would reopen. The mayor declined to comment.\n", encoding="utf-8")
    run = [sys.executable, "-m", "reportedly.cli", "analyze", str(path), "--format", "json", "--no-progress"]
    every = json.loads(subprocess.run(run, capture_output=True, text=True, check=True).stdout)
    assert {a["act"] for a in every["attributions"]} == {"statement", "refusal"}
    said = json.loads(subprocess.run([*run, "--acts", "statement"], capture_output=True, text=True,
                                     check=True).stdout)
    assert [a["act"] for a in said["attributions"]] == ["statement"]
    bad = subprocess.run([*run, "--acts", "gossip"], capture_output=True, text=True)
    assert bad.returncode == 2 and "acts are statement, stance, refusal" in bad.stderr
