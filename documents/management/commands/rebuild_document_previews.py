"""`manage.py rebuild_document_previews`: make the missing text and preview pages of files."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from documents.models import ArticleAttachment, DocumentFile
from documents.processing import process_stored_file


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Extract the text and render the preview pages of document files and article "
            "attachments that lack them (all of them with --force)."
        )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help=_("Redo every file."))

    def handle(self, *args, force=False, **options):
        done = 0
        for model in (DocumentFile, ArticleAttachment):
            for pk in model.objects.order_by("pk").values_list("pk", flat=True):
                done += process_stored_file(model, pk, force=force)
        if options["verbosity"] >= 1:
            self.stdout.write(_("%(count)d file(s) processed.") % {"count": done})
