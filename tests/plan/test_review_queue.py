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
