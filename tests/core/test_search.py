"""The site-search mechanism (`core.search`, `core.text`, `core.fields.SearchTextField`):
folding, the folded columns kept current, the registry, highlighting and snippets."""

import unicodedata

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import migrations

from core import search
from core.search import highlight, snippet
from core.text import fold, fold_with_origins, html_to_text, search_text, search_words
from indices.models import Unit
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, IndexFactory, UnitFactory


class TestFolding:
    @pytest.mark.parametrize(
        ("text", "folded"),
        [
            ("Cải cách HÀNH CHÍNH", "cai cach hanh chinh"),
            ("Đường Điện Biên đđ", "duong dien bien dd"),
            ("ưỡng ợ ỹ Ậ", "uong o y a"),
            (unicodedata.normalize("NFD", "Cải cách"), "cai cach"),  # letters + marks
            ("İ ß ﬁ ²", "i ss fi 2"),
        ],
    )
    def test_fold(self, text, folded):
        assert fold(text) == folded

    def test_each_folded_character_knows_where_it_came_from(self):
        folded, origins = fold_with_origins("Aß́c")  # ß folds to two letters, the mark to none
        assert folded == "assc"
        assert origins == [0, 1, 1, 3]

    def test_words_and_the_stored_form(self):
        assert search_words("Chỉ số PAR INDEX; chỉ số SIPAS_2018!") == [
            "chi",
            "so",
            "par",
            "index",
            "sipas",
            "2018",
        ]
        assert search_text("Nghị định 42/2022/NĐ-CP") == " nghi dinh 42 2022 nd cp "
        assert search_text("…!") == ""
        assert search_words("x" * 65 + " ok") == ["ok"]  # over-long words are not searchable

    def test_html_to_text_separates_blocks_and_drops_markup(self):
        html = (
            "<h2>Kết quả</h2><p>Chỉ số <strong>PAR</strong>&nbsp;INDEX</p>"
            "<ul><li>một</li><li>hai</li></ul><table><tr><td>58</td><td>63</td></tr></table>"
        )
        assert html_to_text(html) == "Kết quả Chỉ số PAR INDEX một hai 58 63"


class TestFoldedColumns:
    @pytest.fixture(autouse=True)
    def _db(self, db):
        pass

    def test_kept_current_on_save(self):
        article = ArticleFactory(
            title="Cải cách", summary="Tóm TẮT", body="<p>Đoạn <em>một</em></p><p>hai</p>"
        )
        stored = Article.objects.values("search_title", "search_summary", "search_body").get()
        assert stored == {
            "search_title": " cai cach ",
            "search_summary": " tom tat ",
            "search_body": " doan mot hai ",
        }
        article.title = "Đổi mới"
        article.save()
        assert Article.objects.get().search_title == " doi moi "

    def test_kept_current_on_save_with_update_fields(self):
        article = ArticleFactory(title="Cải cách")
        article.title = "Đổi mới"
        article.save(update_fields=["title"])
        assert Article.objects.get().search_title == " doi moi "
        unit = UnitFactory(name="Sở Nội vụ")
        unit.name = "Sở Tư pháp"
        unit.save(update_fields=["name"])
        assert Unit.objects.get().search_name == " so tu phap "

    def test_kept_current_by_bulk_create(self):
        Article.objects.bulk_create(
            [
                Article(
                    title="Bài Một",
                    slug="bai-mot",
                    category=CategoryFactory(),
                    summary="s",
                    body="<p>b</p>",
                )
            ]
        )
        assert Article.objects.get().search_title == " bai mot "

    def test_the_migration_fills_the_rows_already_stored(self):
        from django.apps import apps

        ArticleFactory(title="Cải cách", body="<p>Thủ tục</p>")
        IndexFactory(name="Chỉ số hài lòng", abbreviation="SIPAS")
        Article.objects.update(search_title="", search_body="")  # as before the migration

        operation = search.fill_search_columns("news", "Article")
        assert isinstance(operation, migrations.RunPython)

        class Editor:
            class connection:
                alias = "default"

        operation.code(apps, Editor)
        assert Article.objects.values_list("search_title", "search_body").get() == (
            " cai cach ",
            " thu tuc ",
        )


class TestRegistry:
    def test_the_apps_registered_news_indices_components_units_documents_and_answers(self):
        assert [t.key for t in search.registered()] == [
            "news",
            "index",
            "component",
            "unit",
            "documents",
            "hoi-dap",
            "dong-su-kien",  # topics (topics/search.py)
            "the",  # tags
            "about",  # the Giới thiệu page (organisation/search.py)
            "person",  # the people shown on it
        ]
        news = search.type_for_model(Article)
        assert news.columns == {
            "title": "search_title",
            "summary": "search_summary",
            "body": "search_body",
        }
        assert news.tiers == ["A", "B", "C"]

    def test_a_searched_field_without_a_folded_column_is_refused(self):
        with pytest.raises(ImproperlyConfigured, match="SearchTextField"):
            search.register(Unit.objects.all, key="bad", label="x", fields={"slug": "A"})
        with pytest.raises(ImproperlyConfigured, match="weight"):
            search.register(Unit.objects.all, key="bad", label="x", fields={"name": "Z"})
        assert "bad" not in [t.key for t in search.registered()]


class TestHighlighting:
    def test_marks_whole_words_in_the_original_text_escaped(self):
        html = highlight("Cải <cách> HÀNH chính, hanh", ["cach", "hanh"])
        assert html == "Cải &lt;<mark>cách</mark>&gt; <mark>HÀNH</mark> chính, <mark>hanh</mark>"

    def test_keeps_combining_marks_with_their_letter(self):
        decomposed = unicodedata.normalize("NFD", "cách")
        assert len(decomposed) == 5
        assert highlight(f"{decomposed} x", ["cach"]) == f"<mark>{decomposed}</mark> x"

    def test_a_short_text_is_quoted_whole(self):
        assert snippet("Một cửa liên thông", ["cua"]) == "Một <mark>cửa</mark> liên thông"

    def test_a_long_text_is_cut_around_the_words_between_words(self):
        text = "mở đầu " * 60 + "kiểm soát thủ tục hành chính " + "kết thúc " * 60
        quoted = snippet(text, ["kiem", "soat"], length=100)
        assert quoted.startswith("… ") and quoted.endswith(" …")
        assert "<mark>kiểm</mark> <mark>soát</mark>" in quoted
        inner = quoted[2:-2].replace("<mark>", "").replace("</mark>", "")
        assert len(inner) <= 100
        assert inner.split()[0] in {"mở", "đầu"} and inner.split()[-1] in {"kết", "thúc"}

    def test_prefers_the_place_with_the_most_query_words(self):
        text = "chỉ số " + "x " * 200 + "chỉ số PAPI năm 2018" + " y" * 200
        quoted = snippet(text, ["chi", "so", "papi"], length=80)
        assert "<mark>PAPI</mark>" in quoted
