"""Plain text in any common encoding; damaged or undecodable bytes are refused with a reason."""

from __future__ import annotations

import pytest

from reportedly.errors import InputError
from reportedly.readers import read_inputs
from reportedly.readers.text import decode_text

ARTICLE = "The minister said on Tuesday that the “new rules” would apply from March — naïve or not."


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (ARTICLE.encode("utf-8"), ARTICLE),
        (ARTICLE.encode("utf-8-sig"), ARTICLE),
        (ARTICLE.encode("utf-16"), ARTICLE),  # with BOM
        ("Le garçon a mangé à l'hôtel près de la gare.".encode("latin-1"), "Le garçon a mangé à l'hôtel près de la gare."),
        ("The café’s “owner” said it — twice.".encode("cp1252"), "The café’s “owner” said it — twice."),
        ("Правительство заявило в четверг, что переговоры продолжатся, сообщили источники.".encode("cp1251"),
         "Правительство заявило в четверг, что переговоры продолжатся, сообщили источники."),
    ],
)
def test_common_encodings(data: bytes, text: str) -> None:
    decoded, _enc = decode_text(data, "in.txt")
    assert decoded == text


def test_encoding_is_recorded() -> None:
    _, enc = decode_text("Prix: 5 €, café".encode("cp1252"), "in.txt")
    assert enc == "cp1252"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("Café déjà vu — “quoted”".encode() + b" \xc3\x28 and more", "invalid UTF-8"),
        ("Naïve".encode() + b"\xc3", "invalid UTF-8"),
        (b"Hello \xff\xfe\xfd\xfc world", "no common encoding"),
        (b"", "empty"),
        (b"text\x00with\x00nuls", "binary"),
    ],
)
def test_refused(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        decode_text(data, "in.txt")
    assert str(info.value).startswith("in.txt: ")


def test_text_document_is_the_decoded_file(tmp_path) -> None:
    raw = "Headline\r\n\r\nBody line one.\r\n  Indented line.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode("utf-16"))
    (doc,) = list(read_inputs([str(path)]))
    assert doc.text == raw  # unchanged: offsets index the input
    assert doc.meta.format == "text"
    assert doc.meta.encoding.startswith("utf-16")
