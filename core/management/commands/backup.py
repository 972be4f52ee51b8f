"""`manage.py backup [--output PATH]`: the database and every uploaded file in one archive."""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from core.backup import write_backup


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Write one .tar.gz archive holding the database (Django's JSON serialization, "
            "portable between SQLite and PostgreSQL), every file under MEDIA_ROOT and a "
            "manifest of their SHA-256 checksums. Restore it with `manage.py restore`."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help=_("Where to write the archive (default: cchc-backup-<date-time>.tar.gz here)."),
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            output = Path(f"cchc-backup-{datetime.now():%Y%m%d-%H%M%S}.tar.gz")
        summary = write_backup(output)
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Backup written: %(path)s (%(objects)s rows, %(files)s files, "
                        "%(size)s bytes)"
                    )
                    % {
                        "path": summary.path,
                        "objects": summary.objects,
                        "files": summary.media_files,
                        "size": summary.size,
                    }
                )
            )
