"""Reading YAML documents (scenarios, sweep files) strictly: a key written twice in one
mapping is an error, not a silent "the last one wins" (PyYAML's ``safe_load`` keeps the last
and says nothing, so a scenario with two ``rules:`` blocks would lose the first).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from models.errors import InputProblem, ScenarioError


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that records every key repeated within one mapping."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.repeated: list[tuple[Any, int, int]] = []  # key, its line, the first line

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # "<<" merges are YAML's own way to repeat keys on purpose
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                if key in first:
                    self.repeated.append((key, line, first[key]))
                else:
                    first[key] = line
            except TypeError:
                continue  # an unhashable key: construct_mapping below reports it
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> Any:
    """The document in ``path``; ScenarioError naming the file, line and key for a missing
    file, text that is not UTF-8, invalid YAML or a key given twice in one mapping."""
    if not path.is_file():
        raise ScenarioError([InputProblem((), "no such file", str(path))], str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = InputProblem((), f"not UTF-8 text: {exc}; save the file as UTF-8")
        raise ScenarioError([problem], str(path)) from None
    loader = _StrictLoader(text)
    try:
        document = loader.get_single_data()
    except yaml.YAMLError as exc:
        raise ScenarioError([InputProblem((), f"not valid YAML: {exc}")], str(path)) from None
    finally:
        loader.dispose()
    problems = [
        InputProblem(
            (),
            f"key {key!r} is given twice in one mapping (first at line {earlier}); "
            "the second would silently replace the first",
            key,
            where=f"{path.name} line {line}",
        )
        for key, line, earlier in loader.repeated
    ]
    if problems:
        raise ScenarioError(problems, str(path))
    return document
