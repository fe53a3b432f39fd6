"""A double click on "Xác nhận nhập": two confirms of one preview import the file once; two
people importing the same list at once add it once."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from awards.models import Dossier
from imports import views
from tests.conftest import load_demo_data
from tests.imports.test_nominees_import import good_file, upload
from units.models import User


def _meeting_before_the_import(monkeypatch):
    """Each confirm, once it has read its pending file, waits (at most a second) for the other
    to get as far: the moment two imports both find the nominees without a dossier."""
    arrived = [threading.Event(), threading.Event()]
    run_import = views.run_import

    def meet_then_import(*args, **kwargs):
        index = int(threading.current_thread().name)
        arrived[index].set()
        arrived[1 - index].wait(timeout=1)
        return run_import(*args, **kwargs)

    monkeypatch.setattr(views, "run_import", meet_then_import)


def _confirm_at_once(clients, tokens):
    """The two clients confirm at the same moment; their pages."""
    pages = [None, None]

    def confirm(index):
        try:
            pages[index] = clients[index].post(reverse("import-confirm"), {"token": tokens[index]})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(i,), name=str(i)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [page.content.decode() for page in pages]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrency")
@pytest.mark.django_db(transaction=True)
def test_two_confirms_at_once_import_the_file_once(
    demo_data_restored_afterwards, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    load_demo_data()
    officer = User.objects.get(username="officer")
    first = Client()
    first.force_login(officer)
    token = upload(first, good_file()).context["token"]
    # The second click comes from the same browser: the same session.
    second = Client()
    second.cookies = first.cookies
    _meeting_before_the_import(monkeypatch)

    texts = _confirm_at_once([first, second], [token, token])

    assert Dossier.objects.filter(unit=officer.unit).count() == 3
    assert sum("Đã nhập xong." in text for text in texts) == 1
    assert sum("Tệp này đã được nhập theo lần xác nhận trước" in text for text in texts) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrency")
@pytest.mark.django_db(transaction=True)
def test_the_same_list_imported_by_two_people_at_once_adds_it_once(
    demo_data_restored_afterwards, settings, tmp_path, monkeypatch
):
    """The officer and the office import the unit's list at the same moment, each from a
    preview of their own: the second import finds the first one's drafts and adds nothing."""
    settings.MEDIA_ROOT = tmp_path
    load_demo_data()
    officer, staff = (User.objects.get(username=name) for name in ("officer", "staff"))
    clients, tokens = [], []
    for user in (officer, staff):
        client = Client()
        client.force_login(user)
        tokens.append(upload(client, good_file(), unit=officer.unit.pk).context["token"])
        clients.append(client)
    _meeting_before_the_import(monkeypatch)

    texts = _confirm_at_once(clients, tokens)

    assert Dossier.objects.filter(unit=officer.unit).count() == 3
    assert all("Đã nhập xong." in text for text in texts)
