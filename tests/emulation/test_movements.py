"""A thematic dossier names its movement, and the movement lists its results."""

import datetime

import pytest

from awards.models import Category, Dossier
from demo import awards as award_demo
from emulation.models import Movement

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(plan_2013):
    return Movement.objects.create(
        year=2013, name="Phong trào thử", starts_on=datetime.date(2013, 1, 1),
        ends_on=datetime.date(2013, 12, 31), task=plan_2013.tasks.get(number=16),
    )  # fmt: skip


def _form(dossier, **changes):
    data = {
        "nominee_kind": "individual", "full_name": "Nguyễn Văn Thử", "sex": "male",
        "date_of_birth": "01/01/1980", "position": "Giáo viên", "workplace": "Sở GD&ĐT",
        "collective_name": "", "award_type": dossier.award_type_id,
        "category": Category.objects.get(code="chuyen-de").pk, "year": "2013", "batch": "",
        "movement": "", "achievements": "Thành tích", "initiatives": [],
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_thematic_dossier_must_name_its_movement(client, officer, movement):
    dossier = award_demo.new_dossier(officer, "bang-khen-tinh", name="Người thử")
    client.force_login(officer)
    response = client.post(f"/ho-so/{dossier.pk}/sua/", _form(dossier))
    assert "phải nêu phong trào thi đua" in response.content.decode()
    client.post(f"/ho-so/{dossier.pk}/sua/", _form(dossier, movement=movement.pk))
    dossier.refresh_from_db()
    assert dossier.movement == movement


def test_the_movement_lists_its_dossiers_each_user_may_see(client, officer, officer2, movement):
    dossier = award_demo.new_dossier(officer, "bang-khen-tinh", name="Người thử")
    Dossier.objects.filter(pk=dossier.pk).update(movement=movement)
    client.force_login(officer)
    assert dossier.reference in client.get(f"/ho-so/phong-trao/{movement.pk}/").content.decode()
    client.force_login(officer2)
    assert dossier.reference not in client.get(f"/ho-so/phong-trao/{movement.pk}/").content.decode()


def test_the_office_launches_a_movement_for_every_participating_unit(client, staff):
    from units.models import Unit

    client.force_login(staff)
    response = client.post(
        "/thi-dua/2013/phat-dong/",
        {"name": "Phong trào mới", "starts_on": "01/03/2013", "ends_on": "31/12/2013",
         "task_number": "16"},
    )  # fmt: skip
    assert response.status_code == 302
    movement = Movement.objects.get(name="Phong trào mới")
    assert movement.task.number == 16
    assert movement.units.count() == Unit.objects.filter(is_participating=True).count()
    # An end before the start, or a task the plan does not have, is refused at the field.
    response = client.post(
        "/thi-dua/2013/phat-dong/",
        {"name": "Sai", "starts_on": "01/03/2013", "ends_on": "01/02/2013", "task_number": "99"},
    )
    page = response.content.decode()
    assert "không thể trước ngày bắt đầu" in page
    assert not Movement.objects.filter(name="Sai").exists()
