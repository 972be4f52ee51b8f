from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import PasswordResetForm, UserChangeForm, UserCreationForm
from django.contrib.auth.models import Group, User
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from .roles import ROLE_NAMES, role_of


def role_field(**kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("role"),
        queryset=Group.objects.filter(name__in=ROLE_NAMES).order_by("name"),
        help_text=_(
            "Editor: writes articles and submits them. Publisher: reviews, publishes and "
            "schedules any article, manages categories. Site administrator: staff accounts and "
            "site settings."
        ),
        **kwargs,
    )


class StaffUserCreationForm(UserCreationForm):
    """A new staff account: who, one role, a first password. Nothing else can be set — not the
    superuser flag, not raw permissions, not other groups — even by a forged POST."""

    role = role_field()

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "first_name", "last_name", "email"]


class StaffUserChangeForm(UserChangeForm):
    """A staff account: who, active or not, one role. `actor` (set by the admin) cannot change
    their own role or deactivate themselves."""

    role = role_field()
    actor = None

    class Meta(UserChangeForm.Meta):
        model = User
        fields = ["username", "first_name", "last_name", "email", "is_active", "password"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = role_of(self.instance)
        self.fields["role"].initial = self.fields["role"].queryset.filter(name=current).first()
        if self.actor is not None and self.actor.pk == self.instance.pk:
            self.fields["role"].disabled = True
            self.fields["is_active"].disabled = True
            self.fields["role"].help_text = _("You cannot change your own role.")
        if current is None:
            self.fields["role"].required = False


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's login, with the authenticator code for accounts that have turned on
    two-factor authentication. A wrong code counts as a failed login (django-axes)."""

    otp_token = forms.CharField(
        label=_("Authenticator code"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Only if you have turned on two-factor authentication."),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_token": _(
            "The authenticator code is missing or wrong. Enter the 6 digits your app shows now."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets the username's max_length after the field is built, so without this
        # validator an over-long name reaches authenticate() and the lockout's log (a 500 on
        # PostgreSQL, whose column holds 255 characters).
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned_data
        devices = list(devices_for_user(user, confirmed=True))
        if not devices:
            return cleaned_data
        token = (cleaned_data.get("otp_token") or "").strip()
        device = next((d for d in devices if token and d.verify_token(token)), None)
        if device is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise ValidationError(self.error_messages["invalid_token"], code="invalid_token")
        user.otp_device = device  # django_otp marks the session verified at login
        return cleaned_data


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not self.device.verify_token(token):
            raise ValidationError(_("This code is not right. Check the time on your phone."))
        return token


class StaffPasswordResetForm(PasswordResetForm):
    """Reset links are sent to active staff accounts only."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)
