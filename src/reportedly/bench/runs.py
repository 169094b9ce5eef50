"""A benchmark's run: the figures it measured, with the machine, command, date, release and commit
it ran from, saved by ``--save-run FILE`` and read back from ``bench/results/`` by
:mod:`reportedly.bench.figures`, which renders the documents' tables from them; and the small
formatting helpers those tables share."""

from __future__ import annotations

import json
import os
import platform
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: The checkout the documents and the committed runs live in.
ROOT = Path(__file__).resolve().parents[3]
#: Where the committed runs live.
RESULTS = ROOT / "bench" / "results"


# -- saving a run ---------------------------------------------------------------------------------
def cpu() -> tuple[str, set[str]]:
    """The processor's model name and its flags, as ``/proc/cpuinfo`` gives them (no flags elsewhere)."""
    name, flags = platform.processor() or platform.machine(), set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                name = value.strip()
            elif key.strip() == "flags":
                flags = set(value.split())
                break
    except OSError:
        pass
    return name, flags


def machine() -> dict[str, Any]:
    """The facts a timing depends on: processor model, cores, instruction sets, load average."""
    name, flags = cpu()
    return {
        "cpu": name,
        "cores": os.cpu_count(),
        "avx2": "avx2" in flags,
        "avx512": any(f.startswith("avx512") for f in flags),
        "vnni": any("vnni" in f for f in flags),
        "flags": sorted(f for f in flags if f.startswith(("avx", "fma", "amx")) or "vnni" in f),
        "load_average": _load(),
    }


def _load() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def source() -> dict[str, Any]:
    """The commit the code ran from, and the tracked files under src/ that differ from it (empty when the
    code is not a git checkout)."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    head = git("rev-parse", "HEAD")
    if head is None:
        return {}
    changed = git("status", "--porcelain", "--untracked-files=no", "--", "src") or ""
    return {"commit": head.strip(), "src_modified": sorted(line[3:] for line in changed.splitlines())}


class Run:
    """One benchmark run being recorded: machine facts at its start, figures added as they come."""

    def __init__(self, bench: str, argv: Sequence[str]) -> None:
        from ..version import __version__

        self.data: dict[str, Any] = {
            "bench": bench,
            "command": shlex.join(["python", "-m", "reportedly.bench", bench, *argv]),
            "date": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
            "version": __version__,
            "source": source(),
            "machine": machine(),
            "figures": {},
        }

    @property
    def figures(self) -> dict[str, Any]:
        return self.data["figures"]

    def save(self, path: Path) -> None:
        """Write the run (the load average at the end added) as indented JSON."""
        self.data["machine"]["load_average_end"] = _load()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.data, indent=1, ensure_ascii=False, allow_nan=False) + "\n", "utf-8")
        print(f"run saved to {path}", file=sys.stderr)


def number(x: float) -> float | None:
    """A float JSON can hold: ``None`` for an infinite or undefined rate."""
    return None if x != x or x in (float("inf"), float("-inf")) else x


# -- reading the committed runs -------------------------------------------------------------------
def runs(stem: str, folder: Path | None = None) -> list[dict[str, Any]]:
    """The committed runs ``STEM.json`` and ``STEM-*.json``, oldest first."""
    folder = folder or RESULTS
    files = [folder / f"{stem}.json", *sorted(folder.glob(f"{stem}-*.json"))]
    out = [json.loads(f.read_text("utf-8")) | {"file": f.name} for f in files if f.is_file()]
    if not out:
        raise LookupError(f"no committed run {stem}.json in {folder}")
    return sorted(out, key=lambda r: r["date"])


def reference(folder: Path | None = None) -> dict[str, Any]:
    """Figures measured outside the benchmarks (earlier releases, the rules alone), with their notes."""
    return dict(json.loads(((folder or RESULTS) / "reference.json").read_text("utf-8"))["figures"])


def _f3(x: float) -> str:
    return f"{x:.3f}"


def _span(values: Iterable[float], fmt: str = "{:.2f}", sep: str = "–", unit: str = "") -> str:
    """``a–b`` over several runs (one figure when they round alike)."""
    shown = [fmt.format(v) for v in sorted(values)]
    return (shown[0] if shown[0] == shown[-1] else f"{shown[0]}{sep}{shown[-1]}") + unit


def _each(values: Iterable[float], fmt: str = "{:.1f}") -> str:
    """Every run's figure, in run order: ``a / b``."""
    return " / ".join(fmt.format(v) for v in values)


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
            *("| " + " | ".join(r) + " |" for r in rows)]


def _isa(m: dict[str, Any]) -> str:
    have = [n for n, k in (("AVX2", "avx2"), ("AVX-512", "avx512"), ("VNNI", "vnni")) if m.get(k)]
    lack = [n for n, k in (("AVX2", "avx2"), ("AVX-512", "avx512"), ("VNNI", "vnni")) if not m.get(k)]
    return ", ".join(have + [f"no {n}" for n in lack])


def _where(rs: list[dict[str, Any]]) -> str:
    """The machine and load of the runs, in a sentence that says what the timings are worth."""
    m, loads = rs[-1]["machine"], _loads(rs)
    days = sorted({r["date"][:10] for r in rs})
    files = ", ".join(f"`bench/results/{r['file']}`" for r in rs)
    count = {1: "One run", 2: "Two runs", 3: "Three runs"}.get(len(rs), f"{len(rs)} runs")
    return (f"{count} ({files}; {', '.join(days)}, release "
            f"{rs[-1]['version']}{_commits(rs)}) on an {m['cpu']} ({_isa(m)}; {m['cores']} cores), shared with other work: "
            f"one-minute load average {_span(loads)} during the {'run' if len(rs) == 1 else 'runs'}, so the times are "
            f"noisy; the quality figures do not move with the load.")


def _commits(rs: list[dict[str, Any]]) -> str:
    """", commit abc1234" for the commits the runs ran from (with "+ changes" where src/ differed)."""
    shown = []
    for r in rs:
        src = r.get("source") or {}
        if src.get("commit"):
            shown.append(src["commit"][:7] + (" + changes" if src.get("src_modified") else ""))
    shown = list(dict.fromkeys(shown))
    return f", commit {' / '.join(shown)}" if shown else ""


def _same_quality(rs: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> list[str]:
    """Runs whose quality figures differ from the latest run's (they should be re-run or removed)."""
    latest = key(rs[-1])
    return [r["file"] for r in rs[:-1] if key(r) != latest]


def _loads(rs: list[dict[str, Any]]) -> list[float]:
    return [x for r in rs for x in (r["machine"]["load_average"][:1] + r["machine"].get("load_average_end", [])[:1])]
