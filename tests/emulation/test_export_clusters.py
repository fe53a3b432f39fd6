"""export_clusters: the contract scripts and the office's own tools read."""

import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from .conftest import YEAR, score_all

pytestmark = pytest.mark.django_db


def test_json_lists_each_grouping_with_its_members_and_the_targets(tmp_path, block, staff):
    score_all(block, "so-y-te", staff, [30, 50], check=[30, 40], checker=staff)
    score_all(block, "so-gd-dt", staff, [30, 50])
    out = tmp_path / "clusters.json"
    call_command("export_clusters", "--year", str(YEAR), "--format", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    [cluster] = data["clusters"]
    assert cluster["name"] == "Khối thử" and cluster["kind"] == "khoi"
    assert cluster["leader"] == "Sở Giáo dục và Đào tạo"
    assert cluster["cross_checked_percent"] == 25.0
    members = {m["unit"]: m for m in cluster["members"]}
    assert members["Sở Y tế"] == {
        "unit": "Sở Y tế",
        "registered": False,
        "pact_signed": False,
        "self_score": 80.0,
        "checked_score": 70.0,
        "rank": 1,
    }
    assert members["Sở Giáo dục và Đào tạo"]["checked_score"] is None
    assert members["Sở Giáo dục và Đào tạo"]["rank"] is None
    assert set(data["targets"]) == {"inspections", "exemplars"}
    assert set(data["targets"]["exemplars"]) == {"units", "units_with_two_or_more"}


def test_xlsx_in_the_offices_layout(tmp_path, block, staff):
    out = tmp_path / "clusters.xlsx"
    call_command("export_clusters", "--year", str(YEAR), "--format", "xlsx", "-o", str(out))
    sheet = load_workbook(out).active
    text = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "BAN THI ĐUA - KHEN THƯỞNG" in text
    assert any(t.startswith("KẾT QUẢ THI ĐUA CỦA CÁC CỤM, KHỐI NĂM 2013") for t in text)
    assert "Sở Y tế" in text
