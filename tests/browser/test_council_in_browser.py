"""The council's round in the browser: members vote on a list in one screen, the office
closes the ballot, drafts the decision and records its number."""

import datetime

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from awards.enums import DossierState
from awards.models import Dossier
from council import services
from council.models import CouncilMember
from demo import awards as award_demo
from units.enums import Role
from units.models import User

from .conftest import sign_in, switch_user

pytestmark = pytest.mark.browser


def _round():
    """Three members (the demo council account and two more), all present, and two
    dossiers before the council."""
    staff, officer = User.objects.get(username="staff"), User.objects.get(username="officer")
    council = User.objects.get(username="council")
    group = Group.objects.get(name=Role.COUNCIL_MEMBER.value)
    users = [council]
    for number in (2, 3):
        user = User.objects.create_user(f"hd{number}", password="thidua2013")
        user.groups.add(group)
        users.append(user)
    for index, user in enumerate(users):
        services.add_member(2013, staff, full_name=f"Thành viên {index + 1}", user=user)
    dossiers = [
        award_demo.advance(
            award_demo.new_dossier(officer, "bang-khen-tinh", name=name),
            DossierState.BEFORE_COUNCIL,
            officer=officer,
            staff=staff,
            council=council,
        )
        for name in ("Nguyễn Văn Một", "Trần Thị Hai")
    ]
    session = services.open_session(
        2013, staff, date=datetime.date(2013, 12, 10), dossiers=dossiers
    )
    services.set_attendance(session, staff, CouncilMember.objects.filter(year=2013))
    return session, dossiers, users


def test_members_vote_on_a_list_and_the_office_records_the_decision(page, password):
    session, dossiers, users = _round()
    # Two members vote through the screen, the third through the same service.
    sign_in(page, "council", password)
    page.goto(f"{page.base_url}/hoi-dong-tdkt/phien/{session.pk}/bo-phieu/")
    rows = page.locator("#ballot tbody tr")
    expect(rows).to_have_count(2)
    rows.nth(0).get_by_label("Đồng ý", exact=True).check()
    rows.nth(1).get_by_label("Không đồng ý").check()
    page.get_by_role("button", name="Gửi phiếu").click()
    expect(page.get_by_text("Đã ghi 2 phiếu của bạn.")).to_be_visible()
    # Only how many voted shows while the ballot is open.
    expect(page.locator("#ballot-table")).to_contain_text("1/3")
    page.goto(f"{page.base_url}/hoi-dong-tdkt/phien/{session.pk}/bo-phieu/")
    expect(page.get_by_text("Đã bỏ phiếu")).to_have_count(2)

    switch_user(page, "hd2", password)
    page.goto(f"{page.base_url}/hoi-dong-tdkt/phien/{session.pk}/bo-phieu/")
    for row in range(2):
        page.locator("#ballot tbody tr").nth(row).get_by_label("Đồng ý", exact=True).check()
    page.get_by_role("button", name="Gửi phiếu").click()
    expect(page.get_by_text("Đã ghi 2 phiếu của bạn.")).to_be_visible()
    first_item, second_item = session.items.order_by("order")
    services.cast_votes(session, users[2], {first_item.pk: "for", second_item.pk: "against"})

    switch_user(page, "staff", password)
    page.goto(f"{page.base_url}/hoi-dong-tdkt/phien/{session.pk}/")
    page.get_by_role("button", name="Kết thúc bỏ phiếu, công bố kết quả").click()
    table = page.locator("#ballot-table")
    expect(table.get_by_role("row").filter(has_text="Nguyễn Văn Một")).to_contain_text("Đạt")
    expect(table.get_by_role("row").filter(has_text="Trần Thị Hai")).to_contain_text("Không đạt")
    page.get_by_label("Người ký", exact=True).fill("Lý Văn Quang")
    page.get_by_role("button", name="Dự thảo quyết định từ các hồ sơ đạt").click()
    expect(page.locator("#dieu-1")).to_contain_text("0 tập thể và 1 cá nhân")
    form = page.locator("#record-decision")
    form.get_by_label("Số quyết định").fill("245/QĐ-UBND")
    # A decision signed before the unit even submitted the dossier contradicts its history:
    # refused at the field, nothing approved (issue 13, point 5).
    form.get_by_label("Ngày ký").fill("02/01/2013")
    form.get_by_role("button", name="Ghi quyết định").click()
    expect(page.locator("#record-decision")).to_contain_text(
        "Ngày quyết định 02/01/2013 trước ngày đơn vị nộp hồ sơ"
    )
    assert Dossier.objects.get(pk=dossiers[0].pk).state == DossierState.BEFORE_COUNCIL
    form = page.locator("#record-decision")
    form.get_by_label("Ngày ký").fill("20/12/2013")
    form.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_text("các hồ sơ trong danh sách được khen thưởng")).to_be_visible()
    expect(page.get_by_text("Lạng Sơn, ngày 20 tháng 12 năm 2013")).to_be_visible()
    approved = Dossier.objects.get(pk=dossiers[0].pk)
    assert (approved.state, approved.decision_number) == (DossierState.APPROVED, "245/QĐ-UBND")
    assert Dossier.objects.get(pk=dossiers[1].pk).state == DossierState.BEFORE_COUNCIL
