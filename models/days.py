"""A date as scenario files and bodies write it: ``YYYY-MM-DD`` (or a date YAML read).

Pydantic reads a number in a date field as a Unix timestamp (``0`` is 1970-01-01,
``1774224000`` is 2026-03-23), in tables too, where a number is text: a mistyped cell
became a date silently. ``Day`` refuses a number, as a number or as text; any other text
is pydantic's to read or refuse (its error types start ``date_``, as this one's does, so
that a table's reader can say once how dates are written).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")


def _not_a_number(value: Any) -> Any:
    if isinstance(value, bool | dt.date):
        return value  # a bool is refused by the date type itself; dates (YAML's) pass
    if isinstance(value, int | float) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
        raise PydanticCustomError(
            "date_from_number", "a date is written YYYY-MM-DD, not as a number"
        )
    return value


Day = Annotated[dt.date, BeforeValidator(_not_a_number)]
