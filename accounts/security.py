"""Who is asking: the visitor's address, as the login lockout counts failures by it."""


def client_ip_address(request) -> str | None:
    """The visitor's address behind the portal's reverse proxy (BEHIND_HTTPS_PROXY), which
    writes it in X-Real-IP, replacing whatever the visitor sent; REMOTE_ADDR is the proxy's."""
    real_ip = request.META.get("HTTP_X_REAL_IP", "").strip()
    return real_ip or request.META.get("REMOTE_ADDR")
