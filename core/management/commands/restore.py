"""`manage.py restore ARCHIVE [--force]`: bring an empty installation to a backup's state."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Restore an archive written by `manage.py backup` into an empty installation "
            "(migrated, no content). The whole archive is checked against its manifest first: "
            "a damaged archive is refused and nothing is changed."
        )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Restore into an installation that has content: every row is deleted first."),
        )

    def handle(self, *args, archive, force, **options):
        if not archive.is_file():
            raise CommandError(_("No such archive: %(path)s") % {"path": archive})
        try:
            summary = restore_backup(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Restored %(objects)s rows and %(files)s files from %(path)s")
                    % {"objects": summary.objects, "files": summary.media_files, "path": archive}
                )
            )
