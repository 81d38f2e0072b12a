"""Surface signals of an answer: figures, named tools, examples, hedges, filler, cliches and
whose actions they are ("I" or "we").

Each finder returns the matches themselves, not only a count, so feedback can quote them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mockmate_tui.core.words import word_list
from mockmate_tui.feedback.text import STOPWORDS, raw_tokens, sentences, tokens

_NUMBER_WORDS = frozenset(word_list("""
two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty
hundred hundreds thousand thousands million millions billion half twice double doubled halved
dozen dozens triple tripled percent
"""))

# Tools, languages and systems people name in answers. Lower-case; matched as whole tokens.
KNOWN_TOOLS = frozenset(word_list("""
python java javascript typescript golang rust c++ c# kotlin swift scala ruby php sql nosql
postgresql postgres mysql sqlite oracle mongodb redis memcached kafka rabbitmq sqs sns kinesis
spark flink beam airflow dagster dbt snowflake bigquery redshift databricks hive presto trino
kubernetes k8s docker helm terraform ansible pulumi aws gcp azure ec2 s3 lambda cloudfront
linux git github gitlab bitbucket jenkins circleci argo istio nginx envoy prometheus grafana
datadog sentry pagerduty opsgenie splunk elasticsearch kibana opentelemetry vault
react angular vue svelte next.js nextjs node node.js django flask fastapi rails spring
graphql grpc rest websocket websockets oauth jwt saml tls https http dns cdn
playwright cypress selenium jest pytest junit mocha k6 jmeter gatling postman
jira confluence notion slack figma miro tableau looker powerbi excel amplitude mixpanel
pandas numpy scikit-learn sklearn pytorch tensorflow keras xgboost lightgbm mlflow sagemaker
jupyter swiftui uikit jetpack compose flutter xcode android ios firebase
b-tree uuid api apis ci/cd sla slo slos sli slis kpi kpis okr okrs a/b lighthouse webpack vite
stripe salesforce hubspot zendesk intercom
"""))

_EXAMPLE_PHRASES = ("for example", "for instance", "such as", "e.g", "in one case",
                    "a project i worked on", "when i was", "last year", "at my last",
                    "at my previous", "in my last", "in my previous", "in my current",
                    "the last time", "i did something similar", "in a project",
                    "last month", "last quarter")

_FILLERS = ("um", "uh", "erm", "umm", "uhh", "you know", "kind of", "sort of", "basically",
            "literally", "or something", "and stuff", "and so on", "whatever", "yeah",
            "i mean", "pretty much", "stuff like that", "things like that")
# "kind of" after a determiner names a kind ("exactly the kind of thing i've shipped", "what
# sort of load"): no filler. Alone it is one ("it's kind of slow", "I kind of fell into it").
_NAMED_KIND = re.compile(r"\b((?:the|a|an|this|that|these|those|what|which|any|every|some|each|"
                         r"same|other|my|your|our|their|his|her|its) (?:kind|sort)s?) of\b")
_HEDGES = ("i think", "i guess", "i suppose", "maybe", "probably", "perhaps", "hopefully",
           "not sure", "i believe", "i feel like", "more or less", "somewhat")
# Claims a person makes about themselves that say nothing without an example behind them.
_CLICHES = ("hard worker", "hard-working", "hardworking", "team player", "passionate",
            "perfectionist", "work too hard", "great fit", "perfect fit", "people person",
            "go-getter", "think outside the box", "detail-oriented", "self-starter",
            "fast learner", "quick learner", "results-driven", "feedback is a gift",
            "get along with everyone", "always welcome feedback", "love learning")

_FIRST_SINGULAR = frozenset({"i", "i'm", "i'd", "i've", "i'll", "me", "my", "myself", "mine"})
_FIRST_PLURAL = frozenset({"we", "we're", "we'd", "we've", "we'll", "us", "our", "ours",
                           "ourselves"})
_SENTENCE_STARTERS = frozenset({"i", "i'm", "i'd", "i've", "i'll", "a", "an", "the"})
# Capitalised, but no tool, system, team or place: a day or a month says when, not what.
_CALENDAR = frozenset(word_list("""
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
january february march april june july august september october november december jan feb mar
apr jun jul aug sep sept oct nov dec christmas easter
"""))


@dataclass(frozen=True)
class Signals:
    words: int
    figures: tuple[str, ...]
    named: tuple[str, ...]
    examples: tuple[str, ...]
    fillers: tuple[str, ...]
    hedges: tuple[str, ...]
    cliches: tuple[str, ...]
    first_singular: int
    first_plural: int


def read_signals(text: str) -> Signals:
    words = tokens(text)
    lowered = " " + " ".join(words) + " "
    return Signals(
        words=len(words),
        figures=_figures_in(text),
        named=_named(text),
        examples=_found(_EXAMPLE_PHRASES, lowered),
        fillers=_found(_FILLERS, _NAMED_KIND.sub(r"\1-of", lowered), repeat=True),
        hedges=_found(_HEDGES, lowered, repeat=True),
        cliches=_found(_CLICHES, lowered),
        first_singular=sum(1 for w in words if w in _FIRST_SINGULAR),
        first_plural=sum(1 for w in words if w in _FIRST_PLURAL),
    )


# A figure is quoted whole, as the answer wrote it: its amount ("3.5 million", "$40k",
# "two-week"), the thing it counts ("euros", "API keys") and, for a change, both ends
# ("from 45 minutes to 8"), so feedback never cuts "2 million events" into "million events".
# A numeral's commas are inside it ("20,000"): "LIMIT 50, so" gives "50", not "50,".
_NUMERAL = r"[$£€]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:%|(?:k|m|x|ms|s|h|st|nd|rd|th)\b)?"
# A list item's number ("3. Add an index") counts nothing.
_LIST_NUMBER = re.compile(r"(?:^|\n)[ \t]*$")
_LIST_NUMBER_END = re.compile(r"[.)]\s")
_AMOUNT = (r"(?:" + _NUMERAL + r"|\b(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
           + r")\b)(?:-[A-Za-z]+)?(?:\s+(?:hundred|thousand|million|billion|percent)s?\b)*")
_AMOUNT_AT = re.compile(r"(?<![\w.,$£€])" + _AMOUNT, re.IGNORECASE)
_RANGE_REST = re.compile(r"\s+to\s+(?:about\s+|around\s+)?(" + _AMOUNT + r")", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z-]*)")
_RANGE_START = re.compile(r"\bfrom\s+(?:about\s+|around\s+)?$", re.IGNORECASE)


def _with_unit(text: str, end: int) -> int:
    """Where a figure ends once the thing it counts is included: one word, or two when the
    first is not yet a plural noun ("422 API keys", "200 small businesses"; "40 deploys")."""
    for taken in range(2):
        match = _NEXT_WORD.match(text, end)
        if match is None:
            break
        word = match.group(1).casefold()
        if word in STOPWORDS or word in _NUMBER_WORDS or len(word) < 2:
            break
        end = match.end()
        if taken == 0 and word.endswith("s") and not match.group(1).isupper():
            break
    return end


def _figures_in(text: str) -> tuple[str, ...]:
    """Each figure as an exact slice of the text, whole, in order, none inside another (by
    where it stands: "50" and "500" are two figures)."""
    spans: list[tuple[int, int]] = []
    position = 0
    while (match := _AMOUNT_AT.search(text, position)) is not None:
        start, end = match.start(), match.end()
        if _LIST_NUMBER.search(text, max(0, start - 20), start) \
                and _LIST_NUMBER_END.match(text, end):
            position = end
            continue
        if not match.group(0).endswith("%"):
            end = _with_unit(text, end)
        # A bare number ("went down to 2.3.") counts nothing the reader can see: no unit, no
        # currency, no thing counted, no range. It is no figure to quote back.
        if end == match.end() and _is_bare(match.group(0)) \
                and _RANGE_START.search(text, max(0, start - 20), start) is None \
                and _RANGE_REST.match(text, end) is None:
            position = end
            continue
        before = _RANGE_START.search(text, max(0, start - 20), start)
        rest = _RANGE_REST.match(text, end)
        if before is not None and rest is not None:
            start = before.start()
            end = rest.end() if rest.group(1).endswith("%") else _with_unit(text, rest.end())
        spans.append((start, end))
        position = max(end, match.end())
    whole = [(start, end) for start, end in spans
             if not any(a <= start and end <= b and (a, b) != (start, end) for a, b in spans)]
    return tuple(dict.fromkeys(text[start:end] for start, end in whole))


def _is_bare(amount: str) -> bool:
    return re.fullmatch(r"\d+(?:\.\d+)?", amount) is not None and "." in amount


def has_figure(text: str, signals: Signals) -> bool:
    """Does the text hold one of the answer's figures, as a whole word or phrase?"""
    pattern = _figure_pattern(signals.figures)
    return pattern is not None and pattern.search(text) is not None


@lru_cache(maxsize=64)
def _figure_pattern(figures: tuple[str, ...]) -> re.Pattern[str] | None:
    if not figures:
        return None
    alternatives = "|".join(re.escape(f) for f in sorted(figures, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + alternatives + r")(?![\w])", re.IGNORECASE)


def _named(text: str) -> tuple[str, ...]:
    """Tools from the known list, plus capitalised names that are not just a sentence's first
    word ("Fintrack", "Black Friday", "PostgreSQL")."""
    seen: dict[str, None] = {}
    for sentence in sentences(text):
        for position, word in enumerate(raw_tokens(sentence)):
            lowered = word.casefold()
            is_name = (position > 0 and word[0].isupper() and len(word) > 1
                       and lowered not in _SENTENCE_STARTERS and not lowered.startswith("i'")
                       and lowered not in _CALENDAR)
            if lowered in KNOWN_TOOLS or is_name:
                seen.setdefault(word, None)
    return tuple(seen)


def _found(phrases: tuple[str, ...], lowered: str, *, repeat: bool = False) -> tuple[str, ...]:
    hits: list[str] = []
    for phrase in phrases:
        count = len(re.findall(r"(?<![\w'])" + re.escape(phrase) + r"(?![\w'])", lowered))
        hits.extend([phrase] * (count if repeat else min(count, 1)))
    return tuple(hits)
