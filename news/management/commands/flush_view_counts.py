"""`manage.py flush_view_counts`: write the article reads buffered in the cache to the database."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from news.viewcounts import flush_view_counts


class Command(BaseCommand):
    @property
    def help(self):
        return _("Write the article reads counted in the cache to the database.")

    def handle(self, *args, **options):
        written = flush_view_counts()
        if options["verbosity"] >= 1:
            self.stdout.write(_("Article reads written: %(count)d") % {"count": written})
