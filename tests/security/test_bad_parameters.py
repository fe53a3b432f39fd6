"""Bad values in a page's parameters are ignored or answered 400, never with a server error.

Every URL of the URLconf is first asked plainly, as office staff and as a unit officer, to
learn which GET parameters its view reads; each of those is then given each bad value alone
(one bad parameter must not hide behind another that sends the page elsewhere), on the page
and on its export (?xuat=xlsx) when it has one. Run on SQLite and PostgreSQL: they refuse
different things (a NUL byte in a string, an integer wider than 64 bits)."""

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict
from django.test import Client

from tests.urls import project_urls

pytestmark = pytest.mark.django_db

# File downloads read no parameter (and the demo's files are not in a test's media folder).
DOWNLOADS = {"submission-file", "evidence-file", "awards:document"}
BAD_VALUES = {
    "NUL byte": "a\x00b",
    "text for a number": "abc",
    "number wider than 64 bits": "99999999999999999999",
    "negative": "-1",
    "impossible date": "31/02/2013",
    "control character": "a\x01b",
}


class _RecordingQueryDict(QueryDict):
    """request.GET that notes the name of every parameter a view asks for."""

    read = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


def _parameters_read(client, monkeypatch):
    """{(name, path): the GET parameters its view reads} for every URL but the downloads."""
    monkeypatch.setattr(
        WSGIRequest, "GET", property(lambda r: _RecordingQueryDict(r.META["QUERY_STRING"]))
    )
    found = {}
    for name, path in project_urls():
        if name in DOWNLOADS:
            continue
        _RecordingQueryDict.read = set()
        client.get(path)
        found[name, path] = set(_RecordingQueryDict.read)
    monkeypatch.undo()
    return found


@pytest.mark.parametrize("username", ["staff", "officer"])
def test_no_page_fails_on_a_bad_parameter(request, monkeypatch, username):
    client = Client()
    client.force_login(request.getfixturevalue(username))
    pages = _parameters_read(client, monkeypatch)
    # The lists of units, dossiers, parts, submissions; the exports; the type-ahead.
    assert sum(bool(read) for read in pages.values()) >= 10, pages
    failures = []
    for (name, path), read in pages.items():
        for parameter in sorted(read - {"xuat"}):
            for label, bad in BAD_VALUES.items():
                for extra in ({}, {"xuat": "xlsx"}) if "xuat" in read else ({},):
                    where = f"{name} {path} ?{parameter}= {label} {extra or ''}"
                    try:
                        status = client.get(path, {parameter: bad, **extra}).status_code
                    except Exception as error:  # every failure is listed, not only the first
                        failures.append(f"{where}: {type(error).__name__}: {error!r}"[:300])
                        continue
                    if status >= 500:
                        failures.append(f"{where}: {status}")
    assert failures == [], "\n".join(failures)
