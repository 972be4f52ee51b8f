from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .panels import dashboard_for


def index(request):
    """The admin's first page: the panels of the user's roles above Django's app list
    (templates/admin/index.html)."""
    return admin.site.index(request, extra_context={"dashboard": dashboard_for(request.user)})


def guide(request):
    """ "Hướng dẫn": how to do the daily work, the sections of the user's roles first."""
    user = request.user
    context = {
        **admin.site.each_context(request),
        "title": _("Guide"),
        "is_writer": user.has_perm("news.add_article"),
        "is_publisher": user.has_perm("news.publish_article"),
        "is_site_admin": user.is_superuser or user.has_perm("auth.change_user"),
    }
    return TemplateResponse(request, "admin/guide.html", context)
