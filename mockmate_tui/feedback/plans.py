"""Actions told in the plain form of a verb: steps typed as instructions, stories told now.

People answering "What would you do if...?" in a practice app often type their plan as a list
of steps in the imperative, with no "I would" anywhere ("- roll back, don't be a hero",
"Then post a short update in the team channel"). Each such step is an action the person would
take, as much as "I would roll back" is (structure.py counts them as the plan's own actions).

People also tell a story or a plan in the present ("in our one-on-one I just ask what's going
on", "First I talk to him one to one"), non-native speakers especially: "I ask" is an action as
much as "I asked" (structure.py reads both).

A step is told by its first word: a verb, in its plain form, at the start of a sentence, a list
item or a clause (after "first", "then", "->", "if ..., "). Only verbs of doing are listed, so a
platitude ("Be transparent", "Communication is key") is not a step.
"""

from __future__ import annotations

import re

from mockmate_tui.core.words import word_list

_DOING = frozenset(word_list("""
ask add agree align analyse analyze apologise apologize assess assign audit block book break
bring build call cancel chase check choose clarify collect compare confirm contact copy create
cut debug decide delegate deploy design document draft drop email escalate estimate explain
file find fix flag follow freeze gather give go hand help identify inform interview investigate
involve keep kill list log look map measure meet message migrate monitor move note notify offer
open pair patch pause pick ping plan post prepare present prioritise prioritize propose publish
pull push put raise rank read reach record reduce release remove reply reproduce restore
review revert roll run schedule send set share ship show sit skip speak split spend start stop
suggest summarise summarize switch sync take talk tell test track try turn update verify walk
warn watch write use return store save cache avoid validate encrypt hash retry queue batch shard
replicate index partition paginate scale limit
"""))
# Words between a subject and its verb ("I also quickly checked", "we then moved").
ADVERBS = r"(?:(?:also|then|quickly|immediately|first|personally|eventually|finally|" \
          r"directly|carefully|actually|just|later|next|again|proactively|even)\s+){0,2}"
# What may come before a step's verb: a step number or a word that orders the steps.
_LEAD_IN = r"(?:(?:first|firstly|second|secondly|then|next|after that|afterwards|finally|and|so" \
           r"|step \d+|\d+[.)]|->|=>)[,:]?\s+)*"
_STEP = re.compile(r"(?:^|[;:]\s+|->\s*|=>\s*|,\s+(?:then\s+)?)" + _LEAD_IN + r"([a-z]+)\b",
                   re.IGNORECASE | re.MULTILINE)
# A sentence that opens with a step: "Check the HMAC signature before anything else".
IMPERATIVE_OPENING = r"^\W*(?:" + "|".join(sorted(_DOING)) + r")\b"


def is_doing_verb(word: str) -> bool:
    """A verb of doing in its plain form: "I ask", "we agree", "roll back"."""
    return word in _DOING


def imperative_steps(text: str) -> tuple[str, ...]:
    """The verbs that open a step of the plan ("ask", "roll"), in order, each once."""
    found = (match.group(1).casefold() for match in _STEP.finditer(text.replace("’", "'")))
    return tuple(dict.fromkeys(verb for verb in found if verb in _DOING))
