"""One self-contained HTML page: the report beside its sources, every fact linked to its span.

Safety rests on two things. Jinja2 autoescaping is on, and article text reaches the template
only as plain-string segments, so every character of it is escaped by the template; nothing
from an article is ever marked safe. A Content-Security-Policy then allows only the page's
own script (by hash) and no network at all, so even a mistake could not load or run anything.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
from dataclasses import dataclass, field
from importlib import resources

import jinja2
from markupsafe import Markup

from ..model import CountReport, Evidence, FusedCount, Report, StoryReport
from . import view as v

# Colour of a span several facts share: the most pressing one wins (conflicts first).
_CLASS_RANK: dict[str, int] = {f"st-{status}": rank for status, rank in v.STATUS_RANK.items()}
_CLASS_RANK |= {"k-quote": 10, "k-aux": 11}


@dataclass(frozen=True)
class Chip:
    """A clickable evidence reference: scrolls its one source to its one span."""

    token: str
    label: str  # "TRT World · sentence 4"
    quote: str
    short: str = ""  # "sentence 4", where the source is already named (a count's column)


@dataclass(frozen=True)
class Span:
    article: str
    start: int
    end: int
    tokens: tuple[str, ...]  # the fact id and this evidence's own id
    cls: str


@dataclass(frozen=True)
class Segment:
    text: str
    tokens: str = ""  # space-separated, for `[data-fact~=…]` selectors
    cls: str = ""


@dataclass
class FactIndex:
    """Gives each fact of a story an id, and remembers where its evidence lies in each article."""

    prefix: str
    names: v.Names
    spans: list[Span] = field(default_factory=list)
    _next: int = 0

    def add(self, evidence: tuple[Evidence, ...] | list[Evidence], cls: str) -> tuple[str, list[Chip]]:
        self._next += 1
        fid = f"{self.prefix}f{self._next}"
        chips = []
        for k, ev in enumerate(evidence):
            token = f"{fid}.e{k}"
            sentence = f"sentence {v.sentence_number(ev)}"
            chips.append(Chip(token, f"{self.names(ev.article)} · {sentence}", ev.quote, sentence))
            if ev.end > ev.start:
                self.spans.append(Span(ev.article, ev.start, ev.end, (fid, token), cls))
        return fid, chips


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece lists the facts that cover it.

    Overlapping evidence (a count inside a claim's sentence) thus becomes flat, non-nested
    runs, each marked with every fact it belongs to.
    """
    cuts = {0, len(text)}
    for span in spans:
        cuts.add(max(0, min(span.start, len(text))))
        cuts.add(max(0, min(span.end, len(text))))
    bounds = sorted(cuts)
    out: list[Segment] = []
    for lo, hi in zip(bounds, bounds[1:]):
        covering = [s for s in spans if s.start <= lo and hi <= s.end]
        if not covering:
            out.append(Segment(text[lo:hi]))
            continue
        tokens = " ".join(t for s in covering for t in s.tokens)
        cls = min((s.cls for s in covering), key=lambda c: _CLASS_RANK.get(c, 99))
        out.append(Segment(text[lo:hi], tokens, cls))
    return out


def map_svg(story: StoryReport) -> str | None:
    """An SVG map of the story's places, inlined in the page; None when none is located.

    Whatever it returns is inserted as markup, so :mod:`.geomap` escapes every text it embeds
    (place names come from articles) and references no external resource.
    """
    from .geomap import render_map

    return render_map(story)


def _safe_href(url: str | None) -> str | None:
    """Only web links become links: a `javascript:` URL from an input must stay text."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def _status_class(status: str) -> str:
    return f"st-{status}"


def _witness_view(w: v.Witness, chip: Chip | None, names: v.Names) -> dict[str, object]:
    when = None
    if w.label:
        when = f"{w.label} · as of {v.fmt_day(w.as_of)}" if w.as_of else w.label
    return {
        "name": names(w.article),
        "chip": chip,
        "label": f"{names(w.article)} · sentence {v.sentence_number(w.evidence)}",
        "before": w.before,
        "quote": w.quote,
        "after": w.after,
        "when": when,
    }


def _count_row(count: FusedCount, facts: FactIndex, texts: dict[str, str]) -> dict:
    names = facts.names
    fid, chips = facts.add([r.evidence for r in count.reports], _status_class(count.status))

    def chip_of(report: CountReport) -> Chip | None:
        # By position, then by value (an update's reports equal, but need not be, the report objects).
        for r, chip in zip(count.reports, chips):
            if r is report:
                return chip
        return next((chip for r, chip in zip(count.reports, chips) if r == report), None)

    groups = []
    for group in v.value_groups(count):
        sources = []
        witnesses = []
        for source in group.sources:
            own = [chip_of(r) for r in source.reports]
            sources.append({"name": names(source.article), "notes": "; ".join(source.notes), "chips": own})
            for report, chip in zip(source.reports, own):
                witnesses.append(_witness_view(v.witnesses_of_report(report, texts), chip, names))
        groups.append({"label": group.label, "sources": sources, "witnesses": witnesses})
    fact = v.Fact(count.status, count=count)
    if count.status == v.UPDATED and count.updates:
        witness_list = [_witness_view(w, None, names) for w in v.update_witnesses(count, texts)]
        for view, report in zip(witness_list, v.update_chain(count)):
            view["chip"] = chip_of(report)
    else:
        witness_list = [_witness_view(w, chip, names) for w, chip in zip(v.witnesses(fact, texts), chips)]
    return {
        "fid": fid,
        "chips": chips,
        "label": v.count_label(count),
        "title": v.fact_title(fact),
        "fused": v.fmt_count(count),
        # "75,000 (67,500–82,500)" may wrap before its range, never inside a number or a range.
        "fused_parts": v.fmt_count(count).replace(" (", "\0(").split("\0"),
        "status": count.status,
        "phrase": v.count_status_phrase(count, names),
        "groups": groups,
        "silent": [names(a) for a in count.silent],
        "witnesses": witness_list,
        "subset": count.scope == "subset",
    }


def _story_view(story: StoryReport, number: int, report: Report, names: v.Names) -> dict:
    facts = FactIndex(prefix=f"s{number}", names=names)
    actors = v.actor_index(story)

    def fact(evidence, cls: str = "k-aux") -> dict:
        fid, chips = facts.add(tuple(evidence), cls)
        return {"fid": fid, "chips": chips}

    # Registration order matters only for ids; the spans are merged per article below. Each
    # figure and claim is registered once: its row and its status section share one id.
    counts = [_count_row(c, facts, report.texts) for c in v.ordered_counts(story)]
    count_views = {id(c): row for c, row in zip(v.ordered_counts(story), counts)}
    claim_views: dict[int, dict] = {}
    for c in story.claims:
        registered = fact(c.evidence, _status_class(c.status))
        claim_views[id(c)] = {
            "title": c.text,
            "phrase": v.claim_status_phrase(c, names),
            "status": c.status,
            "witnesses": [
                _witness_view(w, chip, names)
                for w, chip in zip(v.witnesses(v.Fact(c.status, claim=c), report.texts), registered["chips"])
            ],
            **registered,
        }

    def view_of(f: v.Fact) -> dict:
        if f.count is not None:
            row = count_views[id(f.count)]
            return {**row, "phrase": v.fact_status_phrase(f, names), "title": v.fact_title(f)}
        assert f.claim is not None
        return claim_views[id(f.claim)]

    by_status = v.status_facts(story)
    sections = []
    for section in v.SECTIONS:
        items = by_status[section.status]
        if not items and section.empty is None:
            continue
        entry: dict[str, object] = {
            "status": section.status,
            "title": section.title,
            "empty": section.empty,
            "n": len(items),
            "facts": [view_of(f) for f in items],
        }
        if section.status == v.SINGLE:
            entry["groups"] = [
                {"source": names(article_id), "facts": [view_of(f) for f in group]}
                for article_id, group in v.single_source_groups(story)
            ]
        sections.append(entry)
    quotes = [
        {
            "speaker": v.speaker_name(q, actors),
            "written": v.speaker_as_written(q, actors),
            "text": q.text,
            "direct": q.direct,
            "kind": v.quote_kind(q),
            "channel": v.quote_channel(q),
            **fact([q.evidence], "k-quote"),
        }
        for q in story.quotes
    ]
    summary = [{"text": line.text, **fact(line.evidence)} for line in story.summary]
    when = {"text": v.fmt_when(story.when), "note": story.when.note, **fact(story.when.evidence)}
    timeline = [{"date": v.fmt_date(e.date), "text": e.text, **fact(e.evidence)} for e in story.when.timeline]
    places = [
        {
            "name": v.fmt_place(p),
            "detail": v.fmt_place_detail(p),
            "event": p.role == "event",
            "role": p.role,
            "kind": v.place_kind(p),
            "coords": v.fmt_coords(p.lat, p.lon),
            "geonames_id": p.geonames_id,
            "sources": v.join_names(p.articles or v.distinct_articles(p.evidence), names),
            **fact(p.evidence),
        }
        for p in story.where
    ]
    actor_rows = [{"name": a.name, "detail": v.actor_detail(a), **fact(a.evidence)} for a in story.actors]
    framing = [
        {
            "name": f.name,
            "groups": [
                {"terms": ", ".join(terms) or v.DASH, "sources": [names(a) for a in articles]}
                for terms, articles in v.framing_groups(f, story)
            ],
            **fact(f.evidence),
        }
        for f in story.framing
    ]

    columns = []
    for article_id in story.articles:
        ref = names.refs.get(article_id)
        text = report.texts.get(article_id)
        columns.append(
            {
                "id": article_id,
                "name": names(article_id),
                "title": names.title(article_id),
                "published": v.fmt_published(ref),
                "href": _safe_href(ref.url if ref else None),
                "copy_of": names(story.copies[article_id]) if article_id in story.copies else None,
                "segments": segments(text, [s for s in facts.spans if s.article == article_id])
                if text is not None
                else None,
            }
        )

    svg = map_svg(story)
    return {
        "number": number,
        "id": story.id,
        "headline": story.headline or "Untitled story",
        "event_type": story.event_type,
        "sources": v.story_sources(story, names),
        "when": when,
        "timeline": timeline,
        "event_places": [p for p in places if p["event"]],
        "mentioned_places": [p for p in places if not p["event"]],
        "places": places,
        "counts": counts,
        "sections": sections,
        "quotes": quotes,
        "summary": summary,
        "actors": actor_rows,
        "framing": framing,
        "copies": v.copy_lines(story, names),
        "columns": columns,
        # The same numbers as the sections' lengths: both come from view.status_facts.
        "stats": [{"status": s.status, "label": s.stat, "n": n} for s, n in v.tally_shown(story)],
        # Trusted markup from our own map code (see map_svg), never from an article.
        "map_svg": Markup(svg) if svg else None,
    }


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsfuse.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.lru_cache(maxsize=1)
def _script() -> str:
    return (resources.files("newsfuse.render") / "templates" / "report.js").read_text(encoding="utf-8")


def _csp(script: str) -> str:
    """No network, no plugins; scripts only if byte-identical to ours, so injected ones never run."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def page_csp() -> str:
    """The Content-Security-Policy of a report page (a server should also send it as a header)."""
    return _csp(_script())


def render_report_page(report: Report, *, nav: list[tuple[str, str]] | None = None) -> str:
    """The report page of ``report`` (one story or many), optionally topped by a site navigation
    bar of ``(href, label)`` links (the web app's); links are escaped like any other value."""
    names = v.article_names(report)
    script = _script()
    stories = [_story_view(story, i, report, names) for i, story in enumerate(report.stories, 1)]
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            stories=stories,
            n_articles=len(report.articles),
            schema=report.schema,
            script=Markup(script),
            csp=_csp(script),
            nav=[{"href": href, "label": label} for href, label in nav or ()],
        )
    )


def render_story_page(report: Report, story_id: str, *, nav: list[tuple[str, str]] | None = None) -> str:
    """The page of one story of ``report``: that story, with only its own articles."""
    story = next((s for s in report.stories if s.id == story_id), None)
    if story is None:
        raise KeyError(f"no story {story_id!r} in the report")
    members = set(story.articles)
    one = dataclasses.replace(
        report,
        stories=(story,),
        articles=tuple(a for a in report.articles if a.id in members),
        texts={k: t for k, t in report.texts.items() if k in members},
    )
    return render_report_page(one, nav=nav)


def render_html(report: Report) -> str:
    return render_report_page(report)
