"""Examples in the README and in docstrings run as tests."""

from __future__ import annotations

import doctest
import re

import pytest

import optimizer.solve
from tests.conftest import ROOT


def test_readme_python_examples_run() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "the README should have a Python example"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_readme_starts_with_the_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    bash = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    assert "transfers solve scenarios/liverpool-2026-01/scenario.yaml" in bash[0]
    assert "python -m pytest" in bash[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in ci


@pytest.mark.parametrize("module", [optimizer.solve])
def test_docstring_examples(module: object) -> None:
    failures, tried = doctest.testmod(module, raise_on_error=False)  # type: ignore[arg-type]
    assert tried > 0 and failures == 0
