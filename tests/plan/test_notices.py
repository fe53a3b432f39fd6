"""A unit is told by e-mail when a document it sent is returned, with the reason
(issue 13, point 15)."""

import pytest
from django.core import mail

from plan.enums import ReviewDecision
from plan.models import Requirement
from plan.services import review_submission, submit_document

pytestmark = pytest.mark.django_db


def test_a_returned_document_is_mailed_with_the_reason(
    unit_with_address, officer, staff, pdf_file, django_capture_on_commit_callbacks
):
    requirement = Requirement.objects.filter(units=unit_with_address).first()
    sent = submit_document(
        requirement, unit_with_address, officer, pdf_file("bao-cao.pdf"), resend_confirmed=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        review_submission(sent, staff, ReviewDecision.ACCEPTED)
    assert mail.outbox == []  # an accepted document needs no notice
    with django_capture_on_commit_callbacks(execute=True):
        review_submission(sent, staff, ReviewDecision.RETURNED, "Thiếu chữ ký")
    (message,) = mail.outbox
    assert "bao-cao.pdf" in message.body and "Lý do: Thiếu chữ ký" in message.body
