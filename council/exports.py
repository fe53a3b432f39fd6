"""Every document the product issued in a year, as DOCX files and a manifest
(`manage.py export_documents`)."""

import json
import re
from pathlib import Path

from . import documents, selectors
from .models import Decision, Proposal, Session


def _file_name(kind, number, pk):
    stem = re.sub(r"[^\w-]+", "-", number or f"so-{pk}").strip("-")
    return f"{kind}/{stem}-{pk}.docx"


def issued_documents(year):
    """[(manifest entry, builder)] for the year's sent proposals, closed sessions' minutes and
    recorded decisions."""
    entries = []
    for proposal in Proposal.objects.filter(year=year, sent_at__isnull=False).select_related(
        "unit"
    ):
        issuer = documents.OFFICE if proposal.kind == Proposal.Kind.OFFICE else proposal.unit.name
        references = [item.dossier.reference for item in proposal.items.select_related("dossier")]
        entries.append(
            (
                {
                    "kind": "to_trinh",
                    "number": proposal.number,
                    "date": proposal.date.isoformat(),
                    "issuer": issuer,
                    "file": _file_name("to_trinh", proposal.number, proposal.pk),
                    "dossiers": references,
                },
                lambda p=proposal: documents.proposal_docx(p),
            )
        )
    for session in Session.objects.filter(year=year, closed_at__isnull=False):
        references = [item.dossier.reference for item in selectors.session_items(session)]
        entries.append(
            (
                {
                    "kind": "bien_ban",
                    "number": "",
                    "date": session.date.isoformat(),
                    "issuer": documents.COUNCIL,
                    "file": _file_name("bien_ban", "", session.pk),
                    "dossiers": references,
                },
                lambda s=session: documents.minutes_docx(s),
            )
        )
    for decision in Decision.objects.filter(session__year=year, recorded_at__isnull=False):
        entries.append(
            (
                {
                    "kind": "quyet_dinh",
                    "number": decision.number,
                    "date": decision.date.isoformat(),
                    "issuer": documents.PROVINCE,
                    "file": _file_name("quyet_dinh", decision.number, decision.pk),
                    "dossiers": [d.reference for d in selectors.decision_items(decision)],
                },
                lambda d=decision: documents.decision_docx(d),
            )
        )
    return entries


def export_documents(year, folder):
    """Write the DOCX files and manifest.json under `folder`; return the manifest."""
    folder = Path(folder)
    manifest = {"documents": []}
    for entry, build in issued_documents(year):
        path = folder / entry["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build())
        manifest["documents"].append(entry)
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return manifest
