"""The roles and technologies the built-in bank has technical sets for, and how a job names them.

Both detections are weighted phrase matches over the same flattened text: the job title counts
far more than the description, because a backend job description may well mention "React" or
"SQL" in passing while its title says what the job is. Roles pick one winner; technologies are
all reported, most prominent first, since a job usually names several.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Role:
    slug: str
    name: str
    phrases: tuple[str, ...]
    """Lower-case words or phrases that point to this role in a title or description."""
    mostly_technical: bool = True
    """Its interviews are mostly technical questions (an engineering role); otherwise the
    session keeps a balanced mix of story, scenario and technical questions."""


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
    ), mostly_technical=False),
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


# -- how technical the job is -------------------------------------------------------------------

# Title words that say the job is engineering when no known role matched ("Software Engineer",
# "Senior Developer"). A manager's interview is about people more than code, so it stays mixed.
_ENGINEERING_TITLE_WORDS = ("engineer", "engineering", "developer", "programmer", "architect",
                            "swe", "coder")
_MANAGEMENT_TITLE_WORDS = ("manager", "director", "head of", "vp", "vice president", "chief")


def is_technical_job(job_title: str, role: str | None) -> bool:
    """Whether interviews for this job are mostly technical questions."""
    known = role_named(role) if role is not None else None
    if known is not None:
        return known.mostly_technical
    title = f" {_flatten(job_title)} "
    if any(_count(word, title) for word in _MANAGEMENT_TITLE_WORDS):
        return False
    return any(_count(word, title) for word in _ENGINEERING_TITLE_WORDS)


# -- technologies -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Technology:
    slug: str
    name: str
    aliases: tuple[str, ...]
    """Lower-case words or phrases that name it, matched as whole words in any case."""
    proper_names: tuple[str, ...] = ()
    """Names that are everyday English words in another case ("Go", "REST", "React"): matched
    only as written and not as the first word of a sentence, where every word is capitalised."""
    broad: bool = False
    """A practice any engineer of the question's roles may be asked about, named or not (API
    design, security). A specific language, product or domain (Java, Kafka, payments) is asked
    about only when the job names it: a Java question does not belong in a Go interview."""


TECHNOLOGIES: tuple[Technology, ...] = (
    Technology("postgresql", "PostgreSQL", (
        "postgresql", "postgres", "psql", "pgbouncer", "postgis",
    )),
    Technology("kafka", "Apache Kafka", (
        "kafka", "confluent", "ksqldb",
    )),
    Technology("kubernetes", "Kubernetes", (
        "kubernetes", "k8s", "kubectl", "helm chart", "helm charts", "eks", "gke", "aks",
        "openshift",
    )),
    Technology("docker", "Docker and containers", (
        "docker", "dockerfile", "docker compose", "docker-compose", "containerisation",
        "containerization", "containerised", "containerized", "container images", "podman",
    ), broad=True),
    Technology("aws", "Amazon Web Services", (
        "aws", "amazon web services", "ec2", "s3", "aws lambda", "dynamodb", "cloudformation",
        "ecs", "eks", "amazon rds", "aws rds",
    )),
    Technology("react", "React", (
        "react.js", "reactjs", "react js", "react native", "next.js", "nextjs", "redux",
        "react developer", "react engineer", "react hooks",
    ), proper_names=("React",)),
    Technology("javascript", "JavaScript and TypeScript", (
        "javascript", "typescript", "node.js", "nodejs", "ecmascript", "es6",
    )),
    Technology("python", "Python", (
        "python", "django", "flask", "fastapi", "asyncio", "pytest",
    )),
    Technology("java", "Java", (
        "java", "jvm", "spring boot", "spring framework", "hibernate", "jakarta ee", "j2ee",
    )),
    Technology("go", "Go", (
        "golang", "go developer", "go developers", "go engineer", "go engineers",
        "go programmer", "go programming", "go language",
    ), proper_names=("Go",)),
    Technology("sql", "SQL and relational databases", (
        "sql", "mysql", "mariadb", "sql server", "t-sql", "pl/sql", "relational database",
        "relational databases", "rdbms",
    ), broad=True),
    Technology("rest-api", "REST and API design", (
        "rest api", "rest apis", "restful", "api design", "openapi", "swagger", "http api",
        "http apis", "web api", "web apis", "graphql", "api-first",
    ), proper_names=("REST",), broad=True),
    Technology("payments", "Payments and idempotency", (
        "payment", "payments", "fintech", "stripe", "adyen", "braintree", "billing", "pci",
        "pci dss", "pci-dss", "idempotency", "idempotent", "ledger", "card processing",
    )),
    Technology("ci-cd", "CI/CD", (
        "ci/cd", "cicd", "ci cd", "continuous integration", "continuous delivery",
        "continuous deployment", "github actions", "gitlab ci", "jenkins", "circleci",
        "argo cd", "argocd", "build pipeline", "build pipelines", "deployment pipeline",
        "deployment pipelines",
    ), broad=True),
    Technology("observability", "Observability and monitoring", (
        "observability", "prometheus", "grafana", "opentelemetry", "datadog", "new relic",
        "distributed tracing", "alerting", "slo", "slos", "sli", "slis", "error budget",
        "error budgets", "production monitoring", "monitoring and alerting",
        "application monitoring",
    ), broad=True),
    Technology("security", "Application security", (
        "application security", "appsec", "secure coding", "owasp", "threat modelling",
        "threat modeling", "penetration testing", "devsecops", "web security", "cloud security",
        "information security", "infosec", "cybersecurity", "cyber security", "oauth",
        "oauth2", "openid connect", "vulnerability management",
    ), broad=True),
    Technology("system-design", "System design", (
        "system design", "systems design", "distributed systems", "distributed system",
        "scalable systems", "scalability", "high availability", "highly available",
        "fault tolerance", "fault-tolerant", "large-scale systems", "software architecture",
        "system architecture", "microservices", "microservice architecture",
    ), broad=True),
    Technology("infrastructure-as-code", "Infrastructure as code (Terraform)", (
        "infrastructure as code", "infrastructure-as-code", "iac", "terraform", "opentofu",
        "pulumi",
    ), broad=True),
)

TECHNOLOGY_SLUGS: tuple[str, ...] = tuple(technology.slug for technology in TECHNOLOGIES)


@dataclass(frozen=True)
class TechnologyMention:
    """One technology a job names, with the evidence, so the choice can be explained."""

    slug: str
    evidence: float
    first_at: tuple[int, int]
    """(0 for the title, 1 for the description; offset): an earlier mention breaks ties."""
    phrases: tuple[str, ...]
    """The words that named it, as the job wrote them."""


def technology_named(slug: str) -> Technology | None:
    return next((tech for tech in TECHNOLOGIES if tech.slug == slug), None)


def technology_slug(name: str) -> str | None:
    """The slug for a technology written as its slug, name or an alias ("Postgres"), or None."""
    key = " ".join(name.casefold().split())
    for tech in TECHNOLOGIES:
        names = (tech.slug, tech.name.casefold(), *tech.aliases,
                 *(proper.casefold() for proper in tech.proper_names))
        if key in names:
            return tech.slug
    return None


def detect_technologies(job_title: str, job_description: str = "") -> tuple[str, ...]:
    """The slugs of every technology a job names, most prominent first."""
    return tuple(mention.slug for mention in find_technologies(job_title, job_description))


def find_technologies(job_title: str, job_description: str = "") -> list[TechnologyMention]:
    """Every technology a job names, most prominent first: more (and title) mentions first,
    then the one named earlier. A single mention is enough, since job ads list a stack once."""
    mentions = [
        mention for tech in TECHNOLOGIES
        if (mention := _mention(tech, job_title, job_description)) is not None
    ]
    return sorted(mentions, key=lambda mention: (-mention.evidence, mention.first_at))


def _mention(tech: Technology, job_title: str, job_description: str) -> TechnologyMention | None:
    evidence = 0.0
    hits: list[tuple[tuple[int, int], str]] = []
    for place, text in enumerate((job_title, job_description)):
        found = _technology_hits(tech, text)
        weight = _TITLE_WEIGHT if place == 0 else 1.0
        evidence += weight * min(len(found), 3)  # repeats count, but not without limit
        hits += [((place, offset), phrase) for offset, phrase in found]
    if not hits:
        return None
    hits.sort()
    phrases = tuple(dict.fromkeys(phrase for _, phrase in hits))
    return TechnologyMention(tech.slug, evidence, hits[0][0], phrases)


def _technology_hits(tech: Technology, text: str) -> list[tuple[int, str]]:
    """(offset, words as written) of every mention of `tech` in `text`."""
    hits = [(match.start(), match.group()) for alias in tech.aliases
            for match in _alias_pattern(alias).finditer(text)]
    hits += [(match.start(), match.group()) for name in tech.proper_names
             for match in _proper_name_pattern(name).finditer(text)
             if _names_the_technology(text, match)]
    # Two names of one technology can match the same words ("rest api" and "REST", "pci" and
    # "pci dss"): a place in the text counts once.
    return sorted(dict(hits).items())


@cache
def _alias_pattern(alias: str) -> re.Pattern[str]:
    # Whole words only ("java" is not inside "javascript", "iac" not inside "maniac"); any run
    # of spaces or a line break may separate the words of a phrase.
    words = r"\s+".join(re.escape(word) for word in alias.split())
    return re.compile(rf"(?<![\w]){words}(?![\w])", re.IGNORECASE)


@cache
def _proper_name_pattern(name: str) -> re.Pattern[str]:
    # Case-sensitive, and not glued to a hyphen: "Go" in "Go-to-market" is not the language.
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


def _names_the_technology(text: str, match: re.Match[str]) -> bool:
    """A proper name counts unless it opens a sentence or line, where "Go" or "React" may be the
    English word with a capital; even there a list item ("Go, Rust" or "React/Redux") counts."""
    line = text[: match.start()].rsplit("\n", 1)[-1].rstrip()
    opens_sentence = not line.strip("-*•·> \t") or line.endswith((".", "!", "?"))
    return not opens_sentence or text[match.end():].startswith((",", "/"))
