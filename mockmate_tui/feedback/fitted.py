"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml, holdout.toml and fresh.toml to fresh4.toml; refit rather than edit by
hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-8.4964, weights=(
    2.2669, 0.3555, -0.2726, 1.1627, 2.009, 0.6657, -1.1008,
    -0.2823, 0.4789, -0.9793, -1.7777, -0.1172, -0.341, 0.8511,
    -0.4708, 0.9882, -0.2577, -0.5696, -1.3197, 2.9849, 1.0506),
    threshold=0.62)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
