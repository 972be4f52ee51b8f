"""`manage.py load_demo`: fill the portal with demo content, as often as you like."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from core import pagecache

# Each app with demo content adds its loader here: a function taking no arguments that writes
# its rows idempotently and returns {label: tally}, where str(tally) reads well in a summary.
DEMO_LOADERS = (
    "core.demo_content.load",
    "news.demo.load",
    "indices.demo.load",
    "documents.demo.load",
    "participation.demo.load",
    "topics.demo.load",
    "organisation.demo.load",
)


class Command(BaseCommand):
    @property
    def help(self):
        # Translated when the parser is built: argparse cannot format a lazy string.
        return _(
            "Load demo content (site settings, categories, articles, images, related news, "
            "reform indices and their results, assessed units and their scores). Running it "
            "again creates no duplicate rows and changes nothing more."
        )

    def handle(self, *args, **options):
        summary = {}
        with transaction.atomic():
            for path in DEMO_LOADERS:
                summary.update(import_string(path)())
            # Loaders may write with update(), which no signal sees.
            pagecache.invalidate_all()
        if options["verbosity"] >= 1:
            for label, tally in summary.items():
                self.stdout.write(f"  {label}: {tally}")
            self.stdout.write(self.style.SUCCESS(_("Demo content loaded.")))
