"""The admin speaks Vietnamese: no section or model name is left in English, including those of
the third-party apps (django-axes, django-otp, django-reversion, Django's sessions)."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import StaffFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db

# Names these apps show when nothing translates them.
ENGLISH_NAMES = {
    "Axes",
    "Access attempts",
    "Access failures",
    "Access logs",
    "Access attempt expirations",
    "Otp_Totp",
    "OTP_TOTP",
    "TOTP devices",
    "TOTP device",
    "Reversion",
    "Revisions",
    "Versions",
    "Sessions",
    "Import_Export",
    "Authentication and Authorization",
    "Users",
    "Groups",
    "Model name",
    "Add link",
    "Change or view list link",
}


@pytest.fixture
def superuser_client(client):
    client.force_login(StaffFactory(username="sieuquantri", is_superuser=True))
    return client


def test_admin_index_names_every_section_and_model_in_vietnamese(superuser_client):
    page = parse(superuser_client.get("/quan-tri/").content)
    sections = [caption.text() for caption in page.find_all("caption")]
    models = [th.text() for th in page.find_all("th")]  # model rows and the header cells

    assert {"Khoá đăng nhập", "Xác thực hai bước"} <= set(sections)
    assert {
        "Lượt đăng nhập sai",
        "Lần đăng nhập thất bại",
        "Nhật ký đăng nhập",
        "Thiết bị xác thực hai bước (TOTP)",
    } <= set(models)
    assert not ENGLISH_NAMES & set(sections + models), sections + models


def test_model_pages_and_permission_lists_use_the_vietnamese_names(superuser_client):
    attempts = superuser_client.get("/quan-tri/axes/accesslog/")
    devices = superuser_client.get("/quan-tri/otp_totp/totpdevice/")
    group = superuser_client.get(f"/quan-tri/auth/group/{Group.objects.first().pk}/change/")

    assert parse(attempts.content).find("h1").text() == "Chọn nhật ký đăng nhập để thay đổi"
    (results,) = [
        t for t in parse(attempts.content).find_all("table") if t.attrs.get("id") == "result_list"
    ]
    columns = [th.text() for th in results.find("thead").find_all("th")]
    assert "Thời điểm đăng nhập" in columns and "Attempt Time" not in columns
    assert parse(devices.content).find("h1").text() == (
        "Chọn thiết bị xác thực hai bước (TOTP) để thay đổi"
    )
    options = [option.text() for option in parse(group.content).find_all("option")]
    app_names = {option.split(" | ")[0] for option in options if " | " in option}
    assert "Lịch sử phiên bản" in app_names
    assert not ENGLISH_NAMES & app_names, app_names


def test_the_accounts_app_keeps_its_own_config():
    # accounts/apps.py holds the third-party configs too: Django must still pick AccountsConfig
    # (whose ready() keeps the roles' permissions in step after every migrate).
    from django.apps import apps

    from accounts.apps import AccountsConfig, AxesConfig, TOTPConfig

    assert type(apps.get_app_config("accounts")) is AccountsConfig
    assert type(apps.get_app_config("axes")) is AxesConfig
    assert type(apps.get_app_config("otp_totp")) is TOTPConfig
