"""A PostgreSQL server for the corpus tests: ``REPORTEDLY_TEST_PG`` names one (``.ci/run`` starts one and
sets it); without it, one is started from the installed PostgreSQL programs for this test session, and
where there are none the PostgreSQL variants skip with the reason. Each store gets a schema of its own."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from urllib.parse import quote

import pytest

ENV = "REPORTEDLY_TEST_PG"
_server: dict[str, str | None] = {}


def server_url() -> str | None:
    """The URL of the test server, starting one the first time when needed; None when there is none."""
    if "url" in _server:
        return _server["url"]
    url = os.environ.get(ENV) or None
    if url is None:
        from reportedly.corpus import pg_local

        if pg_local.available():
            root = tempfile.mkdtemp(prefix="reportedly-test-pg-")
            try:
                url = pg_local.start(root)
            except Exception as exc:  # noqa: BLE001 — any failure means: no server for these tests
                _server["why"] = f"could not start a PostgreSQL server: {exc}"
                shutil.rmtree(root, ignore_errors=True)
            else:
                atexit.register(lambda: (pg_local.stop(root), shutil.rmtree(root, ignore_errors=True)))
        else:
            _server["why"] = f"no PostgreSQL server: set {ENV}=postgresql://… or install postgresql (initdb)"
    _server["url"] = url
    return url


def fresh_url() -> str:
    """A URL of an empty schema on the test server (skips the test when there is no server)."""
    url = server_url()
    if url is None:
        pytest.skip(_server.get("why") or f"no PostgreSQL server ({ENV} unset)")
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


def target(backend: str, tmp_path, name: str = "c.db") -> str:
    """Where a test's store goes: a file under ``tmp_path`` or a fresh PostgreSQL schema."""
    return str(tmp_path / name) if backend == "sqlite" else fresh_url()
