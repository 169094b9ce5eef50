"""reportedly: who said what, according to whom, how sure, and when."""

from .api import Analyzer, analyze_paths, analyze_text
from .document import Attribution, Claim, Document, Entity, Metadata, Source, Span
from .errors import ReportedlyError
from .readers import Failure, read_inputs
from .settings import Settings, get_settings
from .version import __version__

__all__ = [
    "Analyzer", "Attribution", "Claim", "Document", "Entity", "Failure", "Metadata", "ReportedlyError",
    "Settings", "Source", "Span", "analyze_paths", "analyze_text", "get_settings", "read_inputs",
    "__version__",
]
