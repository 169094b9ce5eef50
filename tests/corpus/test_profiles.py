"""Outlet sourcing profiles, overall and per month."""

from __future__ import annotations

import pytest


def test_profile_overall(store) -> None:
    p = store.outlet_profile("daily planet")
    assert p["outlet"] == "Daily Planet"
    o = p["overall"]
    assert (o["documents"], o["attributions"], o["named"], o["anonymous"], o["hedged"], o["relayed"],
            o["unsourced_claims"]) == (2, 7, 5, 2, 2, 1, 1)
    assert o["shares"]["anonymous"] == pytest.approx(2 / 7)
    assert o["shares"]["unsourced_claims"] == pytest.approx(1 / 8)
    assert p["relayed_from"] == [{"outlet": "The New York Times", "statements": 1}]
    assert p["top_speakers"][0]["id"] == "mark-milley"


def test_profile_over_time(store) -> None:
    months = {m["month"]: m for m in store.outlet_profile("Daily Planet")["months"]}
    assert sorted(months) == ["2022-11", "2023-01"]
    assert months["2022-11"]["relayed"] == 1 and months["2023-01"]["relayed"] == 0
    assert months["2023-01"]["shares"]["anonymous"] == pytest.approx(1 / 3)


def test_outlet_without_attributions(store) -> None:
    o = store.outlet_profile("The Courier")["overall"]
    assert o["documents"] == 1 and o["attributions"] == 0 and o["shares"]["named"] == 0.0


def test_unknown_outlet(store) -> None:
    assert store.outlet_profile("Nowhere Gazette") is None
