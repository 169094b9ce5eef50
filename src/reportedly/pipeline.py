"""A pipeline of named, versioned components, each taking and returning the :class:`Document`."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from .document import Document
from .errors import ConfigError
from .settings import Settings, get_settings
from .version import __version__

#: Component name -> "module:factory". A factory takes the settings and returns a component.
REGISTRY: dict[str, str] = {
    "structure": "reportedly.clean:StructureComponent",
    "attribution": "reportedly.attribution:AttributionComponent",
}


@runtime_checkable
class Component(Protocol):
    """One step of analysis. ``name`` and ``version`` are stored with every record it touched."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str:
        """What decides the component's output (its rules, model, …): a new one re-analyses with ``ingest --update``."""
        ...

    def __call__(self, doc: Document) -> Document: ...


def load_component(name: str, settings: Settings) -> Component:
    """Make the component ``name`` (a key of :data:`REGISTRY`) with ``settings``."""
    try:
        target = REGISTRY[name]
    except KeyError:
        raise ConfigError(f"unknown pipeline component {name!r}; known: {', '.join(sorted(REGISTRY))}") from None
    module_name, _, attr = target.partition(":")
    factory = getattr(importlib.import_module(module_name), attr)
    component: Component = factory(settings)
    # Looked up on the class, so a version that is a property (the attribution model's) is not computed yet.
    if not (callable(component) and all(hasattr(type(component), a) for a in ("name", "version"))):
        raise ConfigError(f"pipeline component {name!r} ({target}) has no name, version or __call__")
    return component


class Pipeline:
    """Runs its components in order and records each one's name and version on the document."""

    def __init__(self, components: Iterable[Component]):
        self.components = list(components)

    @classmethod
    def from_settings(cls, settings: Settings | None = None, names: Iterable[str] | None = None) -> Pipeline:
        """The components ``names`` (default: ``[pipeline].components``) made with ``settings``."""
        settings = settings or get_settings()
        names = list(names) if names is not None else list(settings.pipeline.components)
        return cls(load_component(n, settings) for n in names)

    def __call__(self, doc: Document) -> Document:
        doc.record("reportedly", __version__)  # the release, then each component's own version
        for comp in self.components:
            doc = comp(doc)
            doc.record(comp.name, comp.version)
        return doc

    @property
    def versions(self) -> dict[str, str]:
        """Component name -> version, as :meth:`__call__` records them (the release first)."""
        return {"reportedly": __version__, **{c.name: c.version for c in self.components}}
