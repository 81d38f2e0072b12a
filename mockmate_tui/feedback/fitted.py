"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml and holdout.toml; refit rather than edit by hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-7.298, weights=(
    2.0765, 0.5976, -0.3344, -0.3502, 2.6322, 0.4079, -1.7623,
    0.4401, 1.3732, -1.7493, -2.462, -0.1564, -1.0786, 0.3194,
    -0.7887, 1.5088, -0.5174, -0.565, -1.9238, 1.3567, 2.7629),
    threshold=0.649)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
