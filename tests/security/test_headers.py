"""What the responses say about themselves: nothing signed-in is kept in a cache, and the
pages Django admin adds run under the Content-Security-Policy."""

import pytest
from django.core import mail
from django.urls import reverse

from awards.models import DossierDocument
from demo import awards as award_demo
from units.models import Unit

pytestmark = pytest.mark.django_db


def _no_store(response):
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/", "/ke-hoach/2013/", "/nhap-du-lieu/"])
def test_pages_behind_sign_in_are_not_stored_by_any_cache(client, staff, path):
    client.force_login(staff)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert _no_store(response)


def test_exports_and_documents_are_not_stored_by_any_cache(
    client, staff, officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    export = client.get(reverse("export-data", args=["don-vi"]) + "?format=xlsx")
    assert export.status_code == 200 and _no_store(export)

    # new_dossier attaches every document its award type needs.
    dossier = award_demo.new_dossier(officer, "bang-khen-tinh", name="Lê Văn Tải Về")
    document = DossierDocument.objects.filter(dossier=dossier).first()
    response = client.get(reverse("awards:document", args=[dossier.pk, document.pk]))
    assert response.status_code == 200 and _no_store(response)


def test_there_is_no_anonymous_password_reset(client, officer):
    # Anyone could have had mail sent to any officer, unthrottled; the office resets instead.
    response = client.post("/accounts/password_reset/", {"email": officer.email})
    assert response.status_code == 404
    assert mail.outbox == []


def test_the_admin_history_page_has_no_inline_style(admin_client):
    unit = Unit.objects.order_by("pk").first()
    response = admin_client.get(reverse("admin:units_unit_history", args=[unit.pk]))
    assert response.status_code == 200
    assert "style=" not in response.content.decode()
