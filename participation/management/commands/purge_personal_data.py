"""Erase what the retention period no longer allows keeping (run it daily from cron):

    python manage.py purge_personal_data

Closed submissions unchanged for PARTICIPATION_RETENTION_DAYS lose their name, email, phone
and attachment (the question and the answer stay); spam older than
PARTICIPATION_SPAM_RETENTION_DAYS is deleted. Each erasure is in the audit trail. Running it
twice does nothing the second time."""

from django.core.management.base import BaseCommand

from participation.services import purge_personal_data


class Command(BaseCommand):
    help = "Blank the personal data of closed submissions past retention; delete old spam."

    def handle(self, *args, **options):
        blanked, deleted = purge_personal_data()
        self.stdout.write(f"{blanked} submission(s) blanked, {deleted} spam submission(s) deleted.")
