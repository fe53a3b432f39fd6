"""Two people move the same dossier at the same moment: one wins, the other is told. Two
dossiers of the same nominee submitted at the same moment: one is submitted, the other told."""

import datetime
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections, transaction

from awards import services
from awards.catalogue import load_catalogue
from awards.enums import DocumentKind, DossierState
from awards.models import Dossier
from demo import awards as demo
from tests.conftest import load_demo_data
from units.models import Unit, User

S = DossierState


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_moves_exactly_one_wins(demo_data_restored_afterwards, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # An earlier transactional test may have emptied the database: load what it needs.
    load_demo_data()
    load_catalogue()
    officer, staff, council = (
        User.objects.get(username=name) for name in ("officer", "staff", "council")
    )
    dossier = demo.new_dossier(officer, "bang-khen-tinh", name="Chu Văn Đồng")
    demo.advance(dossier, S.SUBMITTED, officer=officer, staff=staff, council=council)

    # Both read the dossier as submitted before either moves it.
    copies = [Dossier.objects.get(pk=dossier.pk), Dossier.objects.get(pk=dossier.pk)]
    moves = [(staff, S.IN_APPRAISAL), (officer, S.WITHDRAWN)]
    start = threading.Barrier(2)
    outcomes = [None, None]

    def run(index):
        try:
            by, to_state = moves[index]
            start.wait()
            services.move_dossier(copies[index], to_state, by, "đồng thời")
            outcomes[index] = "moved"
        except services.DossierRuleError as error:
            outcomes[index] = str(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("moved") == 1, outcomes
    loser = next(o for o in outcomes if o != "moved")
    assert "vừa được người khác chuyển" in loser
    stored = Dossier.objects.get(pk=dossier.pk)
    winner = moves[outcomes.index("moved")][1]
    assert stored.state == winner
    assert list(stored.transitions.values_list("to_state", flat=True)) == [
        S.DRAFT,
        S.SUBMITTED,
        winner,
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrency")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "births",
    [
        (datetime.date(1975, 5, 19), datetime.date(1975, 5, 19)),
        (None, None),
        # Without a date the nominee is anyone of that name (services._duplicates).
        (datetime.date(1975, 5, 19), None),
    ],
    ids=["same date of birth", "no date of birth", "one without a date of birth"],
)
def test_two_dossiers_of_one_nominee_submitted_at_once_exactly_one_is_submitted(
    demo_data_restored_afterwards, settings, tmp_path, monkeypatch, births
):
    settings.MEDIA_ROOT = tmp_path
    load_demo_data()
    load_catalogue()
    officer, officer2 = (User.objects.get(username=name) for name in ("officer", "officer2"))
    # Two units propose the same teacher for the same award in the same year.
    drafts = [
        demo.new_dossier(by, "bang-khen-tinh", name="Hoàng Thị Đào", date_of_birth=born)
        for by, born in zip((officer, officer2), births, strict=True)
    ]

    # Both pass every submit check, the duplicate check included, before either writes:
    # the very moment the check alone cannot catch.
    checked = threading.Barrier(2, timeout=20)
    check = services.submit_problems

    def check_then_wait(dossier):
        problems = check(dossier)
        checked.wait()
        return problems

    monkeypatch.setattr(services, "submit_problems", check_then_wait)
    outcomes = [None, None]

    def run(index):
        try:
            services.move_dossier(drafts[index], S.SUBMITTED, drafts[index].created_by)
            outcomes[index] = "submitted"
        except services.DossierRuleError as error:
            outcomes[index] = str(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("submitted") == 1, outcomes
    winner = drafts[outcomes.index("submitted")]
    loser = drafts[1 - outcomes.index("submitted")]
    # The loser hears what the check says, naming the dossier that won.
    assert outcomes[drafts.index(loser)] == (
        f"“Hoàng Thị Đào” đã có hồ sơ {winner.reference} (Đã nộp) đề nghị "
        "“Bằng khen của Chủ tịch UBND tỉnh” năm 2013."
    )
    assert Dossier.objects.get(pk=winner.pk).state == S.SUBMITTED
    assert Dossier.objects.get(pk=loser.pk).state == S.DRAFT
    assert list(loser.transitions.values_list("to_state", flat=True)) == [S.DRAFT]


def _pausing_after_the_check(monkeypatch, thread_name, checked, moved):
    """The rule check of the thread named `thread_name` tells `checked` it has read the
    dossier, then waits (at most a second) for the other thread's move: the moment an
    unlocked read-then-write loses the move."""
    check = services.rules.can_edit_dossier

    def check_then_wait(user, dossier):
        allowed = check(user, dossier)
        if threading.current_thread().name == thread_name:
            checked.set()
            moved.wait(timeout=1)
        return allowed

    monkeypatch.setattr(services.rules, "can_edit_dossier", check_then_wait)


def _edit(dossier, officer):
    dossier.achievements = "Thành tích sửa lại"
    services.save_dossier(dossier, officer)


def _attach(dossier, officer):
    upload = SimpleUploadedFile("bo-sung.pdf", b"%PDF-1.4 bo sung", "application/pdf")
    services.attach_document(dossier, officer, DocumentKind.OTHER, upload)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", [_edit, _attach], ids=["edit", "document"])
def test_a_change_and_a_withdrawal_at_once_keep_the_withdrawal(
    demo_data_restored_afterwards, settings, tmp_path, monkeypatch, change
):
    settings.MEDIA_ROOT = tmp_path
    load_demo_data()
    load_catalogue()
    officer = User.objects.get(username="officer")
    dossier = demo.new_dossier(officer, "bang-khen-tinh", name="Lý Thị Hạnh")
    checked, moved = threading.Event(), threading.Event()
    _pausing_after_the_check(monkeypatch, "change", checked, moved)
    outcomes = {}

    def run_change():
        try:
            change(Dossier.objects.get(pk=dossier.pk), officer)
            outcomes["change"] = "saved"
        except services.DossierRuleError as error:
            outcomes["change"] = str(error)
        finally:
            connections.close_all()

    def run_withdrawal():
        try:
            copy = Dossier.objects.get(pk=dossier.pk)
            checked.wait(timeout=10)
            services.move_dossier(copy, S.WITHDRAWN, officer, "rút")
            outcomes["withdrawal"] = "moved"
            moved.set()
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run_change, name="change"),
        threading.Thread(target=run_withdrawal, name="withdrawal"),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes["withdrawal"] == "moved", outcomes
    stored = Dossier.objects.get(pk=dossier.pk)
    # The withdrawal is what the dossier, its moves and its audit trail all say.
    assert stored.state == S.WITHDRAWN
    assert stored.transitions.order_by("at", "pk").last().to_state == S.WITHDRAWN
    assert stored.history.order_by("history_id").last().state == S.WITHDRAWN
    withdrawn_at = stored.transitions.get(to_state=S.WITHDRAWN).at
    # A document, if added, came before the withdrawal, never into a withdrawn dossier.
    for document in stored.documents.all():
        assert document.uploaded_at <= withdrawn_at


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's deadlocks")
@pytest.mark.django_db(transaction=True)
def test_a_write_that_postgresql_aborts_in_a_deadlock_is_tried_again(
    demo_data_restored_afterwards,
):
    # Two submissions of one nominee can deadlock on the exclusion constraint (both insert,
    # then each waits for the other); PostgreSQL aborts one. Here a real deadlock, made on
    # two unit rows, hits the first attempt of a write: the write is tried again and
    # succeeds, instead of the user getting a database error.
    load_demo_data()
    first, second = Unit.objects.order_by("pk").values_list("pk", flat=True)[:2]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        writer_pid = cursor.fetchone()[0]
    holding_second = threading.Event()
    other_outcome = []

    def other_transaction():
        try:
            with transaction.atomic():
                Unit.objects.select_for_update().get(pk=second)
                holding_second.set()
                # Take `first` only once the writer waits for `second`: the cycle.
                with connection.cursor() as cursor:
                    for _ in range(200):
                        cursor.execute(
                            "SELECT count(*) FROM pg_locks WHERE pid = %s AND NOT granted",
                            [writer_pid],
                        )
                        if cursor.fetchone()[0]:
                            break
                        time.sleep(0.01)
                Unit.objects.select_for_update().get(pk=first)
            other_outcome.append("committed")
        except Exception as error:  # the test reports whatever happened
            other_outcome.append(repr(error))
        finally:
            connections.close_all()

    other = threading.Thread(target=other_transaction)
    other.start()
    assert holding_second.wait(10)
    attempts = []

    def write():
        attempts.append(len(attempts) + 1)
        if len(attempts) == 1:
            Unit.objects.select_for_update().get(pk=first)
            Unit.objects.select_for_update().get(pk=second)
        return "written"

    dossier = Dossier(nominee_key="", year=2013)
    assert services.write_refusing_duplicates(dossier, write) == "written"
    other.join(20)
    assert attempts == [1, 2]
    assert other_outcome == ["committed"]
