"""Absence tables: reading them (every bad row named by file, line, field and value),
matching spells to a scenario's people, and the injury model a history gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models.absences import (
    DAYS_PRIOR_WEIGHT,
    Spell,
    misnamed_column,
    previous_injury_ratio,
    read_absences,
    spells_by_person,
    spells_from_rows,
    with_history,
)
from models.errors import ScenarioError
from models.injury import DEFAULT_DAYS, PRIOR_SHAPE, default_injuries, fit_from_rates
from models.scenario import Scenario
from tests.conftest import SHARED_DATA

ABSENCES = SHARED_DATA / "airsenal_absences_2526.csv"
HEADER = "season,details,from,until,days,games,reason,player,url\n"


def test_the_shape_of_the_prior_gives_a_previous_injury_its_hazard_ratio() -> None:
    # Hägglund, Waldén and Ekstrand (2006): injured one season, 2.7 times as likely the next.
    assert previous_injury_ratio(PRIOR_SHAPE, 2.0) == pytest.approx(2.7, abs=0.05)
    assert previous_injury_ratio(4.0, 2.0) < 2.0 < previous_injury_ratio(0.8, 2.0)


def test_the_real_table_reads_whole() -> None:
    spells = read_absences(ABSENCES)
    assert len(spells) == 650
    gomez = [x for x in spells if x.player == "Joe Gomez"]
    assert sorted((x.start, x.last_day) for x in gomez)[-1] == (
        dt.date(2026, 4, 15),
        dt.date(2026, 4, 22),
    )
    # A spell still running when the table was made has no until: from + days - 1.
    open_ = next(x for x in spells if x.player == "Lukasz Fabianski")
    assert open_.end is None and open_.last_day == dt.date(2025, 9, 19) + dt.timedelta(days=248)


@pytest.mark.parametrize(
    ("row", "field", "value", "words"),
    [
        ("2526,x,2026-13-01,2026-02-01,3,1,injury,A,", "from", "2026-13-01", "valid date"),
        (
            "2526,x,2026-02-05,2026-02-01,3,1,injury,A,",
            "until",
            "2026-02-01",
            "until (2026-02-01) is before from (2026-02-05)",
        ),
        ("2526,x,2026-02-05,,,1,injury,A,", "row", None, "give until or days"),
        ("2526,x,2026-02-05,,0,1,injury,A,", "days", "0", "greater than or equal to 1"),
        ("2526,x,2026-02-05,2026-02-06,2,1,injury,,", "player", None, "Field required"),
        (
            "2526,x,9999-12-30,,5000,1,injury,A,",
            "from",
            "9999-12-30",
            "9999-12-30 is not a date from 1900",
        ),
        # days that contradict the dates were once silently ignored for the dates' length
        (
            "2526,x,2026-02-01,2026-04-03,500,1,injury,A,",
            "days",
            500,
            "from 2026-02-01 until 2026-04-03 is 62 days (both counted), not 500",
        ),
        (
            "2526,x,2026-02-01,2026-04-03,61,1,injury,A,",
            "days",
            61,
            "is 62 days (both counted), not 61",
        ),
    ],
)
def test_bad_rows_are_named_by_file_line_field_and_value(
    tmp_path: Path, row: str, field: str, value: object, words: str
) -> None:
    path = tmp_path / "absences.csv"
    path.write_text(HEADER + "2526,fine,2026-01-01,2026-01-02,2,1,injury,B,\n" + row + "\n")
    with pytest.raises(ScenarioError) as caught:
        read_absences(path)
    (problem,) = [p for p in caught.value.problems if len(p.path) > 1]  # not the date hint
    assert problem.where == f"absences.csv line 3, field {field!r}"
    assert problem.value == value
    assert words in problem.message


@pytest.mark.parametrize(
    ("column", "meant"), [("untill", "until"), ("urll", "url"), ("reasons", "reason")]
)
def test_a_misspelt_column_is_named_with_the_one_it_probably_means(
    tmp_path: Path, column: str, meant: str
) -> None:
    # It was ignored: a misspelt until left every spell to its days, a misspelt url the
    # matching to names. Said once, for the header, not once a row.
    path = tmp_path / "absences.csv"
    path.write_text(
        ",".join(column if c == meant else c for c in HEADER.strip().split(","))
        + "\n"
        + "2526,x,2026-01-01,2026-01-02,2,1,injury,B,\n" * 3
    )
    with pytest.raises(ScenarioError) as caught:
        read_absences(path)
    (problem,) = caught.value.problems
    assert problem.where == "absences.csv line 1 (header)" and problem.value == column
    assert problem.message == (
        f"column {column!r}: not a documented column; did you mean {meant!r}?"
    )


def test_the_real_tables_unused_columns_are_not_taken_for_misspellings() -> None:
    # season is as close to reason as reasons is; it is a column of the real table.
    assert misnamed_column("season") is None and misnamed_column("games") is None
    assert misnamed_column("nationality") is None


def test_a_number_for_a_date_is_refused_not_read_as_a_timestamp(tmp_path: Path) -> None:
    # Regression: "0" was read as 1970-01-01 (a Unix timestamp), silently: a spell known
    # since then, and a player injured in the plan's window.
    path = tmp_path / "absences.csv"
    path.write_text(
        HEADER + "2526,x,0,,3,1,injury,A,\n" + "2526,x,2026-01-01,1774224000,2,1,injury,B,\n"
    )
    with pytest.raises(ScenarioError) as caught:
        read_absences(path)
    cells = [(p.where, p.message, p.value) for p in caught.value.problems[1:]]
    assert cells == [
        ("absences.csv line 2, field 'from'", "a date is written YYYY-MM-DD, not as a number", "0"),
        (
            "absences.csv line 3, field 'until'",
            "a date is written YYYY-MM-DD, not as a number",
            "1774224000",
        ),
    ]


def test_day_first_dates_are_said_once_and_the_table_is_named(tmp_path: Path) -> None:
    path = tmp_path / "absences.csv"
    path.write_text(
        HEADER
        + "2526,x,17/04/2026,30/04/2026,14,1,injury,A,\n"
        + "2526,x,2026-01-01,2026-01-02,2,1,injury,B,\n"
        + "2526,x,01/02/2026,,3,1,injury,C,\n"
    )
    with pytest.raises(ScenarioError) as caught:
        read_absences(path)
    text = str(caught.value)
    # It was "4 problems in the scenario", with no word on how dates are written.
    assert text.startswith(f"4 problems in the absences table {path}\n")
    hint, *cells = caught.value.problems
    assert hint.describe() == (
        "absences.csv: dates are YYYY-MM-DD (2026-02-01); 3 here are not (listed below)"
    )
    assert [(p.where, p.value) for p in cells] == [
        ("absences.csv line 2, field 'from'", "17/04/2026"),
        ("absences.csv line 2, field 'until'", "30/04/2026"),
        ("absences.csv line 4, field 'from'", "01/02/2026"),
    ]
    assert text.count("YYYY-MM-DD") == 1


def test_a_table_of_only_its_header_is_refused(tmp_path: Path) -> None:
    # Regression: accepted, and all 62 people of Liverpool's scenario read as injury-free.
    path = tmp_path / "absences.csv"
    path.write_text(HEADER, encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"absences.csv line 1 \(header\): no spells"):
        read_absences(path)


@pytest.mark.parametrize(
    ("season", "year"),
    [("2526", 2025), ("25/26", 2025), ("2025-26", 2025), ("2025/2026", 2025), ("", None)],
)
def test_a_spells_season_is_read(season: str, year: int | None) -> None:
    spell = Spell.model_validate({"player": "A", "from": "2026-01-01", "days": 3, "season": season})
    assert spell.season_start_year == year


@pytest.mark.parametrize("season", ["2527", "25", "2025-27", "autumn", "2025-2027", "25/27"])
def test_a_season_that_is_not_one_is_named(season: str) -> None:
    with pytest.raises(ScenarioError, match=f"field 'season'.*'{season}' is not a season"):
        spells_from_rows([{"player": "A", "from": "2026-01-01", "days": 3, "season": season}])


def test_a_table_without_the_columns_it_needs_says_so(tmp_path: Path) -> None:
    path = tmp_path / "absences.csv"
    path.write_text("name,start\nA,2026-01-01\n")
    with pytest.raises(ScenarioError, match=r"no column 'player'.*\n.*no column 'from'"):
        read_absences(path)


def test_spells_match_by_id_full_name_or_one_word_name(liverpool: Scenario) -> None:
    spells = spells_from_rows(
        [
            {"player": "Joe Gomez", "from": "2026-01-25", "until": "2026-02-09"},
            {"player": "Diego Gómez", "from": "2026-01-25", "until": "2026-02-09"},  # Brighton
            {"player": "Hugo Ekitike", "from": "2026-01-03", "until": "2026-01-11"},  # no accent
            {"player": "Alisson", "from": "2025-10-01", "until": "2025-11-19"},
            {"player": "?", "from": "2025-10-01", "days": 3, "url": "/ibrahima-konate/profil/1"},
        ]
    )
    found = {pid: [x.player for x in xs] for pid, xs in spells_by_person(liverpool, spells).items()}
    assert found["joe-gomez"] == ["Joe Gomez"]
    assert found["hugo-ekitike"] == ["Hugo Ekitike"]
    assert found["alisson-becker"] == ["Alisson"]
    assert found["ibrahima-konate"] == ["?"]
    assert sum(len(xs) for xs in found.values()) == 4  # Diego Gómez is nobody here
    # Regression: Diego Gómez's rows written "Gómez" went to Joe, whom the table names in
    # full; a lone word matches only where no fuller name in the table ends with it.
    lone = spells_from_rows([{"player": "Gómez", "from": "2026-04-18", "until": "2026-06-01"}])
    matched = spells_by_person(liverpool, [*spells, *lone])
    assert [x.player for x in matched["joe-gomez"]] == ["Joe Gomez"]
    assert [x.player for x in spells_by_person(liverpool, lone)["joe-gomez"]] == ["Gómez"]


def test_the_history_gives_the_documented_model(liverpool: Scenario) -> None:
    known_by = dt.date(2026, 2, 2)
    spells = [
        Spell.model_validate(row)
        for row in (
            {"player": "Joe Gomez", "from": "2025-07-14", "until": "2025-08-14"},  # 32 days
            {"player": "Joe Gomez", "from": "2025-12-14", "until": "2026-01-02"},  # 20 days
            {"player": "Joe Gomez", "from": "2026-01-25", "until": "2026-02-09"},  # running
            {"player": "Joe Gomez", "from": "2026-04-15", "until": "2026-04-22"},  # after
            {"player": "Joe Gomez", "from": "2025-05-01", "until": "2025-05-03"},  # before since
            {"player": "Joe Gomez", "from": "2026-01-05", "days": 4, "reason": "suspension"},
        )
    ]
    planning, history = with_history(liverpool, spells, known_by)
    gomez = next(h for h in history if h.person == "joe-gomez")
    seasons = (known_by - dt.date(2025, 7, 1)).days / 365.25
    prior = default_injuries(28)  # 28 on 2026-02-02
    rate = (PRIOR_SHAPE + 3) / (PRIOR_SHAPE / prior + seasons)
    days = (DAYS_PRIOR_WEIGHT * DEFAULT_DAYS + 32 + 20 + 16) / (DAYS_PRIOR_WEIGHT + 3)
    assert (gomez.spells, gomez.injuries, gomez.days_out) == (6, 3, 68)
    assert gomez.not_injuries == ("suspension",)  # begun in the months watched, set aside
    assert gomez.injuries_per_season == pytest.approx(rate)
    assert gomez.days_per_injury == pytest.approx(days)
    assert gomez.injured_until == dt.date(2026, 2, 10)
    assert (gomez.availability_before, gomez.availability_after) == (
        0.65,
        pytest.approx(fit_from_rates(rate, days)),
    )
    player = planning.player("joe-gomez")
    assert player.availability == 1.0 and player.injured_until == dt.date(2026, 2, 10)
    assert player.injuries_per_season == pytest.approx(rate)
    # No spell: below the default, since the months watched were injury-free.
    van_dijk = next(h for h in history if h.person == "virgil-van-dijk")
    assert van_dijk.spells == van_dijk.injuries == 0
    assert van_dijk.injuries_per_season < default_injuries(34)
    # A later injured_until in the scenario is kept (Bradley: back in June per the FPL).
    bradley = next(h for h in history if h.person == "conor-bradley")
    assert bradley.injured_until == dt.date(2026, 6, 1)


def test_overlapping_and_following_spells_are_one_absence(liverpool: Scenario) -> None:
    # Regression: two rows for one injury (the real table lists Frimpong's hamstring twice
    # from 2025-08-21, until 09-02 and until 09-10) counted as two injuries and 34 days out;
    # he was out 21 days, once. By hand, Gomez's spells below are three absences:
    # Aug 1-20 with Aug 10-25 (overlaps) and Aug 26-30 (from the next day): Aug 1-30, 30 days;
    # Oct 1-10 alone (10 days; Oct 12 is two days later); Oct 12-14 (3 days). 43 days out.
    known_by = dt.date(2026, 2, 2)
    spells = [
        Spell.model_validate({"player": "Joe Gomez", "from": start, "until": end})
        for start, end in (
            ("2025-08-10", "2025-08-25"),
            ("2025-08-01", "2025-08-20"),
            ("2025-08-26", "2025-08-30"),
            ("2025-10-01", "2025-10-10"),
            ("2025-10-12", "2025-10-14"),
        )
    ]
    _, history = with_history(liverpool, spells, known_by)
    gomez = next(h for h in history if h.person == "joe-gomez")
    assert (gomez.spells, gomez.injuries, gomez.joined, gomez.days_out) == (5, 3, 2, 43)
    seasons = (known_by - dt.date(2025, 7, 1)).days / 365.25
    rate = (PRIOR_SHAPE + 3) / (PRIOR_SHAPE / default_injuries(28) + seasons)
    assert gomez.injuries_per_season == pytest.approx(rate)
    days = (DAYS_PRIOR_WEIGHT * DEFAULT_DAYS + 43) / (DAYS_PRIOR_WEIGHT + 3)
    assert gomez.days_per_injury == pytest.approx(days)
    # The real table: Frimpong's two rows are one absence of 21 days.
    _, real = with_history(liverpool, read_absences(ABSENCES), known_by)
    frimpong = next(h for h in real if h.person == "jeremie-frimpong")
    assert (frimpong.injuries, frimpong.joined) == (3, 1)
    assert frimpong.days_out == 21 + 54 + 29  # Aug 21 - Sep 10, Oct 23 - Dec 15, Jan 28 -
