from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from core import workflow

        from .services import record

        # Every workflow transition (core.workflow) is recorded here.
        workflow.audit_with(record)
