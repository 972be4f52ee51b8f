from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import StaffPasswordResetForm, TokenForm
from .roles import is_site_admin


def qr_code_svg(data: str) -> str:
    """`data` as a QR code in inline SVG (no image file, no script)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    return image.to_string(encoding="unicode")


@staff_member_required
def two_factor_setup(request):
    """Turn on two-factor authentication: the secret as a QR code and as text, confirmed by
    a code from the app. Once confirmed, every login of this account asks for a code."""
    user = request.user
    context = {
        **admin.site.each_context(request),
        "title": _("Two-factor authentication"),
        "required": settings.REQUIRE_2FA_FOR_ADMINS and is_site_admin(user),
    }
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return render(request, "accounts/two_factor.html", {**context, "confirmed": True})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        django_otp.login(request, device)
        messages.success(request, _("Two-factor authentication is on."))
        return redirect("admin:index")
    return render(
        request,
        "accounts/two_factor.html",
        {
            **context,
            "form": form,
            "secret": b32encode(device.bin_key).decode().rstrip("="),
            "qr_svg": mark_safe(qr_code_svg(device.config_url)),  # made here, from our own data
        },
    )


class AdminContextMixin:
    """The admin's header and title on Django's password-reset pages (the admin's templates)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**admin.site.each_context(self.request), **kwargs)


class StaffPasswordResetView(AdminContextMixin, auth_views.PasswordResetView):
    """Password reset by e-mail, for staff accounts."""

    form_class = StaffPasswordResetForm


class PasswordResetDoneView(AdminContextMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminContextMixin, auth_views.PasswordResetConfirmView):
    pass


class PasswordResetCompleteView(AdminContextMixin, auth_views.PasswordResetCompleteView):
    pass
