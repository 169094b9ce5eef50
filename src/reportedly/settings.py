"""One settings object for the whole tool; defaults live in the packaged ``defaults.toml``."""

from __future__ import annotations

import copy
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError


def _defaults() -> dict[str, Any]:
    return tomllib.loads(resources.files("reportedly").joinpath("defaults.toml").read_text("utf-8"))


def _merge(base: dict[str, Any], over: dict[str, Any], where: str = "") -> None:
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
    if like is not None and not isinstance(value, type(like)) and not (isinstance(like, float) and isinstance(value, int)):
        raise ConfigError(f"setting {name} must be {type(like).__name__}, not {type(value).__name__}")
    return value


class Settings:
    """Nested settings with attribute access: ``settings.input.max_bytes``."""

    def __init__(self, data: dict[str, Any]):
        self._data = data

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, env: dict[str, str] | None = None,
             **overrides: dict[str, Any]) -> Settings:
        """Defaults, then a TOML file, then ``REPORTEDLY_SECTION_KEY`` variables, then overrides."""
        data = _defaults()
        if path:
            try:
                _merge(data, tomllib.loads(Path(path).read_text("utf-8")))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
        env = os.environ if env is None else env
        for section, table in data.items():
            if not isinstance(table, dict):
                continue
            for key in table:
                var = f"REPORTEDLY_{section}_{key}".upper()
                if var in env:
                    _merge(data, {section: {key: env[var]}})
        if overrides:
            _merge(data, overrides)
        return cls(data)

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._data[name]
        except KeyError:
            raise AttributeError(name) from None
        return Settings(value) if isinstance(value, dict) else value

    def as_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self._data)


_DEFAULT: Settings | None = None


def get_settings() -> Settings:
    """The process-wide settings (defaults plus environment), loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Settings.load()
    return _DEFAULT
