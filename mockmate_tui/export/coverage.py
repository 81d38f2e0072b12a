"""Job-description coverage, exported: for each skill the description names, the answers that
gave evidence of it (with the quote), or none yet. The content model and its Markdown and
plain-text renderings (whatever the person typed is escaped in Markdown)."""

from __future__ import annotations

from dataclasses import dataclass

from mockmate_tui.export.markdown import escape


@dataclass(frozen=True)
class Evidence:
    session_name: str
    question_text: str
    quote: str
    score: int | None


@dataclass(frozen=True)
class SkillCoverage:
    skill: str
    evidence: tuple[Evidence, ...]
    """Newest first; empty: no answer has shown it yet."""

    @property
    def shown(self) -> bool:
        return bool(self.evidence)


@dataclass(frozen=True)
class JobCoverage:
    job_title: str
    skills: tuple[SkillCoverage, ...]
    """Core first, as the description names them."""

    @property
    def gaps(self) -> tuple[str, ...]:
        return tuple(s.skill for s in self.skills if not s.shown)

    @property
    def shown(self) -> int:
        return sum(1 for s in self.skills if s.shown)


def coverage_markdown(coverage: JobCoverage) -> bytes:
    out = [f"# Job description coverage: {escape(coverage.job_title)}", "",
           f"{coverage.shown} of {len(coverage.skills)} skills shown by your answers.", ""]
    for skill in coverage.skills:
        mark = "✓" if skill.shown else "✗"
        out += [f"## {mark} {escape(skill.skill)}", ""]
        if not skill.shown:
            out += ["*None yet: no answer has shown it.*", ""]
        for evidence in skill.evidence:
            score = f", {evidence.score}/10" if evidence.score is not None else ""
            out += [f"> {escape(evidence.quote)}", "",
                    f"*{escape(evidence.session_name)}: "
                    f"{escape(' '.join(evidence.question_text.split()))}{escape(score)}*", ""]
    return ("\n".join(out) + "\n").encode("utf-8")


def coverage_text(coverage: JobCoverage) -> str:
    out = [f"{coverage.job_title}: {coverage.shown} of {len(coverage.skills)} skills shown"]
    for skill in coverage.skills:
        if not skill.shown:
            out.append(f"  ✗ {skill.skill}: none yet")
        for evidence in skill.evidence:
            out.append(f"  ✓ {skill.skill}: “{evidence.quote}” ({evidence.session_name})")
    return "\n".join(out) + "\n"
