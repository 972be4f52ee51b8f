from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import Article

from .addresses import key_hash


class ImportRun(models.Model):
    """One run of `manage.py import_portal` (a dry run leaves none)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        INTERRUPTED = "interrupted", _("Interrupted")

    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.TextField(_("source"))
    profile = models.CharField(_("profile"), max_length=300)
    publish = models.BooleanField(_("published"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    report = models.CharField(_("report file"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.source} ({self.started_at:%d/%m/%Y %H:%M})"

    def summary(self) -> str:
        return ", ".join(f"{name}: {number}" for name, number in sorted(self.counts.items()))


class ImportedPageQuerySet(models.QuerySet):
    def for_key(self, key: str):
        return self.filter(address_hash=key_hash(key))

    def redirect_target(self, key: str) -> str | None:
        """The address of the public article imported from the old address `key`, or None:
        one query, on the unique index."""
        slug = (
            self.for_key(key)
            .filter(article__in=Article.objects.published())
            .values_list("article__slug", flat=True)
            .first()
        )
        return Article(slug=slug).get_absolute_url() if slug else None


class ImportedPage(models.Model):
    """An old page and the article made of it: what answers the old address with a 301, and
    what a re-run compares (`content_hash`) to leave an unchanged page alone."""

    source_url = models.TextField(_("address on the old site"))
    old_address = models.TextField(_("old path and query"))
    address_key = models.TextField(_("matching key"))
    address_hash = models.CharField(max_length=64, unique=True, editable=False)
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="old_addresses",
    )
    content_hash = models.CharField(max_length=64, editable=False)
    last_run = models.ForeignKey(
        ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = ImportedPageQuerySet.as_manager()

    class Meta:
        verbose_name = _("imported page")
        verbose_name_plural = _("imported pages")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return self.old_address

    def save(self, *args, **kwargs):
        self.address_hash = key_hash(self.address_key)
        super().save(*args, **kwargs)


class ImportRunPage(models.Model):
    """One line of a run's report; a resumed run skips the pages it already has."""

    class Status(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        UNCHANGED = "unchanged", _("unchanged")
        SKIPPED = "skipped", _("skipped")
        UNREADABLE = "unreadable", _("unreadable")

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="pages")
    url = models.TextField(_("address on the old site"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    new_url = models.CharField(_("new address"), max_length=500, blank=True)
    warnings = models.TextField(_("warnings"), blank=True)

    class Meta:
        verbose_name = _("imported page of a run")
        verbose_name_plural = _("imported pages of a run")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.url}: {self.status}"
