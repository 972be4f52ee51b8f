from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts import views as account_views
from accounts.forms import AdminLoginForm
from core.pagecache import query_params
from core.sitemaps import NamedPagesSitemap
from core.views import media_urlpattern
from dashboard import views as dashboard_views
from documents.sitemaps import DocumentSitemap
from indices.sitemaps import ComponentSitemap, IndexSitemap, RankingYearSitemap, UnitSitemap
from news.sitemaps import ArticleSitemap, CategorySitemap
from organisation import views as organisation_views
from organisation.sitemaps import UnitOfficeSitemap
from participation.sitemaps import AnswerSitemap, DraftSitemap
from topics.sitemaps import TagSitemap, TopicSitemap

admin.site.site_header = _("CCHC portal administration")
admin.site.site_title = _("CCHC administration")
admin.site.index_title = _("Content management")
# The login asks for the authenticator code of accounts with two-factor authentication on.
admin.site.login_form = AdminLoginForm
admin.site.login_template = "admin/login_otp.html"

urlpatterns = [
    # Before the admin, whose catch-all would otherwise answer these addresses.
    path("quan-tri/soan-thao/", include("core.urls")),
    path("quan-tri/tai-khoan/", include("accounts.urls")),
    # Password reset by e-mail from the admin login page (Django's names, the admin's templates).
    path(
        "quan-tri/quen-mat-khau/",
        account_views.StaffPasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path(
        "quan-tri/quen-mat-khau/da-gui/",
        account_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "quan-tri/quen-mat-khau/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "quan-tri/quen-mat-khau/xong/",
        account_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # The admin's first page is the staff dashboard (with Django's app list below it).
    path("quan-tri/", admin.site.admin_view(dashboard_views.index), name="admin-dashboard"),
    path("quan-tri/huong-dan/", admin.site.admin_view(dashboard_views.guide), name="admin-guide"),
    path("quan-tri/", admin.site.urls),
    path(
        "robots.txt",
        query_params()(TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
        name="robots",
    ),
    path(
        "sitemap.xml",
        query_params("p")(sitemap),  # its page number (core.pagecache keys by it)
        {
            "sitemaps": {
                "pages": NamedPagesSitemap(
                    [
                        "news:home",
                        "about:index",
                        "news:article-list",
                        "indices:overview",
                        "english-page",
                        "participation:qa-list",
                        "participation:draft-list",
                        "topics:index",
                    ]
                ),
                "articles": ArticleSitemap,
                "categories": CategorySitemap,
                "index-pages": IndexSitemap,
                "index-components": ComponentSitemap,
                "rankings": RankingYearSitemap,
                "units": UnitSitemap,
                "documents": DocumentSitemap,
                "answers": AnswerSitemap,
                "drafts": DraftSitemap,
                "topics": TopicSitemap,
                "tags": TagSitemap,
                "about-units": UnitOfficeSitemap,
            }
        },
        name="sitemap",
    ),
    path("chi-so/", include("indices.urls")),
    path("gioi-thieu/", include("organisation.urls")),
    path("en/", organisation_views.english_page, name="english-page"),
    path("van-ban/", include("documents.urls")),
    path("tim-kiem/", include("search.urls")),
    path("", include("participation.urls")),
    path("", include("topics.urls")),
    path("", include("news.urls")),
]

# A database outage raised outside a view answers the 503 page; anything else Django's 500.
handler500 = "core.views.server_error"

if settings.SERVE_MEDIA:
    # Development only: in production the web server serves MEDIA_ROOT (README: nginx lines).
    urlpatterns += [media_urlpattern()]
