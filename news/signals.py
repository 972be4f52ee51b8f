from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import ArticleImage
from .services import refresh_thumbnail


@receiver(post_save, sender=ArticleImage)
def make_thumbnail_after_commit(sender, instance, raw=False, **kwargs):
    if not raw:
        transaction.on_commit(partial(refresh_thumbnail, image_id=instance.pk))
