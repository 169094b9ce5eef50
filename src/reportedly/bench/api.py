"""API conformance benchmark: schemathesis against the live server's OpenAPI document.

    python -m reportedly.bench api                          # the bundled examples, 100 cases per operation
    python -m reportedly.bench api --max-examples 20 --seed 1 --json
    python -m reportedly.bench api --db corpus.db           # a store of your own

1. **Store.** ``reportedly ingest examples/`` (the real pipeline) into a temporary store, unless
   ``--db`` names one.
2. **Serve.** ``reportedly serve`` in a child process on a free loopback port.
3. **Check.** schemathesis (``st run``, the ``dev`` extra installs it) reads ``/openapi.json`` and
   runs every phase (examples, coverage, fuzzing, stateful) with every check (``--checks all``:
   no server errors, status codes, content types, headers and bodies as documented, invalid input
   rejected, valid input accepted, …). The path parameters are given identifiers the store holds
   (a document, an outlet, a speaker, a statement) so that generated requests reach past 404.

It prints the schemathesis command, the operations tested, the test cases generated, and for each
check the test cases it judged and how many failed, then each failure found (operation, check,
what went wrong); exit status 1 when a check failed. Figures only: it never asserts a timing.
"""

from __future__ import annotations

import argparse
import collections
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _examples() -> Path:
    return Path(__file__).resolve().parents[3] / "examples"


def build_store(db: Path, source: Path) -> None:
    """``reportedly ingest SOURCE --db DB`` in this process (exit 1 only means some input failed)."""
    from ..cli import main

    code = main(["ingest", str(source), "--db", str(db), "--no-progress"])
    if code not in (0, 1) or not db.exists():
        raise SystemExit(f"reportedly.bench api: could not build a store from {source}")


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``reportedly serve`` on 127.0.0.1:PORT, returned once it answers /openapi.json."""
    code = "import sys; from reportedly.cli import main; sys.exit(main())"
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            said = proc.stderr.read().decode(errors="replace")[-500:] if proc.stderr else ""
            raise SystemExit(f"reportedly.bench api: the server exited: {said}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("reportedly.bench api: the server did not start within 60 s")


def path_values(db: Path) -> dict[str, str | int]:
    """Identifiers the store holds, for the path parameters of the API's operations."""
    from ..corpus import Store

    out: dict[str, str | int] = {}
    with Store(db, readonly=True) as s:
        docs = s.documents(limit=1)
        if docs:
            out["path.doc_id"] = docs[0]["id"]
        outlets = s.outlets()
        if outlets:
            out["path.name"] = outlets[0]["outlet"]
        speakers = s.speakers(limit=1)
        if speakers:
            out["path.speaker_id"] = speakers[0]["id"]
        statements = s.trace("", limit=1)
        if statements:
            out["path.statement_id"] = int(statements[0]["id"])
    return out


def _toml(values: dict[str, str | int]) -> str:
    lines = ["[parameters]"]
    lines += [f"{json.dumps(k)} = {json.dumps(v, ensure_ascii=False)}" for k, v in values.items()]
    return "\n".join(lines) + "\n"


def schemathesis_command(url: str, config: Path, reports: Path, args: argparse.Namespace) -> list[str]:
    cmd = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run", url, "--checks", "all",
           "--max-examples", str(args.max_examples), "--workers", str(args.workers), "--no-color",
           "--generation-database", "none", "--report", "json,ndjson", "--report-dir", str(reports)]
    if args.seed is not None:
        cmd += ["--seed", str(args.seed)]
    return cmd


def _body(response: dict[str, Any]) -> str:
    import base64

    content = response.get("content") or {}
    raw = base64.b64decode(content["$base64"]) if "$base64" in content else str(content.get("string", "")).encode()
    return raw[:300].decode("utf-8", "replace")


def read_reports(reports: Path) -> dict[str, Any]:
    """The figures of one run: operations, test cases, and per check the cases judged and failed."""
    summary_file = next(iter(sorted(reports.glob("json-*.json"))), None)
    events_file = next(iter(sorted(reports.glob("ndjson-*.ndjson"))), None)
    if summary_file is None or events_file is None:
        raise SystemExit(f"reportedly.bench api: schemathesis wrote no report in {reports}")
    summary = json.loads(summary_file.read_text("utf-8"))
    found: list[dict[str, Any]] = []
    judged: collections.Counter[str] = collections.Counter()
    failed: collections.Counter[str] = collections.Counter()
    with open(events_file, encoding="utf-8") as f:
        for line in f:
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if not finished:
                continue
            recorder = finished.get("recorder", {})
            for case_id, results in (recorder.get("checks") or {}).items():
                for check in results:
                    judged[check["name"]] += 1
                    if check.get("status") != "success":
                        failed[check["name"]] += 1
                        seen = (recorder.get("interactions") or {}).get(case_id) or {}
                        request, response = seen.get("request") or {}, seen.get("response") or {}
                        if len(found) < 50:
                            found.append({"check": check["name"], "operation": recorder.get("label"),
                                          "request": f"{request.get('method', '?')} {request.get('uri', '?')}",
                                          "status": response.get("status_code"), "body": _body(response)})
    return {"operations": summary.get("operations", {}), "test_cases": summary.get("test_cases", {}),
            "phases": {k: v.get("status") for k, v in (summary.get("phases") or {}).items()},
            "checks": {name: {"cases": judged[name], "failures": failed[name]} for name in sorted(judged)},
            "failures": found, "unique_failures": summary.get("failures") or [],
            "errors": summary.get("errors") or [],
            "warnings": {k: v for k, v in (summary.get("warnings") or {}).items() if v},
            "seconds": round(float(summary.get("running_time") or 0.0), 1), "seed": summary.get("seed")}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m reportedly.bench api", description=__doc__.split("\n\n")[0])
    p.add_argument("--db", type=Path, help="serve this store (default: the bundled examples, ingested afresh)")
    p.add_argument("--max-examples", type=int, default=100, metavar="N", help="test cases per operation and "
                   "phase (default 100)")
    p.add_argument("--seed", type=int, default=None, help="schemathesis's random seed (default: a new one)")
    p.add_argument("--workers", type=int, default=1, help="concurrent schemathesis workers (default 1: with "
                   "--seed, the same test cases every run)")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.add_argument("--save-run", type=Path, metavar="FILE",
                   help="also write the run's figures, command and machine to FILE as JSON (bench figures reads it)")
    args = p.parse_args(argv)
    from .runs import Run

    saved = Run("api", list(sys.argv[1:] if argv is None else argv)) if args.save_run else None
    try:
        import schemathesis  # noqa: F401
    except ImportError:
        print("reportedly.bench api: needs schemathesis (pip install -e '.[dev]')", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="reportedly-api-") as tmp:
        work = Path(tmp)
        db = args.db
        if db is None:
            db = work / "examples.db"
            build_store(db, _examples())
        elif not db.exists():
            print(f"reportedly.bench api: {db}: no such store", file=sys.stderr)
            return 2
        config = work / "schemathesis.toml"
        config.write_text(_toml(path_values(db)), encoding="utf-8")
        port = _free_port()
        server = start_server(db, port)
        try:
            cmd = schemathesis_command(f"http://127.0.0.1:{port}/openapi.json", config, work / "reports", args)
            run = subprocess.run(cmd, capture_output=True, text=True, cwd=work)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        if not (work / "reports").is_dir():
            sys.stderr.write(run.stdout[-3000:] + run.stderr[-3000:])
            return 2
        figures = read_reports(work / "reports")
    shown = ["python", "-m", "schemathesis.cli", *cmd[3:]]
    figures["command"] = " ".join(shown)
    figures["exit_code"] = run.returncode
    bad = sum(c["failures"] for c in figures["checks"].values()) + len(figures["unique_failures"]) + \
        len(figures["errors"])
    if saved is not None:
        saved.figures.update(figures)
        saved.save(args.save_run)
    if args.json:
        json.dump(figures, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 1 if bad else 0
    ops, cases = figures["operations"], figures["test_cases"]
    print(f"api: schemathesis over {ops.get('tested', 0)} of {ops.get('total', 0)} operations, "
          f"{cases.get('generated', 0):,} test cases, {cases.get('with_failures', 0)} with failures, "
          f"{len(figures['errors'])} errors, in {figures['seconds']:.0f} s (seed {figures['seed']})")
    print(f"  phases: {', '.join(f'{k} {v}' for k, v in figures['phases'].items())}")
    print(f"  {'check':32} {'cases':>7} {'failures':>9}")
    for name, c in figures["checks"].items():
        print(f"  {name:32} {c['cases']:7,} {c['failures']:9,}")
    for f in figures["failures"][:20]:
        print(f"  FAILURE {json.dumps(f, ensure_ascii=False)[:600]}")
    for e in figures["errors"][:10]:
        print(f"  ERROR {json.dumps(e, ensure_ascii=False)[:600]}")
    for k, v in figures["warnings"].items():
        print(f"  warning {k}: {v}")
    print(f"  command: {figures['command']} (against reportedly serve on a loopback port)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
