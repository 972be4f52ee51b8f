from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ContentManagedModel(models.Model):
    """Who created and last changed a piece of content, and when.

    Staff accounts are referenced with SET_NULL: removing an account never removes content.
    """

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa gần nhất"),
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

    site_name = models.CharField(
        _("tên trang"),
        max_length=200,
        default="Trang thông tin điện tử cải cách hành chính tỉnh Lai Châu",
    )
    short_name = models.CharField(
        _("tên ngắn"),
        max_length=80,
        blank=True,
        help_text=_("Hiện trên thanh tiêu đề trình duyệt."),
    )
    responsible_person = models.CharField(
        _("chịu trách nhiệm nội dung"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Giám đốc Sở Nội vụ tỉnh Lai Châu."),
    )
    owner = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    domain = models.CharField(_("tên miền"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("cấu hình trang")
        verbose_name_plural = _("cấu hình trang")
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
            cache.set(cls.CACHE_KEY, site_settings, timeout=None)
        return site_settings

    @classmethod
    def clear_cache(cls) -> None:
        cache.delete(cls.CACHE_KEY)
