"""Writes that go beyond one model's save()."""

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.images import make_thumbnail, thumbnail_name

from .models import Article, ArticleImage

logger = logging.getLogger(__name__)


def refresh_thumbnail(*, image_id: int) -> None:
    """Make the list-page thumbnail of one article photo when it is missing or stale.

    Runs after the photo's transaction has committed (see `news.signals`). A photo that
    cannot be read keeps no thumbnail — list pages then show the photo itself — and the
    failure is logged: the editor's save has already succeeded and must not turn into an error.
    """
    image = ArticleImage.objects.filter(pk=image_id).first()
    if image is None or not image.image:
        return
    wanted = thumbnail_name(image.image.name)
    if image.thumbnail.name == wanted and default_storage.exists(wanted):
        return
    if not default_storage.exists(wanted):
        try:
            with image.image.open("rb") as source:
                content = make_thumbnail(source)
        except (OSError, ValueError, SyntaxError):
            logger.exception("Could not make a thumbnail of %s", image.image.name)
            return
        wanted = default_storage.save(wanted, ContentFile(content))
    ArticleImage.objects.filter(pk=image_id).update(thumbnail=wanted)


@transaction.atomic
def publish_articles(*, articles, actor, now=None) -> int:
    """Publish `articles` (a queryset) in one statement; an article without a publication
    time gets `now`, a scheduled one keeps its time. Returns how many were changed."""
    now = now or timezone.now()
    return articles.update(
        status=Article.Status.PUBLISHED,
        published_at=Coalesce("published_at", Value(now)),
        updated_at=now,
        updated_by=actor,
    )


@transaction.atomic
def unpublish_articles(*, articles, actor) -> int:
    """Take `articles` (a queryset) off the site, back to drafts. Returns how many."""
    return articles.update(status=Article.Status.DRAFT, updated_at=timezone.now(), updated_by=actor)
