"""One speaker whatever an article calls them; statements by date."""

from __future__ import annotations

import pytest

from reportedly.corpus import Store
from reportedly.corpus.speakers import name_key, normalise_name, resolve_names, slug
from reportedly.document import Attribution, Document, Entity, Metadata, Source

from .sample import at


@pytest.mark.parametrize(
    ("raw", "kind", "want"),
    [
        ("Gen. Mark Milley", None, "Mark Milley"),
        ("Mark Milley, who heads the Joint Chiefs", "person", "Mark Milley"),
        ("Milley's", "person", "Milley"),
        ("President Joe Biden", "person", "Joe Biden"),
        ("Councillor Hattie Marsh", None, "Hattie Marsh"),
        ("Sen. Elizabeth Warren (D-Mass.)", "person", "Elizabeth Warren"),
        ("Martin Luther King Jr.", "person", "Martin Luther King"),
        ("The Pentagon", "government", "Pentagon"),
        ("Chief Executives Group", "organisation", "Chief Executives Group"),
        ("", None, None),
        ("Gen.", None, "Gen"),
    ],
)
def test_normalise_name(raw, kind, want) -> None:
    assert normalise_name(raw, kind) == want


def test_keys_fold_accents_and_middle_initials() -> None:
    assert name_key("Donald J. Trump") == name_key("Donald Trump") == "donald trump"
    assert name_key("José Martí") == "jose marti"
    assert slug("Mark Milley") == "mark-milley"


def test_resolve_surnames_to_the_one_full_name() -> None:
    out = resolve_names([("Mark Milley", "person"), ("Milley", "person"), ("Lloyd Austin", None), ("Austin", None)])
    assert out["milley"] == ("mark-milley", "Mark Milley")
    assert out["austin"] == ("lloyd-austin", "Lloyd Austin")


def test_an_ambiguous_surname_is_not_guessed() -> None:
    out = resolve_names([("Joe Biden", "person"), ("Hunter Biden", "person"), ("Biden", "person")])
    assert out["biden"] == ("biden", "Biden")
    assert out["joe biden"][0] == "joe-biden"


def test_organisations_do_not_join_people() -> None:
    out = resolve_names([("Jane Reuters", "person"), ("Reuters", "outlet")])
    assert out["reuters"] == ("reuters", "Reuters")


def test_speaker_across_documents_with_statements_by_date(store) -> None:
    sp = store.speaker("mark-milley")
    assert sp["name"] == "Mark Milley" and sp["kind"] == "person"
    assert sp["aliases"] == ["Gen. Mark Milley", "Mark Milley", "Milley", "The general"]
    assert [s["date"] for s in sp["statements"]] == ["2022-11-10", "2022-12-01", "2022-12-02", "2023-01-15"]
    assert sp["by_month"] == {"2022-11": 1, "2022-12": 2, "2023-01": 1}
    assert sp["documents"] == 3 and sp["outlets"] == ["Daily Planet", "Evening Herald"]
    assert store.find_speakers("Gen. Milley") == ["mark-milley"]


def test_anonymous_sources_are_not_speakers(store) -> None:
    names = {s["name"] for s in store.speakers()}
    assert "officials" not in {n.lower() for n in names}
    assert names == {"Mark Milley", "Lloyd Austin", "New York Times", "Pentagon"}


def _one(text: str, name: str, doc_date: str) -> Document:
    d = Document(text, input=name, meta=Metadata(date=doc_date, sitename="X"))
    d.add_attribution(Attribution(id="x", source=Source(spans=[at(text, name)], entity=name, kind="person"),
                                  cue=[at(text, "said")], content=[at(text, "it")]))
    return d


def test_surname_first_then_full_name_merges_while_ingesting(tmp_path) -> None:
    with Store(tmp_path / "c.db") as s:
        s.add(_one("Milley said it.", "Milley", "2022-01-01"))
        assert s.find_speakers("Milley") == ["milley"]
        s.add(_one("Mark Milley said it.", "Mark Milley", "2022-02-01"))
        assert s.find_speakers("Milley") == ["mark-milley"]
        assert [r["id"] for r in s.speakers()] == ["mark-milley"]
        assert s.refresh_speakers() == 1


def test_second_full_name_with_same_surname_keeps_them_apart(tmp_path) -> None:
    with Store(tmp_path / "c.db") as s:
        for i, n in enumerate(["Joe Biden", "Hunter Biden", "Biden"]):
            s.add(_one(f"{n} said it.", n, f"2022-0{i + 1}-01"))
        s.refresh_speakers()
        assert {r["id"] for r in s.speakers()} == {"joe-biden", "hunter-biden", "biden"}


@pytest.mark.parametrize(("name", "ok"), [("Mark Milley", True), ("Pentagon", True), ("he", False), ("They", False),
                                           ("general", False), ("the spokesman", False), ("", False)])
def test_only_names_become_speakers(name, ok) -> None:
    from reportedly.corpus.speakers import looks_like_name

    assert looks_like_name(name) is ok


def test_an_unresolved_pronoun_is_no_speaker(tmp_path) -> None:
    text = "He said it. The spokesman said it."
    d = Document(text, input="p", meta=Metadata(sitename="X"))
    d.add_attribution(Attribution(id="x", source=Source(spans=[at(text, "He")], kind="person"),
                                  cue=[at(text, "said")], content=[at(text, "it")]))
    d.add_attribution(Attribution(id="y", source=Source(spans=[at(text, "The spokesman")]),
                                  cue=[at(text, "said", 1)], content=[at(text, "it", 1)]))
    with Store(tmp_path / "c.db") as s:
        s.add(d)
        assert s.speakers() == []
        assert s.counts()["attributions"] == 2


def test_milley_mark_milley_and_gen_milley_are_one_speaker(tmp_path) -> None:
    with Store(tmp_path / "c.db") as s:
        s.add(_one("Gen. Milley said it.", "Gen. Milley", "2022-03-01"))
        s.add(_one("Milley said it.", "Milley", "2022-01-01"))
        s.add(_one("Mark Milley said it.", "Mark Milley", "2022-02-01"))
        s.refresh_speakers()
        assert [r["id"] for r in s.speakers()] == ["mark-milley"]
        sp = s.speaker("mark-milley")
        assert [st["date"] for st in sp["statements"]] == ["2022-01-01", "2022-02-01", "2022-03-01"]
        assert sp["aliases"] == ["Gen. Milley", "Mark Milley", "Milley"]


def test_a_surname_joins_the_full_name_of_its_own_article(tmp_path) -> None:
    def doc(full: str, short: str, extra: str) -> Document:
        text = f"{full} said {extra}. {short} added more."
        d = Document(text, input=extra, meta=Metadata(sitename="X", date="2016-01-01"))
        d.add_attribution(Attribution(id="x", source=Source(spans=[at(text, full)], entity=full, kind="person"),
                                      cue=[at(text, "said")], content=[at(text, extra)]))
        d.add_attribution(Attribution(id="y", source=Source(spans=[at(text, short, 1 if short in full else 0)],
                                                            entity=short, kind="person"),
                                      cue=[at(text, "added")], content=[at(text, "more")]))
        return d

    with Store(tmp_path / "c.db") as s:
        s.add(doc("Donald Trump", "Trump", "alpha"))
        s.add(doc("Eric Trump", "Trump", "beta"))
        lone = "But Trump said gamma."
        d = Document(lone, input="lone", meta=Metadata(sitename="X"))
        d.add_attribution(Attribution(id="z", source=Source(spans=[at(lone, "But Trump")], entity="But Trump"),
                                      cue=[at(lone, "said")], content=[at(lone, "gamma")]))
        s.add(d)
        s.refresh_speakers()
        by = {(r[0], r[1]): r[2] for r in s.conn.execute(
            "SELECT d.input, a.att_id, a.speaker_id FROM attributions a JOIN documents d ON d.rowid = a.doc_rowid")}
        assert by[("alpha", "y")] == "donald-trump" and by[("beta", "y")] == "eric-trump"
        assert by[("lone", "z")] == "trump"
        assert {sp["id"]: sp["statements"] for sp in s.speakers()} == {"donald-trump": 2, "eric-trump": 2, "trump": 1}
        assert s.speaker("trump")["name"] == "Trump"  # "But Trump": no full name to choose, no "But"


@pytest.mark.parametrize(("raw", "want"), [("But Trump", "Trump"), ("Federal Reserve. Trump", "Trump"),
                                           ("Vermont Sen. Bernie Sanders", "Bernie Sanders"),
                                           ("Democrat Hillary Clinton", "Hillary Clinton"),
                                           ("Republican National Committee", "Republican National Committee"),
                                           ("Martin Luther King Jr.", "Martin Luther King"),
                                           ("Donald J. Trump", "Donald J. Trump"), ("Does Rubio", "Rubio"),
                                           ("Clinton leads Sanders by", None), ("In", None), ("he", None),
                                           ("Charles de Gaulle", "Charles de Gaulle")])
def test_speaker_names_from_noisy_sources(raw, want) -> None:
    from reportedly.corpus.speakers import speaker_display

    assert speaker_display(raw, None, None, None, False) == want


def test_middle_names_join_the_short_form() -> None:
    out = resolve_names([("Hillary Rodham Clinton", "person"), ("Hillary Clinton", "person"), ("Clinton", "person"),
                         ("John Quincy Adams", "person")])
    assert out["hillary rodham clinton"] == out["hillary clinton"] == out["clinton"] == ("hillary-clinton",
                                                                                        "Hillary Clinton")
    assert out["john quincy adams"][0] == "john-quincy-adams"


def test_name_variants_of_one_person_are_one_speaker() -> None:
    out = resolve_names([("Donald J. Trump", "person"), ("Donald Trump", "person"), ("Donald John Trump Jr", None),
                         ("Hillary Rodham Clinton", "person"), ("Hillary Diane Rodham Clinton", "person")])
    assert out["donald trump"] == out["donald john trump jr"]  # "Donald J. Trump" is keyed "donald trump"
    assert out["donald trump"][0] == "donald-trump"
    # without the first-and-last form in the corpus, the shortest variant names the speaker
    assert out["hillary rodham clinton"] == out["hillary diane rodham clinton"] == ("hillary-rodham-clinton",
                                                                                    "Hillary Rodham Clinton")


def test_people_who_share_a_surname_stay_apart_and_a_bare_surname_is_not_guessed() -> None:
    out = resolve_names([("Bill Clinton", "person"), ("Hillary Clinton", "person"),
                         ("Hillary Rodham Clinton", "person"), ("Clinton", "person")])
    assert out["bill clinton"][0] == "bill-clinton"
    assert out["hillary clinton"][0] == out["hillary rodham clinton"][0] == "hillary-clinton"
    assert out["clinton"] == ("clinton", "Clinton")
    # one person with that surname, however many forms of the name: the surname joins them
    out = resolve_names([("Hillary Clinton", "person"), ("Hillary Rodham Clinton", "person"), ("Clinton", None)])
    assert out["clinton"][0] == "hillary-clinton"


@pytest.mark.parametrize(("key", "kind", "want"), [("hillary rodham clinton", "person", "hillary clinton"),
                                                   ("donald trump", None, "donald trump"),
                                                   ("clinton", "person", None),
                                                   ("bank of north america", None, None),
                                                   ("new york times", None, None),
                                                   ("joint chiefs of staff", "organisation", None)])
def test_variant_key(key, kind, want) -> None:
    from reportedly.corpus.speakers import variant_key

    assert variant_key(key, kind) == want


def test_bodies_with_the_same_first_and_last_word_stay_apart() -> None:
    out = resolve_names([("Bank of America", None), ("Bank of North America", None)])
    assert out["bank of america"][0] != out["bank of north america"][0]


def _linked(text: str, source: str, entity: Entity, *, nth: int = 0, src_entity: str | None = None,
            date: str = "2016-01-01") -> Document:
    """A document whose one attribution's source (``source``) refers to ``entity``."""
    d = Document(text, input=f"{entity.name}-{date}-{source}", meta=Metadata(date=date, sitename="X"))
    d.add_entity(entity)
    d.add_attribution(Attribution(id="a1", source=Source(spans=[at(text, source, nth)], entity=src_entity,
                                                         entity_id=entity.id, confidence=0.8),
                                  cue=[at(text, "said")], content=[at(text, "it")]))
    return d


def _person(text: str, name: str, *mentions: str, eid: str = "e1") -> Entity:
    return Entity(eid, name, "person", [at(text, m) for m in mentions], gender=None)


def test_the_entity_a_source_refers_to_names_the_speaker(tmp_path) -> None:
    text = "Joe Biden spoke. He said it."
    with Store(tmp_path / "c.db") as s:
        s.add(_linked(text, "He", _person(text, "Joe Biden", "Joe Biden", "He")))  # source.entity unset
        assert [r["id"] for r in s.speakers()] == ["joe-biden"]
        assert s.refresh_speakers() == 1
        assert s.conn.execute("SELECT speaker_name FROM attributions").fetchone()[0] == "joe biden"


def test_an_anonymous_entity_is_no_speaker(tmp_path) -> None:
    text = "Officials spoke. They said it."
    ent = Entity("e1", "Officials", "anonymous", [at(text, "Officials"), at(text, "They")], anonymous=True)
    with Store(tmp_path / "c.db") as s:
        s.add(_linked(text, "They", ent, src_entity="Officials"))
        assert s.speakers() == [] and s.refresh_speakers() == 0


def test_variants_across_documents_are_merged_and_namesakes_kept_apart(tmp_path) -> None:
    docs = []
    for i, (name, src) in enumerate([("Donald J. Trump", "Mr. Trump"), ("Donald Trump", "Trump"),
                                     ("Hillary Rodham Clinton", "she"), ("Hillary Clinton", "Mrs. Clinton"),
                                     ("Bill Clinton", "Mr. Clinton")]):
        text = f"{name} spoke. {src[0].upper() + src[1:]} said it."
        docs.append(_linked(text, src[0].upper() + src[1:], _person(text, name, name, src[0].upper() + src[1:]),
                            date=f"2016-01-0{i + 1}"))
    lone = "Clinton said it."
    bare = Document(lone, input="lone", meta=Metadata(sitename="X", date="2016-02-01"))
    bare.add_attribution(Attribution(id="a1", source=Source(spans=[at(lone, "Clinton")], entity="Clinton",
                                                            kind="person"),
                                     cue=[at(lone, "said")], content=[at(lone, "it")]))
    with Store(tmp_path / "c.db") as s:
        for d in [*docs, bare]:
            s.add(d)
        # while ingesting: a variant joins the speaker already stored
        assert {r["id"]: r["statements"] for r in s.speakers()} == {
            "donald-trump": 2, "hillary-rodham-clinton": 2, "bill-clinton": 1, "clinton": 1}
        s.refresh_speakers()
        assert {r["id"]: r["statements"] for r in s.speakers()} == {
            "donald-trump": 2, "hillary-clinton": 2, "bill-clinton": 1, "clinton": 1}
        assert s.speaker("donald-trump")["name"] == "Donald J. Trump"
        assert s.find_speakers("Hillary Diane Rodham Clinton") == ["hillary-clinton"]
        assert s.find_speakers("Clinton") == ["bill-clinton", "clinton", "hillary-clinton"]
        # how each was referred to: the mentions of the entities their statements come from
        forms = s.speaker("hillary-clinton")["referred_as"]
        assert forms == [{"form": "Hillary Rodham Clinton", "count": 1}, {"form": "She", "count": 1},
                         {"form": "Hillary Clinton", "count": 1}, {"form": "Mrs. Clinton", "count": 1}]


def test_a_bare_surname_joins_the_one_person_with_that_surname(tmp_path) -> None:
    with Store(tmp_path / "c.db") as s:
        for i, name in enumerate(["Hillary Clinton", "Hillary Rodham Clinton"]):
            text = f"{name} said it."
            s.add(_linked(text, name, _person(text, name, name), date=f"2016-01-0{i + 1}"))
        s.add(_one("Clinton said it.", "Clinton", "2016-02-01"))
        s.refresh_speakers()
        assert {r["id"]: r["statements"] for r in s.speakers()} == {"hillary-clinton": 3}


def test_speaker_lists_how_the_articles_referred_to_them(store) -> None:
    sp = store.speaker("mark-milley")
    assert sp["referred_as"] == [{"form": "Milley", "count": 3}, {"form": "Gen. Mark Milley", "count": 1},
                                 {"form": "The general", "count": 1}, {"form": "Mark Milley", "count": 1}]
    assert store.speaker("lloyd-austin")["referred_as"] == [{"form": "Lloyd Austin", "count": 1}]
