"""The corpus: analysed documents in a store (an SQLite file or a PostgreSQL database), searchable, with speakers
and outlets across documents."""

from .batch import IngestStats, expand_inputs, ingest_paths, run_batch
from .export import export
from .postgres import PostgresStore
from .profiles import outlet_profile
from .search import search
from .store import Store, derive_outlet
from .trace import statement as get_statement
from .trace import trace as trace_statements

__all__ = ["IngestStats", "PostgresStore", "Store", "derive_outlet", "expand_inputs", "export", "ingest_paths", "outlet_profile",
           "get_statement", "run_batch", "search", "trace_statements"]
