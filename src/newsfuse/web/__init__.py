"""The web app (``newsfuse serve``): FastAPI, server-rendered pages, a JSON API; see :mod:`.app`."""

from .app import ConfigError, create_app, check_config, is_loopback

__all__ = ["ConfigError", "check_config", "create_app", "is_loopback"]
