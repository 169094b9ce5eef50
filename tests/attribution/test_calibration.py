"""Calibrated scores: features of a candidate, the fitted model in the packaged config, the filter."""

from __future__ import annotations

import pytest

from reportedly.attribution import AttributionComponent, component_version
from reportedly.attribution.calibration import FEATURES, Calibrator, cue_prior, features
from reportedly.attribution.candidates import Candidate
from reportedly.settings import Settings

from .helpers import make_doc, span


def _cand(text: str, *, cue: str, source: str | None = None, content: str | None = None,
          rule: str = "tagger", scores: dict[str, float] | None = None) -> Candidate:
    return Candidate(cue=[span(text, cue)], source=[span(text, source)] if source else [],
                         content=[span(text, content)] if content else [], rule=rule,
                         role_scores=dict(scores or {}))


def test_cue_prior_knows_reporting_verbs_from_narration() -> None:
    table = cue_prior()
    said_in, said_n = table["said"]
    added_in, added_n = table["added"]
    assert said_in / said_n > 0.8
    assert said_in / said_n > added_in / added_n


def test_features_match_the_declared_names() -> None:
    text = 'Mr Smith said that "the plan works".'
    row = features(text, _cand(text, cue="said", source="Mr Smith", content='that "the plan works"',
                               scores={"cue": 0.9, "content": 0.8, "source": 0.95}), [(0, len(text))])
    assert len(row) == len(FEATURES)
    named = dict(zip(FEATURES, row, strict=True))
    assert named["tagger"] == 1.0 and named["rule_only"] == 0.0
    assert named["content_that"] == 1.0 and named["has_source"] == 1.0 and named["source_capital"] == 1.0
    assert named["cue_score"] == pytest.approx(0.9)


def test_a_config_fitted_for_other_features_is_ignored() -> None:
    assert Calibrator.from_config(None) is None
    assert Calibrator.from_config({"features": ["tagger"], "mean": [0], "scale": [1], "coef": [1],
                                   "intercept": 0}) is None


def test_apply_sets_probabilities_and_drops_under_the_cut_off() -> None:
    n = len(FEATURES)
    coef = [0.0] * n
    coef[FEATURES.index("cue_score")] = 4.0
    cal = Calibrator(FEATURES, (0.5,) * n, (1.0,) * n, tuple(coef), 0.0, threshold=0.5)
    text = "Mr Smith said the plan works. The index added 20 points."
    sure = _cand(text, cue="said", source="Mr Smith", content="the plan works", scores={"cue": 0.95})
    unsure = _cand(text, cue="added", source="The index", content="20 points", scores={"cue": 0.1})
    kept = cal.apply(text, [sure, unsure], [(0, len(text))])
    assert kept == [sure]
    assert 0.5 < sure.score < 1.0 and 0.0 < unsure.score < 0.5


def test_the_packaged_model_is_calibrated() -> None:
    comp = AttributionComponent(Settings.load(env={}))
    if comp.tagger is None:
        pytest.skip("no packaged model")
    cal = Calibrator.from_config(comp.tagger.config.get("calibration"))
    assert cal is not None
    table = comp.tagger.config["calibration"]["reliability_out_of_fold"]
    # reliable where it matters: in every well-filled bin above 0.5 the share right is near the score
    for row in table:
        if row["n"] >= 50 and row["mean_score"] >= 0.5:
            assert abs(row["right"] - row["mean_score"]) < 0.1, row


def test_scores_are_probabilities_and_reporting_outscores_narration() -> None:
    text = ('The minister said on Monday that the budget would be cut.\n\n'
            'The stock index added 20.72 points on Monday.')
    doc = AttributionComponent(Settings.load(env={}))(make_doc(text))
    said = [a for a in doc.attributions if doc.text[a.cue[0][0]:a.cue[0][1]] == "said"]
    assert said and all(0.0 <= (a.score or 0.0) <= 1.0 for a in doc.attributions)
    added = [a for a in doc.attributions if a.cue and "added" in doc.text[a.cue[0][0]:a.cue[-1][1]]]
    assert all((a.score or 0.0) < said[0].score for a in added)


def test_min_score_leaves_out_low_scored_attributions() -> None:
    text = ('The minister said on Monday that the budget would be cut.\n\n'
            'Some think it could be, one observer suggested, a sign of things to come.')
    everything = AttributionComponent(Settings.load(env={}))(make_doc(text))
    strict = AttributionComponent(Settings.load(env={}, attribution={"min_score": 0.99}))(make_doc(text))
    assert everything.attributions
    assert all(a.score >= 0.99 for a in strict.attributions)
    assert len(strict.attributions) <= len(everything.attributions)


def test_min_score_out_of_range_is_a_config_error() -> None:
    from reportedly.errors import ConfigError

    with pytest.raises(ConfigError, match="min_score"):
        AttributionComponent(Settings.load(env={}, attribution={"min_score": 1.5}), tagger=None)


def test_version_says_which_model_and_rules_produced_the_output() -> None:
    from reportedly.attribution.rules import RULES_VERSION

    comp = AttributionComponent(Settings.load(env={}))
    version = comp.version
    assert version.endswith(f"rules.{RULES_VERSION}")
    assert AttributionComponent(Settings.load(env={}), tagger=None).version.startswith("0.3.0+model.none.")
    tagger = comp.tagger
    if tagger is None:
        pytest.skip("no packaged model")
    assert f"model.{tagger.config['version']}." in version
    saved = tagger.config
    try:
        tagger.config = {**saved, "linking": {**saved["linking"], "min_cue_score": 0.6}}
        assert component_version(tagger) != version  # any change to what decides the output shows
    finally:
        tagger.config = saved
    assert component_version(tagger) == version


def test_a_model_bump_changes_stored_provenance_and_update_reanalyses(tmp_path) -> None:
    from reportedly.api import Analyzer
    from reportedly.corpus import Store, ingest_paths

    analyzer = Analyzer(Settings.load(env={}))
    comp = next(c for c in analyzer.pipeline.components if c.name == "attribution")
    if comp.tagger is None:
        pytest.skip("no packaged model")
    src = tmp_path / "a.txt"
    src.write_text("Headline\n\nThe mayor said on Monday that the bridge would reopen soon.\n", encoding="utf-8")
    saved = comp.tagger.config
    with Store(tmp_path / "c.db") as s:
        ingest_paths(s, [str(src)], analyzer)
        before = s.get_record(s.document_ids()[0])["provenance"][-1]["version"]
        assert ingest_paths(s, [str(src)], analyzer, update=True).updated == 0
        try:
            comp.tagger.config = {**saved, "version": saved["version"] + ".post1"}  # a new model
            stats = ingest_paths(s, [str(src)], analyzer, update=True)
        finally:
            comp.tagger.config = saved
        assert stats.updated == 1
        after = s.get_record(s.document_ids()[0])["provenance"][-1]["version"]
        assert after != before and ".post1." in after
