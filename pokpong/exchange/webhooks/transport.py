"""One HTTP POST to a webhook target, with the standard library only.

http.client rather than urllib.request: redirects are never followed (a 3xx is a failed attempt,
so a target cannot bounce the request into the private network), and the connection is opened to
an address checked by targets.check_address (the one actually connected to).
"""

import http.client
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from pokpong.exchange.webhooks.targets import check_address, resolve

EXCERPT_CHARS = 200


@dataclass(frozen=True)
class Answer:
    status: int
    excerpt: str


def _guarded_connection(
    address: tuple[str, int], timeout: float | None = None, source_address: object = None
) -> socket.socket:
    """socket.create_connection, but only to addresses the policy of targets allows."""
    host, port = address
    last_error: OSError | None = None
    for family, ip in resolve(host, port):
        check_address(ip)
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect((ip, port))
        except OSError as exc:
            sock.close()
            last_error = exc
            continue
        return sock
    raise last_error or OSError("no address to connect to")


def _guard(connection: http.client.HTTPConnection) -> http.client.HTTPConnection:
    # http.client opens its socket through this attribute (set per instance in __init__).
    connection._create_connection = _guarded_connection  # type: ignore[attr-defined]
    return connection


def post(*, url: str, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    """POST the body; the answer's status and the start of its text. Raises OSError (network,
    timeout, TLS), http.client.HTTPException or targets.TargetRefused."""
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = _guard(connection_class(parts.hostname or "", parts.port, timeout=timeout))
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read(EXCERPT_CHARS * 4).decode("utf-8", errors="replace")
        return Answer(status=response.status, excerpt=text[:EXCERPT_CHARS])
    finally:
        connection.close()
