"""Tags typed in the admin, topics edited by whom the roles allow, and the audit trail."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from news.models import Article
from tests.admin_forms import article_change_form, article_form
from tests.documents.factories import DocumentFactory
from tests.documents.test_permissions import form as document_form
from tests.factories import ArticleFactory, CategoryFactory, uploaded_image
from topics.models import Tag, Topic

pytestmark = pytest.mark.django_db

ADD_ARTICLE = "/quan-tri/news/article/add/"


def test_cai_cach_with_or_without_diacritics_is_one_tag(client, editor):
    client.force_login(editor)
    category = CategoryFactory()
    response = client.post(
        ADD_ARTICLE, article_form(category, title="Bài một", tags=["new:cải cách"])
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    response = client.post(
        ADD_ARTICLE, article_form(category, title="Bài hai", tags=["new:Cai Cach"])
    )
    assert response.status_code == 302
    tag = Tag.objects.get()
    assert (tag.name, tag.slug) == ("cải cách", "cai-cach")
    assert set(tag.articles.values_list("title", flat=True)) == {"Bài một", "Bài hai"}


def test_an_existing_tag_by_id_a_number_as_a_new_word_and_duplicates(client, editor):
    client.force_login(editor)
    existing = Tag.for_word("PAR INDEX")
    existing.save()
    data = article_form(
        CategoryFactory(),
        tags=[str(existing.pk), "new:par-index", "new:2025", "new:2025", f"new:{existing.pk}"],
    )
    assert client.post(ADD_ARTICLE, data).status_code == 302
    article = Article.objects.get()
    assert sorted(article.tags.values_list("name", flat=True)) == sorted(
        ["PAR INDEX", "2025", str(existing.pk)]
    )


def test_a_tag_without_letters_is_refused_next_to_the_field(client, editor):
    client.force_login(editor)
    response = client.post(ADD_ARTICLE, article_form(CategoryFactory(), tags=["new:!!!"]))
    assert response.status_code == 200
    assert "tags" in response.context["adminform"].form.errors
    assert not Article.objects.exists() and not Tag.objects.exists()
    # The form shown again keeps the word typed, with no server error.
    assert "!!!" in response.content.decode()


def test_tags_and_topics_on_a_document_form(client, publisher):
    client.force_login(publisher)
    topic = Topic.objects.create(title="Công bố chỉ số", summary="Tóm tắt.")
    document = DocumentFactory()
    url = reverse("admin:documents_document_change", args=[document.pk])
    data = document_form(document, topics=[str(topic.pk)], tags=["new:cai cach"])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(document.topics.all()) == [topic]
    assert list(document.tags.values_list("slug", flat=True)) == ["cai-cach"]


def test_the_tag_autocomplete_finds_words_typed_without_diacritics(client, editor):
    Tag.for_word("cải cách hành chính").save()
    client.force_login(editor)
    response = client.get(
        "/quan-tri/autocomplete/",
        {"term": "cai cach", "app_label": "news", "model_name": "article", "field_name": "tags"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["cải cách hành chính"]


class TestTopicPermissions:
    URL = "/quan-tri/topics/topic/add/"

    def post(self, client):
        return client.post(
            self.URL,
            {
                "title": "Sắp xếp các sở năm 2025",
                "slug": "",
                "summary": "Hợp nhất các sở.",
                "order": "1",
                "cover": uploaded_image("bia.png"),
            },
        )

    @pytest.mark.parametrize("who", ["publisher", "site_admin"])
    def test_publishers_and_site_admins_add_topics_recorded_in_the_audit_trail(
        self, client, request, who
    ):
        user = request.getfixturevalue(who)
        client.force_login(user)
        assert self.post(client).status_code == 302
        topic = Topic.objects.get()
        assert topic.slug == "sap-xep-cac-so-nam-2025"
        assert topic.cover.name.endswith(".png") and topic.cover_width == 64
        assert topic.created_by == user
        entry = AuditEntry.objects.for_object(topic).get()
        assert (entry.action, entry.actor) == (AuditEntry.Action.RECORD_CREATED, user)

        change = reverse("admin:topics_topic_change", args=[topic.pk])
        client.post(
            change, {"title": topic.title, "slug": topic.slug, "summary": "Mới.", "order": "1"}
        )
        assert (
            AuditEntry.objects.for_object(topic)
            .filter(action=AuditEntry.Action.RECORD_EDITED, details__startswith="Đã thay đổi")
            .exists()
        )
        delete = reverse("admin:topics_topic_delete", args=[topic.pk])
        client.post(delete, {"post": "yes"})
        assert not Topic.objects.exists()
        assert AuditEntry.objects.filter(action=AuditEntry.Action.RECORD_DELETED).exists()

    def test_editors_only_see_topics(self, client, editor):
        client.force_login(editor)
        assert self.post(client).status_code == 403
        topic = Topic.objects.create(title="Một", summary="Tóm tắt.")
        change = reverse("admin:topics_topic_change", args=[topic.pk])
        response = client.post(change, {"title": "Đổi", "summary": "x", "order": "0"})
        assert response.status_code == 403
        assert client.get(reverse("admin:topics_topic_delete", args=[topic.pk])).status_code == 403
        assert Topic.objects.get().title == "Một"

    def test_staff_without_permissions_cannot_see_topics_or_tags(
        self, client, staff_without_permissions
    ):
        client.force_login(staff_without_permissions)
        assert client.get("/quan-tri/topics/topic/").status_code == 403
        assert client.get("/quan-tri/topics/tag/").status_code == 403

    def test_an_article_edit_names_its_tags_in_the_audit_trail(self, client, editor):
        article = ArticleFactory(draft=True, created_by=editor)
        client.force_login(editor)
        url = reverse("admin:news_article_change", args=[article.pk])
        response = client.post(url, article_change_form(article, tags=["new:một cửa"]))
        assert response.status_code == 302
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.ARTICLE_EDITED).get()
        assert "tags" in entry.details
