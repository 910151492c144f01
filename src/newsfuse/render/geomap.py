"""A small locator map of a story's places, as inline SVG: no tiles, no network, no script.

Equirectangular projection of the Natural Earth 1:110m country outlines shipped in
``newsfuse.data.world_outline``. The view is the bounding box of the story's point-like places
(the event place, cities and regions), padded; countries named as places are tinted rather
than drawn as a point, so that "the United States" mentioned in passing does not zoom a map of
a town in Afghanistan out to the whole world. Places of the whole world (or a box wider than
half of it) give the whole world. The event place has its own marker; mentioned places are
smaller, labelled dots. Every text that comes from an article (place names) is escaped here.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..model import StoryReport, WherePlace

WIDTH = 640.0
MIN_HEIGHT, MAX_HEIGHT = 260.0, 420.0
MIN_SPAN_DEG = 12.0  # a single town still shows its surroundings
PAD = 0.3  # of the places' span, on each side
# Features drawn as points; countries and continents are areas (tinted when in view).
POINT_FEATURES = frozenset({"city", "admin1", "admin2", "region", None})
MAX_LABELS = 12
WORLD_LIKE_SPAN = 200.0  # degrees of longitude


@dataclass(frozen=True)
class _Ring:
    country: str  # ISO alpha-2 or ""
    points: tuple[tuple[float, float], ...]  # (lon, lat)
    box: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


@functools.lru_cache(maxsize=1)
def _rings() -> tuple[_Ring, ...]:
    from ..data.world_outline import COUNTRIES

    out = []
    for iso2, _name, rings in COUNTRIES:
        for ring in rings.split("|"):
            pts = tuple((float(x), float(y)) for x, y in (p.split(",") for p in ring.split()))
            lons, lats = [p[0] for p in pts], [p[1] for p in pts]
            out.append(_Ring(iso2, pts, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(out)


@dataclass(frozen=True)
class View:
    lon0: float
    lat0: float
    lon1: float
    lat1: float
    width: float
    height: float

    def x(self, lon: float) -> float:
        return (lon - self.lon0) / (self.lon1 - self.lon0) * self.width

    def y(self, lat: float) -> float:
        return (self.lat1 - lat) / (self.lat1 - self.lat0) * self.height

    def contains(self, lon: float, lat: float) -> bool:
        return self.lon0 <= lon <= self.lon1 and self.lat0 <= lat <= self.lat1


WORLD = View(-180.0, -60.0, 180.0, 84.0, WIDTH, WIDTH * 144 / 360)


def _located(places: Sequence[WherePlace]) -> list[WherePlace]:
    return [p for p in places if p.lat is not None and p.lon is not None]


def choose_view(places: Sequence[WherePlace]) -> View:
    """The padded bounding box of the point-like places, at the page's width; else the world."""
    points = [p for p in _located(places) if p.feature in POINT_FEATURES or p.role == "event"]
    points = points or _located(places)
    if not points:
        return WORLD
    lons = [p.lon for p in points if p.lon is not None]
    lats = [p.lat for p in points if p.lat is not None]
    lon_span, lat_span = max(lons) - min(lons), max(lats) - min(lats)
    if lon_span > 180 or lat_span > 90:
        return WORLD
    lon_pad = max(lon_span * PAD, (MIN_SPAN_DEG - lon_span) / 2)
    lat_pad = max(lat_span * PAD, (MIN_SPAN_DEG - lat_span) / 2)
    lon0, lon1 = min(lons) - lon_pad, max(lons) + lon_pad
    lat0, lat1 = min(lats) - lat_pad, max(lats) + lat_pad
    if lon1 - lon0 > WORLD_LIKE_SPAN:
        return WORLD  # a box this wide is most of the world anyway
    # fit the page's shape: widen whichever side is short, so degrees stay square
    height = min(MAX_HEIGHT, max(MIN_HEIGHT, WIDTH * (lat1 - lat0) / (lon1 - lon0)))
    want_lon = (lat1 - lat0) * WIDTH / height
    if want_lon > lon1 - lon0:
        mid = (lon0 + lon1) / 2
        lon0, lon1 = mid - want_lon / 2, mid + want_lon / 2
    else:
        want_lat = (lon1 - lon0) * height / WIDTH
        mid = (lat0 + lat1) / 2
        lat0, lat1 = mid - want_lat / 2, mid + want_lat / 2
    if lon1 - lon0 > WORLD_LIKE_SPAN:
        return WORLD
    return View(lon0, lat0, lon1, lat1, WIDTH, round(height, 1))


def _path(view: View, ring: _Ring) -> str:
    # Consecutive points that project onto the same pixel are dropped: a world view needs
    # fewer than a regional one.
    out: list[str] = []
    last = None
    for lon, lat in ring.points:
        pt = (round(view.x(lon), 1), round(view.y(lat), 1))
        if pt != last:
            out.append(f"{pt[0]:g},{pt[1]:g}")
            last = pt
    return "M" + "L".join(out) + "Z" if len(out) >= 3 else ""


def _graticule(view: View) -> list[str]:
    span = view.lon1 - view.lon0
    step = next(s for s in (1, 2, 5, 10, 15, 30, 60) if span / s <= 8)
    lines = []
    lon = (view.lon0 // step + 1) * step
    while lon < view.lon1:
        x = round(view.x(lon), 1)
        lines.append(f'<line x1="{x:g}" y1="0" x2="{x:g}" y2="{view.height:g}"/>')
        lon += step
    lat = (view.lat0 // step + 1) * step
    while lat < view.lat1:
        y = round(view.y(lat), 1)
        lines.append(f'<line x1="0" y1="{y:g}" x2="{view.width:g}" y2="{y:g}"/>')
        lat += step
    return lines


def render_map(story: StoryReport) -> str | None:
    """The story's map as an ``<svg>`` element, or None when no place has coordinates."""
    located = _located(story.where)
    if not located:
        return None
    view = choose_view(story.where)
    event_countries = {p.country for p in located if p.role == "event" and p.country}
    named_countries = {p.country for p in located if p.feature == "country" and p.country}
    w, h = f"{view.width:g}", f"{view.height:g}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="story-map" viewBox="0 0 {w} {h}" '
        f'width="{w}" height="{h}" role="img" aria-labelledby="map-title-{escape(story.id)}">',
        f'<title id="map-title-{escape(story.id)}">Map of the places in this story</title>',
        f'<rect class="sea" x="0" y="0" width="{w}" height="{h}"/>',
        '<g class="graticule">',
        *_graticule(view),
        "</g>",
        '<g class="land">',
    ]
    for ring in _rings():
        lon0, lat0, lon1, lat1 = ring.box
        if lon1 < view.lon0 or lon0 > view.lon1 or lat1 < view.lat0 or lat0 > view.lat1:
            continue
        d = _path(view, ring)
        if not d:
            continue
        cls = (
            "event-country"
            if ring.country in event_countries
            else ("named-country" if ring.country in named_countries else "country")
        )
        parts.append(f'<path class="{cls}" d="{d}"/>')
    parts.append("</g>")

    # Mentioned places first, so the event marker is drawn on top.
    drawn = [
        p
        for p in located
        if (p.feature in POINT_FEATURES or p.role == "event")
        and p.lon is not None
        and p.lat is not None
        and view.contains(p.lon, p.lat)
    ]
    drawn.sort(key=lambda p: p.role == "event")
    labels = 0
    for p in drawn:
        x, y = round(view.x(p.lon or 0.0), 1), round(view.y(p.lat or 0.0), 1)  # located: never None
        name = escape(p.name)
        event = p.role == "event"
        parts.append(f'<g class="{"place event" if event else "place"}">')
        parts.append(f"<title>{name} ({'event place' if event else 'mentioned'})</title>")
        if event:
            parts.append(f'<circle class="halo" cx="{x:g}" cy="{y:g}" r="11"/>')
            parts.append(f'<circle class="marker" cx="{x:g}" cy="{y:g}" r="5.5"/>')
        else:
            parts.append(f'<circle class="marker" cx="{x:g}" cy="{y:g}" r="3.5"/>')
        if event or labels < MAX_LABELS:
            labels += not event
            right = x < view.width * 0.72
            tx = x + (14 if event else 6) * (1 if right else -1)
            anchor = "start" if right else "end"
            parts.append(f'<text x="{tx:g}" y="{y + 4:g}" text-anchor="{anchor}">{name}</text>')
        parts.append("</g>")
    parts.append(
        f'<text class="credit" x="{view.width - 4:g}" y="{view.height - 4:g}" '
        'text-anchor="end">Natural Earth outlines</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
