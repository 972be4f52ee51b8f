import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from accounts.roles import EDITOR, PUBLISHER, SITE_ADMIN
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
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(scope="module")
def _demo_loaded_for_module(django_db_setup, django_db_blocker):
    """`load_demo` run once for a whole test module (a run costs seconds of CPU), inside a
    transaction rolled back when the module ends. Tests of the module that come after the
    first one using `demo_content` see the demo too: keep such a module about the demo."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_content(_demo_loaded_for_module, db):
    """The database as `load_demo` leaves it, shared by the tests of one module; what a test
    writes is rolled back after it (its own savepoint), as with `db`. Not for transactional
    tests (they commit): a browser test reads the demo through `demo_server`
    (tests/browser/conftest.py)."""


@pytest.fixture
def editor(db):
    """A staff member with the editor role: writes articles and submits them for review."""
    return StaffFactory(username="bientap", role=EDITOR)


@pytest.fixture
def publisher(db):
    """A staff member with the publisher role: reviews, publishes, schedules any article."""
    return StaffFactory(username="duyettin", role=PUBLISHER)


@pytest.fixture
def site_admin(db):
    """A staff member with the site-administrator role (not a superuser)."""
    return StaffFactory(username="quantri", role=SITE_ADMIN)


@pytest.fixture
def staff_without_permissions(db):
    return StaffFactory(username="nhanvien")
