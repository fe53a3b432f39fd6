"""export_documents and the ballot in export_dossiers, on the demo's 2013 round."""

import io
import json

import pytest
from django.core.management import call_command
from docx import Document

from demo.council import create_demo_round

pytestmark = pytest.mark.django_db


def test_export_documents_writes_each_document_and_its_manifest(tmp_path):
    create_demo_round()
    call_command("export_documents", "--year", "2013", "-o", str(tmp_path), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    kinds = [entry["kind"] for entry in manifest["documents"]]
    assert kinds.count("to_trinh") == 2 and kinds.count("bien_ban") == 1
    decision = next(e for e in manifest["documents"] if e["kind"] == "quyet_dinh")
    assert decision["number"] == "245/QĐ-UBND" and decision["date"] == "2013-12-20"
    assert len(decision["dossiers"]) == 11
    for entry in manifest["documents"]:
        docx = Document(tmp_path / entry["file"])
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in docx.tables[0].rows[0].cells[1].text


def test_export_dossiers_gives_the_decision_and_the_ballot(tmp_path):
    create_demo_round()
    out = tmp_path / "dossiers.json"
    call_command("export_dossiers", "--year", "2013", "--format", "json", "-o", str(out))
    rows = {row["reference"]: row for row in json.loads(out.read_text())["dossiers"]}
    voted = [row for row in rows.values() if "ballot" in row]
    assert len(voted) == 12
    failed = [row for row in voted if not row["ballot"]["passed"]]
    assert len(failed) == 1
    assert failed[0]["ballot"] == {
        "members": 7, "present": 6, "for": 2, "against": 4, "required_for": 4, "passed": False,
    }  # fmt: skip
    passed = next(row for row in voted if row["ballot"]["passed"])
    assert passed["decision"]["number"] == "245/QĐ-UBND"
    assert passed["decision"]["date"] == "2013-12-20"
