"""Writes that go beyond one model's save(), and the article workflow.

Every workflow transition is one function here, made by the article's workflow
(`Article.workflow`, core.workflow): it checks that the actor may make it (else
PermissionDenied), that the article's status allows it (else ValidationError), records who did
it and when on the article and in the audit trail, and keeps a revision.
"""

import logging

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from reversion.errors import RevertError
from reversion.models import Version

from audit.models import AuditEntry
from audit.services import record
from core import pagecache
from core.images import (
    READERS,
    RENDITION_FORMATS,
    RENDITION_VERSION,
    make_rendition,
    rendition_name,
    rendition_plan,
)
from core.templatetags.portal import vn_datetime

from .models import Article, ArticleImage, Category

logger = logging.getLogger(__name__)
Transition = Article.Transition

# What a restored revision never takes back: where the article is in the workflow, and who
# made it. Restoring brings back the content (text, category, photos, related links).
WORKFLOW_FIELDS = (
    "status",
    "published_at",
    "submitted_at",
    "submitted_by_id",
    "reviewed_at",
    "reviewed_by_id",
    "review_comment",
    "created_at",
    "created_by_id",
)


def refresh_renditions(*, image_id: int, force: bool = False) -> bool:
    """Make the renditions (RENDITION_WIDTHS, WebP and JPEG) of one article photo when they
    are missing or stale, and record them on every photo row showing the same file; the
    480 JPEG is also the list-page thumbnail. Returns whether any file was written.

    Runs after the photo's transaction has committed (see `news.signals`) and from the
    `rebuild_renditions` command — never while a public page is being served. A photo that
    cannot be read keeps no renditions — pages then show the photo itself — and the failure
    is logged: the editor's save has already succeeded and must not turn into an error.
    The files of a replaced or deleted photo are removed by `delete_photo_files`.
    """
    image = ArticleImage.objects.filter(pk=image_id).first()
    if image is None or not image.image:
        return False
    made = force or not renditions_are_current(image)
    if made:
        try:
            files = make_renditions(image.image.name, storage=image.image.storage)
        except (OSError, ValueError, SyntaxError):
            logger.exception("Could not make a thumbnail of %s", image.image.name)
            return False
        record = {"version": RENDITION_VERSION, "source": image.image.name, "files": files}
    else:
        record = image.renditions
    # Rows sharing the file (generated articles reuse a few) share its renditions.
    updated = (
        ArticleImage.objects.filter(image=image.image.name)
        .exclude(renditions=record, thumbnail=record["files"][0]["jpg"])
        .update(renditions=record, thumbnail=record["files"][0]["jpg"])
    )
    if made or updated:
        pagecache.invalidate_all()  # update() sends no signal; pages show the renditions
    return made


# The name the post_save signal and older callers know.
def refresh_thumbnail(*, image_id: int) -> None:
    refresh_renditions(image_id=image_id)


def renditions_are_current(image: ArticleImage) -> bool:
    """Whether `image` records renditions of its current file, made by the current recipe,
    that are all in the storage (this last check reads the storage: commands only)."""
    record = image.renditions or {}
    if record.get("source") != image.image.name or record.get("version") != RENDITION_VERSION:
        return False
    names = derived_file_names(record, image.thumbnail.name)
    storage = image.image.storage
    return bool(names) and all(storage.exists(name) for name in names)


def make_renditions(name: str, *, storage) -> list[dict]:
    """Write every rendition of the stored photo `name`; return what `renditions` records
    ("files"). Files are written under names derived from the photo's, replacing older ones."""
    with storage.open(name, "rb") as source:
        with Image.open(source, formats=READERS) as picture:
            width, height = ImageOps.exif_transpose(picture).size
        files = []
        for slot, rendition_width in rendition_plan(width):
            entry = {"width": rendition_width, "height": round(height * rendition_width / width)}
            for extension in RENDITION_FORMATS:
                content = make_rendition(source, width=rendition_width, extension=extension)
                target = rendition_name(name, slot, extension)
                if storage.exists(target):
                    storage.delete(target)
                entry[extension] = storage.save(target, ContentFile(content))
            files.append(entry)
    return files


def derived_file_names(record: dict, thumbnail_name_: str = "") -> list[str]:
    """Every file a photo row names besides the photo: its renditions and thumbnail."""
    names = [
        file[extension]
        for file in (record or {}).get("files", [])
        for extension in RENDITION_FORMATS
        if file.get(extension)
    ]
    if thumbnail_name_:
        names.append(thumbnail_name_)
    return names


def delete_unused_files(names, *, storage=None) -> None:
    storage = storage or default_storage
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)


def delete_photo_files(*, image_name: str, renditions: dict, thumbnail: str) -> None:
    """Remove a photo's files once no row shows it any more (after a delete or a replace).

    Another photo row naming the same file (`generate_articles` reuses a few files) keeps
    them all. The renditions and thumbnail go (they can be made again); the photo itself
    stays while a revision names it, so that restoring that revision brings it back whole.
    """
    if not image_name or ArticleImage.objects.filter(image=image_name).exists():
        return
    delete_unused_files(derived_file_names(renditions, thumbnail))
    named_by_revision = Version.objects.get_for_model(ArticleImage).filter(
        serialized_data__contains=image_name
    )
    if not named_by_revision.exists():
        delete_unused_files([image_name])


def prepare_for_bulk(article: Article) -> Article:
    """Fill what `Article.save()` would fill, for an article about to be `bulk_create()`d
    (which skips `save()`): the publication time of a published article. Callers set a
    unique slug themselves (`unique_slug` would cost a query per article).

    Every bulk writer of articles calls this, so anything else derived on save belongs here
    too. The body and the folded search columns need nothing: `RichTextField` sanitizes in
    `get_prep_value` and `SearchTextField` folds in `pre_save`, both of which `bulk_create()`
    calls.
    """
    if article.status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    return article


# The workflow transitions: each is `Article.workflow.move` (core.workflow), which checks the
# actor and the status, writes, keeps a revision and records the audit entry in one
# transaction. These names are what the rest of the code and the tests call.


def submit_article(*, article: Article, actor, now=None) -> Article:
    """draft/unpublished → pending: the author (or a publisher) asks for review."""
    return Article.workflow.move(article, Transition.SUBMIT, actor=actor, now=now)


def return_article(*, article: Article, actor, comment: str, now=None) -> Article:
    """pending → draft: a publisher sends the article back to its author with a comment."""
    return Article.workflow.move(article, Transition.RETURN, actor=actor, now=now, comment=comment)


def publish_article(*, article: Article, actor, now=None) -> Article:
    """draft/pending/unpublished → published. Without a publication time it is published now;
    with a future one it is scheduled and appears by itself at that time."""
    return Article.workflow.move(article, Transition.PUBLISH, actor=actor, now=now)


def unpublish_article(*, article: Article, actor, now=None) -> Article:
    """published (or scheduled) → unpublished: off the site, kept for later."""
    return Article.workflow.move(article, Transition.UNPUBLISH, actor=actor, now=now)


def publish_articles(*, articles, actor, now=None) -> int:
    """Publish each article of `articles` (a queryset) that may be published, exactly as
    `publish_article` does: without a time it is published now, with a future one scheduled,
    each with its revision and audit entry. Returns how many were published."""
    return Article.workflow.move_all(articles, Transition.PUBLISH, actor=actor, now=now)


def unpublish_articles(*, articles, actor, now=None) -> int:
    """Take the published (or scheduled) articles of `articles` off the site, each as
    `unpublish_article` does. Returns how many."""
    return Article.workflow.move_all(articles, Transition.UNPUBLISH, actor=actor, now=now)


def delete_article(*, article: Article, actor) -> None:
    """Delete an article: publishers any, editors only their own that are not published."""
    Article.workflow.delete(article, actor=actor)


def _require_publisher(actor) -> None:
    if not Article.workflow.is_publisher(actor):
        raise PermissionDenied


@transaction.atomic
def restore_article_revision(*, article: Article, version, actor) -> Article:
    """Bring back the content of an earlier revision (text, photos, related links) as a new
    revision. The workflow state stays as it is now: restoring never publishes or unpublishes,
    and the address of a published article never changes."""
    _require_publisher(actor)
    if not actor.has_perm("news.change_article"):
        raise PermissionDenied
    if version.object_id != str(article.pk) or version.content_type.model_class() is not Article:
        raise ValidationError(_("This revision belongs to another article."))
    kept = {name: getattr(article, name) for name in WORKFLOW_FIELDS}
    if article.slug_is_locked:
        kept["slug"] = article.slug
    when = vn_datetime(version.revision.date_created)
    with reversion.create_revision():
        try:
            version.revision.revert(delete=True)
        except RevertError as error:
            raise ValidationError(
                _("This revision can no longer be restored: %(error)s") % {"error": error}
            ) from error
        article.refresh_from_db()
        # The revision may name a category deleted since: the database would refuse it only
        # at commit (its foreign keys are checked then), as a server error. Refuse it here;
        # raising rolls the whole restore back.
        if not Category.objects.filter(pk=article.category_id).exists():
            raise ValidationError(
                _(
                    "This revision can no longer be restored: its category has been deleted. "
                    "Choose a later revision, or edit the article instead."
                )
            )
        for name, value in kept.items():
            setattr(article, name, value)
        article.updated_by = actor
        article.save()
        reversion.set_user(actor)
        reversion.set_comment(_("Restored the revision of %(when)s.") % {"when": when})
    record(
        actor=actor,
        action=AuditEntry.Action.ARTICLE_RESTORED,
        target=article,
        details=_("Revision of %(when)s") % {"when": when},
    )
    return article
