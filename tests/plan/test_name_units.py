"""Naming the units behind "Các đơn vị liên quan": the form keeps what was ticked when it is
refused, and the task's history says who was named, by whom."""

import pytest
from django.urls import reverse

from plan.models import Task
from units.models import Unit

pytestmark = pytest.mark.django_db


def _task_31():
    return Task.objects.get(plan__year=2013, number=31)


def test_a_name_that_fits_no_unit_is_refused_at_the_field_with_the_ticked_units_kept(client, staff):
    client.force_login(staff)
    task = _task_31()
    thanh_tra = Unit.objects.get(name="Thanh tra tỉnh")
    response = client.post(
        reverse("task-name-units", args=[task.pk]),
        {"units": [thanh_tra.pk], "units_ten": "không có đơn vị này"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không có đơn vị nào có tên hoặc mã “không có đơn vị này”." in html
    assert f'name="units" value="{thanh_tra.pk}"' in html
    assert not task.parts.filter(unit=thanh_tra).exists()


def test_nothing_chosen_is_refused_in_vietnamese(client, staff):
    client.force_login(staff)
    response = client.post(reverse("task-name-units", args=[_task_31().pk]), {"units_ten": ""})
    assert "Hãy chọn ít nhất một đơn vị." in response.content.decode()


def test_the_task_history_names_the_units_and_who_named_them(client, staff):
    client.force_login(staff)
    task = _task_31()
    units = Unit.objects.filter(name__in=["Thanh tra tỉnh", "Sở Tư pháp"])
    response = client.post(
        reverse("task-name-units", args=[task.pk]), {"units": [u.pk for u in units]}
    )
    assert response.status_code == 302
    page = client.get(reverse("task-detail", args=[2013, 31]))
    [entry] = [e for e in page.context["change_history"] if e["kind"] == "named"]
    assert entry["units"] == ["Sở Tư pháp", "Thanh tra tỉnh"]
    assert entry["user"] == staff
    assert "Giao thêm cho" in page.content.decode()
