"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml and holdout.toml; refit rather than edit by hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-6.89, weights=(
    2.8405, 0.5997, -0.0489, 1.43, 3.6664, 1.2301, -2.4169,
    0.4131, 1.0375, -1.0909, -2.5557, -0.4905, -0.6777, 0.6051),
    threshold=0.663)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
