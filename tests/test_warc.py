"""Web archives: a WARC file written here with warcio (gzipped, as CC-NEWS ships them), read
without unpacking; only HTTP 200 HTML responses in English become articles, the rest counted."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfuse.inputs import read_bytes, read_inputs
from test_fetch import page

FRENCH = (
    "Les inondations le long de la Seine ont forcé trois cents familles à quitter leur logement mardi.",
    "Les secours ont utilisé des bateaux pour rejoindre les villages isolés par les eaux près de Rouen.",
    "Le maire a déclaré que la situation restait très préoccupante pour les prochains jours.",
)


def _response(writer: WARCWriter, uri: str, status: str, content_type: str, body: bytes) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))


def write_warc(path, gzip: bool = True) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsfuse tests"}))
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/severn",
                "request",
                payload=io.BytesIO(b"GET /severn HTTP/1.1\r\nHost: news.example\r\n\r\n"),
            )
        )
        _response(
            writer, "https://news.example/severn", "200 OK", "text/html; charset=utf-8", page("Severn floods").encode()
        )
        _response(
            writer,
            "https://news.example/cafe",
            "200 OK",
            "text/html; charset=utf-8",
            page("Caf\u00e9 flooded").encode("cp1252"),
        )  # lies about its charset
        _response(
            writer, "https://presse.example/seine", "200 OK", "text/html", page("Crue de la Seine", FRENCH).encode()
        )
        _response(writer, "https://news.example/missing", "404 Not Found", "text/html", b"<p>gone</p>")
        _response(writer, "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
        _response(
            writer, "https://news.example/empty", "200 OK", "text/html", b"<html><body><nav>Home</nav></body></html>"
        )


def test_a_warc_file_streams_its_html_responses_and_counts_the_rest(tmp_path):
    path = tmp_path / "cc-news.warc.gz"
    write_warc(path)
    result = read_inputs([path])
    assert [a.url for a in result.articles] == ["https://www.severnherald.example/news/floods"] * 2
    assert [a.origin for a in result.articles] == ["https://news.example/severn", "https://news.example/cafe"]
    assert result.articles[0].source == "Severn Herald"
    assert "\u201cWe have never seen" in result.articles[1].text
    [summary] = result.problems
    assert summary.origin == str(path)
    assert summary.reason == "4 of 6 responses skipped (1 not HTML, 1 not HTTP 200, 1 no article text, 1 not English)"


def test_an_uncompressed_warc_in_a_directory_and_a_broken_one(tmp_path, capsys):
    write_warc(tmp_path / "a.warc", gzip=False)
    (tmp_path / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    result = read_inputs([tmp_path])
    assert len(result.articles) == 2
    reasons = {p.origin.rsplit("/", 1)[-1]: p.reason for p in result.problems}
    assert reasons["a.warc"].startswith("4 of 6 responses skipped")
    assert reasons["broken.warc.gz"].startswith("not a")
    # an upload of a WARC is read the same way
    assert len([a for a in read_bytes("x.warc", (tmp_path / "a.warc").read_bytes()) if hasattr(a, "text")]) == 2
