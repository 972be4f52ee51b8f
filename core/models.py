from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
    def clear_cache(cls) -> None:
        cache.delete(cls.CACHE_KEY)
