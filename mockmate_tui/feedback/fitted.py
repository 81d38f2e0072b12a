"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml and holdout.toml; refit rather than edit by hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-7.0538, weights=(
    2.387, 0.5421, 0.0471, 1.5835, 3.2763, 0.7626, -2.417, 0.4942, 1.1686, -1.08, -2.7731),
    threshold=0.496)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
