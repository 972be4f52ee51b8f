"""A scheduled article appears by itself at its time; before that, only the staff who may edit
it see it, as a preview."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accounts.roles import EDITOR, PUBLISHER, SITE_ADMIN
from news.models import Article
from tests.admin_forms import article_change_form
from tests.factories import ArticleFactory, StaffFactory
from tests.html_tools import texts

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2030, 5, 1, 9, 0, tzinfo=HANOI)
Status = Article.Status


def test_a_publisher_schedules_in_the_admin_and_it_appears_only_at_its_time(client, publisher):
    """The date is typed day first, as in Vietnam: 01/05/2030 is the 1st of May."""
    with time_machine.travel(NOW, tick=False):
        article = ArticleFactory(title="Bài hẹn giờ đăng", status=Status.PENDING, published_at=None)
        client.force_login(publisher)
        data = article_change_form(
            article, published_at_0="01/05/2030", published_at_1="09:05:00", _publish="1"
        )
        url = reverse("admin:news_article_change", args=[article.pk])
        response = client.post(url, data, follow=True)
        shown = [str(message) for message in response.context["messages"]]
        assert "“Bài hẹn giờ đăng”: Hẹn đăng lúc 01/05/2030 9:05:00 SA." in shown
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        assert article.published_at == NOW + timedelta(minutes=5)

        changelist = client.get(reverse("admin:news_article_changelist"), {"workflow": "scheduled"})
        assert list(changelist.context["cl"].result_list) == [article]
        client.logout()
        assert client.get(article.get_absolute_url()).status_code == 404
        assert article.title not in client.get(reverse("news:home")).content.decode()

    with time_machine.travel(NOW + timedelta(minutes=4, seconds=59), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404

    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert article.title in client.get(reverse("news:home")).content.decode()
        assert article.title in client.get(reverse("news:feed")).content.decode()


def scheduled(**kwargs):
    return ArticleFactory(published_at=datetime(2999, 1, 1, tzinfo=HANOI), **kwargs)


# (who, which article) → may preview. "own" articles were created by the viewer.
PREVIEW_CASES = [
    ("editor", "own draft", True),
    ("editor", "own pending", True),
    ("editor", "own unpublished", True),
    ("editor", "own scheduled", False),
    ("editor", "other's draft", False),
    ("publisher", "other's draft", True),
    ("publisher", "other's pending", True),
    ("publisher", "other's scheduled", True),
    ("site_admin", "other's draft", False),
    ("site_admin", "own draft", False),
    ("anonymous", "other's draft", False),
    ("staff without role", "other's draft", False),
]
ROLE_OF = {"editor": EDITOR, "publisher": PUBLISHER, "site_admin": SITE_ADMIN}


def make_article(kind, viewer):
    owner = viewer if kind.startswith("own") else StaffFactory(role=EDITOR)
    state = kind.split()[-1]
    if state == "scheduled":
        return scheduled(created_by=owner)
    return ArticleFactory(status=state, published_at=None, created_by=owner)


@pytest.mark.parametrize(("who", "kind", "may_preview"), PREVIEW_CASES)
def test_preview_per_role(client, who, kind, may_preview):
    viewer = None
    if who in ROLE_OF:
        viewer = StaffFactory(role=ROLE_OF[who])
    elif who == "staff without role":
        viewer = StaffFactory()
    if viewer is not None:
        client.force_login(viewer)
    article = make_article(kind, viewer)

    response = client.get(article.get_absolute_url())

    if may_preview:
        assert response.status_code == 200
        assert "Bản xem trước" in texts(response, "div", "preview-banner")[0]
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert response.status_code == 404
