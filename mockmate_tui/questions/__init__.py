"""Interview questions: the built-in bank, imported banks, tailored selection."""

from mockmate_tui.questions.bank import find_question, load_bank
from mockmate_tui.questions.model import BankQuestion, QuestionRequest
from mockmate_tui.questions.roles import detect_role
from mockmate_tui.questions.selection import select_questions

__all__ = ["BankQuestion", "QuestionRequest", "detect_role", "find_question", "load_bank",
           "select_questions"]
