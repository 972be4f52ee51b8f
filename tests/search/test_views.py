"""The site-search page `/tim-kiem/`: matching, ranking, highlighting, filters, pages."""

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import SiteSettings
from news.models import Article
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CategoryFactory,
    ComponentFactory,
    IndexFactory,
    UnitFactory,
)
from tests.html_tools import parse, texts

pytestmark = pytest.mark.django_db
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
URL = "/tim-kiem/"


def article(title, summary="Tóm tắt.", body="<p>Nội dung.</p>", **kwargs):
    return ArticleFactory(title=title, summary=summary, body=body, **kwargs)


def hit_titles(response) -> list[str]:
    return texts(response, "h2", "search-hit__title")


def test_the_address_and_the_header_box():
    assert reverse("search:results") == URL


def test_the_header_search_box_sends_its_words_to_the_site_search(client):
    form = parse(client.get("/").content).find("form", class_="site-search")
    assert form.attrs["action"] == URL
    assert form.find("input").attrs["name"] == "q"


def test_every_word_must_match_anywhere_in_title_summary_or_body(client):
    article("Đường dây nóng", summary="Thông tin về thủ tục đất đai.")
    article("Đường dây nóng mới", body="<p>Một cửa <b>đất</b> đai.</p>")
    article("Thủ tục đất đai")  # no "duong"
    response = client.get(URL, {"q": "duong dat"})
    assert sorted(hit_titles(response)) == ["Đường dây nóng", "Đường dây nóng mới"]


def test_whole_words_only(client):
    article("Cải cách hành chính")
    assert hit_titles(client.get(URL, {"q": "cach"})) == ["Cải cách hành chính"]
    assert hit_titles(client.get(URL, {"q": "cac"})) == []  # not a word on its own


def test_d_with_stroke_is_d_and_case_is_ignored_in_vietnamese_letters(client):
    article("ĐÁNH GIÁ CHỈ SỐ HÀI LÒNG")
    for query in ["đánh giá", "danh gia", "DANH GIA", "Đánh Giá"]:
        assert hit_titles(client.get(URL, {"q": query})) == ["ĐÁNH GIÁ CHỈ SỐ HÀI LÒNG"], query


def test_title_matches_come_before_summary_before_body_then_newer_first(client):
    now = timezone.now()
    old_title = article("Quy chế mẫu cũ", published_at=now - timedelta(days=30))
    new_title = article("Quy chế mẫu mới", published_at=now - timedelta(days=1))
    summary = article("Tin A", summary="Ban hành quy chế mẫu.", published_at=now)
    body = article("Tin B", body="<p>Áp dụng quy chế mẫu.</p>", published_at=now)
    # The words spread over title and summary: a summary match, older than "Tin A".
    split = article("Quy chế", summary="Theo mẫu", published_at=now - timedelta(days=2))
    article("Quy định", summary="Theo mẫu", published_at=now)  # no "chế": not found
    response = client.get(URL, {"q": "quy che mau"})
    assert hit_titles(response) == [
        new_title.title,
        old_title.title,
        summary.title,
        split.title,
        body.title,
    ]


def test_only_public_articles_are_found(client):
    article("Tin công khai về biên chế")
    article("Bản nháp về biên chế", draft=True)
    article("Tin hẹn giờ về biên chế", published_at=timezone.now() + timedelta(days=1))
    article(
        "Tin đã gỡ về biên chế",
        status=Article.Status.UNPUBLISHED,
        published_at=timezone.now() - timedelta(days=2),
    )
    assert hit_titles(client.get(URL, {"q": "bien che"})) == ["Tin công khai về biên chế"]


def test_indices_and_units_are_found_by_name_with_their_kind(client):
    IndexFactory(code="SIPAS", name="Chỉ số hài lòng", abbreviation="SIPAS")
    UnitFactory(name="Sở Tư pháp")
    article("Sở Tư pháp tổ chức hội nghị")
    response = client.get(URL, {"q": "so tu phap"})
    hits = parse(response.content).find_all("li", class_="search-hit")
    kinds = {hit.find("h2").text(): hit.find("p", class_="search-hit__kind").text() for hit in hits}
    assert kinds == {"Sở Tư pháp tổ chức hội nghị": "Tin tức", "Sở Tư pháp": "Đơn vị"}
    response = client.get(URL, {"q": "sipas"})
    assert hit_titles(response) == ["Chỉ số hài lòng (SIPAS)"]
    assert texts(response, "p", "search-hit__kind") == ["Chỉ số"]


def test_index_components_are_found_without_diacritics_and_link_to_their_page(client):
    par = IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX", slug="par-index")
    part = ComponentFactory(index=par, name="Cải cách thủ tục hành chính")
    ComponentFactory(index=par, name="Cải cách tổ chức bộ máy")

    response = client.get(URL, {"q": "thu tuc hanh chinh"})

    assert hit_titles(response) == ["Cải cách thủ tục hành chính (PAR INDEX)"]
    assert texts(response, "p", "search-hit__kind") == ["Thành phần chỉ số"]
    link = parse(response.content).find("li", class_="search-hit").find("h2").find("a")
    assert (
        link.attrs["href"]
        == part.get_absolute_url()
        == ("/chi-so/par-index/thanh-phan/cai-cach-thu-tuc-hanh-chinh/")
    )
    # A renamed component is found by its new name.
    part.name = "Cải cách và kiểm soát thủ tục hành chính"
    part.save()
    assert hit_titles(client.get(URL, {"q": "kiem soat thu tuc"})) == [
        "Cải cách và kiểm soát thủ tục hành chính (PAR INDEX)"
    ]


def test_matched_words_are_highlighted_in_the_title_and_a_short_escaped_snippet(client):
    body = (
        "<p>" + "Mở đầu dài dòng. " * 40 + "</p>"
        '<p><strong>Kiểm soát</strong> thủ tục <a href="/x">hành chính</a> &lt;script&gt;'
        "alert(1)&lt;/script&gt; được tăng cường.</p>" + "<p>" + "Kết thúc. " * 40 + "</p>"
    )
    found = article("Tin <b>kiểm soát</b>", summary="Không liên quan.", body=body)
    response = client.get(URL, {"q": "kiem soat"})
    hit = parse(response.content).find("li", class_="search-hit")
    title = hit.find("h2")
    assert [mark.text() for mark in title.find_all("mark")] == ["kiểm", "soát"]
    assert title.find("a").text() == found.title  # "<b>" shown as text, not markup
    snippet = hit.find("p", class_="search-hit__snippet")
    assert [node.tag for node in snippet.iter()] == ["mark", "mark"]  # no markup of the body
    assert [mark.text() for mark in snippet.find_all("mark")] == ["Kiểm", "soát"]
    assert "<script>alert(1)</script>" in snippet.text()  # the body's text, escaped
    assert snippet.text().startswith("…") and snippet.text().endswith("…")
    assert len(snippet.text()) < 300


def test_a_snippet_prefers_the_summary_and_quotes_it_when_the_title_alone_matches(client):
    article("Tin về PAPI", summary="Tóm tắt ngắn gọn.", body="<p>Nội dung.</p>")
    article("Tin khác", summary="Kết quả PAPI của tỉnh.", body="<p>PAPI ở đây nữa.</p>")
    response = client.get(URL, {"q": "papi"})
    assert texts(response, "p", "search-hit__snippet") == [
        "Tóm tắt ngắn gọn.",
        "Kết quả PAPI của tỉnh.",
    ]


class TestFilters:
    def test_by_category_including_its_sub_categories(self, client):
        parent = CategoryFactory(name="Kết quả CCHC", slug="ket-qua-cchc")
        child = CategoryFactory(name="PAPI", slug="papi", parent=parent)
        other = CategoryFactory(name="Chuyển đổi số", slug="chuyen-doi-so")
        article("Chỉ tiêu năm nay", category=parent)
        article("Chỉ tiêu PAPI", category=child)
        article("Chỉ tiêu số hoá", category=other)
        UnitFactory(name="Ban Chỉ tiêu")  # a unit has no category: left out by the filter
        response = client.get(URL, {"q": "chi tieu", "chuyen_muc": "ket-qua-cchc"})
        assert sorted(hit_titles(response)) == ["Chỉ tiêu PAPI", "Chỉ tiêu năm nay"]
        assert len(hit_titles(client.get(URL, {"q": "chi tieu"}))) == 4

    def test_by_year_in_the_portals_time_zone(self, client):
        article("Tổng kết 2019", published_at=datetime(2019, 12, 31, 23, 30, tzinfo=VIETNAM))
        article("Tổng kết 2020", published_at=datetime(2020, 1, 1, 0, 30, tzinfo=VIETNAM))
        response = client.get(URL, {"q": "tong ket", "nam": "2019"})
        assert hit_titles(response) == ["Tổng kết 2019"]
        year_select = [
            s for s in parse(response.content).find_all("select") if s.attrs["name"] == "nam"
        ]
        years = [option.attrs["value"] for option in year_select[0].find_all("option")]
        assert years == ["", "2020", "2019"]  # the years with public articles, newest first

    @pytest.mark.parametrize(
        "value", ["-1", "0", "abc", "100000000000000000000", "²²²²", "1900", "2019.0", "\x00"]
    )
    def test_an_unknown_year_is_refused_and_ignored(self, client, value):
        article("Tổng kết năm", published_at=datetime(2019, 6, 1, tzinfo=VIETNAM))
        response = client.get(URL, {"q": "tong ket", "nam": value})
        assert response.status_code == 200
        error = parse(response.content).find("div", class_="form-error").text()
        assert error.startswith("Một phần yêu cầu tìm kiếm không dùng được: Năm:")
        assert hit_titles(response) == ["Tổng kết năm"]

    @pytest.mark.parametrize("value", ["khong-co", "-1", "0", "<script>", "²", "a" * 300])
    def test_an_unknown_category_is_refused_and_ignored(self, client, value):
        article("Tổng kết năm")
        response = client.get(URL, {"q": "tong ket", "chuyen_muc": value})
        assert response.status_code == 200
        error = parse(response.content).find("div", class_="form-error").text()
        assert error.startswith("Một phần yêu cầu tìm kiếm không dùng được: Chuyên mục:")
        assert hit_titles(response) == ["Tổng kết năm"]


class TestPages:
    def test_twenty_a_page_and_the_links_keep_the_filters(self, client):
        category = CategoryFactory(slug="tin-tuc")
        start = timezone.now() - timedelta(days=100)
        for number in range(45):
            article(
                f"Thông báo số {number}",
                category=category,
                published_at=start + timedelta(days=number),
            )
        first = client.get(URL, {"q": "thong bao", "chuyen_muc": "tin-tuc"})
        assert len(hit_titles(first)) == 20
        assert hit_titles(first)[0] == "Thông báo số 44"
        assert "45 kết quả" in texts(first, "p", "muted")[-1]
        links = [
            a.attrs["href"]
            for a in parse(first.content).find_all("a")
            if a.attrs.get("rel") == "next"
        ]
        assert links == ["?q=thong+bao&chuyen_muc=tin-tuc&page=2"]
        third = client.get(URL + links[0].replace("page=2", "page=3"))
        assert hit_titles(third) == [f"Thông báo số {n}" for n in range(4, -1, -1)]

    @pytest.mark.parametrize(
        ("page", "status"),
        [
            ("1", 200),
            ("2", 404),
            ("0", 404),
            ("-1", 404),
            ("abc", 404),
            ("100000000000000000000", 404),
            ("²²²²", 404),
            ("1e400", 404),
            ("\x00", 404),
            ("last", 200),
        ],
    )
    def test_odd_page_values_answer_200_or_404(self, client, page, status):
        article("Một tin")
        assert client.get(URL, {"q": "mot tin", "page": page}).status_code == status
        assert client.get(URL, {"page": page}).status_code == status


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\t\n",
        "!!!",
        "…—–%_\\'\"&|!():*<>",
        "a\x00b",
        "\x00",
        "x" * 1000,
        "cải cách " * 120,
        "'; DROP TABLE news_article; --",
        "a & b | !c",
        "<script>alert(1)</script>",
        "\ud7ff\ufffd",
        "%",
        "_",
        "🙂 đ",
    ],
)
def test_hostile_queries_give_a_normal_page(client, query):
    article("Cải cách hành chính")
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    h1 = parse(response.content).find("h1")
    assert h1.text()
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_nul_byte_is_refused_with_a_message(client):
    response = client.get(URL, {"q": "cải\x00cách"})
    assert response.status_code == 200
    assert "ký tự rỗng (NUL)" in parse(response.content).find("div", class_="form-error").text()


def test_a_long_query_is_cut_to_200_characters_and_the_page_says_so(client):
    article("Cải cách hành chính")
    response = client.get(URL, {"q": "cải cách " + "x" * 1000})
    assert response.status_code == 200
    assert texts(response, "p", "notice") == [
        "Từ khoá quá dài: chỉ 200 ký tự đầu được dùng để tìm."
    ]


def test_only_the_first_twenty_words_are_used_and_the_page_says_so(client):
    article("Cải cách hành chính")
    words = "cai cach " + " ".join(f"w{number}" for number in range(30))
    response = client.get(URL, {"q": words})
    assert texts(response, "p", "notice") == ["Chỉ 20 từ đầu tiên được dùng để tìm."]


def test_punctuation_only_asks_for_a_word(client):
    response = client.get(URL, {"q": "?!…"})
    assert texts(response, "p", "search-empty") == [
        "Từ khoá không có chữ hay số nào để tìm. Hãy gõ ít nhất một từ."
    ]


def test_no_results_says_so_with_suggestions(client):
    article("Cải cách hành chính")
    response = client.get(URL, {"q": "khongcogi", "nam": ""})
    assert texts(response, "p", "search-empty") == ["Không tìm thấy kết quả nào cho “khongcogi”."]
    assert texts(response, "h2") == ["Gợi ý"]
    suggestions = parse(response.content).find("ul", class_="search-suggestions")
    hrefs = [a.attrs["href"] for a in suggestions.find_all("a")]
    assert reverse("news:article-list") in hrefs and reverse("indices:overview") in hrefs


def test_the_page_has_a_description_one_h1_and_no_skipped_heading_level(client):
    for number in range(3):
        article(f"Hội nghị số {number}")
    for query in ["hoi nghi", "khongcogi", ""]:
        page = parse(client.get(URL, {"q": query}).content)
        descriptions = [m for m in page.find_all("meta") if m.attrs.get("name") == "description"]
        assert len(descriptions) == 1 and descriptions[0].attrs["content"]
        levels = [
            int(node.tag[1])
            for node in page.iter()
            if node.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}
        ]
        assert levels[0] == 1 and levels.count(1) == 1, query
        assert all(after - before <= 1 for before, after in itertools.pairwise(levels)), levels


@pytest.mark.parametrize("count", [3, 17])
def test_query_count_does_not_grow_with_the_hits(
    client, settings, django_assert_num_queries, count
):
    settings.PAGE_CACHE_ENABLED = False  # the search itself, not a cached copy of its page
    category = CategoryFactory()
    for number in range(count):
        found = article(f"Báo cáo tổng hợp {number}", category=category)
        ArticleImageFactory.create_batch(2, article=found)
    IndexFactory(name="Báo cáo tổng hợp chỉ số")
    UnitFactory(name="Ban báo cáo tổng hợp")
    ComponentFactory(name="Báo cáo tổng hợp thành phần")
    SiteSettings.load()
    client.get(URL, {"q": "bao cao tong hop"})  # warm the caches (site settings, menu)
    # categories, year bounds of news, documents and questions and answers, the ranked rows
    # (which, being fewer than SEARCH_RANKED_RESULTS, are the count too), then one query per
    # kind shown (news, index, component, unit)
    with django_assert_num_queries(9):
        response = client.get(URL, {"q": "bao cao tong hop"})
    assert len(hit_titles(response)) == count + 3
