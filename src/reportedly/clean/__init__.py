"""Cleaning: find the article in a page — boilerplate, title, standfirst, date, bylines, body."""

from __future__ import annotations

from ..document import Document
from ..settings import Settings
from . import textdump
from .textdump import TextDumpCleaner


class StructureComponent:
    """Adds the structure layers to a document that has none yet.

    Readers of structured inputs (HTML) may already have set the layers; a plain text input
    goes through the text-dump cleaner.
    """

    name = "structure"

    @property
    def version(self) -> str:
        """What decides the layers of a text dump: the cleaner's :data:`~.textdump.CLEANER_VERSION`.

        An HTML page arrives with its layers set by its reader, whose recipe is recorded in the
        record's ``extra.extraction.version`` instead.
        """
        return textdump.CLEANER_VERSION

    def __init__(self, settings: Settings | None = None):
        self.textdump = TextDumpCleaner()

    def __call__(self, doc: Document) -> Document:
        if doc.has_layer("paragraph"):
            return doc
        return self.textdump(doc)
