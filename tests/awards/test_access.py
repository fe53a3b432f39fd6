"""An officer of another unit finds nothing: the dossier, its files and its moves are 404."""

import pytest
from django.urls import reverse

from awards.enums import DossierState
from awards.models import Dossier

pytestmark = pytest.mark.django_db

S = DossierState


def _urls(dossier):
    document = dossier.documents.first()
    return [
        reverse("awards:dossier", args=[dossier.pk]),
        reverse("awards:edit", args=[dossier.pk]),
        reverse("awards:upload", args=[dossier.pk]),
        reverse("awards:document", args=[dossier.pk, document.pk]),
        reverse("awards:move", args=[dossier.pk, S.SUBMITTED]),
        reverse("awards:move", args=[dossier.pk, S.WITHDRAWN]),
    ]


def test_officer_of_another_unit_gets_404_everywhere(client, make_dossier, officer2):
    dossier = make_dossier()
    client.force_login(officer2)
    for url in _urls(dossier):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"comment": "x"}).status_code == 404, url
    assert Dossier.objects.get(pk=dossier.pk).state == S.DRAFT


def test_own_officer_reads_the_file_through_the_checking_view(client, make_dossier, officer):
    dossier = make_dossier()
    document = dossier.documents.get(kind="to_trinh")
    client.force_login(officer)
    response = client.get(reverse("awards:document", args=[dossier.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert 'filename="to_trinh.pdf"' in response["Content-Disposition"]
    # The stored name is ours, not the user's.
    assert "to_trinh" not in document.file.name


def test_council_sees_only_what_is_put_before_it(client, dossier_in, council):
    waiting = dossier_in(S.BEFORE_COUNCIL)
    early = dossier_in(S.SUBMITTED)
    client.force_login(council)
    assert client.get(reverse("awards:dossier", args=[waiting.pk])).status_code == 200
    assert client.get(reverse("awards:dossier", args=[early.pk])).status_code == 404
    decided = dossier_in(S.REFUSED)
    page = client.get(reverse("awards:council")).content.decode()
    assert waiting.reference in page and early.reference not in page
    assert page.index(waiting.reference) < page.index(decided.reference)


def test_leader_reads_but_cannot_move(client, dossier_in, leader):
    dossier = dossier_in(S.SUBMITTED)
    client.force_login(leader)
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    assert dossier.reference in page
    assert "Tiếp nhận, thẩm định" not in page
    response = client.post(reverse("awards:move", args=[dossier.pk, S.IN_APPRAISAL]), follow=True)
    assert "Không thể thực hiện thao tác này" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == S.SUBMITTED


@pytest.mark.parametrize("username", ["officer", "council", "leader"])
def test_only_the_office_moves_in_bulk(client, dossier_in, username, request):
    dossier = dossier_in(S.SUBMITTED)
    client.force_login(request.getfixturevalue(username))
    response = client.post(
        reverse("awards:inbox-move"), {"dossiers": [dossier.pk], "to_state": S.IN_APPRAISAL}
    )
    assert response.status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).state == S.SUBMITTED


def test_officers_have_no_inbox_and_others_no_unit_list(client, officer, staff):
    client.force_login(officer)
    assert client.get(reverse("awards:inbox")).status_code == 403
    client.force_login(staff)
    assert client.get(reverse("awards:unit-dossiers")).status_code == 403
    assert client.get(reverse("awards:create")).status_code == 403
