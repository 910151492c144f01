"""Fusion's sentence encoder: the int8 ONNX export against the PyTorch model, on the same sentences,
in one run.

    python benchmarks/bench_encoder.py DATA_DIR [--sentences 3000] [--threads 1] [--json PATH]

The sentences are the lines of the first gva-dev articles split after a full stop, question or
exclamation mark (the raw scrapes, furniture included: what reaches the encoder is close to it),
those of at least 20 characters, the first ``--sentences`` of them. Each backend encodes them
all (the PyTorch model, then ONNX, then again both; the faster of each pair of runs counts, so
a burst of other work on the machine does not decide). Prints the CPU-time ratio (PyTorch over
ONNX: the speed-up), how far the ONNX embeddings are from PyTorch's (cosine of each sentence's
two embeddings), how far the similarity of two sentences moves (20,000 random pairs: mean and
largest absolute difference) and how often a sentence's nearest other sentence stays the same.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import numpy as np

import benchlib
from newsfuse.nlp import load_encoder

_SPLIT = re.compile(r"(?<=[.!?])\s+|\n")


def sentences(path: Path, limit: int) -> list[str]:
    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            out += [s.strip() for s in _SPLIT.split(json.loads(line)["text"]) if len(s.strip()) >= 20]
            if len(out) >= limit:
                break
    return out[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--sentences", type=int, default=3000)
    benchlib.add_threads_option(parser)
    benchlib.add_json_option(parser)
    args = parser.parse_args()
    benchlib.set_threads(args.threads)
    path = args.data_dir / "gva-dev.jsonl"
    texts = sentences(path, args.sentences)
    encoders = {"torch": load_encoder("torch"), "onnx-int8": load_encoder("onnx-int8")}
    cpu: dict[str, float] = {}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(2):
        for name, encoder in encoders.items():
            c0 = time.process_time()
            v = encoder.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
            spent = time.process_time() - c0
            cpu[name] = min(cpu.get(name, spent), spent)
            vectors[name] = np.asarray(v, dtype=np.float32)
    ref, fast = vectors["torch"], vectors["onnx-int8"]
    self_cos = (ref * fast).sum(axis=1)
    pairs = np.random.RandomState(0).randint(0, len(texts), (20_000, 2))
    diff = np.abs((ref[pairs[:, 0]] * ref[pairs[:, 1]]).sum(1) - (fast[pairs[:, 0]] * fast[pairs[:, 1]]).sum(1))
    sim_ref, sim_fast = ref @ ref.T, fast @ fast.T
    np.fill_diagonal(sim_ref, -2)
    np.fill_diagonal(sim_fast, -2)
    nearest_same = float((sim_ref.argmax(axis=1) == sim_fast.argmax(axis=1)).mean())
    speedup = cpu["torch"] / cpu["onnx-int8"]
    tokens = sum(len(encoders["torch"].tokenizer(t, truncation=True, max_length=256)["input_ids"]) for t in texts)
    print(f"{len(texts)} gva-dev sentences, {tokens:,} tokens, {args.threads} thread(s)")
    print(f"  CPU: PyTorch {cpu['torch']:.1f} s, ONNX int8 {cpu['onnx-int8']:.1f} s: {speedup:.2f}x")
    print(f"  a sentence's two embeddings: cosine mean {self_cos.mean():.4f}, lowest {self_cos.min():.4f}")
    print(f"  similarity of two sentences moves by {diff.mean():.4f} on average, at most {diff.max():.4f}")
    print(f"  nearest other sentence unchanged for {nearest_same:.3f} of sentences")
    benchlib.write_json(
        args.json,
        {
            "speedup": speedup,
            "torch_tokens_per_cpu_s": tokens / cpu["torch"],
            "onnx_tokens_per_cpu_s": tokens / cpu["onnx-int8"],
            "self_cosine_mean": float(self_cos.mean()),
            "self_cosine_min": float(self_cos.min()),
            "pair_similarity_diff_mean": float(diff.mean()),
            "pair_similarity_diff_max": float(diff.max()),
            "nearest_unchanged": nearest_same,
        },
        [path],
        {"sentences": args.sentences, "threads": args.threads},
    )


if __name__ == "__main__":
    main()
