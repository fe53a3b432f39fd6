"""The documents a dossier must hold, and which it holds: one definition for the submit rule
(awards.eligibility) and for the dossier page's checklist, so the two cannot differ."""

from dataclasses import dataclass

from .enums import DocumentKind, RequirementKind
from .models import Requirement


def attached_kinds(dossier):
    """The kinds of document the dossier holds now; a file its unit removed does not count.
    (Reads `dossier.documents.all()`, so a page that prefetched them asks nothing more.)"""
    if dossier.pk is None:
        return set()
    return {document.kind for document in dossier.documents.all() if document.removed_at is None}


def with_documents(reqs, award_type):
    """A rule set's requirements for an award type, with the catalogue's list of documents
    added when the rule set names none (or there is no rule set)."""
    if not any(r.kind == RequirementKind.DOCUMENTS for r in reqs):
        reqs.append(
            Requirement(
                kind=RequirementKind.DOCUMENTS,
                article="",
                params={"documents": award_type.required_documents},
            )
        )
    return reqs


def required_kinds(reqs, award_type):
    """The kinds of document the requirements ask for, in their order, once each."""
    kinds = []
    for requirement in with_documents(list(reqs), award_type):
        if requirement.kind == RequirementKind.DOCUMENTS:
            kinds += [k for k in requirement.params.get("documents", []) if k not in kinds]
    return kinds


@dataclass(frozen=True)
class RequiredDocument:
    kind: str
    label: str
    attached: bool


def checklist(reqs, award_type, dossier):
    """[RequiredDocument]: each kind asked for, ticked once the dossier holds a file of it."""
    attached = attached_kinds(dossier)
    return [
        RequiredDocument(kind, str(DocumentKind(kind).label), kind in attached)
        for kind in required_kinds(reqs, award_type)
    ]
