"""Each list page's "Tải danh sách này (Excel)": exactly the rows the page shows under the same
filters, every page of them; the council's list grouped by award type; no user text runs."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import selectors, services
from awards.enums import DossierState
from units.models import Unit

pytestmark = pytest.mark.django_db

S = DossierState
FORMULA = '=HYPERLINK("http://x","y")'


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    return openpyxl.load_workbook(io.BytesIO(response.getvalue())).active


def table(sheet, first_header="TT"):
    """(header, data rows, section headings) below the document's header block, down to the
    totals row ("Tổng cộng: ...") that ends the table above the signature block."""
    rows = list(sheet.iter_rows())
    start = next(i for i, row in enumerate(rows) if row[0].value == first_header)
    header = [cell.value for cell in rows[start]]
    data, headings = [], []
    for row in rows[start + 1 :]:
        values = [cell.value for cell in row]
        if str(values[0] or "").startswith("Tổng cộng:"):
            break
        if all(value is None for value in values[1:]):
            headings.append(values[0])
        else:
            data.append(dict(zip(header, row, strict=True)))
    return header, data, headings


def references(data):
    return [row["Số hồ sơ"].value for row in data]


@pytest.fixture
def small_pages(monkeypatch):
    # Pages of two rows: an export that held only the page on screen would be caught.
    monkeypatch.setattr("awards.views.PAGE_SIZE", 2)


def login(client, user):
    client.force_login(user)
    return client


# --- the council's list ---------------------------------------------------------------------


def test_council_list_export_is_grouped_by_award_type_with_documents(
    client, council, dossier_in, officer2, small_pages
):
    before = [
        dossier_in(S.BEFORE_COUNCIL, award_code="bang-khen-ttg"),
        dossier_in(S.BEFORE_COUNCIL, award_code="bang-khen-tinh"),
        dossier_in(S.BEFORE_COUNCIL, award_code="bang-khen-ttg", by=officer2),
    ]
    approved = dossier_in(S.APPROVED, award_code="bang-khen-tinh")
    hidden = dossier_in(S.IN_APPRAISAL)  # not yet before the council
    login(client, council)
    page = client.get(reverse("awards:council")).content.decode()
    assert "Tải danh sách này (Excel)" in page and "xuat=xlsx" in page

    sheet = workbook(client.get(reverse("awards:council"), {"xuat": "xlsx"}))
    header, data, headings = table(sheet)
    assert header == [
        "TT",
        "Số hồ sơ",
        "Đối tượng được đề nghị",
        "Chức vụ, nơi công tác",
        "Đơn vị đề nghị",
        "Tóm tắt thành tích",
        "Tài liệu có trong hồ sơ",
        "Trạng thái",
    ]
    shown = {d.reference for d in selectors.council_dossiers()}
    assert set(references(data)) == shown == {d.reference for d in [*before, approved]}
    assert hidden.reference not in references(data)
    # one section per award type, in the catalogue's order, each numbered from 1
    assert headings == ["BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", "BẰNG KHEN CỦA THỦ TƯỚNG CHÍNH PHỦ"]
    assert [row["TT"].value for row in data] == [1, 2, 1, 2]
    row = next(r for r in data if r["Số hồ sơ"].value == before[2].reference)
    assert row["Đối tượng được đề nghị"].value == before[2].full_name
    assert row["Đơn vị đề nghị"].value == officer2.unit.name
    assert row["Tóm tắt thành tích"].value == before[2].achievements
    documents = row["Tài liệu có trong hồ sơ"].value.split("\n")
    assert "Tờ trình đề nghị khen thưởng" in documents and "Báo cáo thành tích" in documents
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.cell(1, 1).value == "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert f"Tổng cộng: {len(data)} hồ sơ" in values
    assert "THƯỜNG TRỰC HỘI ĐỒNG" in values
    assert any(str(v).startswith("Lạng Sơn, ngày ") and " tháng " in str(v) for v in values)


def test_council_export_queries_stay_flat(client, council, dossier_in):
    login(client, council)
    dossier_in(S.BEFORE_COUNCIL)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("awards:council"), {"xuat": "xlsx"})
        return len(queries)

    few = count()
    for _ in range(3):
        dossier_in(S.BEFORE_COUNCIL, award_code="bang-khen-tinh")
    assert count() == few


@pytest.mark.parametrize("username", ["officer", "officer2"])
def test_officers_cannot_export_the_council_list(client, username, django_user_model):
    login(client, django_user_model.objects.get(username=username))
    assert client.get(reverse("awards:council"), {"xuat": "xlsx"}).status_code == 403


def test_a_formula_as_a_name_comes_out_as_text(client, staff, council, officer, dossier_in):
    dossier = dossier_in(S.BEFORE_COUNCIL, name=FORMULA)
    for user, url in (
        (council, reverse("awards:council")),
        (staff, reverse("awards:inbox")),
        (officer, reverse("awards:unit-dossiers")),
    ):
        sheet = workbook(login(client, user).get(url, {"xuat": "xlsx"}))
        _header, data, _headings = table(sheet)
        row = next(r for r in data if r["Số hồ sơ"].value == dossier.reference)
        cell = row.get("Đối tượng được đề nghị") or row["Đối tượng"]
        assert cell.value == FORMULA
        assert cell.data_type == "s"  # text, never "f" (a formula Excel would run)


# --- the inbox ------------------------------------------------------------------------------


def test_inbox_export_holds_every_page_of_the_filtered_list(
    client, staff, dossier_in, officer2, small_pages
):
    mine = [dossier_in(S.SUBMITTED, award_code="bang-khen-tinh") for _ in range(3)]
    theirs = dossier_in(S.SUBMITTED, award_code="bang-khen-tinh", by=officer2)
    dossier_in(S.DRAFT)  # never in the inbox
    login(client, staff)
    filters = {"unit": mine[0].unit.pk, "state": S.SUBMITTED}
    response = client.get(reverse("awards:inbox"), filters)
    assert response.context["page"].paginator.num_pages == 2
    assert "Tải danh sách này (Excel)" in response.content.decode()

    sheet = workbook(client.get(reverse("awards:inbox"), {**filters, "xuat": "xlsx"}))
    _header, data, _headings = table(sheet)
    expected = [d.reference for d in selectors.inbox({"unit": mine[0].unit, "state": S.SUBMITTED})]
    assert references(data) == expected
    assert set(expected) == {d.reference for d in mine}
    assert theirs.reference not in references(data)
    assert any("Đã nộp" in str(cell.value) for row in sheet.iter_rows() for cell in row)

    everything = table(workbook(client.get(reverse("awards:inbox"), {"xuat": "xlsx"})))[1]
    assert len(everything) == 4


@pytest.mark.parametrize("username", ["officer", "council"])
def test_the_inbox_export_is_the_office_s_only(client, username, django_user_model):
    login(client, django_user_model.objects.get(username=username))
    assert client.get(reverse("awards:inbox"), {"xuat": "xlsx"}).status_code == 403


# --- an officer's own lists -----------------------------------------------------------------


def test_an_officer_s_export_never_holds_another_unit_s_rows(
    client, officer, officer2, dossier_in, small_pages
):
    mine = [dossier_in(S.DRAFT), dossier_in(S.SUBMITTED), dossier_in(S.BEFORE_COUNCIL)]
    theirs = [dossier_in(S.DRAFT, by=officer2), dossier_in(S.SUBMITTED, by=officer2)]
    login(client, officer)
    sheet = workbook(client.get(reverse("awards:unit-dossiers"), {"xuat": "xlsx"}))
    _header, data, _headings = table(sheet)
    assert references(data) == [d.reference for d in selectors.unit_dossiers(officer)]
    assert set(references(data)) == {d.reference for d in mine}
    assert {row["Đơn vị đề nghị"].value for row in data} == {officer.unit.name}
    assert not {d.reference for d in theirs} & set(references(data))

    login(client, officer2)
    data = table(workbook(client.get(reverse("awards:unit-dossiers"), {"xuat": "xlsx"})))[1]
    assert set(references(data)) == {d.reference for d in theirs}


def test_initiatives_export_is_what_the_page_shows(client, officer, officer2, staff, small_pages):
    for number in range(3):
        services.register_initiative(
            officer.unit, officer, title=f"Sáng kiến {number}", authors="Nguyễn Văn A", year=2013
        )
    services.register_initiative(
        officer2.unit, officer2, title=FORMULA, authors="Trần Văn B", year=2013
    )
    login(client, officer)
    page = client.get(reverse("awards:initiatives"))
    assert "Tải danh sách này (Excel)" in page.content.decode()
    data = table(workbook(client.get(reverse("awards:initiatives"), {"xuat": "xlsx"})))[1]
    assert {row["Sáng kiến"].value for row in data} == {"Sáng kiến 0", "Sáng kiến 1", "Sáng kiến 2"}
    assert {row["Đơn vị"].value for row in data} == {officer.unit.name}

    login(client, staff)
    data = table(workbook(client.get(reverse("awards:initiatives"), {"xuat": "xlsx"})))[1]
    expected = [i.title for i in selectors.visible_initiatives(staff)]
    assert [row["Sáng kiến"].value for row in data] == expected
    formula = next(row["Sáng kiến"] for row in data if row["Sáng kiến"].value == FORMULA)
    assert formula.data_type == "s"


# --- the units list -------------------------------------------------------------------------


def units_shown(client, **filters):
    """Every unit the list shows under `filters`, page after page."""
    names, number = [], 1
    while True:
        page = client.get(reverse("unit-list"), {**filters, "trang": number}).context["page"]
        names += [unit.name for unit in page]
        if not page.has_next():
            return names
        number += 1


@pytest.mark.parametrize(
    "filters", [{}, {"loai": "district"}, {"q": "Sở"}, {"q": "ban tđkt"}, {"loai": "x"}]
)
def test_units_export_is_what_the_list_shows(client, staff, filters):
    login(client, staff)
    shown = units_shown(client, **filters)
    sheet = workbook(client.get(reverse("unit-list"), {**filters, "xuat": "xlsx"}))
    _header, data, _headings = table(sheet)
    assert [row["Tên đơn vị"].value for row in data] == shown
    if not filters:
        assert len(shown) == Unit.objects.count() > 50  # more than one page


def test_officers_cannot_export_the_units_list(client, officer):
    login(client, officer)
    assert client.get(reverse("unit-list"), {"xuat": "xlsx"}).status_code == 403
