"""A data problem, reported as one readable line: which file, which item, what is wrong, the fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: str
    item: str
    message: str
    fix: str = ""
    severity: str = "error"  # "error" stops the data from being used; "warning" does not

    def __str__(self) -> str:
        where = f"{self.file}: {self.item}" if self.item else self.file
        tail = f" Fix: {self.fix}" if self.fix else ""
        return f"{self.severity.upper()} {where}: {self.message}.{tail}"


class DataError(Exception):
    """Raised by loaders when a data file cannot be used; carries the problems found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def display_path(path: Path | str) -> str:
    """Path relative to the repository when possible, so messages stay short and portable."""
    from geo.paths import ROOT

    p = Path(path)
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)
