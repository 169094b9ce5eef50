"""Full-text search over bodies and statements, with every filter; input reaches SQL only as parameters."""

from __future__ import annotations

import pytest

from reportedly.corpus.search import fts_query, plain_snippet
from reportedly.errors import QueryError

from . import sample


def _atts(results):
    return sorted(r["attribution_id"] for r in results if r["type"] == "attribution")


def _docs(results):
    return sorted(r["document_id"] for r in results if r["type"] == "document")


def test_words_find_statements_and_articles(store) -> None:
    res = store.search("stockpiles")
    assert _atts(res) == ["a3", "a4"]
    assert _docs(res) == [sample.planet().id]
    assert all(r["document_id"] for r in res)
    snippet = plain_snippet(next(r for r in res if r["type"] == "document")["snippet"])
    assert "[stockpiles]" in snippet


def test_titles_are_searched(store) -> None:
    assert _docs(store.search("Budget")) == [sample.courier().id]


def test_punctuation_in_plain_words(store) -> None:
    assert store.search("Milley's") is not None  # no FTS syntax error
    assert fts_query("U.S. aid") == '"U.S." "aid"'
    assert fts_query('"exact phrase" OR x') == '"exact phrase" OR x'


def test_fts_syntax_is_passed_through(store) -> None:
    assert _atts(store.search('"talks will fail"')) == ["a2"]
    assert set(_atts(store.search("stock*"))) == {"a3", "a4"}
    assert _atts(store.search("stalled NOT nobody")) == []


def test_bad_queries_are_query_errors(store) -> None:
    # an unterminated quote is read as plain words now (see test_ordinary_queries_never_fail)
    with pytest.raises(QueryError, match="query too long"):
        store.search("x" * 501)
    with pytest.raises(QueryError, match="is not a date"):
        store.search("aid", date_from="last week")


@pytest.mark.parametrize("name", ["Milley", "Mark Milley", "Gen. Milley", "Gen. Mark Milley", "mark-milley"])
def test_speaker_filter_knows_every_form_of_the_name(store, name) -> None:
    assert _atts(store.search("", speaker=name)) == ["a1", "b1", "b2", "c1"]


def test_speaker_filter_with_words(store) -> None:
    assert _atts(store.search("aid", speaker="Milley")) == ["c1"]
    assert store.search("aid", speaker="Nobody Known") == []


def test_outlet_filter(store) -> None:
    res = store.search("Milley", outlet="evening herald")
    assert {r["outlet"] for r in res} == {"Evening Herald"}
    assert _docs(res) == [sample.herald().id]


def test_anonymous_only(store) -> None:
    res = store.search("", anonymous=True)
    assert _atts(res) == ["a2", "c2"]
    assert all(r["anonymous"] and r["speaker_id"] is None for r in res)
    assert _atts(store.search("aid", anonymous=True)) == ["c2"]


def test_hedged_only(store) -> None:
    res = store.search("", hedged=True)
    assert _atts(res) == ["a2", "c1"]
    assert {h for r in res for h in r["hedges"]} == {"reportedly", "apparently"}


def test_relayed_via_an_outlet(store) -> None:
    for via in ("The New York Times", "new york times"):
        res = store.search("", via=via)
        assert _atts(res) == ["a4"]
        assert res[0]["via_outlet"] == "The New York Times"
    assert store.search("", via="Reuters") == []


def test_date_range_uses_statement_dates_then_article_dates(store) -> None:
    # a1 was said on 2022-11-10 (the article is from the 11th); b2 on 2022-12-01
    assert _atts(store.search("", speaker="Milley", date_from="2022-11-01", date_to="2022-11-10")) == ["a1"]
    assert _atts(store.search("", speaker="Milley", date_from="2022-12")) == ["b1", "b2", "c1"]
    assert _atts(store.search("", speaker="Milley", date_to="2022")) == ["a1", "b1", "b2"]
    res = store.search("talks", date_from="2023-01-01")
    assert _docs(res) == [sample.courier().id]


def test_filters_combine(store) -> None:
    assert _atts(store.search("", outlet="Daily Planet", anonymous=True, hedged=True)) == ["a2"]


@pytest.mark.parametrize("evil", ["'; DROP TABLE documents; --", "\" OR 1=1 --", "x') OR ('1'='1", "%", "_"])
def test_hostile_input_stays_data(store, evil) -> None:
    everything = store.search("", limit=200)
    ids = set(store.document_ids())
    for kwargs in ({"query": evil}, {"speaker": evil}, {"outlet": evil}, {"via": evil}):
        res = store.search(**kwargs)  # words and names, never SQL: no error, and no injected condition
        assert {r["document_id"] for r in res} <= ids
        if "query" in kwargs:
            assert len(res) < len(everything)  # "OR 1=1" selects nothing extra
        else:
            assert res == []  # no speaker, outlet or relay has that name
    assert store.counts()["documents"] == 4


def test_limit_and_offset(store) -> None:
    all_ = store.search("", speaker="Milley", limit=10)
    assert [r["attribution_id"] for r in store.search("", speaker="Milley", limit=2, offset=1)] == \
        [r["attribution_id"] for r in all_[1:3]]


@pytest.mark.parametrize("query", ["Note: aid", "Warren (D-Mass.)", "C++", "—", "a-b", "'"])
def test_punctuation_alone_is_no_syntax(store, query) -> None:
    store.search(query)  # no QueryError


def test_operators_and_parentheses(store) -> None:
    assert _atts(store.search("(stalled OR stockpiles) NOT Pentagon")) == ["b1"]
    assert _atts(store.search("stalled OR stockpiles")) == ["a3", "a4", "b1"]


@pytest.mark.parametrize("query", ['"White House" Trump\'s', "U.S. AND Trump", "trump OR", 'I\'m "sure"', 'said"',
                                   "NOT said", '"unterminated', "OR", "AND AND", "stockpiles NEAR"])
def test_ordinary_queries_never_fail(store, query) -> None:
    assert isinstance(store.search(query), list)


def test_fallback_keeps_phrases_and_operators(store) -> None:
    # the bare word with an apostrophe breaks FTS5; the phrase and the operator still count
    assert _atts(store.search('"talks will fail" OR stockpiles\'')) == ["a2", "a3", "a4"]
    assert _atts(store.search('stockpiles"')) == ["a3", "a4"]
    assert _atts(store.search("stockpiles OR")) == ["a3", "a4"]


def test_query_length_and_terms_are_capped(store) -> None:
    from reportedly.corpus.search import MAX_QUERY_CHARS, MAX_QUERY_TERMS

    store.search("word " * MAX_QUERY_TERMS)
    with pytest.raises(QueryError, match=f"too many words: {MAX_QUERY_TERMS + 1}, at most {MAX_QUERY_TERMS}"):
        store.search("word " * (MAX_QUERY_TERMS + 1))
    with pytest.raises(QueryError, match=f"query too long: {MAX_QUERY_CHARS + 1} characters"):
        store.search("a" * (MAX_QUERY_CHARS + 1))


def test_a_search_over_its_time_budget_is_stopped_with_a_clear_error(store, monkeypatch) -> None:
    import importlib

    search_module = importlib.import_module("reportedly.corpus.search")

    monkeypatch.setattr(search_module, "TIME_BUDGET", -1.0)  # already over: the first check interrupts
    monkeypatch.setattr(search_module, "PROGRESS_STEPS", 1)  # and checks come at once, however small the corpus
    with pytest.raises(QueryError, match="was stopped"):
        store.search("stockpiles")
    monkeypatch.undo()
    assert _atts(store.search("stockpiles")) == ["a3", "a4"]  # the handler is removed afterwards
