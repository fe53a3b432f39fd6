"""What a unit officer does in the browser: draft, documents, submit with a confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.enums import DossierState
from awards.models import AwardType, Category, Dossier

pytestmark = pytest.mark.django_db

S = DossierState


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def _form(**changes):
    data = {
        "nominee_kind": "individual",
        "full_name": "  Hoàng  Thị Mai ",
        "sex": "female",
        "date_of_birth": "08/03/1979",
        "position": "Giáo viên",
        "workplace": "Trường THPT Việt Bắc",
        "collective_name": "",
        "award_type": AwardType.objects.get(code="bang-khen-tinh").pk,
        "category": Category.objects.get(code="thuong-xuyen").pk,
        "year": "2013",
        "batch": "",
        "achievements": "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ.",
    }
    data.update(changes)
    return data


def test_officer_creates_a_draft_with_a_reference_and_history(officer_client, officer):
    response = officer_client.post(reverse("awards:create"), _form(), follow=True)
    dossier = Dossier.objects.get(full_name="Hoàng Thị Mai")
    page = response.content.decode()
    assert dossier.unit == officer.unit and dossier.state == S.DRAFT
    assert dossier.date_of_birth.isoformat() == "1979-03-08"
    assert f"Đã lập hồ sơ {dossier.reference}" in page
    assert "08/03/1979" in page
    assert "Lập hồ sơ" in page  # the first history row
    assert dossier.nominee_key == "hoang thi mai"


def test_form_errors_are_in_vietnamese(officer_client):
    response = officer_client.post(
        reverse("awards:create"),
        _form(
            full_name="",
            date_of_birth="31/02/1979",
            award_type=AwardType.objects.get(code="co-thi-dua-tinh").pk,
        ),
    )
    page = response.content.decode()
    assert "Nhập họ và tên cá nhân được đề nghị." in page
    assert "không xét tặng cho cá nhân" in page
    assert not Dossier.objects.filter(full_name="").exists()


def test_upload_checks_the_file_and_keeps_its_name(officer_client, make_dossier):
    dossier = make_dossier()
    url = reverse("awards:upload", args=[dossier.pk])
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ not a pdf")
    response = officer_client.post(url, {"kind": "khac", "file": fake})
    assert "không phải là tệp PDF thật" in response.content.decode()

    real = SimpleUploadedFile("Báo cáo thành tích.pdf", b"%PDF-1.4 real")
    response = officer_client.post(url, {"kind": "khac", "file": real}, follow=True)
    assert "Báo cáo thành tích.pdf" in response.content.decode()
    assert dossier.documents.filter(original_name="Báo cáo thành tích.pdf").exists()


def test_submit_shows_what_is_missing_then_confirms(officer_client, officer):
    officer_client.post(reverse("awards:create"), _form())
    dossier = Dossier.objects.get(full_name="Hoàng Thị Mai")
    url = reverse("awards:move", args=[dossier.pk, S.SUBMITTED])

    page = officer_client.get(url).content.decode()
    assert "Hồ sơ chưa nộp được vì:" in page
    assert "Thiếu tài liệu bắt buộc: Tờ trình đề nghị khen thưởng" in page
    page = officer_client.post(url).content.decode()
    assert "Thiếu tài liệu bắt buộc" in page
    assert Dossier.objects.get(pk=dossier.pk).state == S.DRAFT

    for kind in dossier.award_type.required_documents:
        officer_client.post(
            reverse("awards:upload", args=[dossier.pk]),
            {"kind": kind, "file": SimpleUploadedFile(f"{kind}.pdf", b"%PDF-1.4")},
        )
    assert "Xác nhận nộp hồ sơ?" in officer_client.get(url).content.decode()
    page = officer_client.post(url, follow=True).content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == S.SUBMITTED
    assert "Nộp hồ sơ — xong" in page
    # Once sent, the unit can no longer change it.
    assert officer_client.get(reverse("awards:edit", args=[dossier.pk])).status_code == 403


def test_officer_withdraws_with_history(officer_client, dossier_in):
    dossier = dossier_in(S.IN_APPRAISAL)
    url = reverse("awards:move", args=[dossier.pk, S.WITHDRAWN])
    page = officer_client.post(url, {"comment": "Đề nghị lại năm sau"}, follow=True)
    assert Dossier.objects.get(pk=dossier.pk).state == S.WITHDRAWN
    assert "Đề nghị lại năm sau" in page.content.decode()


def test_unit_list_shows_only_the_units_dossiers(officer_client, make_dossier, officer2):
    mine = make_dossier()
    theirs = make_dossier(by=officer2)
    page = officer_client.get(reverse("awards:unit-dossiers")).content.decode()
    assert mine.reference in page and theirs.reference not in page


def test_dossier_page_shows_documents_and_full_history(client, dossier_in, staff):
    dossier = dossier_in("resubmitted")
    client.force_login(staff)
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    assert page.count("<td>Trả lại để bổ sung</td>") == 2  # to, then from
    assert "Đề nghị bổ sung biên bản" in page
    assert "to_trinh.pdf" in page
    assert "Tiếp nhận, thẩm định" in page  # the move staff may make now
