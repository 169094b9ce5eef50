"""Evaluation against annotated corpora: PolNeAR attribution (brat standoff), its metrics, and who said what."""

from .polnear import GoldDocument, load_polnear, load_publishers
from .scoring import Scores, score_attributions
from .speakers import SpeakerScores, prediction_of, score_speakers

__all__ = ["GoldDocument", "Scores", "SpeakerScores", "load_polnear", "load_publishers", "prediction_of",
           "score_attributions", "score_speakers"]
