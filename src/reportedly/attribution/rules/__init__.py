"""Rule-based attribution candidates: quotations, reporting verbs, "according to", participles.

The rules work on tokens and quote marks alone (no parser), one sentence at a time:

* a **cue** is a reporting verb ("said", "stated", "set out", "called for"), a verb of belief
  ("believes", "fear"), a verb of intention before a "to"-infinitive ("wants to", "declined to"),
  a verb that judges in words ("criticized", "praised"), "is/are afraid", a hedged passive ("are
  said to oppose"), "according to", or a participle after a comma or "by"/"from"/"after"
  ("…, arguing that …", "…, citing sources", "by saying") or after "with NP"; in a title-case
  headline the capitalised "Says" too;
* the **source** is the noun phrase walked left from the cue over auxiliaries and adverbs
  ("Moscow has repeatedly stated"), keeping an appositive between commas ("Gen. Mark Milley,
  who heads …, stated"), or the phrase after the cue when the order is inverted ("…," said
  Smith), after "according to" and after "citing". A participle with no noun phrase of its own
  shares the source of the main clause;
* the **content** is the clause after the cue (from "that" when it comes within a few words, so
  "said on Thursday that …" keeps the date out), or, when nothing follows the cue, the text before
  the source ("…, the newspaper reported."). It stops where the next attribution of the sentence
  starts, and at the first comma when the cue sits in a leading subordinate clause ("Although
  they believe that …, …").

More sentence patterns: an inverted source keeps its appositive and party tag ("…," said Kenneth
Baer, a former official who …; Rep. Gwen Moore (D-Wis.) said), a participle appositive stays out
of the source ("Trump, speaking to veterans, said"), a second predicate shares the speaker and
ends the first one's content ("X says A and said B"), "called (for/on)" and "cited" need a named,
pronoun or definite institutional subject, words that are also nouns ("tweets", "states") are
cues only before a clause, and a reduced passive ("officials quoted by the paper") is no cue.

Quotations add what sentences alone miss: a quotation spanning several paragraphs (an opening
mark on each, one closing mark) joins the attribution that ends it, a bare quotation that
follows an attribution in the same paragraph (or opens the next sentence) joins it, and a
paragraph that is a quotation with no cue at all continues the last speaker (kind ``floating``).
A quotation signed with a dash at the end of its paragraph ("“…” ― Sonya Herridge") and a
paragraph opened by a speaker label ("Pat Caddell: …", transcripts' "PENCE: …") are attributions
with the dash or colon as cue. Cue words inside quotations are
never cues. Nothing here raises on odd input: unbalanced marks, texts without punctuation and
other languages simply give fewer candidates.
"""

from __future__ import annotations

import bisect

from ..candidate_types import Candidate, Pair
from ..segment import Quote, find_quotes, sentences
from .clauses import _sentence_candidates
from .quotes import _attach_quotes, _signed_quotes, _speaker_labels

#: Bumped with every change to the rules that changes what they find; part of the attribution
#: component's version (see :func:`reportedly.attribution.component_version`).
RULES_VERSION = "2026.12.8.1"


def extract(text: str, regions: list[Pair] | None = None) -> list[Candidate]:
    """All rule candidates in ``text`` within ``regions`` (whole text when none), in text order."""
    regions = sorted(regions) if regions else [(0, len(text))]
    out: list[Candidate] = []
    region_quotes: list[list[Quote]] = []
    for rs, re_ in regions:
        quotes = find_quotes(text, rs, re_)
        region_quotes.append(quotes)
        q_starts = [q.start for q in quotes]
        q_ends = [q.end for q in quotes]  # quotations never overlap, so their ends are sorted too
        for sent in sentences(text, rs, re_, quotes):
            local = quotes[bisect.bisect_right(q_ends, sent[0]):bisect.bisect_left(q_starts, sent[1])]
            out.extend(_sentence_candidates(text, sent, local))
        out.extend(_signed_quotes(text, rs, re_, quotes, out))
    out.extend(_speaker_labels(text, regions, out))
    out.sort(key=lambda c: c.cue_start)
    _attach_quotes(text, regions, region_quotes, out)
    out.sort(key=lambda c: c.cue_start)
    return out


__all__ = ["RULES_VERSION", "Candidate", "Pair", "extract"]
