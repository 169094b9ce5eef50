"""Which outlet a document is filed under: the publisher the page names, never the outlet its
headline credits (issue 10, item 11)."""

from __future__ import annotations

import pytest

from reportedly.cli import main
from reportedly.corpus import Store


@pytest.fixture(autouse=True)
def structure_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTEDLY_PIPELINE_COMPONENTS", "structure")


def _outlets(db) -> dict[str, str]:
    with Store(db, readonly=True) as store:
        return {r[0]: r[1] for r in store.conn.execute("SELECT input, outlet FROM documents")}


def test_the_harbour_example_is_filed_under_its_footers_outlet(examples, tmp_path, capsys) -> None:
    path = str(examples / "harbour-dispute.txt")
    db = tmp_path / "c.db"
    assert main(["ingest", path, "--db", str(db)]) == 0
    assert _outlets(db) == {path: "Harbourside Daily"}  # was "The Coastal Ledger", its headline credit


def test_the_seed_relaying_the_nyt_is_not_filed_as_the_nyt(shared, tmp_path, capsys) -> None:
    path = str(shared / "seed" / "000_645b49bcd7d0ac49.txt")
    db = tmp_path / "c.db"
    assert main(["ingest", path, "--db", str(db)]) == 0
    assert _outlets(db) == {path: "unknown"}  # the RT page does not say who published it


@pytest.mark.parametrize(("footer", "outlet"), [
    ("© 2025 Harbourside Daily. All rights reserved.", "Harbourside Daily"),
    ("Copyright (c) 2019-2024 The Coastal Ledger Ltd", "The Coastal Ledger"),
    ("© Harbourside Daily 2025", "Harbourside Daily"),
    ("Copyright © 2024 Bar News, Inc. | Terms of use", "Bar News"),
    ("© Copyright 2021 The Daily Planet", "The Daily Planet"),
    ("Photo: © Reuters", None),
    ("© 2022", None),
])
def test_footer_outlet(footer, outlet) -> None:
    from reportedly.clean.credits import footer_outlet

    assert footer_outlet(f"Body text of the article.\n\n{footer}\nPrivacy policy | Contact us") == outlet


def test_a_copyright_line_high_up_in_the_text_is_not_the_footer() -> None:
    from reportedly.clean.credits import footer_outlet

    text = "© 2025 Somebody Else\n" + "A paragraph of the article.\n" * 30
    assert footer_outlet(text) is None
