"""The office's queue of documents waiting for review (issue 13, point 12): across every
requirement, counted on the dashboard, reviewed in place without losing the page."""

import pytest
from django.urls import reverse

from plan.enums import ReviewDecision
from plan.models import Submission, SubmissionReview
from plan.selectors import awaiting_review, current_plan
from plan.services import review_submission, submit_document

pytestmark = pytest.mark.django_db


def _queue(client, **params):
    response = client.get(reverse("review-queue"), params)
    assert response.status_code == 200
    return response


def test_the_queue_holds_unreviewed_documents_not_replaced_by_a_later_one(
    client, staff, officer, pdf_file
):
    plan = current_plan()
    requirement = plan.requirements.filter(units=officer.unit).first()
    before = set(awaiting_review(plan).values_list("pk", flat=True))
    first = submit_document(
        requirement, officer.unit, officer, pdf_file("lan-1.pdf"), resend_confirmed=True
    )
    second = submit_document(
        requirement, officer.unit, officer, pdf_file("lan-2.pdf"), resend_confirmed=True
    )
    waiting = set(awaiting_review(plan).values_list("pk", flat=True)) - before
    assert waiting == {second.pk}  # the first was replaced before anyone read it
    review_submission(second, staff, ReviewDecision.ACCEPTED)
    assert first.pk not in set(awaiting_review(plan).values_list("pk", flat=True))
    assert second.pk not in set(awaiting_review(plan).values_list("pk", flat=True))


def test_reviewing_in_the_queue_comes_back_to_the_same_page(
    client, staff, officer, pdf_file, django_assert_max_num_queries
):
    requirement = current_plan().requirements.filter(units=officer.unit).first()
    # Thirty units' documents, entered by the office as received by post: two pages.
    for unit in requirement.units.order_by("pk")[:30]:
        submit_document(requirement, unit, staff, pdf_file(), resend_confirmed=True)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        response = _queue(client, trang=2)
    total = response.context["page"].paginator.count
    assert total == 30 and response.context["page"].number == 2
    target = response.context["page"][0]
    url = reverse("review-queue") + "?trang=2"
    response = client.post(
        reverse("submission-review", args=[target.pk]),
        {"decision": ReviewDecision.ACCEPTED, "next": url},
    )
    assert response.status_code == 302 and response["Location"] == url
    assert SubmissionReview.objects.filter(submission=target).exists()
    again = _queue(client, trang=2).context["page"]
    assert again.number == 2 and again.paginator.count == total - 1
    assert target not in list(again)


def test_a_link_elsewhere_is_not_followed_after_a_review(client, staff, officer, pdf_file):
    requirement = current_plan().requirements.filter(units=officer.unit).first()
    sent = submit_document(requirement, officer.unit, officer, pdf_file(), resend_confirmed=True)
    client.force_login(staff)
    response = client.post(
        reverse("submission-review", args=[sent.pk]),
        {"decision": ReviewDecision.ACCEPTED, "next": "https://example.com/"},
    )
    assert response["Location"] == reverse("requirement-detail", args=[requirement.pk])


def test_the_dashboard_counts_the_queue_by_requirement(client, staff, leader, officer, pdf_file):
    plan = current_plan()
    requirement = plan.requirements.filter(units=officer.unit).first()
    submit_document(requirement, officer.unit, officer, pdf_file(), resend_confirmed=True)
    waiting = awaiting_review(plan).filter(requirement=requirement).count()
    client.force_login(staff)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Văn bản chờ xem xét" in page
    assert f"{requirement.title}: <strong>{waiting}</strong>" in page
    assert f"{reverse('review-queue')}?yeu_cau={requirement.pk}" in page
    # Leaders read the dashboard but do not review: no queue there.
    client.force_login(leader)
    assert "?yeu_cau=" not in client.get(reverse("dashboard")).content.decode()


def test_the_queue_filters_by_requirement(client, staff, officer, pdf_file):
    requirement = current_plan().requirements.filter(units=officer.unit).first()
    submit_document(requirement, officer.unit, officer, pdf_file(), resend_confirmed=True)
    client.force_login(staff)
    page = _queue(client, yeu_cau=requirement.pk).context["page"]
    assert {s.requirement_id for s in page} == {requirement.pk}
    assert Submission.objects.filter(pk__in=[s.pk for s in page]).count() == len(page)


def test_a_document_back_dated_before_the_latest_does_not_enter_the_queue(staff, officer, pdf_file):
    """The stored copy (Submission.awaiting_review) follows the documents' dates, not the
    order they were typed in: a paper copy the office enters with an earlier date leaves
    the unit's later document waiting."""
    import datetime

    from django.utils import timezone

    plan = current_plan()
    requirement = plan.requirements.filter(units=officer.unit).first()
    latest = submit_document(
        requirement, officer.unit, officer, pdf_file("moi.pdf"), resend_confirmed=True
    )
    earlier = submit_document(
        requirement,
        officer.unit,
        staff,
        pdf_file("giay.pdf"),
        submitted_at=latest.submitted_at - datetime.timedelta(days=3),
        resend_confirmed=True,
    )
    waiting = set(awaiting_review(plan).values_list("pk", flat=True))
    assert latest.pk in waiting and earlier.pk not in waiting
    # A review written straight to the table (the demo's way) moves the copy as well.
    SubmissionReview.objects.create(
        submission=latest, decision=ReviewDecision.ACCEPTED, reviewed_by=staff,
        reviewed_at=timezone.now(),
    )  # fmt: skip
    assert latest.pk not in set(awaiting_review(plan).values_list("pk", flat=True))


def test_the_migration_filled_the_queue_as_the_documents_say(staff, officer, pdf_file):
    import importlib

    from django.apps import apps

    plan = current_plan()
    requirement = plan.requirements.filter(units=officer.unit).first()
    for name in ("a.pdf", "b.pdf"):
        submit_document(requirement, officer.unit, officer, pdf_file(name), resend_confirmed=True)
    kept = set(Submission.objects.filter(awaiting_review=True).values_list("pk", flat=True))
    assert kept  # the demo's waiting documents and the last one sent here
    Submission.objects.update(awaiting_review=False)
    migration = importlib.import_module("plan.migrations.0011_submission_awaiting_review")
    migration.fill_the_copy(apps, None)
    assert set(Submission.objects.filter(awaiting_review=True).values_list("pk", flat=True)) == (
        kept
    )
