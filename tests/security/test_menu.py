"""The main menu offers a page exactly when the page lets the user in.

For every role of the access matrix (and a signed-in account with no role), and every entry
of config.menu.MENU: the link is in the menu the user is shown iff opening it answers 200
(after a redirect that is not a login page: "Đơn vị của tôi" leads to the unit's page).
"""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from config.menu import MENU
from tests.security.test_access_matrix import ROLES
from units.models import User

pytestmark = pytest.mark.django_db


class _MenuLinks(HTMLParser):
    """The hrefs of the links inside <ul id="main-menu">."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and (self.depth or attrs.get("id") == "main-menu"):
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.add(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "ul" and self.depth:
            self.depth -= 1


def menu_links(client):
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    parser = _MenuLinks()
    parser.feed(response.content.decode())
    return parser.links


def opens(client, url):
    response = client.get(url, follow=True)
    sent_to_login = any("login/" in target for target, _status in response.redirect_chain)
    return response.status_code == 200 and not sent_to_login


@pytest.fixture
def role_users(officer, officer2, staff, council, leader, admin_user):
    users = {
        "anon": None,
        "own": officer,
        "other": officer2,
        "staff": staff,
        "council": council,
        "leader": leader,
        "admin": admin_user,
        "nobody": User.objects.create_user("nobody", password="x"),
    }
    assert set(ROLES) <= set(users)
    return users


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_every_role_sees_a_link_exactly_when_its_page_opens(role_users):
    wrong = []
    for role, user in role_users.items():
        client = _client(user)
        shown = menu_links(client)
        for entry in MENU:
            url = reverse(entry.url_name)
            in_menu, answers = url in shown, opens(client, url)
            if in_menu != answers:
                wrong.append(f"[{role}] {entry.url_name}: in menu {in_menu}, opens {answers}")
        assert shown <= {reverse(entry.url_name) for entry in MENU}, role
    assert not wrong, "\n".join(["", *wrong])


def test_a_leader_has_links_to_the_inbox_and_the_council_list(leader):
    # Leaders may read both lists; the menu used to be drawn from roles and left them out.
    shown = menu_links(_client(leader))
    assert reverse("awards:inbox") in shown
    assert reverse("awards:council") in shown
    assert reverse("awards:unit-dossiers") not in shown


def test_before_signing_in_there_is_no_menu():
    assert menu_links(Client()) == set()
