"""The cleaner's provenance tells the truth (issue 11, item 1): the ``structure`` version stored with
every record is the text-dump cleaner's :data:`CLEANER_VERSION`, its output on the bundled text dump
is pinned to that version, and a new version makes ``ingest --update`` analyse stored documents again."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from reportedly.clean import StructureComponent, textdump
from reportedly.clean.textdump import CLEANER_VERSION, TextDumpCleaner
from reportedly.document import Document

#: CLEANER_VERSION -> digest of what the cleaner finds in examples/harbour-dispute.txt. When the
#: cleaner's output changes, bump CLEANER_VERSION and pin the new digest here (the failure prints it).
PINNED = {"1.1.0": "304055f6334f540c", "1.2.0": "304055f6334f540c", "1.2.1": "304055f6334f540c",
          "1.3.0": "304055f6334f540c", "1.4.0": "304055f6334f540c", "1.5.0": "304055f6334f540c"}


def _output_digest(path: Path) -> str:
    doc = StructureComponent()(Document(path.read_text("utf-8"), input=path.name))
    record = doc.to_dict()
    found = {k: record[k] for k in ("title", "description", "date", "authors", "headline_credit", "sitename", "url",
                                    "language", "layers")}
    return hashlib.sha256(json.dumps(found, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def test_the_structure_version_is_the_cleaners() -> None:
    assert StructureComponent().version == TextDumpCleaner().version == CLEANER_VERSION
    assert CLEANER_VERSION != "1.0.0"  # the first cleaner's; outlet filing and furniture changed since


def test_the_cleaners_output_is_pinned_to_its_version(examples: Path) -> None:
    digest = _output_digest(examples / "harbour-dispute.txt")
    assert CLEANER_VERSION in PINNED, f"pin CLEANER_VERSION {CLEANER_VERSION}: {digest!r}"
    assert digest == PINNED[CLEANER_VERSION], (
        f"the text-dump cleaner's output on the bundled example changed ({digest!r}) but CLEANER_VERSION is "
        f"still {CLEANER_VERSION}: bump it in src/reportedly/clean/textdump.py (so ingest --update analyses "
        "stored documents again) and pin the new digest in PINNED")


def test_a_new_cleaner_version_makes_ingest_update_replace_the_document(tmp_path, examples, monkeypatch) -> None:
    from reportedly.api import Analyzer
    from reportedly.corpus import Store, ingest_paths
    from reportedly.settings import Settings

    analyzer = Analyzer(Settings.load(env={}, pipeline={"components": ["structure"]}))
    src = str(examples / "harbour-dispute.txt")
    replaced: list[str] = []
    with Store(tmp_path / "c.db") as store:
        ingest_paths(store, [src], analyzer)
        (doc_id,) = store.document_ids()

        def stored_version() -> str:
            record = store.get_record(doc_id)
            assert record is not None
            (version,) = [p["version"] for p in record["provenance"] if p["component"] == "structure"]
            return version

        assert stored_version() == CLEANER_VERSION
        assert ingest_paths(store, [src], analyzer, update=True).updated == 0  # same cleaner: nothing to do
        monkeypatch.setattr(textdump, "CLEANER_VERSION", "99.0.0")  # the cleaner's rules change
        stats = ingest_paths(store, [src], analyzer, update=True, on_update=replaced.append)
        assert (stats.updated, stats.added) == (1, 0)
        assert store.document_ids() == [doc_id]
        assert stored_version() == "99.0.0"
    assert len(replaced) == 1 and f"structure {CLEANER_VERSION} → 99.0.0" in replaced[0]


@pytest.mark.parametrize("component", [StructureComponent(), TextDumpCleaner()])
def test_the_version_is_read_when_asked(component, monkeypatch) -> None:
    monkeypatch.setattr(textdump, "CLEANER_VERSION", "2.0.0")
    assert component.version == "2.0.0"
