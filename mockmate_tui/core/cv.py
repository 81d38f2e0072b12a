"""A CV read for interview questions: the things the person says they did ("Led the move to
Kubernetes at Acme"), each turned into a question about their own experience, as an interviewer
with the CV in hand asks: "You led the move to Kubernetes at Acme: walk me through it."

Pure: text in, experiences out; reading the file (text, Markdown or PDF) is the service's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CV_CHARS = 100_000
# Verbs a CV line opens with (or says after "I") when it claims something the person did.
_DID = ("led", "built", "designed", "migrated", "moved", "introduced", "launched", "owned",
        "created", "implemented", "scaled", "reduced", "improved", "rewrote", "ran", "shipped",
        "automated", "founded", "managed", "mentored", "delivered", "developed", "drove",
        "cut", "grew", "replaced", "set up", "established", "architected")
_CLAIM = re.compile(r"^(?:i\s+)?(" + "|".join(sorted(_DID, key=len, reverse=True))
                    + r")\b\s+(.+)$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•·▪●]|\d+[.)])\s*")
_PIECES = re.compile(r"(?<=[.;!?])\s+|\n+")
_AT = re.compile(r"\bat\s+([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})")
_MAX_CLAIM = 140
MAX_EXPERIENCES = 20


@dataclass(frozen=True)
class Experience:
    claim: str
    """As the CV says it, from its verb: "led the move to Kubernetes at Acme"."""
    company: str | None

    def question(self) -> str:
        return f"Your CV says you {self.claim}: walk me through it. What was your own part?"


def experiences(cv_text: str) -> tuple[Experience, ...]:
    """The claims of the CV, in its order, each once."""
    found: dict[str, Experience] = {}
    for piece in _PIECES.split(cv_text[:MAX_CV_CHARS]):
        line = _BULLET.sub("", piece).strip().rstrip(".;")
        match = _CLAIM.match(line)
        if match is None or len(line.split()) < 4:
            continue
        verb, rest = match.group(1).lower(), " ".join(match.group(2).split())
        claim = f"{verb} {rest}"
        if len(claim) > _MAX_CLAIM:
            claim = claim[:_MAX_CLAIM].rsplit(" ", 1)[0] + "…"
        at = _AT.search(rest)
        key = claim.casefold()
        if key not in found:
            found[key] = Experience(claim, at.group(1) if at else None)
        if len(found) >= MAX_EXPERIENCES:
            break
    return tuple(found.values())
