from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import ArticleImage
from .services import delete_photo_files, refresh_thumbnail


@receiver(post_save, sender=ArticleImage)
def make_thumbnail_after_commit(sender, instance, raw=False, **kwargs):
    if not raw:
        transaction.on_commit(partial(refresh_thumbnail, image_id=instance.pk))


def _files_of(row) -> dict:
    return {
        "image_name": row.image.name,
        "renditions": row.renditions,
        "thumbnail": row.thumbnail.name,
    }


@receiver(pre_save, sender=ArticleImage)
def delete_replaced_photo_after_commit(sender, instance, raw=False, **kwargs):
    """A photo given a new file: the old file and its renditions go once the change commits."""
    if raw or instance.pk is None:
        return
    stored = ArticleImage.objects.filter(pk=instance.pk).only("image", "renditions", "thumbnail")
    stored = stored.first()
    if stored is not None and stored.image.name != instance.image.name:
        transaction.on_commit(partial(delete_photo_files, **_files_of(stored)))


@receiver(post_delete, sender=ArticleImage)
def delete_photo_files_after_commit(sender, instance, **kwargs):
    transaction.on_commit(partial(delete_photo_files, **_files_of(instance)))
