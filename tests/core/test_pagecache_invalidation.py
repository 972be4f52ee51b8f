"""Exact invalidation: every change a page can show drops the cached pages at once.

Each test caches a page that shows the thing (the second visit is a hit), changes it the way
staff do — the workflow services, the admin, the models — and checks that the next visit is
rendered again and shows the change.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from core.models import SiteSettings
from core.pagecache import HEADER
from indices.models import UnitTarget
from news import services
from news.models import Article
from tests.admin_forms import article_change_form
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CategoryFactory,
    ComponentFactory,
    ComponentResultFactory,
    GradeThresholdsFactory,
    IndexFactory,
    ProvinceResultFactory,
    RelatedArticleFactory,
    UnitFactory,
    UnitResultFactory,
)

pytestmark = pytest.mark.django_db

HOME = "/"


@pytest.fixture(autouse=True)
def _site_settings_exist():
    SiteSettings.load()


def cached(client, url) -> str:
    """Visit `url` until it comes from the cache; its HTML."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    assert response[HEADER] == "hit", url
    return response.content.decode()


def fresh(client, url) -> str:
    """The next visit: rendered again, not the cached page."""
    response = client.get(url)
    assert response.status_code == 200
    assert response[HEADER] == "miss", f"{url} was served stale from the cache"
    return response.content.decode()


def score_shown(page: str, score: str) -> bool:
    return score in page or score.replace(".", ",") in page


# --- Articles ---------------------------------------------------------------------------


def test_article_created(client):
    ArticleFactory(title="Tin cũ")
    assert "Tin mới đăng" not in cached(client, HOME)
    ArticleFactory(title="Tin mới đăng")
    assert "Tin mới đăng" in fresh(client, HOME)


def test_article_edited_in_the_admin(client, publisher):
    article = ArticleFactory(title="Tiêu đề cũ")
    anonymous = client.__class__()
    assert "Tiêu đề cũ" in cached(anonymous, article.get_absolute_url())

    client.force_login(publisher)
    url = reverse("admin:news_article_change", args=[article.pk])
    response = client.post(url, article_change_form(article, title="Tiêu đề đã sửa"))
    assert response.status_code == 302

    page = fresh(anonymous, article.get_absolute_url())
    assert "Tiêu đề đã sửa" in page
    assert "Tiêu đề cũ" not in page


def test_article_published(client, publisher):
    article = ArticleFactory(title="Chờ duyệt", draft=True)
    assert "Chờ duyệt" not in cached(client, HOME)
    services.publish_article(article=article, actor=publisher)
    assert "Chờ duyệt" in fresh(client, HOME)


def test_scheduled_article_appears_when_its_time_comes(client, settings, publisher, time_machine):
    settings.PAGE_CACHE_SECONDS = 3600  # far longer than the wait: only the schedule ends it
    time_machine.move_to(timezone.now(), tick=False)
    article = ArticleFactory(
        title="Tin hẹn giờ", draft=True, published_at=timezone.now() + timedelta(minutes=5)
    )
    services.publish_article(article=article, actor=publisher)
    assert "Tin hẹn giờ" not in cached(client, HOME)

    time_machine.shift(timedelta(minutes=4, seconds=58))
    assert "Tin hẹn giờ" not in cached(client, HOME)  # still cached just before its time

    time_machine.shift(timedelta(seconds=3))
    assert "Tin hẹn giờ" in fresh(client, HOME)


def test_article_unpublished(client, publisher):
    article = ArticleFactory(title="Sẽ gỡ xuống")
    assert "Sẽ gỡ xuống" in cached(client, HOME)
    cached(client, article.get_absolute_url())
    services.unpublish_article(article=article, actor=publisher)
    assert "Sẽ gỡ xuống" not in fresh(client, HOME)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_article_deleted(client, publisher):
    article = ArticleFactory(title="Sẽ bị xoá")
    assert "Sẽ bị xoá" in cached(client, HOME)
    services.delete_article(article=article, actor=publisher)
    assert "Sẽ bị xoá" not in fresh(client, HOME)


def test_article_restored_from_a_revision(client, publisher):
    article = ArticleFactory(title="Tiêu đề bản đầu")
    with reversion.create_revision():
        article.save()
    article.title = "Tiêu đề bản sau"
    with reversion.create_revision():
        article.save()
    assert "Tiêu đề bản sau" in cached(client, article.get_absolute_url())

    first = Version.objects.get_for_object(article).order_by("pk").first()
    services.restore_article_revision(article=article, version=first, actor=publisher)

    assert "Tiêu đề bản đầu" in fresh(client, article.get_absolute_url())


def test_photo_added_changed_and_removed(client):
    article = ArticleFactory()
    url = article.get_absolute_url()
    cached(client, url)
    image = ArticleImageFactory(article=article, alt_text="Ảnh hội nghị tổng kết")
    assert "Ảnh hội nghị tổng kết" in fresh(client, url)

    cached(client, url)
    image.caption = "Chú thích đã sửa"
    image.save()
    assert "Chú thích đã sửa" in fresh(client, url)

    cached(client, url)
    image.delete()
    assert "Ảnh hội nghị tổng kết" not in fresh(client, url)


def test_related_link_added_and_removed(client):
    category = CategoryFactory()
    article = ArticleFactory(category=category)
    other = ArticleFactory(title="Tin liên quan được chọn")  # another category: not filled in
    url = article.get_absolute_url()
    assert "Tin liên quan được chọn" not in cached(client, url).split("<aside")[0]

    link = RelatedArticleFactory(from_article=article, to_article=other)
    page = fresh(client, url)
    assert "Tin liên quan được chọn" in page

    cached(client, url)
    link.delete()
    fresh(client, url)


def test_related_link_through_the_many_to_many_manager(client):
    article = ArticleFactory()
    other = ArticleFactory(title="Nối bằng quan hệ nhiều-nhiều")
    url = article.get_absolute_url()
    cached(client, url)
    article.related_articles.add(other, through_defaults={"order": 1})
    assert "Nối bằng quan hệ nhiều-nhiều" in fresh(client, url)


def test_category_renamed(client):
    category = CategoryFactory(name="Tên chuyên mục cũ")
    ArticleFactory(category=category)
    assert "Tên chuyên mục cũ" in cached(client, HOME)
    category.name = "Tên chuyên mục mới"
    category.save()
    page = fresh(client, HOME)
    assert "Tên chuyên mục mới" in page
    assert "Tên chuyên mục cũ" not in page


# --- Indices ----------------------------------------------------------------------------


@pytest.fixture
def index():
    return IndexFactory(code="PAR_INDEX", name="Chỉ số cải cách hành chính")


def test_index_renamed(client, index):
    ProvinceResultFactory(index=index)
    url = reverse("indices:index-detail", args=[index.slug])
    assert "Chỉ số cải cách hành chính" in cached(client, url)
    index.name = "Chỉ số CCHC (tên mới)"
    index.save()
    assert "Chỉ số CCHC (tên mới)" in fresh(client, url)


def test_province_result_added_and_corrected(client, index):
    result = ProvinceResultFactory(index=index, year=2017, score=Decimal("70.10"))
    url = reverse("indices:index-detail", args=[index.slug])
    cached(client, url)
    ProvinceResultFactory(index=index, year=2018, score=Decimal("72.23"))
    assert score_shown(fresh(client, url), "72.23")

    cached(client, url)
    result.score = Decimal("69.87")
    result.save()
    assert score_shown(fresh(client, url), "69.87")


def test_component_and_component_result(client, index):
    result = ProvinceResultFactory(index=index, year=2018)
    component = ComponentFactory(index=index, name="Công tác chỉ đạo điều hành")
    url = reverse("indices:index-detail", args=[index.slug]) + "?nam=2018"
    cached(client, url)

    component_result = ComponentResultFactory(
        province_result=result, component=component, score=Decimal("6.43")
    )
    page = fresh(client, url)
    assert "Công tác chỉ đạo điều hành" in page
    assert score_shown(page, "6.43")

    cached(client, url)
    component_result.score = Decimal("7.12")
    component_result.save()
    assert score_shown(fresh(client, url), "7.12")

    cached(client, url)
    component.name = "Lĩnh vực đã đổi tên"
    component.save()
    assert "Lĩnh vực đã đổi tên" in fresh(client, url)


def test_unit_renamed(client):
    unit = UnitFactory(name="Sở Nội vụ")
    UnitResultFactory(unit=unit, year=2018)
    url = unit.get_absolute_url()
    assert "Sở Nội vụ" in cached(client, url)
    unit.name = "Sở Nội vụ tỉnh Lai Châu"
    unit.save()
    assert "Sở Nội vụ tỉnh Lai Châu" in fresh(client, url)


def test_unit_result_added_and_corrected(client):
    unit = UnitFactory(name="Sở Tư pháp")
    result = UnitResultFactory(unit=unit, year=2018, score=Decimal("80.00"))
    url = reverse("indices:ranking", args=[2018])
    cached(client, url)
    UnitResultFactory(unit=UnitFactory(name="Sở Y tế"), year=2018, score=Decimal("77.50"))
    assert "Sở Y tế" in fresh(client, url)

    cached(client, url)
    result.score = Decimal("91.37")
    result.save()
    assert score_shown(fresh(client, url), "91.37")


def test_unit_target_set_and_corrected(client):
    unit = UnitFactory(name="Sở Tư pháp")
    UnitResultFactory(unit=unit, year=2018, score=Decimal("80.00"))
    urls = [unit.get_absolute_url(), reverse("indices:ranking", args=[2018])]
    for url in urls:
        cached(client, url)
    target = UnitTarget.objects.create(unit=unit, year=2018, score=Decimal("82.50"))
    for url in urls:
        assert score_shown(fresh(client, url), "82.50")

    cached(client, urls[0])
    target.score = Decimal("78.25")
    target.save()
    assert score_shown(fresh(client, urls[0]), "78.25")


def test_grade_thresholds_changed(client):
    thresholds = GradeThresholdsFactory(year=2015)
    UnitResultFactory(unit=UnitFactory(), year=2018, score=Decimal("80.00"))
    url = reverse("indices:ranking", args=[2018])
    before = cached(client, url)
    thresholds.good_from = Decimal("85")
    thresholds.save()
    after = fresh(client, url)
    assert after.count("Khá") == before.count("Khá") + 1


# --- Site settings ----------------------------------------------------------------------


def test_site_settings_changed(client):
    assert "Sở Nội vụ tỉnh Lai Châu" not in cached(client, HOME)
    site_settings = SiteSettings.objects.get()
    site_settings.owner = "Sở Nội vụ tỉnh Lai Châu"
    site_settings.save()
    assert "Sở Nội vụ tỉnh Lai Châu" in fresh(client, HOME)


# --- Writes that signals do not see -----------------------------------------------------


def test_invalidate_all_after_a_queryset_update(client):
    from core import pagecache

    article = ArticleFactory(title="Trước khi cập nhật hàng loạt")
    cached(client, HOME)
    Article.objects.filter(pk=article.pk).update(title="Sau khi cập nhật hàng loạt")
    assert client.get(HOME)[HEADER] == "hit"  # update() sends no signal...
    pagecache.invalidate_all()  # ...so the code that calls it says so
    assert "Sau khi cập nhật hàng loạt" in fresh(client, HOME)


def test_the_version_changes_again_when_the_transaction_commits():
    """A page rendered while the writing transaction was open read the old rows; it may have
    been cached under the version the write made, so the commit makes another."""
    from django.db import connection

    from core import pagecache

    ArticleFactory()
    during = pagecache.current_version()
    # The test's transaction never commits: run what the commit would run.
    for _savepoints, callback, _robust in list(connection.run_on_commit):
        callback()
    assert pagecache.current_version() != during


def test_one_commit_bump_per_transaction_however_many_rows():
    from django.db import connection

    from core import pagecache

    ArticleFactory.create_batch(5)
    CategoryFactory()
    # (The test runs in a transaction that is never committed: the callbacks wait in a list.)
    waiting = [entry for entry in connection.run_on_commit if entry[1] is pagecache._bump]
    assert len(waiting) == 1
