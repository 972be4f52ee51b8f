"""Importing old pages: each page read (in worker threads: network and parsing only), then
written in its own transaction (in the main thread), and reported.

Writes go through the models' own save(), so the body is sanitized by the editor's sanitizer
(`RichTextField`), photos are checked by decoding and re-encoded (`CleanImageField`), the
search columns are folded and the page cache is invalidated, exactly as for an editor's save.
"""

import html
import re
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import record
from core import pagecache
from core.files import discard_stored_files_on_error
from core.htmlblocks import split_top_level_blocks
from core.images import CleanImage, clean_image
from news.models import Article, ArticleImage, Category

from .addresses import key_hash, key_of_url, old_address
from .models import ImportedPage, ImportRun, ImportRunPage
from .parsing import PageData, UnreadablePage, read_page
from .profiles import Profile

Status = ImportRunPage.Status
HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)


@dataclass
class ReadyPhoto:
    url: str
    alt: str
    caption: str
    after_block: int
    image: CleanImage


@dataclass
class Prepared:
    """One page read and its photos fetched and checked, ready to be written."""

    url: str
    data: PageData | None = None
    content_hash: str = ""
    photos: list[ReadyPhoto] = field(default_factory=list)
    error: str = ""
    unchanged: bool = False


@dataclass
class Outcome:
    url: str
    status: str
    new_url: str = ""
    warnings: list[str] = field(default_factory=list)
    article_id: int | None = None


class Importer:
    def __init__(
        self,
        *,
        profile: Profile,
        fetcher,
        publish: bool = False,
        dry_run: bool = False,
        actor=None,
        run: ImportRun | None = None,
        concurrency: int = 4,
    ):
        self.profile, self.fetcher = profile, fetcher
        self.publish, self.dry_run, self.actor, self.run = publish, dry_run, actor, run
        self.concurrency = max(1, concurrency)
        self.known_hashes: dict[str, str] = {}
        self.categories: dict[str, Category] = {}
        self.with_old_links: set[int] = set()

    # --- Reading (worker threads: no database) ---------------------------------------------

    def prepare(self, url: str) -> Prepared:
        fetched = self.fetcher.get(url)
        if not fetched.ok:
            return Prepared(url, error=f"page not read: {fetched.error or fetched.status}")
        if fetched.content_type and "html" not in fetched.content_type:
            return Prepared(url, error=f"not an HTML page ({fetched.content_type})")
        try:
            data = read_page(fetched.content, url, self.profile, charset=fetched.charset)
        except UnreadablePage as error:
            return Prepared(url, error=str(error))
        except Exception as error:  # a parser's failure on one page must not stop the run
            return Prepared(url, error=f"page not understood: {type(error).__name__}: {error}")
        prepared = Prepared(url, data=data, content_hash=data.content_hash(self.profile))
        if self.known_hashes.get(key_hash(key_of_url(url))) == prepared.content_hash:
            prepared.unchanged = True
            return prepared
        for photo in data.photos:
            got = self.fetcher.get(photo.url, max_bytes=settings.IMAGE_UPLOAD_MAX_BYTES)
            if not got.ok:
                data.warnings.append(f"photo missing: {photo.url} ({got.error or got.status})")
                continue
            try:
                image = clean_image(ContentFile(got.content, name="photo"))
            except ValidationError as error:
                data.warnings.append(f"photo unreadable: {photo.url} ({' '.join(error.messages)})")
                continue
            prepared.photos.append(
                ReadyPhoto(photo.url, photo.alt, photo.caption, photo.after_block, image)
            )
        return prepared

    def prepared_pages(self, urls: Iterable[str]):
        """`prepare` of each address, `concurrency` at a time, in the order given."""
        self.known_hashes = dict(ImportedPage.objects.values_list("address_hash", "content_hash"))
        urls = iter(urls)
        window = self.concurrency * 4
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            pending = deque()
            for url in urls:
                pending.append(pool.submit(self.prepare, url))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

    # --- Writing (main thread) -------------------------------------------------------------

    def write(self, prepared: Prepared) -> Outcome:
        if prepared.error:
            return self._log(Outcome(prepared.url, Status.UNREADABLE, warnings=[prepared.error]))
        data = prepared.data
        key = key_of_url(prepared.url)
        existing = ImportedPage.objects.for_key(key).select_related("article").first()
        if existing and existing.content_hash == prepared.content_hash:
            article = existing.article
            return self._log(
                Outcome(prepared.url, Status.UNCHANGED, article.get_absolute_url(), [], article.pk)
            )
        status = Status.UPDATED if existing else Status.CREATED
        if self.dry_run:
            return Outcome(prepared.url, status, warnings=data.warnings)
        try:
            with transaction.atomic(), discard_stored_files_on_error():
                outcome = self._save(prepared, existing, key, status)
                self._log(outcome)
        except (DatabaseError, ValidationError, OSError) as error:
            # A category made in the rolled-back transaction is gone with it.
            self.categories.clear()
            return self._log(
                Outcome(prepared.url, Status.SKIPPED, warnings=[f"not saved: {error}"[:500]])
            )
        return outcome

    def _category(self, name: str, old_name: str) -> Category:
        """Ours named `name` (a slug or a name); missing, it is created with the old site's
        name (and `name` as its slug when `name` is one)."""
        if name not in self.categories:
            category = (
                Category.objects.filter(slug=name).first()
                or Category.objects.filter(name=name).first()
            )
            if category is None:
                is_slug = bool(re.fullmatch(r"[a-z0-9-]+", name))
                category = Category(name=old_name or name, slug=name if is_slug else "")
                category.save()
            self.categories[name] = category
        return self.categories[name]

    def _save(self, prepared: Prepared, existing, key: str, status: str) -> Outcome:
        data = prepared.data
        warnings = list(data.warnings)
        if existing:
            article = existing.article
        else:
            article = Article(created_by=self.actor, status=Article.Status.DRAFT)
            if self.publish and data.published_at:
                article.status = Article.Status.PUBLISHED
        article.title = data.title
        article.summary = data.summary or data.title
        article.category = self._category(data.category, data.old_category)
        article.published_at = data.published_at
        if article.status == Article.Status.PUBLISHED and not data.published_at:
            article.status = Article.Status.DRAFT
        article.updated_by = self.actor
        article.body = data.body
        article.save()
        if existing:
            for image in article.images.all():
                image.delete()
        photo_urls = {}
        blocks = len(split_top_level_blocks(article.body))
        for order, photo in enumerate(prepared.photos):
            content = ContentFile(photo.image.content, name=f"photo.{photo.image.extension}")
            content._clean_image = photo.image  # checked and re-encoded already
            image = ArticleImage(
                article=article,
                image=content,
                caption=photo.caption[:500],
                alt_text=photo.alt[:300] or data.title[:300],
                after_paragraph=min(max(photo.after_block, 1), blocks) if blocks else None,
                order=order,
            )
            image.save()
            photo_urls[key_of_url(photo.url)] = image.image.url
        body = self.rewrite_links(article.body, prepared.url, photo_urls)
        if body != article.body:
            self._set_body(article, body)
        page = existing or ImportedPage(
            source_url=prepared.url, old_address=old_address(prepared.url), article=article
        )
        page.address_key = key
        page.content_hash = prepared.content_hash
        page.last_run = self.run
        page.updated_at = timezone.now()
        page.save()
        action = AuditEntry.Action.ARTICLE_EDITED if existing else AuditEntry.Action.ARTICLE_CREATED
        record(actor=self.actor, action=action, target=article, details=f"import: {prepared.url}")
        return Outcome(prepared.url, status, article.get_absolute_url(), warnings, article.pk)

    def rewrite_links(self, body: str, page_url: str, photo_urls: dict[str, str]) -> str:
        """Links to the old site in `body`: to an imported article, its new address; to an
        imported photo, its copy; to any other page of the old site, its old path and query,
        which the portal answers with a 301 once that page is imported too."""
        host = urlsplit(page_url).netloc
        targets = {}
        for match in HREF.finditer(body):
            href = html.unescape(match.group(2))
            parts = urlsplit(urljoin(page_url, href))
            if parts.netloc == host and parts.scheme in {"http", "https"}:
                targets[href] = key_of_url(parts.geturl())
        if not targets:
            return body
        found = dict(
            ImportedPage.objects.filter(
                address_hash__in={key_hash(key) for key in targets.values()}
            ).values_list("address_hash", "article__slug")
        )
        unresolved = False

        def replace(match):
            nonlocal unresolved
            href = html.unescape(match.group(2))
            if href not in targets:
                return match.group(0)
            key = targets[href]
            if key in photo_urls:
                new = photo_urls[key]
            elif key_hash(key) in found:
                new = Article(slug=found[key_hash(key)]).get_absolute_url()
            else:
                new = old_address(urljoin(page_url, href))
                unresolved = True
            return match.group(1) + html.escape(new) + match.group(3)

        body = HREF.sub(replace, body)
        if unresolved:
            self.with_old_links.add(page_url)
        return body

    def relink(self) -> int:
        """Once every page is in: the links left pointing at old addresses of pages imported
        since are given their new addresses. Returns how many articles changed."""
        changed = 0
        for url in sorted(self.with_old_links):
            page = ImportedPage.objects.for_key(key_of_url(url)).select_related("article").first()
            if page is None:
                continue
            article = page.article
            body = self.rewrite_links(article.body, url, {})
            if body != article.body:
                self._set_body(article, body)
                changed += 1
        if changed:
            pagecache.invalidate_all()
        return changed

    @staticmethod
    def _set_body(article: Article, body: str) -> None:
        """Only links changed: their addresses are not in the folded search text, so one
        UPDATE does (RichTextField sanitizes it on the way); the article's own save has
        already dropped the cached pages, `relink` drops them once more at its end."""
        article.body = body
        Article.objects.filter(pk=article.pk).update(body=body, updated_at=timezone.now())

    def _log(self, outcome: Outcome) -> Outcome:
        if self.run is not None and not self.dry_run:
            ImportRunPage.objects.create(
                run=self.run,
                url=outcome.url,
                status=outcome.status,
                new_url=outcome.new_url,
                warnings="; ".join(outcome.warnings),
            )
        return outcome

    def import_all(
        self, urls: list[str], *, progress: Callable[[Outcome], None] | None = None
    ) -> list[Outcome]:
        outcomes = []
        for prepared in self.prepared_pages(urls):
            outcome = self.write(prepared)
            outcomes.append(outcome)
            if progress:
                progress(outcome)
        if not self.dry_run:
            self.relink()
        return outcomes


def finish_run(run: ImportRun, outcomes: list[Outcome], *, status: str) -> None:
    counts = {}
    for outcome in run.pages.values_list("status", flat=True):
        counts[outcome] = counts.get(outcome, 0) + 1
    run.counts = counts
    run.status = status
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save()
        record(
            actor=run.actor,
            action=AuditEntry.Action.IMPORT_RUN,
            target=run,
            details=f"{run.source} ({run.profile}): {run.summary()}; {status}",
        )
