"""Read a PolNeAR compartment: ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME_ANNOTATOR.ann``.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates attributions in brat standoff: text-bound
``Source``, ``Cue`` and ``Content`` spans (possibly discontinuous, ``a b;c d``) tied together by an
``Attribution`` event. Where an article was annotated more than once, the first annotator file in
name order is the gold, as the project's scorer reads it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

ROLES = ("source", "cue", "content")
Pair = tuple[int, int]


@dataclass
class GoldDocument:
    """One annotated article: its text and its attributions as ``{role: [pairs]}``."""

    name: str
    text: str
    relations: list[dict[str, list[Pair]]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # the brat event id ("E3") of each relation


def parse_ann(ann: str) -> list[dict[str, list[Pair]]]:
    """The attributions of one brat ``.ann`` file."""
    return [rel for _, rel in parse_ann_ids(ann)]


def parse_ann_ids(ann: str) -> list[tuple[str, dict[str, list[Pair]]]]:
    """The attributions of one brat ``.ann`` file with their event ids."""
    spans: dict[str, list[Pair]] = {}
    rels: list[tuple[str, dict[str, list[Pair]]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, locs = parts[1].partition(" ")
            try:
                spans[parts[0]] = [(int(a), int(b)) for a, b in (loc.split() for loc in locs.split(";"))]
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split() if ":" in a)
            rel: dict[str, list[Pair]] = {r: [] for r in ROLES}
            for role_name, tid in args.items():
                role = role_name.lower()
                if role in rel and tid in spans:
                    rel[role] = spans[tid]
            if rel["cue"] or rel["content"]:
                rels.append((parts[0], rel))
    return rels


def load_polnear(folder: str | Path, limit: int | None = None) -> list[GoldDocument]:
    """Every annotated article of a compartment, in name order."""
    folder = Path(folder)
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        raise InputError(str(folder), "not a PolNeAR compartment (needs text/ and attributions/)")
    out = []
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        pairs = parse_ann_ids(anns[0].read_text("utf-8"))
        out.append(GoldDocument(txt.stem, txt.read_text(encoding="utf-8"), [r for _, r in pairs],
                                [i for i, _ in pairs]))
        if limit and len(out) >= limit:
            break
    return out


def load_publishers(folder: str | Path) -> dict[str, str]:
    """Article name -> publisher, from the ``metadata.tsv`` beside or above the compartment."""
    folder = Path(folder)
    for cand in (folder / "metadata.tsv", folder.parent / "metadata.tsv"):
        if cand.is_file():
            with cand.open(encoding="utf-8", newline="") as fh:
                return {row["filename"]: row["publisher"] for row in csv.DictReader(fh, delimiter="\t")
                        if row.get("filename")}
    return {}
