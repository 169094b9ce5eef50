"""Readers turn inputs (paths, ``-`` for stdin) into :class:`Document` objects.

:func:`read_inputs` yields a :class:`Document` per article, or a :class:`Failure` naming the input
and the reason when one cannot be read; it never raises for a bad input, so a batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from ..document import Document, Metadata
from ..errors import InputError
from ..settings import Settings, get_settings


@dataclass(frozen=True)
class Failure:
    """An input that could not be turned into a document, with a one-line reason."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


def decode_text(data: bytes, input: str) -> tuple[str, str]:
    """Decode bytes of a text file, detecting the encoding; returns (text, encoding)."""
    if not data.strip():
        raise InputError(input, "empty input")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(input, "not text: no character encoding fits its bytes")
    return str(best), best.encoding


def read_inputs(inputs: Iterable[str], settings: Settings | None = None) -> Iterator[Document | Failure]:
    settings = settings or get_settings()
    for item in inputs:
        try:
            path = Path(item)
            if not path.exists():
                raise InputError(item, "no such file or directory")
            data = path.read_bytes()
            text, enc = decode_text(data, item)
            yield Document(text, input=item, meta=Metadata(format="text", encoding=enc))
        except InputError as exc:
            yield Failure(exc.input, exc.reason)
        except OSError as exc:
            yield Failure(item, exc.strerror or str(exc))
