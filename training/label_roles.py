"""Which labelled files (tests/keypoints/) each training script may read, said once.

The judge (keypoint_judge.py) and its combiner (keypoint_combiner.py) are fit on different
answers, and the held-out sets are read by neither until measured:

- the combiner's answers to questions the judge never saw: heldout_a and the combine_ sets
  (prefixes; the judge never reads an answer to their questions in any file);
- the spent held-out sets the combiner chooses its threshold on: answers the judge never
  trained on, to questions whose other answers it did, as a person's answer reaches it;
- held-out sets neither reads: measured after the shipped files were fit (so that the scripts
  rebuild them; a next fit may read them) or not yet measured.
"""

NEW_QUESTIONS = ("heldout_a", "combine_")
CALIBRATION = ("heldout_e", "heldout_f", "heldout_g", "heldout_h", "heldout_i", "heldout_j",
               "heldout_k", "heldout_l", "heldout_m", "heldout_n", "heldout_o", "heldout_p",
               "heldout_q", "heldout_r", "heldout_s", "heldout_t", "heldout_u", "heldout_v",
               "heldout_w", "heldout_x")
# heldout_y, heldout_z, heldout_y2 and heldout_z2 measured rubric-2026.12m once each: spent,
# and the judge of rubric-2026.12n trained on them (keypoint_judge.py SPENT). heldout_y3 and
# heldout_z3: written after them, to measure 12n beside 12m; heldout_y4 and heldout_z4 beside
# them, to measure the choice a second time. heldout_y5 and heldout_z5: written after those
# four were spent, to measure a judge trained on them (12o) beside 12n; heldout_y6 and
# heldout_z6 beside them, to measure the round's choice a second time (both spent now; 12o did
# not ship, and none of these is read so that the scripts rebuild 12n's files). heldout_y7 and
# heldout_z7: written to measure round sixteen's judge (12r) beside 12n; heldout_y8 and
# heldout_z8 beside them, to measure its choice a second time.
NOT_READ = ("heldout_y3", "heldout_z3", "heldout_y4", "heldout_z4", "heldout_y5", "heldout_z5",
            "heldout_y6", "heldout_z6", "heldout_y7", "heldout_z7", "heldout_y8", "heldout_z8")
# Replies to follow-up questions (tests/keypoints/follow_ups/, one point each): the judge may
# train on the others (keypoint_judge.py --follow-ups); these are held out.
FOLLOW_UP_HELD_OUT = ("followups_b", "followups_g", "followups_h", "followups_i", "followups_j")
