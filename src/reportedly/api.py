"""The public Python API. The CLI, the web UI and the batch runner all call these functions."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from .budget import within
from .document import Document, Metadata
from .errors import ReportedlyError
from .pipeline import Pipeline
from .readers import Failure, read_inputs
from .settings import Settings, get_settings


class Analyzer:
    """Loads the pipeline once and analyses documents, texts or paths with it."""

    def __init__(self, settings: Settings | None = None, components: Iterable[str] | None = None):
        self.settings = settings or get_settings()
        self.pipeline = Pipeline.from_settings(self.settings, components)

    def load(self) -> Analyzer:
        """Load now what the components load on first use (the attribution tagger), so that a
        missing or broken model is one :class:`~reportedly.errors.ModelError` here, not a failure
        per document; returns the analyzer."""
        for component in self.pipeline.components:
            getattr(component, "tagger", None)
        return self

    def analyze(self, doc: Document) -> Document:
        """Run every component on ``doc`` (in place) and return it."""
        return self.pipeline(doc)

    def analyze_text(self, text: str, *, input: str = "<text>", date: str | None = None,
                     title: str | None = None) -> Document:
        """Analyse a plain text (a scraped text dump or a clean article)."""
        doc = Document(text, input=input, meta=Metadata(format="text", date=date, title=title))
        return self.analyze(doc)

    def analyze_paths(self, inputs: Iterable[str]) -> Iterator[Document | Failure]:
        """Read and analyse every input; a bad input yields a :class:`Failure` and the rest go on.

        Results come in input order. With ``[pipeline].workers`` above 1, that many documents are
        analysed at once in threads (at most twice as many read ahead), so memory stays bounded.
        """
        workers = max(1, self.settings.pipeline.workers)
        items = read_inputs(inputs, self.settings)
        if workers == 1:
            for item in items:
                yield item if isinstance(item, Failure) else self._safe(item)
            return
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reportedly") as pool:
            pending: deque[Future[Document | Failure] | Failure] = deque()
            for item in items:
                pending.append(item if isinstance(item, Failure) else pool.submit(self._safe, item))
                while len(pending) > 2 * workers:
                    yield _result(pending.popleft())
            while pending:
                yield _result(pending.popleft())

    def _safe(self, doc: Document) -> Document | Failure:
        """Analyse within the time budget (``input.time_budget``); anything that goes wrong is a failure."""
        budget = self.settings.input.time_budget
        try:
            return within(budget, "analysis", self.analyze, doc)
        except ReportedlyError as exc:
            return Failure(doc.input, str(exc))
        except Exception as exc:  # a bug must not end a batch: report it on the record's line
            return Failure(doc.input, f"internal error during analysis: {type(exc).__name__}: {exc}")


def _result(item: Future[Document | Failure] | Failure) -> Document | Failure:
    return item.result() if isinstance(item, Future) else item


_ANALYZER: Analyzer | None = None


def default_analyzer() -> Analyzer:
    """The process-wide :class:`Analyzer` (default settings), made on first use."""
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = Analyzer()
    return _ANALYZER


def analyze_text(text: str, *, input: str = "<text>", date: str | None = None,
                 title: str | None = None) -> Document:
    """Analyse one text with the default pipeline. See :meth:`Analyzer.analyze_text`."""
    return default_analyzer().analyze_text(text, input=input, date=date, title=title)


def analyze_paths(inputs: Iterable[str]) -> Iterator[Document | Failure]:
    """Analyse files, directories, WARCs or ``-`` with the default pipeline."""
    return default_analyzer().analyze_paths(inputs)
