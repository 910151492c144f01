"""The outlet an article comes from, when the input does not say: its URL's host.

Real crawls often lack a site name but keep the URL, sometimes wrapped by an archive
("http://web.archive.org/web/20140707094325/http://www.nbcdfw.com/news/..."): the outlet is the
archived page's host, without "www.", "m." or "amp.".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# "https://web.archive.org/web/20140707094325/http://..." and "…/web/20140707094325id_/http://…"
_WAYBACK = re.compile(r"^https?://(?:www\.)?web\.archive\.org/web/[0-9a-z_]+/(.+)$", re.I)
_PREFIXES = ("www.", "m.", "amp.", "mobile.")


def outlet_from_url(url: str | None) -> str | None:
    """ "http://www.nbcdfw.com/news/…" -> "nbcdfw.com"; None for no URL or no host."""
    if not url:
        return None
    wrapped = _WAYBACK.match(url.strip())
    if wrapped:
        url = wrapped.group(1)
        if "://" not in url:
            url = "http://" + url
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    for prefix in _PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    return host
