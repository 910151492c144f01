"""Handing freed memory back to the system in long runs (glibc's allocator; elsewhere nothing).

A store ingest or a backfill worker runs for hours over batches that each allocate and free
hundreds of megabytes (spaCy's documents, the encoder's activations, one batch's facts). glibc
keeps what was freed in its heaps, one per thread that allocated (up to eight per core), so
the resident size climbs towards the high-water mark of every batch in every arena. Measured on
1,537 replayed gva-dev articles ingested without fusion (models alone 723 MB; scratch
measurement quoted in the issue 16 note): peak RSS 1,522 MB as it was, 1,418 MB with two
arenas and a trim after each batch, and the resident size between batches 1,522 vs 1,089 MB.
No library call offers this (``gc`` frees Python objects, not the allocator's heaps); two
calls through :mod:`ctypes` do.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys

_M_ARENA_MAX = -8  # mallopt parameter (malloc.h)


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        libc.gnu_get_libc_version  # noqa: B018 - only glibc has it (musl has no malloc_trim)
    except (OSError, AttributeError):
        return None
    return libc


def limit_arenas(arenas: int = 2) -> bool:
    """At most ``arenas`` malloc heaps for the threads created from now on (the torch and ONNX
    Runtime pools): fewer heaps hold fewer freed pages. True when the allocator took it."""
    libc = _glibc()
    return bool(libc and libc.mallopt(_M_ARENA_MAX, arenas))


def release() -> bool:
    """Return the free pages of every heap to the system (``malloc_trim``): called between
    batches, where a few milliseconds are nothing next to the batch. True when memory was
    returned."""
    libc = _glibc()
    return bool(libc and libc.malloc_trim(0))
