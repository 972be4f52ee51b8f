"""Login lockout: who is asking (the visitor's address, as the lockout counts failures by it)
and the per-address limit on top of django-axes' per-username-and-address one."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_ip_address(request) -> str | None:
    """The visitor's address behind the portal's reverse proxy (BEHIND_HTTPS_PROXY), which
    writes it in X-Real-IP, replacing whatever the visitor sent; REMOTE_ADDR is the proxy's."""
    real_ip = request.META.get("HTTP_X_REAL_IP", "").strip()
    return real_ip or request.META.get("REMOTE_ADDR")


class AddressLimitHandler(AxesDatabaseHandler):
    """django-axes' database handler with a second, higher limit per address.

    AXES_LOCKOUT_PARAMETERS locks one username from one address after AXES_FAILURE_LIMIT (5)
    failures. That alone never stops one address trying a few passwords on each of a thousand
    usernames, and axes takes several parameter combinations but only one limit: 5 failures
    per address would lock out a whole office behind one NAT address after a few typos. So an
    address is also locked once it has AXES_ADDRESS_FAILURE_LIMIT failures over any usernames
    within the cool-off time (15 minutes). Attempts refused while locked are not counted.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        address_failures = (
            AccessAttempt.objects.filter(ip_address=request.axes_ip_address).aggregate(
                total=Sum("failures_since_start")
            )["total"]
            or 0
        )
        if address_failures >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            # The lockout page then says the address, not the account, is locked.
            request.axes_address_locked = True
            return max(failures, get_failure_limit(request, credentials))
        return failures
