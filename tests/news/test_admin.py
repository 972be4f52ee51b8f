from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from PIL import Image

from news.models import Article, ArticleImage, Category
from tests.admin_forms import article_form, inline_management
from tests.factories import ArticleFactory, CategoryFactory, StaffFactory, uploaded_image

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
ADD_URL = reverse("admin:news_article_add")


def with_images(data, *images):
    data.update(inline_management("images", len(images)))
    for index, (upload, alt, caption) in enumerate(images):
        data[f"images-{index}-image"] = upload
        data[f"images-{index}-alt_text"] = alt
        data[f"images-{index}-caption"] = caption
        data[f"images-{index}-order"] = str(index)
        data[f"images-{index}-after_paragraph"] = "1"
    return data


class TestAddArticle:
    def test_a_publisher_adds_an_article_with_two_images_and_publishes_it(self, client, publisher):
        category = CategoryFactory(name="Kết quả CCHC")
        client.force_login(publisher)
        data = with_images(
            article_form(category, _publish="1"),
            (uploaded_image("hoi-truong.png"), "Toàn cảnh hội trường", "Quang cảnh hội nghị"),
            (uploaded_image("chu-tri.jpg", "JPEG"), "Người chủ trì", "Đồng chí chủ trì phát biểu"),
        )

        response = client.post(ADD_URL, data)

        assert response.status_code == 302, response.context["adminform"].form.errors
        article = Article.objects.get()
        assert article.slug == "danh-gia-chi-so-hai-long-nam-2019"
        assert article.created_by == publisher and article.updated_by == publisher
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert "<script>" not in article.body and "<p>Đoạn hai.</p>" in article.body
        images = list(article.images.order_by("order"))
        assert [image.caption for image in images] == [
            "Quang cảnh hội nghị",
            "Đồng chí chủ trì phát biểu",
        ]
        for image in images:
            assert "hoi-truong" not in image.image.name and "chu-tri" not in image.image.name
            assert image.width == 64 and image.height == 48
            with Image.open(image.image.path) as stored:
                assert stored.format in {"PNG", "JPEG"}
        assert images[1].image.name.endswith(".jpg")

        home = client.get(reverse("news:home")).content.decode()
        assert article.title in home

    def test_a_fake_image_is_refused_next_to_its_field_and_nothing_is_saved(self, client, editor):
        category = CategoryFactory()
        client.force_login(editor)
        from django.core.files.uploadedfile import SimpleUploadedFile

        fake = SimpleUploadedFile("anh.jpg", b"khong phai anh", content_type="image/jpeg")
        data = with_images(article_form(category), (fake, "Ảnh", "Chú thích"))

        response = client.post(ADD_URL, data)

        assert response.status_code == 200
        inline_errors = response.context["inline_admin_formsets"][0].formset.errors
        assert "image" in inline_errors[0]
        assert not Article.objects.exists()
        assert not ArticleImage.objects.exists()

    def test_an_image_without_alt_text_is_refused(self, client, editor):
        client.force_login(editor)
        data = with_images(article_form(CategoryFactory()), (uploaded_image(), "", "Chú thích"))
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        assert "alt_text" in response.context["inline_admin_formsets"][0].formset.errors[0]
        assert not Article.objects.exists()

    def test_missing_title_is_reported_on_the_title_field(self, client, editor):
        client.force_login(editor)
        response = client.post(ADD_URL, article_form(CategoryFactory(), title=""))
        assert response.status_code == 200
        assert "title" in response.context["adminform"].form.errors
        assert not Article.objects.exists()

    @pytest.mark.parametrize("sent_slug", ["", "danh-gia-chi-so-hai-long-nam-2019"])
    def test_a_taken_slug_made_from_the_title_gets_a_suffix(self, client, editor, sent_slug):
        # The browser prefills the slug from the title; an empty one is made on the server.
        ArticleFactory(title="Đánh giá chỉ số hài lòng năm 2019")
        client.force_login(editor)
        response = client.post(ADD_URL, article_form(CategoryFactory(), slug=sent_slug))
        assert response.status_code == 302
        assert Article.objects.filter(slug="danh-gia-chi-so-hai-long-nam-2019-2").exists()

    def test_a_taken_slug_typed_by_hand_is_reported_on_the_slug_field(self, client, editor):
        ArticleFactory(title="Bài khác", slug="duong-dan-rieng")
        client.force_login(editor)
        response = client.post(ADD_URL, article_form(CategoryFactory(), slug="duong-dan-rieng"))
        assert response.status_code == 200
        assert "slug" in response.context["adminform"].form.errors
        assert Article.objects.count() == 1

    def test_a_category_whose_prefilled_slug_is_taken_gets_a_suffix(self, client, admin_user):
        CategoryFactory(name="Kết quả CCHC")
        client.force_login(admin_user)
        response = client.post(
            reverse("admin:news_category_add"),
            {"name": "Kết quả CCHC", "slug": "ket-qua-cchc", "order": "0", "show_in_menu": "on"},
        )
        assert response.status_code == 302
        assert Category.objects.filter(slug="ket-qua-cchc-2").exists()

    def test_related_articles_are_saved_in_order(self, client, editor):
        first, second = ArticleFactory(), ArticleFactory()
        client.force_login(editor)
        data = article_form(CategoryFactory())
        data.update(inline_management("related_links", 2))
        data.update(
            {
                "related_links-0-to_article": str(second.pk),
                "related_links-0-order": "1",
                "related_links-1-to_article": str(first.pk),
                "related_links-1-order": "2",
            }
        )
        assert client.post(ADD_URL, data).status_code == 302
        article = Article.objects.get(title=data["title"])
        assert [link.to_article for link in article.related_links.order_by("order")] == [
            second,
            first,
        ]

    def test_staff_without_permission_cannot_add(self, client):
        client.force_login(StaffFactory())
        assert client.post(ADD_URL, article_form(CategoryFactory())).status_code == 403
        assert not Article.objects.exists()


class TestChangeArticle:
    def test_slug_is_locked_once_published_even_against_a_forged_post(self, client, publisher):
        article = ArticleFactory(title="Tiêu đề cũ")
        client.force_login(publisher)
        url = reverse("admin:news_article_change", args=[article.pk])
        page = client.get(url)
        assert "slug" not in page.context["adminform"].form.fields

        data = article_form(
            article.category,
            title="Tiêu đề mới",
            slug="duong-dan-gia-mao",
            status="published",
            published_at_0="11/07/2019",
            published_at_1="17:01:36",
        )
        response = client.post(url, data)

        assert response.status_code == 302
        article.refresh_from_db()
        assert article.title == "Tiêu đề mới"
        assert article.slug == "tieu-de-cu"

    def test_draft_slug_can_still_be_edited(self, client, editor):
        article = ArticleFactory(title="Bản nháp", draft=True, created_by=editor)
        client.force_login(editor)
        url = reverse("admin:news_article_change", args=[article.pk])
        response = client.post(url, article_form(article.category, slug="duong-dan-moi"))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.slug == "duong-dan-moi"


class TestListAndActions:
    def test_changelist_with_search_filters_and_date_hierarchy(self, client, editor):
        ArticleFactory(title="Chỉ số PAPI", published_at=datetime(2019, 7, 11, tzinfo=HANOI))
        ArticleFactory(title="Chuyển đổi số", draft=True)
        client.force_login(editor)
        url = reverse("admin:news_article_changelist")
        response = client.get(url, {"q": "PAPI", "status__exact": "published"})
        assert response.status_code == 200
        assert [a.title for a in response.context["cl"].result_list] == ["Chỉ số PAPI"]
        assert client.get(url, {"published_at__year": "2019"}).status_code == 200

    def test_bulk_publish_and_unpublish(self, client, publisher):
        drafts = ArticleFactory.create_batch(2, draft=True)
        client.force_login(publisher)
        url = reverse("admin:news_article_changelist")
        selected = [str(article.pk) for article in drafts]

        client.post(url, {"action": "publish_articles", "_selected_action": selected})
        assert Article.objects.published().count() == 2

        client.post(url, {"action": "unpublish_articles", "_selected_action": selected})
        assert Article.objects.published().count() == 0

    def test_related_article_autocomplete_answers(self, client, editor):
        ArticleFactory(title="Chỉ số SIPAS năm 2018")
        client.force_login(editor)
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "term": "SIPAS",
                "app_label": "news",
                "model_name": "relatedarticle",
                "field_name": "to_article",
            },
        )
        assert response.status_code == 200
        assert [r["text"] for r in response.json()["results"]] == ["Chỉ số SIPAS năm 2018"]

    @pytest.mark.parametrize("count", [1, 10])
    def test_changelist_and_change_form_queries_do_not_grow_with_subcategories(
        self, client, editor, django_assert_max_num_queries, count
    ):
        parent = CategoryFactory()
        for _ in range(count):
            ArticleFactory(category=CategoryFactory(parent=parent))
        article = Article.objects.first()
        client.force_login(editor)
        with django_assert_max_num_queries(16):
            assert client.get(reverse("admin:news_article_changelist")).status_code == 200
        # …and the article's topics and tags, the initial values of their autocomplete fields
        with django_assert_max_num_queries(16):
            url = reverse("admin:news_article_change", args=[article.pk])
            assert client.get(url).status_code == 200

    def test_a_nul_byte_in_admin_searches_is_not_a_server_error(self, client, editor):
        ArticleFactory(title="Chỉ số PAPI")
        client.force_login(editor)
        changelist = client.get(reverse("admin:news_article_changelist"), {"q": "PA\x00PI"})
        assert changelist.status_code == 200
        assert [a.title for a in changelist.context["cl"].result_list] == ["Chỉ số PAPI"]
        autocomplete = client.get(
            reverse("admin:autocomplete"),
            {"term": "PA\x00PI", "app_label": "news", "model_name": "relatedarticle",
             "field_name": "to_article"},
        )  # fmt: skip
        assert autocomplete.status_code == 200

    def test_view_on_site_link_is_offered(self, client, editor):
        article = ArticleFactory()
        client.force_login(editor)
        response = client.get(reverse("admin:news_article_change", args=[article.pk]))
        assert response.context["has_absolute_url"]
