"""Pinned extraction floors: article bodies and page metadata must not slide.

Body: the extraction benchmark's dev pages (``../shared/data/extraction-bench/dev``), scored with
the benchmark's own measure (4-gram shingle F1 of page-averaged precision and recall), from the
text dumps and from the HTML. Metadata: authors, titles and dates of 50 of those pages read by hand
(``gold/extraction/metadata.json``), from the HTML and from the text dumps. Floors sit a little
under the scores measured when they were pinned (see docs/extraction.md); raise them when
extraction improves, never lower them to make a change pass.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from reportedly.bench.extraction import body_scores, load_pages, metadata_scores
from reportedly.clean.textdump import TextDumpCleaner
from reportedly.document import Document, Metadata
from reportedly.readers.html import read_html_bytes
from reportedly.readers.text import decode_text

#: body F1 on dev: issue 12's bars (measured text 0.952, html 0.981 when pinned)
BODY_FLOORS = {"text": 0.94, "html": 0.975}
#: share right on the hand-read gold set, a few pages under what was measured when pinned (html: authors
#: 0.98, title 1.00, date 1.00, time 0.90; text: authors 0.88, title 0.98, date 0.84); a page is 0.02
METADATA_FLOORS = {
    "html": {"authors": 0.94, "title": 0.96, "date": 0.96, "time": 0.85},
    "text": {"authors": 0.82, "title": 0.94, "date": 0.77},
}

GOLD = Path(__file__).resolve().parent / "gold" / "extraction" / "metadata.json"


@lru_cache(maxsize=1)
def _run(folder: Path) -> dict[str, dict[str, dict]]:
    ids, gt, pages = load_pages(folder)
    cleaner = TextDumpCleaner()
    out: dict[str, dict[str, dict]] = {"text": {}, "html": {}, "truth": gt}
    for k, page in zip(ids, pages, strict=True):
        text, _ = decode_text(page[0], k)
        out["text"][k] = _record(cleaner(Document(text, meta=Metadata(format="text"))))
        out["html"][k] = _record(read_html_bytes(page[2], input=k))
    return out


def _record(doc: Document) -> dict:
    return {"body": doc.body, "title": doc.meta.title, "authors": doc.meta.authors, "date": doc.meta.date,
            "language": doc.meta.language}


def _dev(shared: Path) -> Path:
    folder = shared / "data" / "extraction-bench" / "dev"
    if not (folder / "ground-truth.json").is_file():
        pytest.skip(f"{folder} is not present")
    return folder


@pytest.mark.parametrize("mode", ["text", "html"])
def test_body_floors(shared: Path, mode: str) -> None:
    run = _run(_dev(shared))
    truth = run["truth"]
    f1 = body_scores((truth[k], run[mode][k]["body"]) for k in truth)["f1"]
    assert f1 >= BODY_FLOORS[mode], f"{mode} body F1 {f1:.3f} below the pinned floor {BODY_FLOORS[mode]}"


@pytest.mark.parametrize("mode", ["html", "text"])
def test_metadata_gold_floors(shared: Path, mode: str) -> None:
    run = _run(_dev(shared))
    gold = json.loads(GOLD.read_text("utf-8"))["pages"]
    assert len(gold) >= 40
    scores = metadata_scores(gold, run[mode])
    got = {k: c / n for k, (c, n) in scores.items() if n}
    low = {k: round(got[k], 3) for k, f in METADATA_FLOORS[mode].items() if got[k] < f}
    assert not low, f"{mode}: below the pinned metadata floors {METADATA_FLOORS[mode]}: {low}"


def test_language_always_set(shared: Path) -> None:
    run = _run(_dev(shared))
    for mode in ("text", "html"):
        missing = [k for k, r in run[mode].items() if r["body"].strip() and not r["language"]]
        assert not missing, f"{mode}: no language for {missing[:3]}"


def test_gold_file_shape() -> None:
    gold = json.loads(GOLD.read_text("utf-8"))["pages"]
    assert len(gold) >= 40
    for k, g in gold.items():
        assert len(k) == 64 and g["title"] and isinstance(g["authors"], list)
        assert g["date"] is None or g["date"][:4].isdigit()
