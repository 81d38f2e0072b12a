"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml, holdout.toml, fresh.toml and fresh2.toml; refit rather than edit by
hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-8.1819, weights=(
    2.5685, 0.3995, -0.4066, 0.8052, 1.9373, 0.4287, -1.398,
    0.0132, 0.6706, -1.0166, -2.1919, -0.0877, -0.6621, 0.6484,
    -1.1049, 1.1565, -0.4862, -0.5211, -2.2055, 2.9856, 1.4484),
    threshold=0.64)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
