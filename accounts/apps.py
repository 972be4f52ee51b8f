from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_roles_after_migrate(sender, using="default", **kwargs):
    from .roles import sync_roles

    sync_roles()


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        # After every app's permissions exist (they are made in post_migrate too): this app comes
        # after the others in INSTALLED_APPS, and receives the signal last.
        post_migrate.connect(
            sync_roles_after_migrate, dispatch_uid="accounts.sync_roles_after_migrate"
        )
