"""Each rule checked before a dossier is submitted: one case it refuses, one it lets through."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from awards import services
from awards.enums import DossierState, NomineeKind
from awards.models import AwardType, Batch, Category, Dossier
from demo import awards as demo

pytestmark = pytest.mark.django_db

S = DossierState


def submit(dossier, officer):
    return services.move_dossier(dossier, S.SUBMITTED, officer)


def refused_because(dossier, officer):
    with pytest.raises(services.DossierRuleError) as error:
        submit(dossier, officer)
    assert Dossier.objects.get(pk=dossier.pk).state == S.DRAFT
    return str(error.value)


def test_missing_required_documents_are_named(officer):
    dossier = services.save_dossier(
        Dossier(
            unit=officer.unit,
            year=2013,
            award_type=AwardType.objects.get(code="bang-khen-tinh"),
            category=Category.objects.get(code="thuong-xuyen"),
            full_name="Hoàng Thị Mai",
            achievements="Thành tích",
        ),
        officer,
    )
    services.attach_document(dossier, officer, "to_trinh", demo.demo_file("tt.pdf"))
    message = refused_because(dossier, officer)
    assert "Thiếu tài liệu bắt buộc: Báo cáo thành tích, Biên bản họp Hội đồng TĐKT" in message
    assert "Tờ trình" not in message

    services.attach_document(dossier, officer, "bao_cao_thanh_tich", demo.demo_file("bc.pdf"))
    services.attach_document(dossier, officer, "bien_ban_hoi_dong", demo.demo_file("bb.pdf"))
    assert submit(dossier, officer).state == S.SUBMITTED


def _chien_si_tinh(make_dossier):
    dossier = make_dossier("cstd-tinh")
    demo.give_earlier_titles(dossier, "cstd-co-so", [2011, 2012, 2013])
    return dossier


def test_chien_si_thi_dua_needs_an_initiative_recognised_by_the_council(make_dossier, officer):
    dossier = _chien_si_tinh(make_dossier)
    message = refused_because(dossier, officer)
    assert message.startswith("Điều 22, Luật Thi đua, Khen thưởng 2003 (sửa đổi 2005): ")
    assert "chưa có sáng kiến nào đã được công nhận" in message

    pending = demo.recognised_initiative(officer.unit, dossier.full_name)
    pending.recognised_on = None
    pending.save()
    dossier.initiatives.add(pending)
    assert "chưa có sáng kiến nào đã được công nhận" in refused_because(dossier, officer)

    pending.recognised_on = datetime.date(2013, 3, 20)
    pending.save()
    assert submit(dossier, officer).state == S.SUBMITTED


def test_chien_si_thi_dua_tinh_needs_three_years_running_at_the_lower_title(make_dossier, officer):
    dossier = make_dossier("cstd-tinh", date_of_birth=datetime.date(1980, 1, 2))
    dossier.initiatives.add(demo.recognised_initiative(officer.unit, dossier.full_name))
    demo.give_earlier_titles(dossier, "cstd-co-so", [2010, 2012, 2013])
    message = refused_because(dossier, officer)
    assert "cần 3 năm liên tục đạt “Chiến sĩ thi đua cơ sở”" in message
    assert "2010, 2012, 2013" in message

    # A namesake born on another day does not lend their titles.
    namesake = Dossier(full_name=dossier.full_name, date_of_birth=datetime.date(1990, 1, 1))
    namesake.nominee_key, namesake.nominee_kind, namesake.unit = (
        dossier.nominee_key,
        NomineeKind.INDIVIDUAL,
        officer.unit,
    )
    demo.give_earlier_titles(namesake, "cstd-co-so", [2011])
    assert "cần 3 năm liên tục" in refused_because(dossier, officer)

    demo.give_earlier_titles(dossier, "cstd-co-so", [2011])
    assert submit(dossier, officer).state == S.SUBMITTED


def test_state_level_dossier_needs_an_open_batch_of_its_year(make_dossier, officer):
    dossier = make_dossier("bang-khen-ttg", batch=None)
    assert "phải thuộc một đợt trình" in refused_because(dossier, officer)

    batch = Batch.objects.get(year=2013, number=2)
    batch.is_open = False
    batch.save()
    dossier.batch = batch
    dossier.save()
    assert "đã đóng, không nhận thêm hồ sơ" in refused_because(dossier, officer)

    batch.is_open = True
    batch.save()
    assert submit(dossier, officer).state == S.SUBMITTED
    assert batch.task.number == 26


def test_a_second_open_dossier_for_the_same_award_and_year_is_refused(
    make_dossier, officer, officer2
):
    first = make_dossier(name="Lương Văn Bình")
    submit(first, officer)
    # Written differently, proposed by another unit: still the same person.
    second = make_dossier(name="lương  văn bình", by=officer2)
    message = refused_because(second, officer2)
    assert f"đã có hồ sơ {first.reference} (Đã nộp)" in message

    services.move_dossier(first, S.WITHDRAWN, officer, "Rút để nộp qua huyện")
    assert submit(second, officer2).state == S.SUBMITTED


def test_a_returned_dossier_renamed_to_a_nominee_already_proposed_is_refused(
    make_dossier, officer, officer2, staff
):
    first = make_dossier(name="Lương Văn Bình")
    submit(first, officer)
    other = make_dossier(name="Lương Văn Cường", by=officer2)
    submit(other, officer2)
    services.move_dossier(other, S.RETURNED, staff, "Bổ sung biên bản")
    # While returned for additions the dossier still holds its nominee; renaming it to the
    # person the first dossier proposes is the duplicate the submit check refuses.
    other.full_name = "Lương Văn Bình"
    with pytest.raises(services.DossierRuleError) as error:
        services.save_dossier(other, officer2)
    assert str(error.value) == (
        f"“Lương Văn Bình” đã có hồ sơ {first.reference} (Đã nộp) đề nghị "
        "“Bằng khen của Chủ tịch UBND tỉnh” năm 2013."
    )
    assert Dossier.objects.get(pk=other.pk).full_name == "Lương Văn Cường"


def test_the_database_refuses_a_duplicate_the_check_did_not_see(make_dossier, officer, officer2):
    first = make_dossier(name="Lương Văn Bình")
    submit(first, officer)
    second = make_dossier(name="Lương Văn Bình", by=officer2)
    # A write that skips the check (as a second request racing the first would) still fails.
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=second.pk).update(state=S.SUBMITTED)
    # The same nominee in another year is no duplicate.
    Dossier.objects.filter(pk=second.pk).update(year=2014, state=S.SUBMITTED)


def test_award_for_collectives_refuses_an_individual(make_dossier, officer):
    dossier = make_dossier("tap-the-ldxs", kind=NomineeKind.INDIVIDUAL)
    assert "không xét tặng cho cá nhân" in refused_because(dossier, officer)
    ok = make_dossier("tap-the-ldxs", kind=NomineeKind.COLLECTIVE, name="Phòng Giáo dục")
    assert submit(ok, officer).state == S.SUBMITTED


def test_all_problems_are_told_at_once(officer):
    dossier = services.save_dossier(
        Dossier(
            unit=officer.unit,
            year=2013,
            award_type=AwardType.objects.get(code="cstd-toan-quoc"),
            category=Category.objects.get(code="thuong-xuyen"),
            full_name="Vi Thị Hạnh",
            achievements="Thành tích",
        ),
        officer,
    )
    with pytest.raises(services.DossierRuleError) as error:
        submit(dossier, officer)
    assert len(error.value.messages) == 4  # documents, initiative, earlier titles, batch
