"""newsfuse: many news reports of one event in, one cross-checked event record out."""

__all__ = ["analyze", "extract", "read"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The API pulls in spaCy; importing it lazily lets the store, the renderers and the web
    # app's read-only pages start without loading the NLP stack.
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsfuse' has no attribute {name!r}")
