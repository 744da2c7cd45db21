"""The web page's routes: the page and its bundled files (nothing fetched from elsewhere),
scenario uploads read by the file loader (good ones equal the bundled scenario, bad ones
422 naming file, row and field), and a finished sweep's runs as CSV and Parquet (the same
table `transfers sweep` writes)."""

from __future__ import annotations

import csv
import io
import posixpath
import re
import time
import tomllib
from pathlib import Path
from typing import Any

import httpx
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from api.application import run_sweep
from api.sweep_files import write_outputs
from api.web import STATIC
from models.sweep import SweepPlan, load_sweep
from scenarios import ROOT as SCENARIOS
from scenarios import load_bundled
from tests.api.conftest import Server
from tests.conftest import ROOT

LIVERPOOL = SCENARIOS / "liverpool-2026-01"
BUDGET = LIVERPOOL / "budget.sweep.yaml"
Files = list[tuple[str, tuple[str, bytes]]]
SVG_NAMESPACE = "http://www.w3.org/2000/svg"  # a name, not an address that is fetched


def _files(*names: str, **replaced: bytes) -> Files:
    """Liverpool's files as a multipart upload; ``replaced`` gives other contents by name
    (``squad_csv`` for squad.csv)."""
    out = []
    for name in names:
        content = replaced.get(name.replace(".", "_"))
        out.append(
            ("files", (name, content if content is not None else (LIVERPOOL / name).read_bytes()))
        )
    return out


def _liverpool_files(**replaced: bytes) -> Files:
    return _files("scenario.yaml", "squad.csv", "targets.csv", **replaced)


def test_the_page_and_every_file_it_loads_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["cache-control"] == "no-cache"  # an upgrade is seen at once
    assert '<script type="module" src="/static/js/main.js">' in page.text
    # Follow every import from main.js: each module is served, and nothing comes from a CDN.
    seen: set[str] = set()
    todo = ["js/main.js", "style.css"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        answer = client.get(f"/static/{name}")
        assert answer.status_code == 200 and answer.headers["cache-control"] == "no-cache", name
        assert not re.search(r"https?://", answer.text.replace(SVG_NAMESPACE, "")), name
        for target in re.findall(r'from "(\.{1,2}/[^"]+)"', answer.text):
            todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(name), target)))
    bundled = {p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*.js")}
    assert {name for name in seen if name.endswith(".js")} == bundled  # no file unused


def test_every_file_of_the_page_is_declared_package_data() -> None:
    """An installed (not editable) package must carry the page: pyproject's globs cover
    every file under api/static."""
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["api"]
    declared = {path for glob in globs for path in STATIC.parent.glob(glob)}
    files = {path for path in STATIC.rglob("*") if path.is_file()}
    assert files and files <= declared, sorted(str(f) for f in files - declared)


def test_an_upload_of_yaml_and_csvs_is_the_scenario_the_loader_reads(client: TestClient) -> None:
    answer = client.post("/v1/uploads", files=_liverpool_files())
    assert answer.status_code == 200
    assert answer.json() == load_bundled("liverpool-2026-01").model_dump(mode="json")


def test_an_upload_of_yaml_and_a_workbook_reads_its_sheets(
    client: TestClient, tmp_path: Path
) -> None:
    # Regression: 'book.xlsx#squad' was "not among the uploaded files (scenario.yaml,
    # book.xlsx)": the sheet's name was compared as part of the file's.
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for table in ("squad", "targets"):
        sheet = book.create_sheet(table)
        for row in csv.reader(io.StringIO((LIVERPOOL / f"{table}.csv").read_text("utf-8-sig"))):
            sheet.append(row)
    book.save(tmp_path / "book.xlsx")
    yaml_text = (LIVERPOOL / "scenario.yaml").read_bytes()
    yaml_text = yaml_text.replace(b"squad: squad.csv", b"squad: book.xlsx#squad")
    yaml_text = yaml_text.replace(b"targets: targets.csv", b"targets: book.xlsx#targets")
    files = [
        ("files", ("scenario.yaml", yaml_text)),
        ("files", ("book.xlsx", (tmp_path / "book.xlsx").read_bytes())),
    ]
    answer = client.post("/v1/uploads", files=files)
    assert answer.status_code == 200, answer.text
    assert answer.json() == load_bundled("liverpool-2026-01").model_dump(mode="json")


BAD_RATING = (LIVERPOOL / "squad.csv").read_bytes().replace(b",88,", b",eighty,", 1)
TWO_YAMLS = [*_liverpool_files(), ("files", ("other.yaml", b"name: other\n"))]


@pytest.mark.parametrize(
    ("files", "where", "words"),
    [
        (
            _liverpool_files(squad_csv=BAD_RATING),
            "squad.csv row 2 (id alisson-becker), field 'rating'",
            "valid number",
        ),
        (
            _files("scenario.yaml", "squad.csv"),
            "scenario.yaml: targets",
            "'targets.csv', which is not among the uploaded files",
        ),
        (
            _files("scenario.yaml", scenario_yaml=b"name: x\nsquad: ../../../etc/passwd\n"),
            "scenario.yaml: squad",
            "'../../../etc/passwd', which is not among the uploaded files",
        ),
        (
            [
                ("files", ("scenario.yaml", b"name: x\nsquad: club.xlsx#squad\n")),
                ("files", ("club.xlsx", b"PK\x03\x04 not a workbook \xff")),
            ],
            "club.xlsx",
            "cannot open the workbook",
        ),
        (_files("squad.csv", "targets.csv"), "upload", "no scenario file among the upload"),
        (  # a workbook holds tables; the rules are the YAML's
            [("files", ("club.xlsx", b"PK\x03\x04"))],
            "upload",
            "no scenario file among the upload: send one scenario .yaml with the CSV or .xlsx",
        ),
        (  # Regression: a 500 (PyYAML's ValueError while building the date)
            _liverpool_files(
                scenario_yaml=(LIVERPOOL / "scenario.yaml")
                .read_bytes()
                .replace(b"closes: 2026-02-02", b"closes: 2026-02-30")
            ),
            "scenario.yaml",
            "'2026-02-30' is not a date",
        ),
        (
            [("files", ("a.yaml", b"name: a\n")), ("files", ("b.yml", b"name: b\n"))],
            "upload",
            "2 scenario files among the upload",
        ),
        ([*_liverpool_files()[:1], *_liverpool_files()[:1]], "upload", "appears twice"),
        ([("files", (".hidden.yaml", b"name: x"))], "upload", "must be a plain name"),
    ],
    ids=[
        "bad-cell",
        "missing-csv",
        "path-escape",
        "broken-xlsx",
        "no-yaml",
        "xlsx-alone",
        "impossible-date",
        "two-yamls",
        "twice",
        "hidden",
    ],
)
def test_a_bad_upload_is_422_naming_file_row_and_field(
    client: TestClient, files: Files, where: str, words: str
) -> None:
    answer = client.post("/v1/uploads", files=files)
    assert answer.status_code == 422
    problems = answer.json()["detail"]
    assert any(p["where"].startswith(where) and words in p["msg"] for p in problems), problems
    assert "transfers-upload-" not in answer.text  # the temporary folder is not ours to show


def test_scenario_yaml_is_chosen_among_several_yamls(client: TestClient) -> None:
    assert client.post("/v1/uploads", files=TWO_YAMLS).status_code == 200


def test_an_upload_over_the_market_limit_is_422(client: TestClient) -> None:
    targets = (LIVERPOOL / "targets.csv").read_text(encoding="utf-8").splitlines()
    header, row = targets[0], targets[1]
    many = [header] + [row.replace("marc-guehi", f"t{k}", 1) for k in range(101)]
    answer = client.post(
        "/v1/uploads", files=_liverpool_files(targets_csv="\n".join(many).encode())
    )
    assert answer.status_code == 422 and "TRANSFERS_MAX_TARGETS" in answer.text


def _sweep_body(values: list[float]) -> dict[str, Any]:
    spec, base = load_sweep(BUDGET)
    plan = spec.model_dump(mode="json", include=set(SweepPlan.model_fields) - {"exact"})
    plan["parameters"] = {"rules.budget.net_spend": values}
    return {"scenario": base.model_dump(mode="json"), "sweep": plan}


def _finished(get: Any, url: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = get(url).json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.1)
    raise AssertionError("sweep not done in 120 s")


def test_sweep_downloads_are_the_tables_transfers_sweep_writes(
    client: TestClient, tmp_path: Path
) -> None:
    values = [0.0, 30.0, 60.0]
    started = client.post("/v1/sweeps", json=_sweep_body(values)).json()
    status = _finished(client.get, f"/v1/sweeps/{started['id']}")
    assert status["state"] == "done" and status["parameters"] == ["rules.budget.net_spend"]
    spec, base = load_sweep(BUDGET)
    spec = spec.model_copy(update={"parameters": {"rules.budget.net_spend": values}})
    rows = run_sweep(spec, base, workers=1).rows
    write_outputs(tmp_path, rows, spec, len(rows), base)
    ignore = ["seconds"]  # wall time differs from run to run

    csv = client.get(f"/v1/sweeps/{started['id']}/runs.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    pd.testing.assert_frame_equal(
        pd.read_csv(io.StringIO(csv.text)).drop(columns=ignore),
        pd.read_csv(tmp_path / "runs.csv").drop(columns=ignore),
    )
    parquet = client.get(f"/v1/sweeps/{started['id']}/runs.parquet")
    assert parquet.status_code == 200
    pd.testing.assert_frame_equal(
        pd.read_parquet(io.BytesIO(parquet.content)).drop(columns=ignore),
        pd.read_parquet(tmp_path / "runs.parquet").drop(columns=ignore),
    )


def test_a_download_of_an_unknown_or_unfinished_sweep_says_why(client: TestClient) -> None:
    missing = client.get("/v1/sweeps/nope/runs.csv")
    assert missing.status_code == 404 and "no sweep 'nope'" in missing.text
    board = client.app.state.sweeps  # type: ignore[attr-defined]
    waiting = board.add(3, ["rules.budget.net_spend"])  # never started: stays queued
    early = client.get(f"/v1/sweeps/{waiting.id}/runs.parquet")
    assert early.status_code == 409 and "not done (0 of 3 runs)" in early.text


def test_upload_and_download_on_a_real_server(server: Server) -> None:
    page = httpx.get(f"{server.url}/", timeout=10)
    assert page.status_code == 200 and "main.js" in page.text
    files = [(field, (name, content)) for field, (name, content) in _liverpool_files()]
    answer = httpx.post(f"{server.url}/v1/uploads", files=files, timeout=30)
    assert answer.status_code == 200 and answer.json()["name"] == "Liverpool, January 2026"
    started = httpx.post(f"{server.url}/v1/sweeps", json=_sweep_body([10.0, 50.0]), timeout=30)
    url = f"{server.url}/v1/sweeps/{started.json()['id']}"
    assert _finished(lambda u: httpx.get(u, timeout=10), url)["state"] == "done"
    table = pd.read_csv(io.StringIO(httpx.get(f"{url}/runs.csv", timeout=10).text))
    assert list(table["param.rules.budget.net_spend"]) == [10.0, 50.0]
