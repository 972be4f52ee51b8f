"""The two-factor device (django-otp's TOTPDevice) in the admin speaks Vietnamese: its form's
labels, help texts and sections, its list and its QR-code page; none of django-otp's English is
left, and no migration follows from the translation."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import StaffFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db

ADMIN = "/quan-tri/otp_totp/totpdevice/"
VIETNAMESE_LETTER = re.compile(r"[À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]")
# What django-otp's admin shows in English besides the fields' own texts.
OTP_ENGLISH = [
    "Identity",
    "Timestamps",
    "Configuration",
    "Throttling",
    "QR Code",
    "Search by user's",
    "Install",
    "use the URL below",
]


def english_field_texts() -> set[str]:
    """The device fields' names and help texts as django-otp writes them (English)."""
    with translation.override("en"):
        return {
            str(text)
            for field in TOTPDevice._meta.get_fields()
            if not field.auto_created
            for text in (field.verbose_name, field.help_text)
            if text and len(str(text)) > 2  # "t0" and the like say nothing in any language
        }


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(username="sieuquantri", is_superuser=True))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    return client


@pytest.fixture
def device(db):
    return TOTPDevice.objects.create(user=StaffFactory(username="bientap"), name="Điện thoại")


def form_texts(page) -> dict[str, list[str]]:
    (form,) = [f for f in page.find_all("form") if f.attrs.get("id") == "totpdevice_form"]
    return {
        "help": [node.text() for node in form.find_all(class_="help")],
        # Labels of fields, not those of the radio buttons ("6", "8").
        "labels": [node.text() for node in form.find_all("label") if not node.find_all("input")],
        "sections": [node.text() for node in form.find_all("h2")],
    }


def test_the_add_form_has_no_english_left(admin_client):
    response = admin_client.get(ADMIN + "add/")
    assert response.status_code == 200
    texts = form_texts(parse(response.content))

    assert len(texts["help"]) >= 12  # every field's help text, the key's included
    assert "Tài khoản sở hữu thiết bị này." in texts["help"]
    assert "Độ dài mỗi bước thời gian, tính bằng giây." in texts["help"]
    assert {"Tên thiết bị:", "Khoá bí mật:", "Thời điểm bắt đầu (t0):"} <= set(texts["labels"])
    assert texts["sections"][:2] == ["Thiết bị và người dùng", "Ngày tháng"]
    for kind in ("help", "labels", "sections"):
        untranslated = [text for text in texts[kind] if not VIETNAMESE_LETTER.search(text)]
        assert untranslated == [], kind
    page_text = parse(response.content).text()
    left = [text for text in english_field_texts() | set(OTP_ENGLISH) if text in page_text]
    assert left == []


def test_the_change_form_list_and_qr_code_page_have_no_english_left(admin_client, device):
    change = admin_client.get(f"{ADMIN}{device.pk}/change/")
    listing = admin_client.get(ADMIN)
    config = admin_client.get(f"{ADMIN}{device.pk}/config/")

    assert {change.status_code, listing.status_code, config.status_code} == {200}
    texts = form_texts(parse(change.content))
    assert [text for text in texts["help"] if not VIETNAMESE_LETTER.search(text)] == []
    (results,) = [
        t for t in parse(listing.content).find_all("table") if t.attrs.get("id") == "result_list"
    ]
    columns = [th.text() for th in results.find("thead").find_all("th")]
    assert columns[1:] == [
        "Người dùng",
        "Tên thiết bị",
        "Ngày tạo",
        "Lần dùng gần nhất",
        "Đã xác nhận",
        "Mã QR",
    ]
    links = [a.text() for a in results.find_all("a")]
    assert "Xem mã QR" in links and "qrcode" not in links
    assert "Tìm theo tên đăng nhập hoặc địa chỉ email" in parse(listing.content).text()
    for response in (change, listing, config):
        # The device's address for the authenticator app is no English (it says "digits=6").
        page_text = parse(response.content).text().replace(device.config_url, "")
        left = [text for text in english_field_texts() | set(OTP_ENGLISH) if text in page_text]
        assert left == [], response.request["PATH_INFO"]


def test_translating_the_device_needs_no_migration():
    out = StringIO()
    call_command("makemigrations", "otp_totp", check=True, dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()
