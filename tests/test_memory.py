"""newsfuse.memory: freed heap pages go back to the system between batches (glibc)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from newsfuse import memory

pytestmark = pytest.mark.skipif(memory._glibc() is None, reason="glibc's allocator only")

# 100,000 blocks of 1 kB, every 16th kept: the freed ones sit between live ones, where glibc
# never trims by itself (it only shrinks the top of its heap), so only release() returns them.
_FRAGMENTED = textwrap.dedent(
    """
    from newsfuse.memory import limit_arenas, release

    def rss():
        return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS")) // 1024

    assert limit_arenas(2)
    blocks = [bytes(1000) + bytes([i % 256]) for i in range(100_000)]
    kept = blocks[::16]
    del blocks
    before = rss()
    released = release()
    print(before, released, rss())
    """
)


def test_release_returns_the_freed_pages_between_live_blocks():
    out = subprocess.run([sys.executable, "-c", _FRAGMENTED], capture_output=True, text=True, check=True).stdout
    before, released, after = out.split()
    assert released == "True"
    assert int(before) - int(after) >= 40  # of ~95 MB freed


def test_without_glibc_both_calls_do_nothing(monkeypatch):
    monkeypatch.setattr(memory, "_glibc", lambda: None)
    assert memory.limit_arenas() is False
    assert memory.release() is False
