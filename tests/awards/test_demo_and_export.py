"""The demo dossiers `make run` loads, the export command, and the admin's pages and actions."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict
from django.urls import reverse
from openpyxl import load_workbook

from awards import services
from awards.enums import DossierState
from awards.models import AwardType, Dossier
from demo.awards import create_demo_dossiers

pytestmark = pytest.mark.django_db

S = DossierState


@pytest.fixture
def demo_dossiers():
    create_demo_dossiers()


def test_demo_has_sixty_dossiers_in_every_state_and_loads_once():
    assert create_demo_dossiers() == 60
    states = set(Dossier.objects.values_list("state", flat=True))
    assert states == set(S.values)
    returned_then_resubmitted = Dossier.objects.filter(
        state=S.SUBMITTED, transitions__to_state=S.RETURNED
    )
    assert returned_then_resubmitted.exists()
    assert Dossier.objects.filter(state=S.REFUSED).exclude(refusal_reason="").count() == 5
    assert Dossier.objects.values("unit").distinct().count() >= 10
    assert create_demo_dossiers() == 0
    assert Dossier.objects.count() == 60
    # The education sector's dossiers run by the school year 2012-2013 (task 25), no others.
    by_school_year = Dossier.objects.exclude(school_year_start=None)
    assert by_school_year.exists()
    assert set(by_school_year.values_list("unit__code", "school_year_start")) == {
        ("so-gd-dt", 2012)
    }


def test_export_json_has_each_dossier_with_its_history(demo_dossiers, tmp_path):
    out = tmp_path / "ho-so.json"
    call_command("export_dossiers", "--year", "2013", "--format", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["dossiers"]) == 60
    first = data["dossiers"][0]
    assert set(first) >= {
        "reference",
        "state",
        "unit",
        "nominee",
        "award_type",
        "category",
        "batch",
        "history",
    }
    forwarded = next(d for d in data["dossiers"] if d["state"] == "central_approved")
    assert [step["to"] for step in forwarded["history"]][:3] == [
        "draft",
        "submitted",
        "in_appraisal",
    ]
    assert forwarded["batch"].startswith("Đợt")
    assert forwarded["history"][-1]["by"] == "staff"


def test_export_xlsx_writes_dossiers_and_history(demo_dossiers, tmp_path):
    out = tmp_path / "ho-so.xlsx"
    call_command("export_dossiers", "--year", "2013", "--format", "xlsx", "-o", str(out))
    workbook = load_workbook(out)
    dossiers, history = workbook.worksheets
    assert dossiers.max_row == 61
    assert dossiers["A2"].value.startswith("HS-2013-")
    assert history.max_row > 200


def test_export_refuses_unknown_format():
    with pytest.raises(CommandError, match="không hỗ trợ"):
        call_command("export_dossiers", "--year", "2013", "--format", "pdf", stdout=io.StringIO())


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_admin_dossier_list_in_bounded_queries(
    admin_client, demo_dossiers, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = admin_client.get(reverse("admin:awards_dossier_changelist"))
    assert response.status_code == 200
    assert "HS-2013-0001" in response.content.decode()


def test_admin_action_moves_through_the_rules(admin_client, dossier_in):
    submitted, draft = dossier_in(S.SUBMITTED), dossier_in(S.DRAFT)
    response = admin_client.post(
        reverse("admin:awards_dossier_changelist"),
        {
            "action": "move_to_in_appraisal",
            "_selected_action": [submitted.pk, draft.pk],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Đã chuyển 1 hồ sơ" in page
    assert f"{draft.reference} không chuyển được" in page
    assert Dossier.objects.get(pk=submitted.pk).state == S.IN_APPRAISAL


def test_admin_dossier_page_shows_history_read_only(admin_client, dossier_in):
    dossier = dossier_in(S.RETURNED)
    page = admin_client.get(reverse("admin:awards_dossier_change", args=[dossier.pk]))
    assert "Đề nghị bổ sung biên bản" in page.content.decode()


def test_catalogue_lists_documents_each_award_needs():
    chien_si = AwardType.objects.get(name="Chiến sĩ thi đua cấp tỉnh")
    assert chien_si.requires_initiative and chien_si.prerequisite_times == 3
    assert "Quyết định công nhận sáng kiến" in chien_si.required_document_labels()
    assert AwardType.objects.get(name="Cờ thi đua của Chính phủ").is_state_level


def test_admin_refuses_editing_a_dossier_into_a_duplicate_with_a_message(
    admin_client, dossier_in, officer2
):
    """The duplicate rule holds in admin too: a message on the form, nothing saved (the
    database's constraint alone would make it a server error)."""
    kept = dossier_in("submitted", name="Hoàng Thị Đào", date_of_birth=datetime.date(1975, 5, 19))
    other = dossier_in("submitted", by=officer2, name="Lê Văn Bình")
    url = reverse("admin:awards_dossier_change", args=[other.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in model_to_dict(other, fields=list(form.fields)).items()
        if value is not None
    }
    data["initiatives"] = [i.pk for i in other.initiatives.all()]
    data.update(full_name="Hoàng Thị Đào", date_of_birth="")
    for prefix in ("documents", "transitions"):
        total = other.documents.count() if prefix == "documents" else other.transitions.count()
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": total,
                f"{prefix}-INITIAL_FORMS": total,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert kept.reference in response.content.decode()
    other.refresh_from_db()
    assert other.full_name == "Lê Văn Bình"


def test_an_admin_correction_keeps_a_move_made_while_its_page_was_open(
    rf, admin_user, dossier_in, officer
):
    """The admin's copy was read before the officer withdrew the dossier and is written after:
    the correction changes what the admin changed, never the state."""
    from django.contrib.admin import site

    dossier = dossier_in(S.DRAFT)
    stale = Dossier.objects.get(pk=dossier.pk)
    services.move_dossier(Dossier.objects.get(pk=dossier.pk), S.WITHDRAWN, officer, "rút")
    stale.achievements = "Sửa lỗi chính tả"
    request = rf.post("/")
    request.user = admin_user

    class ChangedForm:
        changed_data = ["achievements"]

    site._registry[Dossier].save_model(request, stale, ChangedForm(), change=True)
    stored = Dossier.objects.get(pk=dossier.pk)
    assert (stored.state, stored.achievements) == (S.WITHDRAWN, "Sửa lỗi chính tả")
    assert stored.history.order_by("history_id").last().state == S.WITHDRAWN
