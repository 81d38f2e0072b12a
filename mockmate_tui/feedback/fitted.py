"""The key-point decision's fitted weights (decision.py).

Written by `python bench/keypoint_accuracy.py --fit --write` from every label in
tests/keypoints/tune.toml and holdout.toml; refit rather than edit by hand.
"""

from __future__ import annotations

from mockmate_tui.feedback.decision import Model

MODEL = Model(bias=-6.9522, weights=(
    2.5108, 0.5462, 0.0406, 1.5414, 3.2178, 0.8514, -2.4896, 0.3871, 1.3057, -1.1271, -2.5699),
    threshold=0.74)
"""The bias, one weight per input of decision.features(), and the threshold of the odds."""
