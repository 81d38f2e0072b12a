"""New session: name, job title, company, job description, number of questions, category mix,
difficulty.

Each invalid field gets its own message beside it, from the form's own check first and from the
service's (InvalidInputError names its field) after. On success the interview engine plans the
session (it chooses the questions, tailored to the job) and the interview opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from mockmate_tui.errors import InsufficientCreditsError, InvalidInputError, MockMateError
from mockmate_tui.models import CATEGORIES
from mockmate_tui.tui.commands import PaletteCommand
from mockmate_tui.tui.forms import (
    DEFAULT_QUESTION_COUNT,
    DIFFICULTY_CHOICES,
    NewSessionForm,
    session_request,
    validate_new_session,
)
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.screens.dialogs import ConfirmDialog
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.service_calls import notify_error
from mockmate_tui.tui.widgets.choices import MarkedCheckbox, MarkedSelectionList
from mockmate_tui.tui.widgets.footer import MockMateFooter

if TYPE_CHECKING:
    from mockmate_tui.config import Settings
    from mockmate_tui.models import Session, User
    from mockmate_tui.service import MockMate

FIELDS = ("session_name", "job_title", "company", "job_description", "focus", "question_count",
          "categories", "difficulty", "follow_ups")
"""The form's fields, named as the service's InvalidInputError.field names them."""


def earlier_jobs(service: MockMate, user_id: str) -> list[tuple[str, str]]:
    """(job title, job description) of the person's sessions, newest first, one per title."""
    seen: set[str] = set()
    jobs: list[tuple[str, str]] = []
    for session in service.list_sessions(user_id):
        key = session.job_title.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            jobs.append((session.job_title, session.job_description))
    return jobs


def _preferences(preferences: Settings | None) -> Settings:
    if preferences is not None:
        return preferences
    from mockmate_tui.config import Settings, load_settings

    try:
        return load_settings()
    except MockMateError:
        return Settings()


NO_CREDITS = ("No credits left: an interview takes 1 credit to start. Add credits (ctrl+p → Add "
              "credits) and create it then; what you typed stays here.")


def confirm_discard(*, quit: bool = False) -> ConfirmDialog:
    return ConfirmDialog("Discard this new interview?", "What you typed in this form (name, "
                         "job title, job description) will be lost.",
                         confirm="Discard & quit" if quit else "Discard", cancel="Keep editing",
                         danger=True, focus_cancel=True)


class NewSessionScreen(MockMateScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: it reads the form after the keys typed before it (welcome.py).
        Binding("ctrl+s", "create", "Create & open"),
        Binding("escape", "cancel", "Cancel"),
    ]
    PALETTE = (
        PaletteCommand("Create & open", "Create the session and open the interview (ctrl+s)",
                       "create"),
        PaletteCommand("Cancel", "Back home without creating a session (escape)", "cancel"),
        PaletteCommand("Add credits", "Top up your balance: an interview takes 1 credit to start",
                       "add_credits"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._saving = False
        self._asking_quit = False  # the quit question is open
        self.balance: int | None = None  # the person's credits, once read
        self._defaults = _preferences(self.mockmate.preferences.settings)
        self._prefilled = ("", "")  # the last job's title and description, filled in

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="new-session-form") as form:
            form.border_title = "New mock interview"
            yield Static("", id="credit-note")
            yield from self._field("session_name", "Session name",
                                   Input(placeholder="optional: \"Practice: <job title>\" "
                                         "if left empty", id="session_name"))
            yield from self._field("job_title", "Job title",
                                   Input(placeholder="e.g. Senior Backend Engineer",
                                         id="job_title"))
            yield from self._field("company", "Company",
                                   Input(placeholder="Optional: you are asked what you know "
                                         "about it", id="company"))
            yield from self._field("job_description", "Job description",
                                   TextArea(id="job_description", soft_wrap=True,
                                            placeholder="Paste the job ad (optional): the "
                                            "questions are tailored to it."))
            yield from self._field("focus", "Focus",
                                   Input(placeholder="Optional, e.g. Kafka, system design",
                                         id="focus"))
            with Horizontal(classes="form-row", id="row-question_count"):
                yield Label("Questions", classes="form-label")
                with Vertical(classes="form-field"):
                    yield Input(str(DEFAULT_QUESTION_COUNT), id="question_count",
                                type="integer")
                    yield Label("", id="question_count-error", classes="field-error")
                yield Label("Difficulty", id="difficulty-label")
                with Vertical(classes="form-field"):
                    yield Select([(choice.capitalize(), choice) for choice in DIFFICULTY_CHOICES],
                                 value=self._defaults.default_difficulty, allow_blank=False,
                                 id="difficulty")
                    yield Label("", id="difficulty-error", classes="field-error")
            yield from self._field("categories", "Categories",
                                   MarkedSelectionList(
                                       *[(c.capitalize(), c,
                                          c in self._defaults.default_categories)
                                         for c in CATEGORIES], id="categories"))
            yield from self._field("follow_ups", "Follow-ups",
                                   MarkedCheckbox("Ask one when an answer leaves a key point out",
                                            value=self._defaults.follow_ups, id="follow_ups"))
            with Horizontal(classes="form-buttons"):
                yield Button("Create & open  ctrl+s", id="create", variant="primary")
                yield Button("Cancel", id="cancel")
            yield Static("", id="form-error", classes="field-error")
        yield MockMateFooter()

    def _field(self, name: str, label: str, widget: Widget) -> ComposeResult:
        with Horizontal(classes="form-row", id=f"row-{name}"):
            yield Label(label, classes="form-label")
            with Vertical(classes="form-field"):
                yield widget
                yield Label("", id=f"{name}-error", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#session_name", Input).focus()
        self.query_one("#form-error").display = False
        self.query_one("#credit-note").display = False
        user = self.mockmate.user
        if user is not None:
            self.call(lambda service: service.get_user(user.id).credit_balance,
                      self._show_balance, name="balance")
            self.call(lambda service: earlier_jobs(service, user.id), self._offer_earlier,
                      name="earlier jobs")

    def _offer_earlier(self, jobs: list[tuple[str, str]]) -> None:
        """The last job title and description filled in (where nothing is typed yet), and the
        earlier titles offered as the person types one."""
        if not jobs:
            return
        title = self.query_one("#job_title", Input)
        title.suggester = SuggestFromList([t for t, _ in jobs], case_sensitive=False)
        description = self.query_one("#job_description", TextArea)
        if not title.value and not description.text:
            title.value = jobs[0][0]
            description.load_text(jobs[0][1])
            self._prefilled = jobs[0]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Typing into the remembered description replaces it, as typing into the remembered
        title does (an Input selects its text when focused; a TextArea does not)."""
        area = event.widget
        if (isinstance(area, TextArea) and area.id == "job_description"
                and self._prefilled[1] and area.text == self._prefilled[1]):
            area.select_all()

    def _show_balance(self, balance: int) -> None:
        """Say so in the form when the balance cannot start the interview."""
        self.balance = balance
        note = self.query_one("#credit-note", Static)
        note.update(Text.assemble(
            ("No credits left. ", "bold"), "Starting an interview takes 1 credit, so this form "
            "cannot create one yet: add credits with ctrl+p → Add credits (or a on the home "
            "screen)."))
        note.display = balance < 1

    def action_add_credits(self) -> None:
        user = self.mockmate.user
        if user is not None:
            self.top_up(user.id, self.balance, self._credited)

    def _credited(self, user: User) -> None:
        self.mockmate.user = user
        self._show_balance(user.credit_balance)
        self.notify(f"Your balance is now {user.credit_balance}.", title="Credits added",
                    markup=False)

    def read_form(self) -> NewSessionForm:
        difficulty = self.query_one("#difficulty", Select).value
        return NewSessionForm(
            session_name=self.query_one("#session_name", Input).value,
            job_title=self.query_one("#job_title", Input).value,
            job_description=self.query_one("#job_description", TextArea).text,
            question_count=self.query_one("#question_count", Input).value,
            categories=frozenset(self.query_one("#categories", SelectionList).selected),
            difficulty=str(difficulty) if isinstance(difficulty, str) else "",
            follow_ups=self.query_one("#follow_ups", Checkbox).value,
            company=self.query_one("#company", Input).value,
        )

    def show_errors(self, errors: dict[str, str], general: str | None = None) -> None:
        for name in FIELDS:
            label = self.query_one(f"#{name}-error", Label)
            label.update(Text(errors.get(name, "")))  # may quote what was typed
            label.display = name in errors
            self.query_one(f"#{name}").set_class(name in errors, "-invalid")
        form_error = self.query_one("#form-error", Static)
        form_error.update(Text(general or ""))
        form_error.display = general is not None
        first = next((name for name in FIELDS if name in errors), None)
        if first is not None:
            self.query_one(f"#{first}").focus()

    def _typed_anything(self) -> bool:
        """Whether throwing the form away would lose words (a pasted job ad, say): the other
        fields hold choices, quick to make again."""
        form = self.read_form()
        if (form.job_title, form.job_description) == self._prefilled:
            # the rest is as it was filled in
            return bool(form.session_name.strip() or form.company.strip())
        return any(text.strip() for text in
                   (form.session_name, form.job_title, form.company, form.job_description))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Back home; with anything typed, only once the person says so."""
        if not self._typed_anything():
            self.dismiss(None)
            return

        def chosen(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(confirm_discard(), chosen)

    def ask_before_quit(self, quit: Callable[[], object]) -> bool:
        """ctrl+q with anything typed asks too (see AsksBeforeQuit)."""
        if self._saving or not self._typed_anything():
            return False
        if not self._asking_quit:
            self._asking_quit = True

            def chosen(discard: bool | None) -> None:
                self._asking_quit = False
                if discard:
                    quit()

            self.app.push_screen(confirm_discard(quit=True), chosen)
        return True

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
            self.notify("No profile yet; go back to the home screen.", severity="warning",
                        markup=False)
            return
        if self.balance is not None and self.balance < 1:
            self._show_balance(self.balance)
            self.show_errors({}, general=NO_CREDITS)
            return
        self._saving = True
        request = session_request(form)
        focus = self.query_one("#focus", Input).value.strip()

        def plan(service: MockMate) -> Session:
            if service.get_user(user.id).credit_balance < 1:
                raise InsufficientCreditsError(NO_CREDITS)
            return service.interviews.plan(
                user.id, request.session_name, request.job_title, request.job_description,
                count=request.count, categories=request.categories,
                difficulty=request.difficulty, follow_ups=request.follow_ups, focus=focus,
                company=request.company)

        self.call(plan, self._created, failed=self._refused, finally_=self._done,
                  busy=self.query_one("#new-session-form"), name="plan session")

    def _refused(self, error: MockMateError) -> None:
        error_user = self.mockmate.user.id if self.mockmate.user is not None else ""
        if isinstance(error, InsufficientCreditsError):
            self.show_errors({}, general=str(error))
            self.call(lambda service: service.get_user(error_user).credit_balance,
                      self._show_balance, name="balance")
        elif isinstance(error, InvalidInputError) and error.field in FIELDS:
            self.show_errors({error.field: str(error)})
        elif isinstance(error, InvalidInputError):
            self.show_errors({}, general=str(error))
        else:
            notify_error(self, error)

    def _created(self, session: Session) -> None:
        self.app.switch_screen(InterviewScreen(session.id))

    def _done(self) -> None:
        self._saving = False
