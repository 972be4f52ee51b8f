"""A scripted attack on the admin login: 1,000 attempts from one address over many usernames.
The lockout holds (per username and address, and per address) and other visitors are served."""

from collections import Counter

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from accounts.roles import EDITOR
from tests.factories import ArticleFactory, StaffFactory
from tests.html_tools import texts

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem-2019"  # the factories' password
LOGIN_URL = reverse("admin:login")
ATTACKER = "203.0.113.7"
VISITOR = "198.51.100.20"


def log_in(client, username, password, address):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/quan-tri/"},
        REMOTE_ADDR=address,
    )


def visitor_is_served(client, article_url):
    assert client.get(LOGIN_URL, REMOTE_ADDR=VISITOR).status_code == 200
    assert client.get("/", REMOTE_ADDR=VISITOR).status_code == 200
    assert client.get(article_url, REMOTE_ADDR=VISITOR).status_code == 200


def test_a_thousand_attempts_over_many_usernames_from_one_address(client):
    StaffFactory(username="bientap", role=EDITOR)
    article_url = ArticleFactory().get_absolute_url()
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    statuses = Counter()
    first_refused = None
    for attempt in range(1000):
        # Mostly invented names, and the real account every 50 attempts.
        username = "bientap" if attempt % 50 == 0 else f"nguoidung{attempt}"
        status = log_in(client, username, f"doan-mo-{attempt}", ATTACKER).status_code
        statuses[status] += 1
        if status == 429 and first_refused is None:
            first_refused = attempt
        if attempt % 100 == 0:
            visitor_is_served(client, article_url)
    print(
        f"\n1,000 attempts from one address: {dict(statuses)}; locked from attempt {first_refused}"
    )

    # The failure that reaches the address limit is answered with the lockout, and everything
    # after it is refused without checking the password.
    assert first_refused == limit - 1
    assert statuses == {200: limit - 1, 429: 1000 - limit + 1}
    assert AccessAttempt.objects.filter(ip_address=ATTACKER).count() == limit
    # The right password of a real account is refused from that address, with the reason.
    locked = log_in(client, "bientap", PASSWORD, ATTACKER)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    (message,) = texts(locked, "p", "lockout-message")
    assert "địa chỉ" in message and "15 phút" in message
    # Everyone else is still served, and the real owner logs in from their own address.
    visitor_is_served(client, article_url)
    assert log_in(client, "bientap", PASSWORD, VISITOR).status_code == 302
    assert "_auth_user_id" in client.session


def test_a_few_typos_from_a_shared_office_address_lock_no_one_else(client):
    """Staff behind one NAT address: failures below the address limit lock only the username
    that failed 5 times."""
    StaffFactory(username="bientap", role=EDITOR)
    office = "192.0.2.10"
    for attempt in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 6):
        assert log_in(client, f"nhanvien{attempt}", "sai-mat-khau", office).status_code == 200
    for _ in range(5):
        log_in(client, "quen-mat-khau", "sai-mat-khau", office)
    assert log_in(client, "quen-mat-khau", "sai-mat-khau", office).status_code == 429
    assert log_in(client, "bientap", PASSWORD, office).status_code == 302
