"""The vocabulary a key point is met by: concept groups and cue categories.

Key points are written in a checklist's words ("Your own role and contribution", "The result
the team achieved"); answers tell the same thing in a person's own words ("I owned the payment
integration", "we shipped two days early"). Two things bridge them, both written from the
vocabulary of the key points across the question bank (mockmate_tui/questions/data), never from
labelled answers:

- concept groups: words that say much the same thing in an interview answer; a key point's
  word is met by any word of its group;
- cue categories: a kind of thing a key point asks for (a result, one's own part, how people
  communicated, a lesson...) and the patterns that show it in a sentence (a figure and a verb
  of change show a result; "I owned", "my part was" show one's own part). A key point's word
  that names the category is met by a sentence that shows the cue.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mockmate_tui.feedback.text import concept_groups, stem

# Each line is one group; a line that starts with spaces continues the one before.
_GROUPS = """
result results outcome outcomes effect impact achieved achieve delivered shipped launched
  finished completed ended resulted succeeded success
measurable measured measure metric metrics number numbers figure figures quantify quantified
  percent percentage rate
role roles part contribution contributed responsibility responsibilities responsible owned own
  ownership job position title duties
coordinate coordinated coordination communicate communicated communication sync synced
  standup meeting meetings met talk talked told inform informed update updates status
explain explained tell told share shared present presented walk through
team teammate teammates colleague colleagues people group squad peers coworkers
goal goals objective aim target purpose deadline due
learn learned learnt learning lesson lessons takeaway taught realised realized study studied
  course courses book books reading read tutorial tutorials docs documentation practice
  practised practiced
apply applied use used using put build built wrote write implemented
change changed changes changing differently adjusted switched introduce introduced
prevent prevention recurrence again regression guard safeguard avoid
fix fixed fixes fixing repair repaired patch patched resolve resolved solved corrected
  rollback rolled revert reverted
mistake mistakes error errors bug bugs wrong broke broken failure failed outage incident
notice noticed spot spotted found saw detect detected caught alert alerts alarm
raise raised escalate escalated flag flagged report reported alert alerted pinged paged
plan planned planning prioritise prioritize prioritised prioritized priorities priority
  order ordered rank ranked schedule list listed
cut dropped drop delegated delegate simplified simplify handed descoped deferred postponed
  skipped
stake stakes risk risks matter mattered matters important urgent urgency critical cost
decision decide decided chose choose choice option options alternative alternatives call
data evidence facts numbers logs analysis analysed analyzed measured compared benchmark
  dashboard research survey
disagreement disagree conflict conflicts argued argument objection objections pushback
  worried concern concerns doubts skeptical sceptical against
listen listened understand understood ask asked asking questions perspective view
resolution resolved agreed agreement compromise settled consensus went end ended
relationship terms trust rapport along respect friendly civil
criteria criterion impact urgency effort value worth weighed scored
trade-off trade-offs tradeoff tradeoffs downside downsides price cost costs compromise but
deferred delayed later postponed pushed waited
convince convincing persuade persuaded case pitch buy-in sold proposal proposed
prototype demo spike experiment pilot trial proof poc
help helped offer offered support supported pair paired unblock unblocked mentor mentored
struggle struggling struggled stuck blocked behind difficulty trouble
experience years background career worked spent
current currently now today present day
achievement accomplishment proud proudest win
growth grow scope direction bigger larger move next step career ownership
company employer organisation organization business product agency firm startup consultancy
weakness gap lack missing weaker
progress improved improving better since evidence feedback review
motivation motivator motivated drives drive enjoy energy love excites
clarify clarifying confirm confirmed understand understanding clear
assumption assumptions guess guessed assume assumed unknown unknowns
estimate estimates estimation range guess
early earlier first before immediately soon quickly promptly
afterwards after since later follow-up followup then next
document documented write wrote written note notes doc docs wiki ticket record
owner owners on-call oncall lead manager responsible
stakeholder stakeholders manager managers client clients customer customers users leadership
  sales support
user users customer customers people clients
weakness weaknesses tend struggle weak bad worse quiet
project projects built build service app migration redesign feature system portal product
wrong went broke broken failed behind missed slipped late choked stuck problem
request requests wanted asked ask demand demands
storage disk space memory ram
write writes insert inserts update updates
startup start starts boot boots launch
overhead heavy heavier lighter memory ram cpu resources
hardware machine machines server servers hypervisor
lookup lookups find search jump seek
reproduce reproduced repeat again same
environment browser device os platform version
isolation isolated isolate separate escape sandbox
slow slower latency delay lag
fast faster quick quickly speed instant
assess assessed assessing gauge judge severity bad serious how
impact affected affects hit hurt broken
progress status update updates updated standing stands
check checked checking verify verified validate look looked inspect review
monitor monitoring monitored watch watched alert alerts alerting dashboard dashboards
fallback fallbacks degrade degraded degradation cached default instead
cause causes root why reason source culprit
trust rapport relationship confidence
convince convinced persuade persuaded
idea ideas proposal proposed suggestion suggested pitch wanted
honest honestly frank frankly plainly openly transparent transparently candid admit admitted
process processes workflow procedure routine
commit commitment committed promise promised
expect expected expectation expectations
private privately one-on-one 1:1 alone
context background situation
acknowledge acknowledged admit admitted accept accepted
adapt adapted adjust adjusted adjusting
knowledge expertise know-how knew familiar
protect protected safe safety secure
interest interested curious curiosity fascinated fascinating hooked appeal appealed
  attracted drawn
show showed shown demo demonstrate demonstrated
track tracked tracking log logged record recorded
competing conflicting
habit habits
detail details specifics
prepare prepared preparation
depend dependency dependencies
pressure stressful stress
challenge challenges challenging hard difficult tough tricky obstacle obstacles hurdle hurdles
vendor vendors supplier third-party partner partners
recover recovered recovery
uncertainty uncertain unknown unknowns
future forward
gather gathered collect collected pulled
remove removed delete deleted
constraint constraints limit limits budget
morale mood
behaviour behavior conduct
focus focused concentrate
small smaller thin thinnest tiny minimal
short brief
consistency consistent inconsistent stale up-to-date same in-sync
load traffic requests throughput volume peak spike
schema schemas columns fields structure types typed
partition partitions partitioned shard shards sharding
replicate replicated replica replicas replication copy copies
validation validate validated verify verified sanity
automate automated automation script scripted pipeline ci
performance speed fast slow latency slowness
connection connections pool pooling socket
event events message messages
security secure insecure attack attacker vulnerability exploit
size big large bigger larger bytes mb gb
deploy deployed deployment deployments release released rollout ship shipped
component components module modules widget widgets
join joins joined combine combined merge merged
store stored storing save saved persist persisted
retry retries retried backoff
cache cached caching memoize memoized
transform transformed transformation reshape reshaped clean cleaned convert converted
batch batches nightly daily bulk
health healthy unhealthy alive liveness readiness heartbeat
secret secrets password passwords credential credentials
transaction transactions atomic atomically commit
lock locks locking mutex
access permission permissions rights role-based
row rows record records
queue queues buffer backlog
crash crashes crashed
analytics tracking events funnel
believe believed belief beliefs convinced opinion certain
safeguard safeguards guardrail guardrails flag toggle
format formats session sessions workshop walkthrough recording recorded
move moves moved left leave quit joined switched jobs
"""

_CUE_PATTERNS: dict[str, str] = {
    # A figure, a count or an amount.
    "figure": r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
              r"dozen|hundred|thousand|million|twice|half|double|doubled|halved)\b",
    # A change or an end state: what happened as a result.
    "result": r"\b(?:fell|dropped|drop|grew|rose|went (?:from|up|down|live)|cut|saved|reduced|"
              r"increased|doubled|halved|shipped|launched|delivered|released|signed|finished|"
              r"completed|made it|on time|ahead of|won|passed|stopped|zero|no longer|"
              r"improved|faster|slower|fewer|succeeded|ended|stayed|went (?:fine|well|smoothly)|"
              r"in the end|eventually|ended up|turned out|solved|resolved|closer|"
              r"(?:now (?:it )?takes?|down to|up to) (?:about |only |just |under )?\d)\b",
    # One's own part.
    "own": r"\bi(?:'d| would| will|'ll) (?:\w+ly )?\w+\b|\bi (?:\w+ly )?\w+ed\b|"
           r"\bi (?:\w+ly )?(?:took|went|made|got|set|sat|spoke|told|"
           r"brought|kept|put|gave|found|began|chose|sent|spent|paid|dug|met|rang|drew)\b|"
           r"\b(?:i (?:owned|led|ran|did|handled|built|wrote|designed|was (?:the|responsible|"
           r"in charge)|took (?:on|over|care)|am responsible|own|lead|do|run|build|write|"
           r"designed|rewrote|set up|drove|made)|my (?:part|role|job|piece|task|area|"
           r"responsibilit\w*)|myself|on my own)\b",
    # People talking, meeting, writing to each other.
    "talk": r"\b(?:met|meet|meeting|meetings|sync|synced|stand-?ups?|calls?|called|chat|"
            r"slack|channel|e-?mails?|emailed|messaged?|told|tell|wrote|write|note|notes|"
            r"talk|talked|spoke|speak|explain|explained|shared|share|updates?|demo(?:ed)?|"
            r"presented|pinged|ping|agreed|aligned|walked|walk|asked|ask|check-?ins?|1:1|"
            r"one-on-one|review|reviewed|posted|post|said|sent|send|brief|briefed|"
            r"informed|call|coffee)\b",
    # What was learned, and what is done differently since.
    "lesson": r"\b(?:learn\w*|lesson\w*|took away|takeaway|taught|since then|now i|these days|"
              r"next time|from then on|differently|i always|i now|always|never again|"
              r"realis\w*|realiz\w*|in hindsight|looking back)\b",
    # A step that stops it happening again.
    "prevent": r"\b(?:prevent\w*|checklist|added an? (?:check|test|step|alert|lint|rule|"
               r"guard|monitor)|can't|cannot|won't|never|again|so that|lock|alert|automat\w*|"
               r"ci)\b",
    # A reason.
    "reason": r"\b(?:because|so that|since|which (?:let|meant|made)|reason|that's why|"
              r"in order to|to avoid|otherwise|was due|due|deadline|risk|lose|losing|"
              r"would have|worth)\b",
    # A stretch of time.
    "time": r"\b(?:days?|weeks?|months?|hours?|years?|yrs|minutes?|mins?|quarters?|sprints?|"
            r"weekend|morning|evening|overnight|by (?:monday|tuesday|wednesday|thursday|"
            r"friday|the end))\b",
    # An order of work or a plan.
    "plan": r"\b(?:first|then|listed|list|prioriti\w*|order|plan\w*|broke|split|ranked|"
            r"table|spreadsheet|before|after|step|steps|schedule\w*|mapped|mark\w*)\b",
    # Options weighed against each other.
    "options": r"\b(?:or|either|instead|versus|vs\.?|trade-?offs?|options?|alternatives?|"
               r"but|price|downside|pay|costs?|cheaper|expensive|whereas|while)\b",
    # Bringing others in.
    "involve": r"\b(?:manager|lead|escalat\w*|paged?|loop(?:ed)? in|bring in|brought in|"
               r"involve\w*|pinged?|on-?call|owner|owners|cto|head of|security team|"
               r"specialist|expert|whoever|senior)\b",
    # Early or first.
    "early": r"\b(?:first|immediately|right away|straight away|early|as soon as|before|"
             r"within|same day|asap|at once|that morning|step one|(?:start|began|begin)\w* "
             r"with)\b",
    # How things ended between people.
    "relation": r"\b(?:good terms|get along|got along|friends|relationship|trust|civil|"
                r"work well|working well|still|since then|now|respect)\b",
    # A feeling or reaction.
    "feeling": r"\b(?:felt|feel|frustrat\w*|angry|furious|nervous|happy|proud|upset|"
               r"stress\w*|worried|embarrass\w*|annoy\w*|scared|glad|relieved|defensive|"
               r"surprised|shocked|disappointed|excited|calm\w*|panic\w*|hurt)\b",
    # The people of a team speaking as one.
    "we": r"\b(?:we|we'd|we've|we're|our|us)\b",
    # A named tool, product, place or person.
    "named": r"(?<![.!?] )(?<!^)\b[A-Z][A-Za-z0-9]+|\b[a-z]+(?:\.js|db|sql|ql)\b",
    # A moment from the past told as a story.
    "story": r"\b(?:once|last (?:year|month|week|spring|summer|autumn|fall|winter|quarter|job)|"
             r"at my (?:last|previous|current) (?:job|company|role)|when i|recently|"
             r"for example|for instance|in \d{4}|ago)\b",
    # Years of experience or where one was before.
    "history": r"\b(?:years?|yrs|before that|previously|prior|spent|since \d{4}|"
               r"for the (?:last|past)|before (?:i|this|joining|that job)|used to|"
               r"started (?:as|out|in|my career)|my first (?:job|role)|back then|at the time)\b",
    # What one does now.
    "current": r"\b(?:right now|currently|at the moment|i'm an?|i am an?|i work|"
               r"these days|today|my days|day to day|most of my)\b",
    # Why this job, this company.
    "fit": r"\b(?:your|you|this (?:role|job|position|team|company)|here|the posting|"
           r"the ad|the job)\b",
    # Something that was hard: a struggle, a first time, a gap.
    "difficulty": r"\b(?:hard|harder|difficult|tough|tricky|struggl\w*|painful|trouble|stuck|"
                  r"never (?:worked|used|done|had|built)|(?:only|mostly) (?:used|worked|done)|"
                  r"new to me|unfamiliar|not (?:familiar|used to)|blocked|problem)\b",
    # Not agreeing, or not wanting a change.
    "disagree": r"\b(?:disagree\w*|didn't agree|did not agree|(?:bad|wrong) idea|against|"
                r"push(?:ed)? back|object\w*|not convinced|didn't (?:like|want)|"
                r"did not (?:like|want)|unhappy|complain\w*|concern\w*|worried|skeptic\w*|"
                r"sceptic\w*|refus\w*|resist\w*)\b",
    # What nobody knew.
    "unknown": r"\b(?:no idea|didn't know|did not know|nobody knew|no one knew|not sure|unclear|"
               r"unknowns?|no (?:data|numbers|history|baseline)|couldn't (?:tell|say)|guess\w*|"
               r"uncertain\w*)\b",
    # What drew one to something.
    "interest": r"\b(?:caught my (?:eye|attention)|got me (?:into|interested|hooked|started)|"
                r"hooked|fascinat\w*|curious|curiosity|excit\w*|drew me|drawn to|appeal\w*|"
                r"attract\w*|i love|i loved|i like|i liked|i enjoy\w*|fun)\b",
    # Feedback one was given.
    "feedback": r"\b(?:told me|said (?:that )?(?:my|i|i'm|i was)|in (?:my|a|the) (?:last |annual |"
                r"yearly )?(?:review|one-on-one|1:1|retro)|mentioned|pointed out|commented|"
                r"feedback|criticis\w*|critiqu\w*)\b",
    # Something shown by example or test.
    "evidence": r"\b(?:showed|show|measured|compared|numbers?|data|chart|graph|dashboard|"
                r"logs?|tested|test|proof|prototype|benchmark\w*|metric\w*|ran|tried)\b",
}

# Which key-point words (stems) ask for each cue.
_CUE_TRIGGERS: dict[str, str] = {
    "figure": "measurable measured quantify quantified number numbers metric how long",
    "result": "result results outcome outcomes achieved delivered impact effect ended "
              "resolution succeeded achievement improvement consequence consequences",
    "own": "role contribution contributed responsibilities responsibility own ownership "
           "yourself part did actually actions action took",
    "named": "tool tools topic skill technology",
    "we": "team teams together",
    "story": "example instance time",
    "talk": "communicated communicate communication coordinated coordinate told tell "
            "informed explain explained talk share shared status update updates raised "
            "check-ins",
    "lesson": "learned learnt lesson lessons differently changed takeaway",
    "prevent": "prevent recurrence again regression",
    "reason": "why urgent stake stakes mattered matters reason",
    "time": "long deadline date",
    "plan": "planned plan prioritised prioritized prioritise order criteria",
    "options": "options trade-off trade-offs alternatives versus cost costs",
    "involve": "escalate escalated owners on-call manager bring involve person",
    "early": "early first immediately quick quickly promptly",
    "relation": "relationship afterwards",
    "feeling": "feel felt reaction reacted emotions",
    "history": "experience years background earlier previous past former",
    "current": "current day",
    "fit": "company role next step offers matches fits",
    "evidence": "evidence data facts",
    "difficulty": "hard difficult challenge challenging obstacles obstacle struggle",
    "disagree": "disagree disagreed disagreement resistance resist pushback objection "
                "objections",
    "unknown": "unknown unknowns uncertainty uncertain ambiguity ambiguous",
    "interest": "interest interested interests sparked spark drew attracted",
    "feedback": "feedback received criticism",
}


@lru_cache(maxsize=1)
def _groups() -> dict[str, frozenset[str]]:
    return concept_groups(_GROUPS)


def related(stem_: str) -> frozenset[str]:
    """The stem and every stem that shares a concept group with it."""
    return _groups().get(stem_, frozenset()) | {stem_}


@lru_cache(maxsize=1)
def _cue_regexes() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(pattern) for name, pattern in _CUE_PATTERNS.items()}


@lru_cache(maxsize=1)
def _triggers() -> dict[str, frozenset[str]]:
    """For each key-point stem, the cues it asks for."""
    found: dict[str, set[str]] = {}
    for cue, words in _CUE_TRIGGERS.items():
        for word in words.split():
            found.setdefault(stem(word), set()).add(cue)
    return {key: frozenset(value) for key, value in found.items()}


def cues_asked(stem_: str) -> frozenset[str]:
    """The cue categories a key point's word asks for ("result" asks for a result)."""
    return _triggers().get(stem_, frozenset())


def cues_shown(text: str) -> frozenset[str]:
    """The cue categories a sentence shows."""
    plain = text.replace("’", "'")
    lowered = plain.casefold()
    # A name is told by its capital letter, so "named" reads the text as written.
    return frozenset(name for name, regex in _cue_regexes().items()
                     if regex.search(plain if name == "named" else lowered))
