"""The roles the built-in bank has technical sets for, and how a job title names one.

Detection is a weighted phrase match: the job title counts far more than the description,
because a backend job description may well mention "React" or "SQL" in passing while its title
says what the job is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    slug: str
    name: str
    phrases: tuple[str, ...]
    """Lower-case words or phrases that point to this role in a title or description."""


ROLES: tuple[Role, ...] = (
    Role("backend", "Backend engineer", (
        "backend", "back-end", "back end", "server-side", "api developer", "api engineer",
        "platform engineer", "java developer", "go developer", "golang", "python developer",
        "django", "spring boot", "node.js developer", "microservices", "rest api", "grpc",
    )),
    Role("frontend", "Frontend engineer", (
        "frontend", "front-end", "front end", "ui engineer", "ui developer", "web developer",
        "javascript developer", "react", "angular", "vue", "typescript", "css",
        "accessibility", "web performance",
    )),
    Role("data-scientist", "Data scientist", (
        "data scientist", "data science", "machine learning", "ml engineer", "statistician",
        "applied scientist", "research scientist", "predictive model", "a/b test",
        "experimentation", "deep learning", "nlp", "scikit-learn", "pytorch",
    )),
    Role("devops", "DevOps / SRE", (
        "devops", "dev ops", "site reliability", "sre", "infrastructure engineer",
        "cloud engineer", "kubernetes", "terraform", "ci/cd", "observability", "on-call",
        "reliability engineer", "systems engineer", "platform reliability",
    )),
    Role("product-manager", "Product manager", (
        "product manager", "product owner", "product management", "product lead",
        "head of product", "roadmap", "product discovery", "go-to-market", "pm ",
    )),
    Role("qa", "QA / test engineer", (
        "qa", "quality assurance", "test engineer", "tester", "sdet", "test automation",
        "automation engineer", "quality engineer", "selenium", "playwright", "cypress",
        "test plan",
    )),
    Role("mobile", "Mobile engineer", (
        "mobile", "ios", "android", "swift", "kotlin", "react native", "flutter",
        "app developer", "swiftui", "jetpack compose",
    )),
    Role("data-engineer", "Data engineer", (
        "data engineer", "data engineering", "etl", "elt", "data pipeline", "data warehouse",
        "spark", "airflow", "dbt", "kafka", "analytics engineer", "snowflake", "bigquery",
        "data platform",
    )),
)

ROLE_SLUGS: tuple[str, ...] = tuple(role.slug for role in ROLES)

# A phrase in the title weighs this much more than one in the description.
_TITLE_WEIGHT = 5.0
# Below this the evidence is too thin to call it: better no role than the wrong technical set.
_MIN_EVIDENCE = 2.0


def role_named(slug: str) -> Role | None:
    return next((role for role in ROLES if role.slug == slug), None)


def detect_role(job_title: str, job_description: str = "") -> str | None:
    """The slug of the role a job title (and description) is for, or None if it is unclear."""
    title = f" {_flatten(job_title)} "
    description = f" {_flatten(job_description)} "
    best: tuple[float, str] | None = None
    for order, role in enumerate(ROLES):
        evidence = sum(
            _TITLE_WEIGHT * _count(phrase, title) + min(_count(phrase, description), 3)
            for phrase in role.phrases
        )
        # Ties go to the role listed first: a fixed order keeps detection deterministic.
        candidate = (evidence - order * 1e-6, role.slug)
        if evidence >= _MIN_EVIDENCE and (best is None or candidate[0] > best[0]):
            best = candidate
    return best[1] if best else None


def _flatten(text: str) -> str:
    return " ".join(re.sub(r"[^\w/+#.\- ]", " ", text.casefold()).split())


def _count(phrase: str, text: str) -> int:
    # Whole words only: "sre" must not match inside "measure", nor "qa" inside "qatar".
    pattern = r"(?<![\w])" + re.escape(phrase.strip()) + r"(?![\w])"
    return len(re.findall(pattern, text))
