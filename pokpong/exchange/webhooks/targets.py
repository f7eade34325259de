"""Where a webhook may go: https, and a public address (no SSRF into the server's own network).

The address is checked twice: when an endpoint is saved (a clear message to the administrator) and
at each connection, on the very address connected to, so a name that later resolves elsewhere
(DNS rebinding) is refused too.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class TargetRefused(Exception):
    """The target address is not allowed; the message says why (in the user's language)."""


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_address(address: str) -> None:
    """Refuse a private, loopback, link-local or reserved address unless the setting allows it."""
    if settings.POKPONG_WEBHOOKS_ALLOW_PRIVATE:
        return
    if not _is_public(address):
        raise TargetRefused(
            _("The address %(address)s is private or local: webhooks go to public addresses.")
            % {"address": address}
        )


def resolve(host: str, port: int) -> list[tuple[int, str]]:
    """The (family, address) pairs a host name resolves to; refused when it resolves to none."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise TargetRefused(_("The host %(host)s cannot be found.") % {"host": host}) from None
    return [(family, str(sockaddr[0])) for family, _t, _p, _c, sockaddr in infos]


def check_url(url: str) -> None:
    """The URL's scheme and every address its host resolves to."""
    parts = urlsplit(url)
    allowed = ("https", "http") if _http_allowed() else ("https",)
    if parts.scheme not in allowed:
        raise TargetRefused(_("The address must begin with https://."))
    if not parts.hostname:
        raise TargetRefused(_("The address has no host."))
    if parts.username or parts.password:
        raise TargetRefused(_("The address must not contain a user name or password."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise TargetRefused(_("The address has an invalid port.")) from None
    for _family, address in resolve(parts.hostname, port):
        check_address(address)


def _http_allowed() -> bool:
    return bool(settings.DEBUG or settings.POKPONG_WEBHOOKS_ALLOW_HTTP)
