"""PolNeAR brat files -> token-level training examples for the attribution tagger."""

from __future__ import annotations

from pathlib import Path

from reportedly.attribution.tagger import ROLE_TAGS, ROLES, encode, window_starts
from reportedly.evaluation import load_polnear


def load_split(folder: Path) -> list[dict]:
    """Articles of one split: name, text and relations (first annotator file per article, as scored)."""
    return [{"name": g.name, "text": g.text, "relations": g.relations} for g in load_polnear(folder)]


def token_labels(doc: dict, offsets: list[tuple[int, int]]) -> dict[str, list[int]]:
    """Tag index per token and role (-100 for line-break tokens).

    Pieces of one role that overlap are resolved in favour of the longer (outer) one; source and
    content pieces carry the side of their cue (L: the cue lies to the left).
    """
    n = len(offsets)
    labels = {}
    for role in ROLES:
        pieces = []
        for rel in doc["relations"]:
            cue_start = min((a for a, _ in rel["cue"]), default=None)
            for a, b in rel[role]:
                side = "R" if cue_start is None or cue_start >= b or cue_start > a else "L"
                pieces.append((a, b, side))
        pieces.sort(key=lambda p: -(p[1] - p[0]))
        owner = [-1] * n
        for pid, (a, b, _) in enumerate(pieces):
            for i, (s, e) in enumerate(offsets):
                if s >= 0 and owner[i] < 0 and s < b and a < e:
                    owner[i] = pid
        tags = ROLE_TAGS[role]
        out = []
        prev = -1
        for i in range(n):
            if offsets[i][0] < 0:
                out.append(-100)
                continue
            pid = owner[i]
            if pid < 0:
                out.append(0)
            else:
                first = pid != prev
                if role == "cue":
                    out.append(tags.index("B" if first else "I"))
                else:
                    side = pieces[pid][2]
                    out.append(tags.index(("B-" if first else "I-") + side))
            prev = pid
        labels[role] = out
    return labels


def examples(docs: list[dict], tokenizer, window: int, stride: int) -> list[dict]:
    """Windows of at most ``window`` tokens (CLS and SEP included) with their labels."""
    out = []
    for doc in docs:
        ids, offsets = encode(tokenizer, doc["text"])
        labels = token_labels(doc, offsets)
        body = window - 2
        for s in window_starts(ids, offsets, doc["text"], body, stride):
            e = min(len(ids), s + body)
            out.append({
                "ids": [101, *ids[s:e], 102],
                **{role: [-100, *labels[role][s:e], -100] for role in ROLES},
            })
    return out
