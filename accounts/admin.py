from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import StaffUserChangeForm, StaffUserCreationForm
from .otp import FIELDSET_TITLES
from .roles import role_of
from .services import (
    check_may_manage,
    may_manage,
    record_account_saved,
    record_password_reset,
    set_role,
)

admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Staff accounts for the site-administrator role: name, e-mail, active or not, and one of
    the three roles. Never the superuser flag, raw permissions or other groups (Django's stock
    user admin would let anyone who may change users make themselves a superuser)."""

    form = StaffUserChangeForm
    add_form = StaffUserCreationForm
    list_display = ["username", "get_full_name", "email", "role", "is_active", "last_login"]
    list_filter = ["is_active", "groups"]
    filter_horizontal = []
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Role and access"), {"fields": ["role", "is_active"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "first_name", "last_name", "email", "role"]}),
        (_("Password"), {"fields": ["password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("role"))
    def role(self, obj):
        return role_of(obj) or (_("superuser") if obj.is_superuser else "—")

    def has_change_permission(self, request, obj=None):
        may_change = super().has_change_permission(request, obj)
        return may_change and (obj is None or may_manage(actor=request.user, user=obj))

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, not deleted (their articles and audit entries stay
        # attributed); only a superuser may still delete one.
        return request.user.is_superuser

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            return form
        return type(form.__name__, (form,), {"actor": request.user})

    def save_model(self, request, obj, form, change):
        check_may_manage(actor=request.user, user=obj)
        # Kept on the instance (the admin object is shared between requests).
        obj._was_active = (
            User.objects.filter(pk=obj.pk).values_list("is_active", flat=True).first()
            if change
            else None
        )
        obj.is_staff = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        if "role" in form.changed_data or not change:
            set_role(user=user, role=form.cleaned_data.get("role"), actor=request.user)
        record_account_saved(
            user=user, actor=request.user, created=not change, was_active=user._was_active
        )

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        user = self.get_object(request, unquote(id))
        succeeded = response.status_code == 302 and response.url == reverse(
            "admin:auth_user_change", args=[user.pk] if user else [id]
        )
        if request.method == "POST" and succeeded:
            record_password_reset(user=user, actor=request.user)
        return response


# django-otp registers its own admin for the device when its admin module is imported (above);
# this one is the same, in Vietnamese (the fields' names and help texts: accounts/otp.py).
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class StaffTOTPDeviceAdmin(TOTPDeviceAdmin):
    search_help_text = _("Search by the user's username or email address")

    def get_fieldsets(self, request, obj=None):
        return [
            (FIELDSET_TITLES.get(title, title), options)
            for title, options in super().get_fieldsets(request, obj)
        ]

    @admin.display(description=_("QR code"))
    def qrcode_link(self, device):
        href = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">{}</a>', href, _("Show the QR code"))
