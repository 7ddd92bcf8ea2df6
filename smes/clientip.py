"""Which address a login failure counts against (django-axes + django-ipware).

Behind `proxy_count` reverse proxies that each APPEND the address they
received from to X-Forwarded-For (nginx `$proxy_add_x_forwarded_for`, Caddy),
the client is the entry that the first proxy wrote: the `proxy_count`-th
from the right. The last proxy is REMOTE_ADDR and is not in the header, so
django-ipware's own `proxy_count` (the proxies listed IN the header) is
`proxy_count - 1`. Entries to the left of the client's were written by the
client itself and are ignored (IPWARE_STRICT = False lets them be there
without discarding the whole header). Not behind a proxy: the socket's
address only, whatever the client sends.

Imported by the settings: no Django import here.
"""

from __future__ import annotations


def axes_address_settings(*, behind_proxy: bool, proxy_count: int) -> dict:
    if not behind_proxy:
        return {
            "AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",),
            "AXES_IPWARE_PROXY_COUNT": None,
            "AXES_IPWARE_PROXY_ORDER": "left-most",
            "IPWARE_STRICT": False,
        }
    if proxy_count < 1:
        raise ValueError("AXES_PROXY_COUNT must be 1 or more when AXES_BEHIND_PROXY is true.")
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
        "AXES_IPWARE_PROXY_COUNT": proxy_count - 1,
        "AXES_IPWARE_PROXY_ORDER": "left-most",
        "IPWARE_STRICT": False,
    }
