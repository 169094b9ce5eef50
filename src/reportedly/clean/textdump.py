"""Text-dump cleaning: recover the article from a page a scraper saved as plain text."""

from __future__ import annotations

import re

from ..document import Document

_LINE = re.compile(r"[^\n]+")


class TextDumpCleaner:
    """Marks every non-empty line as a body paragraph (first, naive version)."""

    name = "textdump"
    version = "0.0.1"

    def __call__(self, doc: Document) -> Document:
        for m in _LINE.finditer(doc.text):
            if m.group().strip():
                doc.add_span("paragraph", m.start(), m.end())
        return doc
