"""The OpenAPI document says what the API accepts: a request it calls valid is answered, one it calls
invalid is refused (what schemathesis checks over the live server: ``python -m reportedly.bench api``)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

VALID = ["2025", "2025-03", "2025-03-14", "2024-02-29", "0001", ""]
INVALID = ["2025-02-30", "2023-02-29", "0000", "2025-13", "2025-00", "§", "3{Ég", "2025-3-14", "14 March 2025"]


def _schema_accepts(schema: dict, value: str) -> bool:
    """JSON Schema's verdict on a string for the few keywords the date parameters use."""
    if "anyOf" in schema:
        return any(_schema_accepts(s, value) for s in schema["anyOf"])
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        return False
    if "pattern" in schema and not re.search(schema["pattern"], value):
        return False
    if schema.get("format") == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
    return True


@pytest.mark.parametrize("name", ["from", "to"])
def test_the_documented_dates_are_the_dates_the_search_takes(client, name) -> None:
    params = {p["name"]: p for p in client.get("/openapi.json").json()["paths"]["/api/search"]["get"]["parameters"]}
    schema = params[name]["schema"]
    for value in VALID:
        assert _schema_accepts(schema, value), value
        assert client.get("/api/search", params={name: value}).status_code == 200, value
    for value in INVALID:
        assert not _schema_accepts(schema, value), value  # schema-valid but refused was schemathesis's finding
        r = client.get("/api/search", params={name: value})
        assert r.status_code == 400 and "is not a date" in r.json()["detail"], value


@pytest.mark.slow
def test_the_api_benchmark_runs_schemathesis_over_the_live_server(corpus_db, capsys) -> None:
    pytest.importorskip("schemathesis", reason="schemathesis is not installed (the dev extra installs it)")
    import json

    from reportedly.bench.api import main

    code = main(["--db", str(corpus_db), "--max-examples", "5", "--seed", "1", "--workers", "1", "--json"])
    figures = json.loads(capsys.readouterr().out)
    assert figures["operations"]["tested"] == figures["operations"]["total"] == 9
    assert figures["test_cases"]["generated"] > 50
    assert "not_a_server_error" in figures["checks"] and "positive_data_acceptance" in figures["checks"]
    assert code == 0, figures["failures"][:3]
