from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from core.models import AgencyLink, SiteSettings
from news.models import Article
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CategoryFactory,
    RelatedArticleFactory,
    StaffFactory,
)
from tests.html_tools import attributes, parse, texts

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class TestHome:
    def test_shows_featured_latest_and_category_sections(self, client):
        results = CategoryFactory(name="Kết quả CCHC", order=1)
        featured = ArticleFactory(title="Tin nổi bật về PAPI", is_featured=True, category=results)
        latest = ArticleFactory(title="Tin mới về một cửa")
        ArticleFactory(title="Bản nháp bí mật", draft=True)

        response = client.get(reverse("news:home"))

        assert response.status_code == 200
        titles = texts(response, "h3", "card__title")
        assert featured.title in titles
        assert latest.title in titles
        assert "Bản nháp bí mật" not in response.content.decode()
        section_titles = texts(response, "h2", "section-title")
        assert "Kết quả CCHC" in section_titles
        assert "Tin nổi bật" in section_titles

    def test_empty_site_still_renders(self, client):
        response = client.get(reverse("news:home"))
        assert response.status_code == 200
        assert "Chưa có tin nào được đăng." in response.content.decode()

    @pytest.mark.parametrize("count", [1, 10])
    def test_query_count_does_not_grow_with_images_and_categories(
        self, client, django_assert_max_num_queries, count
    ):
        for number in range(count):
            category = CategoryFactory(order=number)
            subcategory = CategoryFactory(parent=category)
            for article in [
                *ArticleFactory.create_batch(2, category=category, is_featured=True),
                ArticleFactory(category=subcategory),
            ]:
                ArticleImageFactory.create_batch(count, article=article)
        SiteSettings.load()  # the footer's record exists and is cached, as on a live site
        AgencyLink.for_footer()  # so are the footer's links
        # site settings (cached) + featured, latest, menu categories with their children,
        # sections, the images of all three lists at once, the site menu, the box of the
        # latest index results, the most read, and the page cache's three "next change by
        # itself" lookups (scheduled articles, documents' dates, drafts' opening and closing;
        # once per content version)
        with django_assert_max_num_queries(11):
            response = client.get(reverse("news:home"))
        assert response.status_code == 200


class TestArticleList:
    def test_newest_first_twenty_per_page(self, client):
        base = datetime(2020, 1, 1, tzinfo=HANOI)
        articles = [ArticleFactory(published_at=base + timedelta(days=day)) for day in range(23)]

        first = client.get(reverse("news:article-list"))
        second = client.get(reverse("news:article-list"), {"page": 2})

        first_titles = texts(first, "h2", "card__title")
        assert first_titles == [a.title for a in reversed(articles)][:20]
        assert texts(second, "h2", "card__title") == [a.title for a in reversed(articles[:3])]

    @pytest.mark.parametrize(
        ("page", "status"),
        [("abc", 404), ("-1", 404), ("0", 404), ("99999", 404), ("1.5", 404), ("last", 200),
         ("2", 200), ("", 200), ("%00", 404), ("1" * 400, 404)],
    )  # fmt: skip
    def test_bad_page_values_answer_a_valid_page_or_404_never_500(self, client, page, status):
        ArticleFactory.create_batch(21)
        response = client.get(reverse("news:article-list"), {"page": page})
        assert response.status_code == status

    def test_404_uses_the_site_design(self, client):
        SiteSettings.objects.create(site_name="Cổng CCHC thử nghiệm")
        response = client.get(reverse("news:article-list"), {"page": "abc"})
        assert response.status_code == 404
        assert "Không tìm thấy trang bạn cần" in response.content.decode()
        assert "Cổng CCHC thử nghiệm" in texts(response, "p", "site-footer__name")

    def test_search_ignores_case_and_diacritics_of_vietnamese_letters(self, client):
        ArticleFactory(title="ĐÁNH GIÁ CHỈ SỐ HÀI LÒNG")
        for query in ["đánh giá", "danh gia", "Đánh GIÁ"]:
            response = client.get(reverse("news:article-list"), {"q": query})
            assert texts(response, "h2", "card__title") == ["ĐÁNH GIÁ CHỈ SỐ HÀI LÒNG"]

    def test_search_matches_title_and_summary(self, client):
        ArticleFactory(title="Chỉ số PAPI năm 2018")
        ArticleFactory(title="Khác", summary="Kết quả PAPI của tỉnh")
        ArticleFactory(title="Không liên quan")
        response = client.get(reverse("news:article-list"), {"q": "PAPI"})
        assert sorted(texts(response, "h2", "card__title")) == ["Chỉ số PAPI năm 2018", "Khác"]

    @pytest.mark.parametrize("count", [2, 20])
    def test_query_count_is_constant(self, client, django_assert_max_num_queries, count):
        for article in ArticleFactory.create_batch(count):
            ArticleImageFactory.create_batch(3, article=article)
        SiteSettings.load()
        AgencyLink.for_footer()
        # count, page, images, menu, the archive's years (once per content version), and the
        # page cache's three "next change by itself" lookups (scheduled or expiring articles,
        # documents' dates, drafts' times; once per content version)
        with django_assert_max_num_queries(8):
            assert client.get(reverse("news:article-list")).status_code == 200


class TestCategoryPage:
    def test_lists_articles_of_the_category_and_its_children(self, client):
        parent = CategoryFactory(name="Kết quả CCHC")
        child = CategoryFactory(name="Chỉ số PAPI", parent=parent)
        in_parent = ArticleFactory(category=parent)
        in_child = ArticleFactory(category=child)
        elsewhere = ArticleFactory()

        response = client.get(parent.get_absolute_url())

        assert response.status_code == 200
        titles = texts(response, "h2", "card__title")
        assert set(titles) == {in_parent.title, in_child.title}
        assert elsewhere.title not in titles
        assert texts(response, "h1", "page-title") == ["Kết quả CCHC"]

    def test_child_breadcrumb_shows_the_parent(self, client):
        parent = CategoryFactory(name="Kết quả CCHC")
        child = CategoryFactory(name="Chỉ số PAPI", parent=parent)
        response = client.get(child.get_absolute_url())
        assert texts(response, "nav", "breadcrumb") == ["Trang chủ Kết quả CCHC Chỉ số PAPI"]

    def test_unknown_category_is_404(self, client):
        assert client.get(reverse("news:category", args=["khong-co"])).status_code == 404


class TestArticlePage:
    @pytest.fixture
    def conference(self):
        category = CategoryFactory(name="Kết quả CCHC")
        article = ArticleFactory(
            title="Hội nghị phân tích các chỉ số CCHC năm 2018",
            category=category,
            summary="Tỉnh phân tích kết quả PAR INDEX, SIPAS và PAPI.",
            body="<p>Đoạn mở.</p><p>Đoạn hai.</p><p>Đoạn ba.</p>",
            published_at=datetime(2019, 7, 11, 17, 1, 36, tzinfo=HANOI),
        )
        ArticleImageFactory(
            article=article, caption="Đồng chí chủ trì phát biểu", after_paragraph=1, order=1
        )
        ArticleImageFactory(article=article, caption="Toàn cảnh hội trường", order=2)
        related = ArticleFactory(
            title="Kế hoạch đo lường sự hài lòng",
            published_at=datetime(2022, 12, 30, 8, 29, 56, tzinfo=HANOI),
        )
        RelatedArticleFactory(from_article=article, to_article=related)
        return article

    def test_anatomy_of_the_page(self, client, conference):
        SiteSettings.objects.create(
            site_name="Trang thông tin điện tử cải cách hành chính tỉnh Lai Châu",
            responsible_person="Giám đốc Sở Nội vụ",
            address="Thành phố Lai Châu",
            phone="0213 3876 543",
            email="cchc@laichau.gov.vn",
            domain="cchc.laichau.gov.vn",
        )
        response = client.get(conference.get_absolute_url())

        assert response.status_code == 200
        assert texts(response, "nav", "breadcrumb") == ["Trang chủ Kết quả CCHC"]
        assert texts(response, "h1") == ["Hội nghị phân tích các chỉ số CCHC năm 2018"]
        assert texts(response, "p", "article__date") == ["(Ngày đăng: 11/07/2019 5:01:36 CH)"]
        assert texts(response, "figcaption") == [
            "Đồng chí chủ trì phát biểu",
            "Toàn cảnh hội trường",
        ]
        body = texts(response, "div", "article__body")[0]
        assert body.index("Đoạn mở.") < body.index("Đồng chí chủ trì") < body.index("Đoạn hai.")
        links = texts(response, "li")
        assert "Kế hoạch đo lường sự hài lòng (30/12/2022 8:29:56 SA)" in links
        headings = texts(response, "h2", "section-title")
        assert "Tin liên quan" in headings and "Tin mới nhất" in headings
        footer = texts(response, "footer")[0]
        for fact in ["Lai Châu", "Giám đốc Sở Nội vụ", "0213 3876 543", "cchc@laichau.gov.vn",
                     "cchc.laichau.gov.vn"]:  # fmt: skip
            assert fact in footer
        assert "private" not in response.get("Cache-Control", "")

    def test_figures_have_alt_text(self, client, conference):
        response = client.get(conference.get_absolute_url())
        figures = attributes(response, "img", within="article-figure")
        assert [figure["alt"] for figure in figures] == ["Toàn cảnh hội nghị"] * 2

    def test_latest_news_lists_newest_site_articles_but_not_this_one(self, client, conference):
        newer = ArticleFactory(title="Tin mới nhất của trang")
        response = client.get(conference.get_absolute_url())
        sidebar = texts(response, "aside")[0]
        assert newer.title in sidebar
        assert conference.title not in sidebar

    def test_unknown_slug_is_404(self, client):
        assert client.get(reverse("news:article", args=["khong-ton-tai"])).status_code == 404

    @pytest.mark.parametrize("count", [1, 10])
    def test_query_count_does_not_grow_with_images_and_related_links(
        self, client, django_assert_max_num_queries, count
    ):
        category = CategoryFactory(parent=CategoryFactory())
        article = ArticleFactory(category=category)
        ArticleImageFactory.create_batch(count, article=article, after_paragraph=1)
        for other in ArticleFactory.create_batch(count, category=category):
            RelatedArticleFactory(from_article=article, to_article=other)
        ArticleFactory.create_batch(count)
        SiteSettings.load()
        AgencyLink.for_footer()
        # article + its images, related links, fill-in, latest, menu, announced index results,
        # most read, the documents app's related documents and attachments, and the page
        # cache's three "next change by itself" lookups (scheduled articles, documents'
        # dates, drafts' opening and closing), the article's tags and its topics
        with django_assert_max_num_queries(15):
            assert client.get(article.get_absolute_url()).status_code == 200


class TestPreview:
    @pytest.fixture(params=["draft", "scheduled"])
    def hidden_article(self, request):
        if request.param == "draft":
            return ArticleFactory(title="Bài chưa đăng", draft=True)
        return ArticleFactory(title="Bài hẹn giờ", published_at=datetime(2999, 1, 1, tzinfo=HANOI))

    def test_anonymous_visitors_get_404(self, client, hidden_article):
        assert client.get(hidden_article.get_absolute_url()).status_code == 404

    def test_staff_without_change_permission_get_404(self, client, hidden_article):
        client.force_login(StaffFactory())
        assert client.get(hidden_article.get_absolute_url()).status_code == 404

    def test_staff_who_may_edit_see_a_preview_that_is_never_cached(
        self, client, publisher, hidden_article
    ):
        client.force_login(publisher)
        response = client.get(hidden_article.get_absolute_url())
        assert response.status_code == 200
        assert texts(response, "h1") == [hidden_article.title]
        assert "Bản xem trước" in texts(response, "div", "preview-banner")[0]
        assert response["Cache-Control"] == "private, no-store"

    def test_published_article_has_no_banner_for_staff(self, client, editor):
        article = ArticleFactory()
        client.force_login(editor)
        response = client.get(article.get_absolute_url())
        assert texts(response, "div", "preview-banner") == []


class TestFeedAndSitemap:
    def test_feed_lists_only_public_articles(self, client):
        public = ArticleFactory(title="Tin công khai")
        ArticleFactory(title="Tin nháp", draft=True)
        content = client.get(reverse("news:feed")).content.decode()
        assert public.title in content
        assert "Tin nháp" not in content

    def test_sitemap_lists_only_public_articles(self, client):
        public = ArticleFactory()
        hidden = ArticleFactory(draft=True)
        content = client.get(reverse("sitemap")).content.decode()
        assert public.get_absolute_url() in content
        assert hidden.get_absolute_url() not in content


@time_machine.travel(datetime(2019, 7, 11, 17, 0, tzinfo=HANOI), tick=False)
def test_home_shows_a_scheduled_article_only_once_its_time_has_come(client):
    article = ArticleFactory(
        title="Bài hẹn đăng", published_at=datetime(2019, 7, 11, 17, 5, tzinfo=HANOI)
    )
    assert article.title not in client.get(reverse("news:home")).content.decode()
    with time_machine.travel(datetime(2019, 7, 11, 17, 5, tzinfo=HANOI), tick=False):
        assert article.title in client.get(reverse("news:home")).content.decode()
    assert Article.objects.published().count() == 0


HOSTILE_VALUES = ["%00", "a%00b", "%FF", "%ED%A0%80", "x" * 3000, "' OR 1=1 --", "%", "-1", "1e9"]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
@pytest.mark.parametrize(
    "url", ["/", "/tin-tuc/", "/chuyen-muc/{category}/", "/tin-tuc/{article}/", "/tin-tuc/rss/",
            "/sitemap.xml"],
)  # fmt: skip
def test_no_public_url_answers_5xx_to_hostile_query_strings(client, url, value):
    article = ArticleFactory()
    path = url.format(category=article.category.slug, article=article.slug)
    for parameter in ["q", "page", "p"]:
        response = client.get(f"{path}?{parameter}={value}")
        assert response.status_code < 500, (path, parameter, value)


def test_a_search_with_a_nul_byte_is_refused_with_a_message(client):
    ArticleFactory(title="Tin có thật")
    response = client.get("/tin-tuc/?q=a%00b")
    assert response.status_code == 200
    assert texts(response, "p", "form-error") == [
        "Từ khoá tìm kiếm không hợp lệ: Không được chứa ký tự rỗng (NUL)."
    ]
    assert texts(response, "h2", "card__title") == ["Tin có thật"]


def test_the_500_page_needs_neither_database_nor_static_files(rf, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    content = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in content
    assert "/static/" not in content


def test_article_page_has_sharing_metadata_with_absolute_urls(client):
    article = ArticleFactory(title="Chỉ số PAPI năm 2018", summary="Tăng 37 bậc.")
    photo = ArticleImageFactory(article=article)
    head = parse(client.get(article.get_absolute_url()).content).find("head")
    properties = {
        node.attrs["property"]: node.attrs["content"]
        for node in head.find_all("meta")
        if "property" in node.attrs
    }
    assert properties["og:title"] == "Chỉ số PAPI năm 2018"
    assert properties["og:description"] == "Tăng 37 bậc."
    assert properties["og:url"] == f"http://testserver{article.get_absolute_url()}"
    assert properties["og:image"] == f"http://testserver{photo.image.url}"
    canonical = [n for n in head.find_all("link") if n.attrs.get("rel") == "canonical"]
    assert canonical[0].attrs["href"] == properties["og:url"]


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /quan-tri/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_public_pages_send_a_content_security_policy_and_the_admin_does_not(client, editor):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    client.force_login(editor)
    assert "Content-Security-Policy" not in client.get(reverse("admin:index"))
