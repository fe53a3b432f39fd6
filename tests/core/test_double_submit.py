"""A form posted twice (a double click, a reload, the back button) does its work once; a form
that came back with errors can be corrected and sent again (core/once.py)."""

import re
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from awards import services
from awards.models import Dossier, Initiative
from plan.enums import PartState, RequirementKind
from plan.models import ProgressReport, Requirement, Submission, SubmissionReview, TaskPart
from tests.awards.test_officer_pages import _form as dossier_form
from tests.conftest import load_demo_data
from units.models import User

pytestmark = pytest.mark.django_db

ALREADY_SENT = "Biểu mẫu này đã được gửi, không gửi lại."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf():
    return SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%test\n", "application/pdf")


def post_twice(client, url, data):
    """The same form, with its one token, posted twice; the two answers."""
    token = uuid.uuid4().hex
    return [client.post(url, {**data(), "form_token": token}) for _ in range(2)]


def test_a_dossier_posted_twice_is_created_once(client, officer):
    client.force_login(officer)
    first, second = post_twice(client, reverse("awards:create"), dossier_form)
    dossier = Dossier.objects.get(full_name="Hoàng Thị Mai")
    # The repeat goes where the first went, and says why nothing more happened.
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == reverse("awards:dossier", args=[dossier.pk])
    page = client.get(second["Location"]).content.decode()
    assert ALREADY_SENT in page


def test_an_initiative_posted_twice_is_recorded_once(client, officer):
    client.force_login(officer)
    post_twice(
        client,
        reverse("awards:initiatives"),
        lambda: {"title": "Đổi mới dạy học toán lớp 9", "authors": "Nông Thị Hằng", "year": 2013},
    )
    assert Initiative.objects.filter(title="Đổi mới dạy học toán lớp 9").count() == 1


def test_a_progress_report_posted_twice_is_recorded_once(client, officer):
    part = TaskPart.objects.get(task__plan__year=2013, task__number=30, unit=officer.unit)
    before = ProgressReport.objects.filter(part=part).count()
    client.force_login(officer)
    post_twice(
        client,
        reverse("part-detail", args=[part.pk]),
        # A 2013 part is done within 2013; reported years later, it carries its evidence.
        lambda: {
            "state": PartState.DONE,
            "done_on": "20/12/2013",
            "note": "Đã tập huấn",
            "evidence": pdf(),
        },
    )
    assert ProgressReport.objects.filter(part=part).count() == before + 1


def test_a_document_sent_twice_is_received_once_and_reviewed_once(client, officer, staff):
    requirement = Requirement.objects.get(plan__year=2013, kind=RequirementKind.UNIT_PLAN)
    sent = Submission.objects.filter(requirement=requirement, unit=officer.unit)
    before = sent.count()
    client.force_login(officer)
    post_twice(
        client,
        reverse("submission-create", args=[requirement.pk, officer.unit.code]),
        lambda: {"file": pdf(), "note": "", "resend_confirmed": "on"},
    )
    assert sent.count() == before + 1

    client.force_login(staff)
    submission = sent.latest("pk")
    post_twice(
        client,
        reverse("submission-review", args=[submission.pk]),
        lambda: {"decision": "returned", "reason": "Thiếu số liệu"},
    )
    assert SubmissionReview.objects.filter(submission=submission).count() == 1


def test_a_form_with_errors_can_be_corrected_and_sent_again(client, officer):
    client.force_login(officer)
    token = uuid.uuid4().hex
    url = reverse("awards:create")
    wrong = client.post(url, {**dossier_form(full_name=""), "form_token": token})
    assert wrong.status_code == 200 and not Dossier.objects.filter(full_name="").exists()
    right = client.post(url, {**dossier_form(), "form_token": token})
    assert right.status_code == 302
    assert Dossier.objects.filter(full_name="Hoàng Thị Mai").count() == 1


def test_a_post_refused_with_a_message_can_be_sent_again(client, officer):
    # The posts made from a list page answer an error with a redirect and a message.
    requirement = Requirement.objects.get(plan__year=2013, kind=RequirementKind.UNIT_PLAN)
    sent = Submission.objects.filter(requirement=requirement, unit=officer.unit)
    before = sent.count()
    client.force_login(officer)
    token = uuid.uuid4().hex
    url = reverse("submission-create", args=[requirement.pk, officer.unit.code])
    client.post(url, {"note": "", "form_token": token})  # no file
    client.post(url, {"file": pdf(), "note": "", "form_token": token, "resend_confirmed": "on"})
    assert sent.count() == before + 1


def _templates():
    for folder in settings.TEMPLATES[0]["DIRS"]:
        yield from sorted(Path(folder).rglob("*.html"))


def test_every_post_form_carries_a_one_time_token():
    # A POST form without {% form_token %} would be posted twice as before.
    for template in _templates():
        text = template.read_text()
        post_forms = len(re.findall(r"<form[^>]*method=\"post\"", text, re.IGNORECASE))
        assert text.count("{% csrf_token %}{% form_token %}") == post_forms, template.name


def test_the_token_is_on_the_page(client, officer):
    client.force_login(officer)
    page = client.get(reverse("awards:create")).content.decode()
    tokens = re.findall(r'name="form_token" value="([0-9a-f]{32})"', page)
    # The logout and language forms of every page, and the dossier form: each its own.
    assert len(tokens) == len(set(tokens)) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrency")
@pytest.mark.django_db(transaction=True)
def test_a_second_post_during_the_first_waits_and_follows_it(
    demo_data_restored_afterwards, monkeypatch
):
    """The second post of a double click arrives while the first is still saving: it waits,
    then goes where the first went; one dossier."""
    load_demo_data()
    officer = User.objects.get(username="officer")
    first = Client()
    first.force_login(officer)
    second = Client()
    second.cookies = first.cookies
    saving = threading.Event()
    save_dossier = services.save_dossier

    def slow_save(*args, **kwargs):
        saving.set()
        time.sleep(0.5)  # the second post arrives meanwhile
        return save_dossier(*args, **kwargs)

    monkeypatch.setattr(services, "save_dossier", slow_save)
    data = {**dossier_form(), "form_token": uuid.uuid4().hex}
    answers = [None, None]

    def post(index, client):
        try:
            if index:
                saving.wait(timeout=10)
            answers[index] = client.post(reverse("awards:create"), data)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(i, c)) for i, c in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    dossier = Dossier.objects.get(full_name="Hoàng Thị Mai")
    assert [answer["Location"] for answer in answers] == [
        reverse("awards:dossier", args=[dossier.pk])
    ] * 2
