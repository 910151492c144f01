"""The web app (``newsfuse serve``): FastAPI, server-rendered pages, a JSON API; see :mod:`.app`.

Names are imported on first use, so that ``newsfuse.web.settings`` (which the CLI reads for its
defaults) does not load FastAPI and the store with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from .settings import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from .app import create_app
    from .security import check_config, is_loopback

__all__ = ["DEFAULT_LIMITS", "ConfigError", "Limits", "check_config", "create_app", "is_loopback"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    if name in ("check_config", "is_loopback"):
        from . import security

        return getattr(security, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
