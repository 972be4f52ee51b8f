"""Login protection (django-axes) and two-factor authentication (django-otp TOTP)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import EDITOR
from tests.factories import StaffFactory
from tests.html_tools import texts

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2030, 5, 1, 9, 0, tzinfo=HANOI)
PASSWORD = "mat-khau-thu-nghiem-2019"  # the factories' password
LOGIN_URL = reverse("admin:login")


def log_in(client, username, password=PASSWORD, token=None, address="10.0.0.1"):
    data = {"username": username, "password": password, "next": "/quan-tri/"}
    if token is not None:
        data["otp_token"] = token
    return client.post(LOGIN_URL, data, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def current_token(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


class TestLockout:
    def test_five_failures_lock_the_username_from_that_address_for_15_minutes(self, client):
        StaffFactory(username="bientap", role=EDITOR)
        with time_machine.travel(NOW, tick=False):
            for _ in range(4):
                assert log_in(client, "bientap", "sai-mat-khau").status_code == 200
            fifth = log_in(client, "bientap", "sai-mat-khau")
            assert fifth.status_code == 429
            # Even the right password is refused now, with a clear message.
            locked = log_in(client, "bientap")
            assert locked.status_code == 429
            assert not logged_in(client)
            message = texts(locked, "p", "lockout-message")[0]
            assert "15 phút" in message and "5 lần" in message
            # Another address is not locked.
            assert log_in(client, "bientap", address="10.0.0.2").status_code == 302
            client.logout()

        with time_machine.travel(NOW + timedelta(minutes=14, seconds=59), tick=False):
            assert log_in(client, "bientap").status_code == 429

        with time_machine.travel(NOW + timedelta(minutes=15, seconds=1), tick=False):
            assert log_in(client, "bientap").status_code == 302
            assert logged_in(client)

    def test_a_site_administrator_sees_and_clears_lockouts(self, client, site_admin):
        from axes.models import AccessAttempt

        StaffFactory(username="bientap", role=EDITOR)
        for _ in range(5):
            log_in(client, "bientap", "sai-mat-khau")
        attempt = AccessAttempt.objects.get(username="bientap")
        client.force_login(site_admin)
        listing = client.get(reverse("admin:axes_accessattempt_changelist"))
        assert listing.status_code == 200
        assert "bientap" in listing.content.decode()
        url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
        assert client.post(url, {"post": "yes"}).status_code == 302
        client.logout()
        assert log_in(client, "bientap").status_code == 302


class TestTwoFactor:
    def test_any_staff_member_sets_up_totp_and_then_login_needs_the_code(
        self, client, editor, time_machine
    ):
        time_machine.move_to(NOW, tick=False)
        client.force_login(editor)
        setup_url = reverse("accounts:two-factor")
        page = client.get(setup_url)
        assert page.status_code == 200
        assert "<svg" in page.content.decode()
        device = TOTPDevice.objects.get(user=editor, confirmed=False)
        assert page.context["secret"]

        wrong = f"{(int(current_token(device)) + 1) % 1000000:06d}"
        assert client.post(setup_url, {"token": wrong}).status_code == 200
        device.refresh_from_db()
        assert not device.confirmed
        time_machine.shift(30)  # past the throttle delay of the wrong code
        response = client.post(setup_url, {"token": current_token(device)})
        assert response.status_code == 302
        device.refresh_from_db()
        assert device.confirmed
        client.logout()

        time_machine.shift(60)  # a new code: the one used above is spent
        without = log_in(client, editor.username)
        assert without.status_code == 200 and not logged_in(client)
        assert log_in(client, editor.username, token=wrong).status_code == 200
        assert not logged_in(client)
        time_machine.shift(30)
        device.refresh_from_db()
        response = log_in(client, editor.username, token=current_token(device))
        assert response.status_code == 302
        assert logged_in(client)
        assert client.get(reverse("admin:index")).status_code == 200

    def test_a_session_without_the_code_is_logged_out_when_the_account_has_a_device(
        self, client, editor
    ):
        TOTPDevice.objects.create(user=editor, name="TOTP", confirmed=True)
        client.force_login(editor)  # as if logged in before 2FA existed
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302
        assert response.url.startswith(LOGIN_URL)
        assert not logged_in(client)

    def test_required_for_site_administrators_when_the_setting_is_on(
        self, client, settings, site_admin
    ):
        settings.REQUIRE_2FA_FOR_ADMINS = True
        client.force_login(site_admin)
        for url in (reverse("admin:index"), reverse("admin:auth_user_changelist")):
            response = client.get(url)
            assert response.status_code == 302
            assert response.url == reverse("accounts:two-factor")
        setup = client.get(reverse("accounts:two-factor"))
        assert setup.status_code == 200 and setup.context["required"]

        device = TOTPDevice.objects.get(user=site_admin)
        client.post(reverse("accounts:two-factor"), {"token": current_token(device)})
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 200

    def test_not_required_for_editors_or_when_the_setting_is_off(
        self, client, settings, editor, site_admin
    ):
        settings.REQUIRE_2FA_FOR_ADMINS = True
        client.force_login(editor)
        assert client.get(reverse("admin:index")).status_code == 200
        settings.REQUIRE_2FA_FOR_ADMINS = False
        client.force_login(site_admin)
        assert client.get(reverse("admin:index")).status_code == 200


def test_the_login_page_is_in_vietnamese_and_offers_the_code_field(client):
    page = client.get(LOGIN_URL)
    assert page.status_code == 200
    assert 'name="otp_token"' in page.content.decode()


class TestHardening:
    def test_an_overlong_username_is_a_form_error_not_a_server_error(self, client):
        response = log_in(client, "x" * 256, "sai-mat-khau")
        assert response.status_code == 200
        assert not logged_in(client)
        assert response.context["form"].errors["username"]

    def test_behind_the_proxy_failures_count_per_visitor_address(self, client, settings):
        settings.AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip_address"
        StaffFactory(username="bientap", role=EDITOR)

        def attempt(visitor, password="sai-mat-khau"):
            data = {"username": "bientap", "password": password, "next": "/quan-tri/"}
            # Every request reaches the portal from the proxy's own address.
            return client.post(LOGIN_URL, data, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=visitor)

        with time_machine.travel(NOW, tick=False):
            for _ in range(5):
                attempt("203.0.113.9")
            assert attempt("203.0.113.9", PASSWORD).status_code == 429
            # The same username from another visitor is not locked out.
            assert attempt("198.51.100.7", PASSWORD).status_code == 302

    def test_two_factor_is_required_under_a_path_prefix_too(self, client, settings, site_admin):
        settings.REQUIRE_2FA_FOR_ADMINS = True
        client.force_login(site_admin)
        from django.urls import set_script_prefix

        set_script_prefix("/cchc/")
        try:
            response = client.get("/quan-tri/", SCRIPT_NAME="/cchc")
        finally:
            set_script_prefix("/")
        assert response.status_code == 302
        assert response.url == "/cchc" + reverse("accounts:two-factor")
