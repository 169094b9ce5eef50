"""The PolNeAR metrics on hand-made cases, and the brat reader."""

from __future__ import annotations

from reportedly.evaluation import load_polnear, score_attributions
from reportedly.evaluation.polnear import parse_ann

TEXT = "Smith said the plan would fail, officials told reporters."


def test_exact_prediction_scores_one() -> None:
    gold = [{"source": [(0, 5)], "cue": [(6, 10)], "content": [(11, 30)]}]
    sc = score_attributions(TEXT, gold, gold)
    assert all(f == 1.0 for _, _, f in sc.table().values())


def test_edge_punctuation_does_not_count_and_boundaries_do() -> None:
    gold = [{"source": [(0, 5)], "cue": [(6, 10)], "content": [(11, 30)]}]
    comma = [{"source": [(0, 5)], "cue": [(6, 10)], "content": [(11, 31)]}]  # "…fail," : same piece
    short = [{"source": [(0, 5)], "cue": [(6, 10)], "content": [(15, 30)]}]  # "plan would fail"
    assert score_attributions(TEXT, gold, comma).f1("span/content") == 1.0
    sc = score_attributions(TEXT, gold, short)
    assert sc.f1("span/content") == 0.0
    assert sc.f1("relation") == 1.0  # cue shared, content token F1 >= 0.5, source shared


def test_relation_needs_matching_source() -> None:
    gold = [{"source": [(0, 5)], "cue": [(6, 10)], "content": [(11, 30)]}]
    wrong = [{"source": [(32, 41)], "cue": [(6, 10)], "content": [(11, 30)]}]
    assert score_attributions(TEXT, gold, wrong).f1("relation") == 0.0
    assert score_attributions(TEXT, gold, []).f1("relation") == 0.0


def test_parse_ann_reads_discontinuous_spans() -> None:
    ann = "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;21 30\tx\nT4\tAttribution 6 10\tsaid\n" \
          "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    (rel,) = parse_ann(ann)
    assert rel == {"source": [(0, 5)], "cue": [(6, 10)], "content": [(11, 20), (21, 30)]}


def test_load_polnear_reads_the_committed_gold(gold_dir) -> None:
    docs = load_polnear(gold_dir)
    assert [d.name for d in docs] == ["gold_frost", "gold_governor", "gold_harbour"]
    assert sum(len(d.relations) for d in docs) == 26
    assert all(len(d.ids) == len(d.relations) for d in docs)
    assert docs[0].ids[:2] == ["E1", "E2"]


def test_speaker_scores_follow_the_outside_definitions(gold_dir) -> None:
    from reportedly.evaluation import score_speakers
    from reportedly.evaluation.speakers import speaker_right

    assert speaker_right({"kind": "person", "entity": "Donald Trump", "also": ["Donald J. Trump"]},
                         "Donald J. Trump", False)
    assert not speaker_right({"kind": "person", "entity": "Donald Trump"}, "Trump", False)
    assert speaker_right({"kind": "anonymous", "anonymous": True, "entity": "officials"}, "aides", True)
    assert speaker_right({"kind": "group", "entity": "Republicans in Congress"}, "many Republicans", False)
    (frost,) = [d for d in load_polnear(gold_dir) if d.name == "gold_frost"]
    gold = {"E2": {"kind": "person", "entity": "Carla Wendt"}, "E3": {"kind": "person", "entity": "Carla Wendt"}}
    rel = dict(zip(frost.ids, frost.relations, strict=True))
    pred = [{"cue": rel["E2"]["cue"], "content": rel["E2"]["content"], "source": {"entity": "Carla Wendt"}},
            {"cue": rel["E3"]["cue"], "content": rel["E3"]["content"], "source": {"entity": "she"}}]
    sc = score_speakers(frost, gold, pred)
    assert (sc.matched["all"], sc.right["all"], sc.tp, sc.gold) == (2, 1, 1, 2)
    assert sc.accuracy() == 0.5 and sc.who_said_what() == (0.5, 0.5, 0.5)
