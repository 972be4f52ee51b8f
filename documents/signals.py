from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import ArticleAttachment, DocumentFile
from .processing import process_stored_file


@receiver(post_save, sender=DocumentFile)
@receiver(post_save, sender=ArticleAttachment)
def process_after_commit(sender, instance, raw=False, **kwargs):
    """Extract the text and render the preview once the upload is committed (and only when
    the file is new or not processed yet: saving the label again does nothing)."""
    if not raw and instance.processed_at is None:
        transaction.on_commit(partial(process_stored_file, sender, instance.pk))
