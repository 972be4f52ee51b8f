"""Request bodies over the limit are refused by Django itself, not only by nginx."""

import pytest
from django.urls import reverse

from tests.factories import uploaded_image

pytestmark = pytest.mark.django_db


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(client, editor, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    client.force_login(editor)

    response = client.post(
        reverse("core:editor-image-upload"), {"upload": uploaded_image(size=(300, 300))}
    )

    assert response.status_code == 413
    assert "quá lớn" in response.content.decode()


def test_a_body_within_the_limit_passes(client, editor, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1_000_000
    client.force_login(editor)

    response = client.post(reverse("core:editor-image-upload"), {"upload": uploaded_image()})

    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/", "/tin-tuc/", "/quan-tri/login/"])
def test_public_pages_and_the_login_refuse_a_huge_declared_body(client, path):
    # The declared length is what counts: the body is never read.
    response = client.generic("POST", path, b"x", CONTENT_LENGTH=str(50 * 1024 * 1024))
    assert response.status_code == 413


def test_form_fields_over_django_s_own_limit_answer_400_not_500(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.raise_request_exception = False
    response = client.post(reverse("admin:login"), {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400


def test_the_configured_limit_is_twelve_megabytes_by_default():
    from django.conf import settings

    assert settings.MAX_REQUEST_BODY_BYTES == 12 * 1024 * 1024
    assert settings.IMAGE_UPLOAD_MAX_BYTES < settings.MAX_REQUEST_BODY_BYTES
