"""The workflow services: every transition from every status, by each role."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from reversion.models import Version

from accounts.roles import EDITOR, PUBLISHER, SITE_ADMIN
from audit.models import AuditEntry
from news.models import Article
from news.services import (
    publish_article,
    publish_articles,
    return_article,
    submit_article,
    unpublish_article,
    unpublish_articles,
)
from tests.admin_forms import article_change_form
from tests.factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2030, 5, 1, 9, 0, tzinfo=HANOI)
Status = Article.Status


def do(transition, article, actor):
    if transition == "return":
        return return_article(article=article, actor=actor, comment="Bổ sung số liệu.")
    return {"submit": submit_article, "publish": publish_article, "unpublish": unpublish_article}[
        transition
    ](article=article, actor=actor)


# (status before, transition) → status after; any pair not listed is refused for everyone.
ALLOWED = {
    (Status.DRAFT, "submit"): Status.PENDING,
    (Status.UNPUBLISHED, "submit"): Status.PENDING,
    (Status.PENDING, "return"): Status.DRAFT,
    (Status.DRAFT, "publish"): Status.PUBLISHED,
    (Status.PENDING, "publish"): Status.PUBLISHED,
    (Status.UNPUBLISHED, "publish"): Status.PUBLISHED,
    (Status.PUBLISHED, "unpublish"): Status.UNPUBLISHED,
}
EDITOR_MAY = {"submit"}
EVERY = [(status, transition) for status in Status for transition in Article.Transition]


@pytest.mark.parametrize(("status", "transition"), EVERY)
def test_a_publisher_makes_exactly_the_allowed_transitions(status, transition):
    publisher = StaffFactory(role=PUBLISHER)
    article = ArticleFactory(status=status, created_by=StaffFactory(role=EDITOR))
    expected = ALLOWED.get((status, transition))
    if expected is None:
        with pytest.raises(ValidationError):
            do(transition, article, publisher)
        article.refresh_from_db()
        assert article.status == status
        assert not AuditEntry.objects.exists()
    else:
        do(transition, article, publisher)
        article.refresh_from_db()
        assert article.status == expected
        assert article.updated_by == publisher
        assert AuditEntry.objects.get().actor == publisher


@pytest.mark.parametrize(("status", "transition"), EVERY)
def test_an_editor_only_submits_their_own_articles(status, transition):
    editor = StaffFactory(role=EDITOR)
    article = ArticleFactory(status=status, created_by=editor)
    allowed = (status, transition) in ALLOWED and transition in EDITOR_MAY
    if allowed:
        do(transition, article, editor)
        article.refresh_from_db()
        assert article.status == ALLOWED[(status, transition)]
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            do(transition, article, editor)
        article.refresh_from_db()
        assert article.status == status


@pytest.mark.parametrize("transition", list(Article.Transition))
def test_no_transition_on_someone_elses_article_for_an_editor_or_any_for_an_admin(transition):
    article = ArticleFactory(draft=True, created_by=StaffFactory(role=EDITOR))
    for actor in (StaffFactory(role=EDITOR), StaffFactory(role=SITE_ADMIN)):
        with pytest.raises(PermissionDenied):
            do(transition, article, actor)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


@time_machine.travel(NOW, tick=False)
def test_transitions_record_who_and_when_and_keep_a_revision():
    editor, publisher = StaffFactory(role=EDITOR), StaffFactory(role=PUBLISHER)
    article = ArticleFactory(draft=True, created_by=editor)

    submit_article(article=article, actor=editor)
    assert (article.submitted_by, article.submitted_at) == (editor, NOW)
    return_article(article=article, actor=publisher, comment="Thiếu ảnh.")
    assert (article.reviewed_by, article.reviewed_at, article.review_comment) == (
        publisher,
        NOW,
        "Thiếu ảnh.",
    )
    submit_article(article=article, actor=editor)
    publish_article(article=article, actor=publisher)
    unpublish_article(article=article, actor=publisher)

    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "actor__username"))
    assert actions == [
        ("article_submitted", editor.username),
        ("article_returned", publisher.username),
        ("article_submitted", editor.username),
        ("article_published", publisher.username),
        ("article_unpublished", publisher.username),
    ]
    assert Version.objects.get_for_object(article).count() == 5


def test_returning_needs_a_comment():
    article = ArticleFactory(status=Status.PENDING)
    with pytest.raises(ValidationError):
        return_article(article=article, actor=StaffFactory(role=PUBLISHER), comment="  ")
    article.refresh_from_db()
    assert article.status == Status.PENDING


@time_machine.travel(NOW, tick=False)
def test_publishing_with_a_future_time_schedules_and_the_audit_says_so():
    article = ArticleFactory(status=Status.PENDING, published_at=NOW + timedelta(minutes=5))
    publish_article(article=article, actor=StaffFactory(role=PUBLISHER))
    assert AuditEntry.objects.get().action == AuditEntry.Action.ARTICLE_SCHEDULED
    assert not Article.objects.published().exists()


def test_bulk_publishing_refuses_non_publishers_and_skips_published_ones():
    draft = ArticleFactory(draft=True)
    with pytest.raises(PermissionDenied):
        publish_articles(articles=Article.objects.all(), actor=StaffFactory(role=EDITOR))
    with pytest.raises(PermissionDenied):
        unpublish_articles(articles=Article.objects.all(), actor=StaffFactory(role=EDITOR))
    ArticleFactory()  # already published: not counted again
    count = publish_articles(articles=Article.objects.all(), actor=StaffFactory(role=PUBLISHER))
    assert count == 1
    assert AuditEntry.objects.get().object_id == str(draft.pk)
    # Each article published in bulk keeps its revision, as one published on its own does.
    assert Version.objects.get_for_object(draft).get().revision.comment == "Đã đăng."


class TestReturnInTheAdmin:
    def test_the_comment_is_required_and_then_shown_to_the_author(self, client, publisher, editor):
        article = ArticleFactory(status=Status.PENDING, created_by=editor, published_at=None)
        url = reverse("admin:news_article_change", args=[article.pk])
        client.force_login(publisher)
        queue = client.get(reverse("admin:news_article_changelist"), {"workflow": "queue"})
        assert list(queue.context["cl"].result_list) == [article]

        response = client.post(url, article_change_form(article, _return="1"))
        assert response.status_code == 200
        assert "return_comment" in response.context["adminform"].form.errors

        data = article_change_form(article, _return="1", return_comment="Thêm nguồn số liệu.")
        assert client.post(url, data).status_code == 302
        article.refresh_from_db()
        assert article.status == Status.DRAFT

        client.force_login(editor)
        page = client.get(url)
        assert "Thêm nguồn số liệu." in page.content.decode()
        buttons = [name for name, _label in page.context["workflow_buttons"]]
        assert buttons == ["_submit"]

    def test_an_invalid_transition_is_a_form_error_and_saves_nothing(self, client, publisher):
        article = ArticleFactory(title="Đã đăng")
        client.force_login(publisher)
        url = reverse("admin:news_article_change", args=[article.pk])
        response = client.post(url, article_change_form(article, title="Khác", _submit="1"))
        assert response.status_code == 200
        assert response.context["adminform"].form.non_field_errors()
        article.refresh_from_db()
        assert article.title == "Đã đăng" and article.status == Status.PUBLISHED
