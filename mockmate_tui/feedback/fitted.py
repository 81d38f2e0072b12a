"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml, holdout.toml and fresh.toml to fresh4.toml; refit rather than edit by
hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-8.3591, weights=(
    2.1862, 0.2816, -0.2699, 1.1678, 1.9865, 0.6397, -1.1519,
    -0.3002, 0.5244, -0.9888, -1.7083, -0.0968, -0.3268, 0.8487,
    -0.426, 0.9728, -0.2498, -0.5862, -1.2698, 3.0468, 1.0654),
    threshold=0.627)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
