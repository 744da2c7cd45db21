"""The bundled Liverpool scenario agrees with the real public data it was built from
(``../shared/data``): birth dates from the FPL 2025-26 player table, Leoni's injury from
the 2025-26 absence spells."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from tests.conftest import SHARED_DATA


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@pytest.fixture(scope="module")
def fpl_liverpool() -> pd.DataFrame:
    players = pd.read_csv(SHARED_DATA / "fpl_2025-26_players_raw.csv")
    teams = pd.read_csv(SHARED_DATA / "fpl_2025-26_teams.csv")
    team = int(teams.loc[teams["name"] == "Liverpool", "id"].item())
    return players[players["team"] == team]


def test_every_squad_birth_date_matches_fpl(liverpool, fpl_liverpool) -> None:  # type: ignore[no-untyped-def]
    for player in liverpool.squad:
        rows = fpl_liverpool[fpl_liverpool["birth_date"] == str(player.birth_date)]
        surnames = {_plain(str(r["second_name"]).split()[0]) for _, r in rows.iterrows()}
        surnames |= {_plain(str(r["web_name"]).split(".")[-1]) for _, r in rows.iterrows()}
        assert any(s in _plain(player.label) for s in surnames), (player.id, player.birth_date)


def test_leoni_injury_matches_the_absence_record(liverpool) -> None:  # type: ignore[no-untyped-def]
    spells = pd.read_csv(SHARED_DATA / "airsenal_absences_2526.csv")
    leoni = spells[spells["player"] == "Giovanni Leoni"]
    assert str(liverpool.player("giovanni-leoni").injured_until) in set(leoni["until"])
    assert liverpool.player("giovanni-leoni").injured_until > liverpool.window.season_end


def test_gomez_contract_and_birth_date(liverpool) -> None:  # type: ignore[no-untyped-def]
    gomez = liverpool.player("joe-gomez")
    assert str(gomez.birth_date) == "1997-05-23"  # issue: born 1997-05-23
    assert str(gomez.contract_until) == "2027-06-30"  # 18 months left in January 2026
    assert "joe-gomez" in liverpool.locks.keep
