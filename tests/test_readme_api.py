"""The README's Python API example runs as written and prints words, not spans (issue 10, item 10)."""

from __future__ import annotations

import re
from pathlib import Path

from reportedly.document import Attribution, Document, Source

ROOT = Path(__file__).resolve().parents[1]


def test_attribution_text_accessors() -> None:
    text = "Port director Tomas Quill said in a statement that no one would be laid off."
    doc = Document(text)
    a = doc.add_attribution(Attribution(id="a1", source=Source(spans=[(0, 25)]), cue=[(26, 45)],
                                        content=[(51, 75)]))
    assert (doc.source_text(a), doc.cue_text(a), doc.content_text(a)) == (
        "Port director Tomas Quill", "said in a statement", "no one would be laid off")
    implicit = doc.add_attribution(Attribution(id="a2", source=Source(), cue=[(26, 30)], content=[(51, 57), (67, 75)]))
    assert doc.source_text(implicit) == "" and doc.content_text(implicit) == "no one … laid off"


def test_the_readme_api_example_runs_and_prints_words(capsys, monkeypatch) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    code = re.search(r"## Python API\n\n```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "failed: more.warc.gz" in out
    assert "| said |" in out or "| told reporters |" in out  # cue words, not [(start, end)] pairs
    assert "[(" not in out
