"""newsfuse: many news reports of one event in, one cross-checked event record out."""

from .api import analyze, extract, read

__all__ = ["analyze", "extract", "read"]
__version__ = "0.1.0"
