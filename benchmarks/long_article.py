"""Time and memory of one long article through extraction (issue 17): linear in its length?

    python benchmarks/long_article.py DATA_DIR --chars 10000 [--no-punctuation]

builds one article of exactly ``--chars`` characters from gva-dev texts (ordinary prose, the
texts joined by blank lines), or with ``--no-punctuation`` one line of gva-dev words without
punctuation or line breaks, and extracts it with the Python API, which takes an Article as
given (the readers refuse texts over ``MAX_ARTICLE_CHARS``; this measures what lies beyond).
Prints one JSON line: characters, seconds to load the models (the language model included),
seconds to extract (wall and CPU), the process's peak resident memory (of the extraction: it
is read before the comparison run), and the CPU of spaCy's own ``nlp.pipe`` on the same text
in the same pieces, with extraction's CPU as a ratio to it: the ratio, measured in one run,
is what says whether extraction stays linear beyond spaCy's own cost. Run each size in its own process: the peak is per process.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

from newsfuse.model import Article


def build(data: Path, chars: int, punctuation: bool) -> str:
    texts = [json.loads(line)["text"] for line in (data / "gva-dev.jsonl").open(encoding="utf-8")]
    if punctuation:
        out, total = [], 0
        for text in texts * (chars // sum(map(len, texts)) + 1):
            out.append(text)
            total += len(text) + 2
            if total >= chars:
                break
        return "\n\n".join(out)[:chars]
    words = [w for t in texts[:200] for w in t.split() if w.isalpha()]
    rng = random.Random(17)
    line = ""
    while len(line) < chars:
        line += " ".join(rng.choice(words) for _ in range(10_000)) + " "
    return line[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--chars", type=int, required=True)
    parser.add_argument("--no-punctuation", action="store_true")
    args = parser.parse_args()
    text = build(args.data, args.chars, not args.no_punctuation)
    assert len(text) == args.chars
    t0 = time.perf_counter()
    from newsfuse import api
    from newsfuse.geo import load_gazetteer
    from newsfuse.language import detect_language
    from newsfuse.nlp import load_nlp, pieces

    nlp = load_nlp()
    load_gazetteer(), detect_language("the models load here, not in the timed extraction")
    loaded = time.perf_counter() - t0
    t0, cpu0 = time.perf_counter(), time.process_time()
    [facts] = api.extract([Article(id="long", text=text, published=None, origin="long")])
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # spaCy's own pipeline on the same text, in the same pieces extraction parses it in: the floor
    cpu0 = time.process_time()
    for _ in nlp.pipe(pieces(text), batch_size=1):
        pass
    pipe_cpu = time.process_time() - cpu0
    json.dump(
        {
            "chars": len(text),
            "punctuation": not args.no_punctuation,
            "load_s": round(loaded, 2),
            "extract_s": round(seconds, 2),
            "extract_cpu_s": round(cpu, 2),
            "nlp_pipe_cpu_s": round(pipe_cpu, 2),
            "extract_cpu_vs_nlp_pipe": round(cpu / pipe_cpu, 2),
            "peak_rss_mb": round(peak_mb),
            "sentences": len(facts.sentences),
            "places": len(facts.places),
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
