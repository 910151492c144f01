"""Rendered story pages, kept until their story's report changes."""

from __future__ import annotations

import threading
from collections import OrderedDict

PAGE_CACHE_BYTES = 64 * 1024 * 1024


class PageCache:
    """Rendered story pages by (story id, report version), least recently used first out, within
    a byte budget. A stored report changes only with a new version, so a page is valid until then;
    reading a story page costs one small query instead of loading and rendering the report."""

    def __init__(self, max_bytes: int = PAGE_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[tuple[str, int], str] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int]) -> str | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple[str, int], page: str) -> None:
        size = len(page)
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._pages:
                return
            self._pages[key] = page
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, old = self._pages.popitem(last=False)
                self._bytes -= len(old)
