"""What the service refuses before any work, with a 422 that names the place: unknown query
options (on every route), numbers JSON cannot carry (NaN, Infinity) anywhere in a body, and
invalid fields in FastAPI's own shape, made safe to serialise."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Coroutine, Iterator
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict

from api.problems import problems_response, shown
from models.absences import field_problem
from models.errors import InputProblem, ScenarioError
from models.scenario import Scenario, error_message, given_input
from models.sweep import what_if


class NoOptions(BaseModel):
    """The query of a route that takes no options: any parameter is refused (422), so a
    misspelt option is never silently ignored."""

    model_config = ConfigDict(extra="forbid")


NoQuery = Annotated[NoOptions, Query()]


def with_what_ifs(
    scenario: Scenario, settings: list[str], scanned: str | None = None
) -> Scenario | JSONResponse:
    """``scenario`` with a route's what-ifs (``set=PATH=VALUE``, as the CLI's ``--set``)
    applied, or the 422 naming each problem (:func:`where_problems_response`); ``scanned``:
    the parameter a scan will set (a what-if of it is refused)."""
    if not settings:
        return scenario
    try:
        return what_if(scenario, settings, scanned)
    except ScenarioError as exc:
        return where_problems_response(exc.problems)


def where_problems_response(problems: list[InputProblem]) -> JSONResponse:
    """422 for what-if problems: ``("set", k)`` in the query, others in the body, each
    message led by the field in the path syntax (``squad.joe-gomez.availability``)."""
    detail = [
        {
            "type": "value_error",
            "loc": ["query", *p.path] if p.path[:1] == ("set",) else ["body", *p.path],
            "msg": f"{p.where}: {p.message}" if p.where else p.message,
            "input": shown(p.value),
        }
        for p in problems
    ]
    return JSONResponse(status_code=422, content={"detail": detail})


class _NonFinite:
    """A number JSON cannot carry (NaN, Infinity, or one too large for a float)."""

    def __init__(self, text: str) -> None:
        self.text = text


# Every digit as 0, E as e and + as -: the shapes below are then plain substrings, which
# bytes search finds in microseconds (a regular expression took 1.6 ms on Liverpool's body).
_SHAPES = bytes.maketrans(b"0123456789E+", b"0000000000e-")


def _may_hold_non_finite(body: bytes) -> bool:
    """False when the body cannot hold a non-finite number: it has no NaN, no Infinity, and
    no literal beyond a float's range (1.8e308), which needs an exponent of three digits or
    more or a run of 20 digits or more (19 digits times e99 is at most 1e118). Such a body
    skips the second parse below (Liverpool's: 1.8 ms of the service's ~12 ms per solve
    request); any other, even with the text inside a string, is parsed and walked."""
    if b"\x00" in body:  # UTF-16 or UTF-32 (json reads them too): no byte shapes to search
        return True
    shapes = body.translate(_SHAPES)
    return any(s in shapes for s in (b"NaN", b"Infinity", b"e000", b"e-000", b"0" * 20))


def non_finite_problems(body: bytes) -> list[InputProblem]:
    """Every place in a JSON body that holds NaN, Infinity or a number beyond a float's range
    (Python's parser accepts them, JSON does not, and no answer could carry them back)."""
    if not _may_hold_non_finite(body):
        return []

    def number(text: str) -> float | _NonFinite:
        value = float(text)
        return value if math.isfinite(value) else _NonFinite(text)

    try:
        document = json.loads(body, parse_constant=_NonFinite, parse_float=number)
    except (ValueError, RecursionError):
        return []  # not JSON text, or nested too deep: FastAPI says so itself
    words = "not a finite number: give a number, or leave the field out"
    return [
        InputProblem(path, words, node.text)
        for path, node in _nodes(document)
        if isinstance(node, _NonFinite)
    ]


def _nodes(
    node: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every value of a parsed JSON document with its path, the document itself first."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(node, list):
        for k, value in enumerate(node):
            yield from _nodes(value, (*path, k))


class _Repeated(dict[str, Any]):
    """A JSON object that gave a key more than once (holding the last value, as JSON
    parsers do); ``repeated`` names those keys."""

    repeated: tuple[str, ...] = ()


def parse_json_body(body: bytes) -> tuple[Any, list[InputProblem]]:
    """The JSON body as FastAPI would parse it, and a problem at every key given twice in one
    object (a parser keeps the last value, silently: two ``objective`` parts solved with the
    second, two sweep parameters of one path ran the last alone). (None, []) for a body
    that is not JSON text: FastAPI says so itself."""
    repeats: list[_Repeated] = []

    def json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) == len(pairs):
            return found
        counts = Counter(key for key, _ in pairs)
        repeated = _Repeated(found)
        repeated.repeated = tuple(key for key, n in counts.items() if n > 1)
        repeats.append(repeated)
        return repeated

    try:
        document = json.loads(body, object_pairs_hook=json_object)
    except (ValueError, RecursionError):  # nested beyond Python's stack: FastAPI's 400
        return None, []
    if not repeats:  # the usual body: nothing to say, so nothing to walk
        return document, []
    words = "is given twice in one object; the second would silently replace the first"
    return document, [
        InputProblem((*path, key), f"key {key!r} {words}", key)
        for path, node in _nodes(document)
        if isinstance(node, _Repeated)
        for key in node.repeated
    ]


# Query options that take several values (set=A&set=B). Any other given twice is refused:
# FastAPI would take the last one (keep=a&keep=b asked about b alone), silently.
REPEATABLE = frozenset({"set"})


def repeated_options(request: Request) -> list[InputProblem]:
    """A problem for each query option other than ``REPEATABLE`` given more than once."""
    query = request.query_params
    return [
        InputProblem((key,), "given more than once: give it once", query.getlist(key))
        for key in dict.fromkeys(query.keys())
        if key not in REPEATABLE and len(query.getlist(key)) > 1
    ]


class FiniteJsonRoute(APIRoute):
    """A route whose query gives each option once (but ``set``) and whose JSON body holds no
    NaN or Infinity and no key twice in one object: 422 naming each, before the request is
    validated (a non-finite input inside a 422 reply once made the reply itself fail to
    serialise: a 500; a key given twice was read with its last value)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            # The API's routes; the web page at / is a page, whatever its address says.
            repeated = repeated_options(request) if self.include_in_schema else []
            if repeated:
                return problems_response(repeated, part="query")
            if request.method in ("POST", "PUT", "PATCH"):
                body = await request.body()
                problems = non_finite_problems(body)
                if problems:
                    return problems_response(problems)
                # Media types are case-blind (FastAPI parses APPLICATION/JSON as JSON too).
                if "json" in request.headers.get("content-type", "json").lower():
                    document, problems = parse_json_body(body)
                    if problems:
                        return problems_response(problems)
                    if document is not None:
                        # Parsed once: Starlette's Request.json() returns what it holds here.
                        request._json = document
            return await handler(request)

        return checked


def json_safe(value: Any) -> Any:
    """``value`` with every non-finite float as its text, so that a reply can carry it."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


async def invalid_request(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's 422, made safe to serialise, and naming the documented column a misspelt
    table field is probably meant to be."""
    assert isinstance(exc, RequestValidationError)
    detail = []
    for err in exc.errors():
        err = dict(err)
        cause = field_problem(err)
        if cause is not None:  # an absence spell's check that names its field
            err.update(loc=(*err["loc"], cause.field), input=cause.value, msg=str(cause))
            err.pop("ctx", None)
        elif err.get("loc", ())[:1] == ("body",):
            err["msg"] = error_message(err, table_at=1)
            err["input"] = given_input(err)
        detail.append(json_safe(err))
    return JSONResponse(status_code=422, content=jsonable_encoder({"detail": detail}))
