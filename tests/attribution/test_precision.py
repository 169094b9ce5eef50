"""Precision on real text: narration, actions of no speech and page furniture are not statements;
quotes inside quotes, relays to outlets, lead hedges and future dates come out right.

Each document is built by hand after a case read on a real news page."""

from __future__ import annotations

import pytest

from reportedly.attribution import AttributionComponent
from reportedly.settings import Settings

from .helpers import make_doc, text_of


@pytest.fixture(scope="module")
def component() -> AttributionComponent:
    return AttributionComponent(Settings.load(env={}))


def _analyse(component, text: str, **kw):
    return component(make_doc(text, **kw))


def _headlined(text: str, **kw):
    """A document whose first line is its title (a layer of its own) and the rest paragraphs."""
    from reportedly.document import Document, Metadata

    title = text.split("\n", 1)[0]
    doc = Document(text, meta=Metadata(title=title, **kw))
    doc.add_span("title", 0, len(title))
    pos = len(title)
    for block in text[pos:].split("\n\n"):
        if block.strip():
            s = text.index(block.strip(), pos)
            doc.add_span("paragraph", s, s + len(block.strip()))
            pos = s + len(block.strip())
    return doc


def _by_cue(doc, cue: str):
    return [a for a in doc.attributions if text_of(doc, a.cue) == cue]


@pytest.mark.parametrize("text", [
    "Nothing suggests she has shown any partisanship in her rulings.",
    "If it seemed like the market was calm, it was not.",
    "The Dow Jones index added 20.72 points on Tuesday.",
])
def test_narration_is_not_speech(component, text: str) -> None:
    assert _analyse(component, text).attributions == []


def test_a_question_subheading_is_not_a_statement(component) -> None:
    doc = _analyse(component, "What did the prosecutors say?\n\nThe prosecutors said the evidence was strong.")
    assert [text_of(doc, a.content) for a in doc.attributions] == ["the evidence was strong"]


def test_asking_not_to_be_named_is_no_statement_and_the_source_keeps_its_clause(component) -> None:
    doc = _analyse(component, "Two officials, who asked not to be named, said the plan was dead.")
    assert len(doc.attributions) == 1
    a = doc.attributions[0]
    assert text_of(doc, a.source.spans).startswith("Two officials")
    assert a.source.anonymous and a.source.role is None


def test_a_claim_someone_denies(component) -> None:
    text = ("Councillor Priya Hensworth said the delay was caused by a dispute with the contractor, "
            "a claim the contractor reportedly denies.")
    doc = _analyse(component, text)
    denies = _by_cue(doc, "denies")
    assert denies and text_of(doc, denies[0].source.spans) == "the contractor"
    assert denies[0].hedges == ["reportedly"]
    said = _by_cue(doc, "said")[0]
    assert said.via is None  # the contractor denies the councillor's claim; it does not relay it
    assert not _by_cue(doc, "claim")


def test_quotes_inside_quotes_are_relayed_by_the_outer_speaker(component) -> None:
    text = "\"He asked, 'So he's going to do the investigation?' and I said yes,\" Smith testified."
    doc = _analyse(component, text)
    outer = _by_cue(doc, "testified")[0]
    inner = _by_cue(doc, "asked")
    assert inner, [text_of(doc, a.cue) for a in doc.attributions]
    assert text_of(doc, inner[0].source.spans) == "He"
    assert "going to do the investigation?" in text_of(doc, inner[0].content)
    assert inner[0].via == outer.id


@pytest.mark.parametrize("text, outlet", [
    ("\"We will appeal,\" the minister told Agence France-Presse.", "Agence France-Presse"),
    ("The company said in an email to The Associated Press that it had fixed the flaw.", "Associated Press"),
    ("The senator told Reuters on Monday that she would vote no.", "Reuters"),
])
def test_an_outlet_told_is_the_relay(component, text: str, outlet: str) -> None:
    doc = _analyse(component, text)
    assert len(doc.attributions) == 1
    a = doc.attributions[0]
    assert a.relay is not None and a.relay["outlet"] == outlet
    assert outlet.split()[-1] in text_of(doc, a.relay["spans"])
    assert doc.to_dict()["attributions"][0]["relay"]["outlet"] == outlet


def test_a_named_relay_with_its_own_attribution_is_via(component) -> None:
    doc = _analyse(component, "Reuters reported the deal on Monday.\n\nThe minister told Reuters that talks would go on.")
    told = _by_cue(doc, "told")[0]
    assert told.relay is None and told.via == _by_cue(doc, "reported")[0].id


def test_hedges_in_the_headline_and_lead(component) -> None:
    text = ("Putin reportedly ill, officials say\n\n"
            "Russian President Vladimir Putin is reportedly ill, US officials said on Friday.\n\n"
            "The officials said Mr Putin had allegedly undergone treatment.")
    doc = component(_headlined(text))
    by_cue = {text_of(doc, a.cue): a for a in doc.attributions}
    assert "reportedly" in by_cue["say"].hedges
    lead = [a for a in doc.attributions if "is reportedly ill" in text_of(doc, a.content)]
    assert lead and "reportedly" in lead[0].hedges
    later = [a for a in doc.attributions if "undergone treatment" in text_of(doc, a.content)]
    assert later and later[0].hedges == []  # past the lead, a hedge in the content is the claim's


def test_future_tense_resolves_forward(component) -> None:
    text = ("The director, who will testify Thursday, said the agency was ready.\n\n"
            "The minister will speak on Friday, her spokesman said on Monday.")
    doc = _analyse(component, text, date="2022-11-09")  # a Wednesday
    said = _by_cue(doc, "said")
    assert said[0].date is None  # Thursday is the testimony's date, not the statement's
    assert text_of(doc, said[0].source.spans).startswith("The director")
    assert said[1].date == "2022-11-07"
    from reportedly.attribution.when import _EXPR, resolve

    m = _EXPR.search("Thursday")
    from datetime import date

    assert resolve(m, date(2022, 11, 9), None, forward=True) == "2022-11-10"
    assert resolve(m, date(2022, 11, 9), None) == "2022-11-03"


def test_a_future_cue_takes_the_coming_day() -> None:
    from datetime import date

    from reportedly.attribution.when import statement_date
    from reportedly.document import Attribution, Source

    text = "Smith will testify Thursday about the contracts."
    s = text.index("testify")
    att = Attribution(id="a1", source=Source(spans=[(0, 5)]), cue=[(s, s + 7)],
                      content=[(text.index("about"), len(text) - 1)])
    assert statement_date(text, att, date(2022, 11, 9), None) == "2022-11-10"


def test_a_headline_verb_that_reports_no_statement(component) -> None:
    text = ("White House divided on pushing for peace in Ukraine – NYT\n\n"
            "The US government is divided on whether to press Ukraine into talks, the New York Times reported.")
    doc = component(_headlined(text))
    assert not _by_cue(doc, "divided on")
    assert _by_cue(doc, "reported")
    text = "War in Ukraine could last for years, Milley warns\n\nGen. Mark Milley said on Monday the war would last."
    doc = component(_headlined(text))
    assert _by_cue(doc, "warns")


def test_content_does_not_jump_another_speakers_cue(component) -> None:
    text = ("Moscow has repeatedly stated that it remains open to talks with Kiev. However, Ukrainian President "
            "Vladimir Zelensky has set out conditions for any talks, which include the \u201crestoration of "
            "territorial integrity\u201d and \u201ccompensation for all war damage.\u201d")
    doc = _analyse(component, text)
    stated = _by_cue(doc, "has repeatedly stated")[0]
    assert "restoration" not in text_of(doc, stated.content)


def test_content_stays_in_its_paragraph_unless_a_quote_runs_on(component) -> None:
    text = ("\"We will appeal,\" the minister told reporters.\n\n"
            "The company said in a statement that it had fixed the flaw.")
    doc = _analyse(component, text)
    told = _by_cue(doc, "told")[0]
    assert text_of(doc, told.content) == "\"We will appeal,\""


def test_an_event_ended_is_not_a_statement(component) -> None:
    text = ("US President Donald Trump has claimed victory as the Democratic Party-controlled House of "
            "Representatives concluded its third public hearing on the impeachment.\n\n"
            "\"It is over,\" White House Press Secretary Stephanie Grisham said.\n\n"
            "The panel concluded that the evidence was thin.")
    doc = _analyse(component, text)
    assert not [a for a in _by_cue(doc, "concluded") if "hearing" in text_of(doc, a.content)]
    assert [a for a in _by_cue(doc, "concluded") if "evidence was thin" in text_of(doc, a.content)]


def test_a_legal_step_is_not_a_statement_but_an_accusation_is(component) -> None:
    text = ("Two federal prison officers were charged Tuesday with falsifying records in the case.\n\n"
            "A New York man pleaded guilty to threatening to kill a congresswoman.\n\n"
            "The union charged that the company had broken the contract.")
    doc = _analyse(component, text)
    assert not [a for a in doc.attributions if "officers" in text_of(doc, a.source.spans)]
    assert not [a for a in doc.attributions if "man" in text_of(doc, a.source.spans)]
    assert [a for a in _by_cue(doc, "charged") if "broken the contract" in text_of(doc, a.content)]


def test_speech_reported_inside_speech_is_its_own_statement_relayed_by_the_outer_one(component) -> None:
    text = ("Federal prosecutors said Smith told a dispatcher that \"somebody ought to put a bullet in her skull.\"\n\n"
            "The court will hear the case in May.")
    doc = _analyse(component, text)
    outer = _by_cue(doc, "said")
    inner = _by_cue(doc, "told")
    assert len(outer) == 1 and len(inner) == 1
    assert text_of(doc, outer[0].source.spans) == "Federal prosecutors"
    assert text_of(doc, outer[0].content).startswith("Smith told a dispatcher")  # the outer content keeps it all
    assert text_of(doc, inner[0].source.spans) == "Smith" and inner[0].source.entity == "Smith"
    assert "bullet in her skull" in text_of(doc, inner[0].content)
    assert inner[0].via == outer[0].id and outer[0].via is None  # the one who relays is via, never the relayed


def test_a_name_called_inside_a_statement_is_its_own_record_relayed_by_it(component) -> None:
    text = ("Federal prosecutors said Patrick Carlineo told the dispatcher that \"somebody ought to put a bullet in "
            "her skull.\" The office said Carlineo also called Omar a terrorist.\n\nThe court will hear the case in May.")
    doc = _analyse(component, text)
    outer = [a for a in _by_cue(doc, "said") if text_of(doc, a.source.spans) == "The office"]
    inner = _by_cue(doc, "called")
    assert len(outer) == 1 and len(inner) == 1
    assert text_of(doc, outer[0].content) == "Carlineo also called Omar a terrorist"
    assert inner[0].source.entity == "Patrick Carlineo" and inner[0].via == outer[0].id


def test_who_after_a_body_is_that_body(component) -> None:
    text = ("Tim Morrison testified on Thursday about the talks.\n\n"
            "The Taliban, who have long refused to negotiate with Kabul, said the talks would resume.")
    doc = _analyse(component, text)
    said = [a for a in _by_cue(doc, "said") if "talks would resume" in text_of(doc, a.content)]
    assert said and said[0].source.entity == "Taliban" and said[0].via is None
    assert all(a.source.entity != "Tim Morrison" for a in doc.attributions if "negotiate" in text_of(doc, a.content))


def test_a_capitalised_body_of_people_is_not_a_person_described(component) -> None:
    text = ("The House of Representatives voted on the bill, the House of Representatives said in a statement.\n\n"
            "\"It is over,\" White House Press Secretary Stephanie Grisham said.")
    doc = _analyse(component, text)
    grisham = next(e for e in doc.entities if e.name == "Stephanie Grisham")
    assert all("Representatives" not in doc.text[s:e] for s, e in grisham.mentions)


def test_a_quotation_the_tagger_split_is_kept_whole(component) -> None:
    text = ("\"Markets usually run ahead of macros and price future growth. There are three positive indicators "
            "for growth – reduction in the corporate tax rate, proposed divestment of large public sector units "
            "and a possible resolution of the US-China trade impasse. Therefore, we see growth coming back in "
            "2020. Now, we expect broader markets to outperform,\" said Sanjiv Bhasin, Director, IIFL Securities.")
    doc = _analyse(component, text)
    said = _by_cue(doc, "said")[0]
    assert len(said.content) == 1 and "proposed divestment" in text_of(doc, said.content)


def test_examples_read_as_a_newcomer_sees_them(component) -> None:
    text = ("\"We were told it would take three months,\" said head librarian Josef Marrable, who spent the "
            "winter sorting stock.\n\n"
            "Two officials at the port authority, who asked not to be named because they were not authorised "
            "to speak publicly, said the board had signed a contract.")
    doc = _analyse(component, text)
    marrable = _by_cue(doc, "said")[0]
    assert marrable.source.entity == "Josef Marrable" and marrable.source.role == "head librarian"
    assert not text_of(doc, marrable.source.spans).endswith("who")
    assert not _by_cue(doc, "asked")
    said = [a for a in doc.attributions if "board had signed" in text_of(doc, a.content)]
    assert said and said[0].source.anonymous and said[0].source.role is None


def test_the_one_spoken_to_is_not_the_speaker(component) -> None:
    text = ("Kathleen Hawk Sawyer, the director of the Bureau of Prisons, testified on Tuesday.\n\n"
            "Hawk Sawyer acknowledged significant staffing shortages Tuesday, telling lawmakers that prison "
            "officials are working to fill 3,000 vacancies across the system.\n\n"
            "Indiana House Speaker Brian Bosma spoke before lawmakers defending the state budget, saying it gave "
            "schools more money than ever.\n\n"
            "The mayor was told by aides that the bridge would close.")
    doc = _analyse(component, text)
    (telling,) = _by_cue(doc, "telling")
    assert telling.source.entity == "Kathleen Hawk Sawyer"
    assert "lawmakers" not in text_of(doc, telling.source.spans)
    for a in _by_cue(doc, "defending"):
        assert "lawmakers" not in text_of(doc, a.source.spans) and a.source.entity == "Brian Bosma"
    told = [a for a in doc.attributions if "bridge would close" in text_of(doc, a.content)]
    assert told and "aides" in text_of(doc, told[0].source.spans)  # "told by aides": the aides spoke


def test_a_content_runs_on_past_an_abbreviation_or_a_clock_time(component) -> None:
    text = ("Prosecutors alleged that no inmate checks were made from 10:30 p.m. Aug. 9 to 6:30 a.m. the "
            "following morning, when the officers discovered the body.")
    doc = _analyse(component, text)
    (alleged,) = _by_cue(doc, "alleged")
    assert text_of(doc, alleged.content).endswith("when the officers discovered the body")


def test_an_office_or_a_body_is_no_person_named_by_its_remit(component) -> None:
    text = ("The United Nations High Commissioner for Human Rights said the decision did not modify "
            "international law.\n\n"
            "The Palestinian Authority - which considers the US biased - has rejected the administration as a "
            "mediator.\n\n"
            "West Virginia Gov. Jim Justice said the state would appeal.")
    doc = _analyse(component, text)
    commissioner = [a for a in doc.attributions if "modify" in text_of(doc, a.content)][0]
    assert commissioner.source.entity == "United Nations High Commissioner for Human Rights"
    assert commissioner.source.kind != "person"
    (rejected,) = _by_cue(doc, "has rejected")
    assert text_of(doc, rejected.source.spans).startswith("The Palestinian Authority")
    assert rejected.source.entity == "Palestinian Authority" and rejected.source.kind != "person"
    justice = [a for a in doc.attributions if "appeal" in text_of(doc, a.content)][0]
    assert justice.source.entity == "Jim Justice" and justice.source.kind == "person"


def test_a_dateline_is_no_implicit_speaker(component) -> None:
    text = ("WASHINGTON – Two federal jail guards were charged Tuesday with falsifying records, stating they had "
            "checked on the inmate in the hours before he died.")
    doc = make_doc(text)
    doc.add_span("dateline", 0, len("WASHINGTON"))
    doc = component(doc)
    for a in _by_cue(doc, "stating"):
        assert a.source.entity != "WASHINGTON"


def test_a_content_of_one_article_word_is_no_statement() -> None:
    from reportedly.attribution.candidates import Candidate
    from reportedly.attribution.merge import _not_a_statement

    text = "The security breakdown was grave, and lawmakers expressed outrage over it."
    cue = (text.index("expressed"), text.index("expressed") + len("expressed outrage"))
    the = (0, 3)
    assert _not_a_statement(text, Candidate(cue=[cue], source=[], content=[the]))
    that = (text.index("it."), text.index("it.") + 2)
    assert not _not_a_statement(text, Candidate(cue=[cue], source=[], content=[that]))


def test_the_tail_of_a_longer_name_is_the_same_person(component) -> None:
    text = ("Attorney General William Barr put Kathleen Hawk Sawyer in charge of the investigations.\n\n"
            "Hawk Sawyer said she could not comment on the ongoing criminal investigation.")
    doc = _analyse(component, text)
    said = [a for a in doc.attributions if "could not comment" in text_of(doc, a.content)][0]
    assert said.source.entity == "Kathleen Hawk Sawyer"



def test_a_speaker_is_named_without_the_dash_that_set_off_what_followed() -> None:
    from reportedly.attribution.speakers import analyse

    assert analyse("The Palestinian Authority -").entity == "Palestinian Authority"
    assert analyse("Jordan -").entity == "Jordan"


def test_the_implicit_speaker_is_the_main_clause_subject_not_the_opening_clauses(component) -> None:
    text = ("While some Indiana protesters chanted, “Red for Ed,” in a Statehouse hallway, Indiana House Speaker "
            "Brian Bosma spoke before lawmakers defending the state budget approved in April.")
    doc = _analyse(component, text)
    for a in _by_cue(doc, "defending"):
        assert a.source.entity == "Brian Bosma"


def test_a_headline_that_names_its_speaker_after_a_colon(component) -> None:
    doc = component(_headlined("Impeachment sham completely debunked: White House\n\n"
                               "The hearings went on for a second day on Wednesday."))
    (said,) = [a for a in doc.attributions if a.cue and doc.text[a.cue[0][0]:a.cue[0][1]] == ":"]
    assert said.source.entity == "White House" and text_of(doc, said.content) == "Impeachment sham completely debunked"
    topic = component(_headlined("Live updates: Coronavirus\n\nThe hearings went on for a second day on Wednesday."))
    assert not [a for a in topic.attributions if "Coronavirus" in text_of(topic, a.source.spans)]


def test_a_standfirst_the_body_repeats_gives_no_second_copy_of_its_statements(component) -> None:
    from reportedly.document import Document, Metadata

    lead = ("Patrick told the crowd on Tuesday that he would fight for small businesses across the state, "
            "aides said.")
    text = f"Patrick visits South Carolina\n{lead}\n\n{lead}\n\nHe left after an hour."
    doc = Document(text, meta=Metadata(title="Patrick visits South Carolina"))
    doc.add_span("title", 0, len("Patrick visits South Carolina"))
    first = text.index(lead)
    doc.add_span("standfirst", first, first + len(lead))
    second = text.index(lead, first + 1)
    doc.add_span("paragraph", second, second + len(lead))
    last = text.index("He left")
    doc.add_span("paragraph", last, len(text))
    doc = component(doc)
    told = [a for a in doc.attributions if "small businesses" in text_of(doc, a.content)]
    assert told and all(a.start > second - 1 for a in told)  # found in the body, not again in the standfirst
    assert len({text_of(doc, a.content) for a in told}) == len(told)


def test_a_body_described_then_named_after_a_comma_is_that_name(component) -> None:
    text = ("Taylor Swift row deepens\n\n"
            "The group that owns most of her music, Big Machine, says she can perform.\n\n"
            "The company that runs the awards, Dick Clark Productions, denies that anything has been sorted.\n\n"
            "His spokesman, Jason Miller, said the claim was false.")
    doc = _analyse(component, text)
    speakers = {text_of(doc, a.content): a.source for a in doc.attributions}
    assert speakers["she can perform"].entity == "Big Machine" and speakers["she can perform"].kind == "organisation"
    sorted_ = next(v for k, v in speakers.items() if "sorted" in k)
    assert sorted_.entity == "Dick Clark Productions" and not sorted_.anonymous
    assert speakers["the claim was false"].entity == "Jason Miller"  # a person's appositive stays a person
