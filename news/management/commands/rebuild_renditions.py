"""`manage.py rebuild_renditions`: make the missing or stale renditions of article photos."""

from django.core.management.base import BaseCommand
from django.db.models import Min
from django.utils.translation import gettext as _

from news.models import ArticleImage
from news.services import refresh_renditions


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Make the renditions (480, 960 and 1600 pixels wide, WebP and JPEG) of every "
            "article photo whose renditions are missing, incomplete or made by an older "
            "recipe. Photos whose renditions are current are left alone."
        )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help=_("Make every rendition again."))

    def handle(self, *args, force=False, **options):
        # One row per stored file: rows that share a file share its renditions.
        sources = (
            ArticleImage.objects.exclude(image="")
            .values("image")
            .annotate(first=Min("pk"))
            .order_by("image")
        )
        made = checked = 0
        for source in sources.iterator():
            checked += 1
            made += refresh_renditions(image_id=source["first"], force=force)
        if options["verbosity"] >= 1:
            self.stdout.write(
                _("%(checked)d photo files checked, %(made)d given new renditions.")
                % {"checked": checked, "made": made}
            )
