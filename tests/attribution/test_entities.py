"""The entity layer: every resolution case a careful reader agrees with, on hand-built documents."""

from __future__ import annotations

from reportedly.attribution import names
from reportedly.attribution.entities import resolve_speakers
from reportedly.document import Document

from .helpers import att, make_doc, span


def _entity_of(doc: Document, a) -> object:
    e = doc.entity(a.source.entity_id)
    assert e is not None, f"{a.id} has no entity"
    return e


# -- names -----------------------------------------------------------------------------------------

def test_packaged_first_names_give_gender() -> None:
    assert names.gender_of_first("Hillary") == "female"
    assert names.gender_of_first("Donald") == "male"
    assert names.gender_of_first("Xyzzy") is None


def test_well_known_people_by_surname() -> None:
    assert names.known_person("Obama").name == "Barack Obama"
    assert names.known_person("Obama", gender="female").name == "Michelle Obama"
    assert names.known_person("Nobodyknows") is None


def test_name_words_ignore_initials_and_suffixes() -> None:
    assert names.name_words("John G. Roberts Jr.") == ["john", "roberts"]
    assert names.surname_of("Hillary Rodham Clinton") == "clinton"
    assert names.parse("Sen. John G. Roberts Jr.") == ("john", "roberts")
    assert names.parse("Bill de Blasio") == ("bill", "blasio")
    assert {"sheriff", "coach", "ambassador"} <= names.TITLES


# -- pronouns ----------------------------------------------------------------------------------------

def test_pronouns_agree_in_gender() -> None:
    text = ("Hillary Clinton met Donald Trump in St. Louis on Sunday. "
            "She said the economy was rigged. He said the polls were wrong.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="She", cue="said", content="the economy was rigged")
    a2 = att(doc, "a2", source="He", cue="said", content="the polls were wrong")
    resolve_speakers(doc, [a1, a2])
    assert a1.source.entity == "Hillary Clinton"
    assert a2.source.entity == "Donald Trump"
    assert _entity_of(doc, a1).gender == "female"


def test_pronoun_ranker_weights_are_learned_and_packaged() -> None:
    from reportedly.attribution import pronouns

    weights = pronouns.antecedent_weights()
    assert len(weights) == len(pronouns.ANTECEDENT_FEATURES)
    assert weights != pronouns.HAND_WEIGHTS  # the packaged, trained ones
    by_name = dict(zip(pronouns.ANTECEDENT_FEATURES, weights, strict=True))
    assert by_name["sentences_back"] < 0 < by_name["last_speaker"]  # nearer and just-quoted people win


def test_pronoun_ranking_is_traced_with_its_features() -> None:
    from reportedly.attribution import pronouns

    text = ("Mark Hale opened the meeting with Tom Reed. Hale said the plan works. "
            "He added that the money was there.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Hale", cue="said", content="the plan works")
    a2 = att(doc, "a2", source="He", cue="added", content="that the money was there")
    pronouns.RANKING_TRACE = []
    try:
        resolve_speakers(doc, [a1, a2])
        trace = pronouns.RANKING_TRACE
    finally:
        pronouns.RANKING_TRACE = None
    assert a2.source.entity == "Mark Hale"
    assert 0.5 < (a2.source.confidence or 0) <= 0.95  # the winner's share of the softmax
    cands = next(c for pos, c in trace if pos == text.index("He added"))  # the source's own ranking
    names = [name for name, _ in cands]
    assert set(names) == {"Mark Hale", "Tom Reed"}
    feats = dict(zip(pronouns.ANTECEDENT_FEATURES, cands[names.index("Mark Hale")][1], strict=True))
    assert feats["last_speaker"] == 1.0 and feats["sentences_back"] == 1.0


def test_pronoun_skips_names_inside_the_quote() -> None:
    text = ("Gordon Sondland testified on Wednesday. "
            "“Donald Trump never told me that,” he said.")
    doc = make_doc(text)
    a = att(doc, "a1", source="he", cue="said", content="“Donald Trump never told me that,”", kind="direct")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Gordon Sondland"


def test_pronoun_prefers_the_previous_speaker() -> None:
    text = ("Jeff Merkley said the bank had failed its customers, speaking after Jon Tester. "
            "He added that regulators should act.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Jeff Merkley", cue="said", content="the bank had failed its customers")
    a2 = att(doc, "a2", source="He", cue="added", content="that regulators should act")
    resolve_speakers(doc, [a1, a2])
    assert a2.source.entity == "Jeff Merkley"


def test_quoted_i_is_the_quote_speaker() -> None:
    text = "“I told him the truth,” said Fiona Hill, a former adviser."
    doc = make_doc(text)
    outer = att(doc, "a1", source="Fiona Hill, a former adviser", cue="said",
                content="“I told him the truth,”", kind="direct")
    inner = att(doc, "a2", source="I", cue="told", content="him the truth")
    resolve_speakers(doc, [outer, inner])
    assert inner.source.entity == "Fiona Hill"
    assert inner.source.entity_id == outer.source.entity_id


def test_every_body_pronoun_joins_its_person() -> None:
    text = "Kellyanne Conway spoke on Monday. She said the campaign was strong. Her remarks drew cheers."
    doc = make_doc(text)
    a = att(doc, "a1", source="She", cue="said", content="the campaign was strong")
    resolve_speakers(doc, [a])
    e = _entity_of(doc, a)
    forms = {doc.text[s:t] for s, t in e.mentions}
    assert {"Kellyanne Conway", "She", "Her"} <= forms


# -- names, surnames, titles ---------------------------------------------------------------------

def test_title_and_surname_join_the_full_name() -> None:
    text = "Sen. Elizabeth Warren questioned the chief executive. Ms. Warren said he should resign."
    doc = make_doc(text)
    a = att(doc, "a1", source="Ms. Warren", cue="said", content="he should resign")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Elizabeth Warren"
    assert a.source.confidence >= 0.8


def test_well_known_surname_never_spelled_out() -> None:
    text = "President Obama spoke in Washington. Mr. Obama said the museum would tell an American story."
    doc = make_doc(text)
    a = att(doc, "a1", source="Mr. Obama", cue="said", content="the museum would tell an American story")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Barack Obama"


def test_gendered_title_picks_the_right_namesake() -> None:
    text = "Michelle Obama campaigned in Ohio. President Obama said the race was close."
    doc = make_doc(text)
    a = att(doc, "a1", source="President Obama", cue="said", content="the race was close")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Barack Obama"


def test_surname_means_the_namesake_just_named() -> None:
    text = ("John Smith, a local farmer, opposed the plan. Pat Smith, the county clerk, disagreed. "
            "Smith said the vote was fair.")
    doc = make_doc(text)
    a = att(doc, "a1", source="Smith", cue="said", content="the vote was fair", after=80)
    resolve_speakers(doc, [a])
    assert a.source.entity == "Pat Smith"


def test_titles_are_not_glued_to_names() -> None:
    text = ("Former special envoy for Ukraine Kurt Volker testified. "
            "Public Prosecution spokeswoman Eva-Marie Persson said the case was closed.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Former special envoy for Ukraine Kurt Volker", cue="testified", content="testified")
    a2 = att(doc, "a2", source="Public Prosecution spokeswoman Eva-Marie Persson", cue="said",
             content="the case was closed")
    resolve_speakers(doc, [a1, a2])
    assert a1.source.entity == "Kurt Volker"
    assert a2.source.entity == "Eva-Marie Persson"


def test_named_appositive_beats_an_anonymous_head() -> None:
    text = "Another witness, former White House Russia adviser Fiona Hill, said the claims were false."
    doc = make_doc(text)
    a = att(doc, "a1", source="Another witness, former White House Russia adviser Fiona Hill,", cue="said",
            content="the claims were false")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Fiona Hill"
    assert not a.source.anonymous


def test_spokesman_named_after_the_role() -> None:
    text = "His spokesman Jason Miller said the report was a fabrication."
    doc = make_doc(text)
    a = att(doc, "a1", source="His spokesman Jason Miller", cue="said", content="the report was a fabrication")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Jason Miller"


def test_person_of_a_place_is_the_person() -> None:
    text = "Representative Charles B. Rangel of New York said the bill would pass."
    doc = make_doc(text)
    a = att(doc, "a1", source="Representative Charles B. Rangel of New York", cue="said",
            content="the bill would pass")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Charles B. Rangel"
    assert a.source.kind == "person"


def test_relative_who_takes_the_name_before_it() -> None:
    text = "The committee heard from Mr. Kerry and Mr. Obama, who said the treaty was sound."
    doc = make_doc(text)
    a = att(doc, "a1", source="who", cue="said", content="the treaty was sound")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Barack Obama"


# -- descriptions and roles ----------------------------------------------------------------------

def test_description_links_to_the_role_holder() -> None:
    text = ("Republican presidential nominee Donald Trump spoke in Ohio, and Democratic nominee Hillary "
            "Clinton spoke in Iowa. The Republican nominee said trade deals had failed.")
    doc = make_doc(text)
    a = att(doc, "a1", source="The Republican nominee", cue="said", content="trade deals had failed")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Donald Trump"


def test_governor_after_gov() -> None:
    text = "New Jersey Gov. Chris Christie defended the plan. The governor said the bridge was safe."
    doc = make_doc(text)
    a = att(doc, "a1", source="The governor", cue="said", content="the bridge was safe")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Chris Christie"


def test_unheld_description_stays_unnamed_and_unsure() -> None:
    text = "A federal judge said the law was unconstitutional."
    doc = make_doc(text)
    a = att(doc, "a1", source="A federal judge", cue="said", content="the law was unconstitutional")
    resolve_speakers(doc, [a])
    assert a.source.anonymous
    assert a.source.confidence is not None and a.source.confidence < 0.6


# -- outlets, bodies, documents ------------------------------------------------------------------

def test_outlet_anaphor_takes_the_named_outlet() -> None:
    text = ("The Washington Post reported the talks on Friday. "
            "The newspaper said two officials had confirmed them.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="The Washington Post", cue="reported", content="the talks")
    a2 = att(doc, "a2", source="The newspaper", cue="said", content="two officials had confirmed them")
    resolve_speakers(doc, [a1, a2])
    assert a2.source.entity == "The Washington Post"
    assert a2.source.kind == "outlet"
    assert a2.source.entity_id == a1.source.entity_id


def test_her_campaign_is_the_named_campaign() -> None:
    text = "Hillary Clinton toured Florida on Monday. Her campaign said the crowds were large."
    doc = make_doc(text)
    a = att(doc, "a1", source="Her campaign", cue="said", content="the crowds were large")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Clinton campaign"
    assert a.source.kind == "organisation"


def test_document_speaks_for_its_author() -> None:
    text = "A Quinnipiac University poll released on Tuesday found the race was tied."
    doc = make_doc(text)
    a = att(doc, "a1", source="A Quinnipiac University poll", cue="found", content="the race was tied")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Quinnipiac University"


def test_organisation_named_with_function_words() -> None:
    text = "Citizens for Tax Justice said the rules favoured large companies."
    doc = make_doc(text)
    a = att(doc, "a1", source="Citizens for Tax Justice", cue="said", content="the rules favoured large companies")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Citizens for Tax Justice"
    assert not a.source.anonymous


def test_implicit_speaker_is_the_clause_subject() -> None:
    text = "Donald Trump spoke for an hour in Ohio on Monday, suggesting that the election was rigged."
    doc = make_doc(text)
    a = att(doc, "a1", cue="suggesting", content="that the election was rigged")
    resolve_speakers(doc, [a])
    assert a.source.spans == []
    assert a.source.entity == "Donald Trump"
    assert a.source.confidence <= 0.5


# -- the layer itself --------------------------------------------------------------------------------

def test_entity_layer_spans_and_ids() -> None:
    text = ("Sen. Ted Cruz spoke in Texas. Cruz said he would vote for the bill. "
            "Officials said the vote was close.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Cruz", cue="said", content="he would vote for the bill", after=25)
    a2 = att(doc, "a2", source="Officials", cue="said", content="the vote was close")
    resolve_speakers(doc, [a1, a2])
    cruz = _entity_of(doc, a1)
    assert cruz.name == "Ted Cruz" and cruz.kind == "person"
    assert span(text, "Ted Cruz") in cruz.mentions and span(text, "Cruz", after=25) in cruz.mentions
    officials = _entity_of(doc, a2)
    assert officials.kind == "anonymous" and officials.anonymous
    ids = [e.id for e in doc.entities]
    assert len(ids) == len(set(ids))
    for e in doc.entities:
        for s, t in e.mentions:
            assert 0 <= s < t <= len(text)
    d = doc.to_dict()
    assert d["schema"].endswith("/1.2")
    assert {"Ted Cruz", "Cruz"} <= set(next(x for x in d["entities"] if x["id"] == cruz.id)["forms"])
    assert Document.from_dict(d).entities == doc.entities


def test_shared_source_copies_the_entity() -> None:
    text = "Kellyanne Conway said the polls were tightening, adding that turnout would decide."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Kellyanne Conway", cue="said", content="the polls were tightening")
    a2 = att(doc, "a2", cue="adding", content="that turnout would decide")
    resolve_speakers(doc, [a1, a2], shares={"a2": "a1"})
    assert a2.source.entity == "Kellyanne Conway"
    assert a2.source.entity_id == a1.source.entity_id


def test_first_person_outside_quotes_is_the_author_or_the_outlet() -> None:
    text = "I have covered three elections. We believe the count was fair, and this newspaper said so."
    doc = make_doc(text)
    doc.meta.authors = ["Jane Porter"]
    doc.meta.sitename = "The Kessford Courier"
    a1 = att(doc, "a1", source="I", cue="have covered", content="three elections")
    a2 = att(doc, "a2", source="We", cue="believe", content="the count was fair")
    a3 = att(doc, "a3", source="this newspaper", cue="said", content="so")
    resolve_speakers(doc, [a1, a2, a3])
    assert a1.source.entity == "Jane Porter" and a1.source.kind == "person"
    assert a2.source.entity == "The Kessford Courier" and a2.source.kind == "outlet"
    assert a3.source.entity == "The Kessford Courier"


def test_coordinated_people_are_one_group_of_their_names() -> None:
    text = ("Donald Trump met his advisers on Friday. Trump and US Trade Representative Robert Lighthizer "
            "recognize that the deal is small.")
    doc = make_doc(text)
    a = att(doc, "a1", source="Trump and US Trade Representative Robert Lighthizer", cue="recognize",
            content="that the deal is small")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Donald Trump and Robert Lighthizer"
    assert a.source.kind == "group"


def test_descriptions_lose_relative_clauses_and_participles() -> None:
    text = ("An official at the agriculture ministry, speaking on condition of anonymity, said payments would "
            "come. The council is citing an internal review that the council has not published. "
            "Head librarian Josef Marrable, who reopened the building, said the shelves were dry.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="An official at the agriculture ministry, speaking on condition of anonymity",
             cue="said", content="payments would come")
    a2 = att(doc, "a2", source="an internal review that the council has not published", cue="citing",
             content="an internal review")
    a3 = att(doc, "a3", source="Head librarian Josef Marrable, who", cue="said", content="the shelves were dry")
    resolve_speakers(doc, [a1, a2, a3])
    assert a1.source.entity == "official at the agriculture ministry" and a1.source.anonymous
    assert a2.source.entity == "internal review" and a2.source.kind == "document"
    assert a3.source.entity == "Josef Marrable" and a3.source.role == "Head librarian"


def test_bodies_are_not_people() -> None:
    text = "Mayo Clinic said the drug was safe. InfoNation said the data was public."
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Mayo Clinic", cue="said", content="the drug was safe")
    a2 = att(doc, "a2", source="InfoNation", cue="said", content="the data was public")
    resolve_speakers(doc, [a1, a2])
    assert (a1.source.entity, a1.source.kind) == ("Mayo Clinic", "organisation")
    assert (a2.source.entity, a2.source.kind) == ("InfoNation", "organisation")


def test_restrictive_who_is_the_description_before_it() -> None:
    text = ("Fiona Hill testified on Thursday. A career Army officer who described the call "
            "said it was improper.")
    doc = make_doc(text)
    a = att(doc, "a1", source="who", cue="described", content="the call")
    resolve_speakers(doc, [a])
    assert a.source.entity != "Fiona Hill"
    assert a.source.anonymous and "officer" in a.source.entity


def test_places_and_mc_names() -> None:
    text = ("Say Mexico demanded a new deal. Mexico said it would wait. George Washington University "
            "hosted the talks. Tyresha McLenney said she had voted.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Mexico", cue="said", content="it would wait", after=30)
    a2 = att(doc, "a2", source="Tyresha McLenney", cue="said", content="she had voted")
    resolve_speakers(doc, [a1, a2])
    assert (a1.source.entity, a1.source.kind) == ("Mexico", "government")
    assert (a2.source.entity, a2.source.kind) == ("Tyresha McLenney", "person")


def test_company_names_and_their_short_forms() -> None:
    text = ("Walt Disney Co. executive Kevin Mayer said demand was high. Disney said the glitch was fixed. "
            "The exec said more shows would come.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Disney", cue="said", content="the glitch was fixed", after=60)
    a2 = att(doc, "a2", source="The exec", cue="said", content="more shows would come")
    resolve_speakers(doc, [a1, a2])
    assert (a1.source.entity, a1.source.kind) == ("Walt Disney Co.", "organisation")
    assert a2.source.entity == "Kevin Mayer"


def test_a_name_glossed_as_a_firm_is_a_body() -> None:
    text = ("Jerome Siegel founded Henry Realty, a firm focused on real estate, in 1960. "
            "He said the work kept him young.")
    doc = make_doc(text)
    a = att(doc, "a1", source="He", cue="said", content="the work kept him young")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Jerome Siegel"
    assert any(e.name == "Henry Realty" and e.kind == "organisation" for e in doc.entities)


def test_generic_body_heads_take_the_body_of_that_sort() -> None:
    text = ("The Congressional Budget Office released its estimate on Monday. Senator Jane Doe praised it. "
            "The agency said the deficit would grow. A claim the contractor reportedly denies was aired.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="The agency", cue="said", content="the deficit would grow")
    a2 = att(doc, "a2", source="A claim the contractor", cue="denies", content="A claim")
    resolve_speakers(doc, [a1, a2])
    assert a1.source.entity == "Congressional Budget Office"
    assert a2.source.entity == "contractor"  # an unnamed body, not the last body named


def test_a_document_someone_submitted_speaks_for_them() -> None:
    text = ("Donald Trump owns shares in several companies, according to new financial documents he "
            "submitted to the government.")
    doc = make_doc(text)
    a = att(doc, "a1", source="new financial documents he submitted to the government", cue="according to",
            content="Donald Trump owns shares in several companies")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Donald Trump"


def test_document_authors_with_dates_and_coauthors() -> None:
    text = ("A 46-page analysis released by the Department of Veterans Affairs last month shows a rise. "
            "A 2014 study by Harvard and the University of California at Berkeley found the same. "
            "In a speech Mrs. Clinton delivered at the university, she said so. Hillary Clinton agreed.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="A 46-page analysis released by the Department of Veterans Affairs last month",
             cue="shows", content="a rise")
    a2 = att(doc, "a2", source="A 2014 study by Harvard and the University of California at Berkeley",
             cue="found", content="the same")
    a3 = att(doc, "a3", source="a speech Mrs. Clinton delivered at the university", cue="said", content="so")
    resolve_speakers(doc, [a1, a2, a3])
    assert a1.source.entity == "Department of Veterans Affairs"
    assert a2.source.entity == "Harvard and the University of California at Berkeley"
    assert a3.source.entity == "Hillary Clinton"


def test_gendered_words_before_a_name_and_a_dominant_namesake() -> None:
    text = ("Sen. Ted Cruz spoke. Ted Cruz said he was ready. Ted Cruz added more. "
            "His wife Heidi Cruz joined him. Cruz said the race was close. "
            "“We are tired of waiting,” said 9/11 widow Terry Strada. She continued to speak.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Cruz", cue="said", content="the race was close",
             after=text.index("Cruz said the race"))
    a2 = att(doc, "a2", source="She", cue="continued", content="to speak")
    resolve_speakers(doc, [a1, a2])
    assert a1.source.entity == "Ted Cruz"  # named three times to her once, though she was named last
    assert a2.source.entity == "Terry Strada"  # "widow" outweighs the first name


def test_a_person_known_by_first_name() -> None:
    text = ("Melanie drove to the rally on Friday. Melanie thought the doctor was wrong. "
            "“It never crossed my mind,” she said. Will the rally grow? Hope remains.")
    doc = make_doc(text)
    a = att(doc, "a1", source="she", cue="said", content="“It never crossed my mind,”")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Melanie"
    assert not any(e.name in {"Will", "Hope"} for e in doc.entities)


def _speaker(text: str, source: str | None, cue: str, content: str):
    from reportedly.attribution.entities import resolve_speakers

    from .helpers import att, make_doc

    doc = make_doc(text)
    a = att(doc, "a1", source=source, cue=cue, content=content)
    resolve_speakers(doc, [a])
    return a.source


def test_the_company_is_the_body_named_just_before() -> None:
    src = _speaker("United Technologies will keep 1,000 jobs in Indiana. The company said it was pleased.",
                   "The company", "said", "it was pleased")
    assert src.entity == "United Technologies" and src.kind == "organisation"
    # a common word opening the sentence is not the company's name, the name after it is
    src = _speaker("Shares of Apple rose on Monday. The company said sales were strong.",
                   "The company", "said", "sales were strong")
    assert src.entity == "Apple"
    # a company the text names by its name's end, even after "at", and not the person before it
    src = _speaker("Supré worked as finance director at Vanguard Logistics Services in Belgium. "
                   "The company confirmed he was a passenger.", "The company", "confirmed", "he was a passenger")
    assert src.entity == "Vanguard Logistics Services" and src.kind == "organisation"
    # people, places and weekdays are not companies: with none named, the description stays
    src = _speaker("Mark Zuckerberg flew to Ohio on Monday. The company said nothing.",
                   "The company", "said", "nothing")
    assert src.entity == "company"


def test_a_campaign_is_its_owners_even_after_other_words() -> None:
    text = ("Bernie Sanders won the primary. The Sanders campaign said it raised $5 million. Hillary Clinton lost. "
            "Mrs. Clinton's presidential campaign said it would go on.")
    src = _speaker(text, "Mrs. Clinton's presidential campaign", "said", "it would go on")
    assert src.entity == "Clinton campaign" and src.kind == "organisation"


def test_an_outlet_is_named_as_the_article_writes_it() -> None:
    src = _speaker("CBS reported on Friday that the deal was off.", "CBS", "reported", "that the deal was off")
    assert src.entity == "CBS" and src.kind == "outlet"  # the list's "CBS News" is not what the article says
    src = _speaker("The New York Times said on Friday that the deal was off.", "The New York Times", "said",
                   "that the deal was off")
    assert src.entity == "The New York Times"
    src = _speaker("The New York Times broke the story. NYT said the deal was off.", "NYT", "said",
                   "the deal was off")
    assert src.entity == "The New York Times"


def test_a_description_set_before_a_name_is_that_names_role() -> None:
    text = ("Workers wrote to management. The group, WeWorkers Coalition, formed in recent weeks. "
            "The group announced over the weekend that a deal was reached.")
    src = _speaker(text, "The group", "announced", "that a deal was reached")
    assert src.entity == "WeWorkers Coalition" and src.kind == "organisation"


def test_a_person_and_others_are_a_group_that_they_refers_to() -> None:
    text = ("Republican Gov. Eric Holcomb and leaders of the Legislature have avoided criticism of teachers. "
            "They said they would wait.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Republican Gov. Eric Holcomb and leaders of the Legislature",
             cue="have avoided criticism of", content="teachers")
    a2 = att(doc, "a2", source="They", cue="said", content="they would wait")
    resolve_speakers(doc, [a1, a2])
    assert a1.source.entity == "Eric Holcomb and leaders of the Legislature" and a1.source.kind == "group"
    assert a2.source.entity == a1.source.entity


def test_a_body_the_people_name_is_not_the_people() -> None:
    src = _speaker("Schools closed, according to teachers unions.", "teachers unions", "according to",
                   "Schools closed")
    assert src.entity == "teachers unions"


def test_his_office_is_the_owners_office() -> None:
    text = "Gov. Eric Holcomb was in Japan. His office said he was keeping his plans."
    src = _speaker(text, "His office", "said", "he was keeping his plans")
    assert src.entity == "Eric Holcomb's office" and src.kind == "government"


def test_who_after_plural_words_is_those_people() -> None:
    text = "Among Democrats, 70 percent back Clinton, compared with 64 percent who say the same of Sanders."
    src = _speaker(text, "who", "say", "the same of Sanders")
    assert src.entity == "64 percent" and src.kind == "group"
    src = _speaker("Hillary Clinton spoke. The bill angered Hispanics who viewed it as a betrayal.", "who", "viewed",
                   "it as a betrayal")
    assert src.entity == "Hispanics" and src.kind == "group"


def test_who_after_a_persons_place_or_role_is_the_person() -> None:
    src = _speaker("Sen. Marco Rubio of Florida, who mused that the inquiry was a distraction, spoke on Friday.", "who",
                   "mused", "that the inquiry was a distraction")
    assert src.entity == "Marco Rubio"
    src = _speaker("He defended Joseph Blatter, the embattled president of soccer's governing body, FIFA, who said "
                   "he was innocent.", "who", "said", "he was innocent")
    assert src.entity == "Joseph Blatter"


def test_which_is_the_noun_phrase_before_its_comma() -> None:
    src = _speaker("Pence's press release linked to the Associated Press report, which notes that the foundation "
                   "gave money.", "which", "notes", "that the foundation gave money")
    assert src.entity == "Associated Press" and not src.anonymous
    src = _speaker("Members of the Service Employees International Union voted. The union, which endorsed her, "
                   "said it was pleased.", "which", "endorsed", "her")
    assert src.entity == "Service Employees International Union"


def test_which_keeps_a_name_with_of_and_finds_the_outlet_named_before() -> None:
    src = _speaker("Ted Cruz got a favorable decision from the Illinois Board of Elections, which ruled that he "
                   "was eligible.", "which", "ruled", "that he was eligible")
    assert src.entity == "Illinois Board of Elections"
    src = _speaker("He spoke to The Washington Post on Monday. He answered questions from The Post - which has "
                   "reported that he lied.", "which", "has reported", "that he lied")
    assert src.entity == "The Washington Post" and src.kind == "outlet"


def test_an_outlet_called_by_its_last_word_is_the_outlet_named_in_full() -> None:
    src = _speaker("He read The New York Times. The Times reported that he lied.", "The Times", "reported",
                   "that he lied")
    assert src.entity == "The New York Times" and src.kind == "outlet"
    src = _speaker("He spoke to The Washington Post on Monday. The Post reported that he lied.", "The Post",
                   "reported", "that he lied")
    assert src.entity == "The Washington Post"


def test_an_honorific_finds_a_name_word_that_is_not_last() -> None:
    text = ("''It is hard,'' said Maria Acosta Febo, the president of the bank. Later that week the bank "
            "paid its bonds. Ms. Acosta said the measures were needed.")
    assert _speaker(text, "Ms. Acosta", "said", "the measures were needed").entity == "Maria Acosta Febo"
    text = ("The finance minister, Lou Jiwei, spoke at the briefing. Mr. Lou said the glut was shrinking. "
            "He said more would follow.")
    assert _speaker(text, "Mr. Lou", "said", "the glut was shrinking").entity == "Lou Jiwei"
    assert _speaker(text, "He", "said", "more would follow").entity == "Lou Jiwei"  # "Mr." tells his gender


def test_a_title_inside_a_name_run_makes_a_person_not_an_outlet() -> None:
    text = ("''We are fine,'' said Atlantic City Mayor Don Guardian in an interview. "
            "''It is hard,'' Guardian said.")
    src = _speaker(text, "Guardian", "said", "It is hard")
    assert src.entity == "Don Guardian" and src.kind == "person"


def test_a_plural_role_before_names_is_not_part_of_them() -> None:
    text = ("David Jolly hopes to work across the aisle. Republicans Jolly of Indian Shores and DeSantis of "
            "Ponte Vedra Beach are against it. ''It is bad,'' Jolly said.")
    assert _speaker(text, "Jolly", "said", "It is bad").entity == "David Jolly"


def test_a_document_speaks_for_who_issued_it_earlier() -> None:
    text = ("Vanguard Logistics Services said in a statement on Monday that it was shocked. He was a respected "
            "colleague, the statement said.")
    assert _speaker(text, "the statement", "said", "He was a respected colleague").entity == \
        "Vanguard Logistics Services"
    text = ("Exxon Mobil sent a letter to the attorney general on Friday. The letter accused her of bias.")
    assert _speaker(text, "The letter", "accused", "her of bias").entity == "Exxon Mobil"
    # a newer document of that name whose issuer is not given is not the first one's
    text = ("Exxon Mobil sent a letter to the attorney general on Friday. On Monday a new letter arrived. "
            "The letter accused her of bias.")
    assert _speaker(text, "The letter", "accused", "her of bias").entity != "Exxon Mobil"


def test_the_group_and_the_university_are_the_body_just_named() -> None:
    text = "The Trayvon Martin Foundation held a vigil on Sunday. The group said it remembered him."
    assert _speaker(text, "The group", "said", "it remembered him").entity == "Trayvon Martin Foundation"
    text = "Protesters gathered at Columbia University on Monday. The university said it would review the policy."
    assert _speaker(text, "The university", "said", "it would review the policy").entity == "Columbia University"


def test_an_indefinite_description_is_someone_unnamed() -> None:
    text = ("Robert McDonough, a Carrier executive, spoke at the plant on Monday. "
            "The move was final, a Carrier executive said.")
    src = _speaker(text, "a Carrier executive", "said", "The move was final")
    assert src.anonymous and src.entity != "Robert McDonough"


def test_both_and_the_two_are_the_people_just_named_together() -> None:
    text = "Hillary Clinton and Bernie Sanders met in Iowa on Monday. Both said the debate was fair."
    src = _speaker(text, "Both", "said", "the debate was fair")
    assert src.kind == "group" and {"Hillary Clinton", "Bernie Sanders"} <= set(src.entity.split(" and "))
    text = "Ted Cruz spoke to Marco Rubio on Friday. The two candidates said they agreed."
    src = _speaker(text, "The two candidates", "said", "they agreed")
    assert src.kind == "group" and "Ted Cruz" in src.entity and "Marco Rubio" in src.entity


def test_they_never_refers_back_to_a_number_or_someone() -> None:
    text = ("Many voters were angry on Monday. Four said the caucus was late. "
            "They said the caucus was unfair.")
    doc = make_doc(text)
    a1 = att(doc, "a1", source="Many voters", cue="were angry", content="on Monday")
    a2 = att(doc, "a2", source="Four", cue="said", content="the caucus was late")
    a3 = att(doc, "a3", source="They", cue="said", content="the caucus was unfair")
    resolve_speakers(doc, [a1, a2, a3])
    assert a3.source.entity != "Four" and "voters" in (a3.source.entity or "")


def test_i_in_an_interviews_answer_is_the_one_interviewed() -> None:
    text = ("Former first lady Laura Bush has worked for Afghan women for years. Bush spoke on Monday.\n\n"
            "Q: Why did you go?\n\nA: Because they needed help, I think.")
    assert _speaker(text, "I", "think", "Because they needed help").entity == "Laura Bush"


def test_a_generational_suffix_tells_father_from_son() -> None:
    text = ("Donald J. Trump spoke on Monday. His son, Donald Trump Jr., said the speech was great.")
    assert _speaker(text, "Donald Trump Jr.", "said", "the speech was great").entity == "Donald Trump Jr."


def test_an_implicit_speaker_is_not_a_place_in_a_phrase() -> None:
    from .helpers import att, make_doc

    text = "Campaigning in Florida, the senator from Ohio mocked the plan, suggesting it would fail."
    doc = make_doc(text)
    a = att(doc, "a1", source=None, cue="suggesting", content="it would fail")
    resolve_speakers(doc, [a])
    assert a.source.entity != "Florida"


def test_a_body_noun_after_a_name_makes_it_that_body() -> None:
    text = ("Workers at the plant are represented by the United Steelworkers union. As in the auto industry, "
            "the union agreed to cuts.")
    doc = make_doc(text)
    a = att(doc, "a1", source="the union", cue="agreed", content="to cuts")
    resolve_speakers(doc, [a])
    assert a.source.entity == "United Steelworkers" and a.source.kind == "organisation"
    # a person's body is no body of that name: "the Trump campaign" stays the campaign of Trump
    text = "Donald Trump spoke in Ohio. The Trump campaign said the rally was full."
    doc = make_doc(text)
    a = att(doc, "a1", source="The Trump campaign", cue="said", content="the rally was full")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Trump campaign"


def test_a_body_noun_before_a_name_makes_it_that_body() -> None:
    text = "The advocacy group Autism Speaks is sponsoring a prize. The non-profit said it would fund ten homes."
    doc = make_doc(text)
    a = att(doc, "a1", source="The non-profit", cue="said", content="it would fund ten homes")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Autism Speaks" and a.source.kind == "organisation"
    # a person the article named is no body, whatever noun stands before the name
    text = "Donald Trump spoke in Ohio. He told the group Trump would win, and the crowd cheered."
    doc = make_doc(text)
    a = att(doc, "a1", source="He", cue="told", content="Trump would win")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Donald Trump"


def test_a_first_name_alone_is_the_person_named_in_full_with_it() -> None:
    text = ("Hillary Clinton spoke in Iowa on Monday, and Bernie Sanders spoke in Ohio.\n\n"
            "Hillary said the plan would pass.")
    doc = make_doc(text)
    a = att(doc, "a1", source="Hillary", cue="said", content="the plan would pass")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Hillary Clinton"


def test_an_honorific_corrects_a_gender_the_first_name_only_guessed() -> None:
    text = ("The cases were decided by one vote, said Lee Epstein, who teaches law.\n\n"
            "Ms. Epstein said the court had changed.")
    doc = make_doc(text)
    a = att(doc, "a1", source="Ms. Epstein", cue="said", content="the court had changed")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Lee Epstein"


def test_a_name_whose_surname_takes_an_honorific_is_a_person() -> None:
    text = ("When Kashiya Nwanguma learned that the rally was coming, she printed two signs.\n\n"
            "The moment that Ms. Nwanguma, 21, held up her signs, supporters shoved her, she said.")
    doc = make_doc(text)
    a = att(doc, "a1", source="she", cue="said", content="supporters shoved her", after=text.index("The moment"))
    resolve_speakers(doc, [a])
    assert a.source.entity == "Kashiya Nwanguma"


def test_a_first_name_in_the_text_refers_to_the_person_named_in_full_with_it() -> None:
    text = ("Bernie Sanders spoke in Vermont. His wife, Jane, offered a preview of the candidate's thinking.\n\n"
            "\"He wants to keep this movement going,\" she said. Jane Sanders spoke to reporters later.")
    doc = make_doc(text)
    a = att(doc, "a1", source="she", cue="said", content="He wants to keep this movement going")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Jane Sanders"


def test_a_columns_i_is_the_writer_its_foot_names() -> None:
    text = ("We rarely find out about abuses until long after the deed is done.\n\n"
            "This is why I refuse to answer the survey.\n\n"
            "James Bovard is the author of Public Policy Hooligan and a member of the Board of Contributors.")
    doc = make_doc(text)
    a = att(doc, "a1", source="I", cue="refuse", content="to answer the survey")
    resolve_speakers(doc, [a])
    assert a.source.entity == "James Bovard"
    # a news report's last paragraph about someone is no author's foot
    text = ("I was there, the witness said.\n\nThe mayor spoke on Monday.\n\n"
            "Mr. Sanders is almost certain to win a speaking slot at the convention.")
    doc = make_doc(text)
    a = att(doc, "a1", source="I", cue="was", content="there")
    resolve_speakers(doc, [a])
    assert a.source.entity != "Sanders"


def test_a_source_that_is_only_its_sentences_opening_word_is_the_clauses_subject() -> None:
    # the tagger took a clause's first word for the source: the speaker is the subject after the comma
    src = _speaker("Jeb Bush attacked Marco Rubio. Speaking to MSNBC’s Morning Joe on Monday, Bush said Rubio was "
                   "untested.", "Speaking", "said", "Rubio was untested")
    assert src.entity == "Jeb Bush"
    src = _speaker("Rubio spoke first. After saying he was nervous, the veteran Jim Ward asked about the war.",
                   "After", "asked", "about the war")
    assert src.entity == "Jim Ward"
    src = _speaker("Sanders voted yes. Sunday morning, Hillary Clinton slammed the shift.", "Sunday", "slammed",
                   "the shift")
    assert src.entity == "Hillary Clinton"
    # a surname the article uses is a name, however common the word
    src = _speaker("Peyton Manning retired. Manning said he was done.", "Manning", "said", "he was done")
    assert src.entity == "Peyton Manning"


def test_a_title_case_headlines_verbs_and_adverbs_end_the_name_before_them() -> None:
    from reportedly.attribution.entity_model import breaks_run

    assert breaks_run("Just") and breaks_run("Responded") and breaks_run("Asked") and breaks_run("Says")
    assert not breaks_run("States") and not breaks_run("Reports")  # nouns too: "United States"
    assert not breaks_run("Allen") and not breaks_run("Department")
    text = "Glenn Beck Just Responded to Donald Trump.\n\nBeck said the attacks were unfair."
    src = _speaker(text, "Beck", "said", "the attacks were unfair")
    assert src.entity == "Glenn Beck"


def test_they_is_the_people_just_named_together() -> None:
    src = _speaker("Take Idaho Republican Sens. Mike Crapo and Jim Risch. Last week, they endorsed the nominee.",
                   "they", "endorsed", "the nominee")
    assert src.entity == "Mike Crapo and Jim Risch" and src.kind == "group"
    src = _speaker("Chris Christie, John Kasich and Jeb Bush campaigned in Iowa. Even so, they vowed to carry on.",
                   "they", "vowed", "to carry on")
    assert src.entity == "Chris Christie, John Kasich and Jeb Bush"
    # names after a preposition are no subject a "they" goes back to
    src = _speaker("Teachers wrote a letter to Ted Cruz and Marco Rubio. They said the race was over.",
                   "They", "said", "the race was over")
    assert src.entity != "Ted Cruz and Marco Rubio"


def test_a_persons_camp_and_team_name_are_the_persons_campaign() -> None:
    text = "Hillary Clinton spoke in Ohio. Donald Trump spoke in Iowa.\n\nTeam Trump said the numbers were fake."
    src = _speaker(text, "Team Trump", "said", "the numbers were fake")
    assert src.entity == "Trump campaign" and src.kind == "organisation"
    text = "Hillary Clinton spoke in Ohio.\n\nThe Clinton camp said it would not respond."
    src = _speaker(text, "The Clinton camp", "said", "it would not respond")
    assert src.entity == "Clinton campaign" and src.kind == "organisation"
    # "Team" before a word no one in the article is called stays what the rules make of it
    text = "The squad trained in Denver.\n\nTeam USA said it was ready."
    src = _speaker(text, "Team USA", "said", "it was ready")
    assert src.entity != "USA campaign"


def test_a_speaker_after_the_verb_that_follows_a_quote_is_the_implicit_source() -> None:
    text = ("Hillary Clinton spoke in Ohio on Monday. Donald Trump won the delegates he needed.\n\n"
            "“That means a loose cannon is within reach of the most powerful job in the world,” warned Clinton.")
    src = _speaker(text, None, "warned",
                   "That means a loose cannon is within reach of the most powerful job in the world")
    assert src.entity == "Hillary Clinton"
    # no quotation before the verb: no inverted subject ("… and warned Clinton of the risk")
    text = "Hillary Clinton spoke in Ohio. Donald Trump called and warned Clinton of the risk."
    src = _speaker(text, None, "warned", "of the risk")
    assert src.entity != "Hillary Clinton"


def test_a_bodys_name_goes_on_with_of_for_and_on_after_its_head() -> None:
    text = "The Illinois Board of Elections ruled on Monday.\n\nThe board said Cruz met the standard."
    src = _speaker(text, "The board", "said", "Cruz met the standard")
    assert src.entity == "Illinois Board of Elections" and src.kind == "government"
    text = "The U.S. Chamber of Commerce filed the suit.\n\nThe chamber said it would win."
    doc = make_doc(text)
    a = att(doc, "a1", source="The chamber", cue="said", content="it would win")
    resolve_speakers(doc, [a])
    assert a.source.entity == "U.S. Chamber of Commerce" and a.source.kind == "organisation"
    names = {e.name for e in doc.entities}
    assert "Commerce" not in names  # not a person called Commerce
    # a date after "on" is no part of the name
    text = "Protesters gathered at Columbia University on Monday.\n\nThe university said it would review the policy."
    src = _speaker(text, "The university", "said", "it would review the policy")
    assert src.entity == "Columbia University"
    # "the chamber" of a legislature, "the bureau" of the FBI
    text = "The Senate passed the bill on Friday.\n\nThe chamber said it would adjourn."
    src = _speaker(text, "The chamber", "said", "it would adjourn")
    assert src.entity == "Senate"


def test_a_name_in_mangled_utf8_is_read_and_shown_as_written() -> None:
    text = ("TomÃ¡s Regalado would have hurled himself into the task.\n\n"
            "Mr. Regalado, the Republican mayor of Miami, said he was sitting it out.")
    doc = make_doc(text)
    a = att(doc, "a1", source="Mr. Regalado, the Republican mayor of Miami,", cue="said",
            content="he was sitting it out")
    resolve_speakers(doc, [a])
    assert a.source.entity == "Tomás Regalado" and a.source.kind == "person"
    assert doc.text.startswith("TomÃ¡s")  # the text itself is never changed
    assert names.unmangle("FranÃ§ois Delattre") == "François Delattre"
    assert names.unmangle("Ségolène Royal") == "Ségolène Royal"  # right already: as it is


def test_a_document_obtained_by_an_outlet_speaks_for_who_wrote_it() -> None:
    text = ("Bernie Sanders used the emblem of the American Legion in campaign materials. A Feb. 1 letter from the "
            "American Legion obtained by The Associated Press warns that lawyers will handle it.")
    src = _speaker(text, "A Feb. 1 letter from the American Legion obtained by The Associated Press", "warns",
                   "lawyers will handle it")
    assert src.entity == "American Legion"
    text = "The senator spoke on Monday. A memo from the Pentagon obtained by The New York Times said the plan failed."
    src = _speaker(text, "A memo from the Pentagon obtained by The New York Times", "said", "the plan failed")
    assert src.entity == "Pentagon"


def test_the_ad_is_of_whoever_is_releasing_it() -> None:
    text = ("The Jeb Bush campaign is releasing a new online ad Monday aimed at John Kasich.\n\n"
            "The ad comes a day before the primary. The nearly 90-second ad slams Kasich for his votes.")
    src = _speaker(text, "The nearly 90-second ad", "slams", "Kasich for his votes")
    assert src.entity == "Bush campaign"
    text = ("Democratic presidential candidate Bernie Sanders is releasing a new 30-second ad in New York.\n\n"
            "The ad says nothing will change.")
    src = _speaker(text, "The ad", "says", "nothing will change")
    assert src.entity == "Bernie Sanders"


def test_a_surname_with_its_particle_is_the_person_named_in_full() -> None:
    text = "Marine Le Pen spoke in Paris on Sunday.\n\n“I would choose him,” said Le Pen, who leads the party."
    src = _speaker(text, "Le Pen", "said", "I would choose him")
    assert src.entity == "Marine Le Pen"


def test_a_first_name_before_a_well_known_surname_is_someone_else_of_that_name() -> None:
    text = ("Zeke Emanuel, an oncologist who advised the White House, said the law worked.\n\n"
            "“It is not a good mode,” Emanuel said.")
    src = _speaker(text, "Emanuel", "said", "It is not a good mode")
    assert src.entity == "Zeke Emanuel"
    # a role before the surname is no first name: the well-known person
    text = "Chicago Mayor Emanuel spoke on Monday.\n\nEmanuel said the city was safe."
    src = _speaker(text, "Emanuel", "said", "the city was safe")
    assert src.entity == "Rahm Emanuel"


def test_a_letters_i_is_whoever_signs_it() -> None:
    text = ("LETTERS.\n\nAfter great thought, I cannot see any future for this party.\n\nDebby James.\n\n"
            "Mission Viejo, Calif.\n\nI agree with the editorial.\n\nBruce R. Gary.\n\nRhinelander, Wis.\n")
    doc = make_doc(text)
    a = att(doc, "a1", source="I", cue="cannot see", content="any future for this party")
    b = att(doc, "a2", source="I", cue="agree", content="with the editorial", after=text.index("Calif."))
    resolve_speakers(doc, [a, b])
    assert a.source.entity == "Debby James" and b.source.entity == "Bruce R. Gary"
    # no signature: the outlet's own voice, as before
    doc = make_doc("I cannot see any future for this party.\n\nThe vote is on Tuesday.")
    a = att(doc, "a1", source="I", cue="cannot see", content="any future for this party")
    resolve_speakers(doc, [a])
    assert a.source.entity != "Tuesday"


def test_people_close_to_a_campaign_and_one_senior_democrat_are_anonymous() -> None:
    text = "Paul Manafort spoke on Monday.\n\nThe plan was fair, according to people close to the campaign."
    src = _speaker(text, "people close to the campaign", "according to", "The plan was fair")
    assert src.anonymous and src.kind == "anonymous"
    text = "Hillary Clinton met donors.\n\n“It is time to jump in,” one senior Democrat said."
    src = _speaker(text, "one senior Democrat", "said", "It is time to jump in")
    assert src.anonymous and src.kind == "anonymous"


def test_a_source_the_tagger_left_out_is_the_noun_phrase_before_the_verb() -> None:
    text = ("Mohamed Assem was on the flight.\n\nHe had been completing his second year, a school spokesman told "
            "the newspaper.")
    src = _speaker(text, None, "told", "He had been completing his second year")
    assert src.anonymous and src.entity == "school spokesman"
    text = ("Donald Trump spoke in Ohio. Hillary Clinton spoke in Iowa.\n\nMr. Trump hit back on Sunday after the "
            "Democratic front-runner had said that he was a recruiter.")
    src = _speaker(text, None, "had said", "he was a recruiter")
    assert src.entity in {"Hillary Clinton", "Democratic front-runner"}
    # a passive cue takes no subject before it
    text = "Two attacks hit Normandy.\n\nBoth incidents were claimed by the group."
    src = _speaker(text, None, "were claimed", "Both incidents")
    assert src.entity != "Both incidents"


def test_no_name_runs_across_the_end_of_a_sentence() -> None:
    text = ("Mohamed Assem was on the flight, a spokesman told The Wall Street Journal. Friends mourned him.\n\n"
            "He had no known political affiliations, the airline added.")
    src = _speaker(text, "the airline", "added", "He had no known political affiliations")
    assert "Friends" not in (src.entity or "")
