from .models import AgencyLink, SiteSettings


def site_settings(request):
    # The agency links as a callable: templates call it (cached) where the footer is drawn, so
    # pages without the footer (the admin) never ask for them.
    return {"site_settings": SiteSettings.load(), "agency_links": AgencyLink.for_footer}
