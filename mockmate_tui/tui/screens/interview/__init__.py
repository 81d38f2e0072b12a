"""The interview screen, one job a module:

- `screen.py`: the screen: drawing the interview the engine returns, its keys, answering,
  reading the feedback, skipping, leaving;
- `steps.py`: its line to the engine (steps in thread workers, one at a time; drafts kept for
  the question they were typed for);
- `view.py`: what the parts below use of the screen (a protocol, so none imports it back);
- `ending.py`: stopping (F10) and quitting (ctrl+q) with an answer typed but not submitted;
- `prompts.py`: what the screen says and asks (hints and dialogs);
- `voice.py`: spoken answers (F6) and how each answer was given;
- `marks.py`: "I covered this" on the feedback (F7);
- `aids.py`: what helps the person answer: talking points (F4), a model answer after the
  feedback, why a weak-spots question was picked;
- the countdown of a per-question time limit is drawn by `widgets/question_countdown.py`.
"""

from mockmate_tui.tui.screens.interview.screen import InterviewScreen

__all__ = ["InterviewScreen"]
