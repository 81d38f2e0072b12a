"""A scripted person for practice tests: how their answers are scored, and a whole session
answered through the engine."""

from __future__ import annotations

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.feedback import AnswerContext, Evaluation, KeyPointVerdict
from mockmate_tui.service import MockMate

VAGUE_STORY = ("We had a problem with a release and we worked on it as a team. We talked to "
               "people and maybe it got better in the end. Our team fixed the pipeline and we "
               "shipped it and everyone was happy with what we did together that week.")
GOOD_STORY = ("I led the billing migration when 3% of invoices were sent twice. I added an "
              "idempotency key, I ran both systems side by side for two weeks, and duplicates "
              "fell to zero; on-call pages dropped by half, which I reported to finance.")
TECH_ANSWER = ("I would start from the access pattern. In PostgreSQL I index the columns the "
               "query filters on, check the plan with EXPLAIN ANALYZE, and measure p95 latency "
               "before and after: in my last job that took a report from 40 s to 300 ms. In "
               "Python I keep the queries in one module, with tests that run against a real "
               "database, so a slow query shows up in review and not in production. Then I "
               "weigh the trade-off: an index speeds reads but slows writes, so I check the "
               "write rate first and drop indexes nobody uses. I would also watch the cache "
               "hit rate and the number of connections, because a pool that is too small "
               "looks like a slow query from the outside.")


class ScriptedPerson:
    """Evaluates as a person bad at stories would be scored: 4 (no result part, every key
    point missed) until `improved`, then 9; technical and introduction answers always 9."""

    def __init__(self) -> None:
        self.improved = False

    def evaluate(self, context: AnswerContext) -> Evaluation:
        story = context.category in ("behavioral", "situational")
        good = not story or self.improved
        return Evaluation(
            score=9 if good else 4, feedback="scripted", strengths=(), improvements=(),
            rubric={"star.result": 1.0, "star.action": 1.0} if story and good else
            {"star.result": 0.0, "star.action": 0.3} if story else {"key_points": 1.0},
            source="rubric", version="scripted",
            key_points=tuple(KeyPointVerdict(p, good, p if good else None)
                             for p in context.key_points))

    def answer(self, category: str) -> str:
        if category in ("behavioral", "situational"):
            return GOOD_STORY if self.improved else VAGUE_STORY
        return TECH_ANSWER


def answer_session(service: MockMate, person: ScriptedPerson, session_id: str,
                   clock: FakeClock) -> list[str]:
    """Answer every question of a session as the person would; the categories asked."""
    engine = service.interviews
    progress = engine.start(session_id)
    asked = []
    while progress.current is not None:
        clock.advance(90)
        asked.append(progress.current.category)
        progress = engine.submit(session_id, person.answer(progress.current.category)).progress
    engine.stop(session_id)
    return asked
