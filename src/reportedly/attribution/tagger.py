"""Learned attribution tagger: source, cue and content spans, grouped into attributions.

The packaged model (``reportedly/models/attribution-tagger``) is a MiniLM-L6 encoder fine-tuned
on PolNeAR with one tagging head per role, exported to ONNX and quantised to int8. Each head
tags sub-word tokens independently, so spans of different roles may nest (a content span often
holds a whole attribution of its own). Source and content tags also say on which side their cue
lies (``B-L``: the cue is to the left), which :mod:`reportedly.attribution.linking` uses to
group spans into attributions.

Runtime needs only ``onnxruntime``, ``tokenizers`` and ``numpy``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .linking import Span, link

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "attribution-tagger"
#: Taggers shipped with the package, by the name ``[attribution] model`` and ``--model`` take.
PACKAGED_MODELS = {"default": DEFAULT_MODEL_DIR, "fast": DEFAULT_MODEL_DIR.parent / "attribution-tagger-fast"}

#: Token id inserted wherever the text between two tokens holds a line break ("[unused0]").
PARA_ID = 1
CLS_ID = 101
SEP_ID = 102
ROLES = ("source", "cue", "content")
#: Tag sets per role, in the order of the model's output columns.
ROLE_TAGS = {
    "source": ("O", "B-L", "I-L", "B-R", "I-R"),
    "cue": ("O", "B", "I"),
    "content": ("O", "B-L", "I-L", "B-R", "I-R"),
}
_SENT_END = {".", "?", "!", "\u201d", '"'}


@dataclass
class TaggedRelation:
    """One attribution found by the tagger: character spans into the analysed text."""

    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)
    score: float = 0.0
    #: Mean confidence (1 − mean P(O)) of each role's spans; 0 for a role with none.
    role_scores: dict[str, float] = field(default_factory=dict)


def encode(tokenizer, text: str, start: int = 0, end: int | None = None) -> tuple[list[int], list[tuple[int, int]]]:
    """Sub-word ids and absolute character offsets of ``text[start:end]``.

    A :data:`PARA_ID` token (offsets ``(-1, -1)``) marks every line break between two tokens.
    """
    end = len(text) if end is None else end
    enc = tokenizer.encode(text[start:end], add_special_tokens=False)
    ids: list[int] = []
    offsets: list[tuple[int, int]] = []
    prev_end = None
    for tid, (s, e) in zip(enc.ids, enc.offsets, strict=True):
        if e <= s:
            continue
        s += start
        e += start
        if prev_end is not None and "\n" in text[prev_end:s]:
            ids.append(PARA_ID)
            offsets.append((-1, -1))
        ids.append(tid)
        offsets.append((s, e))
        prev_end = e
    return ids, offsets


def window_starts(ids: Sequence[int], offsets: Sequence[tuple[int, int]], text: str, size: int, stride: int) -> list[int]:
    """Start indices of overlapping windows of ``size`` tokens, moved back to a sentence start where possible."""
    n = len(ids)
    starts = [0]
    while starts[-1] + size < n:
        nominal = starts[-1] + stride
        best = nominal
        for i in range(nominal, max(starts[-1] + 1, nominal - size // 6), -1):
            prev = ids[i - 1]
            if prev == PARA_ID or (offsets[i - 1][0] >= 0 and text[offsets[i - 1][0]:offsets[i - 1][1]] in _SENT_END):
                best = i
                break
        starts.append(best)
    return starts


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x


class Tagger:
    """Runs the packaged ONNX tagger over texts and returns attribution candidates."""

    def __init__(self, session, tokenizer, config: dict):
        self.session = session
        self.tokenizer = tokenizer
        self.config = config
        self.window = int(config.get("window", 256))
        self.stride = int(config.get("stride", 192))
        self.batch_size = int(config.get("batch_size", 16))
        self.linking = dict(config.get("linking", {}))
        widths = [len(ROLE_TAGS[r]) for r in ROLES]
        self._cols = np.cumsum([0, *widths])

    @classmethod
    def load(cls, model_dir: Path | None = None, threads: int = 0) -> Tagger:
        """Load the model in ``model_dir`` (default: the packaged one); ``threads`` 0 lets onnxruntime choose."""
        model_dir = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
        needed = [model_dir / "model.onnx", model_dir / "tokenizer.json", model_dir / "config.json"]
        missing = [p.name for p in needed if not p.is_file()]
        if missing:
            raise ModelError(f"attribution tagger not found in {model_dir}: missing {', '.join(missing)}")
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            config = json.loads((model_dir / "config.json").read_text())
            tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
            tokenizer.no_truncation()
            tokenizer.no_padding()
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = threads if threads > 0 else min(4, os.cpu_count() or 1)
            opts.inter_op_num_threads = 1
            # Idle pool threads sleep instead of spinning: spinning burns processor time that a busy
            # machine (or a batch of parallel workers) needs for real work.
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
            opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            session = ort.InferenceSession(str(model_dir / "model.onnx"), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # a corrupt artifact: one clear message
            raise ModelError(f"attribution tagger in {model_dir} cannot be loaded: {exc}") from exc
        return cls(session, tokenizer, config)

    # -- model ---------------------------------------------------------------------------------
    def _probs(self, ids: list[int], starts: list[int]) -> np.ndarray:
        """Per-token class probabilities (n_tokens x n_columns), averaged over overlapping windows."""
        n = len(ids)
        width = int(self._cols[-1])
        acc = np.zeros((n, width), dtype=np.float32)
        weight = np.zeros((n, 1), dtype=np.float32)
        body = self.window - 2
        spans = [(s, min(n, s + body)) for s in starts]
        for b in range(0, len(spans), self.batch_size):
            batch = spans[b:b + self.batch_size]
            length = max(e - s for s, e in batch) + 2
            input_ids = np.zeros((len(batch), length), dtype=np.int64)
            mask = np.zeros((len(batch), length), dtype=np.int64)
            for row, (s, e) in enumerate(batch):
                input_ids[row, 0] = CLS_ID
                input_ids[row, 1:e - s + 1] = ids[s:e]
                input_ids[row, e - s + 1] = SEP_ID
                mask[row, :e - s + 2] = 1
            logits = self.session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
            for row, (s, e) in enumerate(batch):
                out = logits[row, 1:e - s + 1].astype(np.float32)
                probs = np.concatenate(
                    [_softmax(out[:, self._cols[k]:self._cols[k + 1]].copy()) for k in range(len(ROLES))], axis=1
                )
                # tokens near a window edge see less context: weight them down
                pos = np.arange(e - s, dtype=np.float32)
                w = np.minimum(pos + 1, (e - s) - pos)
                w = np.minimum(w, 32.0)[:, None] / 32.0
                acc[s:e] += probs * w
                weight[s:e] += w
        return acc / np.maximum(weight, 1e-6)

    # -- decoding ------------------------------------------------------------------------------
    def _spans(self, text: str, offsets: list[tuple[int, int]], probs: np.ndarray) -> dict[str, list[Span]]:
        """Decode each role's tags into character spans with a side (L/R) and a confidence.

        Decoding is a Viterbi search over the role's tag sequence in which an ``I`` tag may only
        follow a ``B`` or ``I`` of the same side, so a span always starts with its ``B`` and a
        single uncertain token cannot split one span into two.
        """
        out: dict[str, list[Span]] = {}
        real = [i for i, (s, _) in enumerate(offsets) if s >= 0]
        if not real:
            return {r: [] for r in ROLES}
        for k, role in enumerate(ROLES):
            tags = ROLE_TAGS[role]
            p = probs[real][:, self._cols[k]:self._cols[k + 1]]
            path = viterbi(p, tags)
            spans: list[Span] = []
            for j, i in enumerate(real):
                tag = tags[path[j]]
                if tag == "O":
                    continue
                if tag.startswith("B") or not spans or spans[-1].tokens[-1] != real[j - 1]:
                    spans.append(Span(role, 0, 0, [i]))
                else:
                    spans[-1].tokens.append(i)
            for sp in spans:
                toks = sp.tokens
                sp.start = offsets[toks[0]][0]
                sp.end = offsets[toks[-1]][1]
                rows = probs[toks][:, self._cols[k]:self._cols[k + 1]]
                sp.score = float(1.0 - rows[:, 0].mean())
                if role != "cue":
                    left = rows[:, [1, 2]].sum()
                    right = rows[:, [3, 4]].sum()
                    sp.side = "L" if left >= right else "R"
                _snap_words(text, sp)
            out[role] = spans
        return out

    def tag(self, text: str, regions: list[tuple[int, int]] | None = None) -> list[tuple[list[tuple[int, int]], np.ndarray]]:
        """Token offsets and per-token tag probabilities for each non-empty region (the costly step)."""
        out = []
        for start, end in blocks(text, regions):
            start, end = max(0, start), min(len(text), end)
            if end <= start or not text[start:end].strip():
                continue
            ids, offsets = encode(self.tokenizer, text, start, end)
            if not ids:
                continue
            starts = window_starts(ids, offsets, text, self.window - 2, self.stride)
            out.append((offsets, self._probs(ids, starts)))
        return out

    def decode(self, text: str, tagged: list[tuple[list[tuple[int, int]], np.ndarray]],
               linking: dict | None = None) -> list[TaggedRelation]:
        """Attribution candidates from :meth:`tag` output, linked with ``linking`` (default: the model's)."""
        opts = self.linking if linking is None else linking
        candidates: list[TaggedRelation] = []
        for offsets, probs in tagged:
            spans = self._spans(text, offsets, probs)
            for rel in link(text, spans, **opts):
                candidates.append(
                    TaggedRelation(
                        source=[_trim(text, s.start, s.end) for s in rel.source],
                        cue=[_trim(text, s.start, s.end) for s in rel.cue],
                        content=[_trim(text, s.start, s.end) for s in rel.content],
                        score=rel.score,
                        role_scores={role: _mean_score(getattr(rel, role)) for role in ROLES},
                    )
                )
        return candidates

    def extract(self, text: str, regions: list[tuple[int, int]] | None = None) -> list[TaggedRelation]:
        """Attribution candidates in ``text`` (only inside ``regions`` when given), as character spans."""
        return self.decode(text, self.tag(text, regions))


def blocks(text: str, regions: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """Regions joined into blocks wherever only white space lies between them.

    The model was trained on whole articles, paragraph breaks marked, so neighbouring paragraphs
    are tagged together: each sees the paragraphs around it, as in training.
    """
    if regions is None:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if out and start >= out[-1][1] and not text[out[-1][1]:start].strip():
            out[-1] = (out[-1][0], max(out[-1][1], end))
        elif out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _valid_path(path: np.ndarray, tags: Sequence[str]) -> bool:
    prev = "O"
    for i in path.tolist():
        tag = tags[i]
        if tag.startswith("I") and (prev == "O" or prev[1:] != tag[1:]):
            return False
        prev = tag
    return True


def viterbi(p: np.ndarray, tags: Sequence[str]) -> list[int]:
    """Best tag path under BIO constraints (``I-x`` only after ``B-x`` or ``I-x``) for one role.

    Transitions are all-or-nothing, so a valid argmax path is the optimum; otherwise a Viterbi pass
    written for this structure (every tag but ``I-x`` may follow anything, ``I-x`` takes the better of
    ``B-x`` and ``I-x`` before it) in plain Python over the log-probabilities, several times faster
    than a general one in numpy on these 3- and 5-tag sets."""
    n, k = p.shape
    best = p.argmax(axis=1)
    if _valid_path(best, tags):
        return best.tolist()
    inside = [(b, tags.index("B" + t[1:]), tags.index("I" + t[1:])) for b, t in enumerate(tags) if t.startswith("I")]
    free = [b for b, t in enumerate(tags) if not t.startswith("I")]
    logp = np.log(np.clip(p, 1e-9, 1.0)).tolist()
    score = [v if b in free else -1e9 for b, v in enumerate(logp[0])]
    back: list[list[int]] = []
    rest = range(1, k)
    for i in range(1, n):
        row = logp[i]
        top, m = 0, score[0]
        for b in rest:
            if score[b] > m:
                top, m = b, score[b]
        new = [0.0] * k
        prev = [top] * k
        for b in free:
            new[b] = m + row[b]
        for b, b_tag, i_tag in inside:
            a = i_tag if score[i_tag] > score[b_tag] else b_tag
            new[b] = score[a] + row[b]
            prev[b] = a
        back.append(prev)
        score = new
    top, m = 0, score[0]
    for b in rest:
        if score[b] > m:
            top, m = b, score[b]
    path = [top]
    for i in range(n - 2, -1, -1):
        path.append(back[i][path[-1]])
    return path[::-1]


def _mean_score(spans: Sequence[Span]) -> float:
    return sum(s.score for s in spans) / len(spans) if spans else 0.0


def _snap_words(text: str, sp: Span) -> None:
    """Extend a span whose ends fall inside a word to the whole word."""
    s, e = sp.start, sp.end
    while s > 0 and text[s - 1].isalnum() and text[s].isalnum():
        s -= 1
    while e < len(text) and text[e].isalnum() and text[e - 1].isalnum():
        e += 1
    sp.start, sp.end = s, e


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e)
