"""Renderers: lay out a fused :class:`~newsfuse.model.Report` for people and programs.

They compute nothing about the facts; the fusion stage decides, the renderers only phrase
and arrange. Each format lives in its own module; :func:`render` picks one by name.
"""

from __future__ import annotations

from ..model import Report

FORMATS: tuple[str, ...] = ("text", "markdown", "json", "html")


def render(report: Report, fmt: str = "text", *, color: bool = False, width: int = 110) -> str:
    """The report in ``fmt`` (text | markdown | json | html).

    ``color`` and ``width`` only affect ``text``: pass ``color=sys.stdout.isatty()`` so that
    colour codes never end up in files or pipes.
    """
    # Imported lazily: `--format json` should not pay for importing rich or jinja2.
    if fmt == "text":
        from .text import render_text

        return render_text(report, color=color, width=width)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report)
    if fmt == "json":
        from .jsonfmt import render_json

        return render_json(report)
    if fmt == "html":
        from .html import render_html

        return render_html(report)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render"]
