"""Fusion's int8 ONNX encoder: made offline from the installed weights, close to the PyTorch model."""

from __future__ import annotations

import numpy as np

from newsfuse.encoder import OnnxEncoder, export_onnx
from newsfuse.nlp import load_encoder

SENTENCES = [
    "Two people were killed and three injured in a shooting on Elm Street on Sunday night.",
    "A Sunday night shooting on Elm Street left two dead and three wounded, police said.",
    "The city council approved the new budget for the public library on Tuesday.",
    "About 400 inmates escaped when the Taliban stormed the prison in Ghazni.",
    "",
]


def test_the_export_is_made_from_the_installed_weights_and_agrees_with_pytorch(tmp_path):
    path = export_onnx(tmp_path / "encoder.onnx")
    assert path.exists() and not [p for p in tmp_path.iterdir() if p != path]  # nothing half-written left
    fast = OnnxEncoder(path, threads=1).encode(SENTENCES, batch_size=2)
    ref = np.asarray(load_encoder("torch").encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True))
    assert fast.shape == ref.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-4)
    assert (fast * ref).sum(axis=1).min() > 0.95  # each sentence's two embeddings
    sims = fast @ fast.T
    assert sims[0, 1] > 0.7 and sims[0, 1] > sims[0, 2] + 0.3  # the paraphrase, not the budget
    assert abs(sims[0, 1] - (ref @ ref.T)[0, 1]) < 0.05


def test_the_loaded_encoder_keeps_input_order_and_takes_no_text():
    encoder = load_encoder("onnx-int8")
    assert encoder.encode([]).shape == (0, 384)
    alone = np.stack([encoder.encode([s])[0] for s in SENTENCES])
    together = encoder.encode(SENTENCES[::-1], batch_size=3)[::-1]
    # a text's embedding does not depend on the texts encoded with it (fusion's memo relies on it)
    assert np.array_equal(alone, together)
