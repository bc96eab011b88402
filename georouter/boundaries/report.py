"""Validation problems and the report that lists them all."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Problem:
    """One finding: ``severity`` (error/warning/info), a stable ``code``, the ``subject`` it names."""

    severity: str
    code: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity.upper():7} {self.code:28} {self.subject}: {self.message}"


@dataclass
class Report:
    """Every problem found in one boundary set."""

    directory: str
    version: str = ""
    problems: list[Problem] = field(default_factory=list)

    def add(self, severity: str, code: str, subject: str, message: str) -> None:
        self.problems.append(Problem(severity, code, subject, message))

    def error(self, code: str, subject: str, message: str) -> None:
        self.add(ERROR, code, subject, message)

    def warning(self, code: str, subject: str, message: str) -> None:
        self.add(WARNING, code, subject, message)

    def info(self, code: str, subject: str, message: str) -> None:
        self.add(INFO, code, subject, message)

    def of(self, severity: str) -> list[Problem]:
        return [p for p in self.problems if p.severity == severity]

    @property
    def ok(self) -> bool:
        return not self.of(ERROR)

    def to_dict(self) -> dict:
        return {"directory": self.directory, "version": self.version, "ok": self.ok,
                "counts": {s: len(self.of(s)) for s in (ERROR, WARNING, INFO)},
                "problems": [asdict(p) for p in self.problems]}
