"""The web app (``newsfuse serve``): FastAPI, server-rendered pages, a JSON API; see :mod:`.app`."""

from .app import ConfigError, check_config, create_app, is_loopback

__all__ = ["ConfigError", "check_config", "create_app", "is_loopback"]
