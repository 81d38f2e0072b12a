"""The skills and technologies a job description names, and which of them an answer shows.

A job advert's words are mostly the advert's ("use", "build", "platform", "passionate"): counting
its frequent words as "the job's terms" asked a person to say "platform" in an answer. So a term
is taken only from a vocabulary of skills and technologies, each with the spellings people use
for it ("k8s", "pg", "postgres"), and a term is asked of an answer only when the question is
about it: the question or its key points name it or its field ("database" for PostgreSQL,
"events" for Kafka). A story about a disagreement is never asked to name Kubernetes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from mockmate_tui.core.words import word_list

MAX_JOB_TERMS = 10
# Mentioning this many of the terms asked earns the whole job-terms part.
_TERMS_FOR_FULL_CREDIT = 3


@dataclass(frozen=True)
class Term:
    name: str
    """How the feedback writes it."""
    spellings: tuple[str, ...]
    """Spellings that name it, matched in any case; the name's own is among them unless it is
    also an everyday word ("Go", "REST", "Swift"), which only names the term as written."""
    field: tuple[str, ...]
    """Words of a question about its field: a question using one asks for the term."""


def _term(name: str, spellings: str = "", field: str = "", *, everyday: bool = False) -> Term:
    own = () if everyday else (name.casefold(),)
    return Term(name, tuple(dict.fromkeys((*own, *word_list(spellings)))),
                tuple(word_list(field)))


_DATA = "database databases sql query queries index indexes indexing schema table tables " \
        "transaction transactions storage persistence replication"
_STREAM = "event events stream streams streaming queue queues message messages messaging " \
          "consumer consumers producer producers broker asynchronous async pub/sub"
_DEPLOY = "deploy deploys deployment deployments container containers cluster clusters " \
          "orchestration scaling infrastructure rollout rollouts"
_CLOUD = "cloud infrastructure region regions serverless hosting"
_OBSERVE = "monitoring observability metrics alerting alerts logs logging tracing " \
           "incident incidents on-call dashboards slo slos"
_WEB = "frontend front-end browser ui component components rendering state page pages"
_DELIVERY = "ci cd pipeline pipelines build builds release releases deploy deployment " \
            "testing tests"

VOCABULARY: tuple[Term, ...] = (
    _term("Python", "py", "python language code"),
    _term("Go", "golang", "goroutine goroutines channels concurrency", everyday=True),
    _term("Java", "jvm", "java jvm"),
    _term("Kotlin", "", "kotlin android"),
    _term("Scala", "", "scala jvm"),
    _term("Rust", "", "rust ownership borrow memory", everyday=True),
    _term("C#", ".net dotnet", "c# .net"),
    _term("C++", "cpp", "c++ memory"),
    _term("Ruby", "rails ruby-on-rails", "ruby rails"),
    _term("PHP", "laravel", "php"),
    _term("JavaScript", "js ecmascript", "javascript browser " + _WEB),
    _term("TypeScript", "ts", "typescript types " + _WEB),
    _term("Swift", "swiftui", "ios mobile", everyday=True),
    _term("SQL", "", _DATA),
    _term("PostgreSQL", "postgres pg psql postgresql", _DATA),
    _term("MySQL", "mariadb", _DATA),
    _term("MongoDB", "mongo", _DATA + " document documents nosql"),
    _term("Redis", "", "cache caching " + _DATA),
    _term("Elasticsearch", "elastic opensearch", "search index indexing"),
    _term("Kafka", "kafka", _STREAM),
    _term("RabbitMQ", "rabbit amqp", _STREAM),
    _term("SQS", "sqs", _STREAM),
    _term("Kubernetes", "k8s kube kubectl eks gke aks", _DEPLOY),
    _term("Docker", "dockerfile", _DEPLOY),
    _term("Terraform", "tf", "infrastructure iac provisioning " + _CLOUD),
    _term("Ansible", "", "infrastructure configuration provisioning"),
    _term("AWS", "amazon ec2 s3 lambda", _CLOUD),
    _term("GCP", "google cloud bigquery", _CLOUD),
    _term("Azure", "", _CLOUD),
    _term("Linux", "unix", "linux operating system servers"),
    _term("Prometheus", "promql", _OBSERVE),
    _term("Grafana", "", _OBSERVE),
    _term("Datadog", "", _OBSERVE),
    _term("OpenTelemetry", "otel", _OBSERVE),
    _term("CI/CD", "ci cd jenkins github actions gitlab ci circleci", _DELIVERY),
    _term("Git", "github gitlab", "version control branching merge"),
    _term("React", "reactjs react.js", _WEB),
    _term("Vue", "vue.js vuejs", _WEB),
    _term("Angular", "", _WEB),
    _term("Node.js", "nodejs node.js", "node server backend javascript"),
    _term("GraphQL", "", "api apis schema"),
    _term("REST", "restful", "api apis endpoint endpoints http", everyday=True),
    _term("gRPC", "grpc protobuf", "api apis rpc services"),
    _term("Microservices", "microservice micro-services", "service services architecture"),
    _term("Spark", "pyspark", everyday=True, field="data pipeline pipelines batch processing"),
    _term("Airflow", "dags dag", "pipeline pipelines scheduling orchestration"),
    _term("dbt", "", "warehouse transformation transformations models"),
    _term("Snowflake", "", "warehouse analytics"),
    _term("Pandas", "", "data analysis dataframe"),
    _term("Machine learning", "ml", "model models training prediction"),
    _term("PyTorch", "torch", "model models training deep learning"),
    _term("TensorFlow", "keras", "model models training deep learning"),
    _term("Security", "appsec infosec", "security vulnerability vulnerabilities attack "
          "authentication authorization encryption"),
    _term("OAuth", "oauth2 oidc openid", "authentication authorization login token tokens"),
    _term("Payments", "payment psp stripe adyen", "payment payments checkout refund refunds "
          "billing"),
    _term("Testing", "tdd test automation automated tests unit tests",
          "test tests testing quality qa"),
    _term("Playwright", "", "test tests testing end-to-end e2e browser"),
    _term("Cypress", "", "test tests testing end-to-end e2e browser"),
    _term("iOS", "", "mobile app apps"),
    _term("Android", "", "mobile app apps"),
    _term("Agile", "scrum kanban sprints sprint", "process planning team delivery"),
    _term("System design", "distributed systems", "design architecture scale scaling "
          "distributed"),
)


@dataclass(frozen=True)
class TermCoverage:
    matched: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def credit(self) -> float:
        """0..1: a few of the asked terms, used where true, earn the whole part."""
        total = len(self.matched) + len(self.missing)
        if not total:
            return 0.0
        return min(1.0, len(self.matched) / min(total, _TERMS_FOR_FULL_CREDIT))


@lru_cache(maxsize=256)
def _spelling_pattern(spellings: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
    return re.compile(r"(?<![\w.+#/-])(?:" + alternatives + r")(?![\w+#-])", re.IGNORECASE)


@lru_cache(maxsize=256)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.+#/-])" + re.escape(name) + r"(?![\w+#-])")


def _find(text: str, term: Term) -> re.Match[str] | None:
    found = [match for match in (_spelling_pattern(term.spellings).search(text)
                                 if term.spellings else None,
                                 _name_pattern(term.name).search(text))
             if match is not None]
    return min(found, key=lambda match: match.start(), default=None)


def names(text: str, term: Term) -> bool:
    """Does the text name the term, in any of its spellings?"""
    return _find(text, term) is not None


def job_terms(job_description: str, limit: int = MAX_JOB_TERMS) -> tuple[Term, ...]:
    """The skills and technologies the description names, in the order it first names them
    (an advert names its core first)."""
    found: list[tuple[int, Term]] = []
    for term in VOCABULARY:
        match = _find(job_description, term)
        if match is not None:
            found.append((match.start(), term))
    return tuple(term for _, term in sorted(found, key=lambda item: item[0]))[:limit]


def important_terms(job_description: str, limit: int = MAX_JOB_TERMS) -> tuple[str, ...]:
    """The names of the description's skills and technologies, core first."""
    return tuple(term.name for term in job_terms(job_description, limit))


def is_about(term: Term, question: str, key_points: Sequence[str]) -> bool:
    """Is a question about the term: does it (or a key point) name it or its field?"""
    asked = " ".join((question, *key_points))
    if names(asked, term):
        return True
    words = set(re.findall(r"[\w+#/.-]+", asked.casefold()))
    return any(word in words for word in term.field)


def term_coverage(job_description: str, answer: str, question: str = "",
                  key_points: Sequence[str] = (), *, asked_only: bool = True) -> TermCoverage:
    """Which of the job's terms the answer names, and which it leaves out. With `asked_only`,
    only the terms the question is about are counted either way."""
    terms = job_terms(job_description)
    if asked_only:
        terms = tuple(term for term in terms if is_about(term, question, key_points))
    matched = tuple(term.name for term in terms if names(answer, term))
    missing = tuple(term.name for term in terms if not names(answer, term))
    return TermCoverage(matched, missing)
