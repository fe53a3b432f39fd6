"""A unit is told by e-mail when a dossier or a document is returned (with the reason) or a
decision is recorded (issue 13, point 15)."""

import pytest
from django.core import mail

from awards.enums import DossierState
from awards.services import move_dossier

pytestmark = pytest.mark.django_db


def test_a_returned_dossier_is_mailed_to_the_unit_with_the_reason(
    unit_with_address, staff, dossier_in, django_capture_on_commit_callbacks
):
    dossier = dossier_in(DossierState.SUBMITTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move_dossier(dossier, DossierState.RETURNED, staff, comment="Thiếu bản thành tích")
    (message,) = mail.outbox
    assert message.to == [unit_with_address.email]
    assert dossier.reference in message.subject
    assert "Lý do, ý kiến: Thiếu bản thành tích" in message.body


def test_a_decision_is_mailed(unit_with_address, dossier_in, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_in(DossierState.APPROVED)
    assert [m.subject for m in mail.outbox] == [f"Hồ sơ {dossier.reference}: Được khen thưởng"]
