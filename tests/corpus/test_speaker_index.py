"""Linking a stored name to its speaker reads only the attributions whose speaker changes."""

from __future__ import annotations

from pathlib import Path

from reportedly.corpus import Store

from . import sample


def test_relinking_a_name_seeks_the_name_and_speaker_index(tmp_path: Path) -> None:
    db = sample.build(tmp_path / "c.db")
    with Store(db) as s:
        for cond, args in (("speaker_id IS NULL", ("milley",)), ("speaker_id < ?", ("milley", "x")),
                           ("speaker_id > ?", ("milley", "x"))):
            plan = " ".join(r[-1] for r in s.conn.execute(
                f"EXPLAIN QUERY PLAN UPDATE attributions SET speaker_id = 'x' WHERE speaker_name = ? AND {cond}", args))
            assert "attributions_name_speaker (speaker_name=? AND speaker_id" in plan, plan


def test_a_surname_alone_still_joins_the_one_person(tmp_path: Path) -> None:
    herald, planet = sample.herald(), sample.planet()
    with Store(tmp_path / "c.db") as s:
        s.add(planet)  # Gen. Mark Milley
        s.add(herald)  # "Milley" alone
        ids = dict(s.conn.execute("SELECT att_id, speaker_id FROM attributions WHERE att_id IN ('a1', 'b1')"))
        assert ids["b1"] == ids["a1"] == "mark-milley"
