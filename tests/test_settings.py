"""Settings: typed sections that match ``defaults.toml``, overridden by a file, the environment and
keyword arguments (issue 11, item 4)."""

from __future__ import annotations

import dataclasses
import pickle
import tomllib
import typing
from pathlib import Path

import pytest

from reportedly.errors import ConfigError
from reportedly.settings import SECTIONS, InputSettings, Settings

DEFAULTS = Path(__file__).resolve().parents[1] / "src" / "reportedly" / "defaults.toml"


def test_each_section_of_defaults_toml_is_a_dataclass_with_the_same_keys_and_types() -> None:
    defaults = tomllib.loads(DEFAULTS.read_text("utf-8"))
    assert list(defaults) == list(SECTIONS)
    for name, cls in SECTIONS.items():
        hints = typing.get_type_hints(cls)
        assert [f.name for f in dataclasses.fields(cls)] == list(defaults[name]), name
        for key, value in defaults[name].items():
            expected = typing.get_origin(hints[key]) or hints[key]
            assert isinstance(value, expected), f"[{name}] {key} = {value!r} is not {hints[key]}"
        assert typing.get_type_hints(Settings)[name] is cls


def test_sections_are_typed_and_overrides_apply_in_order(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[input]\nmax_bytes = 100\ntime_budget = 5\n[serve]\nport = 9000\n', "utf-8")
    s = Settings.load(cfg, env={"REPORTEDLY_INPUT_MAX_BYTES": "200", "REPORTEDLY_PIPELINE_COMPONENTS": "structure"},
                      serve={"port": 9001})
    assert isinstance(s.input, InputSettings)
    assert s.input.max_bytes == 200  # the environment over the file
    assert s.input.time_budget == 5.0 and isinstance(s.input.time_budget, float)
    assert s.pipeline.components == ["structure"]
    assert s.serve.port == 9001  # keyword overrides last
    assert s.store.path == "reportedly.db"
    assert pickle.loads(pickle.dumps(s)).as_dict() == s.as_dict()  # travels to Dask workers
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.input.max_bytes = 1  # type: ignore[misc]


def test_the_process_environment_is_read_when_no_env_is_given(monkeypatch) -> None:
    monkeypatch.setenv("REPORTEDLY_ATTRIBUTION_MIN_SCORE", "0.25")
    assert Settings.load().attribution.min_score == 0.25
    assert Settings.load(env={}).attribution.min_score == 0.0


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"input": {"max_byte": 1}}, "unknown setting input.max_byte"),
    ({"nowhere": {"x": 1}}, "unknown setting nowhere"),
    ({"input": {"max_bytes": "lots"}}, "cannot read 'lots' as int"),
    ({"serve": {"port": [1]}}, "must be int"),
    ({"input": 3}, "must be a table"),
])
def test_bad_settings_are_one_line_config_errors(kwargs, message) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.load(env={}, **kwargs)


def test_a_settings_object_needs_every_section() -> None:
    with pytest.raises(ConfigError, match="serve"):
        Settings({k: v for k, v in Settings.load(env={}).as_dict().items() if k != "serve"})
    with pytest.raises(ConfigError, match=r"\[store\]"):
        Settings({**Settings.load(env={}).as_dict(), "store": {"path": "a", "other": 1}})
