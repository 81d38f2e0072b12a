"""A small client for an OpenAI-compatible chat-completions endpoint (OpenAI, a local Ollama or
llama.cpp server, ...), using only the standard library.

It uses http.client (what urllib.request is built on) directly, because a connection and a
reply need different time limits: connecting to a server that is not there must fail within
seconds, while a local model may take half a minute to write its reply.

Feedback (the model's answer evaluation) and questions (tailored questions) both use it; it
lives below them both so that neither imports the other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from mockmate_tui.config import Settings
from mockmate_tui.errors import InvalidInputError, MockMateError

if TYPE_CHECKING:
    import http.client

CONNECT_TIMEOUT_SECONDS = 3.0
MAX_REPLY_BYTES = 2_000_000
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)

T = TypeVar("T")
Message = dict[str, str]


class LLMError(MockMateError):
    """The language model could not give a usable reply."""


class LLMUnavailableError(LLMError):
    """The endpoint could not be reached or refused the request."""


class LLMReplyError(LLMError):
    """The endpoint answered, but not with what was asked for (bad JSON, wrong shape)."""


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    model: str
    api_key: str | None = None
    timeout_seconds: float = 30.0
    connect_timeout_seconds: float = CONNECT_TIMEOUT_SECONDS

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMConfig | None:
        """The configured model, or None when MockMate should stay offline."""
        if not settings.llm_base_url or not settings.llm_model:
            return None
        return cls(settings.llm_base_url, settings.llm_model, settings.llm_api_key,
                   settings.llm_timeout_seconds,
                   min(CONNECT_TIMEOUT_SECONDS, settings.llm_timeout_seconds))


class ChatClient:
    def __init__(self, config: LLMConfig) -> None:
        parts = urlsplit(config.base_url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InvalidInputError(
                f"The language model URL {config.base_url!r} is not an http(s) URL; "
                "set MOCKMATE_LLM_BASE_URL to e.g. http://127.0.0.1:11434/v1."
            )
        self._config = config
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port or (443 if self._https else 80)
        self._path = parts.path.rstrip("/") + "/chat/completions"

    @property
    def model(self) -> str:
        return self._config.model

    @property
    def endpoint(self) -> str:
        return self._config.base_url

    def complete(self, messages: Sequence[Message], *, seed: int | None = None) -> str:
        """Send a chat and return the model's reply text. Asks for a JSON object reply."""
        body: dict[str, Any] = {
            "model": self._config.model,
            "messages": list(messages),
            "temperature": 0.2,
            "response_format": {"type": "json_object"},
        }
        if seed is not None:
            body["seed"] = seed
        status, payload = self._post(json.dumps(body).encode("utf-8"))
        if status in (401, 403):
            raise LLMUnavailableError(
                f"The language model at {self.endpoint} refused the request (HTTP {status}); "
                "check MOCKMATE_LLM_API_KEY."
            )
        if status != 200:
            raise LLMUnavailableError(
                f"The language model at {self.endpoint} answered HTTP {status}: "
                f"{payload[:200].decode('utf-8', 'replace').strip()}"
            )
        try:
            envelope = json.loads(payload)
            content = envelope["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as error:
            raise LLMReplyError(
                "The language model's reply was not an OpenAI-style chat completion."
            ) from error
        if not isinstance(content, str):
            raise LLMReplyError("The language model's reply had no text content.")
        return content

    def _post(self, body: bytes) -> tuple[int, bytes]:
        # Imported here: ssl and http.client cost ~40 ms at startup, and offline use
        # (the default) never needs them.
        import http.client
        import ssl

        connection: http.client.HTTPConnection
        if self._https:
            connection = http.client.HTTPSConnection(
                self._host, self._port, timeout=self._config.connect_timeout_seconds,
                context=ssl.create_default_context())
        else:
            connection = http.client.HTTPConnection(
                self._host, self._port, timeout=self._config.connect_timeout_seconds)
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._config.api_key:
            headers["Authorization"] = f"Bearer {self._config.api_key}"
        try:
            try:
                connection.connect()
            except (TimeoutError, OSError) as error:
                raise LLMUnavailableError(self._unreachable(error)) from error
            if connection.sock is not None:
                connection.sock.settimeout(self._config.timeout_seconds)
            try:
                connection.request("POST", self._path, body=body, headers=headers)
                response = connection.getresponse()
                return response.status, response.read(MAX_REPLY_BYTES)
            except TimeoutError as error:
                raise LLMUnavailableError(
                    f"The language model at {self.endpoint} did not reply within "
                    f"{self._config.timeout_seconds:g} s."
                ) from error
            except (OSError, http.client.HTTPException) as error:
                raise LLMUnavailableError(
                    f"The connection to the language model at {self.endpoint} failed: {error}."
                ) from error
        finally:
            connection.close()

    def _unreachable(self, error: BaseException) -> str:
        import socket

        where = f"The language model at {self.endpoint} cannot be reached"
        if isinstance(error, ConnectionRefusedError):
            why = "connection refused; is the server running?"
        elif isinstance(error, TimeoutError):
            why = f"no connection within {self._config.connect_timeout_seconds:g} s"
        elif isinstance(error, socket.gaierror):
            why = f"unknown host {self._host!r}"
        else:
            why = str(error) or type(error).__name__
        return (f"{where}: {why}. Unset MOCKMATE_LLM_BASE_URL to work offline with the "
                "built-in bank and rubric.")


def parse_json_object(content: str) -> dict[str, Any]:
    """The JSON object in a model's reply, tolerating a ```json fence around it."""
    fenced = _FENCE.match(content)
    text = fenced.group(1) if fenced else content.strip()
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("the reply is JSON but not an object")
    return value


def request_json(client: ChatClient, messages: Sequence[Message],
                 validate: Callable[[dict[str, Any]], T], *, seed: int | None = None) -> T:
    """Ask for a JSON reply and validate it; on a bad reply ask once more, saying what was
    wrong. Raises LLMReplyError after two bad replies, LLMUnavailableError if unreachable."""
    conversation = list(messages)
    problem = ""
    for attempt in range(2):
        try:
            content = client.complete(conversation, seed=seed)
        except LLMReplyError as error:
            problem = str(error)
            continue
        try:
            return validate(parse_json_object(content))
        except ValueError as error:  # json.JSONDecodeError and pydantic's ValidationError too
            problem = _short(str(error))
            if attempt == 0:
                conversation += [
                    {"role": "assistant", "content": content[:4000]},
                    {"role": "user", "content": "That reply was not valid: "
                     f"{problem}. Reply again with only the JSON object, exactly as specified."},
                ]
    raise LLMReplyError(f"The language model's reply was not valid JSON twice ({problem}).")


def _short(message: str, limit: int = 300) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[:limit] + "…"
