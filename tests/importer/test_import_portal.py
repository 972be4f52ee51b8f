"""`manage.py import_portal` against a real HTTP server on the loopback serving pages in the
old portal's layout (tests/importer/pages.py)."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEntry
from importer.models import ImportedPage, ImportRun, ImportRunPage
from news.models import Article, ArticleImage, Category

from .pages import CAPTION_1, CAPTION_2, OTHER, SEED, SEED_TITLE, build

pytestmark = pytest.mark.django_db


def run_import(site, paths, tmp_path, *args, name="report.csv"):
    listing = tmp_path / "addresses.txt"
    listing.write_text("\n".join(site.url(path) for path in paths) + "\n", encoding="utf-8")
    report = tmp_path / name
    out = StringIO()
    call_command(
        "import_portal",
        str(listing),
        "--delay=0",
        "--retries=0",
        "--timeout=5",
        "--max-page-bytes=1000000",
        f"--report={report}",
        *args,
        stdout=out,
    )
    with report.open(encoding="utf-8-sig") as file:
        rows = {row["old address"]: row for row in csv.DictReader(file)}
    return out.getvalue(), rows


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, ArticleImage, Category, ImportedPage, ImportRun, AuditEntry)
    }


@pytest.fixture
def paths(old_site):
    return build(old_site)


def test_seed_page_imports_with_its_title_date_captions_and_category(old_site, paths, tmp_path):
    output, rows = run_import(old_site, [SEED, OTHER], tmp_path, "--publish")
    assert rows[old_site.url(SEED)]["status"] == "created", output
    article = Article.objects.get(title=SEED_TITLE)
    assert article.status == Article.Status.PUBLISHED
    assert article.category.name == "Kết quả CCHC"
    response = Client().get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert SEED_TITLE in page
    assert "11/07/2019 5:01:36 CH" in page
    # The photos stand where they stood, each followed by its caption.
    parts = article.body_with_figures()
    kinds = [part.image.caption if part.image else "text" for part in parts]
    assert kinds == ["text", CAPTION_1, "text", "text", CAPTION_2, "text"]
    assert page.index(CAPTION_1) < page.index("72,23") < page.index(CAPTION_2)
    assert article.summary.startswith("Chiều ngày 10/7/2019")
    assert rows[old_site.url(SEED)]["new address"] == article.get_absolute_url()


def test_links_to_imported_pages_and_photos_are_rewritten(old_site, paths, tmp_path):
    run_import(old_site, [SEED, OTHER], tmp_path, "--publish")
    seed = Article.objects.get(title=SEED_TITLE)
    other = Article.objects.exclude(pk=seed.pk).get()
    # The seed came first: its link to the other page is rewritten once that one is in.
    assert f'href="{other.get_absolute_url()}"' in seed.body
    assert f'href="{seed.get_absolute_url()}"' in other.body
    photo = seed.images.get(caption=CAPTION_2)
    assert f'href="{photo.image.url}"' in seed.body
    assert old_site.base not in seed.body


def test_old_address_answers_301_however_the_query_is_written(old_site, paths, tmp_path):
    run_import(old_site, [SEED], tmp_path, "--publish")
    article = Article.objects.get()
    client = Client()
    for address in (SEED, "/default.aspx?ID=120&TabId=57", SEED + "&utm_source=zalo"):
        response = client.get(address)
        assert response.status_code == 301, address
        assert response["Location"] == article.get_absolute_url()
    assert client.get("/Default.aspx?tabid=57&ID=999").status_code == 404


def test_remembered_redirect_spends_no_rate_limit_budget(old_site, paths, tmp_path, settings):
    run_import(old_site, [SEED], tmp_path, "--publish")
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMIT_BURST = 2
    settings.RATE_LIMIT_PER_MINUTE = 0.001
    client = Client()
    assert client.get(SEED).status_code == 301  # a 404 inside: one token
    for _ in range(10):
        assert client.get(SEED).status_code == 301  # remembered: no token, no query
    assert client.get("/Default.aspx?tabid=1").status_code == 404
    assert client.get("/Default.aspx?tabid=2").status_code == 429


def test_ordinary_pages_cost_no_extra_query(
    old_site, paths, tmp_path, settings, django_assert_num_queries
):
    """The same queries with the redirect middleware as without it."""
    run_import(old_site, [SEED], tmp_path, "--publish")
    article = Article.objects.get()
    settings.PAGE_CACHE_ENABLED = False
    client = Client()
    with_it = list(settings.MIDDLEWARE)
    without = [m for m in with_it if m != "importer.middleware.OldAddressRedirectMiddleware"]
    assert len(without) == len(with_it) - 1
    for address in (article.get_absolute_url(), "/", "/tin-tuc/"):
        client.get(address)  # per-process memos warmed
        settings.MIDDLEWARE = without
        with CaptureQueriesContext(connection) as plain:
            assert client.get(address).status_code == 200
        settings.MIDDLEWARE = with_it
        with django_assert_num_queries(len(plain.captured_queries)):
            assert client.get(address).status_code == 200


def test_awkward_pages_are_imported_with_a_warning_or_reported(old_site, paths, tmp_path):
    names = ["no_date", "other_date", "photo_404", "broken_image", "styled", "cp1258", "utf16",
             "no_title", "enormous", "gone"]  # fmt: skip
    output, rows = run_import(old_site, [paths[name] for name in names], tmp_path, "--publish")
    row = {name: rows[old_site.url(paths[name])] for name in names}
    assert row["no_date"]["status"] == "created"
    assert "date missing" in row["no_date"]["warnings"]
    undated = Article.objects.get(title="Thông báo lịch tiếp công dân")
    assert undated.status == Article.Status.DRAFT and undated.published_at is None
    dated = Article.objects.get(title="Kế hoạch đo lường sự hài lòng")
    assert dated.status == Article.Status.PUBLISHED
    assert f"{timezone.localtime(dated.published_at):%Y-%m-%d %H:%M}" == "2020-03-05 14:30"
    assert "photo missing" in row["photo_404"]["warnings"]
    assert "404" in row["photo_404"]["warnings"]
    assert "photo unreadable" in row["broken_image"]["warnings"]
    assert not ArticleImage.objects.exists()
    styled = Article.objects.get(title="Hội nghị tổng kết ngành Nội vụ")
    for forbidden in ("<script", "style=", "<font", "onclick", "javascript:", "<span", "__xss"):
        assert forbidden not in styled.body
    assert "Phương hướng năm tới." in styled.body
    assert Article.objects.filter(title="Công bố chỉ số PCI").exists()
    assert (
        "Chỉ số năng lực cạnh tranh cấp tỉnh"
        in Article.objects.get(title="Công bố chỉ số PCI").body
    )
    assert Article.objects.filter(title="Họp Ban chỉ đạo cải cách hành chính").exists()
    for name, reason in (("no_title", "no title"), ("enormous", "larger than"), ("gone", "404")):
        assert row[name]["status"] == "unreadable"
        assert reason in row[name]["warnings"], row[name]
    # Nothing half-written: exactly the readable pages are articles, each with its old address.
    assert Article.objects.count() == 7 == ImportedPage.objects.count()
    assert "unreadable" in output


def test_dry_run_writes_nothing_and_says_what_it_would_do(old_site, paths, tmp_path, settings):
    before = counts()
    media = settings.MEDIA_ROOT
    import os

    files_before = sum(len(f) for _, _, f in os.walk(media))
    output, rows = run_import(
        old_site, [SEED, paths["gone"], paths["photo_404"]], tmp_path, "--dry-run", "--publish"
    )
    assert counts() == before
    assert sum(len(f) for _, _, f in os.walk(media)) == files_before
    assert output.startswith("Dry run, nothing written")
    assert rows[old_site.url(SEED)]["status"] == "created"
    assert rows[old_site.url(paths["gone"])]["status"] == "unreadable"
    assert "photo missing" in rows[old_site.url(paths["photo_404"])]["warnings"]


def test_a_second_run_changes_nothing_and_a_changed_page_is_updated_in_place(
    old_site, paths, tmp_path
):
    run_import(old_site, [SEED, OTHER], tmp_path, "--publish")
    first = {a.pk: (a.updated_at, a.body) for a in Article.objects.all()}
    images = set(ArticleImage.objects.values_list("pk", flat=True))
    _, rows = run_import(old_site, [SEED, OTHER], tmp_path, "--publish", name="second.csv")
    assert {row["status"] for row in rows.values()} == {"unchanged"}
    assert {a.pk: (a.updated_at, a.body) for a in Article.objects.all()} == first
    assert set(ArticleImage.objects.values_list("pk", flat=True)) == images
    # The old page changes: the same article is updated, not duplicated.
    status, content_type, content = old_site.pages[OTHER]
    old_site.pages[OTHER] = (status, content_type, content.replace(b"57.", b"57 (updated)."))
    _, rows = run_import(old_site, [SEED, OTHER], tmp_path, "--publish", name="third.csv")
    assert rows[old_site.url(OTHER)]["status"] == "updated"
    assert rows[old_site.url(SEED)]["status"] == "unchanged"
    assert Article.objects.count() == 2
    assert "(updated)" in Article.objects.get(title__contains="2017").body


def test_an_interrupted_run_resumes_where_it_stopped(old_site, paths, tmp_path):
    listing = tmp_path / "addresses.txt"
    run = ImportRun.objects.create(source=str(listing), profile="laichau", status="interrupted")
    ImportRunPage.objects.create(run=run, url=old_site.url(OTHER), status="unreadable")
    output, rows = run_import(old_site, [SEED, OTHER], tmp_path, "--resume")
    assert "Resuming run" in output
    assert rows[old_site.url(OTHER)]["status"] == "unreadable"  # from before, not fetched
    assert rows[old_site.url(SEED)]["status"] == "created"
    assert all(old_site.url(OTHER) != old_site.url(p) for p, _ in old_site.requests)
    assert ImportRun.objects.get().status == "finished"


def test_the_run_is_in_the_audit_trail_and_requests_are_polite(old_site, paths, tmp_path):
    run_import(old_site, [SEED], tmp_path)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT_RUN)
    assert "created: 1" in entry.details
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ARTICLE_CREATED).count() == 1
    assert Article.objects.get().status == Article.Status.DRAFT  # no --publish: a draft
    assert {agent for _, agent in old_site.requests} == {
        "CCHC-portal-importer/1.0 (+moving the archive of the old portal)"
    }


def test_sitemap_and_folder_sources(old_site, paths, tmp_path):
    old_site.add_sitemap("/sitemap.xml", [SEED, OTHER])
    out = StringIO()
    sitemap = old_site.url("/sitemap.xml")
    call_command(
        "import_portal", sitemap, "--delay=0", f"--report={tmp_path / 'a.csv'}", stdout=out
    )
    assert "2 created" in out.getvalue()
    # Saved pages, as wget leaves them, read as the same site: nothing new.
    folder = tmp_path / "saved"
    for path in (SEED, OTHER):
        name = path.lstrip("/").replace("?", "@")
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(old_site.pages[path][2])
    for photo in ("hoi-nghi-1.jpg", "hoi-nghi-2.jpg"):
        target = folder / "Portals/0/Images/2019" / photo
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(old_site.pages[f"/Portals/0/Images/2019/{photo}"][2])
    out = StringIO()
    call_command(
        "import_portal", str(folder), "--folder", f"--base-url={old_site.base}/",
        f"--report={tmp_path / 'b.csv'}", stdout=out,
    )  # fmt: skip
    assert "2 unchanged" in out.getvalue(), out.getvalue()
    assert Article.objects.count() == 2


def test_a_page_failing_half_way_leaves_nothing(old_site, paths, tmp_path, settings):
    """The photo cannot be stored (the media folder is a file): the article saved before it
    in the same transaction is rolled back, and the page is reported as skipped."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = str(blocker)
    before = counts()
    output, rows = run_import(old_site, [SEED, paths["no_date"]], tmp_path, "--publish")
    assert rows[old_site.url(SEED)]["status"] == "skipped", output
    assert "not saved" in rows[old_site.url(SEED)]["warnings"]
    assert rows[old_site.url(paths["no_date"])]["status"] == "created"  # no photo: fine
    after = counts()
    assert after["Article"] == before["Article"] + 1
    assert after["ImportedPage"] == before["ImportedPage"] + 1
    assert not Article.objects.filter(title=SEED_TITLE).exists()
    assert after["ArticleImage"] == before["ArticleImage"] == 0
