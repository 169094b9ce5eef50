"""The benchmark tables of README.md and docs/, rendered from committed runs.

    python -m reportedly.bench figures            # print every block as it would be written
    python -m reportedly.bench figures --check    # exit 1 and name each block that differs
    python -m reportedly.bench figures --write    # rewrite the blocks in place

A benchmark run with ``--save-run FILE`` writes its figures to a small JSON file: the machine
(processor model, cores, the AVX2 / AVX-512 / VNNI flags, the load average at the start and the
end), the command, the date, the package version and what it measured. The runs that feed the
documents are committed under ``bench/results/``. Each table in the documents sits between
``<!-- figures:NAME -->`` and ``<!-- /figures -->``; this module renders every such block from
those runs, so a figure changes only by re-running its benchmark and rewriting the blocks, in the
same commit. Rows measured outside any benchmark (an earlier release, the rules alone) come from
``bench/results/reference.json``, each with the note of where it comes from.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .runs import (
    RESULTS,
    ROOT,
    _commits,
    _each,
    _f3,
    _loads,
    _same_quality,
    _span,
    _table,
    _where,
    reference,
    runs,
)

#: The documents that hold figure blocks.
DOCUMENTS = ("README.md", "docs/attribution.md", "docs/extraction.md", "docs/scale.md")

#: A block: the opening marker alone on its line (a table and its note follow), or inline in a
#: paragraph (a phrase follows on the same line). A marker quoted in backticks is no block.
_BLOCK = re.compile(r"(?<!`)(<!-- figures:([\w-]+) -->(\n?))(.*?)(<!-- /figures -->)", re.S)


# -- extraction -------------------------------------------------------------------------------------
_EXTRACTORS = {"all text": "all of the text", "jusText over lines": "jusText over the lines",
               "trafilatura over lines": "trafilatura over the lines"}


def _extraction_quality(run: dict[str, Any]) -> Any:
    f = run["figures"]
    return ([(r["mode"], r["extractor"], r["f1"], r["precision"], r["recall"]) for r in f["rows"]],
            f.get("metadata"), f.get("split"))


def _metadata_text(meta: dict[str, Any]) -> str:
    def share(mode: str, k: str, fmt: str = "{:.2f}") -> str:
        c, n = meta[mode][k]
        return f"{fmt.format(c / n)} ({c}/{n})"

    return (f"HTML: authors {share('html', 'authors')}, titles {share('html', 'title')}, dates "
            f"{share('html', 'date')}, to the minute with zone {share('html', 'time')}; text dumps: authors "
            f"{share('text', 'authors')}, titles {share('text', 'title')}, dates {share('text', 'date')}")


def extraction_table() -> str:
    rs = runs("extraction")
    run = rs[-1]
    rows = []
    for mode in ("text", "html"):
        got = [r for r in run["figures"]["rows"] if r["mode"] == mode]
        got.sort(key=lambda r: (r["extractor"] != "reportedly", -r["f1"]))
        for r in got:
            ours = r["extractor"] == "reportedly"
            timed = [r2 for x in rs for r2 in x["figures"]["rows"]
                     if r2["mode"] == mode and r2["extractor"] == r["extractor"] and r2["pages_per_s"] is not None
                     and r2["ms_per_page"] >= 0.1]
            bold = (lambda v: f"**{v}**") if ours else (lambda v: v)
            rows.append(["text dump" if mode == "text" else "HTML",
                         bold("reportedly") if ours else _EXTRACTORS.get(r["extractor"], r["extractor"]),
                         bold(_f3(r["f1"])), _f3(r["precision"]), _f3(r["recall"]),
                         _span((t["ms_per_page"] for t in timed), "{:.1f}") if timed else "–",
                         _span((t["pages_per_s"] for t in timed), "{:.0f}") if timed else "–",
                         _span((t["cpu_pages_per_s"] for t in timed), "{:.0f}") if timed else "–"])
    f = run["figures"]
    mem = f["peak_rss_mb"]
    lines = _table(["mode", "extractor", "F1", "P", "R", "ms/page", "pages/s", "pages/s (CPU time)"], rows)
    note = (f"{f['pages']} pages, best of {f['repeat']} passes, the process pinned to one core. " + _where(rs)
            + f" Peak resident memory of the benchmark process: {mem['after reportedly html']:.0f} MB after the "
            f"text and HTML modes (the language detector's model included; before any peer is loaded).")
    if "metadata" in f:
        note += (f" Authors, titles and dates against the gold set of {f['metadata']['html']['authors'][1]} dev "
                 f"pages read by hand (`--metadata {f['metadata']['gold']}`): " + _metadata_text(f["metadata"]) + ".")
    if "split" in f:
        note += (" The two fixed halves of the pages (`--split`): text dumps " + " / ".join(
            _f3(f["split"]["text"][h]) for h in "AB") + ", HTML " + " / ".join(_f3(f["split"]["html"][h]) for h in "AB")
            + ".")
    return "\n".join([*lines, "", note])


def extraction_summary() -> str:
    """docs/extraction.md's summary: body F1, metadata, titles, text-mode speed."""
    rs, titles = runs("extraction"), runs("titles")[-1]
    f = rs[-1]["figures"]
    ours = {r["mode"]: r for r in f["rows"] if r["extractor"] == "reportedly"}
    cmd = f"`{rs[-1]['command']}`"
    rows = [
        ["body F1, text dumps (bar 0.94)", f"**{_f3(ours['text']['f1'])}** (P {_f3(ours['text']['precision'])}, "
         f"R {_f3(ours['text']['recall'])})", cmd + " (`text reportedly` row)"],
        ["body F1, HTML (bar 0.975)", f"**{_f3(ours['html']['f1'])}** (P {_f3(ours['html']['precision'])}, "
         f"R {_f3(ours['html']['recall'])})", "the same run (`html reportedly` row)"],
    ]
    if "metadata" in f:
        rows.append(["authors, titles, dates (gold set)", _metadata_text(f["metadata"]), "the same run"])
    t = titles["figures"]["titles"]
    rows.append(["titles of PolNeAR dev's plain texts", f"**{t['titled']} of {t['texts']}**", f"`{titles['command']}`"])
    cpu = [r["cpu_pages_per_s"] for x in rs for r in x["figures"]["rows"]
           if r["mode"] == "text" and r["extractor"] == "reportedly"]
    rows.append(["text pages/s on one core, from CPU time (bar 200)",
                 f"**{_span(cpu, '{:.0f}')}** (best of {f['repeat']}; load average {_span(_loads(rs))})",
                 "the body F1 run (`text reportedly` row)"])
    return "\n".join([*_table(["what", "figure", "command"], rows), "", _where(rs)])




# -- attribution ------------------------------------------------------------------------------------
_TOOLS = {"reportedly": "**reportedly** (MiniLM tagger + rules)",
          "reportedly fast": "reportedly `--model fast` (3-layer distilled tagger + rules)",
          "textacy+spaCy": "textacy direct quotations + spaCy"}
_SPEED_TOOLS = {"reportedly": "reportedly (default tagger {v})", "reportedly fast": "reportedly `--model fast` ({v})",
                "textacy+spaCy": "textacy + spaCy"}
_ROLES = ("span/source", "span/cue", "span/content", "relation")


def _tools(run: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["tool"]: t for t in run["figures"]["tools"]}


def _attribution_quality(run: dict[str, Any]) -> Any:
    return {name: (t.get("scores"), t.get("speakers")) for name, t in _tools(run).items()}


def _per_tool(rs: list[dict[str, Any]], tool: str, key: str) -> list[float]:
    return [_tools(r)[tool][key] for r in rs if tool in _tools(r)]


def _ratios(rs: list[dict[str, Any]], tool: str, key: str) -> list[float]:
    """textacy's time over the tool's, run by run."""
    return [_tools(r)["textacy+spaCy"][key] / _tools(r)[tool][key] for r in rs
            if tool in _tools(r) and "textacy+spaCy" in _tools(r)]


def _ratio_sentence(rs: list[dict[str, Any]]) -> str:
    """The speed of each tagger against textacy's, per core and on the wall clock, over the runs."""
    tools, cores = _tools(rs[-1]), rs[-1]["figures"]["cores"]
    if "reportedly" not in tools or "textacy+spaCy" not in tools:
        return ""
    fast = "reportedly fast" in tools
    out = (f" **Per core** (processor seconds, the price of a corpus) the default tagger runs at "
           f"{_span(_ratios(rs, 'reportedly', 'cpu_s'))}× textacy's throughput")
    out += f" and `--model fast` at {_span(_ratios(rs, 'reportedly fast', 'cpu_s'))}×" if fast else ""
    out += f"; wall clock on {cores} cores, {_span(_ratios(rs, 'reportedly', 'wall_s'))}×"
    out += f" and {_span(_ratios(rs, 'reportedly fast', 'wall_s'))}×" if fast else ""
    return out + "."


def attribution_table() -> str:
    rs = runs("attribution")
    tools, ref = _tools(rs[-1]), reference()
    rows = []
    for name, label in _TOOLS.items():
        if name not in tools:
            continue
        t = tools[name]
        ours = name == "reportedly"
        cell = (lambda v: f"**{v}**") if ours else (lambda v: v)
        sp = t.get("speakers")
        rows.append([label, *(cell(_f3(t["scores"][k]["f1"])) for k in _ROLES),
                     cell(_f3(sp["accuracy"]["all"]["accuracy"])) if sp else "",
                     _span(_per_tool(rs, name, "cpu_s_per_article")),
                     _span(_per_tool(rs, name, "peak_rss_mb"), "{:.0f}", unit=" MB")])
    rules = ref["rules alone"]
    rows.append([rules["label"], *(_f3(rules[k]) for k in ("source", "cue", "content", "relation")), "", "", ""])
    f = rs[-1]["figures"]
    note = (f"All run in a fresh process on all {f['articles']} articles, model loading included, with the same "
            f"{f['cores']} cores each (spaCy with `n_process={f['cores']}`). " + _where(rs))
    note += _ratio_sentence(rs) + f" The rules-alone row: {rules['note']}"
    return "\n".join([*_table(["system", "source", "cue", "content", "relation", "speaker accuracy",
                               "CPU s per article", "peak RSS"], rows), "", note])


def _kinds_line(sp: dict[str, Any]) -> str:
    from ..evaluation.speakers import KINDS

    acc = sp["accuracy"]
    return ", ".join(f"{k} {_f3(acc[k]['accuracy'])} (of {acc[k]['matched']:,})" for k in KINDS[2:] if k in acc)


def who_said_what_table() -> str:
    rs = runs("attribution")
    run, first = rs[-1], reference()["first release"]
    sp = _tools(run)["reportedly"]["speakers"]
    acc = sp["accuracy"]
    rows = [[f"**reportedly** (entity layer, {run['version']})", f"**{' / '.join(_f3(sp[k]) for k in 'p r f1'.split())}**",
             f"**{_f3(acc['all']['accuracy'])}**", f"**{_f3(acc['needs resolution']['accuracy'])}**"],
            [first["label"], " / ".join(_f3(x) for x in first["who_said_what"]), _f3(first["accuracy"]["all"]),
             _f3(first["accuracy"]["needs resolution"])]]
    note = (f"By kind of speaker ({sp['accuracy']['all']['matched']:,} attributions found and matched to a gold "
            f"one; `reportedly eval polnear` prints these too): {_kinds_line(sp)}. From `bench/results/{run['file']}` "
            f"(`{run['command']}`); the first release's row: {first['note']}")
    return "\n".join([*_table(["", "who-said-what P / R / F1", "speaker accuracy",
                               "needs resolution (pronouns, surnames, descriptions)"], rows), "", note])


def speaker_kinds_table() -> str:
    """docs/attribution.md: who said what, the first release beside now, per kind of speaker."""
    from ..evaluation.speakers import KINDS

    run, first = runs("attribution")[-1], reference()["first release"]
    sp = _tools(run)["reportedly"]["speakers"]
    acc = sp["accuracy"]
    rows = [["who-said-what P / R / F1", " / ".join(_f3(x) for x in first["who_said_what"]),
             f"**{' / '.join(_f3(sp[k]) for k in 'p r f1'.split())}**"],
            ["speaker accuracy, all", _f3(first["accuracy"]["all"]), f"**{_f3(acc['all']['accuracy'])}**"],
            ["needs resolution (pronouns, surnames, descriptions)", _f3(first["accuracy"]["needs resolution"]),
             f"**{_f3(acc['needs resolution']['accuracy'])}**"]]
    rows += [[k, _f3(first["accuracy"][k]) if k in first["accuracy"] else "", _f3(acc[k]["accuracy"])]
             for k in KINDS[2:] if k in acc]
    note = (f"Now: release {run['version']}, `bench/results/{run['file']}` (`{run['command']}`); "
            f"first release: {first['note']}")
    return "\n".join([*_table(["metric", "first release", "now"], rows), "", note])


def attribution_metrics_table() -> str:
    """docs/attribution.md: every metric of the default tagger, P / R / F1."""
    run = runs("attribution")[-1]
    scores = _tools(run)["reportedly"]["scores"]
    order = [f"{kind}/{r}" for kind in ("span", "token") for r in ("source", "cue", "content")]
    order += ["relation", "content-exact"]
    rows = [[k, _f3(scores[k]["p"]), _f3(scores[k]["r"]), _f3(scores[k]["f1"])] for k in order if k in scores]
    note = f"Release {run['version']}, default tagger: `bench/results/{run['file']}` (`{run['command']}`)."
    return "\n".join([*_table(["metric", "P", "R", "F1"], rows), "", note])


def attribution_speed_table() -> str:
    """docs/attribution.md: each tool's processor and wall time, memory and quality, run by run."""
    rs = runs("attribution")
    tools, before = _tools(rs[-1]), reference()["tagger 0.1.1"]
    rows = []
    for name, label in _SPEED_TOOLS.items():
        if name not in tools:
            continue
        t = tools[name]
        rows.append([label.format(v=rs[-1]["version"]), _each(_per_tool(rs, name, "cpu_s")),
                     _each(_per_tool(rs, name, "cpu_s_per_article"), "{:.2f}"),
                     _each(_per_tool(rs, name, "wall_s")), _span(_per_tool(rs, name, "peak_rss_mb"), "{:.0f}",
                                                                   unit=" MB"),
                     *(_f3(t["scores"][k]["f1"]) for k in _ROLES)])
        if name == "reportedly fast":
            rows.append([before["label"], before["cpu_s"], before["cpu_s_per_article"], before["wall_s"],
                         before["peak_rss"], *(_f3(before[k]) for k in ("source", "cue", "content", "relation"))])
    cores = rs[-1]["figures"]["cores"]
    note = _where(rs) + _ratio_sentence(rs) + f" The 0.1.1 row: {before['note']}"
    return "\n".join([*_table(["tool", "CPU s", "CPU s / article", f"wall s ({cores} cores)", "peak RSS", "source",
                               "cue", "content", "relation"], rows), "", note])


# -- API checks -------------------------------------------------------------------------------------
def api_phrase() -> str:
    """README's API paragraph: operations, test cases and failures of the committed schemathesis run."""
    run = runs("api")[-1]
    f = run["figures"]
    ops, cases, checks = f["operations"], f["test_cases"], f["checks"]
    failures = sum(c["failures"] for c in checks.values())
    told = f"**{failures} failures** over the {len(checks)} checks" if failures else \
        f"**0 failures** in each of the {len(checks)} checks"
    return (f"{ops.get('tested', 0)} of {ops.get('total', 0)} operations, {cases.get('generated', 0):,} test cases, "
            f"{told} (`bench/results/{run['file']}`, {run['date'][:10]}, release {run['version']})")


# -- record digests -------------------------------------------------------------------------------
def digest_table() -> str:
    """docs/attribution.md §7: per machine, the digest of the records of the examples and the seed, and
    of PolNeAR dev."""
    small, dev = runs("digest-examples-seed"), runs("digest-dev")

    def machine_of(r: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
        return r["machine"]["cpu"], tuple(r["machine"]["flags"])

    rows, seen = [], set()
    for r in reversed(small):  # the latest run of each machine
        if machine_of(r) in seen:
            continue
        seen.add(machine_of(r))
        d = next((x for x in reversed(dev) if machine_of(x) == machine_of(r)), None)
        rows.append([f"{r['machine']['cpu']} ({r['date'][:10]}, release {r['version']}{_commits([r])})", " ".join(r["machine"]["flags"]),
                     f"`{r['figures']['all'][:16]}`", f"`{d['figures']['all'][:16]}`" if d else "not run"])
    files = ", ".join(f"`bench/results/{r['file']}`" for r in [*small, *dev])
    note = (f"From {files}: `{small[-1]['command']}` and `{dev[-1]['command']}`; each digest is the first 16 hex "
            "digits of the SHA-256 over the inputs' digests.")
    return "\n".join([*_table(["machine", "flags", "examples + seed digest",
                               f"dev ({dev[-1]['figures']['inputs']} articles) digest"], rows), "", note])


# -- memory of refused inputs, the corpus load, fuzzing --------------------------------------------
def _run_of(run: dict[str, Any]) -> str:
    """"`bench/results/F.json`, DATE, release V, commit C, load average A–B": where one run's figures come from."""
    m = run["machine"]
    return (f"`bench/results/{run['file']}`, {run['date'][:10]}, release {run['version']}{_commits([run])}, "
            f"{m['cpu']} with {m['cores']} cores, one-minute load average {_span(_loads([run]))}")


def memory_table() -> str:
    """README: peak resident memory of ``reportedly analyze`` handed a file over the size limit."""
    run = runs("memory")[-1]
    f = run["figures"]
    labels = {"refused": "(on disk: refused from its size)",
              "refused and one analysed": "(full pipeline on the good one)",
              "pipe": "(size unknown: at most the limit plus one byte is read)",
              "gzip": "(size unknown: at most the limit plus one byte is read)"}
    big = f"{f['big_bytes'] / 1e6:.0f} MB"
    rows = [[f"`{r['command'].replace('|', chr(92) + '|')}` {labels.get(r['case'], '')}".strip(),
             f"{r['peak_rss_mb']:.0f} MB", str(r.get("records", "")), str(r["exit"])] for r in f["rows"]]
    note = (f"big.txt is {big} of text ({f['gz_bytes'] / 1e6:.2f} MB gzipped); each command runs in a fresh process "
            f"and writes its refusal on stderr (exit status 1: an input failed); peak measured as "
            f"{f['measured_with']}. From {_run_of(run)} (`{run['command']}`).")
    return "\n".join([*_table(["command", "peak RSS", "records written", "exit status"], rows), "", note])


def corpus_phrase() -> str:
    """README's corpus paragraph: ingest rate and search latency of the committed load run."""
    run = runs("load")[-1]
    f = run["figures"]
    i, q = f["ingest"], f["search"]
    return (f"{i['articles']:,} articles ingested at {i['articles_per_s']:.2f} articles/s ({i['stored']:,} stored, "
            f"{i['failed']} failed, {i['attributions']:,} attributions; the analysis is {i['analysis_s'] / (i['analysis_s'] + i['storage_s'] + i['speakers_s']):.0%} "
            f"of it, storage runs at {i['storage_articles_per_s']:.0f} articles/s), then {q['requests']:,} searches from "
            f"{q['clients']} concurrent clients: median {q['median_ms']:.1f} ms and p95 {q['p95_ms']:.1f} ms (targets "
            f"{q['target_median_ms']:.0f} ms and {q['target_p95_ms']:.0f} ms), {q['errors']} errors, "
            f"{q['server_cpu_ms_per_request']:.2f} ms of server processor time per request ({_run_of(run)}; "
            f"the latencies follow the load)")


def fuzz_phrase() -> str:
    """README's fuzzing paragraph: what the committed fuzz run fed and found."""
    run = runs("fuzz")[-1]
    f = run["figures"]
    t = f["targets"]
    per = ", ".join(f"{t[k]['inputs']:,} {k}" for k in t)
    slow = f["slowest"]
    found = (f"**{f['uncaught_exceptions']} uncaught exceptions, {f['over_budget']} over the budget**")
    out = (f"{f['inputs']:,} inputs ({per}; `{run['command']}`) in {f['seconds']:.0f} s, {found} "
           f"(slowest {slow['seconds']:.1f} s, a{'n' if slow['target'][:1] in 'aeiou' else ''} {slow['target']} input "
           f"of {slow['size']:,} {'bytes' if slow['target'] == 'readers' else 'characters'})")
    if "readers" in t:
        out += f"; the readers gave {t['readers'].get('documents', 0):,} documents and {t['readers'].get('failures', 0):,} one-line failures"
    if "store" in t:
        out += (f", the damaged stores {t['store'].get('answered', 0):,} answers and {t['store'].get('refused', 0):,} "
                "one-line refusals")
    over = f.get("over_budget_inputs") or []
    if over:
        # the size the run recorded, else the length its cut-short repr names (quotes and escapes included)
        sizes = []
        for o in over:
            m = re.search(r"\(([\d,]+) chars\)$", o["input"])
            if "size" in o:
                sizes.append(o["size"])
            elif m is not None:
                sizes.append(round(int(m.group(1).replace(",", "")), -2))
        about = "" if all("size" in o for o in over) else "about "
        kinds = sorted({o["target"] for o in over})
        out += (f"; over the {f['budget_s']:g} s budget, which is wall clock: {len(over)} {' and '.join(kinds)} "
                f"input{'s' if len(over) > 1 else ''}" + (f" of {about}{_span(sizes, '{:,}', sep=' to ')} characters"
                                                          if len(sizes) == len(over) else ""))
    return out + f" ({_run_of(run)})"


# -- the corpus at scale --------------------------------------------------------------------------
_SCALE_QUERIES = (("search, one word (p50 / p95)", "search: one word", "p95 < 100 ms"),
                  ("search, a phrase", "search: phrase", "p95 < 100 ms"),
                  ("search, a rare name", "search: rare name", "p95 < 100 ms"),
                  ("search `--speaker` (20 most quoted)", "search: --speaker (top 20)", "p95 < 100 ms"),
                  ("search, a word `--speaker`", "search: word --speaker", "p95 < 100 ms"),
                  ("search `--outlet`", "search: --outlet", "p95 < 100 ms"),
                  ("search, a word `--outlet`", "search: word --outlet", "p95 < 100 ms"),
                  ("speaker page, any speaker", "speaker page (any speaker)", ""),
                  ("speaker page, the 20 most quoted", "speaker page (top 20)", ""),
                  ("outlet page", "outlet page", ""),
                  ("`trace` query", "trace query", ""))


def scale_table() -> str:
    """docs/scale.md: the corpus at each size of the committed scale run (10,000 to 1,000,000 documents)."""
    run = runs("scale")[-1]
    sizes = sorted(int(n) for n in run["figures"]["sizes"])

    def ms(q: dict[str, Any]) -> str:
        stopped = f" ({q['stopped']} of {q['n']} stopped at the time budget)" if q.get("stopped") else ""
        return f"{q['p50_ms']:,.0f} / {q['p95_ms']:,.0f} ms{stopped}"

    def column(n: int) -> list[str]:
        f = run["figures"]["sizes"][str(n)]
        ld, ing = f["load"], f["ingest"]
        main_cpu = ld["cpu_s"] - ld["helper_cpu_s"]
        return [f"{f['dataset_bytes'] / 1e6:,.0f} MB, {f['dataset_bytes'] / n / 1024:.1f} KB per document",
                f"{ld['wall_s']:.1f} s, {ld['documents_per_s']:.0f} documents/s",
                f"{1000 * ld['cpu_s'] / n:.1f} ms (loader {1000 * main_cpu / n:.1f}, statements "
                f"{1000 * ld['helper_cpu_s'] / n:.1f})",
                f"about {n / max(main_cpu, ld['helper_cpu_s'], 1e-9):.0f}",
                f"{ld['store_bytes'] / 1e6:,.0f} MB, {ld['store_bytes'] / n / 1024:.1f} KB per document",
                f"{ing['cpu_ms']:.1f} ms",
                *(ms(f["queries"][key]) for _, key, _ in _SCALE_QUERIES),
                f"{f['export']['attribution_rows_per_s']:,.0f} rows/s"]

    first = run["figures"]["sizes"][str(sizes[0])]
    ing = first["ingest"]
    labels = [("Parquet dataset", ""), ("`load`: wall clock (machine shared)", "≥ 300/s"),
              ("`load`: processor time per document, both processes", "flat"),
              ("`load`: documents/s on two free cores (documents ÷ the busier process's processor time)", "≥ 300/s"),
              ("store size", "was 49 KB"), (f"`ingest` of {ing['documents']} more documents, processor time per document",
                                            "flat"),
              *((label, target) for label, _, target in _SCALE_QUERIES), ("export of attributions as CSV", "")]
    columns = [column(n) for n in sizes]
    rows = [[label, *(c[k] for c in columns), target] for k, (label, target) in enumerate(labels)]
    analysed = run["figures"].get("analysed")
    records = (f"{analysed['articles']} PolNeAR articles analysed by the run itself ({analysed['s_per_article']:.2f} s "
               "each)") if analysed else f"{run['figures'].get('records')} analysed articles"
    made = ("the datasets reused from an earlier run (`--reuse`)" if first["dataset_made"] == "reused"
            else f"the dataset written {first['dataset_made']} in {first['dataset_s']:.0f} s")
    probes = ", ".join(f"{run['figures']['sizes'][str(n)]['ingest']['wall_ms']:.1f} ms" for n in sizes)
    note = (f"Every column: {_run_of(run)} (`{run['command']}`; records: {records}; {made}; the ingest probe "
            f"{probes} wall clock per document). The machine was shared, so compare processor times, not wall "
            "clock.")
    return "\n".join([*_table(["", *(f"{n:,} documents" for n in sizes), "target"], rows), "", note])


#: Every block a document may hold: ``<!-- figures:NAME -->`` → what renders it, and the runs it reads
#: (whose quality figures must agree).
BLOCKS: dict[str, Callable[[], str]] = {
    "extraction": extraction_table,
    "extraction-summary": extraction_summary,
    "attribution": attribution_table,
    "who-said-what": who_said_what_table,
    "speaker-kinds": speaker_kinds_table,
    "attribution-metrics": attribution_metrics_table,
    "attribution-speed": attribution_speed_table,
    "api": api_phrase,
    "digests": digest_table,
    "memory": memory_table,
    "corpus": corpus_phrase,
    "fuzz": fuzz_phrase,
    "scale": scale_table,
}
_QUALITY: dict[str, Callable[[dict[str, Any]], Any]] = {
    "extraction": _extraction_quality, "attribution": _attribution_quality,
    "api": lambda r: (r["figures"]["operations"], r["figures"]["test_cases"], r["figures"]["checks"]),
    # the same records on every machine (docs/attribution.md §7): a run elsewhere must give the same digests
    "digest-examples-seed": lambda r: r["figures"]["digests"], "digest-dev": lambda r: r["figures"]["digests"]}


# -- the documents --------------------------------------------------------------------------------
def blocks(text: str) -> list[tuple[str, str]]:
    """``(name, content)`` of every figure block in ``text``, in order."""
    return [(m.group(2), m.group(4)) for m in _BLOCK.finditer(text)]


def render(text: str, where: str = "") -> str:
    """``text`` with every figure block rendered afresh from the committed runs."""
    def one(m: re.Match[str]) -> str:
        name = m.group(2)
        if name not in BLOCKS:
            raise LookupError(f"{where}: unknown figure block {name!r}; known: {', '.join(BLOCKS)}")
        fresh = BLOCKS[name]().strip()
        if not m.group(3):  # inline: one phrase, no line breaks
            return f"{m.group(1)}{' '.join(fresh.split())}{m.group(5)}"
        return f"{m.group(1)}\n{fresh}\n\n{m.group(5)}"

    return _BLOCK.sub(one, text)


def differences(root: Path = ROOT) -> list[str]:
    """One line for each block of the documents that differs from what the runs render, and for
    each committed run whose quality figures differ from the latest run of its benchmark."""
    out = []
    for doc in DOCUMENTS:
        text = (root / doc).read_text("utf-8")
        fresh = dict(blocks(render(text, doc)))
        for name, content in blocks(text):
            if content != fresh[name]:
                out.append(f"{doc}: block {name!r} differs from what the committed runs render")
    for stem, key in _QUALITY.items():
        try:
            committed = runs(stem, root / "bench" / "results")
        except LookupError:  # no block reads it, or the blocks above already said so
            continue
        out += [f"bench/results/{f}: quality figures differ from the latest {stem} run"
                for f in _same_quality(committed, key)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reportedly.bench figures", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite the figure blocks of the documents in place")
    mode.add_argument("--check", action="store_true",
                      help="exit 1 and name each block that differs from what the committed runs render")
    args = ap.parse_args(argv)
    if not (ROOT / "README.md").is_file() or not RESULTS.is_dir():
        print(f"reportedly.bench figures: {ROOT} is not a checkout with README.md and bench/results/ "
              "(the figures live in the repository, not in an installed package)", file=sys.stderr)
        return 2
    try:
        return _main(args)
    except LookupError as exc:  # a block no renderer knows, a run not committed
        print(f"reportedly.bench figures: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2


def _main(args: argparse.Namespace) -> int:
    if args.check:
        diffs = differences()
        for line in diffs:
            print(line)
        if not diffs:
            print(f"figures: every block of {', '.join(DOCUMENTS)} matches bench/results/")
        return 1 if diffs else 0
    for doc in DOCUMENTS:
        path = ROOT / doc
        text = path.read_text("utf-8")
        fresh = render(text, doc)
        if args.write:
            if fresh != text:
                path.write_text(fresh, "utf-8")
                old = dict(blocks(text))
                print(f"figures: rewrote {', '.join(n for n, c in blocks(fresh) if old.get(n) != c)} in {doc}")
        else:
            for name, content in blocks(fresh):
                print(f"<!-- figures:{name} --> ({doc})\n{content}")
    return 0
