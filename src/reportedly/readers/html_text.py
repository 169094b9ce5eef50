"""The forms the HTML reader compares and writes extracted text in: whitespace runs as one space
(casefolded, to compare lines with the page's elements), and Unicode normal form C.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def _nfc(text: str) -> str:
    """``text`` in Unicode normal form C (composed characters), the form of every HTML document's text."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()
