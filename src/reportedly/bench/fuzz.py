"""Fuzz benchmark: generated inputs through the readers, the cleaner, the attribution step and the
corpus commands over damaged stores.

    python -m reportedly.bench fuzz                     # 10,000 inputs (3,500 / 2,500 / 2,000 / 2,000)
    python -m reportedly.bench fuzz --examples 200 --seed 1 --json
    python -m reportedly.bench fuzz --save-run bench/results/fuzz.json   # README's fuzzing figures

Hypothesis generates the inputs (no shrinking, no example database): for the **readers**, files of
every kind the tool reads — HTML with hostile markup (deep or unclosed nesting, many attributes,
broken entities, scripts, mixed encodings), plain text with control characters and stray bytes,
JSON Lines with wrong types and broken lines and lone surrogates (``\\udXXX`` escapes) in any field,
keys and nested values included, WARC records, gzip of any of them, floods of newlines and
whitespace — plus mutations (truncation, flipped and inserted bytes) of the bundled examples and raw
random bytes, each under a file name that may be hostile (a newline, ANSI and OSC escapes, bytes that
are not UTF-8, a bidi override), read with :func:`reportedly.readers.read_input`; for the
**cleaner**, text dumps built from headline, byline, date, furniture and paragraph lines with random
Unicode mixed in, and floods of blank lines and whitespace, through the structure component; for the
**attribution step**, news-like paragraphs (quotes, cues, names, pronouns, unbalanced quotation
marks, very long sentences, whitespace floods) through the structure and attribution components; for
**stores**, a small corpus store damaged (truncated, bytes flipped, pages overwritten, its header
broken, a garbage write-ahead log beside it, not a database at all) and read by ``search``,
``export`` and ``trace`` as the command line runs them.

Each input runs under a time budget (``--budget``, default 10 s; the watchdog of
:mod:`reportedly.budget`). An input *passes* when the reader yields documents or one-line failures
(it must never raise), every record can be written as UTF-8 and every file name shown on a terminal
is one line without control characters, the components return the document without raising, and a
corpus command over a damaged store answers or exits with one line on stderr, never a traceback.
The run prints how many inputs each target took, the uncaught exceptions (each with its input, cut
short), the inputs over the budget, and the slowest input. Exit status 1 when any input raised or
ran over. ``--save-run FILE`` also writes the figures, the command and the machine to FILE as JSON
(``python -m reportedly.bench figures`` renders README's fuzzing paragraph from it).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Inputs per target in one default run: 10,000 in all.
DEFAULT_EXAMPLES = {"readers": 3500, "cleaner": 2500, "attribution": 2000, "store": 2000}

#: File names a scraper or a hostile archive can hand over (bytes: not every name is UTF-8).
HOSTILE_NAMES = (b"line\nbreak", b"two\n\nlines", b"cr\rreturn", b"\x1b[31mred\x1b[0m", b"\x1b[2J\x1b[Hclear",
                 b"\x1b]0;retitled\x07", b"\x1b]8;;http://example.com\x1b\\link\x1b]8;;\x1b\\",
                 b"\x9b31mc1-csi", b"caf\xe9", b"\xff\xfe\xfd", b"half-\xe2\x80", b"\xed\xa0\x80surrogate",
                 b"bidi\xe2\x80\xaeevil", b"tab\there", b"del\x7f", b"bell\x07", b" leading space", b"-dash",
                 "Zo\u00eb \u5317\u4eac".encode(), b"x" * 200)
#: What must never reach a terminal from a file name: control characters (a newline forges a line, ESC
#: starts an ANSI or OSC sequence), bidi overrides, and lone surrogates (bytes that are not UTF-8).
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: Characters a flood is made of: blank lines every way they are written, and whitespace.
FLOOD_UNITS = ("\n", "\r\n", "\r", "\n\n", " ", "\t", "\u00a0", "\u2028", "\u2029", "\u3000", "\u200b", "\f",
               "\v", "\n \n", " \t\n", "\u0085")


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
    # lone surrogates anywhere in a record: values, keys, nested lists and objects (json.dumps writes
    # each as a \\udXXX escape, as a program that cut a string in half would)
    surrogate = st.integers(0xD800, 0xDFFF).map(chr)
    surrogate_text = st.lists(st.one_of(words, surrogate, surrogate), min_size=1, max_size=10).map("".join)
    surrogate_value = st.recursive(st.one_of(surrogate_text, surrogate_text, paragraph, st.none(), st.integers()),
                                   lambda c: st.lists(c, max_size=3) | st.dictionaries(
                                       st.one_of(st.text(max_size=6), surrogate_text), c, max_size=3),
                                   max_leaves=6)
    field_name = st.one_of(st.sampled_from(["text", "html", "id", "title", "date", "authors", "author", "url",
                                            "sitename", "language", "extra"]), surrogate_text)
    surrogate_record = st.tuples(st.one_of(paragraph, surrogate_text),
                                 st.dictionaries(field_name, surrogate_value, max_size=8)).map(
        lambda t: json.dumps({"text": t[0], **t[1]}))
    jsonl = st.lists(st.one_of(jsonl_line, jsonl_line, surrogate_record), max_size=8).map("\n".join)

    # floods of blank lines and whitespace around a little text
    flood = st.tuples(st.sampled_from(FLOOD_UNITS), st.integers(1, 60_000), st.one_of(word_run, paragraph),
                      st.one_of(paragraph, st.just("")), st.sampled_from(FLOOD_UNITS)).map(
        lambda t: t[2] + t[0] * t[1] + t[3] + t[4] * (t[1] // 3))

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
        st.tuples(jsonl, st.just("utf-8")).map(_encode), st.tuples(flood, encodings).map(_encode),
        paragraph.map(lambda t: (t + "\ud800").encode("utf-8", "surrogatepass")),  # a surrogate as UTF-8 bytes
        warc, mutation, mutation, mixed, st.binary(max_size=300),
    )
    name = st.one_of(st.just(b"input"), st.just(b"input"), st.sampled_from(HOSTILE_NAMES),
                     st.binary(min_size=1, max_size=40).map(lambda b: b.replace(b"\x00", b"_").lstrip(b".") or b"_"))
    reader_input = st.tuples(reader_bytes, st.sampled_from([".html", ".txt", ".jsonl", ".warc", ".json", ".htm"]),
                             st.sampled_from([False, False, False, True]), name)

    damage = st.tuples(
        st.sampled_from(["truncate", "flip", "flip", "page", "header", "wal", "empty", "text", "none"]),
        st.floats(0.0, 1.0), st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), min_size=1,
                                      max_size=40),
        st.binary(min_size=0, max_size=4096), st.sampled_from(["search", "export", "trace", "open"]),
        st.sampled_from(["documents", "attributions", "speakers", "entities", "statements"]))
    return {"readers": reader_input, "cleaner": st.one_of(text_dump, text_dump, text_dump, flood),
            "attribution": st.one_of(attribution_text, attribution_text, attribution_text, attribution_text,
                                     flood.map(lambda t: t[:40_000])),
            "store": damage}


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
    slowest_size: int = 0  # characters (or bytes) of the slowest input's text
    results: dict[str, int] = field(default_factory=dict)  # readers: documents and one-line failures


def _size(value: Any) -> int:
    """Characters of a text input, bytes of a file's contents (a reader input's first item)."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, tuple) and value and isinstance(value[0], str | bytes):
        return len(value[0])
    return 0


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
        self._store_bytes: bytes | None = None

    def close(self) -> None:
        self.tmp.cleanup()

    def warm_up(self) -> None:
        """Load what the first input would otherwise pay for (the model, the language identifier)."""
        from ..document import Document

        text = "The mayor said on Monday that the bridge would reopen. “It is safe,” she told reporters."
        self._attribution(self._structure(Document(text + "\n\n" + text, input="<warm-up>")))
        self._base_store()

    def readers(self, value: tuple[bytes, str, bool, bytes]) -> dict[str, int]:
        from ..cli.progress import printable
        from ..readers import Failure, read_input

        data, suffix, gz, name = value
        folder = os.path.join(os.fsencode(self.tmp.name), b"in")
        shutil.rmtree(folder, ignore_errors=True)
        os.mkdir(folder)
        name = name.replace(b"/", b"\xe2\x81\x84")  # a name, not a path: "/" as U+2044 FRACTION SLASH
        path = os.path.join(folder, (name + suffix.encode() + (b".gz" if gz else b""))[-250:])
        with open(path, "wb") as f:
            f.write(gzip.compress(data) if gz else data)
        seen = {"documents": 0, "failures": 0}
        for item in read_input(os.fsdecode(path), self.settings):
            # what the command line prints of it is one line that a terminal shows as text
            shown = printable(f"{item.input}: {item.reason}" if isinstance(item, Failure) else item.input)
            assert not _TERMINAL_UNSAFE.search(shown), f"file name shown unescaped: {shown!r}"
            if isinstance(item, Failure):
                assert item.reason and "\n" not in item.reason, f"failure reason not one line: {item.reason!r}"
                seen["failures"] += 1
            else:
                # every span fits its text, and the record can be written as UTF-8 (no lone surrogate)
                json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")
                seen["documents"] += 1
        return seen

    def _base_store(self) -> bytes:
        """The bytes of a small corpus store (made once): two analysed articles, checkpointed."""
        if self._store_bytes is None:
            from ..corpus import Store
            from ..document import Document

            path = os.path.join(self.tmp.name, "base.db")
            texts = ["The mayor said on Monday that the bridge would reopen. “It is safe,” she told reporters.\n\n"
                     "Officials reportedly believe the repairs cost €5m, the Coastal Ledger reported.",
                     "“The bridge is safe,” the mayor told the Harbour Post on Tuesday.\n\nCritics said the "
                     "repairs were rushed, according to two engineers."]
            with Store(path) as store:
                for i, text in enumerate(texts):
                    doc = self._attribution(self._structure(Document(text, input=f"<store-{i}>")))
                    store.add(doc)
                store.refresh_speakers()
                store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            with open(path, "rb") as f:
                self._store_bytes = f.read()
        return self._store_bytes

    def store(self, value: tuple[str, float, list[tuple[int, int]], bytes, str, str]) -> dict[str, int]:
        """A damaged store read by a corpus command: an answer, or one line on stderr and exit 1 or 2."""
        from ..cli import main

        how, frac, flips, blob, command, what = value
        data = bytearray(self._base_store())
        folder = os.path.join(self.tmp.name, "store")
        shutil.rmtree(folder, ignore_errors=True)
        os.mkdir(folder)
        db = os.path.join(folder, "corpus.db")
        if how == "truncate":
            data = data[:int(len(data) * frac)]
        elif how == "flip":
            skip = 100 if frac < 0.5 else 0  # half the time the header stays whole, so SQLite reads further
            for pos, byte in flips:
                data[skip + pos % (len(data) - skip)] = byte
        elif how == "page":
            page = 4096
            at = page * int(frac * (len(data) // page))
            data[at:at + page] = (blob * (page // max(len(blob), 1) + 1))[:page] if blob else bytes(page)
        elif how == "header":
            for pos, byte in flips:
                data[pos % 100] = byte
        elif how == "wal":
            with open(db + "-wal", "wb") as f:  # a write-ahead log that is garbage, or a valid header and garbage
                f.write((b"\x37\x7f\x06\x82\x00\x2d\xe2\x18" if frac < 0.5 else b"") + blob)
        elif how == "empty":
            data = bytearray()
        elif how == "text":
            data = bytearray(blob or b"not a database")
        with open(db, "wb") as f:
            f.write(data)
        argv = {"search": ["search", "bridge", "--db", db], "trace": ["trace", "", "--db", db],
                "export": ["export", "--db", db, "--what", what, "--format", "jsonl"],
                "open": ["search", "", "--db", db, "--format", "json", "--anonymous"]}[command]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
        lines = err.getvalue().splitlines()
        if code:
            assert len(lines) == 1 and lines[0].startswith("reportedly: "), f"exit {code} with stderr {lines[:3]!r}"
        return {"answered": int(code == 0), "refused": int(code != 0)}

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
                out.over_budget.append({"input": _show(value), "size": _size(value)})
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
                out.slowest, out.slowest_size = (dt, _show(value, 120)), _size(value)
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
                   help="inputs per target (default: 3,500 readers, 2,500 cleaner, 2,000 attribution, 2,000 store)")
    p.add_argument("--target", action="append", choices=list(DEFAULT_EXAMPLES),
                   help="only this target (repeatable; default: all four)")
    p.add_argument("--seed", type=int, default=None,
                   help="random seed (default: Hypothesis's fixed derandomised sequence, the same every run)")
    p.add_argument("--budget", type=float, default=10.0, metavar="SECONDS", help="time budget per input (default 10)")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.add_argument("--save-run", type=Path, metavar="FILE",
                   help="also write the figures, command and machine to FILE as JSON (bench figures reads it)")
    args = p.parse_args(argv)
    try:
        import hypothesis  # noqa: F401
    except ImportError:
        print("reportedly.bench fuzz: needs Hypothesis (pip install -e '.[dev]')", file=sys.stderr)
        return 2
    from .runs import Run

    run = Run("fuzz", list(sys.argv[1:] if argv is None else argv)) if args.save_run else None
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
    slowest = max(((o.slowest[0], o.target, o.slowest[1], o.slowest_size) for o in outcomes),
                  default=(0.0, "", "", 0))
    figures = {"inputs": total, "uncaught_exceptions": len(errors), "over_budget": len(over),
               "budget_s": args.budget, "seconds": round(wall, 1), "seed": args.seed,
               "targets": {o.target: {"inputs": o.count, "seconds": round(o.seconds, 1),
                                      "slowest_s": round(o.slowest[0], 3), **o.results} for o in outcomes},
               "slowest": {"seconds": round(slowest[0], 3), "target": slowest[1], "input": slowest[2],
                           "size": slowest[3]},
               "errors": errors, "over_budget_inputs": over}
    if run is not None and args.save_run is not None:
        run.figures.update(figures)
        run.save(args.save_run)
    if args.json:
        json.dump(figures, sys.stdout, ensure_ascii=False, indent=1)
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
