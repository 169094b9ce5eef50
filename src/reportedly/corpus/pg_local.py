"""A PostgreSQL server of your own for reportedly, from the installed PostgreSQL programs.

    python -m reportedly.corpus.pg_local start DIR [--port N]   # prints the URL to pass as --db
    python -m reportedly.corpus.pg_local stop DIR
    python -m reportedly.corpus.pg_local url DIR

``start`` creates a database cluster in ``DIR/data`` the first time (``initdb``: UTF-8, C locale,
one user ``reportedly`` trusted on this machine only), starts it on 127.0.0.1 (a free port unless
``--port``; the socket in ``DIR``), creates the database ``reportedly`` and prints
``postgresql://reportedly@127.0.0.1:PORT/reportedly``. Started again, it reuses the cluster.
PostgreSQL refuses to run as root: run as root, the server runs as the ``postgres`` user (Debian's
package creates it), which is given ``DIR``. This is a server for one machine (a laptop, CI, tests);
a team's server is set up by its administrator, with passwords, and named the same way
(``postgresql://user:password@host/db``).
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

USER = "reportedly"
DATABASE = "reportedly"


def binary(name: str) -> str | None:
    """A PostgreSQL program: on PATH, else in Debian's ``/usr/lib/postgresql/VERSION/bin`` (newest first)."""
    found = shutil.which(name)
    if found:
        return found
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True):
        if os.access(os.path.join(d, name), os.X_OK):
            return os.path.join(d, name)
    return None


def available() -> bool:
    """Whether this machine can start a server (``initdb`` and ``pg_ctl`` are installed)."""
    return binary("initdb") is not None and binary("pg_ctl") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(cmd: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *cmd] if owner else cmd


def _run(cmd: list[str], owner: str | None) -> None:
    done = subprocess.run(_as_server_user(cmd, owner), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:2])} failed: {(done.stderr or done.stdout).strip()[-500:]}")


def url(directory: str | Path) -> str:
    port = (Path(directory) / "port").read_text().strip()
    return f"postgresql://{USER}@127.0.0.1:{port}/{DATABASE}"


def start(directory: str | Path, port: int | None = None) -> str:
    """Start (creating it the first time) the server in ``directory``; returns its URL."""
    root = Path(directory).resolve()
    root.mkdir(parents=True, exist_ok=True)
    initdb, pg_ctl = binary("initdb"), binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL is not installed (no initdb): apt-get install postgresql")
    owner = None
    if os.geteuid() == 0:
        owner = "postgres"
        try:
            ids = pwd.getpwnam(owner)
        except KeyError:
            raise RuntimeError("running as root needs a 'postgres' user to run the server as") from None
        for p in [root, *root.rglob("*")]:
            with contextlib.suppress(FileNotFoundError):
                os.chown(p, ids.pw_uid, ids.pw_gid)
    data = root / "data"
    if not (data / "PG_VERSION").exists():
        _run([initdb, "-D", str(data), "-U", USER, "--auth=trust", "--encoding=UTF8", "--locale=C"], owner)
    port = port or _free_port()
    (root / "port").write_text(str(port))
    if owner:
        os.chown(root / "port", pwd.getpwnam(owner).pw_uid, pwd.getpwnam(owner).pw_gid)
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    _run([pg_ctl, "-D", str(data), "-l", str(root / "server.log"), "-o", opts, "-w", "-t", "60", "start"], owner)
    _create_database(port)
    return url(root)


def _create_database(port: int) -> None:
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(f"postgresql://{USER}@127.0.0.1:{port}/postgres", autocommit=True) as conn:
                if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone() is None:
                    conn.execute(f'CREATE DATABASE "{DATABASE}"')
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def stop(directory: str | Path) -> None:
    """Stop the server in ``directory`` (nothing when it is not running)."""
    root = Path(directory).resolve()
    pg_ctl = binary("pg_ctl")
    if not pg_ctl or not (root / "data" / "postmaster.pid").exists():
        return
    owner = "postgres" if os.geteuid() == 0 else None
    _run([pg_ctl, "-D", str(root / "data"), "-m", "fast", "-w", "stop"], owner)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reportedly.corpus.pg_local",
                                     description="a local PostgreSQL server for reportedly's store")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("start", help="start (creating it the first time) and print the URL")
    p.add_argument("dir")
    p.add_argument("--port", type=int)
    sub.add_parser("stop", help="stop the server").add_argument("dir")
    sub.add_parser("url", help="print the URL of a started server").add_argument("dir")
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            print(start(args.dir, args.port))
        elif args.command == "stop":
            stop(args.dir)
        else:
            print(url(args.dir))
    except (RuntimeError, OSError) as exc:
        print(f"pg_local: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
