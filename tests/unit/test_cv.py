"""A CV's claims, each turned into a question about the person's own experience."""

from __future__ import annotations

from mockmate_tui.core.cv import experiences

CV = """Ada Lovelace — Backend engineer

Experience
- Led the move to Kubernetes at Acme Payments, 40 services in six months.
- Built the billing pipeline on Kafka and PostgreSQL.
* Responsible for on-call.
I reduced p95 latency by 60% at Globex. Skills: Python, Go.
- Led the move to Kubernetes at Acme Payments, 40 services in six months.
"""


def test_each_claim_becomes_one_question_about_it() -> None:
    found = experiences(CV)
    assert [e.claim for e in found] == [
        "led the move to Kubernetes at Acme Payments, 40 services in six months",
        "built the billing pipeline on Kafka and PostgreSQL",
        "reduced p95 latency by 60% at Globex",
    ]
    assert found[0].company == "Acme Payments"
    assert found[0].question() == ("Your CV says you led the move to Kubernetes at Acme "
                                   "Payments, 40 services in six months: walk me through it. "
                                   "What was your own part?")
    assert experiences("Skills: Python\nHobbies: chess") == ()
