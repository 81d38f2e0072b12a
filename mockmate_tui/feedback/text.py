"""Words, stems and sentences: the small text toolkit the rubric is built on.

Stems are rough on purpose (a few suffixes off, at most six letters): "deployed", "deploying"
and "deployment" meet, and nothing depends on a language model or a download. The concept
thesaurus lets a key point written as "data or evidence" be met by an answer that says "I
pulled the logs and compared the failure rate": interview answers paraphrase, and an exact-word
match would punish the answers that are best told in a person's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from mockmate_tui.core.words import ENGLISH_STOPWORDS, STEM_LENGTH, STEM_SUFFIXES, word_list

_TOKEN = re.compile(r"[A-Za-z0-9$£€]+(?:['’.,+#/-][A-Za-z0-9]+)*[+#%]*")
# The full stop of "e.g.", "i.e." and "vs." ends no sentence: "(e.g. all Android users)".
NOT_AN_ABBREVIATION = r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)"
# A line that starts a bulleted or numbered item starts a sentence ("1. Ask...", "- Roll back").
LIST_ITEM_START = r"\n(?=\s*(?:[-*•]|\d{1,2}[.)])\s)"
# A single line break ends a sentence unless it only wraps one: a wrapped line goes on in
# lower case ("I wrote a one-page design\nnote so the frontend..."), a new line that starts a
# sentence, a list item or a line of its own starts with a capital, a digit or a marker.
_NEW_LINE = r"\n(?=[ \t]*[^\sa-z])"
_SENTENCE_BREAK = re.compile(NOT_AN_ABBREVIATION + r"(?<=[.!?])[\"')\]]*\s+|\n\s*\n|"
                             + LIST_ITEM_START + "|" + _NEW_LINE)
# A list item's own marker ("2.", "3)", "-") is not a sentence, nor a part of one.
LIST_MARKER = re.compile(r"(?:[-*•]|\d{1,2}[.)])(?=\s|$)")
_SUFFIXES = STEM_SUFFIXES
_UNDOUBLED = frozenset("lsz")  # "falling" stays "fall"; "planning" becomes "plan"
_STEM_LENGTH = STEM_LENGTH

STOPWORDS = ENGLISH_STOPWORDS | frozenset(word_list("""
i'm i'd i've i'll it's that's don't didn't doesn't isn't wasn't can't won't we're we'd they're
there's let's also get got gets getting make makes made one thing things
really quite lot lots way ways something someone anything everything everyone
"""))


def tokens(text: str) -> list[str]:
    """The words of a text, lower-cased, keeping in-word punctuation ("ci/cd", "0.1%")."""
    return [token.casefold().replace("’", "'") for token in _TOKEN.findall(text)]


def raw_tokens(text: str) -> list[str]:
    """The words with their original case (for spotting names)."""
    return _TOKEN.findall(text)


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_slices(text)]


def sentence_slices(text: str) -> list[tuple[int, int]]:
    """Where each sentence is in the text, as (start, end): the same sentences as
    sentences(text), found in place so a quote of one is an exact substring. A line break
    inside a sentence (a typed answer wrapped by hand) does not end it; one before a new line
    that starts with a capital, a digit or a list marker does."""
    slices: list[tuple[int, int]] = []
    start = 0
    for match in [*_SENTENCE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        marker = LIST_MARKER.match(piece.lstrip())
        if marker:  # the item's words, without its "2." or "-"
            start += len(piece) - len(piece.lstrip()) + marker.end()
            piece = text[start:end]
        if piece.strip():
            left = start + len(piece) - len(piece.lstrip())
            slices.append((left, left + len(piece.strip())))
        if match:
            start = match.end()
    return slices


# British spellings read as American ones, so "colour" meets "color" and "analyse" "analyze"
# (-ise and -isation already share a stem with -ize and -ization).
_BRITISH = ((re.compile(r"(?<=\w\w\w)our(s|ed|ing|ful|able|ite|ites)?$"), r"or\1"),
            (re.compile(r"(?<=\w)ys(e|es|ed|ing)$"), r"yz\1"),
            (re.compile(r"(?<=\w\w\w)tre(s|d)?$"), r"ter\1"))


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    word = word.casefold().strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    for pattern, american in _BRITISH:
        word = pattern.sub(american, word)
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
            if (suffix in ("ing", "ed", "er", "ers", "ings") and len(word) > 3
                    and word[-1] == word[-2] and word[-1] not in _UNDOUBLED):
                word = word[:-1]
            break
    return word[:_STEM_LENGTH]


def content_words(text: str) -> list[str]:
    return [w for w in tokens(text) if w not in STOPWORDS and len(w) > 1 and not _is_number(w)]


def content_stems(text: str) -> frozenset[str]:
    return frozenset(stem(word) for word in content_words(text))


def _is_number(word: str) -> bool:
    return bool(re.fullmatch(r"[$£€]?[\d.,]+[%kmx]?", word))


def phrase_in(phrase: str, text: str) -> bool:
    """A whole-word, case-insensitive phrase match."""
    pattern = r"(?<![\w])" + re.escape(phrase) + r"(?![\w])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def shorten(text: str, words: int = 10) -> str:
    """The first few words of a text, for quoting it back in feedback."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


# -- concepts -----------------------------------------------------------------------------------
# Each line is one concept: words that say much the same thing in an interview answer. A key
# point's word is met by any word of the same concept. Kept to interview language; technical
# terms are matched as they are.
_CONCEPT_LINES = """
disagree disagreement disagreed conflict conflicts argue argued argument objection objected
  pushback opposed differ differed clash tension dispute concern concerns concerned
stake stakes risk risky risks impact consequence consequences matter matters critical
listen listened hear heard understand understood ask asked asking perspective view views
  viewpoint concern realise realised realize realized curious
data evidence metrics metric numbers logs log measured measure analysis analysed analyzed
  compared comparison figures dashboard dashboards research survey benchmark benchmarks
decide decision decisions decided chose choose chosen agreed call verdict
resolve resolution resolved compromise agreed settled solution solved agreement consensus
relationship relationships trust rapport together pair paired collaborate collaboration
result results outcome outcomes effect led improved reduced increased saved cut shipped
  delivered launched achieved finished completed dropped grew doubled halved
measurable measure measured metric metrics kpi number numbers percent percentage rate
communicate communicated communication told tell informed inform update updates updated
  shared share explained explain announced email emailed standup slack message
team teammate teammates colleague colleagues coworker coworkers peer peers engineers
plan plans planned planning roadmap schedule timeline milestone milestones estimate estimates
prioritise prioritize prioritised prioritized priority priorities urgent urgency important
  order triage rank ranked first
stakeholder stakeholders manager managers client clients customer customers sponsor leadership
  executive executives leader leaders director owner owners
learn learned learnt lesson lessons takeaway reflect reflection insight
mistake mistakes error errors failure failed fail wrong bug bugs missed
fix fixed fixes repair repaired patch patched rollback rolled revert reverted hotfix mitigate
  mitigated workaround
test tests tested testing verify verified validate validated check checked checks
improve improved improvement improvements better faster optimise optimize optimised
  simplify simplified streamline streamlined efficient efficiency
feedback review reviews reviewed critique comments input
help helped helping support supported assist assisted mentor mentored coach coached unblock
  unblocked guide guided
goal goals objective objectives aim target targets task tasks responsible responsibility
  responsibilities mission purpose
deadline deadlines date dates late delay delayed slip slipped slipping overdue timeline
scope feature features requirement requirements mvp phase phased release version cut
option options alternative alternatives tradeoff trade-off tradeoffs trade-offs choice choices
user users customer customers client clients people
early immediately promptly soon quickly straight prompt
escalate escalated raise raised flag flagged alert alerted
document documented documentation wiki notes readme record recorded write wrote written
prevent prevented avoid avoided stop stopped safeguard safeguards guardrail
own owned ownership took accountable accountability initiative
afterwards after later since subsequently still follow-up followup
motivate motivated motivation drive driven energy enjoy enjoyed passion
strength strengths strong skill skills good
weakness weaknesses weak improve gap gaps struggle struggled
growth grow grew develop developed development progress progression career
company organisation organization business employer firm
role position job title
experience experienced years background worked history
achievement achievements accomplishment accomplished proud success successful win
example instance case story specific
change changed changes changing shift shifted transition moved
"""


def concept_groups(lines: str) -> dict[str, frozenset[str]]:
    """Stem -> every stem that shares a line with it. A line lists words of one concept; a
    line starting with spaces continues the line before."""
    merged: list[str] = []
    for line in lines.splitlines():
        if not line.strip():
            continue
        if line.startswith(" ") and merged:
            merged[-1] += " " + line.strip()
        else:
            merged.append(line.strip())
    groups: dict[str, set[str]] = {}
    for line in merged:
        stems = {stem(word) for word in line.split()}
        for member in stems:
            groups.setdefault(member, set()).update(stems)
    return {key: frozenset(value) for key, value in groups.items()}


@lru_cache(maxsize=1)
def _concepts() -> dict[str, frozenset[str]]:
    return concept_groups(_CONCEPT_LINES)


def related_stems(stem_: str) -> frozenset[str]:
    """The stem and every stem that shares a concept with it."""
    return _concepts().get(stem_, frozenset()) | {stem_}


def meets(stem_: str, answer_stems: Iterable[str] | frozenset[str]) -> bool:
    """Does the answer use this stem or a word of the same concept?"""
    answer = answer_stems if isinstance(answer_stems, frozenset) else frozenset(answer_stems)
    return not related_stems(stem_).isdisjoint(answer)
