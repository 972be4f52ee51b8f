import pytest

from .oldsite import OldSite


@pytest.fixture
def old_site():
    site = OldSite()
    yield site
    site.stop()
