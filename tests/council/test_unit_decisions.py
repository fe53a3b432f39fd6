"""Unit-level awards decided at the unit: the list is checked against the law (điều 23) and
becomes award records; the office sees them per unit and year."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from awards.models import AwardRecord, AwardType, Initiative
from council import documents
from council.unit_decisions import UnitDecisionError, parse_lines, record_unit_decision

pytestmark = pytest.mark.django_db
SIGNED = datetime.date(2013, 12, 25)


def _record(officer, lines):
    return record_unit_decision(
        officer.unit,
        officer,
        year=2013,
        number="15/QĐ-SGDĐT",
        date=SIGNED,
        summary="Về việc công nhận danh hiệu thi đua năm 2013",
        signer_title="Giám đốc",
        signer_name="Hoàng Văn Minh",
        lines=lines,
    )


def _type(code):
    return AwardType.objects.get(code=code)


def test_a_base_soldier_must_be_an_advanced_worker_with_a_recognised_initiative(officer):
    soldier = parse_lines(_type("cstd-co-so"), "Đặng Văn Sáng; Giáo viên")
    with pytest.raises(UnitDecisionError) as refused:
        _record(officer, soldier)
    assert any("Lao động tiên tiến" in m for m in refused.value.messages)
    assert any("sáng kiến" in m for m in refused.value.messages)
    assert not AwardRecord.objects.filter(name="Đặng Văn Sáng").exists()

    Initiative.objects.create(
        unit=officer.unit,
        title="Đổi mới dạy học",
        authors="Đặng Văn Sáng",
        year=2013,
        recognised_on=datetime.date(2013, 6, 1),
        recognition_decision="03/QĐ-SGDĐT",
    )
    lines = parse_lines(_type("lao-dong-tien-tien"), "Đặng Văn Sáng; Giáo viên\nLê Thị Hoa")
    decision = _record(officer, lines + soldier)
    records = AwardRecord.objects.filter(decision_number="15/QĐ-SGDĐT").order_by("pk")
    assert [(r.name, r.award_type.code) for r in records] == [
        ("Đặng Văn Sáng", "lao-dong-tien-tien"),
        ("Lê Thị Hoa", "lao-dong-tien-tien"),
        ("Đặng Văn Sáng", "cstd-co-so"),
    ]
    docx = Document(io.BytesIO(documents.unit_decision_docx(decision)))
    left, right = docx.tables[0].rows[0].cells
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in left.text and "Số: 15/QĐ-SGDĐT" in left.text
    assert right.paragraphs[2].text == "Lạng Sơn, ngày 25 tháng 12 năm 2013"
    article = next(p.text for p in docx.paragraphs if p.text.startswith("Điều 1."))
    assert "0 tập thể và 3 cá nhân" in article
    assert sum(len(t.rows) - 1 for t in docx.tables[2:]) == 3


def test_only_unit_level_awards_are_decided_at_the_unit(officer, officer2):
    with pytest.raises(UnitDecisionError, match="không do thủ trưởng"):
        _record(officer, parse_lines(_type("bang-khen-tinh"), "Nguyễn Văn Tỉnh"))
    with pytest.raises(UnitDecisionError):
        record_unit_decision(
            officer.unit, officer2, year=2013, number="1/QĐ", date=SIGNED,
            signer_name="X", lines=parse_lines(_type("giay-khen"), "Y"),
        )  # fmt: skip


def test_the_office_sees_each_units_decisions_and_another_unit_does_not(
    client, officer, officer2, staff
):
    decision = _record(officer, parse_lines(_type("giay-khen"), "Phòng Thử; Tập thể"))
    client.force_login(staff)
    page = client.get(reverse("council:unit-decisions") + "?nam=2013").content.decode()
    assert "15/QĐ-SGDĐT" in page and "Sở Giáo dục và Đào tạo" in page
    client.force_login(officer2)
    assert (
        "15/QĐ-SGDĐT"
        not in client.get(reverse("council:unit-decisions") + "?nam=2013").content.decode()
    )
    assert client.get(reverse("council:unit-decision", args=[decision.pk])).status_code == 404


def test_the_officer_records_a_decision_through_the_page(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("council:unit-decisions") + "?nam=2013",
        {
            "number": "16/QĐ-SGDĐT",
            "date": "26/12/2013",
            "summary": "Về việc tặng Giấy khen",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Hoàng Văn Minh",
            "list_giay-khen": "Nguyễn Thị Khen; Kế toán\nTrần Văn Thưởng",
        },
    )
    assert response.status_code == 302
    assert AwardRecord.objects.filter(decision_number="16/QĐ-SGDĐT").count() == 2
