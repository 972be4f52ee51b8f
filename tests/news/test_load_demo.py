from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.forms.models import model_to_dict

from core.models import SiteSettings
from news.demo import CONFERENCE_SLUG
from news.demo.content import EXPIRED_NOTICE_SLUG
from news.models import Article, ArticleImage, Category, RelatedArticle
from tests.news.test_views import texts

pytestmark = pytest.mark.django_db
MODELS = [SiteSettings, Category, Article, ArticleImage, RelatedArticle]


def snapshot():
    rows = {}
    for model in MODELS:
        rows[model.__name__] = [
            {**model_to_dict(obj), "pk": obj.pk, **_timestamps(obj)}
            for obj in model.objects.order_by("pk")
        ]
    return rows


def _timestamps(obj):
    return {name: getattr(obj, name) for name in ("created_at", "updated_at") if hasattr(obj, name)}


def test_running_it_twice_gives_the_same_rows_and_files(settings, demo_content):
    first = snapshot()
    files = sorted(default_storage.listdir("demo")[1])

    call_command("load_demo", verbosity=0)

    assert snapshot() == first
    assert sorted(default_storage.listdir("demo")[1]) == files
    assert len(first["Article"]) >= 12
    assert len(files) == len(first["ArticleImage"])


def test_it_creates_the_menu_the_settings_and_published_articles(demo_content):
    assert Category.objects.menu().filter(name="Kết quả CCHC").exists()
    settings_row = SiteSettings.load()
    assert settings_row.site_name == "Trang thông tin điện tử cải cách hành chính tỉnh Lai Châu"
    assert all([settings_row.address, settings_row.phone, settings_row.email, settings_row.domain])
    # Every demo article is public at its address; one notice has expired from the lists.
    assert not Article.objects.with_is_public().filter(is_public=False).exists()
    assert list(Article.objects.expired().values_list("slug", flat=True)) == [EXPIRED_NOTICE_SLUG]
    assert Article.objects.published().count() == Article.objects.count() - 1
    assert not ArticleImage.objects.filter(alt_text="").exists()


def test_the_2018_conference_article_states_the_brief_figures(client, demo_content):
    article = Article.objects.get(slug=CONFERENCE_SLUG)
    assert article.category.name == "Kết quả CCHC"
    assert article.published_at == datetime(
        2019, 7, 11, 17, 1, 36, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")
    )
    for figure in ["72,23", "58/63", "74,95", "55/63", "44,42", "26/63", "37 bậc", "86,50",
                   "85,88", "65,04", "82,41", "79,43", "71,19"]:  # fmt: skip
        assert figure in article.body, figure
    assert article.images.count() >= 2
    assert article.related_links.count() >= 2

    response = client.get(article.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "11/07/2019 5:01:36 CH" in content
    captions = [" ".join(text.split()) for text in texts(response, "figcaption")]
    assert captions == [image.caption for image in article.images.order_by("order")]
    for image in article.images.all():
        assert default_storage.exists(image.image.name)
        assert (image.width, image.height) == (1200, 800)


def test_the_archive_lists_the_conference_and_the_expired_notice_says_so(client, demo_content):
    """Done when (issue 19): /tin-tuc/2019/07/ lists the conference article; the expired
    notice is in no list, and its page says it has expired."""
    july = client.get("/tin-tuc/2019/07/")
    assert july.status_code == 200
    assert [a.slug for a in july.context["articles"]] == [CONFERENCE_SLUG]
    assert "Tháng 7 (1 tin)" in texts(client.get("/tin-tuc/2019/"), "a")

    notice = Article.objects.get(slug=EXPIRED_NOTICE_SLUG)
    assert notice.title not in client.get("/tin-tuc/").content.decode()
    assert notice.title not in client.get("/tin-tuc/2022/11/", follow=True).content.decode()
    page = client.get(notice.get_absolute_url())
    assert page.status_code == 200
    assert "Tin đã hết hạn hiển thị." in page.content.decode()


def test_every_demo_page_renders(client, demo_content):
    for obj in [*Article.objects.all(), *Category.objects.all()]:
        assert client.get(obj.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200
