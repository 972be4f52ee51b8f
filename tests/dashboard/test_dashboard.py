"""The admin's first page (/quan-tri/): each role's panel, in Vietnamese, in fixed queries."""

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import record
from news.models import Article
from news.services import return_article, submit_article
from tests.factories import (
    ArticleFactory,
    ProvinceResultFactory,
    StaffFactory,
    UnitResultFactory,
)

pytestmark = pytest.mark.django_db
URL = "/quan-tri/"


def _articles_of(editor, publisher, count):
    """`count` articles of each kind: drafts, returned, submitted, published, scheduled."""
    for _ in range(count):
        ArticleFactory(draft=True, created_by=editor)
        returned = ArticleFactory(draft=True, created_by=editor)
        submit_article(article=returned, actor=editor)
        return_article(article=returned, actor=publisher, comment="Bổ sung số liệu năm 2019.")
        submitted = ArticleFactory(draft=True, created_by=editor)
        submit_article(article=submitted, actor=editor)
        ArticleFactory(created_by=editor)
        ArticleFactory(created_by=editor, published_at=timezone.now() + timezone.timedelta(days=2))
        ProvinceResultFactory()
        UnitResultFactory()
        record(actor=publisher, action=AuditEntry.Action.ACCOUNT_CREATED, target=editor)


def test_an_editor_sees_write_first_then_returned_with_the_comment(client, editor, publisher):
    _articles_of(editor, publisher, 1)
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Viết bài mới" in html
    assert html.index("Viết bài mới") < html.index("Trả lại cho tôi")
    assert "Bổ sung số liệu năm 2019." in html
    assert 'id="panel-publisher"' not in html
    assert 'id="panel-site-admin"' not in html
    # The full app list stays reachable below the panels.
    assert "/quan-tri/news/article/" in html


def test_an_editor_sees_only_their_own_articles(client, editor, publisher):
    other = StaffFactory(username="bientap2", role=editor.groups.get().name)
    ArticleFactory(draft=True, created_by=other, title="Bài của người khác")
    ArticleFactory(draft=True, created_by=editor, title="Bài nháp của tôi")
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert "Bài nháp của tôi" in html
    assert "Bài của người khác" not in html


def test_a_publisher_sees_the_queue_oldest_first_with_author(client, editor, publisher):
    for title in ["Bài gửi trước", "Bài gửi sau"]:
        article = ArticleFactory(draft=True, created_by=editor, title=title)
        submit_article(article=article, actor=editor)
    Article.objects.filter(title="Bài gửi trước").update(
        submitted_at=timezone.now() - timezone.timedelta(days=3)
    )
    ArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + timezone.timedelta(days=1))
    client.force_login(publisher)
    html = client.get(URL).content.decode()
    assert 'id="panel-publisher"' in html
    queue = html[html.index('id="queue"') : html.index('id="scheduled"')]
    assert queue.index("Bài gửi trước") < queue.index("Bài gửi sau")
    assert "bientap" in queue
    assert "Bài hẹn giờ" in html[html.index('id="scheduled"') :]
    assert 'id="panel-site-admin"' not in html


def test_a_site_admin_sees_accounts_lockouts_and_audit(client, site_admin, editor):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username="nguoi-la",
        ip_address="10.0.0.9",
        user_agent="x",
        failures_since_start=5,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/quan-tri/login/",
    )
    record(actor=site_admin, action=AuditEntry.Action.ROLE_CHANGED, target=editor)
    client.force_login(site_admin)
    html = client.get(URL).content.decode()
    lockouts = html[html.index('id="lockouts"') : html.index('id="new-accounts"')]
    assert "nguoi-la" in lockouts
    assert "bientap" in html[html.index('id="account-changes"') :]
    assert 'id="panel-editor"' not in html
    assert 'id="panel-publisher"' not in html


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/quan-tri/login/")


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_the_dashboard_query_count_does_not_grow_with_content(
    client, django_assert_num_queries, editor, publisher, role, django_user_model
):
    user = {
        "editor": editor,
        "publisher": publisher,
        "superuser": django_user_model.objects.create_superuser("sieuquantri", "a@b.vn", "x"),
    }[role]
    client.force_login(user)
    _articles_of(editor, publisher, 1)
    client.get(URL)  # warm per-process caches (content types, site settings)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    _articles_of(editor, publisher, 6)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.status_code == 200


def test_staff_without_a_role_get_the_page_without_panels(client, staff_without_permissions):
    client.force_login(staff_without_permissions)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="panel-' not in html
    assert "/quan-tri/huong-dan/" in html
