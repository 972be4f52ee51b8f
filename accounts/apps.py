from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig

from .otp import name_device_fields


def sync_roles_after_migrate(sender, using="default", **kwargs):
    from .roles import sync_roles

    sync_roles()


class AccountsConfig(AppConfig):
    # This module holds other app configs too (below): this one is the "accounts" app's.
    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        # After every app's permissions exist (they are made in post_migrate too): this app comes
        # after the others in INSTALLED_APPS, and receives the signal last.
        post_migrate.connect(
            sync_roles_after_migrate, dispatch_uid="accounts.sync_roles_after_migrate"
        )


# Third-party apps shown in the admin under Vietnamese names. settings.INSTALLED_APPS lists these
# subclasses instead of the apps' own configs; everything else (label, models, ready()) is the
# apps' own. Their model names are translated by our catalog (core/django_messages.py) where the
# app marks them for translation.
class AxesConfig(AxesAppConfig):
    default = False
    verbose_name = _("Login lockouts")


class TOTPConfig(TOTPAppConfig):
    default = False
    verbose_name = _("Two-factor authentication")

    def ready(self):
        super().ready()
        # django-otp names its model with plain strings that no catalog can translate. Only the
        # names shown are changed: migrations read the model's original Meta, not these.
        device = self.get_model("TOTPDevice")
        device._meta.verbose_name = _("TOTP device")
        device._meta.verbose_name_plural = _("TOTP devices")
        # Its fields' names and help texts likewise (see accounts/otp.py).
        name_device_fields(device)
