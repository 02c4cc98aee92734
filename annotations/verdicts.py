"""The fact-check verdict scale the archive publishes, with its ClaimReview ratings."""

from dataclasses import dataclass

from django.db import models


class Verdict(models.TextChoices):
    ACCURATE = "accurate", "Accurate"
    MOSTLY_ACCURATE = "mostly-accurate", "Mostly accurate"
    MIXED = "mixed", "Mixed"
    MISLEADING = "misleading", "Misleading"
    FALSE = "false", "False"
    UNVERIFIABLE = "unverifiable", "Unverifiable"
    OPINION = "opinion", "Opinion"


@dataclass(frozen=True)
class VerdictMeaning:
    verdict: Verdict
    definition: str
    rating: int | None  # schema.org reviewRating on a 1 (worst) to 5 (best) scale


BEST_RATING, WORST_RATING = 5, 1

SCALE = (
    VerdictMeaning(
        Verdict.ACCURATE,
        "The claim is correct and nothing significant is missing.",
        5,
    ),
    VerdictMeaning(
        Verdict.MOSTLY_ACCURATE,
        "The claim is correct but needs clarification or additional information.",
        4,
    ),
    VerdictMeaning(
        Verdict.MIXED,
        "The claim is partly correct and partly wrong, or leaves out important facts.",
        3,
    ),
    VerdictMeaning(
        Verdict.MISLEADING,
        "The claim contains accurate elements but creates a false impression.",
        2,
    ),
    VerdictMeaning(Verdict.FALSE, "The claim is not correct.", 1),
    VerdictMeaning(
        Verdict.UNVERIFIABLE,
        "The available evidence neither supports nor refutes the claim.",
        None,
    ),
    VerdictMeaning(
        Verdict.OPINION,
        "The statement expresses a judgement or a prediction, not a checkable fact.",
        None,
    ),
)
MEANINGS = {meaning.verdict.value: meaning for meaning in SCALE}
