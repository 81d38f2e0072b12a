"""New session: name, job title, job description, number of questions, category mix, difficulty.

Each invalid field gets its own message beside it. On success the questions are chosen (from the
questions module, tailored to the job), the session is created, and the interview opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from mockmate_tui.errors import InvalidInputError, MockMateError
from mockmate_tui.models import CATEGORIES, Session
from mockmate_tui.questions import BankQuestion, select_questions
from mockmate_tui.service import MockMate
from mockmate_tui.tui.forms import (
    DEFAULT_QUESTION_COUNT,
    DIFFICULTY_CHOICES,
    NewSessionForm,
    question_request,
    validate_new_session,
)
from mockmate_tui.tui.question_plan import save_plan
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.service_calls import notify_error

FIELDS = ("session_name", "job_title", "job_description", "question_count", "categories",
          "difficulty")


@dataclass(frozen=True)
class CreatedSession:
    session: Session
    questions: list[BankQuestion]


class NewSessionScreen(MockMateScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "Create & open", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._saving = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="new-session-form") as form:
            form.border_title = "New mock interview"
            yield from self._field("session_name", "Session name",
                                   Input(placeholder="e.g. Backend practice #1",
                                         id="session_name"))
            yield from self._field("job_title", "Job title",
                                   Input(placeholder="e.g. Senior Backend Engineer",
                                         id="job_title"))
            yield from self._field("job_description", "Job description",
                                   TextArea(id="job_description", soft_wrap=True,
                                            placeholder="Paste the job ad (optional): the "
                                            "questions are tailored to it."))
            with Horizontal(classes="form-row", id="row-question_count"):
                yield Label("Questions", classes="form-label")
                with Vertical(classes="form-field"):
                    yield Input(str(DEFAULT_QUESTION_COUNT), id="question_count",
                                type="integer")
                    yield Label("", id="question_count-error", classes="field-error")
                yield Label("Difficulty", id="difficulty-label")
                with Vertical(classes="form-field"):
                    yield Select([(choice.capitalize(), choice) for choice in DIFFICULTY_CHOICES],
                                 value="mixed", allow_blank=False, id="difficulty")
                    yield Label("", id="difficulty-error", classes="field-error")
            yield from self._field("categories", "Categories",
                                   SelectionList[str](*[(c.capitalize(), c, True)
                                                        for c in CATEGORIES],
                                                      id="categories"))
            with Horizontal(classes="form-buttons"):
                yield Button("Create & open  ctrl+s", id="create", variant="primary")
                yield Button("Cancel", id="cancel")
            yield Static("", id="form-error", classes="field-error")
        yield Footer()

    def _field(self, name: str, label: str, widget: Widget) -> ComposeResult:
        with Horizontal(classes="form-row", id=f"row-{name}"):
            yield Label(label, classes="form-label")
            with Vertical(classes="form-field"):
                yield widget
                yield Label("", id=f"{name}-error", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#session_name", Input).focus()
        self.query_one("#form-error").display = False

    def read_form(self) -> NewSessionForm:
        difficulty = self.query_one("#difficulty", Select).value
        return NewSessionForm(
            session_name=self.query_one("#session_name", Input).value,
            job_title=self.query_one("#job_title", Input).value,
            job_description=self.query_one("#job_description", TextArea).text,
            question_count=self.query_one("#question_count", Input).value,
            categories=frozenset(self.query_one("#categories", SelectionList).selected),
            difficulty=str(difficulty) if isinstance(difficulty, str) else "",
        )

    def show_errors(self, errors: dict[str, str], general: str | None = None) -> None:
        for name in FIELDS:
            label = self.query_one(f"#{name}-error", Label)
            label.update(errors.get(name, ""))
            label.display = name in errors
            self.query_one(f"#{name}").set_class(name in errors, "-invalid")
        form_error = self.query_one("#form-error", Static)
        form_error.update(general or "")
        form_error.display = general is not None
        first = next((name for name in FIELDS if name in errors), None)
        if first is not None:
            self.query_one(f"#{first}").focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        if self._saving:
            return
        form = self.read_form()
        errors = validate_new_session(form)
        self.show_errors(errors)
        if errors:
            return
        user = self.mockmate.user
        if user is None:
            self.notify("No profile yet; go back to the home screen.", severity="warning")
            return
        self._saving = True

        def create(service: MockMate) -> CreatedSession:
            # Choose the questions first: a request the bank cannot meet writes nothing.
            recent = frozenset(service.recent_question_texts(user.id))
            questions = select_questions(question_request(form, recent))
            session = service.create_session(user.id, form.session_name.strip(),
                                             form.job_title.strip(), form.job_description)
            save_plan(service.settings.data_dir, session.id, questions)
            return CreatedSession(session, questions)

        self.call(create, self._created, failed=self._refused, finally_=self._done,
                  busy=self.query_one("#new-session-form"), name="create session")

    def _refused(self, error: MockMateError) -> None:
        if not isinstance(error, InvalidInputError):
            notify_error(self, error)
            return
        message = str(error)
        lowered = message.lower()
        if "session name" in lowered:
            self.show_errors({"session_name": message})
        elif "job title" in lowered:
            self.show_errors({"job_title": message})
        elif "categor" in lowered:
            self.show_errors({"categories": message})
        elif "difficult" in lowered:
            self.show_errors({"difficulty": message})
        elif "question" in lowered:
            self.show_errors({"question_count": message})
        else:
            self.show_errors({}, general=message)

    def _created(self, created: CreatedSession) -> None:
        self.mockmate.plans[created.session.id] = created.questions
        self.app.switch_screen(InterviewScreen(created.session.id))

    def _done(self) -> None:
        self._saving = False
