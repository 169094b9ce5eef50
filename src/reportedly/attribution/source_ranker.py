"""A learned second look at each named or described source: keep the rules' speaker, or take another.

The entity resolver's rules read one source mention ("the Kentucky Republican", "a local
pediatrician", "the company", "Clinton's lawyers") and give one answer. This ranker weighs that
answer against the alternatives a reader would consider — every person or body the article has
referred to in the sentences before, and "someone the article does not name" — with a linear
score over features that carry to new text (what the rules said and how sure they were, whether
the candidate's name or role words occur in the mention, how recently and how often the candidate
was referred to, whether it just spoke, the mention's determiner, number and capitalisation). The
answer with the highest score wins.

The weights are a conditional logit (softmax over one source's candidates) learned from the
speaker layer of PolNeAR train by ``training/train_source_ranker.py`` (cross-validated by
article; dev is never read there) and packaged as ``data/source_ranker.json``. Without that file
the rules' answer stands. Pronouns are ranked by their own model (``data/pronoun_ranker.json``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from . import lexicon as L
from . import names as N
from .affiliations import conflict
from .common_words import is_common
from .speakers import HONORIFICS, PERSON_NOUNS

#: The features of one candidate, in the order the packaged weights expect. Three blocks, one per
#: kind of candidate ("rule": the rules' answer, "entity": another person or body of the article,
#: "unnamed": nobody the article names); a feature is zero outside its block, so each block learns
#: its own weights.
FEATURES: tuple[str, ...] = (
    # the rules' answer
    "rule", "rule_confidence", "rule_anonymous", "rule_no_entity", "rule_person", "rule_body",
    "rule_group", "rule_document", "rule_one_word", "rule_lowercase", "rule_all_caps", "rule_full_name",
    "rule_definite_unresolved", "rule_definite_known",
    # an entity of the article (the rules' own pick, when it is one, has these too)
    "entity", "entity_name_in_mention", "entity_role_head", "entity_role_words", "entity_kind_fits",
    "entity_sentences_back", "entity_recency_rank", "entity_log_named", "entity_last_speaker",
    "entity_person", "entity_same_sentence", "entity_mention_in_name", "entity_full_name", "entity_nearest",
    "entity_owned", "entity_definite_person", "entity_role_conflict", "entity_subject",
    "entity_definite_known",
    # a longer name earlier in the text that holds the mention's capitalised words ("the Legion" →
    # "American Legion", "Lou" → "Lou Jiwei")
    "longer", "longer_sentences_back", "longer_words", "longer_person", "longer_body",
    # nobody the article names
    "unnamed", "unnamed_indefinite", "unnamed_plural", "unnamed_capitalised", "unnamed_owner",
    "unnamed_familiar", "unnamed_people_head", "unnamed_words", "unnamed_definite_known",
)
#: How many sentences back an entity of the article is a candidate.
WINDOW_SENTENCES = 8
#: At most this many entities (the most recently referred to) are candidates.
MAX_ENTITIES = 8

#: When a list, every ranking is appended to it as ``(source position, [(name, anonymous,
#: features), ...])`` (training reads the rankings the resolver makes; ``None`` in use).
RANKING_TRACE: list | None = None

_INDEFINITE = {"a", "an", "one", "another", "some", "several", "many", "two", "three", "four", "numerous",
               "few", "various", "other", "most"}
_BODY_WORDS = {"campaign", "team", "company", "firm", "group", "union", "agency", "department", "bureau",
               "committee", "party", "organization", "organisation", "association", "coalition", "council",
               "office", "administration", "network", "newspaper", "paper", "station", "university", "school",
               "bank", "airline", "board", "foundation", "institute", "center", "centre", "court", "ministry",
               "government", "police", "pac", "commission", "magazine", "outlet", "website", "site", "club"}
_FAMILIAR = re.compile(r"(?i:\b(?:familiar|close|briefed|knowledgeable|aware|involved|granted|speaking|"
                       r"authori[sz]ed|permitted|condition)\b)")
_WORD = re.compile(r"[\w’'-]+")
_CAP = r"(?:[A-Z][\w’'&.-]*)"
_NAME_RUN = re.compile(rf"{_CAP}(?:(?<![a-z]{{2}}\.)[ \t]+(?:(?:of|for|and|on|to|the|de|van|von|al|la|le)[ \t]+)*{_CAP})*")
_LEADS = {"the", "a", "an", "this", "that", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president"}


@dataclass
class Choice:
    """One answer a source may get: the rules' own, an entity of the article, or an unnamed source."""

    kind: str  # "rule" | "entity" | "unnamed"
    name: str | None
    anonymous: bool
    features: list[float]
    ent: Any = None  # the resolver's entity, when the choice is one


@lru_cache(maxsize=1)
def weights() -> tuple[float, ...] | None:
    """The packaged weights, or ``None`` (then the rules' answer stands)."""
    packaged = resources.files("reportedly.attribution").joinpath("data", "source_ranker.json")
    if not packaged.is_file():
        return None
    data = json.loads(packaged.read_text(encoding="utf-8"))
    if tuple(data.get("features") or ()) != FEATURES:
        return None
    return tuple(float(w) for w in data["weights"])


def _vec(**values: float) -> list[float]:
    out = [0.0] * len(FEATURES)
    for k, v in values.items():
        out[FEATURES.index(k)] = float(v)
    return out


def _words(text: str) -> list[str]:
    return [N.fold(w) for w in _WORD.findall(text)]


def mention_facts(mention: str) -> dict[str, float]:
    """What the mention alone says about an unnamed speaker (the "unnamed" block)."""
    words = mention.split()
    low = _words(mention)
    head = low[-1] if low else ""
    capitalised = any(w[:1].isupper() for w in words[1:]) or (
        bool(words) and words[0][:1].isupper() and N.fold(words[0]) not in _INDEFINITE | {"the", "this", "that"})
    owner = bool(re.search(r"['’]s\s+\w", mention) or re.search(r"(?i:\b(?:to|for|of|with)\s+[A-Z])", mention))
    return {
        "unnamed": 1.0,
        "unnamed_indefinite": float(bool(low) and low[0] in _INDEFINITE),
        "unnamed_plural": float(head.endswith("s") and not head.endswith("ss")),
        "unnamed_capitalised": float(capitalised),
        "unnamed_owner": float(owner),
        "unnamed_familiar": float(bool(_FAMILIAR.search(mention))),
        "unnamed_people_head": float(head in L.ANONYMOUS_HEADS or head.rstrip("s") in L.ANONYMOUS_HEADS),
        "unnamed_words": min(len(low), 8) / 8.0,
        "unnamed_definite_known": float(definite_known(mention)),
    }


def entity_facts(resolver: Any, e: Any, mention: str, mention_words: set[str], head: str, pos: int, here: int,
                 last_ref: Any, rank: int, last_speaker: Any, document: bool = False) -> dict[str, float]:
    """How well an entity of the article fits the mention at ``pos`` (the "entity" block)."""
    name_words = set(_words(e.name))
    capitalised = {N.fold(w) for w in _WORD.findall(mention) if w[:1].isupper()} - {"the", "a", "an"}
    surname = N.fold(e.surname) if e.kind == "person" and e.surname else ""
    in_mention = bool(name_words) and (name_words <= mention_words or bool(surname and surname in mention_words))
    roles = {N.fold(r) for r in e.roles}
    body_head = head in _BODY_WORDS
    fits = (e.kind == "person") != body_head
    back = here - resolver._sentence_index(last_ref.pos) if last_ref is not None else WINDOW_SENTENCES
    return {
        "entity": 1.0,
        "entity_name_in_mention": float(in_mention),
        "entity_role_head": float(bool(head) and (head in roles or head in name_words)),
        "entity_role_words": min(3, len((mention_words - {head}) & (roles | name_words))) / 3.0,
        "entity_kind_fits": float(fits),
        "entity_sentences_back": min(max(back, 0), WINDOW_SENTENCES) / WINDOW_SENTENCES,
        "entity_recency_rank": min(rank, MAX_ENTITIES) / MAX_ENTITIES,
        "entity_log_named": math.log1p(e.named + len(e.spoke_at)),
        "entity_last_speaker": float(e is last_speaker),
        "entity_person": float(e.kind == "person"),
        "entity_same_sentence": float(back == 0),
        "entity_mention_in_name": float(bool(capitalised) and capitalised <= name_words),
        "entity_full_name": float(len(name_words) >= 2),
        "entity_nearest": float(rank == 0),
        "entity_owned": float(owned_in(mention, name_words | ({surname} if surname else set()), document)),
        "entity_definite_person": float(e.kind == "person" and definite_singular(mention)),
        "entity_role_conflict": float(conflict(mention_words - {head}, roles)),
        "entity_subject": float(last_ref is not None and bool(last_ref.subject)),
        "entity_definite_known": float(e.kind == "person" and definite_known(mention)),
    }


@lru_cache(maxsize=1024)
def definite_singular(mention: str) -> bool:
    """A definite description of one person: "the Wisconsin Republican", "The former pollster" (not
    "the company", "the lawyers", nor a name)."""
    low = _words(mention)
    if len(low) < 2 or low[0] not in {"the", "this", "that"} or len(low) > 6:
        return False
    head = low[-1]
    return head not in _BODY_WORDS and not (head.endswith("s") and not head.endswith("ss")) \
        and not proper_name(mention)


_AGED = re.compile(r"\d+-year-old")


@lru_cache(maxsize=1024)
def definite_known(mention: str) -> bool:
    """A definite description whose head names what one known person is or does ("the actor", "the
    former president", "the 43-year-old"), not the roles unnamed sources go by ("the official", "the
    source", "the aide"; "the radioman" by its "-man"): news writes it of someone it has already named."""
    if not definite_singular(mention):
        return False
    head = _words(mention)[-1]
    return head not in L.ANONYMOUS_HEADS and (head in PERSON_NOUNS or head in L.TITLES or bool(_AGED.fullmatch(head))
                                              or len(head) > 5 and head.endswith(("man", "woman")))


#: What stands before a name that the mention is about someone else's ("people close to Clinton",
#: "advisers to Mr. Rubio", "a spokeswoman for the campaign of").
_TITLES_BETWEEN = r"(?:(?:[Tt]he|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|President|former)\.?\s+)*$"
_OWNER_BEFORE = re.compile(r"\b(?:to|for|of|with|around|near|behind|from|at)\s+" + _TITLES_BETWEEN)
#: The same for a document, whose "from" and "by" name its author ("a letter from the American Legion"):
#: only whom it went to or who obtained it ("… obtained by The Associated Press").
_RECIPIENT_BEFORE = re.compile(r"\b(?:to|for|of|with|(?:obtained|seen|reviewed|viewed)\s+by)\s+" + _TITLES_BETWEEN)


def owned_in(mention: str, name_words: set[str], document: bool = False) -> bool:
    """Whether a name in the mention belongs to whom the mention is about rather than to the speaker:
    after "to", "for", "close to" …, or before a possessive that is followed by more ("Clinton's aides");
    in a ``document`` mention, after "obtained by" too, but not after the "from" or "by" of its author."""
    before = _RECIPIENT_BEFORE if document else _OWNER_BEFORE
    for m in _WORD.finditer(mention):
        word = m.group()
        if not word[:1].isupper() or N.fold(re.sub(r"['’]s$", "", word)) not in name_words:
            continue
        if before.search(mention[:m.start()]) or re.match(r"['’]s\s+\w", mention[m.end() - 2:] if
                                                                word.endswith(("'s", "’s")) else mention[m.end():]):
            return True
    return False


def candidates(resolver: Any, res: Any, mention: str, pos: int) -> list[Choice]:
    """The rules' answer first, then the article's recent entities, then an unnamed source."""
    low = _words(mention)
    head = low[-1] if low else ""
    mention_words = set(low)
    here = resolver._sentence_index(pos)
    last_speaker = resolver.last_speaker_before(pos)
    latest: dict[int, Any] = {}
    order: list[Any] = []
    for r in reversed(resolver.refs_before(pos)):
        e = r.ent
        if e.kind not in {"person", "organisation", "government", "outlet"} or e.weak or e.anonymous:
            continue
        if here - resolver._sentence_index(r.pos) > WINDOW_SENTENCES:
            break
        if e.idx not in latest:
            latest[e.idx] = r
            order.append(e)
            if len(order) >= MAX_ENTITIES:
                break
    rule_kind = res.kind or ""
    rule = _vec(rule=1.0, rule_confidence=res.confidence, rule_anonymous=float(bool(res.anonymous)),
                rule_no_entity=float(not res.entity), rule_person=float(rule_kind == "person"),
                rule_body=float(rule_kind in {"organisation", "government", "outlet"}),
                rule_group=float(rule_kind == "group"), rule_document=float(rule_kind == "document"),
                rule_definite_unresolved=float((bool(res.anonymous) or res.ent is None) and definite_singular(mention)),
                rule_definite_known=float((bool(res.anonymous) or res.ent is None) and definite_known(mention)),
                **name_shape(res.entity or ""))
    if res.ent is not None and not res.anonymous and res.ent.kind in {"person", "organisation", "government",
                                                                      "outlet"}:
        rank = order.index(res.ent) if res.ent in order else MAX_ENTITIES
        facts = entity_facts(resolver, res.ent, mention, mention_words, head, pos, here, latest.get(res.ent.idx), rank,
                             last_speaker, rule_kind == "document")
        rule = [a + b for a, b in zip(rule, _vec(**facts), strict=True)]
    out = [Choice("rule", res.entity, bool(res.anonymous), rule, res.ent)]
    for rank, e in enumerate(order):
        if e is res.ent:
            continue
        facts = entity_facts(resolver, e, mention, mention_words, head, pos, here, latest[e.idx], rank, last_speaker,
                             rule_kind == "document")
        out.append(Choice("entity", e.name, False, _vec(**facts), e))
    out += longer_names(resolver, res, mention, pos, here)
    if not res.anonymous and offers_unnamed(mention, rule_kind, res.entity or ""):
        out.append(Choice("unnamed", unnamed_name(mention), True, _vec(**mention_facts(mention))))
    return out


def proper_name(mention: str) -> bool:
    """Whether a mention is a name by its words alone: every word capitalised (a leading article
    aside) and at least one of them not a common word ("Monsanto", "EgyptAir"; not "Officials",
    "Sources", "Aides" at a sentence's start)."""
    words = [w for w in _WORD.findall(mention)]
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if not words or not all(w[:1].isupper() for w in words):
        return False
    if len(words) >= 2 and N.fold(words[0]) in HONORIFICS:
        return True  # "Mr. Smith", "Dr. Lee"
    if len(words) == 1 and re.search(r"(?:[^s]s|people)$", words[0]):
        return False  # "Pundits", "Spokespeople": a plural noun opening a sentence, not a name
    return any(w.isalpha() and not is_common(w) for w in words)


def offers_unnamed(mention: str, rule_kind: str, rule_name: str) -> bool:
    """Whether "someone the article does not name" is a possible reading of the mention: not for a
    handle or a full personal name in it, nor where the rules read a document, an outlet or a
    government."""
    if rule_kind in {"document", "outlet", "government"} or re.search(r"(?<![\w@])@\w{2,}", mention):
        return False
    owner = re.compile(r"(?:['’]s|\b(?:to|for|of|with|at|from|Mr\.|Mrs\.|Ms\.|Dr\.))\s*$")
    if rule_kind == "person" and name_shape(rule_name)["rule_full_name"]:
        at = mention.find(rule_name.split()[-1])
        if at >= 0 and not owner.search(mention[:at]):
            return False  # "Scott's niece, state Del. Marcia Price": the name is in the mention
    if rule_kind == "organisation" and rule_name[:1].isupper() or re.search(r"\b[A-Z]{3,}\W*$", mention):
        return False  # "a rover NASA plans": a body the text names
    if re.search(r"\bby\s+(?:the\s+)?[A-Z]", mention):
        return False  # "a 2014 study by Harvard": a named author
    if proper_name(mention):
        return False  # "Monsanto", "Vanguard Logistics Services": a name, even at a sentence's start
    for m in re.finditer(r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?[A-Z][\w’'-]+", mention):
        if N.is_first_name(m.group(1)) and not owner.search(mention[:m.start()]):
            return False  # "Gov. Eric Holcomb and leaders of …": a named person speaks
    return True


def longer_names(resolver: Any, res: Any, mention: str, pos: int, here: int, limit: int = 2) -> list[Choice]:
    """Earlier capitalised runs that hold every capitalised word of a short mention, nearest first."""
    caps = [N.fold(w) for w in _WORD.findall(mention) if w[:1].isupper()]
    caps = [w for w in caps if w not in _LEADS]
    low = _words(mention)
    if not caps and len(low) == 2 and low[0] == "the" and low[1] in _BODY_WORDS | {"alliance", "league"}:
        caps = low[1:]  # "the union" → "Harbour Workers Union"
    if not caps or len(caps) > 3:
        return []
    starts = resolver._sent_starts
    first = starts[max(0, here - WINDOW_SENTENCES)] if starts else 0
    seen = {N.fold(res.entity or "")}
    out: list[Choice] = []
    for m in reversed(list(_NAME_RUN.finditer(resolver.text, first, pos))):
        run = re.sub(r"^(?:The|A|An)\s+", "", m.group().strip())
        words = [N.fold(w) for w in _WORD.findall(run)]
        if len(words) <= len(caps) or not set(caps) <= set(words) or N.fold(run) in seen:
            continue
        seen.add(N.fold(run))
        back = here - resolver._sentence_index(m.start())
        person = N.is_first_name(run.split()[0]) and len(words) <= 3
        out.append(Choice("longer", run, False, _vec(
            longer=1.0, longer_sentences_back=min(max(back, 0), WINDOW_SENTENCES) / WINDOW_SENTENCES,
            longer_words=min(len(words), 6) / 6.0, longer_person=float(person),
            longer_body=float(words[-1] in _BODY_WORDS))))
        if len(out) >= limit:
            break
    return out


def name_shape(name: str) -> dict[str, float]:
    """The shape of the rules' answer: one word, lower case, all capitals, a full name."""
    words = name.split()
    return {
        "rule_one_word": float(len(words) == 1),
        "rule_lowercase": float(bool(words) and not any(w[:1].isupper() for w in words)),
        "rule_all_caps": float(bool(words) and all(w.isupper() and len(w) > 1 for w in words)),
        "rule_full_name": float(len(words) >= 2 and all(w[:1].isupper() for w in words)),
    }


def unnamed_name(mention: str) -> str:
    """The short description an unnamed source is known by ("a local pediatrician" → "local pediatrician")."""
    desc = re.sub(r"^(?:the|a|an|this|that|one|another)\s+", "", " ".join(mention.split()), flags=re.IGNORECASE)
    return re.split(r",?\s+(?:who|which|whose)\s", desc, maxsplit=1)[0].strip(" ,") or mention.strip()


def choose(choices: list[Choice], w: tuple[float, ...]) -> tuple[Choice, float]:
    """The best-scoring choice and its share of the softmax."""
    scores = [sum(a * b for a, b in zip(w, c.features, strict=True)) for c in choices]
    top = max(scores)
    z = sum(math.exp(s - top) for s in scores)
    return choices[scores.index(top)], 1.0 / z
