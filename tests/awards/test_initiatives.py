import datetime

import pytest
from django.urls import reverse

from awards.models import Initiative
from awards.services import DossierRuleError, recognise_initiative, register_initiative

pytestmark = pytest.mark.django_db


def test_officer_records_an_initiative_for_the_unit(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("awards:initiatives"),
        {"title": "Đổi mới dạy học toán lớp 9", "authors": "Nông Thị Hằng", "year": 2013},
        follow=True,
    )
    assert "Đã ghi sáng kiến" in response.content.decode()
    initiative = Initiative.objects.get(title="Đổi mới dạy học toán lớp 9")
    assert initiative.unit == officer.unit and not initiative.is_recognised


def test_a_rejected_form_keeps_what_was_typed(client, officer):
    client.force_login(officer)
    response = client.post(reverse("awards:initiatives"), {"title": "Sáng kiến dở dang"})
    page = response.content.decode()
    assert "Sáng kiến dở dang" in page
    assert not Initiative.objects.filter(title="Sáng kiến dở dang").exists()


def test_office_records_the_recognition_and_officers_cannot(client, staff, officer, officer2):
    initiative = register_initiative(
        officer.unit, officer, title="Số hóa hồ sơ", authors="A", year=2013
    )
    with pytest.raises(DossierRuleError):
        recognise_initiative(
            initiative, officer, recognised_on=datetime.date(2013, 3, 1), decision="1"
        )
    client.force_login(staff)
    client.post(
        reverse("awards:initiative-recognise", args=[initiative.pk]),
        {"recognised_on": "15/03/2013", "decision": "25/QĐ-HĐKHSK"},
    )
    initiative.refresh_from_db()
    assert initiative.recognised_on == datetime.date(2013, 3, 15)
    assert initiative.recognition_decision == "25/QĐ-HĐKHSK"


def test_officers_see_only_their_units_initiatives(client, officer, officer2):
    register_initiative(officer.unit, officer, title="Của Sở GD", authors="A", year=2013)
    register_initiative(officer2.unit, officer2, title="Của Cao Lộc", authors="B", year=2013)
    client.force_login(officer2)
    page = client.get(reverse("awards:initiatives")).content.decode()
    assert "Của Cao Lộc" in page and "Của Sở GD" not in page
    with pytest.raises(DossierRuleError):
        register_initiative(officer.unit, officer2, title="Mạo danh", authors="C", year=2013)
