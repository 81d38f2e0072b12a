"""The optional language model, tested against a real OpenAI-compatible HTTP server on loopback
that the tests start and script: valid replies, bad JSON, out-of-range scores, errors, stalls.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.feedback import (
    AnswerContext,
    RubricEvaluator,
    evaluate_answer,
    make_evaluator,
)
from mockmate_tui.feedback.llm_evaluator import RETRY_UNREACHABLE_AFTER_SECONDS, LLMEvaluator
from mockmate_tui.llm.client import ChatClient, LLMConfig
from mockmate_tui.questions import (
    BankQuestionSource,
    LLMQuestionSource,
    QuestionRequest,
    make_question_source,
)
from mockmate_tui.questions.bank import builtin_bank

QUESTION = "Tell me about a time you disagreed with a colleague. How did you resolve it?"
POINTS = ("What the disagreement was about and what was at stake",
          "How you listened to understand their view",
          "Data or evidence you used to decide",
          "The resolution and the relationship afterwards")
ANSWER = (
    "Last year at Fintrack a colleague wanted to move reconciliation to streaming two weeks "
    "before quarter end. My task was to keep it reliable. I asked her to walk me through the "
    "design, I pulled three months of logs and I proposed a shadow run. As a result we switched "
    "in April and the job now finishes in 25 minutes instead of 4 hours."
)
GOOD_REPLY = {"score": 8, "feedback": "A clear story with a measured result.",
              "strengths": ["You quantify the result: 25 minutes instead of 4 hours."],
              "improvements": ["Say what was at stake if the close had failed."]}


class ChatServer:
    """An OpenAI-compatible chat-completions server on 127.0.0.1 with scripted replies."""

    def __init__(self) -> None:
        self.replies: deque[tuple[int, Any]] = deque()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.release = threading.Event()  # a reply scripted as "stall" waits for this
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                server.requests.append(json.loads(self.rfile.read(length)))
                server.headers.append(dict(self.headers))
                status, content = server.replies.popleft() if server.replies else (500, "none")
                if content == "stall":
                    server.release.wait(10)
                    return
                if status != 200:
                    body = json.dumps({"error": str(content)}).encode()
                elif isinstance(content, bytes):
                    body = content
                else:
                    text = content if isinstance(content, str) else json.dumps(content)
                    body = json.dumps({"choices": [{"message": {"role": "assistant",
                                                                "content": text}}]}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}/v1"
        # A short poll interval: shutdown() waits for one poll, 0.5 s by default.
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.02,),
                                        daemon=True)

    def reply(self, *contents: Any, status: int = 200) -> None:
        self.replies.extend((status, content) for content in contents)

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._http.shutdown()
        self._http.server_close()


@pytest.fixture
def server() -> Iterator[ChatServer]:
    with ChatServer() as running:
        yield running


def client_for(url: str, timeout: float = 5.0, key: str | None = "test-key") -> ChatClient:
    return ChatClient(LLMConfig(url, "tiny-model", key, timeout, min(timeout, 2.0)))


def evaluate(evaluator: LLMEvaluator, answer: str = ANSWER, **extra: Any) -> Any:
    return evaluator.evaluate(AnswerContext(QUESTION, answer, category="behavioral",
                                            key_points=POINTS, **extra))


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


# -- feedback -----------------------------------------------------------------------------------

def test_a_valid_reply_becomes_the_feedback_and_says_it_came_from_the_model(
        server: ChatServer) -> None:
    server.reply(GOOD_REPLY)
    evaluation = evaluate(LLMEvaluator(client_for(server.url)),
                          job_description="Python and PostgreSQL backend role")
    assert (evaluation.score, evaluation.source, evaluation.notice) == (8, "llm", None)
    assert evaluation.strengths == tuple(GOOD_REPLY["strengths"])
    assert evaluation.improvements == tuple(GOOD_REPLY["improvements"])
    assert "language model tiny-model" in evaluation.feedback.splitlines()[0]
    assert evaluation.rubric["rubric_score"] == evaluate_answer(AnswerContext(
        QUESTION, ANSWER, category="behavioral", key_points=POINTS,
        job_description="Python and PostgreSQL backend role")).score

    request = server.requests[0]
    assert request["model"] == "tiny-model"
    assert request["response_format"] == {"type": "json_object"}
    assert server.headers[0]["Authorization"] == "Bearer test-key"
    prompt = request["messages"][-1]["content"]
    findings = json.loads(prompt.split("Rubric findings: ", 1)[1])
    # The rubric's own findings go to the model: STAR parts, actions, terms matched and missing.
    assert findings["STAR_parts"]["Result"]["found"] is True
    assert findings["actions_told_with_I"] == ["asked", "pulled", "proposed"]
    assert "PostgreSQL" in findings["job_terms_missing"]
    assert ANSWER in prompt


def test_the_models_key_point_verdicts_replace_the_rubrics_where_its_quotes_are_the_answers(
        server: ChatServer) -> None:
    server.reply({**GOOD_REPLY, "key_points": [
        # The model finds this one, quoting the answer (its quotation marks, case and spacing
        # aside): the quote shown is the answer's own words.
        {"point": POINTS[0], "covered": True,
         "evidence": "\u201ca colleague wanted to move  reconciliation to streaming two weeks "
                     "before quarter end\u201d"},
        # Covered, but with words the answer does not hold: not shown as the person's words.
        {"point": POINTS[1], "covered": True, "evidence": "I listened to all her concerns"},
        {"point": POINTS[2], "covered": True, "evidence": "I pulled three months of logs"},
        # The rubric ticks this one; the model reads that the relationship is never told.
        {"point": POINTS[3], "covered": False, "evidence": None},
    ]})
    rubric = evaluate_answer(AnswerContext(QUESTION, ANSWER, category="behavioral",
                                           key_points=POINTS)).key_points
    evaluation = evaluate(LLMEvaluator(client_for(server.url)))
    first, second, third, fourth = evaluation.key_points
    assert first.covered
    assert first.evidence == ("a colleague wanted to move reconciliation to streaming two weeks "
                              "before quarter end")
    assert second == rubric[1]
    assert third.covered and third.evidence == "I pulled three months of logs"
    assert rubric[3].covered and not fourth.covered and fourth.evidence is None
    assert all(point.evidence is None or point.evidence in ANSWER
               for point in evaluation.key_points)
    assert "key_points" in server.requests[0]["messages"][0]["content"]


def test_a_reply_without_key_points_or_with_broken_ones_keeps_the_rubrics(
        server: ChatServer) -> None:
    rubric = evaluate_answer(AnswerContext(QUESTION, ANSWER, category="behavioral",
                                           key_points=POINTS)).key_points
    server.reply(GOOD_REPLY, {**GOOD_REPLY, "key_points": [
        {"point": POINTS[0]}, "not a verdict", {"point": "Something else", "covered": True,
                                                 "evidence": "I proposed a shadow run"}]})
    evaluator = LLMEvaluator(client_for(server.url))
    assert evaluate(evaluator).key_points == rubric
    broken = evaluate(evaluator)
    assert broken.source == "llm" and broken.key_points == rubric


def test_bad_json_is_retried_once_with_what_was_wrong(server: ChatServer) -> None:
    server.reply("Sure! Here is my feedback: great answer", GOOD_REPLY)
    evaluation = evaluate(LLMEvaluator(client_for(server.url)))
    assert (evaluation.source, evaluation.score) == ("llm", 8)
    assert len(server.requests) == 2
    retry = server.requests[1]["messages"]
    assert retry[-2]["role"] == "assistant"
    assert "not valid" in retry[-1]["content"]


def test_a_reply_of_the_wrong_shape_counts_as_bad_json(server: ChatServer) -> None:
    server.reply({"score": "excellent", "feedback": "Great"}, {"rating": 9}, status=200)
    evaluation = evaluate(LLMEvaluator(client_for(server.url)))
    assert evaluation.source == "rubric"
    assert len(server.requests) == 2


def test_bad_json_twice_falls_back_to_the_rubric_with_a_notice(server: ChatServer) -> None:
    server.reply("not json", "{still not json")
    evaluation = evaluate(LLMEvaluator(client_for(server.url)))
    rubric = RubricEvaluator().evaluate(AnswerContext(QUESTION, ANSWER, category="behavioral",
                                                      key_points=POINTS))
    assert evaluation.source == "rubric"
    assert evaluation.score == rubric.score
    assert evaluation.notice is not None and "not valid JSON twice" in evaluation.notice
    assert "built-in rubric" in evaluation.notice
    assert evaluation.feedback.startswith("Note: ")


def test_a_json_reply_wrapped_in_a_code_fence_is_accepted(server: ChatServer) -> None:
    server.reply("```json\n" + json.dumps(GOOD_REPLY) + "\n```")
    assert evaluate(LLMEvaluator(client_for(server.url))).source == "llm"


@pytest.mark.parametrize(("given", "clamped"), [(14, 10), (-3, 1), (0, 1), (7.6, 8), ("9", 9)])
def test_an_out_of_range_score_is_clamped_to_1_to_10(server: ChatServer, given: Any,
                                                     clamped: int) -> None:
    server.reply({**GOOD_REPLY, "score": given})
    evaluation = evaluate(LLMEvaluator(client_for(server.url)))
    assert evaluation.score == clamped
    assert len(server.requests) == 1
    if not 1 <= float(given) <= 10:
        assert evaluation.notice is not None and "clamped" in evaluation.notice


def test_the_rubric_guard_rails_still_bind_the_model(server: ChatServer) -> None:
    evaluator = LLMEvaluator(client_for(server.url))
    for non_answer in ("", "I don't know", QUESTION):
        assert evaluate(evaluator, non_answer).score <= 2
    assert server.requests == []  # a non-answer never reaches the model
    server.reply({**GOOD_REPLY, "score": 9})
    capped = evaluate(evaluator, "I asked her and we agreed.")
    assert capped.score <= 3
    assert capped.notice is not None and "cap" in capped.notice


def test_an_unreachable_model_fails_fast_and_clearly_then_is_left_alone_a_while() -> None:
    clock = FakeClock()
    evaluator = LLMEvaluator(client_for(closed_port_url()), clock)
    started = time.monotonic()
    evaluation = evaluate(evaluator)
    assert time.monotonic() - started < 2.0
    assert evaluation.source == "rubric"
    assert evaluation.notice is not None
    assert "cannot be reached: connection refused" in evaluation.notice
    assert "MOCKMATE_LLM_BASE_URL" in evaluation.notice
    assert "tried again shortly" in evaluate(evaluator).notice


def test_after_a_failure_the_model_is_tried_again_once_the_wait_is_over(
        server: ChatServer) -> None:
    clock = FakeClock()
    evaluator = LLMEvaluator(client_for(server.url), clock)
    server.reply("overloaded", status=503)
    assert "HTTP 503" in evaluate(evaluator).notice
    clock.advance(RETRY_UNREACHABLE_AFTER_SECONDS - 1)
    assert evaluate(evaluator).source == "rubric"
    assert len(server.requests) == 1  # not asked while waiting
    clock.advance(2)
    server.reply(GOOD_REPLY)
    assert evaluate(evaluator).source == "llm"
    assert len(server.requests) == 2


def test_a_refused_api_key_is_named_in_the_notice(server: ChatServer) -> None:
    server.reply("bad key", status=401)
    evaluation = evaluate(LLMEvaluator(client_for(server.url)))
    assert evaluation.notice is not None and "MOCKMATE_LLM_API_KEY" in evaluation.notice


def test_a_model_that_stops_replying_times_out(server: ChatServer) -> None:
    server.reply("stall")
    evaluation = evaluate(LLMEvaluator(client_for(server.url, timeout=0.3)))
    assert evaluation.source == "rubric"
    assert evaluation.notice is not None and "did not reply within 0.3 s" in evaluation.notice


def test_a_reply_that_is_not_a_chat_completion_is_retried_then_falls_back(
        server: ChatServer) -> None:
    server.reply(b'{"unexpected": true}', b"<html>proxy error</html>")
    evaluation = evaluate(LLMEvaluator(client_for(server.url)))
    assert evaluation.source == "rubric"
    assert evaluation.notice is not None and "not valid JSON twice" in evaluation.notice
    assert len(server.requests) == 2


def test_make_evaluator_uses_the_model_only_when_url_and_model_are_both_set(
        tmp_path: Path) -> None:
    offline = Settings(data_dir=tmp_path, llm_base_url=None, llm_model=None)
    half = Settings(data_dir=tmp_path, llm_base_url="http://127.0.0.1:9/v1", llm_model=None)
    full = Settings(data_dir=tmp_path, llm_base_url="http://127.0.0.1:9/v1", llm_model="m")
    assert isinstance(make_evaluator(offline), RubricEvaluator)
    assert isinstance(make_evaluator(half), RubricEvaluator)
    assert isinstance(make_evaluator(full), LLMEvaluator)
    with pytest.raises(InvalidInputError, match="not an http"):
        make_evaluator(Settings(data_dir=tmp_path, llm_base_url="ftp://x", llm_model="m"))


# -- questions ----------------------------------------------------------------------------------

REQUEST = QuestionRequest("Senior Backend Engineer", "Python, PostgreSQL, Kafka", count=4,
                          seed=7)


def model_question(text: str, category: str, **extra: Any) -> dict[str, Any]:
    return {"text": text, "category": category, "difficulty": "medium",
            "expected_minutes": 3, "key_points": ["One", "Two", "Three"], **extra}


def question_source(server: ChatServer) -> LLMQuestionSource:
    return LLMQuestionSource(client_for(server.url), BankQuestionSource(builtin_bank()))


def test_the_model_writes_tailored_questions_with_an_introduction_first(
        server: ChatServer) -> None:
    server.reply({"questions": [
        model_question("Tell me about your work with PostgreSQL so far.", "introduction"),
        model_question("How would you partition a Kafka topic for ordered payments?",
                       "technical", expected_minutes=99),
        model_question("Tell me about a time you fixed a slow query under pressure.",
                       "behavioral"),
        model_question("What would you do if a migration locked a hot table?", "situational"),
    ]})
    source = question_source(server)
    questions = source.questions(REQUEST)
    assert [q.category for q in questions] == ["introduction", "technical", "behavioral",
                                               "situational"]
    assert all(q.id.startswith("llm-") for q in questions)
    assert questions[1].expected_minutes == 30  # clamped to the bank's limit
    assert questions[1].roles == ("backend",)
    assert source.notice is None
    prompt = server.requests[0]["messages"][-1]["content"]
    assert "Backend engineer" in prompt and "Write 4 questions" in prompt
    assert server.requests[0]["seed"] == 7


def test_unusable_model_questions_are_made_up_from_the_bank_with_a_notice(
        server: ChatServer) -> None:
    recent = "What would you do if a migration locked a hot table?"
    server.reply({"questions": [
        model_question("How would you design idempotent Kafka consumers?", "technical"),
        {"text": "Too short"},
        model_question("Name your favourite film of all time, please.", "trivia"),
        model_question(recent, "situational"),
    ]})
    source = question_source(server)
    request = QuestionRequest(REQUEST.job_title, REQUEST.job_description, count=4, seed=7,
                              recently_asked=frozenset({recent}))
    questions = source.questions(request)
    assert len(questions) == 4
    assert questions[0].category == "introduction" and not questions[0].id.startswith("llm-")
    assert questions[1].text == "How would you design idempotent Kafka consumers?"
    assert recent not in {q.text for q in questions}
    assert len({q.text for q in questions}) == 4
    assert source.notice == ("The language model gave 1 usable question(s); 3 of 4 came from "
                             "the built-in bank.")


def test_a_failing_model_falls_back_to_the_bank_with_a_notice(server: ChatServer) -> None:
    server.reply("nope", "still nope")
    source = question_source(server)
    questions = source.questions(REQUEST)
    assert questions == BankQuestionSource(builtin_bank()).questions(REQUEST)
    assert source.notice is not None and "built-in bank instead" in source.notice


def test_an_unreachable_model_gives_bank_questions_quickly() -> None:
    source = LLMQuestionSource(client_for(closed_port_url()), BankQuestionSource(builtin_bank()))
    started = time.monotonic()
    assert len(source.questions(REQUEST)) == 4
    assert time.monotonic() - started < 2.0
    assert source.notice is not None and "connection refused" in source.notice


def test_a_follow_up_probes_the_answer_and_keeps_the_question_category(
        server: ChatServer) -> None:
    asked = next(q for q in builtin_bank() if q.id == "beh-med-001")
    server.reply({"text": "What exactly was at stake if the close had failed?",
                  "key_points": ["Money or customers affected"], "expected_minutes": 2})
    source = question_source(server)
    follow_up = source.follow_up(asked, ANSWER, REQUEST)
    assert follow_up is not None
    assert (follow_up.category, follow_up.difficulty) == (asked.category, asked.difficulty)
    assert follow_up.text.startswith("What exactly was at stake")
    assert ANSWER in server.requests[0]["messages"][-1]["content"]


def test_a_failed_follow_up_is_none_with_a_notice(server: ChatServer) -> None:
    asked = next(q for q in builtin_bank() if q.id == "beh-med-001")
    server.reply("?", "??")
    source = question_source(server)
    assert source.follow_up(asked, ANSWER, REQUEST) is None
    assert source.notice is not None and "No follow-up" in source.notice
    assert BankQuestionSource(builtin_bank()).follow_up(asked, ANSWER, REQUEST) is None


def test_make_question_source_follows_the_settings(tmp_path: Path) -> None:
    offline = Settings(data_dir=tmp_path, llm_base_url=None, llm_model=None)
    online = Settings(data_dir=tmp_path, llm_base_url="http://127.0.0.1:9/v1", llm_model="m")
    assert isinstance(make_question_source(offline), BankQuestionSource)
    assert isinstance(make_question_source(online), LLMQuestionSource)
