"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml, holdout.toml and fresh.toml to fresh4.toml; refit rather than edit by
hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-8.388, weights=(
    2.1739, 0.29, -0.2775, 1.1652, 2.0492, 0.5133, -1.1848,
    -0.2712, 0.5261, -1.0017, -1.7069, -0.1, -0.346, 0.82,
    -0.4251, 0.9799, -0.2513, -0.5995, -1.2372, 3.0025, 1.0959),
    threshold=0.635)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
