"""Evaluation against annotated corpora: PolNeAR attribution (brat standoff) and its metrics."""

from .polnear import GoldDocument, load_polnear, load_publishers
from .scoring import Scores, score_attributions

__all__ = ["GoldDocument", "Scores", "load_polnear", "load_publishers", "score_attributions"]
