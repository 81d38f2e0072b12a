"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml, holdout.toml and fresh.toml; refit rather than edit by hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-8.1502, weights=(
    2.6556, 0.3544, -0.3699, 0.8166, 1.8693, 0.4748, -1.4365,
    0.015, 0.7778, -0.9942, -2.1595, -0.0921, -0.6932, 0.6864,
    -1.0916, 1.0912, -0.4707, -0.5141, -2.1886, 2.8792, 1.4352),
    threshold=0.657)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
