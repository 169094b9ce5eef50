"""One settings object for the whole tool; defaults live in the packaged ``defaults.toml``.

Each ``[section]`` of ``defaults.toml`` is a typed, frozen dataclass below (``settings.input`` is an
:class:`InputSettings`, so ``settings.input.max_bytes`` is an ``int``). The TOML file names every
key and its default; the dataclasses name the same keys with their types, and
``tests/test_settings.py`` checks that the two agree.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """``[pipeline]``: which components run, and how many documents are analysed at once."""

    components: list[str]
    workers: int


@dataclass(frozen=True, slots=True)
class InputSettings:
    """``[input]``: what the readers accept."""

    max_bytes: int
    time_budget: float
    directory_suffixes: list[str]


@dataclass(frozen=True, slots=True)
class AttributionSettings:
    """``[attribution]``: the tagger's model and threads, the lowest score kept and the acts kept."""

    model: str
    threads: int
    min_score: float
    acts: list[str]


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """``[store]``: the corpus file."""

    path: str


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """``[serve]``: where the web UI listens."""

    host: str
    port: int
    allowed_hosts: list[str]


#: Section name -> its dataclass; the sections of ``defaults.toml``, in order.
SECTIONS: dict[str, type[Any]] = {
    "pipeline": PipelineSettings,
    "input": InputSettings,
    "attribution": AttributionSettings,
    "store": StoreSettings,
    "serve": ServeSettings,
}

_S = TypeVar("_S")


def _defaults() -> dict[str, Any]:
    text = resources.files("reportedly").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], over: Mapping[str, Any], where: str = "") -> None:
    for key, value in over.items():
        if key not in base:
            raise ConfigError(f"unknown setting {where}{key}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"setting {where}{key} must be a table")
            _merge(base[key], value, f"{where}{key}.")
        else:
            base[key] = _coerce(value, base[key], f"{where}{key}")


def _coerce(value: Any, like: Any, name: str) -> Any:
    if isinstance(value, str) and not isinstance(like, str):
        try:
            if isinstance(like, bool):
                return value.strip().lower() in ("1", "true", "yes", "on")
            if isinstance(like, int):
                return int(value)
            if isinstance(like, float):
                return float(value)
            if isinstance(like, list):
                return [v.strip() for v in value.split(",") if v.strip()]
        except ValueError as exc:
            raise ConfigError(f"setting {name}: cannot read {value!r} as {type(like).__name__}") from exc
    if isinstance(like, float) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if like is not None and not isinstance(value, type(like)):
        raise ConfigError(f"setting {name} must be {type(like).__name__}, not {type(value).__name__}")
    return value


def _section(cls: type[_S], name: str, table: dict[str, Any]) -> _S:
    try:
        return cls(**copy.deepcopy(table))
    except TypeError as exc:  # a key the dataclass does not name, or one it needs missing
        raise ConfigError(f"settings section [{name}] does not fit {cls.__name__}: {exc}") from None


class Settings:
    """The settings, one typed section per ``[section]`` of ``defaults.toml``:
    ``settings.input.max_bytes``, ``settings.pipeline.components``, …"""

    pipeline: PipelineSettings
    input: InputSettings
    attribution: AttributionSettings
    store: StoreSettings
    serve: ServeSettings

    def __init__(self, data: Mapping[str, Any]):
        """Build from a complete mapping of sections (as :meth:`load` makes); see :meth:`load`."""
        missing = [name for name in SECTIONS if not isinstance(data.get(name), dict)]
        if missing:
            raise ConfigError(f"settings lack the section(s) {', '.join(missing)}")
        self.pipeline = _section(PipelineSettings, "pipeline", data["pipeline"])
        self.input = _section(InputSettings, "input", data["input"])
        self.attribution = _section(AttributionSettings, "attribution", data["attribution"])
        self.store = _section(StoreSettings, "store", data["store"])
        self.serve = _section(ServeSettings, "serve", data["serve"])

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None,
             **overrides: dict[str, Any]) -> Settings:
        """Defaults, then a TOML file, then ``REPORTEDLY_SECTION_KEY`` variables, then overrides."""
        data = _defaults()
        if path:
            try:
                _merge(data, tomllib.loads(Path(path).read_text("utf-8")))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
        environ: Mapping[str, str] = os.environ if env is None else env
        for section, table in data.items():
            if not isinstance(table, dict):
                continue
            for key in table:
                var = f"REPORTEDLY_{section}_{key}".upper()
                if var in environ:
                    _merge(data, {section: {key: environ[var]}})
        if overrides:
            _merge(data, overrides)
        return cls(data)

    def as_dict(self) -> dict[str, Any]:
        """Every setting as plain data: ``{section: {key: value}}``."""
        return {name: dataclasses.asdict(getattr(self, name)) for name in SECTIONS}

    def __repr__(self) -> str:
        return f"Settings({self.as_dict()!r})"


_DEFAULT: Settings | None = None


def get_settings() -> Settings:
    """The process-wide settings (defaults plus environment), loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Settings.load()
    return _DEFAULT


__all__ = ["AttributionSettings", "InputSettings", "PipelineSettings", "SECTIONS", "ServeSettings", "Settings",
           "StoreSettings", "get_settings"]
