"""Dossier documents (issue 13, point 17): several files at once, the kinds the rule set
requires ticked off, a wrong file removed while the dossier is the unit's, and the dossier
form showing one kind of nominee."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import eligibility, services
from awards.enums import DossierState
from awards.models import AwardType, Category, Dossier, DossierDocument

pytestmark = pytest.mark.django_db

S = DossierState
PDF = b"%PDF-1.4\n% test\n%%EOF\n"


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def bare_dossier(officer):
    """A draft for Bằng khen tỉnh with no document yet."""
    return services.save_dossier(
        Dossier(
            unit=officer.unit,
            year=2013,
            award_type=AwardType.objects.get(code="bang-khen-tinh"),
            category=Category.objects.get(code="thuong-xuyen"),
            full_name="Lục Thị Tệp",
            achievements="Hoàn thành xuất sắc nhiệm vụ.",
        ),
        officer,
    )


def pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def upload(client, dossier, **rows):
    """POST the upload form: rows as kind=[files]."""
    data = {f"tep_{kind}": files for kind, files in rows.items()}
    return client.post(reverse("awards:upload", args=[dossier.pk]), data, follow=True)


def page_of(client, dossier):
    return client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()


# (a) Several files at once --------------------------------------------------------------


def test_several_files_of_several_kinds_are_added_in_one_post(officer_client, bare_dossier):
    response = upload(
        officer_client,
        bare_dossier,
        to_trinh=[pdf("Tờ trình.pdf")],
        bao_cao_thanh_tich=[pdf("Báo cáo 1.pdf"), pdf("Báo cáo 2.pdf")],
    )
    page = response.content.decode()
    assert "Đã tải lên 3 tệp: “Tờ trình.pdf”, “Báo cáo 1.pdf”, “Báo cáo 2.pdf”." in page
    kinds = sorted(bare_dossier.documents.values_list("kind", flat=True))
    assert kinds == ["bao_cao_thanh_tich", "bao_cao_thanh_tich", "to_trinh"]


def test_one_bad_file_and_none_is_added_with_the_error_at_its_row(officer_client, bare_dossier):
    fake = SimpleUploadedFile("Biên bản.pdf", b"MZ this is a program")
    response = upload(
        officer_client, bare_dossier, to_trinh=[pdf("Tờ trình.pdf")], bien_ban_hoi_dong=[fake]
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung tệp “Biên bản.pdf” không phải là tệp PDF thật." in page
    # The error sits in the row of its kind, after that row's file input.
    row = page.split('name="tep_bien_ban_hoi_dong"')[1].split("</tr>")[0]
    assert "không phải là tệp PDF thật" in row
    assert not DossierDocument.objects.filter(dossier=bare_dossier).exists()


def test_a_file_too_large_is_named(officer_client, bare_dossier, settings):
    settings.MAX_UPLOAD_SIZE_MB = 0
    page = upload(officer_client, bare_dossier, to_trinh=[pdf("Lớn.pdf")]).content.decode()
    assert "Tệp “Lớn.pdf” quá lớn" in page
    assert not bare_dossier.documents.exists()


def test_an_upload_without_files_says_so(officer_client, bare_dossier):
    page = upload(officer_client, bare_dossier).content.decode()
    assert "Chọn ít nhất một tệp để tải lên." in page


def test_the_service_refuses_the_lot_when_one_file_is_bad(officer, bare_dossier):
    with pytest.raises(services.DossierRuleError) as error:
        services.attach_documents(
            bare_dossier,
            officer,
            [("to_trinh", pdf("a.pdf")), ("khac", SimpleUploadedFile("b.docx", b"not a zip"))],
        )
    assert "“b.docx”" in str(error.value)
    assert not bare_dossier.documents.exists()


# (b) The kinds the rule set requires, ticked as they arrive ------------------------------


def _required_items(page):
    listed = page.split('class="small list-unstyled required-documents"')[1].split("</ul>")[0]
    return listed


def test_the_page_lists_the_rule_sets_kinds_and_ticks_them(officer_client, bare_dossier):
    listed = _required_items(page_of(officer_client, bare_dossier))
    for label in ("Tờ trình đề nghị khen thưởng", "Báo cáo thành tích", "Biên bản họp Hội đồng"):
        assert label in listed
    assert 'data-kind="to_trinh" data-attached="0"' in listed

    upload(officer_client, bare_dossier, to_trinh=[pdf("Tờ trình.pdf")])
    listed = _required_items(page_of(officer_client, bare_dossier))
    assert 'data-kind="to_trinh" data-attached="1"' in listed
    assert 'data-kind="bao_cao_thanh_tich" data-attached="0"' in listed


def test_the_list_and_the_submit_rule_read_the_same_rule_set(officer_client, bare_dossier):
    # The office adds the nominee list to what the rule set in force asks for Bằng khen tỉnh:
    # the page lists it and submission is refused for it, with no change of code.
    ruleset = eligibility.ruleset_for(bare_dossier)
    requirement = ruleset.requirements.get(award_type=bare_dossier.award_type, kind="documents")
    requirement.params = {"documents": [*requirement.params["documents"], "danh_sach"]}
    requirement.save()
    for kind in ("to_trinh", "bao_cao_thanh_tich", "bien_ban_hoi_dong"):
        services.attach_document(bare_dossier, bare_dossier.created_by, kind, pdf(f"{kind}.pdf"))

    assert 'data-kind="danh_sach" data-attached="0"' in _required_items(
        page_of(officer_client, bare_dossier)
    )
    problems = services.submit_problems(bare_dossier)
    assert any("Thiếu tài liệu bắt buộc: Danh sách trích ngang." in p for p in problems)
    assert [item.kind for item in eligibility.document_checklist(bare_dossier)] == [
        *("to_trinh", "bao_cao_thanh_tich", "bien_ban_hoi_dong", "danh_sach")
    ]


def test_the_upload_rows_lead_with_the_required_kinds(officer_client, bare_dossier):
    page = page_of(officer_client, bare_dossier)
    order = [page.index(f'name="tep_{kind}"') for kind in ("to_trinh", "bien_ban_hoi_dong")]
    assert order[0] < order[1] < page.index('name="tep_khac"')


# (c) Removing a wrong file ----------------------------------------------------------------


def _remove(client, document):
    url = reverse("awards:document-remove", args=[document.dossier_id, document.pk])
    return client.post(url, follow=True)


def test_a_wrong_file_is_removed_softly_with_who_and_when(officer_client, officer, make_dossier):
    dossier = make_dossier()
    wrong = dossier.documents.get(kind="to_trinh")
    stored = wrong.file.name

    page = _remove(officer_client, wrong).content.decode()

    assert f"Đã gỡ “{wrong.original_name}” khỏi hồ sơ." in page
    wrong.refresh_from_db()
    assert wrong.removed_by == officer and wrong.removed_at is not None
    assert wrong.file.storage.exists(stored)  # nothing hard-deleted
    latest = wrong.history.latest()
    assert latest.history_user == officer and latest.history_change_reason
    # No longer listed nor counted: the page shows it missing, submission names it.
    assert reverse("awards:document", args=[dossier.pk, wrong.pk]) not in page
    assert 'data-kind="to_trinh" data-attached="0"' in _required_items(page)
    assert any("Tờ trình đề nghị khen thưởng" in p for p in services.submit_problems(dossier))
    assert (
        officer_client.get(reverse("awards:document", args=[dossier.pk, wrong.pk])).status_code
        == 404
    )


def test_a_returned_dossier_may_lose_a_wrong_file(officer_client, dossier_in):
    dossier = dossier_in(S.RETURNED)
    document = dossier.documents.first()
    _remove(officer_client, document)
    document.refresh_from_db()
    assert document.removed_at is not None


def test_after_submission_removal_is_refused_and_not_offered(officer_client, officer, dossier_in):
    dossier = dossier_in(S.SUBMITTED)
    document = dossier.documents.first()
    url = reverse("awards:document-remove", args=[dossier.pk, document.pk])

    assert officer_client.post(url).status_code == 403
    with pytest.raises(services.DossierRuleError, match="không gỡ tài liệu được"):
        services.remove_document(document, officer)
    document.refresh_from_db()
    assert document.removed_at is None
    page = page_of(officer_client, dossier)
    assert url not in page and "Tải lên các tệp đã chọn" not in page


def test_another_units_officer_cannot_remove(client, officer2, make_dossier):
    dossier = make_dossier()
    document = dossier.documents.first()
    client.force_login(officer2)
    url = reverse("awards:document-remove", args=[dossier.pk, document.pk])
    assert client.post(url).status_code == 404
    document.refresh_from_db()
    assert document.removed_at is None


# (d) The dossier form: one kind of nominee, the awards that fit, the unit's workplace ------


def _form(**changes):
    data = {
        "nominee_kind": "individual",
        "full_name": "Hoàng Thị Mai",
        "sex": "female",
        "date_of_birth": "08/03/1979",
        "position": "Giáo viên",
        "workplace": "Trường THPT Việt Bắc",
        "collective_name": "",
        "award_type": AwardType.objects.get(code="bang-khen-tinh").pk,
        "category": Category.objects.get(code="thuong-xuyen").pk,
        "year": "2013",
        "achievements": "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ.",
    }
    data.update(changes)
    return data


def test_a_collective_dossier_keeps_no_persons_fields(officer_client):
    officer_client.post(
        reverse("awards:create"),
        _form(nominee_kind="collective", collective_name="Tổ Toán, Trường THPT Việt Bắc"),
    )
    dossier = Dossier.objects.get(collective_name="Tổ Toán, Trường THPT Việt Bắc")
    assert (dossier.full_name, dossier.sex, dossier.date_of_birth) == ("", "", None)
    assert (dossier.position, dossier.workplace, dossier.person) == ("", "", None)


def test_a_persons_dossier_keeps_no_collective_name(officer_client):
    officer_client.post(reverse("awards:create"), _form(collective_name="Tổ Văn"))
    assert Dossier.objects.get(full_name="Hoàng Thị Mai").collective_name == ""


def test_required_fields_are_checked_per_kind(officer_client):
    page = officer_client.post(
        reverse("awards:create"), _form(nominee_kind="collective", collective_name="")
    ).content.decode()
    assert "Nhập tên tập thể hoặc hộ gia đình được đề nghị." in page
    assert "Nhập họ và tên cá nhân được đề nghị." not in page
    assert not Dossier.objects.exists()


def test_award_options_say_whom_they_go_to_and_a_misfit_is_refused(officer_client):
    page = officer_client.get(reverse("awards:create")).content.decode()
    cstd = AwardType.objects.get(code="cstd-tinh")
    assert f'data-recipient="individual" value="{cstd.pk}"' in page or (
        f'value="{cstd.pk}" data-recipient="individual"' in page
    )
    assert "js/dossier-form.js" in page
    page = officer_client.post(
        reverse("awards:create"),
        _form(nominee_kind="collective", collective_name="Tổ Toán", award_type=cstd.pk),
    ).content.decode()
    assert "không xét tặng cho tập thể" in page


def test_noi_cong_tac_is_filled_from_the_officers_unit(officer_client, officer, make_dossier):
    page = officer_client.get(reverse("awards:create")).content.decode()
    assert f'name="workplace" value="{officer.unit.name}"' in page
    # Editing keeps what the dossier says.
    dossier = make_dossier(workplace="Trường THPT Chu Văn An")
    page = officer_client.get(reverse("awards:edit", args=[dossier.pk])).content.decode()
    assert 'name="workplace" value="Trường THPT Chu Văn An"' in page


def test_demo_dossiers_still_carry_every_required_document(make_dossier):
    dossier = make_dossier()
    assert all(item.attached for item in eligibility.document_checklist(dossier))


def test_unit_level_awards_are_not_proposed_by_dossier(officer_client):
    giay_khen = AwardType.objects.get(code="giay-khen")
    page = officer_client.get(reverse("awards:create")).content.decode()
    assert f'value="{giay_khen.pk}"' not in page
    assert "do thủ trưởng đơn vị quyết định" in page
    response = officer_client.post(reverse("awards:create"), _form(award_type=giay_khen.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["award_type"]
    assert not Dossier.objects.exists()


def test_a_file_name_longer_than_the_record_keeps_is_refused(officer, bare_dossier):
    # Uploads arrive cut to 255 characters by Django; a file a command or the demo passes
    # may not be.
    long_name = "Báo cáo " + "rất dài " * 40 + ".pdf"
    with pytest.raises(services.DossierRuleError, match="dài quá 255 ký tự"):
        services.attach_document(bare_dossier, officer, "to_trinh", ContentFile(PDF, long_name))
    assert not bare_dossier.documents.exists()
