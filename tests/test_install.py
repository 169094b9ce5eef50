"""install.sh waits for the apt lock instead of failing, and the package metadata gives setuptools no
licence-table warning (issue 10, item 10)."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run_apt_wait(tmp_path: Path, fails: int, message: str) -> subprocess.CompletedProcess:
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "apt-get").write_text(
        "#!/usr/bin/env bash\n"
        f'n=$(cat "{tmp_path}/count" 2>/dev/null || echo 0); echo $((n+1)) > "{tmp_path}/count"\n'
        f'if [ "$n" -lt {fails} ]; then echo "{message}" >&2; exit 100; fi\necho "ran: $*"\n')
    (fake / "apt-get").chmod(0o755)
    script = (f'set -euo pipefail\nsleep() {{ :; }}\nsource <(sed -n "/^apt_wait()/,/^}}/p" "{ROOT}/install.sh")\n'
              "apt_wait update -qq\n")
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60,
                          env={"PATH": f"{fake}:/usr/bin:/bin"})


def test_install_waits_while_another_apt_holds_the_lock(tmp_path) -> None:
    lock = "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)"
    proc = _run_apt_wait(tmp_path, 3, lock)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ran: -o DPkg::Lock::Timeout=5 update -qq"
    assert proc.stderr.splitlines() == ["install.sh: another apt or dpkg holds its lock; waiting for it"]
    assert (tmp_path / "count").read_text().strip() == "4"


def test_install_does_not_retry_other_apt_errors(tmp_path) -> None:
    proc = _run_apt_wait(tmp_path, 1, "E: Unable to locate package chromium")
    assert proc.returncode == 1
    assert proc.stderr.strip() == "E: Unable to locate package chromium"
    assert (tmp_path / "count").read_text().strip() == "1"


def test_the_licence_is_an_spdx_string() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert meta["project"]["license"] == "MIT"  # a table makes setuptools print a deprecation box
    assert "setuptools>=77" in meta["build-system"]["requires"]
    assert any(d.startswith("hypothesis") for d in meta["project"]["optional-dependencies"]["dev"])
