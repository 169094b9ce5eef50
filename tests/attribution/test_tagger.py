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


def _reference_viterbi(p: np.ndarray, tags: tuple[str, ...]) -> list[int]:
    """A general Viterbi pass over an explicit transition matrix: what the tagger's must agree with."""
    n, k = p.shape
    allowed = np.array([[not tb.startswith("I") or ta in ("B" + tb[1:], "I" + tb[1:]) for tb in tags] for ta in tags])
    trans = np.where(allowed, 0.0, -1e9)
    logp = np.log(np.clip(p, 1e-9, 1.0))
    score = np.where([not t.startswith("I") for t in tags], logp[0], -1e9)
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


@pytest.mark.parametrize("role", ["cue", "content"])
def test_viterbi_finds_the_best_valid_path(role: str) -> None:
    tags = ROLE_TAGS[role]
    rng = np.random.default_rng(7)
    for _ in range(200):
        p = rng.dirichlet(np.full(len(tags), 0.3), size=int(rng.integers(1, 50))).astype(np.float32)
        assert viterbi(p, tags) == _reference_viterbi(p, tags)


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
