"""The key-point judge: a cross-encoder over (key point, answer span), run with onnxruntime.

The model is all-MiniLM-L6-v2 fine-tuned here on the labelled answers of tests/keypoints/
(training/keypoint_judge.py; MODEL_CARD.md has the data, the command and the figures), exported
to ONNX with int8 weights and shipped in `model/` beside its `tokenizers` tokenizer and its
decision threshold (`judge.json`). No PyTorch and no download at run time.

Loading takes about a second, so it happens once, in the background: `start_loading()` (the
service calls it at start-up) starts a thread; the first judgement waits for that thread, or
loads the model itself when nobody started it. If the files are missing or do not load, the
judge is None, a warning is logged once and key points are judged by their words (words.py):
never a crash. `MOCKMATE_KEYPOINT_JUDGE=words` chooses the word matcher on purpose.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockmate_tui.feedback.keypoints.combine import Combiner

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_FILE = "judge.onnx"
TOKENIZER_FILE = "tokenizer.json"
CONFIG_FILE = "judge.json"
COMBINER_FILE = "combiner.json"
# Threads for one judgement: the budget is set on two cores.
THREADS = 2
ENV_CHOICE = "MOCKMATE_KEYPOINT_JUDGE"
# How long a process that is ending waits for a background load (it takes about a second).
_LOAD_WAIT_AT_EXIT_SECONDS = 30.0


@dataclass(frozen=True)
class JudgeConfig:
    threshold: float
    """A span covers a point when its score reaches this (chosen by grouped CV)."""
    both: float
    """A span that speaks more to another point credits this one too only from this score."""
    max_length: int
    """Tokens of (point, span) the model reads; the span is cut, never the point."""
    words_floor: float = 1.01
    """A point the word matcher covers stays covered when the judge scores it at least this."""


class SpanScorer:
    """Scores (point, span) pairs, all of an answer in one run. Thread-safe: onnxruntime's
    run() may be called from several threads, and the tokenizer is only read. Alone, it is what
    training/keypoint_combiner.py reads a new judge with, before it has a combiner."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        raw = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
        self.config = JudgeConfig(float(raw["threshold"]), float(raw["both"]),
                                  int(raw["max_length"]), float(raw.get("words_floor", 1.01)))
        tokenizer = Tokenizer.from_file(str(model_dir / TOKENIZER_FILE))
        tokenizer.enable_truncation(self.config.max_length, strategy="only_second")
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        options = ort.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        # The same answer gets the same verdict on every x86 CPU: without VNNI (AVX2 alone, as
        # on an AMD EPYC) onnxruntime's fast int8 product saturates at 16 bits and moves the
        # scores (a point ticked here and not on a VNNI machine); the exact kernel costs a
        # little time there and nothing elsewhere.
        options.add_session_config_entry("session.x64quantprecision", "1")
        self._session: Any = ort.InferenceSession(str(model_dir / MODEL_FILE), options,
                                                  providers=["CPUExecutionProvider"])

    def scores(self, points: Sequence[str], texts: Sequence[str]) -> list[list[float]]:
        """scores[i][j]: how likely an interviewer is to tick point i on span j, 0..1."""
        if not points or not texts:
            return [[] for _ in points]
        import numpy as np

        pairs = [(point, text) for point in points for text in texts]
        encodings = self._tokenizer.encode_batch(pairs)
        # Pairs of like length run together: one batch padded to its longest pair wastes most
        # of its work on padding when sentences and two-sentence windows are mixed.
        order = sorted(range(len(pairs)), key=lambda k: len(encodings[k].ids))
        logits = np.zeros(len(pairs), dtype=np.float64)
        for bucket in _buckets(order, len(order)):
            width = len(encodings[bucket[-1]].ids)
            feeds = {name: np.zeros((len(bucket), width), dtype=np.int64)
                     for name in ("input_ids", "attention_mask", "token_type_ids")}
            for row, k in enumerate(bucket):
                e = encodings[k]
                n = len(e.ids)
                feeds["input_ids"][row, :n] = e.ids
                feeds["attention_mask"][row, :n] = e.attention_mask
                feeds["token_type_ids"][row, :n] = e.type_ids
            out = self._session.run(None, feeds)[0][:, 0]
            logits[bucket] = out
        probabilities = 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))
        width = len(texts)
        return [[float(p) for p in probabilities[i * width:(i + 1) * width]]
                for i in range(len(points))]


class Judge(SpanScorer):
    """The scorer with the decision over its scores and the word evidence (combine.py),
    shipped beside the model: one missing is a model that did not load (the word matcher)."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        super().__init__(model_dir)
        self.combiner = Combiner.from_file(model_dir / COMBINER_FILE)


# Pairs are run in at most this many batches of like length.
_BUCKETS = 3
_MIN_BUCKET = 16


def _buckets(order: list[int], size: int) -> list[list[int]]:
    count = max(1, min(_BUCKETS, size // _MIN_BUCKET))
    step = -(-size // count)
    return [order[i:i + step] for i in range(0, size, step)]


_lock = threading.Lock()
_state: dict[str, Any] = {"judge": None, "tried": False, "thread": None}


def _load() -> Judge | None:
    if os.environ.get(ENV_CHOICE, "").strip().lower() == "words":
        log.info("key points judged by their words (%s=words)", ENV_CHOICE)
        return None
    try:
        return Judge(MODEL_DIR)
    except Exception as error:  # any failure to load means the word matcher, never a crash
        log.warning("the key-point model did not load (%s: %s); key points are judged by "
                    "their words", type(error).__name__, error)
        return None


def get_judge() -> Judge | None:
    """The judge, loading it on first use (waiting for the background load if one runs);
    None when it cannot load."""
    if _state["tried"]:
        judge: Judge | None = _state["judge"]
        return judge
    with _lock:
        if not _state["tried"]:
            _state["judge"] = _load()
            _state["tried"] = True
    loaded: Judge | None = _state["judge"]
    return loaded


def start_loading() -> threading.Thread:
    """Load the judge in a background thread (at start-up), so the first answer does not wait
    for it. Safe to call more than once."""
    with _lock:
        thread: threading.Thread | None = _state["thread"]
        if thread is None:
            thread = threading.Thread(target=get_judge, name="keypoint-judge-load", daemon=True)
            _state["thread"] = thread
            thread.start()
            # A process that ends while onnxruntime is still building its session aborts in
            # C++ ("terminate called without an active exception"): a short command (a report,
            # a practice run with nothing left to ask) waits for the load to finish instead.
            atexit.register(thread.join, _LOAD_WAIT_AT_EXIT_SECONDS)
    return thread


def reset_for_tests() -> None:
    """Forget the loaded judge (tests that load it from elsewhere or without files)."""
    with _lock:
        _state.update(judge=None, tried=False, thread=None)
