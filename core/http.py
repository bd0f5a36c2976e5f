"""The client's IP address, for the audit trail and django-axes' lock-out.

Without a proxy the address is REMOTE_ADDR. Behind N reverse proxies that each append to
X-Forwarded-For (nginx `proxy_add_x_forwarded_for`), set TRUSTED_PROXY_COUNT=N: the client is
the N-th address from the right, the one our outermost proxy saw. Addresses further left are
written by the client and never trusted.
"""

import ipaddress

from django.conf import settings


def _valid(value: str) -> str | None:
    value = value.strip()
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return None
    return value


def client_ip(request) -> str | None:
    if request is None:
        return None
    meta = getattr(request, "META", {})
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        hops = [hop for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            forwarded = _valid(hops[-count])
            if forwarded:
                return forwarded
    return _valid(meta.get("REMOTE_ADDR", "") or "")
