"""Merge the learned tagger's attributions with the rules' into one candidate list.

The tagger was trained on PolNeAR's annotation, so its spans follow those guidelines and win
wherever both find the same attribution (their cues overlap). From the matching rule candidate
the merged one keeps what only the rules know: the kind of quotation, a participle sharing the
main clause's source, a "citing …" relay, and a source when the tagger found none. A rule
candidate the tagger did not find is added when its rule is one the tagger is known to miss
(``RULES_ADDED``); the others mostly duplicate tagger decisions the tagger made on purpose.
"""

from __future__ import annotations

import bisect
import re

from ..document import AttributionKind
from . import lexicon as L
from .affiliations import PARTIES, PLACE_OR_PARTY
from .candidate_types import Candidate, Pair
from .segment import find_quotes, sentences
from .speakers import PERSON_NOUNS
from .tagger import TaggedRelation

#: Rule kinds whose candidates are added when the tagger has nothing at their cue.
RULES_ADDED = frozenset({"according", "citing", "participle", "verb", "floating", "passive", "adj", "signed", "label"})
_QUOTE = re.compile(r"[“”\"«»„]|''")


def _overlaps(a: list[Pair], b: list[Pair]) -> bool:
    return any(x < d and c < y for x, y in a for c, d in b)


def _kind(text: str, cand: TaggedRelation) -> AttributionKind:
    cue = " ".join(text[a:b] for a, b in cand.cue).lower()
    if cue.startswith("according"):
        return "according_to"
    if not cand.cue:
        return "floating"
    quoted = [bool(_QUOTE.search(text[a:b])) for a, b in cand.content]
    if quoted and all(quoted):
        whole = all(text[a:b].strip(" ,.")[:1] in "“\"«„'" for a, b in cand.content)
        return "direct" if whole else "mixed"
    if any(quoted):
        return "mixed"
    if any(w in L.COGNITIVE for w in cue.split()):
        return "cognitive"
    return "indirect"


def _adjacent(text: str, a: list[Pair], b: list[Pair], gap: int = 2) -> bool:
    """Do two cues touch, with at most ``gap`` characters of white space between them?"""
    return any(0 <= c - y <= gap and not text[y:c].strip() or 0 <= x - d <= gap and not text[d:x].strip()
               for x, y in a for c, d in b)


_RELATIVE = ("who ", "which ", "that ", "whose ")
#: A source span that is only one of these words is a tagging slip, not a source.
_NOT_A_SOURCE = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their",
                           "of", "and", "to", ",", "."})


#: Contents that are an article or a particle alone: a span cut from a longer one, never what was said
#: ("this"/"that"/"these" may be: they stand for what was said before).
_NOT_A_CONTENT = frozenset({"the", "a", "an", "of", "and", "or", "but", "to", "in", "on", "for", ",", "."})

#: Cues whose object right after them is the one spoken to: "telling lawmakers that …".
_ADDRESSING = re.compile(r"(?:tell|tells|told|telling|inform|informs|informed|informing|assure|assures|assured|"
                         r"assuring|warn|warns|warned|warning|remind|reminds|reminded|reminding|brief|briefs|"
                         r"briefed|briefing|notify|notified|notifying|advise|advised|advising)$", re.IGNORECASE)
_BEFORE_ADDRESSEE = re.compile(r"\b(?:before|told|telling)\s+$", re.IGNORECASE)


def _addressee_as_source(text: str, m: Candidate) -> bool:
    """Whether the source is who was spoken to: the object right after a cue such as "telling"
    ("…, telling lawmakers that …"), or "before" someone ("spoke before lawmakers, defending …")."""
    if not m.source or not m.cue:
        return False
    s, e = m.source[0]
    c0, c1 = m.cue[0][0], m.cue[-1][1]
    if s >= c1 and not text[c1:s].strip() and _ADDRESSING.search(text[c0:c1]):
        return not text[s:e].lower().startswith("by ")
    return e <= c0 and bool(_BEFORE_ADDRESSEE.search(text, max(0, s - 12), s))


def _without(text: str, content: list[Pair], own_cue: list[Pair], other_cues: list[list[Pair]]) -> list[Pair]:
    """Content pieces with their own cue cut out, less any piece that cuts into another cue.

    A piece that holds another attribution's whole cue is fine (nested attributions); a piece
    that starts or ends inside one belongs to that attribution, not to this one.
    """
    out: list[Pair] = []
    for a, b in content:
        for c, d in own_cue:
            if c <= a < d:
                a = d
            if c < b <= d:
                b = c
        while a < b and text[a].isspace():
            a += 1
        if b <= a:
            continue
        if any((c < a < d) or (c < b < d) for cue in other_cues for c, d in cue):
            continue
        out.append((a, b))
    return out


def merge(text: str, tagged: list[TaggedRelation], ruled: list[Candidate],
          add_rules: frozenset[str] = RULES_ADDED, prefer_rule: frozenset[str] = frozenset(),
          nested_ok: frozenset[str] | None = frozenset()) -> list[Candidate]:
    """One list of candidates in text order: the tagger's, enriched by the rules, plus rules it missed.

    A rule candidate joins a tagger candidate when their cues overlap, or when the cues touch and
    the two share content ("reportedly" + "believes"). Otherwise it is added when its rule is in
    ``add_rules``, it has a source, and its cue is not part of what the tagger read as content.
    ``nested_ok`` names the rules whose candidates may sit inside a tagger content (``None``: all).
    ``prefer_rule`` names the roles ("source", "content") whose spans the rules decide when both
    found the attribution; a tagger source that is only a relative clause ("who heads …") is
    always replaced by the rules' fuller noun phrase.
    """
    out: list[Candidate] = []
    owner: dict[int, Candidate] = {}  # id(rule candidate) -> merged candidate standing for it
    for t in tagged:
        if not t.cue and not t.content:
            continue
        out.append(Candidate(cue=list(t.cue), source=list(t.source), content=list(t.content),
                                 kind=_kind(text, t), score=t.score, rule="tagger",
                                 role_scores=dict(t.role_scores)))
    for r in ruled:
        match = next((m for m in out if m.rule.startswith("tagger") and r.cue and _overlaps(m.cue, r.cue)), None)
        if match is None and r.cue:
            match = next((m for m in out if m.rule.startswith("tagger") and _adjacent(text, m.cue, r.cue)
                          and _overlaps(m.content, r.content)), None)
            if match is not None:
                match.cue = sorted(set(match.cue) | set(r.cue))
        if match is None and not r.cue:
            match = next((m for m in out if _overlaps(m.content, r.content)), None)
        if match is not None:
            owner[id(r)] = match
            tagger_src = " ".join(text[a:b] for a, b in match.source).lower()
            if r.source and not r.shares_source_with and (
                    not match.source or "source" in prefer_rule or tagger_src.startswith(_RELATIVE)
                    or r.rule == "citing" or _addressee_as_source(text, match)):
                match.source = list(r.source)
            if ("content" in prefer_rule or r.rule == "citing") and r.content:
                match.content = list(r.content)  # "…, citing sources": what was cited is the relay's content
            if r.kind in {"direct", "mixed", "according_to", "cognitive", "floating"} and match.kind == "indirect":
                match.kind = r.kind
            match.lemma = r.lemma
            match.sentence = r.sentence
            match.rule = f"tagger+{r.rule}"
            continue
        if r.rule not in add_rules:
            continue
        if not r.source and not r.shares_source_with and r.rule not in {"floating", "participle"}:
            continue
        if nested_ok is not None and r.rule not in nested_ok and r.rule != "according" and any(
                _overlaps(m.content, r.cue) for m in out if m.rule.startswith("tagger")):
            # the tagger read this cue as part of a content span: trust it
            continue
        owner[id(r)] = r
        out.append(r)
    for m in out:
        if m.source and (" ".join(text[a:b] for a, b in m.source).strip().lower() in _NOT_A_SOURCE
                         or _addressee_as_source(text, m)):
            m.source = []
        if m.cue and m.content:
            m.content = _without(text, m.content, m.cue, [o.cue for o in out if o is not m and o.cue])
    out = [m for m in out if m.content or not m.cue or m.rule != "tagger"]
    for m in out:
        for attr in ("shares_source_with", "relayed_by"):
            link = getattr(m, attr)
            if link is not None:
                setattr(m, attr, owner.get(id(link)))
                if getattr(m, attr) is m:
                    setattr(m, attr, None)
    # links carried over from rule candidates that merged into a tagger candidate
    for r in ruled:
        into = owner.get(id(r))
        if into is None or into is r:
            continue
        for attr in ("shares_source_with", "relayed_by"):
            link = getattr(r, attr)
            if link is not None and getattr(into, attr) is None:
                target = owner.get(id(link))
                if target is not None and target is not into:
                    setattr(into, attr, target)
                    if attr == "shares_source_with" and not into.source:
                        into.source = list(target.source)
    out = [m for m in out if not _antecedent_as_content(text, m) and not _anonymity_request(text, m)
           and not _bare_claim_noun(text, m) and not _not_a_statement(text, m)]
    for m in out:
        _claim_noun_source(text, m, out)
    cues = sorted(c.cue[0][0] for c in out if c.cue)
    for m in out:
        _past_inner_stop(text, m, cues)
        _no_jumps(m, cues)
        _whole_quotation(text, m, cues)
    for m in out:
        _relative_source(text, m)
        _trim_relative_pronoun(text, m)
        _complete_source(text, m)
        _owned_body_head(text, m)
        _head_noun_after(text, m)
    out.sort(key=lambda c: c.cue_start)
    return out


#: Words a noun phrase cannot end on: articles, prepositions, possessive determiners.
_OPEN_ENDS = {"the", "a", "an", "of", "at", "for", "from", "in", "on", "with", "to", "by", "his", "her", "their",
              "its", "our", "my", "your", "this", "that", "these", "those", "and", "or"}
_WORDS_ONLY = re.compile(r"[ \t]+(?:[\w’'.\-&]+[ \t]+){0,5}?[\w’'.\-&]+[ \t]*")


def _complete_source(text: str, m: Candidate) -> None:
    """A source cut after a function word ("Officials at the │ agriculture ministry believe") is
    completed up to the cue, when only a few plain words (no punctuation) lie between."""
    if len(m.source) != 1 or not m.cue:
        return
    s, e = m.source[0]
    words = text[s:e].split()
    c0 = m.cue[0][0]
    if not words or words[-1].lower() not in _OPEN_ENDS or not e < c0:
        return
    gap = _WORDS_ONLY.fullmatch(text, e, c0)
    if gap is None or any(e < a < c0 for a, _ in m.content):
        return
    m.source = [(s, e + len(text[e:c0].rstrip()))]


#: A person's body right after a source that stops at the person's name: "The Sanders │campaign responded".
_BODY_HEAD_AFTER = re.compile(r"[ \t]+(?P<head>campaign|administration|team|camp)\b(?![-’'])(?:[ \t]+(?P<next>[\w’'-]+))?")


def _owned_body_head(text: str, m: Candidate) -> None:
    """A source cut before its head noun ("The Sanders │campaign responded Friday, saying") takes the
    noun: the campaign spoke, not Sanders. Not where the noun only qualifies a person who follows
    ("the Sanders campaign manager Jeff Weaver", "campaign officials", "campaign Chairman John Podesta")."""
    if len(m.source) != 1:
        return
    s, e = m.source[0]
    after = _BODY_HEAD_AFTER.match(text, e)
    if after is None or not re.search(r"[A-Z][\w’'.-]*$", text[s:e]):
        return
    if any(e <= a < after.end("head") for a, _ in (*m.cue, *m.content)):
        return  # the noun is already the cue's or the content's
    nxt = after.group("next") or ""
    if nxt and (nxt[:1].isupper() or nxt.lower() in L.ANONYMOUS_HEADS or nxt.lower() in L.TITLES):
        return
    m.source = [(s, after.end("head"))]


def _head_noun_after(text: str, m: Candidate) -> None:
    """A source cut after a modifier, before its head noun ("The Arizona │Republican survived", "the
    Stanford medieval-history │graduate said") takes the noun: the source is the person it names."""
    if len(m.source) != 1:
        return
    s, e = m.source[0]
    last = re.search(r"([\w’'-]+)$", text[s:e])
    after = re.match(r"[ \t]+([A-Za-z][\w’'-]*)\b", text[e:e + 40])
    if last is None or after is None or any(e <= a < e + after.end() for a, _ in (*m.cue, *m.content)):
        return
    modifier, head = last.group(1), after.group(1).lower()
    if (modifier.lower() in PLACE_OR_PARTY or modifier[:1].islower() and len(text[s:e].split()) >= 2) and (
            head in PARTIES or head in L.TITLES or head in PERSON_NOUNS or head in L.ANONYMOUS_HEADS
            or head in {"graduate", "student", "veteran", "native", "resident", "voter"}):
        m.source = [(s, e + after.end())]


#: "The director, who will testify Thursday, │said": a noun phrase, then a relative clause, then the cue.
_NP_RELATIVE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<np>(?:[\w’'.\-&]+\s+){0,7}?[\w’'.\-&]+)"
    r"(?:,\s+(?:who|which)\s[^,;:“”\"\n]{2,160}(?P<close>,)|\s+[-–—]\s+(?:who|which)\s[^-–—;:“”\"\n]{2,160}(?P<dash>\s[-–—]))\s*$")


def _relative_source(text: str, m: Candidate) -> None:
    """A subject with a relative clause before the cue is the whole source ("Two officials, who asked
    not to be named, said", "The Palestinian Authority - which considers the US biased - has
    rejected"): missing, or only the clause, it becomes the noun phrase and its clause."""
    if not m.cue or m.shares_source_with is not None:
        return
    c0 = m.cue[0][0]
    lo = max(text.rfind("\n", 0, c0) + 1, c0 - 240)
    hit = _NP_RELATIVE.search(text, lo, c0)
    if hit is None or any(lo <= s < c0 and s <= hit.start("np") for s, _ in m.source):
        return
    if any(hit.start("np") < e and s < c0 for s, e in m.content):
        return
    first = hit.group("np").split()[0].lower()
    if first in {"and", "but", "or", "so", "then", "when", "if", "as", "while", "because", "after"}:
        return
    end = hit.start("close") if hit.group("close") else hit.start("dash")
    m.source = [(hit.start("np"), end)]


_ANONYMITY = re.compile(r"[\"“]?\s*(?:not\s+to\s+be\s+(?:named|identified|quoted)|(?:for\s+)?anonymity|that\s+(?:their|his|her)"
                        r"\s+names?\s+(?:not\s+be|be\s+withheld))", re.IGNORECASE)


def _anonymity_request(text: str, m: Candidate) -> bool:
    """"…, who asked not to be named, …": a source asking for anonymity makes no statement."""
    if m.content and _ANONYMITY.match(text, m.content[0][0]):
        return True
    return bool(m.cue) and bool(_ANONYMITY.match(text, m.cue[-1][1]))  # "who asked │ not to be named because …"


_CLAIM_NOUNS = r"(?:claim|allegation|accusation|charge|assertion|contention|account|version|suggestion|characteri[sz]ation)s?"
_CLAIM_SOURCE = re.compile(r"(?:a|an|the|this|that)\s+" + _CLAIM_NOUNS + r"\s+(?:that\s+|which\s+)?(?=\S)", re.IGNORECASE)


def _claim_noun_source(text: str, m: Candidate, cands: list[Candidate]) -> None:
    """"…, a claim the contractor reportedly denies": the source is the contractor, and what it
    denies is the claim just made, not the sentence that made it (which it does not relay)."""
    if len(m.source) != 1 or not m.cue:
        return
    s, e = m.source[0]
    hit = _CLAIM_SOURCE.match(text, s, e)
    if hit is None or hit.end() >= e:
        return
    m.source = [(hit.end(), e)]
    if m.content and m.content[-1][1] <= s:
        inner = [c for c in cands if c is not m and c.cue and c.content
                 and any(a <= c.cue[0][0] < b for a, b in m.content)]
        if inner:
            m.content = list(inner[-1].content)


def _bare_claim_noun(text: str, m: Candidate) -> bool:
    """A cue that is a noun after an article ("a {claim} the contractor …") with no "that" clause."""
    if not m.cue or not m.content:
        return False
    cue = text[m.cue[0][0]:m.cue[-1][1]]
    if not re.fullmatch(_CLAIM_NOUNS, cue, re.IGNORECASE):
        return False
    before = text[max(0, m.cue[0][0] - 6):m.cue[0][0]].lower()
    after = text[m.content[0][0]:m.content[0][0] + 5].lower()
    return bool(re.search(r"\b(?:a|an|the|this|that)\s+$", before)) and not after.startswith("that ")


_NOBODY = {"nothing", "nobody", "no one", "none", "noone"}
_WH_ONLY = re.compile(r"\W*(?:what|why|how|who|whom|whose|which|when|where|whether)\W*", re.IGNORECASE)
_MARKET_MOVE = re.compile(r"\W*[-+$£€]?\d[\d.,]*\s*(?:points?|percent|per\s+cent|%|cents?|basis\s+points)\b",
                          re.IGNORECASE)
_MOVE_CUES = {"added", "gained", "lost", "rose", "fell", "dropped", "climbed", "slipped", "jumped", "shed"}


#: Verbs that report a finding with a clause ("concluded that …") but an event with a noun phrase.
_EVENT_CUES = {"concluded", "concludes", "conclude", "wrapped", "adjourned", "opened", "closed", "held", "hosted"}
#: Verbs of a legal step: with a clause an accusation ("charged that …"), else an act of a court or
#: prosecutor that reports nobody's words ("were charged Tuesday with falsifying records").
_LEGAL_CUES = {"charged", "convicted", "indicted", "sentenced", "pleaded", "pleads", "plead", "pled", "arrested",
               "acquitted"}
#: "add" as putting one thing into another ("NASA added smaller landers to the contract", "the
#: promises add up to $8.5 million"): an act on things, nothing said. A clause after "added" is speech.
_ADD_CUES = {"add", "adds", "added", "adding"}
_ADD_TO = re.compile(r"\s*(?:up\b|(?:(?!(?:that|would|will|should|could|can|may|might|must|is|are|was|were|has|"
                     r"have|had|be|been|wants?|wanted|needs?|needed|plans?|planned|hopes?|hoped|going|tries|tried|intends?|"
                     r"expects?|seeks?|aims?|used|ought|has|able|likely|about)\b)[\w’'$.-]+\s+){1,6}to\s)", re.IGNORECASE)
_CLAUSE_START = re.compile(r"\s*(?:[\"“‘'«]|that\b|(?:what|why|how|whether|if|when|where|who)\b|"
                           r"(?:it|he|she|they|we|i|there)\b)", re.IGNORECASE)


def _not_a_statement(text: str, m: Candidate) -> bool:
    """Narration and page furniture the tagger or rules can read as speech:

    * a question subheading whose "content" is its wh-word ("What did the prosecutors say?");
    * a negative pronoun as the speaker ("Nothing suggests she has shown any partisanship");
    * an expletive "it" that seems ("If it seemed like the market was calm");
    * a price or index move ("The Dow added 20.72 points");
    * a legal step ("were charged Tuesday with falsifying records", "pleaded guilty to …");
    * "add" as putting one thing into another ("added smaller landers to the contract", "add up to");
    * a content that is one function word ("lawmakers expressed outrage over the …": "the").
    """
    content = " ".join(text[a:b] for a, b in m.content)
    if m.content and (_WH_ONLY.fullmatch(content) or content.strip().lower() in _NOT_A_CONTENT):
        return True
    src = " ".join(text[a:b] for a, b in m.source).strip().lower()
    if src in _NOBODY:
        return True
    if not m.cue:
        return False
    cue = text[m.cue[0][0]:m.cue[-1][1]].lower()
    if cue in {"seemed", "seems", "seem", "appeared", "appears", "looked", "looks"} and re.search(
            r"\b(?:it|there)\s+$", text[max(0, m.cue[0][0] - 8):m.cue[0][0]], re.IGNORECASE):
        return True
    if cue.split()[-1] in _EVENT_CUES and m.content and not _CLAUSE_START.match(text, m.content[0][0]):
        return True  # "the committee concluded its third hearing": an event ended, nothing said
    if set(re.findall(r"[a-z]+", cue)) & _LEGAL_CUES and m.content and not _CLAUSE_START.match(text, m.content[0][0]):
        return True  # "pleaded guilty to threatening …": a legal step, nothing said
    if (cue.split()[-1] in _ADD_CUES and m.content and m.content[0][0] >= m.cue[-1][1]
            and not _CLAUSE_START.match(text, m.content[0][0]) and _ADD_TO.match(text, m.content[0][0])):
        return True  # "NASA added smaller landers to the contract": an act on things, nothing said
    return cue in _MOVE_CUES and bool(m.content) and bool(_MARKET_MOVE.match(text, m.content[0][0]))


def _whole_quotation(text: str, m: Candidate, cues: list[int]) -> None:
    """Content pieces that all lie in one quotation are the whole quotation: the words the tagger
    left out between them ("… tax rate>, proposed divestment … <Therefore, …") were said too."""
    if len(m.content) < 2:
        return
    lo, hi = m.content[0][0], m.content[-1][1]
    para_lo = text.rfind("\n", 0, lo) + 1
    para_hi = text.find("\n", hi)
    holder = [q for q in find_quotes(text, para_lo, para_hi if para_hi >= 0 else len(text))
              if q.closed and q.start <= lo and hi <= q.end]
    if len(holder) != 1:
        return
    lo, hi = holder[0].start, holder[0].end
    i = bisect.bisect_left(cues, lo)
    if i < len(cues) and cues[i] < hi and not any(s <= cues[i] < e for s, e in m.cue):
        return  # another attribution's cue inside: a quotation within a quotation, not a gap
    m.content = [(lo, hi)]


_WORD_BEFORE = re.compile(r"([\w.]+)$")
_CLOSING = ".!?…;:,"


def _stops_inside(text: str, e: int) -> bool:
    """Whether a content ending at ``e`` stops at a mark that does not end the sentence: the full stop
    of an abbreviation ("10:30 p.m. Aug. 9", "the U.S. embassy") or the colon of a clock time."""
    ch = text[e:e + 1]
    if ch == ":":
        return text[e - 1:e].isdigit() and text[e + 1:e + 2].isdigit()
    if ch != ".":
        return False
    word = _WORD_BEFORE.search(text, max(0, e - 12), e)
    return word is not None and word.group(1).lower().strip(".") in L.ABBREVIATIONS


def _past_inner_stop(text: str, m: Candidate, cues: list[int]) -> None:
    """A content the tagger ended at an abbreviation's full stop or inside a clock time runs on to the
    end of its sentence ("that no checks were made from 10:30 p.m. Aug. 9 to 6:30 a.m. the
    following morning"), unless another attribution's cue stands in between."""
    if not m.content:
        return
    s, e = m.content[-1]
    if e >= len(text) - 1 or not _stops_inside(text, e):
        return
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line_end = len(text) if line_end < 0 else line_end
    sent_end = next((b for a, b in sentences(text, line_start, line_end) if a <= e < b), None)
    if sent_end is None or sent_end <= e + 1:
        return
    i = bisect.bisect_right(cues, e)
    if i < len(cues) and cues[i] < sent_end:
        return
    end = sent_end
    while end > e + 1 and text[end - 1] in _CLOSING:
        end -= 1
    if text[e + 1:end].strip():
        m.content[-1] = (s, end)


def _no_jumps(m: Candidate, cues: list[int]) -> None:
    """A content piece never reaches its cue over another attribution's cue: in "Moscow has stated
    that …. However, Zelensky has set out conditions, which include “…”", the quoted conditions are
    Zelensky's, not Moscow's (the first piece is always kept)."""
    if len(m.content) < 2 or not m.cue:
        return
    c0, c1 = m.cue[0][0], m.cue[-1][1]
    own = {s for s, _ in m.cue}
    kept = []
    for k, (s, e) in enumerate(m.content):
        lo, hi = (c1, s) if s >= c1 else (e, c0)
        i = bisect.bisect_left(cues, lo)
        jumped = i < len(cues) and cues[i] < hi and cues[i] not in own
        if jumped and not (k == 0 and s >= c1):
            continue
        kept.append((s, e))
    if kept:
        m.content = kept


_TRAILING_RELATIVE = re.compile(r"[\s,]+(?:who|which|whose|that)\s*$", re.IGNORECASE)


def _trim_relative_pronoun(text: str, m: Candidate) -> None:
    """"…," said head librarian Josef Marrable, who spent …: the source ends before ", who"."""
    if not m.source:
        return
    s, e = m.source[-1]
    hit = _TRAILING_RELATIVE.search(text, s, e)
    if hit is not None and hit.start() > s:
        m.source = [*m.source[:-1], (s, hit.start())]


def _antecedent_as_content(text: str, m: Candidate) -> bool:
    """A rule reading "The director, who will testify": source "who", content the noun before it."""
    if not m.source or not m.content or m.rule.startswith("tagger"):
        return False
    src = " ".join(text[a:b] for a, b in m.source).strip().lower()
    return src in {"who", "which", "that"} and m.content[-1][1] <= m.source[0][0]
