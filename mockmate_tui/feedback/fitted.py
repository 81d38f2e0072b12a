"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml, holdout.toml and fresh.toml; refit rather than edit by hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-7.1111, weights=(
    1.94, 0.5495, -0.2202, -0.3421, 2.4706, 0.4456, -1.8098,
    0.3024, 1.7909, -2.1865, -2.7115, -0.0488, -1.0533, 0.438,
    -0.8595, 1.3162, -0.5466, -0.6125, -2.0576, 1.3641, 2.9276),
    threshold=0.645)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
