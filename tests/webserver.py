"""A real HTTP server on 127.0.0.1 for the tests of the fetcher, URL inputs, feeds and `watch`:
a routing table the test fills (path -> Route), a log of the requests it got, run in a thread
and stopped at the end of the test."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes | Callable[[], Iterable[bytes]] = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer starts
    etag: str | None = None  # answered 304 to a matching If-None-Match
    chunked: bool = False  # stream the body without a Content-Length
    before: list[int] = field(default_factory=list)  # statuses answered (empty) to the first requests


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.sent: dict[str, int] = {}  # path -> body bytes written
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def handle(self) -> None:
                try:
                    super().handle()
                except (ConnectionResetError, BrokenPipeError):  # the client hung up (a cut body)
                    pass

            def do_GET(self) -> None:
                site._serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def count(self, path: str) -> int:
        return sum(h.path == path for h in self.hits)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        route = self.routes.get(path) or self.routes.get(path.split("?")[0])
        if route is None:
            route = Route(b"not found", status=404, content_type="text/plain")
        headers = {k.lower(): v for k, v in handler.headers.items()}
        if route.delay:
            time.sleep(route.delay)
        status = route.before.pop(0) if route.before else route.status
        if route.etag is not None and headers.get("if-none-match") == route.etag:
            status = 304
        self.hits.append(Hit(path, headers, status))
        handler.send_response(status)
        if route.content_type:
            handler.send_header("Content-Type", route.content_type)
        if route.etag is not None:
            handler.send_header("ETag", route.etag)
        for name, value in route.headers.items():
            handler.send_header(name, value)
        if status == 304 or status != route.status:
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        try:
            if callable(route.body) or route.chunked:
                handler.send_header("Transfer-Encoding", "chunked")
                handler.end_headers()
                parts = route.body() if callable(route.body) else [route.body]
                for part in parts:
                    handler.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                    self.sent[path] = self.sent.get(path, 0) + len(part)
                handler.wfile.write(b"0\r\n\r\n")
            else:
                handler.send_header("Content-Length", str(len(route.body)))
                handler.end_headers()
                handler.wfile.write(route.body)
                self.sent[path] = self.sent.get(path, 0) + len(route.body)
        except (BrokenPipeError, ConnectionResetError):
            handler.close_connection = True
