"""Common English words: whether a capitalised word is a name or a word that opens a sentence.

The packaged tagger's WordPiece vocabulary holds, as whole tokens, the words frequent enough in its
pretraining text to have one: "officials", "company", "legion" are there, "Monsanto" and "EgyptAir"
are not. With the lexicon's heads of unnamed sources and titles added, that is the list of words
that do not make a mention a name by themselves.
"""

from __future__ import annotations

import json
from functools import lru_cache

from . import lexicon as L
from .tagger import DEFAULT_MODEL_DIR


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Whole words of the tagger's WordPiece vocabulary (lower case): English words common enough to
    have a token of their own ("officials", "sources"), and names frequent in its pretraining text."""
    raw = (DEFAULT_MODEL_DIR / "tokenizer.json").read_text(encoding="utf-8")
    vocab = json.loads(raw).get("model", {}).get("vocab", {})
    nouns = {w.lower() for w in L.ANONYMOUS_HEADS | L.TITLES}  # "Lawmakers", "Aides" at a sentence's start
    return frozenset(w for w in vocab if w.isalpha() and w.islower()) | frozenset(nouns)


def is_common(word: str) -> bool:
    """Whether a word (any case) is a common word: in the vocabulary, or its plural."""
    low = word.lower()
    vocab = common_words()
    return low in vocab or low.endswith("s") and (low[:-1] in vocab or low.endswith("es") and low[:-2] in vocab)
