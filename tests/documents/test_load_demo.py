import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.forms.models import model_to_dict

from documents.models import ArticleDocument, Document, DocumentFile
from news.demo import CONFERENCE_SLUG
from news.models import Article

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        model.__name__: [
            {**model_to_dict(row), "pk": row.pk, "updated": getattr(row, "updated_at", None)}
            for row in model.objects.order_by("pk")
        ]
        for model in (Document, DocumentFile, ArticleDocument)
    }


def test_demo_documents_load_idempotently_with_their_pdf_and_preview(client, demo_content):
    first = snapshot()
    files = sorted(default_storage.listdir("demo/van-ban")[1])
    call_command("load_demo", verbosity=0)
    assert snapshot() == first
    assert sorted(default_storage.listdir("demo/van-ban")[1]) == files

    assert 10 <= Document.objects.published().count() == Document.objects.count()
    assert not Document.objects.filter(is_sample=False).exists()
    for stored in DocumentFile.objects.all():
        assert stored.kind == "pdf" and stored.page_count == 2 and stored.extracted_text
        assert stored.preview_pages and default_storage.exists(stored.preview_pages[0]["name"])


def test_a_citizen_finds_the_2019_plan_reads_it_and_downloads_it(client, demo_content):
    response = client.get("/van-ban/", {"q": "ke hoach cai cach 2019"})
    plans = list(response.context["documents"])
    assert [document.number for document in plans] == ["15/KH-UBND"]
    page = client.get(plans[0].get_absolute_url())
    assert page.status_code == 200
    assert "Kế hoạch cải cách hành chính năm 2019" in page.content.decode()
    assert "-p1.webp" in page.content.decode()
    download = client.get(plans[0].files.get().get_download_url())
    assert download["Content-Disposition"] == 'attachment; filename="15-KH-UBND.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_the_conference_article_links_the_decisions(client, demo_content):
    article = Article.objects.get(slug=CONFERENCE_SLUG)
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Văn bản liên quan" in content
    assert "780/QĐ-UBND" in content and "1154/QĐ-BNV" in content
    # The replaced criteria decision shows as replaced by the 2020 one.
    old = Document.objects.with_validity().get(number="312/QĐ-UBND")
    assert old.validity == "replaced"
