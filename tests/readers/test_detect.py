"""Sniffing: what an input holds is told by its bytes, not its name; gzip is undone transparently."""

from __future__ import annotations

import gzip

import pytest

from reportedly.errors import InputError
from reportedly.readers.detect import open_input, sniff


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'{"text": "An article."}\n{"text": "Another."}\n', "jsonl"),
        (b'[\n {"html": "<p>x</p>"}\n]', "jsonl"),
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        (b"  <!-- saved page -->\n<div class='story'><p>Hello</p></div>", "html"),
        (b"\xef\xbb\xbf<html><head><title>t</title></head></html>", "html"),
        (b"Council approves budget\n\nThe council said on Monday ...", "text"),
        (b"[Opinion] Why the bridge matters\n\nThe bridge is old.", "text"),  # bracket, not JSON
        (b"{Breaking} Storm closes port\nThe port closed.", "text"),
        ("Hello wörld, this is UTF-16 text".encode("utf-16"), "text"),
    ],
)
def test_sniff_kinds(head: bytes, kind: str) -> None:
    assert sniff(head, "whatever.dat") == kind


def test_name_only_breaks_ties() -> None:
    head = b"Some words <custom-tag>and</custom-tag> more"
    assert sniff(head, "page.txt") == "text"
    assert sniff(head, "page.html") == "html"


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        (b"", "empty input"),
        (b"   \n\n  ", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"abc\x00\x00\x00def", "NUL bytes"),
    ],
)
def test_sniff_refuses(head: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        sniff(head, "in.bin")
    assert info.value.input == "in.bin"


def test_gzip_is_transparent(tmp_path) -> None:
    path = tmp_path / "story.dat"
    path.write_bytes(gzip.compress(b"<html><body><p>Compressed page</p></body></html>"))
    with open_input(str(path)) as opened:
        assert opened.kind == "html"
        assert opened.compressed
        assert opened.read_all(1 << 20).startswith(b"<html>")


def test_missing_path() -> None:
    with pytest.raises(InputError, match="no such file"), open_input("/nonexistent/story.txt"):
        pass


def test_gzip_of_nothing(tmp_path) -> None:
    path = tmp_path / "empty.txt.gz"
    path.write_bytes(gzip.compress(b""))
    with pytest.raises(InputError, match="empty"), open_input(str(path)):
        pass


_PROSE = ("The tutorial explains how a page is laid out, one box inside another, and why the browser draws "
          "them in the order it does. Most readers skip this part, the author says, and regret it later. ")


@pytest.mark.parametrize("head", [
    # a text dump of an article that quotes markup is text
    f"How to centre a box\n\n{_PROSE}Close every <div> with </div>, and every <p> with </p>.\n\n{_PROSE * 3}",
    f"<div> or <span>: which one to use\n\n{_PROSE * 4}",
    f"Code review\n\n{_PROSE}The snippet was <html><body><p>Hello</p></body></html> and nothing else.\n\n{_PROSE * 3}",
])
def test_text_that_quotes_markup_is_text(head: str) -> None:
    assert sniff(head.encode(), "dump.dat") == "text"


@pytest.mark.parametrize("head", [
    "Warning: headers already sent\n<div class='story'><h1>Pier to close</h1><p>The pier closes.</p>"
    "<p>Crews move south.</p></div></body></html>",
    "<section><h1>Pier</h1><p>The pier closes in spring.</p><p>Crews move to the south quay.</p></section>",
    f"<!DOCTYPE html><html><body><p>{_PROSE * 5}</p></body></html>",
])
def test_a_page_is_html_whatever_comes_first(head: str) -> None:
    assert sniff(head.encode(), "page.dat") == "html"
