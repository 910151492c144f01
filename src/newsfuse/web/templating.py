"""Templates, the site navigation, story links and the app's static assets."""

from __future__ import annotations

from importlib import resources
from urllib.parse import quote

import jinja2

STATIC_TYPES = {
    "web.css": "text/css; charset=utf-8",
    "web.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}


def _load_static() -> dict[str, tuple[bytes, str]]:
    root = resources.files("newsfuse.web") / "static"
    return {name: ((root / name).read_bytes(), kind) for name, kind in STATIC_TYPES.items()}


# A fixed set read once: no route ever opens a path taken from a request.
STATIC: dict[str, tuple[bytes, str]] = _load_static()


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsfuse.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["story_href"] = story_href
    return env


def nav() -> list[tuple[str, str]]:
    return [
        ("/", "newsfuse"),
        ("/", "Stories"),
        ("/add", "Add articles"),
        ("/feeds", "Feeds"),
        ("/openapi.json", "API"),
    ]


def story_href(story_id: str) -> str:
    return "/stories/" + quote(story_id, safe="")
