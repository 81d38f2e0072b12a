"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml, holdout.toml and fresh.toml to fresh4.toml; refit rather than edit by
hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-8.5224, weights=(
    2.253, 0.352, -0.2702, 1.158, 2.0022, 0.6565, -1.0994,
    -0.2821, 0.4754, -0.9619, -1.7585, -0.1214, -0.3503, 0.8624,
    -0.4719, 0.9889, -0.2473, -0.5669, -1.3355, 2.9982, 1.0668),
    threshold=0.628)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
