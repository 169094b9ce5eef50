"""What is left of a text dump once the body is kept: the furniture layers and the language.

Lines left out of the body go to the layer of what they were tagged as (a picture credit to
``caption``, a pointer to ``teaser``, credit lines to ``credit``, wire slugs to ``slug``), runs of the
rest to one ``boilerplate`` span each; the language is English by the body's function words, else the
language detector's guess.
"""

from __future__ import annotations

from .metadata import detect_language
from .textdump_lines import _Line, _Page
from .vocab import ENGLISH_STOP_WORDS


def _english_by_stop_words(keep: list[_Line]) -> str | None:
    """"en" when the kept lines are plainly English prose: of their first 400 words (at least 40),
    more than 20 % are English function words (English news runs 23-59 %, other languages' pages
    at most 8 % on the dev pages); else ``None`` and the language detector decides. Saves loading
    and running the detector on most pages."""
    words: list[str] = []
    for ln in keep[:40]:
        words.extend(ln.norm.split())
        if len(words) >= 400:
            break
    words = words[:400]
    if len(words) < 40:
        return None
    return "en" if sum(map(ENGLISH_STOP_WORDS.__contains__, words)) / len(words) > 0.2 else None


#: The layer of a line left out of the body for what it was tagged as.
_TAG_LAYER = {"credited": "caption", "pointer": "teaser", "contributors": "credit"}


def _write_furniture(page: _Page) -> None:
    """Every line left out of the body to its layer: a tagged line to the tag's layer, runs of the
    rest to one ``boilerplate`` span each."""
    lines, labels, doc = page.lines, page.labels, page.doc
    for ln in lines:
        if ln.idx not in labels:
            for tag in ("slug", "byline", "credited", "teaser", "pointer", "contributors"):
                if tag in ln.tags:
                    labels[ln.idx] = _TAG_LAYER.get(tag, tag)
                    break
    run: list[_Line] = []  # consecutive furniture lines become one boilerplate span
    for ln in lines:
        lab = labels.get(ln.idx)
        if lab is None:
            run.append(ln)
            continue
        if run:
            doc.add_span("boilerplate", run[0].start, run[-1].end)
            run = []
        if lab in ("byline", "dateline", "caption", "slug", "teaser", "credit"):
            doc.add_span(lab, ln.start, ln.end)
    if run:
        doc.add_span("boilerplate", run[0].start, run[-1].end)


def _read_language(page: _Page) -> None:
    """The body's language: English by its function words, else the language detector's guess."""
    meta = page.doc.meta
    if meta.language:
        return
    keep = page.keep
    meta.language = _english_by_stop_words(keep) or detect_language(
        "\n".join(ln.text for ln in keep[:40]) or page.doc.text[:4000])
    if meta.language:
        meta.extra["language_detected"] = True
