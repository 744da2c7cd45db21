"""Ids as a person reads them: two ids that look the same are one person's."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def id_key(pid: str) -> str:
    """An id as a person reads it: one Unicode form (NFC), case set aside. Two ids with one
    key look the same ('marc-guéhi' typed with a combining accent; 'JOE-GOMEZ')."""
    return unicodedata.normalize("NFC", pid).casefold()


def unknown_id(pid: str, ids: Iterable[str], said: str) -> str:
    """``said``, the problem of a reference ``pid`` that is not among ``ids``, and which id
    it only looks like."""
    alike = [other for other in ids if id_key(other) == id_key(pid)]
    if not alike:
        return said
    return (
        f"{said}: {alike[0]!r} differs from it only in case or in how an accent is encoded; "
        "write them the same"
    )
