"""Award types, batches, initiatives, dossiers with their documents and history, award records.

One module per concern; every model is imported here so that `from awards.models import X`
works and Django registers them (and their history models)."""

from .catalogue import AwardType, Batch, BatchManager, Category, CodeManager
from .dossiers import (
    NO_BIRTH_DATE,
    WAITING_FIRST,
    Dossier,
    DossierCounter,
    DossierDocument,
    DossierTransition,
)
from .initiatives import Initiative
from .records import AwardNameStart, AwardRecord, AwardRecordQuerySet, word_starts
from .rulesets import Requirement, RuleSet

__all__ = [
    "NO_BIRTH_DATE",
    "WAITING_FIRST",
    "AwardNameStart",
    "AwardRecord",
    "AwardRecordQuerySet",
    "AwardType",
    "Batch",
    "BatchManager",
    "Category",
    "CodeManager",
    "Dossier",
    "DossierCounter",
    "DossierDocument",
    "DossierTransition",
    "Initiative",
    "Requirement",
    "RuleSet",
    "word_starts",
]
