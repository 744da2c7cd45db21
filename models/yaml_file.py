"""Reading YAML documents (scenarios, sweep files, what-if values) strictly: a key written
twice in one mapping is an error, not a silent "the last one wins" (PyYAML's ``safe_load``
keeps the last and says nothing, so a scenario with two ``rules:`` blocks would lose the
first); an impossible date (2026-02-30) is a YAML error at its line, not a crash; and the
YAML 1.1 forms an analyst does not mean are text, which validation then reads or refuses:
``1:20`` is not 80 (base 60), ``012`` is not 10 (octal), and ``NO`` (Norway, in a group
limit by nationality) is not false; ``yes``/``no`` still read as booleans where a field is
one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from models.errors import InputProblem, ScenarioError

# PyYAML's YAML 1.1 int and float patterns without their base-60 (1:20) and octal (012)
# forms, and booleans as YAML 1.2 writes them (true, false); binary, hexadecimal,
# underscores, .inf and .nan are left to YAML and validation.
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that records every key repeated within one mapping, says an impossible
    date at its line, and reads no base-60 or octal numbers."""

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

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:  # 2026-02-30 matches the pattern, then fails as a date
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a date ({exc})", node.start_mark
            ) from None


_RESOLVED = {
    "tag:yaml.org,2002:int": _INT,
    "tag:yaml.org,2002:float": _FLOAT,
    "tag:yaml.org,2002:bool": _BOOL,
}
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, _RESOLVED.get(tag, rx)) for tag, rx in resolvers]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


def _load(text: str) -> tuple[Any, list[tuple[Any, int, int]]]:
    """The document in ``text`` and the keys given twice in it (key, line, first line).
    Raises yaml.YAMLError."""
    loader = _StrictLoader(text)
    try:
        return loader.get_single_data(), loader.repeated
    finally:
        loader.dispose()


def parse_yaml(text: str) -> Any:
    """The document in ``text``, read as :func:`read_yaml` reads a file (keys given twice
    aside). Raises yaml.YAMLError."""
    return _load(text)[0]


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
    try:
        document, repeated = _load(text)
    except yaml.YAMLError as exc:
        raise ScenarioError([InputProblem((), f"not valid YAML: {exc}")], str(path)) from None
    problems = [
        InputProblem(
            (),
            f"key {key!r} is given twice in one mapping (first at line {earlier}); "
            "the second would silently replace the first",
            key,
            where=f"{path.name} line {line}",
        )
        for key, line, earlier in repeated
    ]
    if problems:
        raise ScenarioError(problems, str(path))
    return document
