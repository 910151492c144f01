"""The one place newsfuse reads the web: a polite fetcher that cannot be turned against the
network it runs in.

Safe (no server-side request forgery):
- only ``http`` and ``https`` URLs, never with credentials (``user:pass@``);
- the host is resolved here, and every address it resolves to must be public: loopback,
  private, link-local (169.254/16: cloud metadata), carrier-grade NAT (100.64/10), multicast,
  unspecified, reserved and the IPv6 equivalents (IPv4-mapped, 6to4, Teredo included) are
  refused. The connection is then made to the address that was checked (a network backend of
  httpcore does both), so a DNS answer that changes between the check and the connect (DNS
  rebinding) reaches nothing. TLS keeps the host name (SNI, certificate check);
- redirects are followed here, one at a time (at most ``max_redirects``), each new URL checked
  the same way; proxies from the environment are ignored (a proxy would connect for us).
``allow_private`` (``--allow-private``; never the web app) turns the address check off, for an
intranet source, and is how the tests reach their server on 127.0.0.1.

Polite:
- an identifying User-Agent with newsfuse's version; robots.txt read once per host (cached for a
  day, RFC 9309: a missing file allows everything, an unreachable one forbids everything) and its
  Crawl-delay honoured up to a bound;
- at most ``per_host`` requests at a time to one host, their starts ``host_delay`` apart;
- 429 and 503 retried after the server's Retry-After (or a growing backoff), both bounded;
- conditional GET (ETag / Last-Modified: a 304 costs the server nothing).

Bounded: connect and read timeouts plus a deadline for the whole response (a server trickling
bytes), the body streamed and cut at ``max_bytes`` (a Content-Length above it is refused unread),
the content type checked before the body is read.

Every failure is a :class:`FetchError` (a ``BadInput``) whose message is the one line the user
sees and whose ``kind`` says why.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import ipaddress
import re
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from .. import __version__
from ..errors import FetchError
from .errors import MAX_FILE_BYTES

__all__ = [
    "DEFAULT_POLICY",
    "FetchError",
    "FetchPolicy",
    "FetchResult",
    "Fetcher",
    "check_url",
    "decode_html",
    "is_url",
    "public_addresses",
]

USER_AGENT = f"newsfuse/{__version__} (news report cross-checker; respects robots.txt)"
# The token robots.txt groups are matched against (RFC 9309: the product name of the User-Agent).
ROBOTS_AGENT = "newsfuse"
# Status codes a redirect is followed for.
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Retried after Retry-After or a backoff: the server says "later", not "no".
RETRY_STATUSES = frozenset({429, 503})
# RFC 9309 asks crawlers to parse at least 500 KiB of a robots.txt; beyond is cut.
MAX_ROBOTS_BYTES = 512 * 1024
# How long a robots.txt that could not be read (5xx, timeout) keeps its host closed before it is
# asked again: a watch loop's next poll, not the next day.
ROBOTS_FAILURE_TTL = 600.0
# The shared address space of carrier-grade NAT: `ipaddress` calls it neither private nor global
# in every Python version, so it is named here.
CGNAT = ipaddress.ip_network("100.64.0.0/10")
# How far into an HTML document a <meta charset> is looked for (the HTML standard's prescan: 1024;
# pages with long comments or scripts first put it later, so a little more).
META_SCAN_BYTES = 4096
# The detector reads this much of a page: enough for a confident guess, bounded for a big page.
DETECT_BYTES = 256 * 1024
# A guessed encoding whose non-ASCII letters are at least this Latin is a Latin code page.
MIN_LATIN_SHARE = 0.9
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

Accept = Literal["html", "feed", "robots"]
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Feeds are served under many XML types (and, by misconfigured servers, as text/plain or even
# text/html, which the feed parser then judges); media that cannot be a feed are refused unread.
NOT_FEED_PREFIXES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")


@dataclass(frozen=True)
class FetchPolicy:
    """How the fetcher behaves; the defaults are polite to a news site and safe for the machine."""

    user_agent: str = USER_AGENT
    # A news page answers in well under a second; 10 s to connect and 20 s between two reads
    # cover a slow site without letting a dead one hold a worker.
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    # The whole response, however steadily it trickles.
    total_timeout: float = 60.0
    # The same limit as a file read from disk: no news page comes near it.
    max_bytes: int = MAX_FILE_BYTES
    # Browsers stop at 20; news sites use one or two (http -> https, a tracking hop).
    max_redirects: int = 5
    # Two at a time and a second apart: what polite crawlers default to (Scrapy: 8 and none per
    # domain; Heritrix: 1 and five times the last response time); robots.txt may ask for more.
    per_host: int = 2
    host_delay: float = 1.0
    # A Crawl-delay above this is read as this: one site must not stall a whole poll.
    max_crawl_delay: float = 30.0
    retries: int = 2
    backoff: float = 2.0
    # A Retry-After beyond this is a failure now (the watch loop tries again at its next poll).
    max_retry_after: float = 120.0
    robots: bool = True
    robots_ttl: float = 24 * 3600.0
    # Off except by an explicit choice (--allow-private): see the module doc.
    allow_private: bool = False
    # Networks let through however internal they are, e.g. ("127.0.0.1/32",): the tests reach
    # their own server this way and still see a redirect to 10/8 or 169.254/16 refused.
    allow_networks: tuple[str, ...] = ()
    # Pages fetched at once by fetch_many, across hosts (per_host still holds for each).
    workers: int = 8


DEFAULT_POLICY = FetchPolicy()


@dataclass(frozen=True)
class FetchResult:
    requested: str
    url: str  # after redirects
    status: int
    content_type: str  # the media type, lower case, without parameters ("" when none was sent)
    charset: str | None  # as the server declared it
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    # Seconds the server says the response stays fresh (Cache-Control max-age, else Expires).
    max_age: float | None = None
    not_modified: bool = False  # a 304 to a conditional GET: nothing new, no body

    def text(self) -> str:
        return decode_html(self.body, self.charset)


# -- the guard ------------------------------------------------------------------------------------


def is_url(item: str) -> bool:
    """Whether an input names a URL (any scheme: those other than http(s) are refused, not read
    as file names)."""
    return bool(_SCHEME.match(item))


def check_url(url: str) -> str:
    """``url`` if its scheme is http or https, it has a host and no credentials; else
    FetchError (kind ``refused``)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"refused: not a valid URL ({exc})", "refused") from None
    scheme = parts.scheme.lower()
    if not scheme or (scheme in ("http", "https") and "://" not in url):
        raise FetchError("refused: not a URL (expected http:// or https://)", "refused")
    if scheme not in ("http", "https"):
        raise FetchError(f"refused: only http and https URLs are read, not {scheme or 'no scheme'}:", "refused")
    if parts.username is not None or parts.password is not None:
        raise FetchError("refused: URLs with credentials (user:password@) are not read", "refused")
    if not parts.hostname:
        raise FetchError("refused: the URL has no host", "refused")
    if port == 0:
        raise FetchError("refused: port 0", "refused")
    return url.strip()


def _refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why a connection to ``address`` is refused, or None for a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        # An IPv6 form of an IPv4 address reaches that IPv4 address: judge it.
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is not None:
            why = _refusal(embedded)
            return None if why is None else f"{why}, as IPv6"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local (cloud metadata lives there)"
    if address.is_unspecified:
        return "unspecified"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in CGNAT:
        return "carrier-grade NAT"
    if address.is_private:
        return "private"
    if address.is_reserved or not address.is_global:
        return "not a public address"
    return None


def public_addresses(
    host: str, port: int, *, allow_private: bool = False, allow_networks: tuple[str, ...] = ()
) -> list[str]:
    """The addresses ``host`` resolves to, every one of them public or in ``allow_networks``
    (else FetchError, kind ``refused``: a name that also resolves to an internal address is
    refused whole)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}", "network") from None
    addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))
    if not allow_private:
        allowed = [ipaddress.ip_network(n) for n in allow_networks]
        for text in addresses:
            address = ipaddress.ip_address(text)
            why = _refusal(address)
            if why is not None and not any(address.version == n.version and address in n for n in allowed):
                shown = host if host == text else f"{host} ({text})"
                raise FetchError(
                    f"refused address: {shown} is {why}; only public addresses are read (--allow-private for an intranet source)",
                    "refused",
                )
    if not addresses:
        raise FetchError(f"cannot resolve {host}: no address", "network")
    return addresses


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves and checks the host itself, then connects to the checked address."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        last: Exception | None = None
        policy = self.policy
        for address in public_addresses(
            host, port, allow_private=policy.allow_private, allow_networks=policy.allow_networks
        ):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport, its connection pool given the guarded network backend."""

    def __init__(self, policy: FetchPolicy) -> None:
        limits = httpx.Limits(max_connections=max(policy.workers, 1) + 2, max_keepalive_connections=policy.workers)
        super().__init__(trust_env=False, limits=limits)
        if not isinstance(getattr(self, "_pool", None), httpcore.ConnectionPool):  # httpx changed inside
            raise RuntimeError("httpx's transport has no connection pool to guard; pin httpx<1")
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_GuardedBackend(policy),
        )


# -- bodies ---------------------------------------------------------------------------------------


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # The HTML standard reads latin-1 and ASCII labels as windows-1252 (what such pages are).
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def decode_html(body: bytes, declared: str | None = None) -> str:
    """The text of a page whose declared encoding may be wrong: a byte-order mark, else the
    declared charset (the header's, else the page's own <meta>) if the bytes decode under it,
    else UTF-8 if they do, else charset detection (charset_normalizer), else windows-1252."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace")
    meta = _META_CHARSET.search(body[:META_SCAN_BYTES])
    tried: list[str] = []
    candidates: tuple[str | None, ...] = (
        _codec(declared),
        _codec(meta.group(1).decode("ascii", "replace") if meta else None),
        "utf-8",
    )
    for candidate in candidates:
        if candidate is None or candidate in tried:
            continue
        tried.append(candidate)
        try:
            return body.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body[:DETECT_BYTES]).best()
    guess = body.decode(best.encoding, errors="replace") if best is not None and best.encoding else None
    # The detector cannot tell the Latin code pages apart on a short page (it reads a French
    # "è" as Czech "č" in cp1250); a page that lies about being UTF-8 is windows-1252 far more
    # often than anything else, so a Latin guess gives way to windows-1252 when that decodes.
    if guess is None or _latin_share(guess) >= MIN_LATIN_SHARE:
        try:
            return body.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return guess if guess is not None else body.decode("cp1252", errors="replace")


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha() and c > "\x7f"]
    return sum(c < "\u0250" for c in letters) / len(letters) if letters else 1.0


def _media_type(response: httpx.Response) -> tuple[str, str | None]:
    header = response.headers.get("content-type", "")
    kind = header.split(";")[0].strip().lower()
    match = re.search(r"charset\s*=\s*[\"']?([^\"';\s]+)", header, re.I)
    return kind, match.group(1) if match else None


def _sniffs_html(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _check_type(kind: str, accept: Accept, head: bytes) -> None:
    if accept == "robots":
        return
    if accept == "html":
        if kind in HTML_TYPES or (not kind and _sniffs_html(head)):
            return
        raise FetchError(f"not HTML (content type {kind or 'none'})", "not-html")
    if kind.startswith(NOT_FEED_PREFIXES):
        raise FetchError(f"not a feed (content type {kind})", "not-a-feed")


def _seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After (or Expires): seconds, or an HTTP date from now."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _max_age(response: httpx.Response) -> float | None:
    cache = response.headers.get("cache-control", "")
    if re.search(r"\b(no-store|no-cache)\b", cache, re.I):
        return 0.0
    match = re.search(r"\bmax-age\s*=\s*(\d+)", cache, re.I)
    if match:
        return float(match.group(1))
    return _seconds(response.headers.get("expires"))


# -- politeness -----------------------------------------------------------------------------------


@dataclass
class _Host:
    """One host's gate: at most ``per_host`` requests at once, their starts ``delay`` apart."""

    slots: threading.Semaphore
    delay: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0

    def enter(self) -> None:
        self.slots.acquire()
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.delay
        if start > now:
            time.sleep(start - now)

    def leave(self) -> None:
        self.slots.release()


@dataclass(frozen=True)
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    disallow_all: bool
    read_at: float

    def fresh(self, ttl: float) -> bool:
        # An unreachable robots.txt forbids the host only until it is asked again, soon.
        return time.monotonic() - self.read_at < (min(ttl, ROBOTS_FAILURE_TTL) if self.disallow_all else ttl)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}"


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy`; thread-safe, one per process or run (it keeps
    the robots.txt cache, the per-host gates and the connections). Close it (``with``) when done."""

    def __init__(self, policy: FetchPolicy = DEFAULT_POLICY) -> None:
        self.policy = policy
        self._client = httpx.Client(
            transport=_GuardedTransport(policy),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": policy.user_agent},
        )
        self._lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self.requests = 0  # HTTP requests sent (robots.txt, redirects and retries included)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public ---------------------------------------------------------------------------------

    def fetch(
        self, url: str, *, accept: Accept = "html", etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url`` (redirects followed and checked, robots.txt asked first); a 304 to the
        conditional headers is a result with ``not_modified``. FetchError for every failure."""
        requested = url
        url = check_url(url)
        for _ in range(self.policy.max_redirects + 1):
            if accept != "robots":
                self._check_robots(url)
            result = self._get(url, accept, etag, last_modified, requested)
            if isinstance(result, FetchResult):
                return result
            url = check_url(result)  # a redirect: the new URL is checked like the first
        raise FetchError(f"too many redirects (over {self.policy.max_redirects})", "refused")

    def fetch_many(
        self, urls: Iterable[str], *, accept: Accept = "html"
    ) -> Iterator[tuple[str, FetchResult | FetchError]]:
        """Each URL with its result or its FetchError, in the given order, fetched up to
        ``workers`` at a time (and ``per_host`` per host)."""
        urls = list(urls)
        if len(urls) <= 1 or self.policy.workers <= 1:
            for url in urls:
                yield url, self._try(url, accept)
            return
        with ThreadPoolExecutor(max_workers=self.policy.workers, thread_name_prefix="newsfuse-fetch") as pool:
            futures = [pool.submit(self._try, url, accept) for url in urls]
            try:
                for url, future in zip(urls, futures):
                    yield url, future.result()
            finally:
                for future in futures:
                    future.cancel()

    def _try(self, url: str, accept: Accept) -> FetchResult | FetchError:
        try:
            return self.fetch(url, accept=accept)
        except FetchError as exc:
            return exc

    # -- one request ----------------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        key = _origin(url)
        with self._lock:
            gate = self._hosts.get(key)
            if gate is None:
                gate = self._hosts[key] = _Host(
                    threading.Semaphore(max(1, self.policy.per_host)), self.policy.host_delay
                )
            return gate

    def _get(
        self, url: str, accept: Accept, etag: str | None, last_modified: str | None, requested: str
    ) -> FetchResult | str:
        """The result, or the URL a redirect points to."""
        policy = self.policy
        headers = {"Accept": _ACCEPT[accept]}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)
        gate = self._host(url)
        for attempt in range(policy.retries + 1):
            gate.enter()
            try:
                with self._lock:
                    self.requests += 1
                deadline = time.monotonic() + policy.total_timeout
                with self._client.stream("GET", url, headers=headers, timeout=timeout) as response:
                    status = response.status_code
                    if status in REDIRECTS and response.headers.get("location"):
                        return urljoin(url, response.headers["location"])
                    if status in RETRY_STATUSES:
                        wait = _seconds(response.headers.get("retry-after"))
                        wait = policy.backoff * 2**attempt if wait is None else wait
                        if attempt < policy.retries and wait <= policy.max_retry_after:
                            retry = wait
                        else:
                            raise FetchError(
                                f"HTTP {status} {response.reason_phrase}".rstrip()
                                + (f" (retry after {wait:.0f} s)" if wait > policy.max_retry_after else ""),
                                "http-status",
                                status=status,
                                retry_after=wait,
                            )
                    else:
                        return self._result(response, url, requested, accept, deadline)
            except httpx.TimeoutException:
                raise FetchError(
                    f"timeout: no answer within {policy.connect_timeout:g} s (connect) / {policy.read_timeout:g} s (read)",
                    "timeout",
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(f"network error: {exc.__class__.__name__}: {exc}"[:300], "network") from None
            finally:
                gate.leave()
            time.sleep(retry)
        raise AssertionError("unreachable")  # the last attempt returns or raises

    def _result(
        self, response: httpx.Response, url: str, requested: str, accept: Accept, deadline: float
    ) -> FetchResult:
        policy = self.policy
        status = response.status_code
        kind, charset = _media_type(response)
        head = FetchResult(
            requested=requested,
            url=url,
            status=status,
            content_type=kind,
            charset=charset,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            max_age=_max_age(response),
        )
        if status == 304:
            return replace(head, not_modified=True)
        if status >= 400 or status < 200 or (status >= 300 and accept != "robots"):
            raise FetchError(f"HTTP {status} {response.reason_phrase}".rstrip(), "http-status", status=status)
        limit = MAX_ROBOTS_BYTES if accept == "robots" else policy.max_bytes
        length = response.headers.get("content-length", "")
        if accept != "robots" and length.isdigit() and int(length) > limit:
            raise FetchError(f"too large ({int(length):,} bytes; limit {limit:,}): not read", "too-large")
        body = bytearray()
        checked = False
        for chunk in response.iter_bytes():
            body += chunk
            if not checked and (len(body) >= 512 or not chunk):
                _check_type(kind, accept, bytes(body[:512]))
                checked = True
            if len(body) > limit:
                if accept == "robots":  # the first 500 KiB are the file (RFC 9309)
                    del body[limit:]
                    break
                raise FetchError(f"too large (over {limit:,} bytes): cut at the limit", "too-large")
            if time.monotonic() > deadline:
                raise FetchError(f"timeout: the response took over {policy.total_timeout:g} s", "timeout")
        if not checked:
            _check_type(kind, accept, bytes(body[:512]))
        return replace(head, body=bytes(body))

    # -- robots.txt -----------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        if not self.policy.robots:
            return
        rules = self._rules(url)
        if rules.disallow_all:
            raise FetchError(
                "robots.txt could not be read (server error), so nothing is fetched from this host", "robots"
            )
        if rules.parser is not None and not rules.parser.can_fetch(ROBOTS_AGENT, url):
            raise FetchError("disallowed by robots.txt", "robots")

    def _rules(self, url: str) -> _Robots:
        origin = _origin(url)
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:  # one robots.txt request per host, however many workers ask
            cached = self._robots.get(origin)
            if cached is not None and cached.fresh(self.policy.robots_ttl):
                return cached
            rules = self._read_robots(origin)
            self._robots[origin] = rules
            delay = rules.parser.crawl_delay(ROBOTS_AGENT) if rules.parser is not None else None
            if delay:
                gate = self._host(url)
                gate.delay = max(self.policy.host_delay, min(float(delay), self.policy.max_crawl_delay))
            return rules

    def _read_robots(self, origin: str) -> _Robots:
        now = time.monotonic()
        try:
            result = self.fetch(origin + "/robots.txt", accept="robots")
        except FetchError as exc:
            if exc.kind == "http-status" and exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                return _Robots(None, False, now)  # no robots.txt: everything allowed
            if exc.kind == "refused":
                raise
            return _Robots(None, True, now)  # unreachable: nothing allowed (RFC 9309 2.3.1.4)
        if result.status >= 300:
            return _Robots(None, False, now)
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(decode_html(result.body, result.charset).splitlines())
        return _Robots(parser, False, now)


_ACCEPT: dict[Accept, str] = {
    "html": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1",
    "robots": "text/plain,*/*;q=0.1",
}


def policy_with(**changes) -> FetchPolicy:
    """The default policy with some fields changed (the CLI's --allow-private)."""
    return replace(DEFAULT_POLICY, **changes)
