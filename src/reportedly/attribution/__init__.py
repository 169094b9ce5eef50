"""Attribution: who said what, according to whom, how sure, and when."""

from __future__ import annotations

from ..document import Document
from ..settings import Settings


class AttributionComponent:
    """Finds attributions and unsourced claims and adds them to the document."""

    name = "attribution"
    version = "0.0.1"

    def __init__(self, settings: Settings | None = None):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return doc
