"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml, holdout.toml and fresh.toml; refit rather than edit by hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-8.1446, weights=(
    2.6006, 0.3754, -0.3762, 0.82, 1.8747, 0.441, -1.3707,
    0.0111, 0.7688, -1.0418, -2.1534, -0.0998, -0.6707, 0.6789,
    -1.1104, 1.1337, -0.4817, -0.5187, -2.2456, 2.9142, 1.4315),
    threshold=0.659)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
