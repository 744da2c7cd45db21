"""How the HTTP service says what is wrong: a 422 listing every input problem in FastAPI's
own shape (so clients parse one format for every input error), and the plain error body."""

from __future__ import annotations

import math
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from models.errors import InputProblem


class ErrorBody(BaseModel):
    detail: str


class Problem(BaseModel):
    type: str = "value_error"
    loc: list[str | int] = Field(description="Where: the part of the request, then the field path.")
    msg: str
    input: Any = None
    where: str | None = Field(
        None, description="The same place in the files a person edits (file, row, id, field)."
    )


class Problems(BaseModel):
    detail: list[Problem]


def shown(value: Any) -> Any:
    """A problem's value as JSON can carry it: NaN and infinities (which a what-if may
    give, as YAML's .nan and .inf) as their text, in nested values too."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, list | tuple):
        return [shown(v) for v in value]
    if isinstance(value, dict):
        return {k: shown(v) for k, v in value.items()}
    return value


def problems_response(problems: list[InputProblem], part: str = "body") -> JSONResponse:
    """422 listing every problem; ``part`` is the part of the request they are in (body,
    query, upload)."""
    detail: list[dict[str, Any]] = []
    for p in problems:
        item = {
            "type": "value_error",
            "loc": [part, *p.path],
            "msg": p.message,
            "input": shown(p.value),
        }
        if p.where:
            item["where"] = p.where
        detail.append(item)
    return JSONResponse(status_code=422, content={"detail": detail})
