from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import AgencyLink, SiteSettings


@receiver([post_save, post_delete], sender=SiteSettings)
def clear_site_settings_cache(**kwargs):
    # Now, so this request sees the change, and again on commit, so a request that cached the
    # old row while the transaction was open does not keep it.
    SiteSettings.clear_cache()
    transaction.on_commit(SiteSettings.clear_cache)


@receiver([post_save, post_delete], sender=AgencyLink)
def clear_agency_links_cache(**kwargs):
    AgencyLink.clear_cache()
    transaction.on_commit(AgencyLink.clear_cache)
