"""The fetcher and URLs as inputs, against a real HTTP server on 127.0.0.1 (tests/webserver.py).

The guard lets the tests reach that server only through the ``loopback`` fixture's policy
(``allow_networks=("127.0.0.1/32",)``); the default policy refuses it, and a redirect from it to
any other internal address is refused even under the fixture's policy."""

from __future__ import annotations

import time

import pytest

from newsfuse.cli import EXIT_SKIPPED, main
from newsfuse.errors import FetchError
from newsfuse.inputs import fetch, read_inputs
from newsfuse.inputs.fetch import DEFAULT_POLICY, Fetcher, FetchPolicy, decode_html, public_addresses
from webserver import Route, Site

REPORT = (
    "Flooding along the Severn forced 300 families from their homes on Tuesday, the county council said.",
    "Rescue crews used boats to reach villages cut off by the water near Shrewsbury.",
    "\u201cWe have never seen the river this high,\u201d said council leader Margaret Ellis.",
)


def page(title: str | None, paragraphs=REPORT, *, meta: bool = True, charset: str = "utf-8") -> str:
    head = f'<meta charset="{charset}">'
    if meta:
        head += (
            f"<title>{title} | Severn Herald</title>"
            '<meta property="og:site_name" content="Severn Herald">'
            f'<meta property="og:title" content="{title}">'
            '<meta property="article:published_time" content="2024-02-13T09:30:00Z">'
            '<link rel="canonical" href="https://www.severnherald.example/news/floods">'
        )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    heading = f"<h1>{title}</h1>" if title else ""
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{heading}{body}</article></body></html>"


@pytest.fixture
def site():
    server = Site()
    yield server
    server.close()


@pytest.fixture
def loopback() -> FetchPolicy:
    """The tests' only way past the guard: their own server's address, nothing else internal;
    no delay between requests (the server is ours)."""
    return FetchPolicy(allow_networks=("127.0.0.1/32",), host_delay=0.0, backoff=0.05)


def _read(urls, policy):
    result = read_inputs(urls, fetch_policy=policy)
    return result.articles, {p.origin: p.reason for p in result.problems}


# -- pages ---------------------------------------------------------------------------------------


def test_a_page_with_metadata_gives_title_date_outlet_and_canonical_url(site, loopback):
    site.routes["/news/floods"] = Route(page("Severn floods force 300 families out").encode())
    [article], problems = _read([site.url("/news/floods")], loopback)
    assert not problems
    assert article.title == "Severn floods force 300 families out"
    assert article.source == "Severn Herald"
    assert str(article.published) == "2024-02-13"
    assert article.url == "https://www.severnherald.example/news/floods"
    assert article.origin == site.url("/news/floods")
    assert "300 families" in article.text and "Margaret Ellis" in article.text
    ua = site.hits[-1].headers["user-agent"]
    assert ua.startswith("newsfuse/") and "robots.txt" in ua


def test_a_page_without_metadata_takes_its_host_as_outlet(site, loopback):
    site.routes["/plain"] = Route(page(None, meta=False).encode())
    [article], problems = _read([site.url("/plain")], loopback)
    assert not problems
    assert article.source == "127.0.0.1" and article.url == site.url("/plain") and article.published is None


def test_a_page_in_windows_1252_declared_as_utf8_is_read_right(site, loopback):
    body = page("Caf\u00e9 owners count the cost", charset="utf-8").replace(
        REPORT[0], "The caf\u00e9 on the quay lost its cr\u00e8me br\u00fbl\u00e9e stock, its owner said."
    )
    site.routes["/lying"] = Route(body.encode("cp1252"), content_type="text/html; charset=utf-8")
    [article], problems = _read([site.url("/lying")], loopback)
    assert not problems
    assert "caf\u00e9 on the quay lost its cr\u00e8me br\u00fbl\u00e9e" in article.text
    assert "\u201cWe have never seen" in article.text and "\ufffd" not in article.text
    # and the honest cases stay as declared
    assert decode_html("Grüße".encode()) == "Grüße"
    assert decode_html("Grüße".encode("cp1252"), "iso-8859-1") == "Grüße"


# -- failures: one line each, the rest goes on ---------------------------------------------------


def test_file_and_credential_urls_are_refused_without_a_request(site, loopback):
    site.routes["/news/floods"] = Route(page("Severn floods").encode())
    secret = site.url("/news/floods").replace("http://", "http://user:pass@")
    articles, problems = _read(
        ["file:///etc/passwd", "ftp://example.com/x", secret, site.url("/news/floods")], loopback
    )
    assert len(articles) == 1
    assert problems["file:///etc/passwd"] == "refused: only http and https URLs are read, not file:"
    assert problems["ftp://example.com/x"].startswith("refused: only http and https")
    assert problems[secret] == "refused: URLs with credentials (user:password@) are not read"
    assert all(h.path != "/news/floods" or "authorization" not in h.headers for h in site.hits)
    assert site.count("/news/floods") == 1


def test_loopback_is_refused_by_default(site):
    site.routes["/news/floods"] = Route(page("Severn floods").encode())
    articles, problems = _read([site.url("/news/floods")], DEFAULT_POLICY)
    assert not articles
    assert problems[site.url("/news/floods")].startswith("refused address: 127.0.0.1 is loopback")
    assert site.hits == []  # refused before connecting


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://[::1]:9/",
        "http://[::ffff:10.0.0.1]/",
        "http://[fd00::1]/",
        "http://0.0.0.0/",
    ],
)
def test_a_redirect_to_an_internal_address_is_refused(site, loopback, target):
    site.routes["/go"] = Route(b"", status=302, headers={"Location": target})
    _, problems = _read([site.url("/go")], loopback)
    assert problems[site.url("/go")].startswith("refused address:"), problems


def test_every_internal_range_is_refused_and_public_addresses_pass():
    for address in (
        "127.0.0.1",
        "10.1.2.3",
        "172.31.255.1",
        "192.168.0.10",
        "169.254.169.254",
        "100.100.1.1",
        "0.0.0.0",
        "224.0.0.251",
        "240.0.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:a00:1::",  # 6to4 of 10.0.0.1
    ):
        with pytest.raises(FetchError) as refused:
            public_addresses(address, 80)
        assert refused.value.kind == "refused", address
    assert public_addresses("93.184.215.14", 80) == ["93.184.215.14"]
    assert public_addresses("2606:2800:21f:cb07:6820:80da:af6b:8b2c", 443)
    assert public_addresses("10.1.2.3", 80, allow_private=True) == ["10.1.2.3"]


def test_robots_txt_is_honoured_and_read_once_per_host(site, loopback):
    site.routes["/robots.txt"] = Route(
        b"User-agent: *\nDisallow: /private/\n\nUser-agent: newsfuse\nDisallow: /members/\n", content_type="text/plain"
    )
    for path in ("/news/a", "/news/b", "/private/c", "/members/d"):
        site.routes[path] = Route(page(f"Severn floods {path}").encode())
    urls = [site.url(p) for p in ("/news/a", "/news/b", "/private/c", "/members/d")]
    articles, problems = _read(urls, loopback)
    # The group naming newsfuse is the one that applies (RFC 9309: it replaces the * group).
    assert len(articles) == 3
    assert problems == {urls[3]: "disallowed by robots.txt"}
    assert site.count("/robots.txt") == 1 and site.count("/members/d") == 0
    site.routes["/robots.txt"].body = b"User-agent: *\nDisallow: /private/\n"
    with Fetcher(loopback) as fetcher:  # a new run reads robots.txt again
        with pytest.raises(FetchError, match="disallowed by robots.txt"):
            fetcher.fetch(urls[2])
        assert fetcher.fetch(urls[3]).status == 200


def test_an_unreachable_robots_txt_forbids_and_a_missing_one_allows(site, loopback):
    site.routes["/news/a"] = Route(page("Severn floods").encode())
    site.routes["/robots.txt"] = Route(b"", status=500)
    _, problems = _read([site.url("/news/a")], loopback)
    assert "robots.txt could not be read" in problems[site.url("/news/a")]
    del site.routes["/robots.txt"]  # 404 now: everything allowed
    articles, problems = _read([site.url("/news/a")], loopback)
    assert len(articles) == 1 and not problems


def test_a_slow_server_times_out(site, loopback):
    site.routes["/slow"] = Route(page("Severn floods").encode(), delay=3.0)
    policy = FetchPolicy(**{**loopback.__dict__, "read_timeout": 0.5, "robots": False})
    t0 = time.monotonic()
    _, problems = _read([site.url("/slow")], policy)
    assert time.monotonic() - t0 < 2.5
    assert problems[site.url("/slow")].startswith("timeout:")


def test_a_50_mb_body_is_cut_at_the_limit(site, loopback):
    chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"

    def endless():  # 50 MB, no Content-Length
        for _ in range(50 * 1024 * 1024 // len(chunk)):
            yield chunk

    site.routes["/huge"] = Route(endless)
    site.routes["/huge-declared"] = Route(b"x" * 16, headers={"X-Pad": "1"})
    _, problems = _read([site.url("/huge")], loopback)
    limit = DEFAULT_POLICY.max_bytes
    assert problems[site.url("/huge")] == f"too large (over {limit:,} bytes): cut at the limit"
    time.sleep(0.2)
    assert site.sent["/huge"] < limit + 8 * 1024 * 1024  # stopped reading near the limit, not at 50 MB


def test_a_declared_length_over_the_limit_is_not_read(site, loopback):
    site.routes["/big"] = Route(b"<p>" + b"y" * 4096 + b"</p>")
    policy = FetchPolicy(**{**loopback.__dict__, "max_bytes": 1000})
    _, problems = _read([site.url("/big")], policy)
    assert problems[site.url("/big")] == "too large (4,103 bytes; limit 1,000): not read"


def test_not_html_http_errors_and_retries(site, loopback):
    site.routes["/pdf"] = Route(b"%PDF-1.4", content_type="application/pdf")
    site.routes["/gone"] = Route(b"", status=410)
    site.routes["/busy"] = Route(page("Severn floods").encode(), before=[503, 429], headers={"Retry-After": "0"})
    site.routes["/overloaded"] = Route(b"", status=503, headers={"Retry-After": "3600"})
    urls = [site.url(p) for p in ("/pdf", "/gone", "/busy", "/overloaded")]
    articles, problems = _read(urls, loopback)
    assert problems[urls[0]] == "not HTML (content type application/pdf)"
    assert problems[urls[1]] == "HTTP 410 Gone"
    assert len(articles) == 1 and site.count("/busy") == 3  # two refusals, then the page
    assert problems[urls[3]] == "HTTP 503 Service Unavailable (retry after 3600 s)"
    assert site.count("/overloaded") == 1  # an hour is beyond the wait allowed: not retried


def test_conditional_get_gets_a_304(site, loopback):
    site.routes["/feed"] = Route(b"<rss/>", content_type="application/rss+xml", etag='"v1"')
    with Fetcher(loopback) as fetcher:
        first = fetcher.fetch(site.url("/feed"), accept="feed")
        again = fetcher.fetch(site.url("/feed"), accept="feed", etag=first.etag)
    assert (first.status, first.etag, first.not_modified) == (200, '"v1"', False)
    assert again.not_modified and again.body == b"" and site.hits[-1].headers["if-none-match"] == '"v1"'


def test_requests_to_one_host_are_spaced(site, loopback):
    for i in range(3):
        site.routes[f"/p{i}"] = Route(page(f"Severn floods {i}").encode())
    policy = FetchPolicy(**{**loopback.__dict__, "host_delay": 0.3, "robots": False})
    t0 = time.monotonic()
    articles, _ = _read([site.url(f"/p{i}") for i in range(3)], policy)
    assert len(articles) == 3 and time.monotonic() - t0 >= 0.6


def test_the_cli_reads_urls_and_says_why_one_is_skipped(site, nlp, gazetteer, monkeypatch, capsys, tmp_path):
    site.routes["/news/floods"] = Route(page("Severn floods force 300 families out").encode())
    url = site.url("/news/floods")
    # The CLI's policy is the default one; --allow-private opens the loopback here.
    monkeypatch.setattr(fetch, "DEFAULT_POLICY", FetchPolicy(host_delay=0.0))
    out = tmp_path / "facts.jsonl"
    assert main(["extract", url, "file:///etc/passwd", "-o", str(out)]) == EXIT_SKIPPED
    err = capsys.readouterr().err
    assert f"newsfuse: skipped {url}: refused address: 127.0.0.1 is loopback" in err
    assert "newsfuse: skipped file:///etc/passwd: refused: only http and https URLs are read" in err
    assert out.read_text() == ""
    assert main(["extract", url, "--allow-private", "-o", str(out)]) == 0
    assert '"Severn Herald"' in out.read_text()


def test_the_connection_goes_to_the_address_the_guard_checked(site, loopback, monkeypatch):
    """DNS rebinding: a name that resolves to an allowed address, then to an internal one. The
    guard resolves once per connection and connects to that very address (httpcore never
    resolves the name again), so the second answer is refused, never connected to."""
    import socket

    real = socket.getaddrinfo
    answers = ["127.0.0.1", "10.0.0.1"]
    asked: list[str] = []

    def rebinding(host, port, *args, **kwargs):
        if host == "news.example":
            asked.append(host)
            address = answers[min(len(asked), len(answers)) - 1]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    site.routes["/news/floods"] = Route(page("Severn floods").encode())
    url = f"http://news.example:{site.port}/news/floods"
    policy = FetchPolicy(**{**loopback.__dict__, "robots": False})
    with Fetcher(policy) as fetcher:
        assert fetcher.fetch(url).status == 200
    assert asked == ["news.example"]  # resolved once: by the guard
    assert site.hits[-1].headers["host"] == f"news.example:{site.port}"
    with Fetcher(policy) as fetcher, pytest.raises(FetchError) as refused:
        fetcher.fetch(url)  # a new connection: the name now answers 10.0.0.1
    assert str(refused.value).startswith("refused address: news.example (10.0.0.1) is private")
    assert len(site.hits) == 1
