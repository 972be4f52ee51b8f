"""Secure by default: HTTPS settings on with DEBUG off, security headers on every public page,
uploaded files never served as HTML."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import re_path, reverse

from core.views import serve_media
from tests.conftest import skip_or_fail
from tests.factories import ArticleFactory

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SETTINGS_PRINTED = (
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
)


def clean_env(**variables: str) -> dict[str, str]:
    """Only what a production deployment must set, plus the caller's variables: no DEBUG."""
    if (BASE_DIR / ".env").exists():
        skip_or_fail("a .env file beside manage.py sets the environment of this machine")
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "cchc.laichau.gov.vn",
        "DJANGO_SETTINGS_MODULE": "cchc_portal.settings",
        **variables,
    }


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def printed_settings(env: dict[str, str]) -> dict[str, str]:
    code = "from django.conf import settings as s; " + "; ".join(
        f"print('{name}', s.{name})" for name in SETTINGS_PRINTED
    )
    result = manage(env, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)


class TestProductionDefaults:
    def test_check_deploy_passes_with_only_secret_key_and_allowed_hosts(self):
        result = manage(clean_env(), "check", "--deploy", "--fail-level", "WARNING")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout

    def test_https_is_on_unless_turned_off(self):
        assert printed_settings(clean_env()) == {
            "SECURE_SSL_REDIRECT": "True",
            "SESSION_COOKIE_SECURE": "True",
            "CSRF_COOKIE_SECURE": "True",
            "SECURE_HSTS_SECONDS": "31536000",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "True",
            "SECURE_HSTS_PRELOAD": "False",
        }

    def test_https_0_turns_it_off_for_a_local_run_over_plain_http(self):
        assert printed_settings(clean_env(HTTPS="0")) == {
            "SECURE_SSL_REDIRECT": "False",
            "SESSION_COOKIE_SECURE": "False",
            "CSRF_COOKIE_SECURE": "False",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "True",
            "SECURE_HSTS_PRELOAD": "False",
        }

    def test_hsts_preload_only_when_asked_and_then_checked(self):
        env = clean_env(SECURE_HSTS_PRELOAD="1")
        assert printed_settings(env)["SECURE_HSTS_PRELOAD"] == "True"
        assert manage(env, "check", "--deploy", "--fail-level", "WARNING").returncode == 0
        # Turning off HTTPS in production is what check --deploy is there to catch.
        result = manage(clean_env(HTTPS="0"), "check", "--deploy", "--fail-level", "WARNING")
        assert result.returncode != 0
        assert "security.W004" in result.stderr and "security.W008" in result.stderr


@pytest.mark.django_db
class TestSecurityHeaders:
    @pytest.fixture
    def public_pages(self, settings):
        article = ArticleFactory()
        return [
            "/",
            reverse("news:article-list"),
            article.get_absolute_url(),
            article.category.get_absolute_url(),
            reverse("indices:overview"),
            "/khong-co-trang-nay/",
        ]

    def test_every_public_page_sends_them(self, client, settings, public_pages):
        settings.SECURE_SSL_REDIRECT = True
        settings.SECURE_HSTS_SECONDS = 31536000
        for path in public_pages:
            response = client.get(path, secure=True)
            assert response.status_code in (200, 404), path
            assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", path
            assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
            assert response["X-Content-Type-Options"] == "nosniff", path
            assert response["X-Frame-Options"] == "DENY", path
            assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
            assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path
        assert client.get(public_pages[0]).status_code == 301


urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve_media)]


@pytest.mark.urls(__name__)
class TestMediaServedInDevelopment:
    @pytest.mark.parametrize(
        ("name", "content_type"),
        [
            ("anh.jpg", "image/jpeg"),
            ("anh.PNG", "image/png"),
            ("anh.webp", "image/webp"),
            ("anh.gif", "image/gif"),
            ("van-ban.pdf", "application/pdf"),
        ],
    )
    def test_images_and_pdf_as_what_they_are_sandboxed(
        self, client, settings, tmp_path, name, content_type
    ):
        settings.MEDIA_ROOT = tmp_path
        (tmp_path / name).write_bytes(b"\x89PNG not really")
        response = client.get(f"/media/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"

    @pytest.mark.parametrize("name", ["trang.html", "trang.htm", "anh.svg", "x.js", "khong-duoi"])
    def test_anything_else_is_a_sandboxed_download(self, client, settings, tmp_path, name):
        settings.MEDIA_ROOT = tmp_path
        (tmp_path / name).write_bytes(b"<script>alert(1)</script>")
        response = client.get(f"/media/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"] == "attachment"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"

    def test_no_path_outside_media_root(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path / "media"
        settings.MEDIA_ROOT.mkdir()
        (tmp_path / "secret.txt").write_text("secret")
        client = Client(raise_request_exception=False)
        for path in ("/media/../secret.txt", "/media/%2e%2e/secret.txt", "/media/..%2fsecret.txt"):
            assert client.get(path).status_code in (400, 404), path
