"""The public register (/van-ban/), the document page, downloads, exports, feed and sitemap."""

import csv
import io
import itertools
import json
from datetime import date, timedelta

import pytest
from django.urls import reverse

from core.models import SiteSettings
from documents.models import ArticleAttachment, ArticleDocument, Document
from documents.processing import process_stored_file
from tests.documents.factories import (
    DocumentFactory,
    DocumentTypeFactory,
    FieldFactory,
    IssuerFactory,
    document_file,
    pdf_bytes,
    upload,
)
from tests.factories import ArticleFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db
LIST = reverse("documents:list")


def listed(response):
    tree = parse(response.content)
    return (
        [" ".join(row.find("th").text().split()) for row in tree.find("tbody").find_all("tr")]
        if response.context["documents"]
        else []
    )


class TestRegister:
    def test_twenty_per_page_newest_first(self, client):
        for day in range(1, 26):
            DocumentFactory(number=f"{day}/QĐ-UBND", issued_on=date(2019, 1, day))
        first = client.get(LIST)
        second = client.get(LIST, {"page": 2})
        assert listed(first)[:2] == ["25/QĐ-UBND", "24/QĐ-UBND"]
        assert len(listed(first)) == 20
        assert listed(second) == [f"{day}/QĐ-UBND" for day in range(5, 0, -1)]

    def test_drafts_are_not_listed(self, client):
        DocumentFactory(number="1/QĐ-UBND")
        DocumentFactory(number="2/QĐ-UBND", status=Document.Status.DRAFT)
        assert listed(client.get(LIST)) == ["1/QĐ-UBND"]

    def test_filters_by_type_issuer_field_year_and_validity(self, client):
        plan = DocumentTypeFactory(name="Kế hoạch")
        ministry = IssuerFactory(name="Bộ Nội vụ")
        survey = FieldFactory(name="Đo lường sự hài lòng")
        a = DocumentFactory(number="1/KH-UBND", doc_type=plan, issued_on=date(2019, 2, 1))
        b = DocumentFactory(number="2/QĐ-BNV", issuer=ministry, issued_on=date(2018, 5, 1))
        c = DocumentFactory(number="3/QĐ-UBND", issued_on=date(2019, 3, 1))
        c.fields.add(survey)
        DocumentFactory(number="4/QĐ-UBND", issued_on=date(2020, 1, 1)).replaces.add(a)

        def get(**params):
            return listed(client.get(LIST, params))

        assert get(loai=plan.slug) == [a.number]
        assert get(co_quan=ministry.slug) == [b.number]
        assert get(linh_vuc=survey.slug) == [c.number]
        assert get(nam=2019) == [c.number, a.number]
        assert get(hieu_luc="replaced") == [a.number]
        assert get(nam=2019, hieu_luc="in_effect") == [c.number]

    @pytest.mark.parametrize(
        "params",
        [
            {"page": "abc"},
            {"page": "99"},
            {"page": "-1"},
            {"page": "1" * 40},
        ],
    )
    def test_hostile_pages_answer_404(self, client, params):
        DocumentFactory()
        assert client.get(LIST, params).status_code == 404

    @pytest.mark.parametrize(
        "params",
        [
            {"nam": "abc"},
            {"nam": "9" * 30},
            {"nam": "-5"},
            {"loai": "khong-co"},
            {"loai": "\x00"},
            {"co_quan": "' OR 1=1 --"},
            {"linh_vuc": "<script>"},
            {"hieu_luc": "sap-het"},
            {"q": "\x00"},
            {"q": "x" * 500},
            {"q": "%_\\"},
            {"page": "last"},
        ],
    )
    def test_hostile_filters_are_ignored_not_errors(self, client, params):
        DocumentFactory(number="1/QĐ-UBND")
        response = client.get(LIST, params)
        assert response.status_code == 200
        assert "<script>" not in response.content.decode()

    def test_the_search_ignores_accents_and_case_and_needs_every_word(self, client):
        plan = DocumentFactory(number="15/KH-UBND", summary="Kế hoạch cải cách hành chính năm 2019")
        DocumentFactory(number="16/KH-UBND", summary="Kế hoạch cải cách hành chính năm 2020")
        DocumentFactory(number="17/KH-UBND", summary="Kế hoạch chuyển đổi số năm 2019")
        for query in ["ke hoach cai cach 2019", "KẾ HOẠCH cải cách 2019", "cai cach 2019"]:
            assert listed(client.get(LIST, {"q": query})) == [plan.number], query

    @pytest.mark.parametrize("query", ["1234/QĐ-UBND", "1234 QĐ-UBND", "1234/qd-ubnd", "1234"])
    def test_the_search_finds_the_number_with_or_without_the_slash(self, client, query):
        document = DocumentFactory(number="1234/QĐ-UBND")
        DocumentFactory(number="123/QĐ-UBND")
        assert listed(client.get(LIST, {"q": query})) == [document.number]

    def test_query_budget(self, client, django_assert_max_num_queries):
        SiteSettings.load()
        for number in range(30):
            document = DocumentFactory(
                issuer=IssuerFactory(name=f"Cơ quan {number % 5}"),
                doc_type=DocumentTypeFactory(name=f"Loại {number % 4}"),
            )
            document.fields.add(FieldFactory(name=f"Lĩnh vực {number % 3}"))
            DocumentFactory(issued_on=date(2020, 1, 1)).replaces.add(document)
        # count, page (with validity), fields prefetch, menu, the three filter lists, and the
        # page cache's next self-made change (articles, documents, drafts), once per version
        with django_assert_max_num_queries(11):
            response = client.get(LIST, {"nam": 2019, "hieu_luc": "replaced"})
        assert response.status_code == 200
        assert len(listed(response)) == 20

    def test_headings_and_description(self, client):
        DocumentFactory()
        tree = parse(client.get(LIST).content)
        assert [h.text().strip() for h in tree.find_all("h1")] == ["Văn bản"]
        description = [m for m in tree.find_all("meta") if m.attrs.get("name") == "description"]
        assert "cải cách hành chính" in description[0].attrs["content"]


class TestDocumentPage:
    def test_shows_the_facts_validity_relations_files_preview_and_citing_articles(self, client):
        old = DocumentFactory(number="312/QĐ-UBND", issued_on=date(2018, 3, 20))
        document = DocumentFactory(
            number="455/QĐ-UBND",
            summary="Quyết định ban hành Bộ tiêu chí",
            signer="Chủ tịch UBND tỉnh",
            issued_on=date(2020, 4, 10),
            effective_on=date(2020, 5, 1),
        )
        document.replaces.add(old)
        document.fields.add(FieldFactory(name="Chỉ số cải cách hành chính"))
        stored = document_file(document, pdf_bytes("Bo tieu chi", pages=2))
        process_stored_file(type(stored), stored.pk)
        article = ArticleFactory(title="Công bố Chỉ số CCHC năm 2020")
        ArticleDocument.objects.create(article=article, document=document)

        response = client.get(document.get_absolute_url())
        assert response.status_code == 200
        tree = parse(response.content)
        assert [h.text().strip() for h in tree.find_all("h1")] == ["Quyết định 455/QĐ-UBND"]
        facts = " ".join(tree.find("dl", class_="facts").text().split())
        for fact in ["Chủ tịch UBND tỉnh", "10/04/2020", "01/05/2020", "Còn hiệu lực",
                     "Chỉ số cải cách hành chính"]:  # fmt: skip
            assert fact in facts, fact
        images = tree.find("div", class_="document-preview").find_all("img")
        assert len(images) == 2 and images[0].attrs["src"].endswith("-p1.webp")
        links = [a.attrs["href"] for a in tree.find_all("a")]
        assert old.get_absolute_url() in links
        assert article.get_absolute_url() in links
        assert stored.get_download_url() in links
        assert "(PDF, " in response.content.decode()
        # The replaced one says by which.
        old_page = client.get(old.get_absolute_url()).content.decode()
        assert "Đã bị thay thế" in old_page and document.get_absolute_url() in old_page

    def test_heading_order_has_no_gaps(self, client):
        document = DocumentFactory()
        process_stored_file(type(s := document_file(document)), s.pk)
        tree = parse(client.get(document.get_absolute_url()).content)
        levels = [int(node.tag[1]) for node in tree.iter() if node.tag in {"h1", "h2", "h3"}]
        assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))

    def test_query_budget(self, client, django_assert_max_num_queries):
        SiteSettings.load()
        document = DocumentFactory()
        for number in range(5):
            document.fields.add(FieldFactory(name=f"Lĩnh vực {number}"))
            document.replaces.add(DocumentFactory())
            DocumentFactory(issued_on=date(2021, 1, 1)).replaces.add(document)
            document_file(document, pdf_bytes(f"Phu luc {number}"))
            ArticleDocument.objects.create(article=ArticleFactory(), document=document)
        # document, fields, files, replaces, replaced by, citing articles, menu, and the page
        # cache's next self-made change (articles, documents, drafts), once per version
        with django_assert_max_num_queries(11):
            assert client.get(document.get_absolute_url()).status_code == 200

    def test_a_draft_is_404_for_visitors_and_a_preview_for_its_editors(self, client, publisher):
        draft = DocumentFactory(status=Document.Status.DRAFT)
        stored = document_file(draft)
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(stored.get_download_url()).status_code == 404
        client.force_login(publisher)
        response = client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert client.get(stored.get_download_url()).status_code == 200

    def test_unknown_slug_is_404(self, client):
        assert client.get(reverse("documents:detail", args=["khong-co"])).status_code == 404


class TestDownloads:
    def test_a_file_downloads_with_the_number_as_a_safe_ascii_name(self, client):
        document = DocumentFactory(number="1234/QĐ-UBND")
        content = pdf_bytes("Noi dung")
        stored = document_file(document, content, name="<script>bản ký.pdf")
        response = client.get(stored.get_download_url())
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="1234-QD-UBND.pdf"'
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == content

    def test_an_unknown_file_is_404(self, client):
        assert client.get(reverse("documents:download", args=[999])).status_code == 404

    def test_attachments_follow_their_article(self, client):
        article = ArticleFactory()
        attachment = ArticleAttachment(article=article, file=upload("phu-luc.pdf", pdf_bytes()))
        attachment.full_clean()
        attachment.save()
        process_stored_file(ArticleAttachment, attachment.pk)
        response = client.get(attachment.get_download_url())
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="phu-luc.pdf"'
        # An expired article still opens at its address, and so do its attachments.
        article.expires_at = article.published_at + timedelta(minutes=1)
        article.save()
        assert client.get(attachment.get_download_url()).status_code == 200
        article.status = article.Status.DRAFT
        article.save()
        assert client.get(attachment.get_download_url()).status_code == 404


class TestArticlePage:
    def test_an_article_lists_its_published_documents_and_attachments(self, client):
        article = ArticleFactory()
        shown = DocumentFactory(number="780/QĐ-UBND")
        hidden = DocumentFactory(number="781/QĐ-UBND", status=Document.Status.DRAFT)
        ArticleDocument.objects.create(article=article, document=shown, order=1)
        ArticleDocument.objects.create(article=article, document=hidden, order=0)
        attachment = ArticleAttachment(article=article, file=upload("phu-luc.pdf", pdf_bytes()))
        attachment.full_clean()
        attachment.save()
        process_stored_file(ArticleAttachment, attachment.pk)

        response = client.get(article.get_absolute_url())
        content = response.content.decode()
        assert "Văn bản liên quan" in content
        assert shown.get_absolute_url() in content
        assert hidden.get_absolute_url() not in content
        assert attachment.get_download_url() in content
        tree = parse(response.content)
        assert tree.find("div", class_="document-preview").find_all("img")


class TestExportsFeedSitemap:
    def test_csv_is_formula_escaped_and_follows_the_filters(self, client):
        DocumentFactory(number="=HYPERLINK(1)/QĐ", summary="+cmd|' /C calc'!A0")
        DocumentFactory(number="2/QĐ-UBND", issued_on=date(2020, 1, 1))
        response = client.get(reverse("documents:csv"), {"nam": 2019})
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][0] == "Số ký hiệu"
        assert len(rows) == 2
        assert rows[1][0] == "'=HYPERLINK(1)/QĐ"
        assert rows[1][1] == "'+cmd|' /C calc'!A0"

    def test_json_lists_the_register(self, client):
        document = DocumentFactory(number="5/KH-UBND", is_sample=True)
        DocumentFactory(status=Document.Status.DRAFT)
        data = json.loads(client.get(reverse("documents:json")).content)
        assert [row["number"] for row in data["rows"]] == ["5/KH-UBND"]
        assert data["rows"][0]["url"] == document.get_absolute_url()
        assert data["rows"][0]["validity"] == "Còn hiệu lực"
        assert data["rows"][0]["is_sample"] is True

    def test_feed_and_sitemap_hold_published_documents_only(self, client):
        public = DocumentFactory(number="7/KH-UBND")
        draft = DocumentFactory(number="8/KH-UBND", status=Document.Status.DRAFT)
        feed = client.get(reverse("documents:feed")).content.decode()
        assert public.get_absolute_url() in feed and draft.get_absolute_url() not in feed
        sitemap = client.get("/sitemap.xml").content.decode()
        assert public.get_absolute_url() in sitemap and draft.get_absolute_url() not in sitemap
