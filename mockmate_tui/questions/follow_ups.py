"""A follow-up question on a key point an answer left out, worded as an interviewer asks it.

The bank writes key points as a checklist: topics ("Your own role and contribution"), asks
("How you listened to understand their view") and claims ("Sticky sessions are a crutch; ...").
Read out as they are, they sound like a rubric, not a person. Topics and asks turn into a
question in the tense of the question asked (a story is told in the past, a habit in the
present, a plan in "would");
a claim, or anything else, is put to the person in quotation marks to react to (never in a
story or an introduction, whose points are parts of the story to ask about). A point that
names its details after a label ("Graceful shutdown: handle SIGTERM, ...") is asked about by
the label: the details are the answer's to give.
"""

from __future__ import annotations

import re

from mockmate_tui.core.words import word_list
from mockmate_tui.models import Category

# "What you did about it" -> "What did you do about it?": the plain form of each past-tense verb
# the bank's story points use after "you" (or after "and"/"or" later in the point). A verb not
# here is never guessed at ("achieved" came out as "What did you achiev...?"): the point is then
# asked as it stands, "Could you tell me what you achieved...?".
_PLAIN_FORMS = {
    "did": "do", "made": "make", "chose": "choose", "told": "tell", "used": "use",
    "learned": "learn", "learnt": "learn", "found": "find", "took": "take", "gave": "give",
    "handled": "handle", "decided": "decide", "noticed": "notice", "changed": "change",
    "built": "build", "wrote": "write", "led": "lead", "got": "get", "kept": "keep",
    "brought": "bring", "knew": "know", "felt": "feel", "thought": "think", "saw": "see",
    "went": "go", "ran": "run", "said": "say", "met": "meet", "applied": "apply",
    "prioritised": "prioritise", "prioritized": "prioritize", "tried": "try",
    "achieved": "achieve", "acknowledged": "acknowledge", "adapted": "adapt", "asked": "ask",
    "assessed": "assess", "believed": "believe", "checked": "check", "closed": "close",
    "committed": "commit", "communicated": "communicate", "compensated": "compensate",
    "coordinated": "coordinate", "delivered": "deliver", "diagnosed": "diagnose",
    "dropped": "drop", "explained": "explain", "fixed": "fix", "framed": "frame",
    "gathered": "gather", "influenced": "influence", "investigated": "investigate",
    "listened": "listen", "measured": "measure", "mentored": "mentor", "moved": "move",
    "offered": "offer", "planned": "plan", "prepared": "prepare", "protected": "protect",
    "raised": "raise", "reacted": "react", "recovered": "recover", "reduced": "reduce",
    "rejected": "reject", "responded": "respond", "rescheduled": "reschedule",
    "scheduled": "schedule", "shared": "share", "stepped": "step", "structured": "structure",
    "updated": "update", "handed": "hand", "helped": "help", "worked": "work",
    "managed": "manage", "stayed": "stay", "improved": "improve", "resolved": "resolve",
    "solved": "solve", "supported": "support", "started": "start", "turned": "turn",
    "followed": "follow", "received": "receive", "realised": "realise", "realized": "realize",
    "persuaded": "persuade", "convinced": "convince", "missed": "miss", "owned": "own",
    "had": "have", "cut": "cut", "delegated": "delegate", "simplified": "simplify",
    "weighed": "weigh", "understood": "understand", "spotted": "spot", "heard": "hear",
}
# "What you actually did": an adverb may stand before the verb ("What did you actually do?").
_PAST = re.compile(r"^(?:what|how|why|who|when|where|which)\s+you\s+"
                   r"((?:actually|really|personally|specifically|first|finally|eventually)\s+)?"
                   r"(\w+)\b(.*)$",
                   re.IGNORECASE | re.DOTALL)
_PRESENT = re.compile(r"^(?:what|how|why|who|when|where|which)\s+you(?:'d|\s+would)?\s+(.*)$",
                      re.IGNORECASE | re.DOTALL)
_TOPIC = re.compile(r"^(?:the|your|a|an|any|one|two|three|some)\b", re.IGNORECASE)
# A point that starts with one of these is an instruction ("Verify the signature on every
# webhook"): asked as "How would you verify...?".
_INSTRUCTIONS = frozenset(word_list("""
understand measure check fix tell offer agree find use keep ask propose take bring add confirm
communicate assess read look make involve quantify run explain follow share document verify
define do state talk escalate suggest start raise track break protect separate support compare
test clarify meet commit respect listen capture give decide set reduce acknowledge build
optimise optimize profile move validate focus name learn write try own report plan analyse
analyze rank present avoid partition cache sample segment alert reproduce automate revisit
choose prefer retry call prevent research describe pick accept reflect respond restate park
note thank act encourage review notice proceed lay reassess batch backfill size sign block
deploy store return roll limit index shard replicate encrypt rotate monitor log trace enforce
handle schedule split scale
assume be redistribute work update map show help intervene know deliver weigh contain create
gather negotiate seek re-plan earn stabilise stabilize investigate triage overwrite declare
mitigate right-size prioritize shift decommission defer halt group disable slice identify model
align spread grant expand scan collect shut recover watch instrument propagate send question
reconcile ship drop derive deprecate draw list join
"""))
# A point that starts with one of these is a claim ("It runs on one thread"), put to the person
# in quotation marks.
_CLAIMS = frozenset(word_list("it its they their them each every no never this that these those"))
# A point with one of these verbs in it states something ("A set holds unique items").
_STATES = re.compile(r"\b(?:is|are|was|were|holds?|runs?|writes?|reads?|can|cannot|has|have|"
                     r"stays?|must|should|needs?|means?|uses?|gives?|makes?|keeps?|shares?|"
                     r"avoids?|checks?|lets?|returns?|stores?|wins?|breaks?)\b"
                     # Verbs seen stating something in the bank's technical points ("Breaking
                     # this loses entries...", "OVER ... defines the window"); never a word
                     # joined by a hyphen ("follow-up", "trade-offs"), which names a thing.
                     r"|(?<![\w-])(?:loses|remaps|invents|attaches|defines|compares|skips|"
                     r"grows|prevents|approves|debits|follow|trade|arrive|hide|"
                     r"decides?|scales|stands|cap|adds|depend)(?![\w-])", re.IGNORECASE)
_AUXILIARIES = frozenset(word_list("am are was were have has can will should could do does"))
_WH = frozenset(["what", "how", "why", "who", "when", "where", "which", "whether"])
_STORY = ("behavioral", "introduction")


def follow_up_question(point: str, category: Category) -> str:
    """The follow-up an interviewer would ask about a key point the answer did not cover."""
    point = point.strip().rstrip(".")
    if category not in _STORY and (label := _colon_label(point)) is not None:
        if (asked := _label_asked_alone(label)) is not None:
            return asked
        point = label
    lowered = _lowered(point)
    wh = point.split(maxsplit=1)[0].lower().rstrip(",;:") if point else ""
    if category in _STORY and (past := _PAST.match(point)) is not None:
        adverb, verb, tail = past.group(1) or "", past.group(2).lower(), past.group(3)
        # "...coordinated and communicated with..." -> "...coordinate and communicate with...".
        later = re.findall(r"(?:\band|\bor|,) (\w+ed)\b", tail)
        plain = _PLAIN_FORMS.get(verb)
        if plain is not None and all(word.lower() in _PLAIN_FORMS for word in later):
            tail = re.sub(r"(\band|\bor|,) (\w+ed)\b",
                          lambda m: f"{m.group(1)} {_PLAIN_FORMS[m.group(2).lower()]}", tail)
            return f"{wh.capitalize()} did you {adverb}{plain}{tail}?"
        if verb.endswith("ed") or plain is not None:
            return f"Could you tell me {lowered}?"
        # Anything else reads as a plain present: "What you would change" -> "What would you
        # change?"
    if (present := _PRESENT.match(point)) is not None:
        body = present.group(1)
        first, _, rest = body.partition(" ")
        # "What you would do differently" stays a would, in a story too; "What you have done
        # about it" turns its own auxiliary round; a present stays present ("How you adapt to
        # other styles" -> "How do you adapt...?", never "did you").
        if re.match(r"^\w+\s+you(?:'d|\s+would)\s", point, re.IGNORECASE):
            modal = "would you"
        elif first.lower() in _AUXILIARIES and rest:
            return f"{wh.capitalize()} {first.lower()} you {rest}?"
        else:
            modal = "do you" if category in _STORY else "would you"
        return f"{wh.capitalize()} {modal} {body}?"
    if wh in _INSTRUCTIONS:
        modal = "did you" if category in _STORY else "would you"
        return f"How {modal} {lowered}?"
    if wh in _WH or (category in _STORY and wh.endswith("ed")):
        joiner = "" if wh in _WH else "how you "
        return f"Could you tell me {joiner}{lowered}?"
    if (wh in _CLAIMS or ";" in point or _STATES.search(point)) and category in _STORY:
        # A story's or an introduction's checklist names parts of it ("Their objections",
        # "The process and what was wrong with it", "Learning you have done since"): asked
        # about, never put to the person as a claim to react to. A rule the answer broke ("No
        # blame on the current employer") is asked for again.
        if wh == "no":
            return f"Could you put that again, with {lowered}?"
        return f"Could you tell me more about {lowered}?"
    if wh in _CLAIMS or ";" in point or _STATES.search(point):
        return (f"You didn't touch on this: \u201c{point}.\u201d Can you say how it applies "
                "here?")
    if _TOPIC.match(point) and ":" not in point and ";" not in point:
        return f"Could you tell me more about {lowered}?"
    return f"And what about {lowered}?"


def _lowered(point: str) -> str:
    """The point inside a sentence: its first letter lowered unless the first word is a name
    written as one ("DELETE", "OpenID", "React.memo", "iOS", "WebSockets"). A capitalised
    plain word is lowered, a name among them too ("spark UI"): nothing here tells them apart."""
    first = point.split(maxsplit=1)[0] if point else ""
    if any(char.isupper() for char in first[1:]) or "." in first:
        return point
    return point[:1].lower() + point[1:]


def _colon_label(point: str) -> str | None:
    """"Graceful shutdown: handle SIGTERM, drain connections..." is asked about by its label
    ("And what about graceful shutdown?"), as an interviewer would, instead of reading out the
    details the answer is to give. A label that states something ("Collectors trade throughput
    for pause time: ...") is the point itself, and one bare word ("Stop: do not apply") is
    only asked about where it reads as a question on its own (_label_asked_alone)."""
    label, colon, _ = point.partition(":")
    words = label.split()
    if not colon or not words or len(words) > 4 or _STATES.search(label):
        return None
    if len(words) == 1 and _label_asked_alone(label) is None:
        return None
    # "Usual causes: ..." -> "And what about the usual causes?"
    if words[0].lower() in _WANTS_THE:
        return f"the {label[:1].lower()}{label[1:]}"
    return label


def _label_asked_alone(label: str) -> str | None:
    """The question a label makes on its own, if it does: "Examples of tools: Spark, ..." ->
    "Could you give examples of tools?", "Definition: ..." -> "How would you define it?"."""
    if label.split()[0].lower() == "examples":
        return f"Could you give {_lowered(label)}?"
    if label.lower() == "definition":
        return "How would you define it?"
    return None


# A label opening with one of these reads as "the ..." inside a question.
_WANTS_THE = frozenset(word_list("usual common main typical classic"))
