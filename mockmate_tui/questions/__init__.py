"""Interview questions: the built-in bank, imported banks, tailored selection, and an optional
language-model source that falls back to the bank.

select_questions() picks a session's questions from the bank; make_question_source(settings)
gives the source the settings ask for (the bank, or a configured language model).
"""

from mockmate_tui.questions.bank import find_question, load_bank, user_bank_dir
from mockmate_tui.questions.importer import ImportResult, import_bank
from mockmate_tui.questions.model import BankQuestion, QuestionRequest
from mockmate_tui.questions.roles import ROLE_SLUGS, ROLES, detect_role
from mockmate_tui.questions.selection import select_questions
from mockmate_tui.questions.source import (
    BankQuestionSource,
    LLMQuestionSource,
    QuestionSource,
    make_question_source,
)

__all__ = [
    "ROLES",
    "ROLE_SLUGS",
    "BankQuestion",
    "BankQuestionSource",
    "ImportResult",
    "LLMQuestionSource",
    "QuestionRequest",
    "QuestionSource",
    "detect_role",
    "find_question",
    "import_bank",
    "load_bank",
    "make_question_source",
    "select_questions",
    "user_bank_dir",
]
