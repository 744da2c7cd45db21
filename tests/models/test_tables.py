"""Tables as analysts keep them: every export format reads to the same scenario, and nothing
in a header is lost silently (misspelled, repeated or missing columns are errors)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models.errors import ScenarioError
from models.loader import load_scenario, read_scenario
from models.scenario import scenario_from_dict
from tests.conftest import small_document

HEADER = ["id", "name", "positions", "rating", "birth_date", "wage", "availability", "nation"]
ROWS = [
    ["keeper", "Ármin Pécsi", "GK", "70.5", "2005-02-24", "0.5", "0.85", "Hungary"],
    ["back", "Marc Guéhi", "CB;RB:0.9", "84", "2000-07-13", "7.5", "1", "England"],
    ["forward", "Çaglar Söyüncü", "ST", "72.25", "1996-02-14", "2", "", "Türkiye"],
]
WINDOW = (
    "window: {opens: 2026-01-01, closes: 2026-02-02, season_end: 2026-05-24, "
    "horizon_end: 2026-06-30}\n"
)


def _scenario(folder: Path, squad: str = "squad.csv", more: str = "") -> Path:
    path = folder / "scenario.yaml"
    path.write_text(f"name: files\n{WINDOW}squad: {squad}\n{more}", encoding="utf-8")
    return path


def _csv(rows: list[list[str]], delimiter: str = ",", decimal: str = ".") -> str:
    def cell(column: str, value: str) -> str:
        if decimal == "," and column in ("rating", "wage", "availability", "positions"):
            value = value.replace(".", ",")
        return f'"{value}"' if delimiter in value else value

    lines = [delimiter.join(HEADER)]
    lines += [delimiter.join(cell(c, v) for c, v in zip(HEADER, row, strict=True)) for row in rows]
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture
def plain(tmp_path: Path) -> object:
    (tmp_path / "squad.csv").write_text(_csv(ROWS), encoding="utf-8")
    return load_scenario(_scenario(tmp_path))


@pytest.mark.parametrize(
    ("delimiter", "decimal", "encoding", "read_as"),
    [
        (
            ";",
            ",",
            "utf-8-sig",
            "semicolon-separated, UTF-8 with a byte-order mark, decimal commas",
        ),
        (";", ",", "cp1252", "semicolon-separated, Windows-1252 (not UTF-8), decimal commas"),
        (";", ".", "utf-8", "semicolon-separated, UTF-8"),
        ("\t", ",", "utf-16", "tab-separated, UTF-16, decimal commas"),
        (",", ".", "cp1252", "comma-separated, Windows-1252 (not UTF-8)"),
    ],
)
def test_spreadsheet_exports_read_to_the_same_scenario(
    tmp_path: Path, plain: object, delimiter: str, decimal: str, encoding: str, read_as: str
) -> None:
    (tmp_path / "squad.csv").write_bytes(_csv(ROWS, delimiter, decimal).encode(encoding))
    loaded = read_scenario(_scenario(tmp_path))
    assert loaded.scenario == plain
    assert loaded.read_as == {"squad.csv": read_as}
    assert loaded.scenario.squad[1].positions == {"CB": 1.0, "RB": 0.9}


def test_xlsx_sheets_read_to_the_same_scenario(tmp_path: Path, plain: object) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "notes"
    sheet = book.create_sheet("squad")
    sheet.append(HEADER)
    for row in ROWS:  # typed cells, as a person types them into Excel
        typed: list[object] = list(row)
        typed[3], typed[5] = float(row[3]), float(row[5])
        typed[4] = dt.datetime.fromisoformat(row[4])
        typed[6] = float(row[6]) if row[6] else None
        sheet.append(typed)
    book.save(tmp_path / "book.xlsx")
    loaded = read_scenario(_scenario(tmp_path, "book.xlsx#squad"))
    assert loaded.scenario == plain
    assert loaded.read_as == {"book.xlsx sheet squad": "xlsx workbook"}
    # Without '#sheet' the sheet named like the table is taken.
    assert load_scenario(_scenario(tmp_path, "book.xlsx")) == plain
    with pytest.raises(ScenarioError, match=r"no sheet 'players' \(sheets: notes, squad\)"):
        load_scenario(_scenario(tmp_path, "book.xlsx#players"))
    del book["squad"]
    book.create_sheet("players")
    book.save(tmp_path / "other.xlsx")
    with pytest.raises(ScenarioError, match="sheets notes, players and none is called 'squad'"):
        load_scenario(_scenario(tmp_path, "other.xlsx"))


def test_an_xlsx_sheet_with_a_stale_size_is_read_whole(tmp_path: Path, plain: object) -> None:
    # Regression: a workbook whose stored sheet size (<dimension ref>) says fewer rows than
    # it holds, as some tools write it, lost the rows below, silently (30 targets read as 9).
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "squad"
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([float(v) if k in (3, 5) else v for k, v in enumerate(row)])
    book.save(tmp_path / "full.xlsx")
    with zipfile.ZipFile(tmp_path / "full.xlsx") as full:
        parts = {name: full.read(name) for name in full.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"]
    assert b'<dimension ref="A1:H4" />' in xml
    parts["xl/worksheets/sheet1.xml"] = xml.replace(b'ref="A1:H4"', b'ref="A1:C2"')
    with zipfile.ZipFile(tmp_path / "book.xlsx", "w") as stale:
        for name, data in parts.items():
            stale.writestr(name, data)
    assert load_scenario(_scenario(tmp_path, "book.xlsx")) == plain


def test_xlsx_errors_name_sheet_row_and_field(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "squad"
    book.active.append(["id", "positions", "rating"])
    book.active.append(["a", "CB", 70])
    book.active.append(["b", "CB", "strong"])
    book.save(tmp_path / "book.xlsx")
    with pytest.raises(ScenarioError) as info:
        load_scenario(_scenario(tmp_path, "book.xlsx"))
    assert "book.xlsx sheet squad row 3 (id b), field 'rating'" in str(info.value)
    assert "'strong'" in str(info.value)


@pytest.mark.parametrize(
    ("header", "column", "meant"),
    [
        ("id,positions,rating,wages", "wages", "wage"),
        ("id,positions,rating,availabilty", "availabilty", "availability"),
        ("id,positions,rating,injury_until", "injury_until", "injured_until"),
        ("id,positions,rating,Market Value", "Market Value", "market_value"),
        ("id,position,rating", "position", "positions"),
    ],
)
def test_a_misspelled_column_names_the_documented_one(
    tmp_path: Path, header: str, column: str, meant: str
) -> None:
    cells = header.count(",") + 1
    row = ",".join(["a", "CB", "70", "1"][:cells])
    (tmp_path / "squad.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(_scenario(tmp_path))
    problems = info.value.problems
    hint = [p for p in problems if p.value == column]
    assert len(hint) == 1  # said once for the column, not once per row
    assert f"did you mean {meant!r}?" in hint[0].message
    assert hint[0].where == "squad.csv row 1 (header)"


def test_header_problems_come_with_the_rows_problems(tmp_path: Path) -> None:
    (tmp_path / "squad.csv").write_text(
        "id,positions,rating,wages\na,CB,70,1\nb,CB,strong,2\n", encoding="utf-8"
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(_scenario(tmp_path))
    text = str(info.value)
    assert "did you mean 'wage'?" in text and "squad.csv row 3 (id b), field 'rating'" in text


def test_a_semicolon_file_without_a_required_column_is_one_problem(tmp_path: Path) -> None:
    rows = "\n".join(f"p{k};CB;70" for k in range(57))
    (tmp_path / "squad.csv").write_text(f"id;positions;score\n{rows}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(_scenario(tmp_path))
    assert len(info.value.problems) == 1
    assert "no column 'rating', which every row needs (columns found: id, positions, score)" in (
        info.value.problems[0].message
    )


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"id,positions,rating,rating\na,CB,70,80\n", "column 'rating' appears twice"),
        (b"id|positions|rating\na|CB|70\n", "cannot tell how the columns are separated"),
        (b"id,positions,rating\na,CB,70,9\n", "4 cells but the header has 3 columns"),
        # Regression: a short row was padded with empty cells, so a cell left out in the
        # middle shifted the values after it silently (here the rating became positions).
        (b"id,positions,rating\na,70\n", "line 2: 2 cells but the header has 3 columns"),
        (b"id,positions,rating\na,\x81\x8d,70\n", "neither UTF-8 nor Windows-1252"),
        (b"", "the file is empty"),
    ],
)
def test_unreadable_tables_say_what_was_found(tmp_path: Path, content: bytes, words: str) -> None:
    (tmp_path / "squad.csv").write_bytes(content)
    with pytest.raises(ScenarioError, match=words):
        load_scenario(_scenario(tmp_path))


@pytest.mark.parametrize(
    ("rows", "refused"),
    [
        # Regression: a tab file from an English Excel read 1,200 as 1.2, silently.
        (["a\tCB\t70.5\t1,200", "b\tCB\t71\t2"], "1,200"),  # points elsewhere: a thousand
        (["a;CB;70,5;1.200", "b;CB;71;2"], "1.200"),  # commas elsewhere: a thousand
        (["a;CB;70;1.200", "b;CB;71;2"], "1.200"),  # nothing says
        (["a;CB;70;1,200", "b;CB;71;2"], "1,200"),
    ],
)
def test_a_number_the_file_does_not_settle_is_refused(
    tmp_path: Path, rows: list[str], refused: str
) -> None:
    mark = "\t" if "\t" in rows[0] else ";"
    header = mark.join(("id", "positions", "rating", "wage"))
    (tmp_path / "squad.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(_scenario(tmp_path))
    (problem,) = info.value.problems
    assert problem.where == "squad.csv line 2, column 'wage'" and problem.value == refused


@pytest.mark.parametrize(
    ("rows", "wage"),
    [
        (["a;CB;70,5;1,200", "b;CB;71;2"], 1.2),  # decimal commas: 1,200 is 1.2
        (["a\tCB\t70.5\t1.200", "b\tCB\t71\t2"], 1.2),  # decimal points
        (["a;CB;70,5;1.200,5", "b;CB;71;2"], 1200.5),
    ],
)
def test_a_number_the_file_settles_is_read(tmp_path: Path, rows: list[str], wage: float) -> None:
    mark = "\t" if "\t" in rows[0] else ";"
    header = mark.join(("id", "positions", "rating", "wage"))
    (tmp_path / "squad.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert load_scenario(_scenario(tmp_path)).squad[0].wage == wage


def test_other_spreadsheet_formats_say_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "squad.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ScenarioError, match=r"old-format Excel workbook.*save it as \.xlsx"):
        load_scenario(_scenario(tmp_path, "squad.xls"))


def test_extra_columns_are_kept_and_listed(tmp_path: Path) -> None:
    (tmp_path / "squad.csv").write_text(_csv(ROWS), encoding="utf-8")
    _scenario(tmp_path)
    loaded = read_scenario(tmp_path)  # a folder stands for its scenario.yaml
    assert loaded.extra_columns == {"squad.csv": ("nation",)}
    assert loaded.scenario.squad[0].extra == {"nation": "Hungary"}


def test_a_folder_without_a_scenario_says_what_it_holds(tmp_path: Path) -> None:
    (tmp_path / "squad.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"no scenario\.yaml \(it holds: squad\.csv\)"):
        load_scenario(tmp_path)
    with pytest.raises(ScenarioError, match="this is a table, not a scenario"):
        load_scenario(tmp_path / "squad.csv")


def test_a_key_given_twice_in_yaml_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(
        f"name: files\n{WINDOW}rules: {{max_signings: 1}}\nsquad: []\nrules: {{max_signings: 3}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    (problem,) = info.value.problems
    assert problem.where == "scenario.yaml line 5" and "'rules' is given twice" in problem.message
    assert "first at line 3" in problem.message


def test_inline_rows_with_a_misspelled_field_name_it() -> None:
    doc = small_document()
    doc["squad"][0]["wages"] = doc["squad"][0].pop("wage")
    doc["squad"][1]["rating"] = "strong"
    doc["squad"][2]["nationality"] = "Italy"  # not close to any field: kept
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(doc)
    found = {(p.path, p.message) for p in info.value.problems}
    assert (("squad", 0, "wages"), "not a documented column; did you mean 'wage'?") in found
    assert any(path == ("squad", 1, "rating") for path, _ in found)
    assert len(found) == 2


def test_an_unreadable_table_has_no_knock_on_problem_and_hides_no_other(tmp_path: Path) -> None:
    # Regression: a table that could not be read was also reported as "squad: Input should
    # be a valid tuple" (its file name, validated as rows). The scenario's other problems
    # are still said.
    (tmp_path / "squad.csv").write_text("id,positions,rating\na,CB,70,9\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(_scenario(tmp_path, more="rules: {max_signings: -1}\n"))
    said = [(p.where, p.message) for p in info.value.problems]
    assert len(said) == 2, said
    assert said[0][1].startswith("4 cells but the header has 3 columns")
    assert "max_signings" in str(info.value) and "valid tuple" not in str(info.value)


def test_a_column_named_extra_is_one_problem_at_the_header(tmp_path: Path) -> None:
    # Regression: every row failed, with its blank cells read as values ("" is no date),
    # because the column took the name of the row's further columns.
    (tmp_path / "squad.csv").write_text(
        "id,positions,rating,injured_until,extra\na,CB,70,,note\nb,RB,60,,\n", encoding="utf-8"
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(_scenario(tmp_path))
    [problem] = info.value.problems
    assert problem.where == "squad.csv row 1 (header)"
    assert problem.message == (
        "column 'extra': the name that holds a row's further columns; rename this column"
    )


def test_trailing_separators_are_not_extra_values(tmp_path: Path) -> None:
    # Excel writes a separator after the last column; a stray one ends some rows only.
    (tmp_path / "squad.csv").write_text(
        "id;positions;rating;\na;CB;70;\nb;RB;60;;\n", encoding="utf-8"
    )
    scenario = load_scenario(_scenario(tmp_path))
    assert [p.rating for p in scenario.squad] == [70.0, 60.0]
