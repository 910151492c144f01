"""SpanIndex answers what a scan of every span answers (it replaced such scans: issue 17)."""

from __future__ import annotations

import random

from newsfuse.extractors.common import SpanIndex


def test_span_index_agrees_with_a_scan_of_every_span():
    rng = random.Random(11)
    for _ in range(300):
        spans = [(a, a + rng.randint(1, 15)) for a in (rng.randint(0, 60) for _ in range(rng.randint(0, 8)))]
        index = SpanIndex(spans)
        for _ in range(20):
            start = rng.randint(-2, 80)
            end = start + rng.randint(1, 12)
            assert index.covers(start) == any(a <= start < b for a, b in spans)
            assert index.overlap(start, end) == sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
            assert index.containing(start, end) == [i for i, (a, b) in enumerate(spans) if a <= start and end <= b]
