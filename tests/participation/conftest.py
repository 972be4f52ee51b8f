import time

import pytest
from django.core import signing

from accounts.roles import HANDLER
from participation.forms import TIMESTAMP_SALT
from tests.factories import StaffFactory

from .factories import TopicFactory


@pytest.fixture
def handler(db):
    return StaffFactory(username="tiepnhan", role=HANDLER, email="tiepnhan@example.vn")


@pytest.fixture
def topic(db):
    return TopicFactory(name="Đất đai")


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def drawn(seconds_ago: float = 60) -> str:
    """The signed time of a form drawn `seconds_ago`."""
    return signing.dumps(time.time() - seconds_ago, salt=TIMESTAMP_SALT)


def question_data(topic, **overrides):
    return {
        "topic": topic.pk,
        "text": "Làm căn cước cho con dưới 14 tuổi cần giấy tờ gì?",
        "name": "Trần Văn Bình",
        "email": "binh@example.vn",
        "phone": "",
        "consent": "on",
        "website": "",
        "drawn_at": drawn(),
        **overrides,
    }
