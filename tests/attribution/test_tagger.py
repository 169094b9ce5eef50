"""The tagger's decoding pieces, and the packaged model when it is present."""

from __future__ import annotations

import numpy as np
import pytest

from reportedly.attribution.tagger import DEFAULT_MODEL_DIR, ROLE_TAGS, Tagger, blocks, viterbi


def test_viterbi_never_starts_a_span_with_i() -> None:
    tags = ROLE_TAGS["cue"]  # O, B, I
    p = np.array([[0.4, 0.1, 0.5], [0.1, 0.1, 0.8], [0.9, 0.05, 0.05]])
    path = [tags[i] for i in viterbi(p, tags)]
    assert path[0] != "I"
    assert path[:2] in (["B", "I"], ["O", "O"])


def test_viterbi_keeps_sides_apart() -> None:
    tags = ROLE_TAGS["content"]  # O, B-L, I-L, B-R, I-R
    p = np.array([[0.0, 0.9, 0.0, 0.1, 0.0], [0.0, 0.0, 0.4, 0.0, 0.6]])
    path = [tags[i] for i in viterbi(p + 1e-6, tags)]
    assert path in (["B-L", "I-L"], ["B-R", "I-R"])


def test_blocks_join_regions_separated_by_white_space_only() -> None:
    text = "one\n\ntwo\nJUNK\nthree"
    regions = [(0, 3), (5, 8), (14, 19)]
    assert blocks(text, regions) == [(0, 8), (14, 19)]
    assert blocks(text, None) == [(0, len(text))]


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "model.onnx").is_file(), reason="no packaged model")
def test_packaged_model_finds_an_attribution() -> None:
    tagger = Tagger.load(threads=1)
    text = ("The bridge will reopen in May.\n\nThe minister said on Monday that the bridge would reopen in May, "
            "after repairs that cost the city nearly two million pounds.")
    (cand,) = [c for c in tagger.extract(text) if c.cue]
    assert text[cand.cue[0][0]:cand.cue[0][1]].startswith("said")  # PolNeAR cues may keep "on Monday"
    assert "minister" in text[cand.source[0][0]:cand.source[0][1]]
    assert "the bridge would reopen in May" in text[cand.content[0][0]:cand.content[-1][1]]


def test_one_sentence_attribution_is_found_by_the_whole_component() -> None:
    from reportedly.api import Analyzer

    doc = Analyzer().analyze_text("The minister said on Monday that the bridge would reopen in May.")
    (att,) = doc.attributions
    assert doc.text[att.cue[0][0]:att.cue[0][1]].startswith("said")
    assert att.source.entity and "minister" in att.source.entity
