"""Text-dump cleaning: recover the article from a page a scraper saved as plain text.

A text dump is a web page rendered to lines: navigation and icon junk, the headline, a standfirst,
bylines and a dateline, image captions, the body paragraphs, then related lists, comments and the
footer. :class:`TextDumpCleaner` scores every line on general signals (length, stop-word density,
sentence punctuation, furniture vocabulary, repetition), picks the run of lines with the highest
total score as the article body (a maximum-sum segment, so short interruptions inside the article
are bridged while long menus are not), then reads the header zone above the body for the
headline, standfirst, bylines and dateline. Lines left out of the body go to their layers: picture
captions (by their credit or gallery counter) to ``caption``, teasers for other stories to ``teaser``,
wire slugs to ``slug``, the rest to ``boilerplate``; subheadings kept in the body are also marked
``subheading``. The text is never modified; every finding is a span.

:meth:`TextDumpCleaner.__call__` runs the steps in order; each lives in a module of its own:
``textdump_lines`` (the lines, and the page the steps share), ``textdump_score`` (line scores),
``textdump_body`` (the body segment and its paragraphs), ``textdump_title`` (headline, standfirst),
``textdump_header`` (bylines, date) and ``textdump_layers`` (furniture layers, language).
"""

from __future__ import annotations

from ..document import Document
from .credits import footer_outlet
from .textdump_body import _choose_body, _keep_body
from .textdump_header import _read_header
from .textdump_layers import _read_language, _write_furniture
from .textdump_lines import _Page, _split_lines
from .textdump_score import _score_lines
from .textdump_title import _read_standfirst, _read_title

#: The text-dump cleaner's version, stored in every record's provenance as the ``structure``
#: component's: bump it with any change to what the cleaner finds (its rules, vocabularies, the
#: outlets it knows), so ``ingest --update`` analyses stored text dumps again. 1.0: line scores,
#: max-sum body, header zone. 1.1: furniture lines as junk, wire slugs and body datelines, kept
#: tables, restated articles dropped, authors as person names, language detection, outlets filed
#: under the publisher a footer names. 1.2: bylines without "By" (a name before the date, "By" on a
#: line of its own, a bare name under the headline, the byline under a first showing of the headline),
#: "ET"/"PT" zones and two-digit years before a time, picture captions by their credit or gallery
#: counter, author bios and bylines inside the text cut, teaser and subheading layers. 1.2.1:
#: "Contributing: …" credit lines are furniture. 1.3.0: a first line that ends like a sentence read as
#: the title, credit lines to a ``credit`` layer, the article's facts listed under it and browser-update
#: banners as furniture, build stamps never a date, a reply opened by a dash ("— Well, …") read as prose.
#: 1.4.0: numbered lists the article introduces, furniture in more languages. 1.5.0: long lines inside
#: the body kept whatever their stop words, the article's foot saying who wrote or issued it ("About …",
#: "Jane Doe is a staff writer at …", a press release's "Acme is a … provider") left out, a long title-cased
#: line without a sentence end (a tag list) not prose, a first line saying where people stand in a picture a caption,
#: the list a marker inside the article heads ("Most read" …, up to the next paragraph) left out, a short line
#: the body repeats (the same question to each guest) kept each time.
#: ``tests/clean/test_version.py`` pins its output on the bundled example to this version.
CLEANER_VERSION = "1.5.0"


class TextDumpCleaner:
    """Finds boilerplate, headline, standfirst, dateline, bylines, captions and body paragraphs."""

    name = "textdump"

    @property
    def version(self) -> str:
        """:data:`CLEANER_VERSION`."""
        return CLEANER_VERSION

    def __call__(self, doc: Document) -> Document:
        """Clean ``doc`` in named steps: split and score its lines, choose the body, read the header
        (headline, standfirst, bylines, date), keep the body's paragraphs, file the rest."""
        lines = _split_lines(doc.text)
        if not lines:
            return doc
        _score_lines(lines)
        page = _Page(doc, lines)
        _choose_body(page)
        doc.meta.sitename = doc.meta.sitename or footer_outlet(doc.text)  # the publisher, not the headline's credit
        _read_title(page)
        _read_standfirst(page)
        _read_header(page)
        _keep_body(page)
        _write_furniture(page)
        _read_language(page)
        return doc
