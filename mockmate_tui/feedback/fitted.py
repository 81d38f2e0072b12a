"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml, holdout.toml and fresh.toml; refit rather than edit by hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-8.0571, weights=(
    2.1926, 0.4265, -0.356, 0.8485, 1.8692, 0.3119, -1.5514,
    0.0971, 0.6685, -1.2869, -2.0971, -0.096, -0.6644, 0.4996,
    -0.76, 1.24, -0.5135, -0.1733, -1.921, 2.5892, 1.453),
    threshold=0.658)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
