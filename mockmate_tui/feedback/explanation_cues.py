"""What shows each part of a technical explanation (structure.py reads them): a direct
answer, the reasoning, an example and the trade-offs, each as regular expressions a sentence of
the answer may match."""

from __future__ import annotations

from mockmate_tui.feedback.plans import ADVERBS, IMPERATIVE_OPENING

# A direct answer: what it is ("It's when the model memorises noise"), or, to a "how would
# you" question, the approach itself ("I'd export the last month of pages", "Check the HMAC
# signature first", "You split the inputs into groups").
DEFINES = (r"\b(?:is|are|means|refers to|describes|is when|stands for|works by)\b",
           r"\w'(?:s|re) (?:a|an|the|when|how|what|where|basically|just|about|like)\b",
           r"^\W*(?:i|i'd|i'll|we|we'd|you|you'd|first|start)\b" + ADVERBS
           + r"(?!think|guess|feel|believe|don't|not)\w+", IMPERATIVE_OPENING,
           # Notes define a term with a sign: "pod = 1+ containers sharing net + volumes",
           # "GIL: one lock, one thread runs bytecode at a time", "idempotent -> same effect".
           r"^\W*[\w.+#/' -]{1,30}?\s*(?:=|:|->|=>|\u2192)\s*\w")
REASONS = (
    r"\bbecause\b", r"\bso that\b", r"\bwhich means\b", r"\btherefore\b", r"\bthat's why\b",
    r"\bthis is why\b", r"\bwhich is why\b", r"\bin order to\b", r"\botherwise\b",
    r"\bmatters\b", r"\bthe reason\b",
    r"\bso (?:the|it|you|we|a)\b", r"\bwithout\b", r"\bprevents?\b", r"\bavoids?\b",
    # "so page 20,000 costs the same as page 1", "so each page is an index range scan"
    r"\bso (?!that\b)(?:[\w,]+ ){1,3}(?:is|are|costs?|takes?|stays?|runs?|can(?:not|'t)?|"
    r"won't|doesn't|never|only)\b",
    # Notes give the reason tersely: "pods get replaced anytime so no state in them", "one
    # consumer per partition, so max parallelism = #partitions", "b/c", "cuz".
    r"\bso (?:no|not|nothing|never|max|only|each|every|all|any|they|there)\b",
    r"\bb/c\b", r"\bcuz\b",
)
EXAMPLES = (
    r"\bfor example\b", r"\bfor instance\b", r"\bsuch as\b", r"\be\.g\.", r"\bimagine\b",
    r"\bsay (?:you|we)\b", r"\bin a project\b",
    # "Say a field takes ages 18 to 65: I'd test 17, 18, 65 and 66" opens on its case.
    r"^\W*(?:say|suppose|let's say|take)\b,? (?:a|an|the|your|our|we|you)\b",
    r"\bi (?:used|built|worked|have used|chose|wrote)\b", r"\bwe (?:used|built|chose)\b",
    r"\bin production\b",
    r"\blike (?:a|an|the)\b",
    r"\bworks this way\b",
)
TRADE_OFFS = (
    r"\btrade-?offs?\b", r"\bdownsides?\b", r"\bdrawbacks?\b", r"\bcosts?\b", r"\bhowever\b",
    r"\bon the other hand\b", r"\bversus\b", r"\bvs\.?\b", r"\bwhereas\b", r"\bdepends\b",
    r"\binstead of\b", r"\brather than\b", r"\bprefer\b", r"\bat the expense\b",
    r"\blimitations?\b", r"\bbut\b", r"\bunless\b", r"\bslower\b", r"\brisks?\b",
)
