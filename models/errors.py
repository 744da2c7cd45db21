"""Input errors: every problem found in a scenario, each naming where it is and the value.

A scenario is checked completely before anything is solved, and all problems are reported at
once (a user fixing a 40-row CSV should not discover its errors one run at a time).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong with an input.

    ``path`` is the field path inside the scenario document (``("squad", 3, "rating")``);
    ``where`` is the same place said for a person (``squad.csv row 5 (id leoni), field
    'rating'``) and is filled in by the loader that knows the file names.
    """

    path: Path
    message: str
    value: Any = None
    where: str = ""

    def describe(self) -> str:
        place = self.where or path_text(self.path) or "scenario"
        shown = "" if self.value is None else f" (value: {self.value!r})"
        return f"{place}: {self.message}{shown}"


def path_text(path: Path) -> str:
    """``("squad", 3, "rating")`` -> ``squad[3].rating``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def message_of(exc: Exception) -> str:
    """An exception's message as written: ``str()`` of a KeyError is the repr of its
    message, quoted (``'offers[5].fee: ...'``)."""
    if isinstance(exc, KeyError) and len(exc.args) == 1:
        return str(exc.args[0])
    return str(exc)


class ScenarioError(ValueError):
    """A scenario that cannot be used as given. Carries every problem found."""

    def __init__(
        self, problems: list[InputProblem], source: str = "", subject: str = "the scenario"
    ) -> None:
        self.problems = list(problems)
        self.source = source
        self.subject = subject  # what the problems are in: "the absences table x.csv"
        super().__init__(self.__str__())

    def __str__(self) -> str:
        head = f"{self.source}: " if self.source else ""
        count = len(self.problems)
        lines = [f"{head}{count} problem{'s' if count != 1 else ''} in {self.subject}"]
        lines += [f"  - {p.describe()}" for p in self.problems]
        return "\n".join(lines)
