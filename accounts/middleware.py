from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from .roles import is_site_admin

# Pages a staff member may open before two-factor authentication is settled.
EXEMPT_VIEWS = {
    "admin:login",
    "admin:logout",
    "admin:jsi18n",
    "accounts:two-factor",
}


class TwoFactorMiddleware:
    """Two-factor rules for the admin (everything under /quan-tri/):

    - an account with a confirmed authenticator must have given a code in this session
      (the login form asks for it); a session without one is logged out;
    - with REQUIRE_2FA_FOR_ADMINS on, a site administrator (or superuser) without an
      authenticator is sent to set one up and can use nothing else until then.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return None
        # `reverse` includes the script prefix (a site served under /cchc/), so compare it
        # with the full path, not `path_info`.
        if not request.path.startswith(reverse("admin:index")):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        has_device = user_has_device(user, confirmed=True)
        if has_device and not user.is_verified():
            logout(request)
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if settings.REQUIRE_2FA_FOR_ADMINS and not has_device and is_site_admin(user):
            messages.warning(request, _("Set up two-factor authentication first."))
            return redirect("accounts:two-factor")
        return None
