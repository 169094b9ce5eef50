"""The progress bar is for terminals only; messages still reach stderr without it."""

from __future__ import annotations

from reportedly.cli.progress import progress


def test_off_when_not_a_terminal(capsys) -> None:
    with progress() as bar:  # pytest's captured stderr is not a TTY
        assert bar.disable
        bar.update(1)
        bar.write("reportedly: x.txt: empty input")
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "reportedly: x.txt: empty input\n"


def test_disabled_explicitly(capsys) -> None:
    with progress(disable=True) as bar:
        assert bar.disable
