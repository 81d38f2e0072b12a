"""Key points judged one by one: the model that reads meaning, and the words that back it.

- `spans.py`: the parts of an answer a point can be judged on (sentences, list lines, two
  sentences in a row, the whole answer when it is short), each an exact slice of the answer.
- `judge.py`: the cross-encoder fine-tuned here (training/keypoint_judge.py), shipped as int8
  ONNX with its tokenizer and run with onnxruntime; loaded once, in the background at start-up.
- `combine.py`: each point decided from the judge's span scores and the word evidence by trees
  fit here, quoted by the span that speaks to it (one span credits one point unless it says
  both); the word matcher alone when the model cannot load.
- `decide.py`: the judge's own threshold decision (rubric-2026.12b's), for its training's
  cross-validation.
- `words.py`: the word evidence (the earlier matcher): a point's words met sentence by sentence.

The names below are the word matcher's, kept where they were (`feedback.keypoints`) for the
modules that split and quote answers with them.
"""

from mockmate_tui.feedback.keypoints.words import (
    Finding,
    Judgement,
    Span,
    clause_spans,
    find_points,
    judge_points,
    point_readings,
    point_terms,
    sentence_spans,
)

__all__ = ["Finding", "Judgement", "Span", "clause_spans", "find_points", "judge_points",
           "point_readings", "point_terms", "sentence_spans"]
