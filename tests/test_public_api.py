"""The public surface as a type checker sees it (issue 11, item 4): every error class exported, the
module-level helpers with their real signatures, and the package marked as typed."""

from __future__ import annotations

import inspect
import tomllib
from pathlib import Path

import reportedly
from reportedly import api, errors

ROOT = Path(__file__).resolve().parents[1]


def test_every_error_class_is_exported() -> None:
    classes = {name for name, obj in vars(errors).items()
               if isinstance(obj, type) and issubclass(obj, errors.ReportedlyError)}
    assert set(errors.__all__) == classes
    assert len(classes) == 9


def test_analyze_text_has_the_signature_of_the_method_it_calls() -> None:
    method = inspect.signature(api.Analyzer.analyze_text)
    helper = inspect.signature(api.analyze_text)
    assert list(helper.parameters.values()) == [p for n, p in method.parameters.items() if n != "self"]
    assert not any(p.kind is p.VAR_KEYWORD for p in helper.parameters.values())
    assert reportedly.analyze_text is api.analyze_text


def test_the_package_says_it_is_typed_and_ships_the_marker() -> None:
    assert (ROOT / "src" / "reportedly" / "py.typed").is_file()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    data = pyproject["tool"]["setuptools"]["package-data"]["reportedly"]
    assert "py.typed" in data
    for pattern in data:  # every packaged pattern names files that exist
        assert list((ROOT / "src" / "reportedly").glob(pattern)), pattern


def test_one_release_version_named_in_every_record() -> None:
    from importlib.metadata import version

    assert reportedly.__version__ == version("reportedly")
    assert f"## {reportedly.__version__} " in (ROOT / "CHANGELOG.md").read_text("utf-8")
    doc = reportedly.Analyzer(reportedly.Settings.load(env={}, pipeline={"components": ["structure"]})) \
        .analyze_text("The mayor said the bridge would reopen.")
    assert doc.provenance[0] == {"component": "reportedly", "version": reportedly.__version__}
