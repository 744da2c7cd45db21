"""Reading the tables a scenario names (``squad``, ``targets``) from the files analysts keep:
CSV as Excel and LibreOffice export it (comma-, semicolon- or tab-separated; UTF-8 with or
without a BOM, UTF-16, or Windows-1252; decimal commas) and ``.xlsx`` workbooks, one sheet
per table.

Every cell is read as text (a workbook's numbers and dates are written out the way a CSV
export would write them), so a table means the same whichever file it comes from and the
scenario's validation types it. How a file was read (separator, encoding, decimal mark) is
returned with it, so ``transfers validate`` can say so: nothing is guessed silently.

The standard ``csv`` module and openpyxl are used rather than pandas: pandas renames a
repeated header (``rating``, ``rating.1``) and skips blank lines, which would hide a
duplicated column and shift the row numbers that error messages quote.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
WORKBOOKS = (".xlsx", ".xlsm")
OTHER_SPREADSHEETS = {
    ".xls": "an old-format Excel workbook",
    ".ods": "an OpenDocument spreadsheet",
    ".numbers": "a Numbers document",
}
_DECIMAL_COMMA = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+),\d+$")
_COMPETENCE_COMMA = re.compile(r"(:\s*)(\d+),(\d+)")  # "RB:0,9" in a positions cell
_POINT_GROUPS = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")  # 1.200: 1.2, or 1200?
_COMMA_GROUPS = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+$")  # 1,200: 1.2, or 1200?
_DECIMAL_POINT = re.compile(r"^[+-]?\d*\.\d+$")


class TableError(ValueError):
    """A table file that cannot be read as a table; each message says what was found and
    what to do."""

    def __init__(self, messages: Sequence[tuple[str, str, Any]]) -> None:
        self.messages = list(messages)  # (where, what is wrong, the value)
        super().__init__("; ".join(f"{where}: {what}" for where, what, _ in self.messages))


@dataclass(frozen=True)
class Table:
    """A table as read: its columns, its rows (column -> text), the line of each row in the
    file (the header's line is ``header_line``), and how the file was read."""

    source: str  # "squad.csv", or "book.xlsx sheet squad"
    columns: tuple[str, ...]
    rows: list[dict[str, str]]
    lines: list[int]
    header_line: int
    read_as: tuple[str, ...] = field(default=())


def split_reference(reference: str, folder: Path) -> tuple[Path, str | None]:
    """``book.xlsx#squad`` -> (folder/book.xlsx, "squad"); ``squad.csv`` -> (path, None)."""
    whole = (folder / reference).resolve()
    name, hash_, sheet = reference.rpartition("#")
    if not hash_ or whole.exists():
        return whole, None
    return (folder / name).resolve(), sheet


def read_table(path: Path, table: str, sheet: str | None, numbers: Iterable[str]) -> Table:
    """The table ``table`` (squad, targets) from ``path``: a CSV file, or a sheet of an
    ``.xlsx`` workbook (``sheet``, else the sheet named like the table, else the only one).
    ``numbers`` are the columns read as numbers (their decimal commas become points).
    Raises TableError saying what was found and what to do."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise TableError([(path.name, "no such file", str(path))])
    if suffix in OTHER_SPREADSHEETS:
        raise TableError(
            [
                (
                    path.name,
                    f"this is {OTHER_SPREADSHEETS[suffix]}, which is not read; save it as "
                    ".xlsx (a sheet per table) or as CSV",
                    path.name,
                )
            ]
        )
    if suffix in WORKBOOKS:
        return _read_workbook(path, table, sheet)
    if sheet is not None:
        raise TableError(
            [(path.name, f"#{sheet} names a sheet, but this is not an .xlsx workbook", sheet)]
        )
    return _read_csv(path, frozenset(numbers))


def _decode(path: Path) -> tuple[str, str]:
    raw = path.read_bytes()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "UTF-16"
    try:
        text = raw.decode("utf-8-sig")
        return text, "UTF-8 with a byte-order mark" if raw.startswith(codecs.BOM_UTF8) else "UTF-8"
    except UnicodeDecodeError as utf8:
        try:
            return raw.decode("cp1252"), "Windows-1252 (not UTF-8)"
        except UnicodeDecodeError:
            byte = raw[utf8.start : utf8.start + 1].hex()
            raise TableError(
                [
                    (
                        path.name,
                        f"neither UTF-8 nor Windows-1252 text (byte 0x{byte} at offset "
                        f"{utf8.start}); save it as 'CSV UTF-8'",
                        None,
                    )
                ]
            ) from None


def _delimiter(path: Path, text: str) -> str:
    """The separator that splits the header line into the most columns."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise TableError([(path.name, "the file is empty: a table needs a header line", None)])
    counts = {d: len(next(csv.reader([first], delimiter=d))) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 1:
        raise TableError(
            [
                (
                    f"{path.name} line 1",
                    "cannot tell how the columns are separated: the header has no comma, "
                    "semicolon or tab; export the sheet as CSV (comma or semicolon) or give "
                    "the .xlsx workbook",
                    first[:80],
                )
            ]
        )
    return best


def _read_csv(path: Path, numbers: frozenset[str]) -> Table:
    text, encoding = _decode(path)
    delimiter = _delimiter(path, text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    line = 0
    for cells in reader:
        records.append((line + 1, cells))  # the record starts on the line after the last one
        line = reader.line_num
    read_as = [f"{DELIMITERS[delimiter]}-separated", encoding]
    columns, rows, lines, header_line = _rows(path.name, records, "line")
    if delimiter != ",":
        _refuse_ambiguous_groups(path.name, rows, lines, numbers)
    if delimiter != "," and _convert_decimal_commas(rows, numbers):
        read_as.append("decimal commas")
    return Table(path.name, columns, rows, lines, header_line, tuple(read_as))


def _rows(
    source: str, records: list[tuple[int, list[str]]], unit: str
) -> tuple[tuple[str, ...], list[dict[str, str]], list[int], int]:
    """Header and rows from (line, cells) records; blank records are skipped, every cell
    is stripped. Raises TableError for a repeated or nameless column, or a row with more or
    fewer cells than the header."""
    filled = [
        (n, [c.strip() for c in cells]) for n, cells in records if any(c.strip() for c in cells)
    ]
    if not filled:
        raise TableError([(source, "no header: the table is empty", None)])
    header_line, header = filled[0]
    body = filled[1:]
    problems: list[tuple[str, str, Any]] = []
    width = len(header)
    while (
        width
        and not header[width - 1]
        and not any(len(cells) >= width and cells[width - 1] for _, cells in body)
    ):
        width -= 1  # trailing separators that Excel writes after the last column
    header = header[:width]
    first_seen: dict[str, int] = {}
    for k, name in enumerate(header):
        if not name:
            problems.append((f"{source} {unit} {header_line}", f"column {k + 1} has no name", ""))
        elif name in first_seen:
            problems.append(
                (
                    f"{source} {unit} {header_line} (header)",
                    f"column {name!r} appears twice (columns {first_seen[name] + 1} and "
                    f"{k + 1}); keep one",
                    name,
                )
            )
        else:
            first_seen[name] = k
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    for n, cells in body:
        if len(cells) > width and any(cells[width:]):
            problems.append(
                (
                    f"{source} {unit} {n}",
                    f"{len(cells)} cells but the header has {width} columns (a separator "
                    "inside a value needs quotes)",
                    ", ".join(cells[width:])[:60],
                )
            )
            continue
        if len(cells) < width:
            # A cell left out in the middle moves every value after it one column left,
            # which may still validate (a wage read as the fee), and cannot be told from
            # empty last cells written without their separators (as some exports do): the
            # row cannot be read safely either way, so it is refused, saying both.
            problems.append(
                (
                    f"{source} {unit} {n}",
                    f"{len(cells)} cells but the header has {width} columns: a cell left out "
                    "moves the values after it; write each empty cell, the last ones too, as "
                    "nothing between two separators",
                    ", ".join(cells)[:60],
                )
            )
            continue
        rows.append({name: cells[k] for k, name in enumerate(header) if name})
        lines.append(n)
    if problems:
        raise TableError(problems)
    return tuple(header), rows, lines, header_line


def _refuse_ambiguous_groups(
    source: str, rows: list[dict[str, str]], lines: list[int], numbers: frozenset[str]
) -> None:
    """In a file not separated by commas, 1.200 and 1,200 are each a decimal or a thousand:
    the file's other numbers tell which mark is its decimal one (72,5 or 72.5); a cell the
    file does not settle is refused rather than guessed (a tab file from an English Excel
    once read 1,200 as 1.2)."""
    cells = [
        (line, column, row[column])
        for row, line in zip(rows, lines, strict=True)
        for column in numbers
        if row.get(column)
    ]
    commas = any(_DECIMAL_COMMA.match(v) and not _COMMA_GROUPS.match(v) for _, _, v in cells)
    points = any(_DECIMAL_POINT.match(v) and not _POINT_GROUPS.match(v) for _, _, v in cells)
    problems = []
    for line, column, value in cells:
        grouped = _POINT_GROUPS.match(value) or _COMMA_GROUPS.match(value)
        settled = (points and not commas) if "." in value else (commas and not points)
        if grouped and not settled:
            problems.append(
                (
                    f"{source} line {line}, column {column!r}",
                    f"{value}: a decimal mark or a thousands separator? The file's other "
                    "numbers do not say: write it without thousands separators, with its "
                    "decimal mark",
                    value,
                )
            )
    if problems:
        raise TableError(problems)


def _convert_decimal_commas(rows: list[dict[str, str]], numbers: frozenset[str]) -> bool:
    """Decimal commas (0,85; 1.234,5) in number columns and positions, to points. Only in
    files not separated by commas, where a comma cannot be a separator."""
    seen = False
    for row in rows:
        for column, value in row.items():
            if column in numbers and _DECIMAL_COMMA.match(value):
                row[column] = value.replace(".", "").replace(",", ".")
                seen = True
            elif column == "positions" and _COMPETENCE_COMMA.search(value):
                row[column] = _COMPETENCE_COMMA.sub(r"\1\2.\3", value)
                seen = True
    return seen


def _read_workbook(path: Path, table: str, sheet: str | None) -> Table:
    import openpyxl  # here, not at import: only workbooks need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError(
            [(path.name, f"cannot open the workbook ({type(exc).__name__}: {exc})", None)]
        ) from None
    try:
        names = list(book.sheetnames)
        if sheet is None:
            chosen = table if table in names else names[0] if len(names) == 1 else None
            if chosen is None:
                raise TableError(
                    [
                        (
                            path.name,
                            f"the workbook has sheets {', '.join(names)} and none is called "
                            f"{table!r}: name one, e.g. {table}: {path.name}#{names[0]}",
                            None,
                        )
                    ]
                )
        elif sheet in names:
            chosen = sheet
        else:
            raise TableError(
                [(path.name, f"no sheet {sheet!r} (sheets: {', '.join(names)})", sheet)]
            )
        worksheet = book[chosen]
        # The sheet's stored size (its <dimension> tag) may be stale; read-only mode would
        # stop at it and drop the rows below, silently. Without it, each row ends at its
        # last cell: every cell keeps its own column, so short rows are padded, not shifted.
        worksheet.reset_dimensions()
        cells = [list(values) for values in worksheet.iter_rows(values_only=True)]
        width = max((len(r) for r in cells), default=0)
        records = [
            (k + 1, [_cell_text(v) for v in values] + [""] * (width - len(values)))
            for k, values in enumerate(cells)
        ]
    finally:
        book.close()
    source = f"{path.name} sheet {chosen}"
    columns, rows, lines, header_line = _rows(source, records, "row")
    return Table(source, columns, rows, lines, header_line, ("xlsx workbook",))


def _cell_text(value: Any) -> str:
    """A cell as a CSV export writes it: whole numbers without '.0', dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
