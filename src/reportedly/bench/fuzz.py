"""Fuzz benchmark: generated inputs through the readers, the cleaner and the attribution step.

    python -m reportedly.bench fuzz                     # 10,000 inputs (4,000 / 3,000 / 3,000)
    python -m reportedly.bench fuzz --examples 200 --seed 1 --json

Hypothesis generates the inputs (no shrinking, no example database): for the **readers**, files of
every kind the tool reads — HTML with hostile markup (deep or unclosed nesting, many attributes,
broken entities, scripts, mixed encodings), plain text with control characters and stray bytes,
JSON Lines with wrong types and broken lines, WARC records, gzip of any of them — plus mutations
(truncation, flipped and inserted bytes) of the bundled examples and raw random bytes, each read
with :func:`reportedly.readers.read_input`; for the **cleaner**, text dumps built from headline,
byline, date, furniture and paragraph lines with random Unicode mixed in, through the structure
component; for the **attribution step**, news-like paragraphs (quotes, cues, names, pronouns,
unbalanced quotation marks, very long sentences) through the structure and attribution components.

Each input runs under a time budget (``--budget``, default 10 s; the watchdog of
:mod:`reportedly.budget`). An input *passes* when the reader yields documents or one-line failures
(it must never raise) and the components return the document without raising. The run prints how
many inputs each target took, the uncaught exceptions (each with its input, cut short), the inputs
over the budget, and the slowest input. Exit status 1 when any input raised or ran over.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Inputs per target in one default run: 10,000 in all.
DEFAULT_EXAMPLES = {"readers": 4000, "cleaner": 3000, "attribution": 3000}


def _strategies():
    """The Hypothesis strategies (imported lazily: Hypothesis is a development dependency)."""
    from hypothesis import strategies as st

    words = st.sampled_from(
        "the a council mayor said says told reported according to officials bridge harbour union budget "
        "vote police minister would could not he she they it we I you who which that reportedly allegedly "
        "Monday Friday 2024 March €5m 3.5% U.S. Mr. Dr. Gen. St. e.g. Inc. — – … « » „ “ ” ‘ ’ \" ' ( ) [ ] "
        ": ; , . ! ? - / & @ # * • · \u00a0 \u200b \u202e \ufeff \ufffd Zoë Łódź Müller Ørsted 北京 Москва "
        "عربي 😀".split()
    )
    names = st.sampled_from(["Maria Lopez", "John Smith", "Ahmed Khan", "Ilse Brandvold", "the mayor",
                             "a spokesperson", "officials", "Two officials", "the Coastal Ledger", "Reuters",
                             "the New York Times", "Mr. King", "Dr. Amara Osei", "the union", "he", "she",
                             "they", "someone familiar with the talks", "the ministry's press office"])
    cues = st.sampled_from(["said", "says", "told reporters", "claimed", "added", "warned", "denied",
                            "believes", "according to", "reportedly said", "insisted", "wrote", "tweeted",
                            "said in a statement", "confirmed", "asked not to be named"])
    unicode_text = st.text(st.characters(codec="utf-8"), max_size=40)
    word_run = st.lists(st.one_of(words, words, words, unicode_text), min_size=0, max_size=30).map(" ".join)
    quote = st.tuples(st.sampled_from(['"', "“", "‘", "«", "'", ""]), word_run,
                      st.sampled_from(['"', "”", "’", "»", "'", ""])).map(lambda t: t[0] + t[1] + t[2])

    def _sentence(t):
        q, n, c, w, form = t
        return [f"{q}, {n} {c}.", f"{n} {c} {w}.", f"{n} {c}: {q}", f"{c} {n}, {w}.",
                f"{w}, {n} {c} on Monday, {q}", f"{w}."][form]

    sentence = st.tuples(quote, names, cues, word_run, st.integers(0, 5)).map(_sentence)
    paragraph = st.lists(sentence, min_size=1, max_size=8).map(" ".join)
    article = st.lists(st.one_of(paragraph, paragraph, paragraph, word_run), min_size=0, max_size=12).map("\n\n".join)
    long_sentence = st.tuples(names, cues, st.integers(50, 400)).map(
        lambda t: f"{t[0]} {t[1]} that " + ", and that ".join(["the bridge would reopen"] * t[2]) + ".")
    attribution_text = st.one_of(article, article, article, article, article, article, long_sentence,
                                 unicode_text, st.text(max_size=400))

    furniture = st.sampled_from(["Home", "World", "Business", "Subscribe", "Share this article", "Related stories",
                                 "Comments (12)", "© 2025 Harbourside Daily. All rights reserved.",
                                 "Privacy policy | Cookie settings | Contact us", "Advertisement",
                                 "icon menuicon searchicon closeicon", "Sign up for our newsletter", "Read more",
                                 "By Marta Lindqvist", "14 Mar, 2025 08:40", "Updated 3 hours ago", "PHOTO: AFP",
                                 "Port strike looms – Coastal Ledger", "White House divided – NYT", ""])
    dump_line = st.one_of(furniture, furniture, paragraph, word_run, unicode_text,
                          st.text(st.characters(blacklist_categories=("Cs",)), max_size=120))
    shaped_dump = st.tuples(st.lists(furniture, max_size=8), word_run, furniture, st.lists(paragraph, min_size=1,
                                                                                            max_size=10),
                            st.lists(furniture, max_size=8)).map(
        lambda t: "\n".join([*t[0], t[1], t[2], "", *t[3], *t[4]]))
    text_dump = st.one_of(st.lists(dump_line, min_size=1, max_size=60).map("\n".join), shaped_dump)

    tag = st.sampled_from(["div", "p", "span", "article", "main", "section", "h1", "h2", "header", "footer",
                           "nav", "script", "style", "table", "tr", "td", "li", "ul", "a", "b", "i", "br",
                           "img", "meta", "title", "head", "body", "html", "figure", "figcaption", "time",
                           "svg", "template", "noscript", "iframe", "textarea", "xmp", "plaintext", "x-y"])
    attr = st.tuples(st.sampled_from(["class", "id", "href", "property", "name", "content", "charset", "lang",
                                      "itemprop", "datetime", "style", "data-x", "type", "onload"]),
                     st.one_of(word_run, st.sampled_from(["article", "og:site_name", "author", "utf-8",
                                                          "koi8-r", "utf-16", "bogus-charset", "description",
                                                          "application/ld+json", "article:published_time",
                                                          "2024-13-45T99:99", "javascript:alert(1)"])))
    attrs = st.lists(attr, max_size=4).map(lambda a: "".join(f' {k}="{v}"' for k, v in a))
    open_tag = st.tuples(tag, attrs).map(lambda t: f"<{t[0]}{t[1]}>")
    close_tag = tag.map(lambda t: f"</{t}>")
    ld = st.dictionaries(st.sampled_from(["@type", "headline", "author", "datePublished", "publisher", "@graph",
                                          "name", "@id"]),
                         st.recursive(st.one_of(st.none(), st.integers(), word_run),
                                      lambda c: st.lists(c, max_size=3) | st.dictionaries(
                                          st.sampled_from(["name", "@type", "@id"]), c, max_size=3),
                                      max_leaves=8), max_size=6).map(
        lambda d: f'<script type="application/ld+json">{json.dumps(d)}</script>')
    html_piece = st.one_of(open_tag, close_tag, paragraph, word_run, ld,
                           st.sampled_from(["&amp;", "&#0;", "&#x110000;", "&nbsp", "&bogus;", "<!--", "-->",
                                            "<![CDATA[", "<!DOCTYPE html>", "<?xml version='1.0'?>", "<", ">",
                                            "</", "<p", "\x00", "\r\n", "\t"]),
                           st.integers(1, 400).map(lambda n: "<div>" * n),
                           st.integers(1, 400).map(lambda n: "</div>" * n),
                           st.integers(1, 3000).map(lambda n: "<b " + " ".join(f"a{i}" for i in range(n)) + ">x"))
    html_page = st.lists(html_piece, min_size=0, max_size=60).map(
        lambda parts: "<html><head><title>Fuzz</title></head><body>" + "".join(parts) + "</body></html>")
    html_fragment = st.lists(html_piece, min_size=0, max_size=40).map("".join)

    json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), word_run),
                              lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
                              max_leaves=10)
    record = st.fixed_dictionaries({}, optional={
        "text": st.one_of(paragraph, article, json_value), "html": st.one_of(html_page, json_value),
        "id": json_value, "title": json_value, "date": st.one_of(json_value, st.sampled_from(
            ["2024-03-01", "yesterday", "2024-02-30", "1 March 2024", "0000-00-00", "2024"])),
        "authors": json_value, "author": json_value, "url": json_value, "sitename": json_value,
        "language": json_value})
    jsonl_line = st.one_of(record.map(lambda r: json.dumps(r, ensure_ascii=False)), record.map(json.dumps),
                           word_run, st.sampled_from(["{", "[", "{\"text\": \"cut", "[[[[[[[[", "null", "1", ""]),
                           st.integers(1, 200).map(lambda n: "[" * n + "]" * n))
    jsonl = st.lists(jsonl_line, max_size=8).map("\n".join)

    def _warc(records: list[tuple[str, str]]) -> bytes:
        out = []
        for i, (url, body) in enumerate(records):
            payload = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body).encode(
                "utf-8", "surrogatepass")
            head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i:08d}>\r\n"
                    f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-03-01T00:00:00Z\r\n"
                    f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}\r\n\r\n")
            out.append(head.encode("utf-8", "surrogatepass") + payload + b"\r\n\r\n")
        return b"".join(out)

    warc = st.lists(st.tuples(st.sampled_from(["https://example.com/a", "not a url", ""]), html_page),
                    min_size=1, max_size=3).map(_warc)

    encodings = st.sampled_from(["utf-8", "utf-8", "utf-8", "cp1252", "latin-1", "utf-16", "utf-8-sig", "koi8-r",
                                 "shift_jis"])

    def _encode(t):
        text, enc = t
        return text.encode(enc, errors="replace")

    seeds = _seed_files()

    def _mutate(t):
        data, cut, flips, inserts = t
        data = bytearray(data[: max(1, int(len(data) * cut))] if cut < 1 else data)
        for pos, byte in flips:
            if data:
                data[pos % len(data)] = byte
        for pos, blob in inserts:
            at = pos % (len(data) + 1)
            data[at:at] = blob
        return bytes(data)

    mutation = st.tuples(st.sampled_from(seeds) if seeds else st.binary(max_size=200),
                         st.sampled_from([1.0, 1.0, 0.5, 0.9, 0.1, 0.999]),
                         st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=6),
                         st.lists(st.tuples(st.integers(0, 1 << 20), st.binary(max_size=20)), max_size=3)).map(_mutate)
    mixed = st.tuples(paragraph, paragraph).map(lambda t: t[0].encode("utf-8") + t[1].encode("cp1252", "replace"))
    reader_bytes = st.one_of(
        st.tuples(html_page, encodings).map(_encode), st.tuples(html_fragment, encodings).map(_encode),
        st.tuples(text_dump, encodings).map(_encode), st.tuples(jsonl, st.just("utf-8")).map(_encode),
        warc, mutation, mutation, mixed, st.binary(max_size=300),
    )
    reader_input = st.tuples(reader_bytes, st.sampled_from([".html", ".txt", ".jsonl", ".warc", ".json", ".htm"]),
                             st.sampled_from([False, False, False, True]))
    return {"readers": reader_input, "cleaner": text_dump, "attribution": attribution_text}


def _seed_files() -> list[bytes]:
    """The bundled examples (and a WARC decompressed), as seeds for byte mutations."""
    here = Path(__file__).resolve().parents[3] / "examples"
    out = []
    for p in sorted(here.glob("*")) if here.is_dir() else []:
        if p.suffix in (".txt", ".html") or p.name.endswith(".warc.gz"):
            data = p.read_bytes()
            out.append(data)
            if p.name.endswith(".gz"):
                try:
                    out.append(gzip.decompress(data))
                except OSError:
                    pass
    return out


@dataclass
class Outcome:
    """What one target did over a run."""

    target: str
    count: int = 0
    seconds: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)
    over_budget: list[dict[str, Any]] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")
    results: dict[str, int] = field(default_factory=dict)  # readers: documents and one-line failures


def _show(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 20] + f"… ({len(text):,} chars)"


class Fuzzer:
    """The three targets, each a function of one generated input that raises on a bug."""

    def __init__(self, budget: float = 10.0):
        from ..api import Analyzer
        from ..settings import Settings

        self.budget = budget
        # the reader's own budget off: the fuzzer's watchdog measures the whole input
        self.settings = Settings.load(input={"time_budget": 0.0})
        self.analyzer = Analyzer(self.settings, components=["structure", "attribution"])
        self._structure, self._attribution = self.analyzer.pipeline.components
        self.tmp = tempfile.TemporaryDirectory(prefix="reportedly-fuzz-")

    def close(self) -> None:
        self.tmp.cleanup()

    def warm_up(self) -> None:
        """Load what the first input would otherwise pay for (the model, the language identifier)."""
        from ..document import Document

        text = "The mayor said on Monday that the bridge would reopen. “It is safe,” she told reporters."
        self._attribution(self._structure(Document(text + "\n\n" + text, input="<warm-up>")))

    def readers(self, value: tuple[bytes, str, bool]) -> dict[str, int]:
        from ..readers import Failure, read_input

        data, suffix, gz = value
        path = os.path.join(self.tmp.name, "input" + suffix + (".gz" if gz else ""))
        with open(path, "wb") as f:
            f.write(gzip.compress(data) if gz else data)
        seen = {"documents": 0, "failures": 0}
        for item in read_input(path, self.settings):
            if isinstance(item, Failure):
                assert item.reason and "\n" not in item.reason, f"failure reason not one line: {item.reason!r}"
                seen["failures"] += 1
            else:
                item.to_dict()  # every span fits its text
                seen["documents"] += 1
        return seen

    def cleaner(self, text: str) -> None:
        from ..document import Document

        doc = self._structure(Document(text, input="<fuzz>"))
        doc.to_dict()

    def attribution(self, text: str) -> None:
        from ..document import Document

        doc = self._attribution(self._structure(Document(text, input="<fuzz>")))
        doc.to_dict()

    def run(self, target: str, examples: int, seed: int | None = None,
            progress: Callable[[str, int], None] | None = None) -> Outcome:
        from hypothesis import HealthCheck, Phase, given, settings
        from hypothesis import seed as hseed

        from ..budget import TimeBudgetError, within

        strategy = _strategies()[target]
        fn = getattr(self, target)
        out = Outcome(target)

        def one(value: Any) -> None:
            t = time.perf_counter()
            try:
                seen = within(self.budget, f"{target} input", fn, value)
                for k, v in (seen or {}).items():
                    out.results[k] = out.results.get(k, 0) + v
            except TimeBudgetError:
                out.over_budget.append({"input": _show(value)})
            except Exception as exc:  # the finding: record it and go on
                tb = traceback.extract_tb(exc.__traceback__)
                where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(tb)
                              if "reportedly" in f.filename), "?")
                out.errors.append({"error": f"{type(exc).__name__}: {str(exc)[:200]}", "where": where,
                                   "input": _show(value)})
            dt = time.perf_counter() - t
            out.count += 1
            out.seconds += dt
            if dt > out.slowest[0]:
                out.slowest = (dt, _show(value, 120))
            if progress and out.count % 500 == 0:
                progress(target, out.count)

        test = settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
                        suppress_health_check=list(HealthCheck), derandomize=seed is None)(given(strategy)(one))
        if seed is not None:
            test = hseed(seed)(test)
        test()
        return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m reportedly.bench fuzz", description=__doc__.split("\n\n")[0])
    p.add_argument("--examples", type=int, default=None, metavar="N",
                   help="inputs per target (default: 4,000 readers, 3,000 cleaner, 3,000 attribution)")
    p.add_argument("--target", action="append", choices=list(DEFAULT_EXAMPLES),
                   help="only this target (repeatable; default: all three)")
    p.add_argument("--seed", type=int, default=None,
                   help="random seed (default: Hypothesis's fixed derandomised sequence, the same every run)")
    p.add_argument("--budget", type=float, default=10.0, metavar="SECONDS", help="time budget per input (default 10)")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = p.parse_args(argv)
    try:
        import hypothesis  # noqa: F401
    except ImportError:
        print("reportedly.bench fuzz: needs Hypothesis (pip install -e '.[dev]')", file=sys.stderr)
        return 2
    fuzzer = Fuzzer(args.budget)
    fuzzer.warm_up()
    outcomes = []
    t0 = time.perf_counter()
    try:
        for target in args.target or list(DEFAULT_EXAMPLES):
            n = args.examples or DEFAULT_EXAMPLES[target]
            outcomes.append(fuzzer.run(target, n, args.seed, progress=lambda t, c: print(
                f"  {t}: {c} inputs", file=sys.stderr, flush=True)))
    finally:
        fuzzer.close()
    wall = time.perf_counter() - t0
    total = sum(o.count for o in outcomes)
    errors = [dict(e, target=o.target) for o in outcomes for e in o.errors]
    over = [dict(e, target=o.target) for o in outcomes for e in o.over_budget]
    slowest = max(((o.slowest[0], o.target, o.slowest[1]) for o in outcomes), default=(0.0, "", ""))
    if args.json:
        json.dump({"inputs": total, "uncaught_exceptions": len(errors), "over_budget": len(over),
                   "budget_s": args.budget, "seconds": round(wall, 1),
                   "targets": {o.target: {"inputs": o.count, "seconds": round(o.seconds, 1),
                                          "slowest_s": round(o.slowest[0], 3), **o.results} for o in outcomes},
                   "slowest": {"seconds": round(slowest[0], 3), "target": slowest[1], "input": slowest[2]},
                   "errors": errors, "over_budget_inputs": over}, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        buf = io.StringIO()
        print(f"fuzz: {total:,} generated inputs in {wall:.0f} s, {len(errors)} uncaught exceptions, "
              f"{len(over)} over the {args.budget:g} s budget", file=buf)
        for o in outcomes:
            seen = "".join(f", {v:,} {k}" for k, v in o.results.items())
            print(f"  {o.target:12} {o.count:6,} inputs  {o.seconds:7.1f} s  slowest {o.slowest[0]:.3f} s{seen}",
                  file=buf)
        print(f"  slowest input: {slowest[0]:.3f} s ({slowest[1]}): {slowest[2]}", file=buf)
        for e in errors[:20]:
            print(f"  ERROR {e['target']} {e['where']}: {e['error']}\n        input: {e['input']}", file=buf)
        for e in over[:20]:
            print(f"  OVER BUDGET {e['target']}: {e['input']}", file=buf)
        sys.stdout.write(buf.getvalue())
    return 1 if errors or over else 0
