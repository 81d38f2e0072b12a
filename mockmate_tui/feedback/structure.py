"""How an answer is built, judged by the shape its category calls for.

- Behavioural: STAR told as a past story: a situation, the task, the person's own actions
  ("I asked", "I built"; "we" alone earns little), and a result, ideally a measurable one.
- Situational: STAR for a hypothetical: reading the situation, the goal, concrete steps in
  the first person ("I would..."), and the outcome aimed for or how success would be checked.
- Technical: an explanation, the reasoning behind it, an example, and the trade-offs.
- Introduction: a direct answer about the person, evidence from real experience, and a link
  to this role.

Each part carries the sentence that earned it, so feedback can quote it, and the advice to give
when it is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from mockmate_tui.core.words import word_list
from mockmate_tui.feedback.explanation_cues import DEFINES, EXAMPLES, REASONS, TRADE_OFFS
from mockmate_tui.feedback.plans import ADVERBS, imperative_steps, is_doing_verb
from mockmate_tui.feedback.quotes import (
    Unit,
    Want,
    answer_units,
    assign,
    matching,
    ranked,
    sentence_units,
)
from mockmate_tui.feedback.signals import Signals, has_figure
from mockmate_tui.feedback.text import sentences
from mockmate_tui.models import Category

StructureKind = Literal["STAR", "explanation", "introduction"]


@dataclass(frozen=True)
class Part:
    name: str
    weight: float
    credit: float
    """0..1: how fully the answer shows this part."""
    evidence: str | None
    """The sentence of the answer that earned the credit, an exact substring of it; None when
    the part has no sentence of its own."""
    advice: str
    """What to add when the part is missing or thin."""


@dataclass(frozen=True)
class Structure:
    kind: StructureKind
    parts: tuple[Part, ...]
    own_actions: tuple[str, ...]
    team_actions: tuple[str, ...]
    result_found: bool
    measurable_result: bool

    @property
    def score(self) -> float:
        return sum(part.weight * part.credit for part in self.parts)

    @property
    def only_we(self) -> bool:
        """Actions told as "we" with no "I" anywhere in them."""
        return bool(self.team_actions) and not self.own_actions


def read_structure(answer: str, category: Category, signals: Signals) -> Structure:
    if category == "behavioral":
        return _star_story(answer, signals)
    if category == "situational":
        return _star_hypothetical(answer, signals)
    if category == "technical":
        return _explanation(answer, signals)
    return _introduction(answer, signals)


# -- behavioural: a past story --------------------------------------------------------------------

_STORY_SITUATION = (
    r"\blast (?:year|month|quarter|summer|spring|autumn|fall|winter|week)\b",
    r"\bin (?:19|20)\d\d\b", r"\b\w+ (?:years?|months?|weeks?) ago\b",
    r"\bat my (?:previous|last|current|first|old) (?:job|role|company|employer|team)\b",
    r"\bin my (?:previous|last|current|first|old) (?:job|role|company|position|team)\b",
    r"\bat my (?:previous|last|current) \w+\b", r"\bwhen i was\b", r"\bwhile (?:i was )?working\b",
    r"\bonce\b", r"\bthere was\b", r"\bwe had\b", r"\bi was (?:working|leading|on|the|a|an)\b",
    r"\bduring\b", r"\bour (?:team|company|product|service|client|customer)\b",
    r"\bat (?:[A-Z][\w-]+)", r"\bin (?:my|our) (?:current|last|previous) (?:job|role)\b",
)
_STORY_TASK = (
    r"\bmy (?:task|job|role|goal|aim|responsibility|part|brief|mission) (?:was|were|became)\b",
    r"\bi was (?:responsible|asked|tasked|in charge|expected|accountable|the owner|leading)\b",
    r"\bi (?:needed|had|wanted) to\b", r"\bthe (?:goal|aim|task|objective|target) was\b",
    r"\bwe needed to\b", r"\bi took (?:ownership|responsibility|charge)\b", r"\bi owned\b",
    r"\bi (?:own|lead)\b", r"\bto make sure\b", r"\bso i had to\b",
)
_OUTCOME_VERBS = (r"(?:reduced|increased|improved|cut|saved|dropped|grew|doubled|halved|shipped"
                  r"|launched|delivered|finished|completed|achieved|won|recovered|went from)")
_STORY_RESULT = (
    r"\bas a result\b", r"\bresult(?:ed|s)?\b", r"\boutcome\b", r"\bin the end\b",
    r"\beventually\b", r"\bultimately\b", r"\bled to\b", r"\bwhich meant\b",
    r"\b" + _OUTCOME_VERBS + r"\b",
    r"\bnow (?:\w+ )?(?:finishes|takes|runs|works|has|is|are|uses)\b", r"\bsince then\b",
    r"\bafter that\b", r"\bno (?:repeat|more)\b", r"\bthe lesson\b", r"\bi learned\b",
    # How things ended, told of the work rather than of the person ("It went live on time and
    # the support team stopped getting the same complaints", "the export went in the next
    # sprint"): a story ending so was told "Result: missing".
    r"\bwent (?:live|out|in|through)\b",
    r"\b(?:was|were|got) (?:fixed|resolved|solved|shipped|released|merged|approved|adopted)\b",
    r"\bstopped (?:getting|seeing|happening|coming|failing|crashing|paging)\b", r"\bno longer\b",
    # Results told vaguely still are results; they are flagged as not measurable.
    r"\b(?:worked out|went (?:well|fine|smoothly)|it worked|paid off)\b",
    r"\b(?:was|were) (?:happy|pleased|fine|satisfied)\b",
)
# "I shipped the fix to every region" tells what the person did, not how it ended: an outcome
# verb after "I" or "we" makes a result only with a figure ("I cut the build from 20 minutes
# to 5") or another sign of an outcome.
_DONE_BY_US = re.compile(r"\b(?:i|we)\s+" + ADVERBS + _OUTCOME_VERBS + r"\b", re.IGNORECASE)
_STATE_VERBS = frozenset(word_list("""
was were had thought felt believed wanted liked loved knew seemed needed hoped wished guessed
supposed expected used tried disliked hated preferred enjoyed cared worried
"""))
_IRREGULAR_PAST = frozenset(word_list("""
built wrote made took led ran set put gave got sent met found spoke told brought began chose
drove kept left sought taught caught paid said saw understood went did cut split shut held
dealt won sold bought grew drew rebuilt rewrote read undertook stood spent let fought broke became
came threw shook quit rang hid fed overcame withdrew
"""))
_SUBJECT_ACTION = re.compile(r"\b(i|we)\s+" + ADVERBS + r"([a-z]+)\b", re.IGNORECASE)


# Verbs that share one subject: "I read the logs, found a timeout, and added a cache".
_NEXT_VERB = re.compile(r"(?:,\s+(?:and\s+|then\s+)?|\s+and\s+(?:then\s+)?)([a-z]+)\b",
                        re.IGNORECASE)


def _is_past(verb: str) -> bool:
    """A verb of doing in the past tense ("migrated", "led"), not a present one ("check")."""
    return verb not in _STATE_VERBS and (
        (verb.endswith("ed") and len(verb) > 3) or verb in _IRREGULAR_PAST)


def _is_action(verb: str) -> bool:
    """A verb of doing after "I" or "we": past ("I asked") or present ("I ask")."""
    return _is_past(verb) or (verb not in _STATE_VERBS and is_doing_verb(verb))


# Notes drop the "I": a list line that opens with a verb of doing, after a label if it has one
# ("- led the migration", "- most days: build + review PRs"), or a sentence that opens with one
# in the past ("Cut the deploy time to 8 minutes."), is the person's own action.
_NOTE_ACTION = re.compile(r"^[ \t]*(?:[-*\u2022]|\d+[.)])[ \t]+(?:[\w ]{1,20}:[ \t]*)?([a-z]+)\b",
                          re.MULTILINE)
_OPENING_VERB = re.compile(r"^\W*([a-z]+)\b", re.IGNORECASE)
# Words in -ed that open a description, not an action: "Experienced backend engineer...",
# "- based in Berlin", "Interested in data platforms".
_DESCRIBING = frozenset(word_list("""
based interested excited experienced skilled motivated focused located involved concerned
detailed dedicated qualified certified talented seasoned pleased surprised tired named called
inspired passionate determined driven known specialised specialized
"""))


def _past_actions(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    own: dict[str, None] = {}
    team: dict[str, None] = {}
    for match in _NOTE_ACTION.finditer(text):
        verb = match.group(1).casefold()
        if _is_action(verb) and verb not in _DESCRIBING:
            own.setdefault(verb, None)
    for sentence in sentences(text):
        opening = _OPENING_VERB.match(sentence)
        if opening is not None and _is_past(verb := opening.group(1).casefold()) \
                and verb not in _DESCRIBING:
            own.setdefault(verb, None)
        for match in _SUBJECT_ACTION.finditer(sentence):
            subject, verb = match.group(1).casefold(), match.group(2).casefold()
            if not _is_action(verb):
                continue
            found = own if subject == "i" else team
            found.setdefault(verb, None)
            for follower in _NEXT_VERB.finditer(sentence, match.end()):
                if _is_action(follower.group(1).casefold()):
                    found.setdefault(follower.group(1).casefold(), None)
    return tuple(own), tuple(team)


def _own_action_count(sentence: str, subject: str) -> int:
    own, team = _past_actions(sentence)
    return len(own if subject == "i" else team)


def _star_story(answer: str, signals: Signals) -> Structure:
    own, team = _past_actions(answer)
    units = answer_units(answer)
    subject = "i" if own else "we"
    results = [i for i in matching(units, _STORY_RESULT)
               if _tells_an_outcome(units[i].text, signals)]
    counts = [_own_action_count(unit.text, subject) for unit in units]
    acting = [i for i in range(len(units)) if counts[i]]
    chosen = assign(units, (
        # A story opens on its scene even without "last year": the first sentence, when it
        # tells no action of the person's, is the situation if nothing says it better.
        Want("Situation", 0.20, tuple(dict.fromkeys(
            matching(units, _STORY_SITUATION) + ([0] if units and not counts[0] else [])))),
        Want("Task", 0.15, tuple(matching(units, _STORY_TASK))),
        Want("Action", 0.40, ranked(acting, lambda i: (
            counts[i], units[i].whole, -units[i].start))),
        # The result is told last, and best with a number.
        Want("Result", 0.25, ranked(results, lambda i: _result_rank(units[i], signals))),
    ))
    result = _quote(units, chosen["Result"])
    measured = result is not None and has_figure(result, signals)
    action = _quote(units, chosen["Action"])
    action_credit = 0.0 if action is None else (
        _action_credit(len(own)) if own else (0.35 if team else 0.0))
    parts = (
        _quoted_part("Situation", 0.20, units, chosen,
                     "Situation: open with where and when it happened, in one or two sentences "
                     "(\"Last year at <company>, our checkout was failing...\")."),
        _quoted_part("Task", 0.15, units, chosen,
                     "Task: say what you were responsible for or what the goal was "
                     "(\"My job was to...\")."),
        Part("Action", 0.40, action_credit, action,
             "Action: tell the steps you took yourself, in the first person "
             "(\"I asked...\", \"I wrote...\", \"I proposed...\")."),
        Part("Result", 0.25, 0.0 if result is None else (1.0 if measured else 0.6), result,
             "Result: say how it ended and what changed because of you "
             "(\"As a result, ...\"), with a number if you have one."),
    )
    return Structure("STAR", parts, own, team, result is not None, measured)


def _tells_an_outcome(sentence: str, signals: Signals) -> bool:
    """A result sentence says how things ended; one whose only sign of a result is the
    person's own verb ("I shipped...", "we delivered...") is an action, unless a figure or
    another result cue shows what came of it."""
    text = sentence.replace("’", "'")
    if _DONE_BY_US.search(text) is None or has_figure(sentence, signals):
        return True
    others = _DONE_BY_US.sub(" ", text)
    return matching([Unit(0, len(others), others)], _STORY_RESULT) != []


# -- situational: a hypothetical ------------------------------------------------------------------

_PLAN_SITUATION = (
    r"\bunderstand\b", r"\bclarify\b", r"\bfind out\b", r"\bassess\b", r"\bmy first step\b",
    r"\bfirst,? i(?:'d| would)\b", r"\bgather\b", r"\bwhat happened\b", r"\bwhy\b",
    r"\bthe impact\b", r"\blook at\b", r"\bcheck (?:the|whether|if)\b", r"\bask\b",
    r"\bas soon as\b", r"\bstart by\b", r"\bthe facts\b",
)
_PLAN_TASK = (
    r"\bthe (?:goal|aim|priority|objective)\b", r"\bmy (?:goal|aim|priority|job)\b",
    r"\bmake sure\b", r"\bensure\b", r"\bwhat matters\b", r"\bprotect\b", r"\bthe key\b",
    r"\bmost important\b", r"\bneeds? to\b", r"\bi(?:'d| would) want to\b",
)
_PLAN_RESULT = (
    r"\bso that\b", r"\bthat way\b", r"\bsuccess\b", r"\boutcome\b", r"\bresult\b",
    r"\bmeasure\b", r"\btrack\b", r"\bfollow(?:-| )?up\b", r"\bprevent\b", r"\bnext time\b",
    r"\bcheck progress\b", r"\bsince\b", r"\bafterwards\b", r"\bwhich means\b",
    r"\bso (?:i|we|everyone|the|it|they|nobody|no one)\b", r"\bstops? it\b",
)
_PLAN_ACTION = re.compile(
    r"\b(?:i would|i'd|i will|i'll|i am going to|i'm going to|i would then|i would also|"
    r"i'd also|i'd then)\s+" + ADVERBS + r"([a-z]+)\b",
    re.IGNORECASE,
)
_NOT_ACTIONS = frozenset({"be", "have", "want", "like", "love", "say", "think", "feel", "need",
                          "probably", "maybe", "not", "never", "try"})


def _plan_steps(sentence: str) -> int:
    text = sentence.replace("’", "'")
    planned = ({v.casefold() for v in _PLAN_ACTION.findall(text)} - _NOT_ACTIONS) \
        | set(imperative_steps(text))
    return len(planned) + len(_past_actions(text)[0])


def _star_hypothetical(answer: str, signals: Signals) -> Structure:
    normalised = answer.replace("’", "'")
    # "I would ask..." and a step typed as an instruction ("1. Ask whoever...") alike.
    steps = tuple(dict.fromkeys(
        [verb.casefold() for verb in _PLAN_ACTION.findall(normalised)
         if verb.casefold() not in _NOT_ACTIONS] + list(imperative_steps(normalised))))
    own_past, team_past = _past_actions(answer)  # a real example told alongside the plan
    own = steps + tuple(verb for verb in own_past if verb not in steps)
    team = tuple(verb for verb in team_past if verb not in own)
    if not own:
        team = team + tuple(dict.fromkeys(
            v.casefold() for v in re.findall(r"\bwe(?:'d| would| will)\s+([a-z]+)", normalised,
                                             re.IGNORECASE)
        ))
    units = answer_units(answer)
    counts = [_plan_steps(unit.text) for unit in units]
    planning = ranked([i for i in range(len(units)) if counts[i]],
                      lambda i: (counts[i], units[i].whole, -units[i].start))
    chosen = assign(units, (
        Want("Situation", 0.20, tuple(matching(units, _PLAN_SITUATION))),
        Want("Task", 0.15, tuple(matching(units, _PLAN_TASK))),
        Want("Action", 0.40, planning),
        Want("Result", 0.25, ranked(matching(units, _PLAN_RESULT),
                                    lambda i: _result_rank(units[i], signals))),
    ))
    result = _quote(units, chosen["Result"])
    measured = result is not None and has_figure(result, signals)
    action = _quote(units, chosen["Action"])
    action_credit = 0.0 if action is None else (
        _action_credit(len(own)) if own else (0.35 if team else 0.0))
    parts = (
        _quoted_part("Situation", 0.20, units, chosen,
                     "Situation: start by reading the situation: what you would find out "
                     "first, and whom you would ask."),
        _quoted_part("Task", 0.15, units, chosen,
                     "Task: name the goal you would protect (\"The priority is to...\")."),
        Part("Action", 0.40, action_credit, action,
             "Action: give concrete steps in the first person (\"First I would..., then I "
             "would...\"); a real time you did this makes it stronger."),
        Part("Result", 0.25, 1.0 if measured else (0.75 if result else 0.0), result,
             "Result: say what a good outcome looks like and how you would check it "
             "(\"so that...\", \"success would be...\")."),
    )
    return Structure("STAR", parts, own, team, result is not None, measured)


# -- technical: an explanation -----------------------------------------------------------------

def _explanation(answer: str, signals: Signals) -> Structure:
    units = answer_units(answer)
    # The plain statement of what it is belongs at the start: in the first two sentences.
    opening_end = max((u.end for u in sentence_units(units)[:2]), default=0)
    chosen = assign(units, (
        Want("Explanation", 0.25, ranked(
            [i for i in matching(units, DEFINES) if units[i].end <= opening_end],
            lambda i: (units[i].whole, -units[i].start))),
        Want("Reasoning", 0.25, tuple(matching(units, REASONS))),
        Want("Example", 0.25, tuple(matching(units, EXAMPLES))),
        Want("Trade-offs", 0.25, tuple(matching(units, TRADE_OFFS))),
    ))
    parts = (
        _quoted_part("Explanation", 0.25, units, chosen,
                     "Explanation: open with a plain statement of what it is or how it works."),
        _quoted_part("Reasoning", 0.25, units, chosen,
                     "Reasoning: say why, not only what (\"because...\", \"which means...\")."),
        _quoted_part("Example", 0.25, units, chosen,
                     "Example: ground it in a concrete case, ideally one you worked on."),
        _quoted_part("Trade-offs", 0.25, units, chosen,
                     "Trade-offs: name what it costs or when you would choose differently."),
    )
    own, team = _past_actions(answer)
    return Structure("explanation", parts, own, team, False, False)


# -- introduction ------------------------------------------------------------------------------

# Spoken, a sentence often opens with a filler before the "I": "so um I kind of fell into it",
# "well, uh, right now I'm...".
_OPENING_FILLER = r"(?:(?:so|um+|uh+|erm?|ah|well|yeah|okay|ok|right|like|and)\b\W*)*"
_ABOUT_SELF = (
    r"^\W*" + _OPENING_FILLER + r"(?:i|i'm|i am|my|i've|currently|right now|at the moment|"
    r"as a|in my)\b",
    r"\bi(?:'m| am) (?:a|an|currently|now)\b", r"\bcurrently\b",
    # Typed in a hurry or as notes, the "I" goes: "started as a data analyst at...", "been a
    # backend dev for 6 yrs", "data engineer, 5 yrs, mostly python".
    r"^\W*(?:started|been|working|worked|spent|studied|graduated|trained|grew up|switched|"
    r"joined)\b",
    r"^\W*(?:(?:senior|junior|lead|staff|principal)\s+)?(?:[\w-]+\s+){0,2}(?:engineer|"
    r"developer|dev|analyst|scientist|designer|manager|architect|consultant|tester|sre)s?\b"
    r"(?:,|\s+(?:at|with|for|in)\b)",
)
_LINKS_ROLE = (
    r"\bthis (?:role|job|position|team|company|opportunity)\b", r"\byour (?:team|company|"
    r"product|platform|mission|customers|work)\b", r"\bhere\b", r"\bthe role\b",
    r"\bnext step\b", r"\blooking for\b", r"\bi(?:'d| would) (?:like|love) to\b",
    r"\bexcited\b", r"\binterested in\b", r"\bfit\b", r"\bjoin(?:ing)?\b", r"\bwant to\b",
    r"\bin (?:three|five|\d) (?:to (?:five|\d) )?years\b", r"\bkeen to\b",
)


def _introduction(answer: str, signals: Signals) -> Structure:
    own, team = _past_actions(answer)
    units = answer_units(answer)

    shown = [bool(_past_actions(u.text)[0]) + has_figure(u.text, signals)
             + any(name in u.text for name in signals.named) for u in units]

    def shows(index: int) -> tuple[float, ...]:
        return (shown[index], units[index].whole, -units[index].start)

    # The evidence quoted is the sentence that shows the most of what was done, by numbers
    # and names; the About-you and link sentences are other sentences where there are some.
    evidence_at = [i for i in ranked(range(len(units)), shows) if shown[i] > 0]
    chosen = assign(units, (Want("About you", 0.20, tuple(matching(units, _ABOUT_SELF))),
                     Want("Evidence", 0.50, tuple(evidence_at)),
                     Want("Link to the role", 0.30, tuple(matching(units, _LINKS_ROLE)))))
    evidence_credit = min(1.0, 0.4 * bool(own) + 0.3 * bool(signals.figures)
                          + 0.3 * bool(signals.named or signals.examples))
    parts = (
        _quoted_part("About you", 0.20, units, chosen,
                  "Direct answer: start with a clear statement about yourself "
                  "(\"I'm a backend engineer with five years of...\")."),
        Part("Evidence", 0.50, evidence_credit if chosen["Evidence"] is not None else 0.0,
             _quote(units, chosen["Evidence"]),
             "Evidence: back each claim with something real you did, with a number or a name "
             "(\"I led..., which cut ... by 30%\")."),
        _quoted_part("Link to the role", 0.30, units, chosen,
                  "Link to the role: finish by connecting it to this job and why you want it."),
    )
    return Structure("introduction", parts, own, team, False, False)


# -- helpers -----------------------------------------------------------------------------------

def _action_credit(distinct_actions: int) -> float:
    return {0: 0.0, 1: 0.6, 2: 0.85}.get(distinct_actions, 1.0)


def _quote(units: list[Unit], index: int | None) -> str | None:
    return None if index is None else units[index].text


def _result_rank(unit: Unit, signals: Signals) -> tuple[float, ...]:
    """A result is best told with a number, in a sentence of its own, last."""
    return (has_figure(unit.text, signals), unit.whole, unit.start)


def _quoted_part(name: str, weight: float, units: list[Unit], chosen: dict[str, int | None],
                 advice: str) -> Part:
    """A part earned by the sentence assigned to it, and missing without one."""
    quote = _quote(units, chosen[name])
    return Part(name, weight, 1.0 if quote else 0.0, quote, advice)
