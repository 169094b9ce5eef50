"""The text-dump cleaner: article body, headline, standfirst, dateline, bylines and credit as spans."""

from __future__ import annotations

import pytest

from reportedly.clean import StructureComponent
from reportedly.clean.textdump import TextDumpCleaner
from reportedly.document import Document


def _clean(text: str) -> Document:
    return TextDumpCleaner()(Document(text))


def test_example_dump(examples) -> None:
    text = (examples / "harbour-dispute.txt").read_text("utf-8")
    doc = _clean(text)
    m = doc.meta
    assert doc.text == text  # never modified
    assert m.title == "Port of Velmora dockworkers threaten strike over automation plans – Coastal Ledger"
    assert m.description.startswith("Union leaders reportedly believe")
    assert m.date == "2025-03-14T08:40:00"
    assert m.authors == ["Marta Lindqvist"]
    assert m.headline_credit["entity"] == "The Coastal Ledger"
    s, e = m.headline_credit["spans"][0]
    assert text[s:e] == "Coastal Ledger"
    body = doc.body
    assert body.startswith("Dockworkers at the Port of Velmora could walk out")
    assert body.endswith("the newer deep-water port at Saltmere.")
    for junk in ("icon", "Subscribe", "14 Mar, 2025", "Share this article", "Related stories", "Comments (12)",
                 "All rights reserved", "Privacy policy", "threaten strike over automation plans"):
        assert junk not in body


def test_layers(examples) -> None:
    text = (examples / "harbour-dispute.txt").read_text("utf-8")
    doc = _clean(text)
    (title,) = doc.layer("title")
    assert doc.slice(title) == doc.meta.title
    assert [doc.slice(s) for s in doc.layer("dateline")] == ["14 Mar, 2025 08:40"]
    assert [doc.slice(s) for s in doc.layer("byline")] == ["By Marta Lindqvist"]
    captions = [doc.slice(s) for s in doc.layer("caption")]
    assert doc.meta.title in captions  # the headline repeated as a caption
    assert len(doc.layer("paragraph")) == 5
    assert doc.slice(doc.layer("boilerplate")[0]).startswith("icon menuicon")
    # no two layers of the article's structure overlap the body
    body_spans = {(s.start, s.end) for s in doc.layer("paragraph")}
    for name in ("title", "standfirst", "dateline", "byline", "caption", "boilerplate"):
        for sp in doc.layer(name):
            assert all(sp.end <= a or sp.start >= b for a, b in body_spans), name


def test_comments_and_related_lists_are_cut() -> None:
    para = ("The regional council said on Monday that the new ferry timetable would start in April, "
            "after months of complaints from islanders about cancelled crossings and long waits.")
    text = "\n\n".join([
        "Home | News | Sport | Weather",
        "Ferry timetable to change in April",
        para,
        para.replace("Monday", "Tuesday").replace("ferry", "bus"),
        para.replace("regional council", "harbour board"),
        "Related stories",
        "Island school to close for repairs ...",
        "Bridge tolls frozen for another year ...",
        "Comments (3)",
        "This is outrageous, the ferry has been late every single day this month and nobody cares at all.",
        "© 2025 Island Times",
    ])
    doc = _clean(text)
    assert doc.body.count("\n\n") == 2
    assert "Island school" not in doc.body and "outrageous" not in doc.body and "Home |" not in doc.body


def test_relative_dates_are_not_dates() -> None:
    para = ("Officials said the museum would reopen its east wing next month once the roof repairs, which "
            "began last winter after a storm, had been inspected and signed off by engineers.")
    doc = _clean("\n".join(["Museum east wing to reopen", "Published 3 hours ago", para, para.replace("east", "west")]))
    assert doc.meta.date is None
    assert "Published 3 hours ago" not in doc.body


def test_a_lone_paragraph_is_the_body() -> None:
    one = "The minister said on Tuesday that taxes would rise next year, according to officials."
    assert _clean(one).body == one
    assert _clean("one line only").body == "one line only"


def test_structure_component_leaves_html_layers_alone() -> None:
    doc = Document("Title\n\nBody text.")
    doc.add_span("paragraph", 7, 17)
    out = StructureComponent()(doc)
    assert out.body == "Body text."
    assert not out.has_layer("boilerplate")


_PROSE = [
    "The harbour board voted on Tuesday to close the old ferry terminal after engineers found that the pier "
    "could no longer carry vehicles safely, the board said in a statement.",
    "Passengers will use the temporary landing stage at the north quay from next month, and the board "
    "expects the repairs to take at least two years, according to its chair.",
    "Local traders said they feared the closure would cut the number of visitors to the old town during the "
    "summer season, when most of their income is earned, and asked for a shuttle bus.",
    "The board said it would publish the engineers' full report next week and hold a public meeting in the "
    "town hall before the end of the month to answer questions from residents.",
]


def _dump(*middle: str, tail: tuple[str, ...] = ()) -> str:
    head = ["Ferry terminal to close for repairs | Harbour Ledger", "Home", "News", "Sport", "Sign in",
            "Ferry terminal to close for repairs", "By JANE ROE, Ledger Staff Writer"]
    foot = ["Share this article", "Related stories", "Privacy policy", "All rights reserved"]
    return "\n".join([*head, *middle, *tail, *foot]) + "\n"


def test_textdump_furniture_slug_and_dateline() -> None:
    text = _dump("AP-US--Harbour-Ferry, 2nd Ld-Writethru", "PORTSMOUTH (AP) — " + _PROSE[0], _PROSE[1],
                 "Updated 14 hours ago", _PROSE[2], "0 : 0", _PROSE[3],
                 "Associated Press writer John Doe contributed to this report.",
                 "Email Jane Roe at jroe@example.com or follow her @janeroe.")
    doc = _clean(text)
    body = doc.body
    assert body.startswith("PORTSMOUTH (AP) — The harbour board voted")
    assert body.rstrip().endswith("answer questions from residents.")
    for junk in ("Writethru", "hours ago", "0 : 0", "contributed to this report", "jroe@example.com"):
        assert junk not in body
    assert [doc.slice(s) for s in doc.layer("slug")] == ["AP-US--Harbour-Ferry, 2nd Ld-Writethru"]
    assert [doc.slice(s) for s in doc.layer("dateline")][-1] == "PORTSMOUTH (AP) —"
    assert doc.meta.authors == ["Jane Roe"]
    assert doc.meta.language == "en"


def test_textdump_table_introduced_by_the_article_is_kept() -> None:
    rows = [f"{n} Driver Number{n} {5000 - n * 40} {n % 3} {n % 2} {20 - n} {25 - n}" for n in range(1, 13)]
    text = _dump(_PROSE[0], _PROSE[1], "Final standings after 36 races:", "Pos. Driver Points Wins Poles Top 5 Top 10",
                 *rows, _PROSE[2])
    body = _clean(text).body
    assert "1 Driver Number1 4960" in body and "12 Driver Number12" in body
    assert "Final standings after 36 races:" in body


def test_textdump_article_restated_as_one_line_is_furniture() -> None:
    restated = " ".join(_PROSE) + " " + _PROSE[0]
    text = _dump(*_PROSE, tail=("Promoted links", restated, "More news"))
    body = _clean(text).body
    assert body.count("The harbour board voted on Tuesday") == 1


def _with_byline(*lines: str) -> Document:
    head = ["Ferry terminal to close for repairs | Harbour Ledger", "Home", "News", "Sport", "Sign in",
            "Ferry terminal to close for repairs", *lines]
    return _clean("\n".join([*head, *_PROSE, "Share this article", "Privacy policy"]) + "\n")


@pytest.mark.parametrize(
    ("lines", "authors"),
    [
        (["By", "Sarah E. Needleman", "Nov. 19, 2019 8:03 am ET"], ["Sarah E. Needleman"]),  # "By" alone
        (["By Meg James Staff Writer", "Nov. 19, 2019"], ["Meg James"]),
        (["Chris Davies - Nov 19, 2019, 10:31 pm CST"], ["Chris Davies"]),  # the name, then the date
        (["Reuters November 18, 2019 11:03 PM"], ["Reuters"]),
        (["Monday November 18, 2019 7:45 am PST by Joe Rossignol"], ["Joe Rossignol"]),  # the date, then "by"
        (["By Chris Pokorny @DawgsByNature Nov 18, 2019, 11:47am EST"], ["Chris Pokorny"]),
        (["Anna Menin", "Share"], ["Anna Menin"]),  # a bare name right under the headline
        (["Tom Davies Associated Press", "Published 11:34 PM EST Nov 19, 2019"], ["Tom Davies"]),
        (["Meg Kinnard and Errin Haines, Associated Press"], ["Meg Kinnard", "Errin Haines"]),
        (["Learn More", "Nov 19, 2019"], []),  # a control, not a name
        (["NEW YORK, Nov. 19, 2019"], []),  # a place dateline
        (["(Reed Saxon / Associated Press)"], []),  # a picture credit
    ],
)
def test_textdump_bylines(lines: list[str], authors: list[str]) -> None:
    doc = _with_byline(*lines)
    assert doc.meta.authors == authors
    assert doc.body.startswith("The harbour board voted")


def test_textdump_byline_under_the_first_of_two_headlines() -> None:
    # The headline over a picture gallery, then again over the text: the byline under the first counts.
    head = ["Ferry terminal to close for repairs | Harbour Ledger", "Home", "News",
            "Ferry terminal to close for repairs", "Jane Roe, Ledger Staff Writer", "Updated 1:39 am EST, Wednesday, "
            "November 20, 2019", "Passengers wait at the old ferry terminal on Monday. Photo: John Doe, AP",
            "Image 1 of 5", "Ferry terminal to close for repairs", "1 / 5", "Back to Gallery"]
    doc = _clean("\n".join([*head, *_PROSE, "Privacy policy"]) + "\n")
    assert doc.meta.authors == ["Jane Roe"]
    assert doc.meta.date == "2019-11-20T01:39:00-05:00"
    assert doc.body.startswith("The harbour board voted")


def _layer(doc: Document, name: str) -> list[str]:
    return [doc.slice(s) for s in doc.layer(name)]


def test_textdump_captions_subheadings_and_teasers_get_their_layers() -> None:
    caption = "Passengers wait at the old ferry terminal on Monday, when the board met to decide its future."
    teasers = ["Harbour fees to rise next year", "The board will raise mooring fees by a tenth from January, it said.",
               "Island school to close for repairs", "Pupils will be taught in the town hall until the summer.",
               "Bridge tolls frozen for another year", "The county kept the tolls at last year's level."]
    text = _dump(_PROSE[0], "Image 1 of 3", caption, "Photo: John Doe, AP", _PROSE[1], "What traders fear",
                 _PROSE[2], "Related: Harbour fees to rise next year", _PROSE[3],
                 tail=("About Jane Roe", "Jane Roe has covered the harbour for the Ledger since 2009 and writes "
                       "about shipping, fishing and the island ferries every week.", "More news", *teasers))
    doc = _clean(text)
    body = doc.body
    assert body.startswith("The harbour board voted") and body.endswith("questions from residents.")
    assert caption in _layer(doc, "caption") and caption not in body
    assert "Photo: John Doe, AP" in _layer(doc, "caption")
    assert "\n\nWhat traders fear\n\n" in body and _layer(doc, "subheading") == ["What traders fear"]
    assert "Related: Harbour fees to rise next year" in _layer(doc, "teaser")
    assert "Jane Roe has covered" not in body  # the author's bio after the article


def test_textdump_byline_with_a_date_inside_the_text_is_not_body() -> None:
    text = _dump("By HNN Staff | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM", *_PROSE)
    doc = _clean(text)
    assert doc.body.startswith("The harbour board voted")
    assert "HNN Staff" not in doc.body


_LEAD = ("The city council voted on Tuesday to close the old ferry terminal by the end of next year, "
         "after two years of falling passenger numbers and a repair bill nobody wanted to pay.")
_SECOND = ("Council members said the savings would go to the bus network, which carries four times as many "
           "people every day, and to a new cycle path along the harbour front.")


@pytest.mark.parametrize("headline, title", [
    ("Council votes to close the old ferry terminal.", "Council votes to close the old ferry terminal"),
    ("Ferry terminal to close; ", "Ferry terminal to close"),
    ("Ferry terminal closes. Again.", "Ferry terminal closes. Again."),
])
def test_first_line_headline_ending_like_a_sentence(headline: str, title: str, monkeypatch) -> None:
    text = f"{headline}\n\n{_LEAD}\n\n{_SECOND}\n"
    doc = _clean(text)
    assert doc.meta.title == title
    assert doc.text == text
    assert doc.body.endswith(_SECOND)
    # the line keeps the layer it had without a title: what is analysed does not change
    import reportedly.clean.textdump_body as textdump_body  # where the body step reads the headline rule

    monkeypatch.setattr(textdump_body, "_set_apart_headline", lambda lines, text: False)
    before = _clean(text)
    assert before.meta.title is None
    assert {n: doc.layer(n) for n in ("paragraph", "boilerplate", "title")} == \
        {n: before.layer(n) for n in ("paragraph", "boilerplate", "title")}


def test_first_line_not_a_headline() -> None:
    # a long opening sentence is the article's first paragraph, and no title is invented
    text = f"{_LEAD}\n\n{_SECOND}\n\n{_SECOND}\n"
    assert _clean(text).meta.title is None
    # nor is a short line that runs straight into the next without a blank line
    assert _clean(f"Council votes to close the terminal.\n{_LEAD}\n\n{_SECOND}\n").meta.title is None


def test_credit_lines_are_a_credit_layer() -> None:
    text = (f"Council votes to close ferry terminal\n\n{_LEAD}\n\n{_SECOND}\n\n"
            "Additional reporting by Jane Roe; Editing by John Doe\n\nShare this article\n")
    doc = _clean(text)
    assert list(doc.layer_texts("credit")) == ["Additional reporting by Jane Roe; Editing by John Doe"]
    assert "Editing by" not in doc.body


def test_replies_opened_by_a_dash_are_prose() -> None:
    # an interview whose answers, opened by a dash, hold few of the language's function words
    lead = ("Мы поговорили с тремя популярными кулинарными блогерами о том, как они начинали и что готовят дома, "
            "когда совсем нет времени на сложные блюда, и попросили каждого поделиться рецептом.")
    answers = ["— Думаю, паста с томатами, с базиликом и с чесноком: двадцать минут, одна сковорода, довольные "
               "дети, спокойный вечер, никакой посуды после ужина. Банально, зато работает всегда.",
               "— Томатный киш: песочное тесто, сливки, яйца, черри, тимьян и сыр, сорок минут в духовке, "
               "хрустящий край, нежная середина, салат рядом. Идеально для воскресенья."]
    text = ("Кулинарные блогеры\n\n" + lead + "\n\n" + lead.replace("тремя", "четырьмя") + "\n\n"
            + "\n\n".join(answers) + "\n\n" + lead.replace("Мы", "Вы") + "\n")
    doc = _clean(text)
    for answer in answers:
        assert answer in doc.body


def test_textdump_numbered_list_the_article_introduces_is_kept() -> None:
    picks = [("1) Harbour model kit in 1:200 scale", "http://shop.example/kit"),
             ("2) Ferry timetable poster, 1965 edition", "http://shop.example/poster"),
             ("3) Captain's cap", "http://shop.example/cap"),
             ("4) Tide clock", "http://shop.example/clock")]
    text = _dump(_PROSE[0], _PROSE[1], "Here are the board's picks for the museum shop:",
                 *[line for pick in picks for line in pick])
    body = _clean(text).body
    assert "1) Harbour model kit in 1:200 scale" in body and "4) Tide clock" in body
    assert "http://shop.example/clock" in body  # what each item carries goes with it
    # a numbered run nobody introduces (a page's list of most-read stories) stays out
    body = _clean(_dump(*_PROSE, tail=("Most read", "1) Storm closes coast road", "2) New mayor sworn in",
                                       "3) Bakery wins award"))).body
    assert "Storm closes coast road" not in body


@pytest.mark.parametrize("line", [
    "Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza sul nostro sito web.",
    "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis auf unserer Website bieten zu können.",
    "Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site web.",
])
def test_textdump_cookie_notices_in_other_languages_are_furniture(line: str) -> None:
    body = _clean(_dump(*_PROSE, tail=(line,))).body
    assert line not in body


def test_textdump_newsletter_confirmations_are_furniture() -> None:
    tail = ("Stay up to date with Harbour Ledger.", "You have successfully subscribed. Thank you!",
            "An email with an activation link has just been sent to your email address. Please activate your "
            "subscription by clicking on the activation link inside the email.")
    body = _clean(_dump(*_PROSE, tail=tail)).body
    assert body.rstrip().endswith("answer questions from residents.")
    assert "activation link" not in body and "subscribed" not in body


def test_textdump_long_lines_inside_the_article_are_kept() -> None:
    # a long line between paragraphs is the article's whatever its stop words: here a roll of names and a
    # line in a script the stop-word list does not cover; a short label there still needs prose around it
    roll = "Present: Chair Anne Kerr, Deputy Chair Tom Lee, Treasurer Sam Ray, Engineer Jo Tait, Clerk Ian Moss"
    verse = "ﻭَﻗُﻞْ ﺭَﺏِّ ﺯِﺩْﻧِﻲ ﻋِﻠْﻤًﺎ ﻭَﺍﻟْﺒَﺤْﺮُ ﻭَﺍﺳِﻊٌ ﻭَﺍﻟْﻤِﻴﻨَﺎﺀُ ﻗَﺪِﻳﻢٌ ﻭَﺍﻟﻨَّﺎﺱُ ﻳَﻨْﺘَﻈِﺮُﻭﻥَ"
    body = _clean(_dump(_PROSE[0], roll, "Anne Kerr", "Tom Lee", "Sam Ray", "Ian Moss", _PROSE[1], verse,
                        _PROSE[2], _PROSE[3])).body
    assert roll in body and verse in body
    assert "Tom Lee" not in body.splitlines() and "Sam Ray" not in body.splitlines()
    # a short line that introduces long lines the article keeps is the article's too
    body = _clean(_dump(_PROSE[0], "The port's motto:", verse, verse.replace("ﻗَﺪِﻳﻢٌ", "ﺟَﺪِﻳﺪٌ"), _PROSE[1],
                        _PROSE[2])).body
    assert "The port's motto:" in body


@pytest.mark.parametrize("foot", [
    ("Harbourco is a global ferry operator focused on short crossings and island services, with routes in nine "
     "countries and a fleet of forty vessels.",
     "Harbourco is headquartered in Portsmouth, employs around 1,300 people and is listed on the London exchange."),
    ("Jane Roe (@janeroe) is a staff writer at the Harbour Ledger covering transport, the port and the town's "
     "council, and was formerly an editor at the Coast Gazette.", "Topics ferries harbour"),
    ("About this statement:", "Researched by: Jane Roe", "Sources:",
     "Harbour Board, \" Engineers' report on the north quay,\" Oct. 13, 2019, accessed Nov. 13, 2019",
     "Email interview with Tom Lee, spokesman for the Harbour Board, Oct. 30, 2019, on the repairs and costs",
     "We want to hear your suggestions and comments on this report, so email the editors with your feedback and "
     "with the claims that you would like us to check for you next."),
])
def test_textdump_about_box_at_the_foot_is_not_the_article(foot: tuple[str, ...]) -> None:
    # who issued the article (a press release's boilerplate), who wrote it, or a box "About …"
    body = _clean(_dump(*_PROSE, tail=foot)).body
    assert body.rstrip().endswith("answer questions from residents.")
    # a line that merely says what something is stays in the article
    line = "The quay is a listed structure, built in 1865 and last repaired in 1970, the board's engineers said."
    body = _clean(_dump(*_PROSE[:3], line, _PROSE[3])).body
    assert line in body
    # "About …" above the article (a link under the standfirst) closes nothing
    body = _clean(_dump(_PROSE[0], "About this rating", *_PROSE[1:])).body
    assert body.rstrip().endswith("answer questions from residents.")


def test_textdump_title_cased_tag_line_is_not_prose() -> None:
    # a long line of names in title case with no sentence end is a tag list, however many "The"s it holds
    tags = ("Things To Do In October Harbour Board Of The Year Ferry Terminal Of The Month Town Hall Meetings In "
            "Portsmouth And The North Quay Repairs For The Summer Season")
    body = _clean(_dump(*_PROSE, tail=("Tags", tags))).body
    assert body.rstrip().endswith("answer questions from residents.")
    assert "Ferry Terminal Of The Month" not in body


def test_textdump_caption_above_the_article_is_a_caption() -> None:
    # a first line that says where people stand in the picture is its caption, credit or not
    caption = ("Harbour board chair Anne Kerr, left, and engineer Jo Tait inspect the north quay in Portsmouth, "
               "England, on Wednesday, Nov. 20, 2019. The quay will close next month.")
    doc = _clean(_dump(caption, *_PROSE))
    assert caption not in doc.body and caption in _layer(doc, "caption")
    assert doc.body.startswith(_PROSE[0])
    # a party label is no place in a picture
    lede = "Harbour board chair Anne Kerr (R) said the north quay would close next month for at least two years."
    assert _clean(_dump(lede, *_PROSE)).body.startswith(lede)


def test_textdump_list_a_marker_heads_inside_the_article_is_not_the_article() -> None:
    # "Most read" inside the article heads its list: the headlines under it, up to the next paragraph
    heads = ("FERRY FURY", "Islanders say the board's decision to shut the quay will cut them off for the winter",
             "STORM WARNING", "Coast road closed again as high tides and gales batter the southern seafront")
    body = _clean(_dump(_PROSE[0], _PROSE[1], "Most read in local news", *heads, _PROSE[2], _PROSE[3])).body
    assert body.startswith(_PROSE[0]) and body.rstrip().endswith("answer questions from residents.")
    assert _PROSE[2] in body
    for line in heads:
        assert line not in body


def test_textdump_a_question_put_to_each_guest_is_kept_each_time() -> None:
    # a short line the article repeats (the same question to each guest) is not a paragraph shown twice
    question = "What drew you to the harbour?"
    text = _dump(_PROSE[0], "Anne Kerr", question, _PROSE[1], "Tom Lee", question, _PROSE[2], _PROSE[3])
    body = _clean(text).body
    assert body.splitlines().count(question) == 2
    # a long paragraph shown twice is still kept once
    assert _clean(_dump(*_PROSE, _PROSE[1], _PROSE[2])).body.count(_PROSE[1]) == 1
