import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories import StaffFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str):
    """Skip a test whose service is missing here — but under CI=true a missing service fails."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: every service must be present)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def editor(db):
    """A staff member who may write and edit articles."""
    return StaffFactory(
        username="bientap",
        permissions=[
            "news.add_article",
            "news.change_article",
            "news.view_article",
            "news.add_articleimage",
            "news.change_articleimage",
            "news.delete_articleimage",
            "news.add_relatedarticle",
            "news.change_relatedarticle",
            "news.delete_relatedarticle",
            "news.view_category",
        ],
    )


@pytest.fixture
def staff_without_permissions(db):
    return StaffFactory(username="nhanvien")
