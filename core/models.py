from django.conf import settings
from django.core.cache import cache
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .fields import RichTextField
from .text import unique_slug


class SlugFromNameMixin:
    """A model whose blank `slug` is made, on save, from its `slug_source` field (a name, a
    title) in Vietnamese without diacritics, suffixed -2, -3, … when taken (`unique_slug`).

    A plain mixin, not a model: putting it first in a model's bases changes no column.
    """

    slug_source = "name"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source))
        super().save(*args, **kwargs)


class ContentManagedModel(models.Model):
    """Who created and last changed a piece of content, and when.

    Staff accounts are referenced with SET_NULL: removing an account never removes content.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True


class SiteSettings(models.Model):
    """The one editable record of site-wide facts shown in every page's header and footer."""

    CACHE_KEY = "core:site-settings"
    # Saving clears the cache at once; the timeout bounds staleness in caches that a save
    # cannot reach (a per-process memory cache in the other workers, when REDIS_URL is unset).
    CACHE_SECONDS = 300

    site_name = models.CharField(
        _("site name"),
        max_length=200,
        default="Trang thông tin điện tử cải cách hành chính tỉnh Lai Châu",
    )
    short_name = models.CharField(
        _("short name"),
        max_length=80,
        blank=True,
        help_text=_("Shown in the browser's title bar."),
    )
    responsible_person = models.CharField(
        _("responsible for content"),
        max_length=200,
        blank=True,
        help_text=_("For example: Director of the Lai Chau Department of Home Affairs."),
    )
    owner = models.CharField(_("governing agency"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    domain = models.CharField(_("domain name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        ordering = ["pk"]

    def __str__(self):
        return self.site_name

    def get_absolute_url(self):
        return reverse("news:home")

    @classmethod
    def load(cls) -> "SiteSettings":
        """The site's settings: cached, created with defaults on first use."""
        site_settings = cache.get(cls.CACHE_KEY)
        if site_settings is None:
            site_settings = cls.objects.order_by("pk").first() or cls.objects.create()
            cache.set(cls.CACHE_KEY, site_settings, timeout=cls.CACHE_SECONDS)
        return site_settings

    @classmethod
    def load_or_create(cls) -> "SiteSettings":
        """The record (created with defaults by `load` on first use), for the admin."""
        return cls.load()

    @classmethod
    def clear_cache(cls) -> None:
        cache.delete(cls.CACHE_KEY)


class AgencyLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class AgencyLink(models.Model):
    """A link to a related agency's portal, listed in every page's footer (Decree 42, Art. 7)."""

    CACHE_KEY = "core:agency-links"
    CACHE_SECONDS = 300

    name = models.CharField(_("agency name"), max_length=200)
    url = models.URLField(
        _("address"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("The full address of the portal, starting with https:// or http://."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown"), default=True)

    objects = AgencyLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency link")
        verbose_name_plural = _("links to agencies' portals")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.url

    @classmethod
    def for_footer(cls) -> list["AgencyLink"]:
        """The shown links, in order: cached, cleared when a link is saved or deleted."""
        links = cache.get(cls.CACHE_KEY)
        if links is None:
            links = list(cls.objects.active())
            cache.set(cls.CACHE_KEY, links, timeout=cls.CACHE_SECONDS)
        return links

    @classmethod
    def clear_cache(cls) -> None:
        cache.delete(cls.CACHE_KEY)


class EnglishPage(models.Model):
    """The one English page (`/en/`): its title and introduction. Its structure and contacts
    are read from the organisation's records (`organisation`), the same as "Giới thiệu"."""

    title = models.CharField(
        _("title"), max_length=200, default="Administrative Reform Portal of Lai Chau Province"
    )
    description = models.CharField(
        _("short description"),
        max_length=300,
        blank=True,
        help_text=_("One sentence in English, shown by search engines."),
    )
    introduction = RichTextField(_("introduction"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("English page")
        verbose_name_plural = _("English page")
        ordering = ["pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("english-page")

    @classmethod
    def load(cls) -> "EnglishPage":
        """The page's record, or an unsaved one with the defaults: a visit never writes (a
        write would drop every cached page)."""
        return cls.objects.order_by("pk").first() or cls()

    @classmethod
    def load_or_create(cls) -> "EnglishPage":
        """The page's record, created with defaults if there is none (for the admin)."""
        return cls.objects.order_by("pk").first() or cls.objects.create()
