"""A double click on "Xác nhận nhập": two confirms of one preview import the file once."""

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
    preview = upload(first, good_file())
    token = preview.context["token"]
    # The second click comes from the same browser: the same session.
    second = Client()
    second.cookies = first.cookies

    # Each confirm, once it has read the pending file, waits (at most a second) for the other
    # to get as far: the moment two confirms both find the file pending.
    arrived = [threading.Event(), threading.Event()]
    run_import = views.run_import

    def meet_then_import(*args, **kwargs):
        index = int(threading.current_thread().name)
        arrived[index].set()
        arrived[1 - index].wait(timeout=1)
        return run_import(*args, **kwargs)

    monkeypatch.setattr(views, "run_import", meet_then_import)
    pages = [None, None]

    def confirm(index):
        try:
            client = (first, second)[index]
            pages[index] = client.post(reverse("import-confirm"), {"token": token})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(i,), name=str(i)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Dossier.objects.filter(unit=officer.unit).count() == 3
    texts = sorted(page.content.decode() for page in pages)
    assert sum("Đã nhập xong." in text for text in texts) == 1
    assert sum("Tệp này đã được nhập theo lần xác nhận trước" in text for text in texts) == 1
