"""Rule-based candidates: the patterns added for the seed and for PolNeAR (no model involved)."""

from __future__ import annotations

from reportedly.attribution import rules


def _found(text: str, regions=None):
    t = text
    return [(" ".join(t[a:b] for a, b in c.source), " ".join(t[a:b] for a, b in c.cue),
             " ".join(t[a:b] for a, b in c.content), c) for c in rules.extract(text, regions)]


def _one(text: str, cue: str, regions=None):
    hits = [f for f in _found(text, regions) if f[1] == cue]
    assert hits, _found(text, regions)
    return hits[0]


def test_inverted_source_keeps_appositive() -> None:
    src, _, content, _ = _one("“This isn't reform,” said Douglas Holtz-Eakin, an economist at the forum.", "said")
    assert src == "Douglas Holtz-Eakin, an economist at the forum"
    assert content.startswith("“This isn't reform")


def test_participle_appositive_is_not_source() -> None:
    src, _, content, _ = _one("Trump, speaking to a veterans group, said he would order a review.", "said")
    assert src == "Trump"
    assert content == "he would order a review"


def test_name_appositive_and_party_tag() -> None:
    src, *_ = _one("The state’s campaign chairman, Phil Lovas, said he cannot comment.", "said")
    assert src == "The state’s campaign chairman, Phil Lovas"
    src, *_ = _one("“It’s a dog whistle,” Rep. Gwen Moore (D-Wis.) said Friday.", "said")
    assert src == "Rep. Gwen Moore (D-Wis.)"


def test_quotation_before_source_with_trailing_clause() -> None:
    src, _, content, _ = _one("“He really does love us,” Melanie said, and soon the balloons were dropping.", "said")
    assert src == "Melanie" and content == "“He really does love us,”"
    src, _, content, _ = _one("“I would,” Melanie said to the TV.", "said")
    assert content == "“I would,”"


def test_following_quotation_joins_content() -> None:
    text = "“This is in their heads,” said Caddell, speaking of the race. “It is one of the things worrying them.”"
    *_, cand = _one(text, "said")
    pieces = [text[a:b] for a, b in cand.content]
    assert any("It is one of the things" in p for p in pieces)


def test_second_predicate_shares_the_speaker() -> None:
    text = "Merrill says the campaign will go on and said she would stand up to the attacks."
    says = _one(text, "says")
    said = _one(text, "said")
    assert says[2] == "the campaign will go on"
    assert said[0] == "Merrill" and said[2] == "she would stand up to the attacks"


def test_called_for_and_naming_verbs() -> None:
    src, cue, content, _ = _one("Trump called for female contestants to wear shorter dresses.", "called for")
    assert src == "Trump" and content == "female contestants to wear shorter dresses"
    assert not [f for f in _found("He joined a group called Citizens for Reform.") if f[1] == "called"]


def test_noun_like_cue_words_need_a_clause() -> None:
    assert not _found("Hackers targeted the voter systems of more than 20 states in recent months.")
    assert not _found("Trump’s flurry of late-night tweets targeting a former beauty queen drew criticism.")
    assert _one("The report states that the program failed.", "states")


def test_reduced_passive_is_not_a_cue() -> None:
    found = _found("Officials quoted by the newspaper disputed the figures.")
    assert not [f for f in found if f[1] == "quoted"]


def test_signed_quotation() -> None:
    text = "“He represents our greatest shame.” ― Sonya Herridge"
    src, cue, content, _ = _one(text, "―")
    assert src == "Sonya Herridge" and content == "“He represents our greatest shame.”"


def test_speaker_labels() -> None:
    text = "Pat Caddell: Democrat Voters Worried About Clinton’s Health\nUpdate: the story was changed."
    regions = [(0, text.index("\n")), (text.index("\n") + 1, len(text))]
    found = _found(text, regions)
    assert [(f[0], f[1]) for f in found] == [("Pat Caddell", ":")]
    # an all-capitals label (a transcript speaker, or a dateline) needs to recur
    one = "MOSCOW: Talks resumed on Monday."
    assert not _found(one, [(0, len(one))])
    two = "WALLACE: Will she be there?\nPENCE: She will not.\nWALLACE: Thank you."
    starts = [0, two.index("PENCE"), two.index("WALLACE", 5)]
    regions = [(s, (two.find("\n", s) if two.find("\n", s) > 0 else len(two))) for s in starts]
    assert [f[0] for f in _found(two, regions)] == ["WALLACE", "WALLACE"]


def test_doubled_apostrophe_quotations_and_inverted_sources() -> None:
    text = ("''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist who served at the budget office. "
            "''It's anti-reform.''")
    src, _, content, cand = _one(text, "said")
    assert src.startswith("Douglas Holtz-Eakin, an economist")
    assert "This isn't tax reform" in content
    assert any("anti-reform" in text[a:b] for a, b in cand.content)


def test_inverted_source_with_prepositional_tail() -> None:
    text = "“The cause has not been determined,” said O'Neill, on what was his first full day on the job."
    src, _, content, _ = _one(text, "said")
    assert src == "O'Neill" and content == "“The cause has not been determined,”"


def test_sentence_initial_said() -> None:
    src, _, content, _ = _one("Said Ellis: “I don’t get the sense she cares.”", "Said")
    assert src == "Ellis" and "I don’t get the sense" in content


def test_prepositional_appositive_and_adverbial_lead_in() -> None:
    src, _, content, _ = _one("Hillary Clinton, at a later press gaggle, said, “I’ve been briefed.”", "said")
    assert src == "Hillary Clinton" and "I’ve been briefed" in content
    src, _, content, _ = _one("Clinton said on the other hand, “the current system works fine.”", "said")
    assert content.startswith("on the other hand, “the current system")


def test_parenthetical_attribution() -> None:
    text = "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999."
    src, _, _, cand = _one(text, "said")
    assert src == "Mr. Clarke"
    assert [text[a:b] for a, b in cand.content] == ["Lenox was a juggernaut", "until it went bankrupt in 1999"]


def test_double_appositive_and_party_tag_before_appositive() -> None:
    text = ("Michael Mulgrew, president of the union, which represents teachers, said the day of action "
            "sends a message.")
    src, *_ = _one(text, "said")
    assert src.startswith("Michael Mulgrew")
    text = "Rep. Gregory W. Meeks (D-N.Y.), chairman of the caucus PAC, said members will help him."
    src, *_ = _one(text, "said")
    assert src.startswith("Rep. Gregory W. Meeks (D-N.Y.)")


def test_content_after_a_short_phrase() -> None:
    _, _, content, _ = _one("Trump said after the convention he would not accept the endorsement.", "said")
    assert content == "he would not accept the endorsement"


def test_intentions_and_evaluative_verbs() -> None:
    src, cue, content, cand = _one("Hillary Clinton plans to call on young people to serve.", "plans")
    assert src == "Hillary Clinton" and content == "to call on young people to serve"
    assert cand.kind == "cognitive"
    _, _, content, _ = _one("He declined to comment.", "declined")
    assert content == "to comment"
    assert not [f for f in _found("The company's plans to expand were shelved.") if f[1] == "plans"]
    src, _, content, _ = _one("Graham criticized the party’s lack of environmental awareness.", "criticized")
    assert src == "Graham" and content == "the party’s lack of environmental awareness"


def test_title_case_headline_cue() -> None:
    text = "Clinton Hid Past Health Problems From Public, Former White House Doctor Says"
    src, cue, content, _ = _one(text, "Says")
    assert src == "Former White House Doctor" and content == "Clinton Hid Past Health Problems From Public"
    assert not [f for f in _found("Report Shows Nothing New In The Budget Talks") if f[1] == "Report"]


def test_participle_after_preposition() -> None:
    text = "McAuliffe refuses to discuss appointees, aside from saying he wants a diverse delegation."
    src, _, content, _ = _one(text, "saying")
    assert src == "McAuliffe" and content == "he wants a diverse delegation"


def test_citing_a_reason_is_not_a_relay() -> None:
    text = "The Supreme Court blocked the rule, citing a threat to public health."
    src, cue, content, cand = _one(text, "citing")
    assert src == "The Supreme Court" and content == "a threat to public health"
    assert cand.relayed_by is None
    text = "The New York Times reported the split on Thursday, citing sources."
    src, _, _, cand = _one(text, "citing")
    assert src == "sources" and cand.relayed_by is not None


def test_question_quote_then_speaker_is_one_sentence() -> None:
    text = "“How many times do we have to see this?” Clinton said. “In Tulsa, an unarmed man died.”"
    src, _, _, cand = _one(text, "said")
    assert src == "Clinton"
    pieces = [text[a:b] for a, b in cand.content]
    assert pieces[0].startswith("“How many times") and any("In Tulsa" in p for p in pieces)
