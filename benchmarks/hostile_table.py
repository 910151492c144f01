"""Hostile inputs, one class at a time, through ``newsfuse extract`` (issue 17's table).

    PYTHONPATH=SRC python benchmarks/hostile_table.py [--web]

Each class is one small file next to a good article, given to ``newsfuse extract`` in its own
process (the models loaded each time); one row per class: exit code, the first line of standard
error, wall time and the process's peak resident memory. ``--web`` instead asks the web app
(TestClient, a fresh store) the client-input cases and prints their status codes. Point
PYTHONPATH at the source tree to measure (another checkout's ``src`` measures that one).
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOOD = {"id": "good", "text": "A fire broke out in a warehouse in Lyon on Monday night, firefighters said."}
PROSE = "Fire in Lyon\nA fire broke out in a warehouse in Lyon on Monday night, firefighters said.\n"


def _line(**record) -> bytes:
    return (json.dumps(GOOD) + "\n" + json.dumps(record) + "\n").encode()


CASES: dict[str, tuple[str, bytes]] = {
    "JSONL: lone surrogate": ("x.jsonl", (json.dumps(GOOD) + '\n{"text": "Storm \\ud800 hits"}\n').encode()),
    "JSONL: nested 100,000 deep": ("x.jsonl", (json.dumps(GOOD) + "\n" + "[" * 100_000 + "]" * 100_000).encode()),
    "JSONL: 9999-12-31 + tomorrow": ("x.jsonl", _line(text="They meet tomorrow in Paris.", published="9999-12-31")),
    "JSONL: 0001-01-01 + yesterday": ("x.jsonl", _line(text="They met yesterday in Paris.", published="0001-01-01")),
    "JSONL: NUL in text": ("x.jsonl", (json.dumps(GOOD) + '\n{"text": "Fire.\\u0000 More."}\n').encode()),
    "JSONL: duplicate id": ("x.jsonl", _line(id="good", text="Another text about floods in Bonn.")),
    "JSONL: integer of 5,000 digits": (
        "x.jsonl",
        (json.dumps(GOOD) + '\n{"text": "x", "id": ' + "9" * 5000 + "}\n").encode(),
    ),
    "txt: NUL after 8 KB": ("x.txt", PROSE.encode() * 120 + b"\x00"),
    "txt: UTF-16 with BOM": ("x.txt", codecs.BOM_UTF16_LE + PROSE.encode("utf-16-le")),
    "txt: 2 GB sparse": ("x.txt", b""),  # made sparse below
    "txt: 250,000 characters": ("x.txt", b"Title\n" + b"Word after word. " * 15_000),
    "html: 100,000 nested divs": ("x.html", ("<div>" * 100_000 + PROSE + "</div>" * 100_000).encode()),
    "symlink loop": ("x.txt", b""),  # made a loop below
    "FIFO": ("x.txt", b""),  # made a FIFO below
}


def run_cli() -> None:
    print("| input class | exit | message (first line of stderr) | time s | peak MB |")
    print("|---|---|---|---|---|")
    for label, (name, data) in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            good = root / "good.txt"
            good.write_text(PROSE, encoding="utf-8")
            path = root / name
            if label == "txt: 2 GB sparse":
                with path.open("wb") as handle:
                    handle.truncate(2 * 1024**3)
            elif label == "symlink loop":
                os.symlink(name, path)
            elif label == "FIFO":
                os.mkfifo(path)
            else:
                path.write_bytes(data)
            err = root / "err.txt"
            t0 = time.monotonic()
            with err.open("wb") as handle:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "newsfuse.cli", "extract", str(path), str(good), "-o", str(root / "o")],
                    stderr=handle,
                )
                try:
                    _, status, usage = os.wait4(proc.pid, 0)
                finally:
                    if proc.poll() is None:
                        proc.kill()
            seconds = time.monotonic() - t0
            lines = [ln for ln in err.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
            first = next((ln for ln in lines if ln.startswith("newsfuse:")), lines[-1] if lines else "")
            first = first.replace(str(root) + "/", "").replace("|", "\\|")[:110]
            code = os.waitstatus_to_exitcode(status)
            print(f"| {label} | {code} | {first} | {seconds:.1f} | {usage.ru_maxrss / 1024:.0f} |", flush=True)


def run_web() -> None:
    from fastapi.testclient import TestClient

    from newsfuse.web import create_app

    token = "table-token-123"
    auth = {"Authorization": f"Bearer {token}"}
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Path(tmp) / "w.db", token=token, max_body_bytes=2000)
        client = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)

        def chunks():
            yield b'{"articles": [{"text": "'
            for _ in range(10):
                yield b"y" * 1000
            yield b'"}]}'

        cases = {
            "GET /api/stories?offset=99999999999999999999": lambda: client.get(
                "/api/stories?offset=99999999999999999999"
            ),
            "GET /?page_no=99999999999999999999": lambda: client.get("/?page_no=99999999999999999999"),
            "GET /?page_no=abc": lambda: client.get("/?page_no=abc"),
            "HEAD /": lambda: client.head("/"),
            "POST /api/articles, chunked body over the limit": lambda: client.post(
                "/api/articles", content=chunks(), headers={**auth, "Content-Type": "application/json"}
            ),
            "POST /api/articles, a lone surrogate in one article": lambda: client.post(
                "/api/articles",
                content='{"articles": [{"text": "Storm \\ud800 hits"}]}',
                headers={**auth, "Content-Type": "application/json"},
            ),
        }
        print("| request | status | content type |")
        print("|---|---|---|")
        for label, call in cases.items():
            r = call()
            print(f"| {label} | {r.status_code} | {r.headers.get('content-type', '').split(';')[0]} |", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--web", action="store_true")
    run_web() if parser.parse_args().web else run_cli()
