"""Notices in the product (issue 13, point 15): what a unit is told lands on its page and
in its notices list, unread first, its own only; the office lists what units sent since a
date, newest first, and counts it on the dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Notice, NoticeKind
from core.notices import notify
from plan.enums import ReviewDecision
from plan.models import Requirement
from plan.reminders import send_reminders
from plan.selectors import current_plan
from plan.services import review_submission, submit_document
from tests.awards import conftest as award_fixtures

pytestmark = pytest.mark.django_db

# The award tests' fixtures, to put the officer's dossiers in a state.
awards_catalogue = award_fixtures.awards_catalogue
_catalogue_and_media = award_fixtures._catalogue_and_media
make_dossier = award_fixtures.make_dossier
dossier_in = award_fixtures.dossier_in


@pytest.fixture
def requirement(plan_2013, officer):
    requirement = Requirement.objects.create(
        plan=plan_2013, kind="other", title="Báo cáo chuyên đề", due_on=datetime.date(2013, 7, 1)
    )
    requirement.units.set([officer.unit])
    return requirement


def test_a_returned_document_is_a_notice_on_the_units_page_with_its_reason(
    client, officer, officer2, staff, requirement, pdf_file
):
    sent = submit_document(requirement, officer.unit, officer, pdf_file("so-lieu.pdf"))
    review_submission(sent, staff, ReviewDecision.RETURNED, "Thiếu chữ ký thủ trưởng")
    notice = Notice.objects.get(unit_id=officer.unit.pk)
    assert notice.kind == NoticeKind.DOCUMENT_RETURNED and "Thiếu chữ ký" in notice.body

    client.force_login(officer)
    page = client.get(reverse("unit-detail", args=[officer.unit.code])).content.decode()
    assert "Văn bản bị trả lại: Báo cáo chuyên đề" in page and "chưa đọc" in page
    opened = client.get(reverse("notice", args=[notice.pk]))
    assert "Thiếu chữ ký thủ trưởng" in opened.content.decode()
    notice.refresh_from_db()
    assert notice.read_at is not None
    # Another unit's officer: not on their page, and 404 by its address.
    client.force_login(officer2)
    assert client.get(reverse("notice", args=[notice.pk])).status_code == 404
    page = client.get(reverse("unit-detail", args=[officer2.unit.code])).content.decode()
    assert "Báo cáo chuyên đề" not in page


def test_returned_and_decided_dossiers_and_reminders_are_notices(
    officer, staff, dossier_in, unit_with_address
):
    dossier_in("returned")
    assert Notice.objects.filter(unit_id=officer.unit.pk, kind=NoticeKind.DOSSIER_RETURNED).exists()
    dossier_in("approved")
    decided = Notice.objects.get(unit_id=officer.unit.pk, kind=NoticeKind.DECISION)
    assert "Quyết định số" in decided.body
    send_reminders(current_plan(), datetime.date(2013, 12, 31), unit_ids=[officer.unit.pk])
    assert Notice.objects.filter(unit_id=officer.unit.pk, kind=NoticeKind.REMINDER).exists()


def test_the_notices_list_puts_unread_first_and_marks_all_read(
    client, officer, django_assert_max_num_queries
):
    unit_id = officer.unit.pk
    old = notify(unit_id, NoticeKind.REMINDER, "Đôn đốc cũ")
    Notice.objects.filter(pk=old.pk).update(read_at=timezone.now())
    for number in range(40):
        notify(unit_id, NoticeKind.REMINDER, f"Đôn đốc số {number}")
    client.force_login(officer)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("notices")).content.decode()
    assert "Đôn đốc số 39" in page and "Đôn đốc cũ" not in page  # unread first, 30 a page
    client.post(reverse("notices-read"))
    assert not Notice.objects.filter(unit_id=unit_id, read_at__isnull=True).exists()


def test_the_office_lists_what_arrived_since_a_date_newest_first(
    client, staff, officer, requirement, pdf_file, dossier_in, django_assert_max_num_queries
):
    dossier_in("submitted")  # submitted in 2013, as the demo dates its moves
    submit_document(requirement, officer.unit, officer, pdf_file("moi.pdf"))
    client.force_login(staff)
    url = reverse("arrivals")
    # Session, user, groups, the menu's unit, a savepoint pair: the list itself is two.
    with django_assert_max_num_queries(8):
        response = client.get(url, {"tu_ngay": "01/01/2013"})
    rows = response.context["rows"]
    assert rows[0]["title"] == "Báo cáo chuyên đề"
    assert rows[0]["url"] == reverse("requirement-detail", args=[requirement.pk])
    kinds = {row[0] for row in response.context["page"].paginator.object_list}
    assert kinds == {"document", "report", "dossier"}
    arrived = [row["at"] for row in rows]
    assert arrived == sorted(arrived, reverse=True)
    # Since today: only what came today.
    today = f"{timezone.localdate():%d/%m/%Y}"
    assert client.get(url, {"tu_ngay": today}).context["page"].paginator.count == 1
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Đơn vị đã gửi đến từ ngày" in dashboard


def test_only_the_units_own_people_read_its_notices_on_its_page(
    client, officer, officer2, staff, leader, admin_user
):
    from units.rules import can_read_notices_of

    unit = officer.unit
    assert can_read_notices_of(officer, unit)
    for user in (officer2, staff, leader, admin_user):
        assert not can_read_notices_of(user, unit)
    notify(unit.pk, NoticeKind.REMINDER, "Nhắc gửi báo cáo quý III", "", "")
    client.force_login(staff)  # the office may open the unit's page, not its notices
    page = client.get(reverse("unit-detail", args=[unit.code])).content.decode()
    assert "Nhắc gửi báo cáo quý III" not in page


def test_a_long_notice_shows_its_first_160_characters_on_the_units_page(client, officer):
    body = "Lý do trả lại: " + "thiếu chữ ký và dấu của thủ trưởng đơn vị; " * 10
    notify(officer.unit.pk, NoticeKind.DOCUMENT_RETURNED, "Văn bản bị trả lại", body)
    client.force_login(officer)
    page = client.get(reverse("unit-detail", args=[officer.unit.code])).content.decode()
    assert body[:159] + "…" in page
    assert body[:160] not in page
    # The notice itself shows the whole of it.
    notice = Notice.objects.get(unit_id=officer.unit.pk)
    assert body.strip() in client.get(reverse("notice", args=[notice.pk])).content.decode()
