"""What the query modules need of an open store: its connection and its lock.

:mod:`~reportedly.corpus.search`, :mod:`~reportedly.corpus.profiles` and
:mod:`~reportedly.corpus.trace` take any object with these attributes, so they never import
:class:`~reportedly.corpus.store.Store`, which imports them and delegates to them: the package reads
from the bottom (words, rows, migrations) to the top (the store, exports, loading) with no circle.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol


class StoreLike(Protocol):
    """An open store: ``conn`` runs SQL, ``lock`` serialises this process's writers."""

    conn: Any
    lock: threading.RLock
