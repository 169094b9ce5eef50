"""Bad inputs: each gets one line on stderr naming it and the reason, the rest of the call goes on,
no traceback reaches the user, and the exit status is 1 when any input failed."""

from __future__ import annotations

import gzip
import json

import pytest

from reportedly.cli import main

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.fixture(autouse=True)
def structure_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTEDLY_PIPELINE_COMPONENTS", "structure")


def _big_text(path, size: int = 100_000_000) -> None:
    """A 100 MB text file written cheaply: real text at the head, the rest a sparse hole."""
    with open(path, "wb") as f:
        f.write(b"The council said on Monday that the bridge would reopen in the spring.\n" * 1000)
        f.truncate(size)


def _bad_inputs(tmp_path, examples) -> dict[str, tuple[str, str]]:
    """name -> (path, expected words in the reason)."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(PNG)
    (tmp_path / "broken-utf8.txt").write_bytes("Zoë said “yes” — twice.".encode() + b" \xc3\x28\xa0\xa1 end")
    _big_text(tmp_path / "huge.txt")
    warc = (examples / "crawl.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(warc[: len(warc) // 2])
    (tmp_path / "nothing.html").write_bytes(b"<html><head><title></title></head><body><div></div></body></html>")
    return {
        "empty": (str(tmp_path / "empty.txt"), "empty input"),
        "png": (str(tmp_path / "image.png"), "PNG"),
        "invalid utf-8": (str(tmp_path / "broken-utf8.txt"), "invalid UTF-8"),
        "100 MB": (str(tmp_path / "huge.txt"), "too large"),
        "truncated warc.gz": (str(tmp_path / "cut.warc.gz"), "truncated gzip"),
        "html without text": (str(tmp_path / "nothing.html"), "no readable text"),
        "missing": (str(tmp_path / "does-not-exist.txt"), "no such file"),
    }


@pytest.mark.parametrize("case", ["empty", "png", "100 MB", "truncated warc.gz", "html without text", "missing"])
def test_each_bad_input_alone(case, tmp_path, examples, capsys) -> None:
    path, reason = _bad_inputs(tmp_path, examples)[case]
    code = main(["analyze", path, "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"reportedly: {path}: ")
    assert reason in lines[0]
    assert "Traceback" not in err
    if case != "truncated warc.gz":  # a cut archive still gives the records before the cut
        assert out == ""


def test_all_together_with_good_inputs(tmp_path, examples, capsys) -> None:
    bad = _bad_inputs(tmp_path, examples)
    good = [str(examples / "harbour-dispute.txt"), str(examples / "library-reopens.html")]
    args = [good[0], *(p for p, _ in bad.values()), good[1]]
    code = main(["analyze", *args, "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 1
    inputs = [json.loads(line)["input"] for line in out.splitlines()]
    assert good[0] in inputs and good[1] in inputs
    err_lines = err.splitlines()
    assert len(err_lines) == len(bad)
    for path, _ in bad.values():
        assert sum(line.startswith(f"reportedly: {path}: ") for line in err_lines) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "data", "warning"),
    [
        ("truncated.html", b"<html><head><title>Council votes</title></head><body><article><p>The council voted "
         b"on Monday to close the old library, officials said after a long meeting.</p><p>The building will", "truncated"),
        ("malformed.html", b"<html><body><div><p>The council voted on Monday to close the old library, officials "
         b"said after a long meeting.</i></span></p></div></div></body></html>", "malformed"),
    ],
)
def test_damaged_html_is_read_with_one_warning(name, data, warning, tmp_path, capsys) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["analyze", str(path), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 0  # a warning is not a failure: the page was read
    assert "close the old library" in json.loads(out)["body"]
    (line,) = err.splitlines()
    assert line.startswith(f"reportedly: {path}: warning: ") and warning in line


def test_gzip_of_garbage(tmp_path, capsys) -> None:
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(gzip.compress(b"fine text " * 100)[:12] + b"\xff" * 40)
    code = main(["analyze", str(path)])
    _, err = capsys.readouterr()
    assert code == 1
    (line,) = err.splitlines()
    assert line.startswith(f"reportedly: {path}: ") and "gzip" in line


def test_big_input_is_refused_before_it_is_read(tmp_path) -> None:
    """The size check comes from the file's size; nothing near 100 MB is read into memory."""
    from reportedly.readers import Failure, read_inputs
    from reportedly.settings import Settings

    path = tmp_path / "huge.txt"
    _big_text(path)
    (fail,) = list(read_inputs([str(path)], Settings.load(env={})))
    assert isinstance(fail, Failure)
    assert "100.0 MB" in fail.reason and "input.max_bytes" in fail.reason
