"""`manage.py import_portal SOURCE`: bring the old portal's articles in (docs/import.md)."""

import csv
import sys
from datetime import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from importer.fetching import USER_AGENT, FolderFetcher, HttpFetcher, list_addresses
from importer.models import ImportRun, ImportRunPage
from importer.profiles import DEFAULT_PROFILE, load_profile
from importer.services import Importer, finish_run

REPORT_COLUMNS = ["old address", "new address", "status", "warnings"]


class Command(BaseCommand):
    help = (
        "Import the old portal's articles from a sitemap.xml or RSS address, a text file of "
        "page addresses, or a folder of saved pages (--folder), with a profile saying how "
        "to read them. Re-runs update in place; --dry-run writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            help="A sitemap or RSS feed address (http…), a text file of page addresses one a "
            "line, or with --folder a folder of saved pages.",
        )
        parser.add_argument("--folder", action="store_true", help="SOURCE is a folder.")
        parser.add_argument(
            "--base-url", default="", help="With --folder: the old site's address (http://…/)."
        )
        parser.add_argument("--profile", default=DEFAULT_PROFILE, help="Name, .toml or class.")
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish new articles at their original time (default: drafts).",
        )
        parser.add_argument("--resume", action="store_true", help="Continue the last run.")
        parser.add_argument("--concurrency", type=int, default=4, help="Requests at once.")
        parser.add_argument(
            "--delay", type=float, default=0.25, help="Seconds between two requests started."
        )
        parser.add_argument("--retries", type=int, default=2)
        parser.add_argument("--timeout", type=float, default=20.0, help="Seconds per request.")
        parser.add_argument("--user-agent", default=USER_AGENT)
        parser.add_argument(
            "--max-page-bytes", type=int, default=5 * 1024 * 1024, help="Larger pages: skipped."
        )
        parser.add_argument("--limit", type=int, default=0, help="Import at most N pages.")
        parser.add_argument("--report", default="", help="CSV report (default: import-*.csv).")
        parser.add_argument("--user", default="", help="The staff account the import is by.")

    def handle(self, *args, **options):
        try:
            profile = load_profile(options["profile"])
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"No account named {options['user']!r}.")
        if options["folder"]:
            if not options["base_url"]:
                raise CommandError("--folder needs --base-url (the old site's address).")
            if not Path(options["source"]).is_dir():
                raise CommandError(f"No folder {options['source']}.")
            fetcher = FolderFetcher(
                Path(options["source"]), options["base_url"], max_bytes=options["max_page_bytes"]
            )
            urls = fetcher.pages()
        else:
            fetcher = HttpFetcher(
                delay=options["delay"],
                timeout=options["timeout"],
                retries=options["retries"],
                max_bytes=options["max_page_bytes"],
                user_agent=options["user_agent"],
            )
            try:
                urls = list_addresses(fetcher, options["source"])
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot list the pages: {error}") from error
        if options["limit"]:
            urls = urls[: options["limit"]]

        run = None
        if not options["dry_run"]:
            run = self._run(options, profile.name, actor)
            done = set(run.pages.values_list("url", flat=True))
            if done:
                self.stdout.write(f"Resuming run {run.pk}: {len(done)} pages already done.")
            urls = [url for url in urls if url not in done]

        importer = Importer(
            profile=profile,
            fetcher=fetcher,
            publish=options["publish"],
            dry_run=options["dry_run"],
            actor=actor,
            run=run,
            concurrency=options["concurrency"],
        )
        bar = tqdm(total=len(urls), unit="page", disable=not self.stdout.isatty(), file=sys.stdout)
        outcomes = []
        try:
            outcomes = importer.import_all(
                urls, progress=lambda outcome: (outcomes.append(outcome), bar.update())
            )
        except KeyboardInterrupt:
            bar.close()
            if run is not None:
                finish_run(run, outcomes, status=ImportRun.Status.INTERRUPTED)
                self._report(run, options)
            raise CommandError(
                "Interrupted: run the same command with --resume to go on."
            ) from None
        bar.close()
        if run is not None:
            finish_run(run, outcomes, status=ImportRun.Status.FINISHED)
            rows = [
                (page.url, page.new_url, page.status, page.warnings)
                for page in run.pages.order_by("pk")
            ]
        else:
            rows = [
                (outcome.url, outcome.new_url, outcome.status, "; ".join(outcome.warnings))
                for outcome in outcomes
            ]
        path = self._write_report(rows, options)
        if run is not None:
            run.report = str(path)
            run.save(update_fields=["report"])
        counts = {}
        for _url, _new, status, _warnings in rows:
            counts[status] = counts.get(status, 0) + 1
        prefix = "Dry run, nothing written: " if options["dry_run"] else ""
        summary = ", ".join(
            f"{counts.get(status, 0)} {status}" for status in ImportRunPage.Status.values
        )
        self.stdout.write(f"{prefix}{summary}. Report: {path}")
        for url, _new, status, warnings in rows:
            if status in {"unreadable", "skipped"} or warnings:
                self.stdout.write(f"  {status}: {url}: {warnings}")

    def _run(self, options, profile_name, actor) -> ImportRun:
        if options["resume"]:
            last = (
                ImportRun.objects.filter(source=options["source"])
                .exclude(status=ImportRun.Status.FINISHED)
                .first()
            )
            if last is not None:
                last.status = ImportRun.Status.RUNNING
                last.save(update_fields=["status"])
                return last
        return ImportRun.objects.create(
            source=options["source"],
            profile=profile_name,
            publish=options["publish"],
            actor=actor,
        )

    def _report(self, run, options):
        rows = [(p.url, p.new_url, p.status, p.warnings) for p in run.pages.order_by("pk")]
        return self._write_report(rows, options)

    def _write_report(self, rows, options) -> Path:
        path = Path(options["report"] or f"import-{datetime.now():%Y%m%d-%H%M%S}.csv")
        with path.open("w", newline="", encoding="utf-8-sig") as file:
            writer = csv.writer(file)
            writer.writerow(REPORT_COLUMNS)
            writer.writerows(rows)
        return path
