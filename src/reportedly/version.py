"""The release of reportedly: one semantic version for the package, bumped whenever records change.

Every record's ``provenance`` starts with ``{"component": "reportedly", "version": __version__}``,
before the versions of the components that analysed it; CHANGELOG.md says what each release
changed for users.
"""

__version__ = "0.9.0"
