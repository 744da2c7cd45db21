"""The web page in a real browser: Debian's Chromium, driven by Playwright, against a live
`transfers serve` on 127.0.0.1. Open, upload, solve, edit, compare, sweep, bad input and
server errors; what the page shows is checked against the application layer's own answer.

Screenshots are written to ``test-artifacts/web/`` (git-ignored) for a person to look at.
Chromium comes from Debian (``apt-get install chromium``; ``.ci/run`` installs it):
Playwright's own browser download cannot reach its servers here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

from api.application import SolveRequest, solve_and_analyse
from models.plan import Plan
from models.scenario import scenario_from_dict
from models.sweep import what_if
from scenarios import ROOT as SCENARIOS
from scenarios import load_bundled
from tests.api.conftest import Server
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling Google's hosts, which this
# closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts" / "web"
LAPTOP = {"width": 1366, "height": 900}
TABLET = {"width": 820, "height": 1180}
LIVERPOOL = SCENARIOS / "liverpool-2026-01"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium (bash .ci/run does)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    page: Page
    url: str
    errors: list[str]

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def fits(self) -> bool:
        """Nothing wider than the window: no sideways scrolling to read the page."""
        return bool(self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Page]:
    """One browser tab for the module (a new one costs about a second); each test reloads
    the page, so it starts with a fresh page state."""
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def visit(tab: Page, server: Server) -> Iterator[Visit]:
    errors: list[str] = []

    def record(error: Exception) -> None:
        errors.append(str(error))

    tab.on("pageerror", record)
    tab.set_viewport_size(LAPTOP)
    tab.goto("about:blank")
    tab.goto(f"{server.url}/")
    expect(tab.locator("#bundled option[value='liverpool-2026-01']")).to_have_count(1)
    yield Visit(tab, server.url, errors)
    tab.unroute_all()
    tab.remove_listener("pageerror", record)
    assert not errors, f"uncaught errors in the page: {errors}"


def open_liverpool(page: Page) -> None:
    page.select_option("#bundled", "liverpool-2026-01")
    page.click("#open-bundled")
    expect(page.locator("h1")).to_have_text("Liverpool, January 2026")


def solve(page: Page, tradeoffs: bool) -> dict[str, Any]:
    """Press Solve; the plan JSON the page received, once the plan page shows it."""
    page.set_checked("#opt-tradeoffs", tradeoffs)
    with page.expect_response(lambda r: "/v1/solve" in r.url) as answer:
        page.click("#solve")
    expect(page.locator("h1")).to_contain_text("Plan ")
    plan: dict[str, Any] = answer.value.json()
    return plan


def expected_plan(**budget: float) -> Plan:
    """The application layer's plan for Liverpool, the net-spend budget changed if given."""
    document = load_bundled("liverpool-2026-01").model_dump(mode="json")
    document["rules"]["budget"].update(budget)
    return solve_and_analyse(scenario_from_dict(document), SolveRequest(tradeoffs=False))


def keys(moves: Any) -> list[str]:
    return [f"{m.action.value}:{m.player}" for m in moves]


def data(page: Page, selector: str, field: str) -> list[str]:
    values: list[str] = page.locator(selector).evaluate_all(
        f"els => els.map(e => e.dataset.{field})"
    )
    return values


def test_open_solve_and_see_the_plan_and_what_it_costs(visit: Visit) -> None:
    page = visit.page
    page.focus("#bundled")  # the keyboard alone opens a scenario
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "open-bundled"
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Liverpool, January 2026")
    started = time.perf_counter()
    shown = solve(page, tradeoffs=True)
    assert time.perf_counter() - started < 30
    plan = expected_plan()
    assert keys(plan.moves) == data(page, ".card.move", "move")
    guehi = page.locator(".card[data-move='buy:marc-guehi']")
    expect(guehi).to_contain_text("from Crystal Palace")
    expect(guehi).to_contain_text("−30.0 m")
    members = {m.player: m for m in plan.squad}
    for k, xi in enumerate((plan.first_xi, plan.second_xi)):
        pitch = f".pitch-box >> nth={k}"
        assert data(page, f"{pitch} >> .token", "player") == [s.player for s in xi]
        fits = page.locator(f"{pitch} >> .token-fit").all_text_contents()
        assert [f.split(" ·")[0] for f in fits] == [
            f"{round(members[s.player].fit_share * 100)} %" for s in xi
        ]
    coverage = page.locator(".panel:has(h2:text('Coverage')) .meter")
    expect(coverage).to_have_count(len(plan.coverage))
    cb = next(row for row in plan.coverage if row.role == "CB")
    expect(coverage.filter(has_text="CB")).to_contain_text(
        f"{cb.available_after} (need {cb.required}"
    )
    expect(page.locator(".meter", has_text="Net spend")).to_contain_text("59.5 m of 60.0 m")
    visit.shot("plan")
    page.set_viewport_size(TABLET)
    assert visit.fits()
    visit.shot("plan-tablet")
    page.set_viewport_size(LAPTOP)

    page.click("nav >> text=Trade-offs")
    budget = shown["tradeoffs"]["budget"]
    expect(page.locator(".breakpoint")).to_have_count(len(budget["breakpoints"]))
    expect(page.locator(".point")).to_have_count(len(budget["pareto"]))
    front = sorted(budget["pareto"], key=lambda p: p["net_spend"])
    k = next(
        i for i, p in enumerate(front) if any(m["action"] == "buy" for m in p["plan"]["moves"])
    )
    page.locator(".point").nth(k).focus()  # keyboard focus shows the plan's moves
    bought = next(m for m in front[k]["plan"]["moves"] if m["action"] == "buy")
    tip = page.locator(".chart-box:has(.point) .tooltip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(f"buy {bought['name']}")
    expect(page.locator(".ranked-label").first).to_have_text("Keep Joe Gomez")
    expect(page.locator(".ranked-value").first).to_contain_text("29.9 m")
    expect(page.locator("table.alternatives tbody tr")).to_have_count(3)
    visit.shot("tradeoffs")
    page.set_viewport_size(TABLET)
    assert visit.fits()
    visit.shot("tradeoffs-tablet")


def test_edit_solve_again_and_compare_the_two_plans(visit: Visit) -> None:
    page = visit.page
    open_liverpool(page)
    solve(page, tradeoffs=False)
    page.click("text=Change the scenario and solve again")
    page.fill('[data-path="rules.budget.net_spend"]', "20")
    page.keyboard.press("Tab")
    expect(page.locator("#changes")).to_contain_text("rules.budget.net_spend: 60 → 20")
    solve(page, tradeoffs=False)
    page.click("text=Compare with the plan before")
    before, after = expected_plan(), expected_plan(net_spend=20)
    added = sorted(set(keys(after.moves)) - set(keys(before.moves)))
    dropped = sorted(set(keys(before.moves)) - set(keys(after.moves)))
    assert added and dropped  # the budget cut changes the plan, both ways
    assert sorted(data(page, ".side >> nth=1 >> .card.added", "move")) == added
    assert sorted(data(page, ".side >> nth=0 >> .card.dropped", "move")) == dropped
    expect(page.locator("#scenario-edits")).to_contain_text("rules.budget.net_spend: 60 → 20")
    expect(page.locator(".side >> nth=1 >> table")).to_contain_text(
        f"{after.finance.net_spend:.1f} m" if after.finance else "–"
    )
    visit.shot("compare")
    page.set_viewport_size(TABLET)
    assert visit.fits()


def test_bad_values_are_shown_at_their_fields(visit: Visit) -> None:
    page = visit.page
    open_liverpool(page)
    net_spend = page.locator('[data-path="rules.budget.net_spend"]')
    fee = page.locator('input[data-path="offers.0.fee"]')
    net_spend.fill("lots")
    fee.fill("")
    page.keyboard.press("Tab")
    page.click("#solve")
    expect(page.locator("#problems-title")).to_have_text("2 problems to fix before solving")
    expect(net_spend).to_have_attribute("aria-invalid", "true")
    expect(
        page.locator(".field:has([data-path='rules.budget.net_spend']) .field-error")
    ).to_contain_text('valid number, unable to parse string as a number (value: "lots")')
    expect(fee).to_have_attribute("aria-invalid", "true")
    expect(page.locator("td:has(input[data-path='offers.0.fee']) .cell-error")).to_contain_text(
        "Field required"
    )
    expect(page.locator(".message.error")).to_contain_text("2 problems in the input")
    visit.shot("bad-values")
    page.locator(".problems li", has_text="Net spend (m)").locator("button").click()
    assert page.evaluate("document.activeElement.dataset.path") == "rules.budget.net_spend"
    net_spend.fill("60")
    fee.fill("18")
    page.keyboard.press("Tab")
    page.click("#check")
    expect(page.locator(".message.info")).to_contain_text("The scenario is valid")
    expect(page.locator("[aria-invalid='true']")).to_have_count(0)


def test_upload_a_yaml_with_its_csvs_and_solve_it(visit: Visit) -> None:
    page = visit.page
    page.set_input_files(
        "#upload", [LIVERPOOL / n for n in ("scenario.yaml", "squad.csv", "targets.csv")]
    )
    page.click("#upload-files")
    expect(page.locator("h1")).to_have_text("Liverpool, January 2026")
    expect(page.locator(".plan-meta")).to_contain_text(
        "upload: scenario.yaml, squad.csv, targets.csv"
    )
    solve(page, tradeoffs=False)
    assert data(page, ".card.move", "move") == keys(expected_plan().moves)


def test_a_bad_upload_lists_its_problems_and_opens_nothing(visit: Visit, tmp_path: Path) -> None:
    page = visit.page
    squad = (LIVERPOOL / "squad.csv").read_text(encoding="utf-8").replace(",88,", ",eighty,", 1)
    (tmp_path / "squad.csv").write_text(squad, encoding="utf-8")
    files = [LIVERPOOL / "scenario.yaml", tmp_path / "squad.csv", LIVERPOOL / "targets.csv"]
    page.set_input_files("#upload", files)
    page.click("#upload-files")
    problems = page.locator("#upload-problems")
    expect(problems).to_contain_text("1 problem, nothing was opened")
    expect(problems).to_contain_text(
        "squad.csv row 2 (id alisson-becker), field 'rating': Input should be a valid number"
    )
    expect(problems).to_contain_text('(value: "eighty")')
    expect(page.locator("#scenario-form")).to_have_count(0)
    visit.shot("bad-upload")
    (tmp_path / "club.xlsx").write_bytes(b"PK\x03\x04 not a workbook \xff")
    page.set_input_files("#upload", [tmp_path / "club.xlsx"])
    page.click("#upload-files")
    expect(problems).to_contain_text("club.xlsx: ")
    expect(page.locator("#scenario-form")).to_have_count(0)


def test_a_sweep_runs_shows_its_charts_and_downloads_its_runs(visit: Visit) -> None:
    page = visit.page
    open_liverpool(page)
    page.click("nav >> text=Sweeps")
    page.fill("#sweep-from", "0")
    page.fill("#sweep-to", "60")
    page.fill("#sweep-step", "20")
    page.click("#start-sweep")
    expect(page.locator("#sweep-progress")).to_contain_text("done: 4 of 4 runs, 0 failed")
    objective_chart = page.locator(".chart-box:has(.point)").first
    expect(objective_chart.locator(".point")).to_have_count(4)
    expect(page.locator(".ranked-label").first).to_contain_text("sell Wataru Endo")
    visit.shot("sweep")
    with page.expect_download() as download:
        page.click("text=Download runs.csv")
    table = pd.read_csv(download.value.path())
    assert list(table["param.rules.budget.net_spend"]) == [0, 20, 40, 60]
    assert set(table["status"]) == {"optimal"}


def _answer(status: int, body: dict[str, str]) -> Callable[[Route], None]:
    """A stand-in for the server's answer to a solve."""
    return lambda route: route.fulfill(status=status, json=body, headers={"Retry-After": "2"})


def test_server_errors_are_messages_and_no_view_is_blank(visit: Visit) -> None:
    page = visit.page
    for view in ("plan", "compare", "tradeoffs", "sweeps"):
        page.click(f"nav >> text={view.capitalize() if view != 'tradeoffs' else 'Trade-offs'}")
        expect(page.locator("#page")).to_contain_text("first" if view == "sweeps" else "No plan")
    page.click("nav >> text=Scenario")
    open_liverpool(page)
    answers = [
        (503, {"detail": "every solver is busy and the queue is full; retry later"}, "busy"),
        (500, {"detail": "the solve failed; see the service log"}, "answered 500: the solve"),
        (504, {"detail": "no answer within 60 s"}, "answered 504: no answer within 60 s"),
    ]
    for status, body, words in answers:
        page.route("**/v1/solve**", _answer(status, body))
        page.click("#solve")
        expect(page.locator(".message.error").last).to_contain_text(words)
        expect(page.locator("#scenario-form")).to_be_visible()
        page.unroute("**/v1/solve**")
    page.route("**/v1/solve**", lambda route: route.abort())
    page.click("#solve")
    expect(page.locator(".message.error").last).to_contain_text("The server did not answer")
    expect(page.locator(".message.error").first).to_contain_text("(try in 2 s)")


def test_every_view_shows_each_bundled_scenario(visit: Visit) -> None:
    page = visit.page
    for name in ("teaching-centre-back", "teaching-registration"):  # Liverpool: above
        page.click("nav >> text=Scenario")
        page.select_option("#bundled", name)
        page.click("#open-bundled")
        expect(page.locator("h1")).to_have_text(load_bundled(name).name)
        shown = solve(page, tradeoffs=True)
        expect(page.locator(".card.move")).to_have_count(len(shown["moves"]))
        for view in ("Trade-offs", "Compare", "Sweeps", "Plan"):
            page.click(f"nav >> text={view}")
            expect(page.locator("#page h1")).to_be_visible()
    assert visit.fits()


def test_a_coverage_probability_is_edited_as_its_players(visit: Visit) -> None:
    page = visit.page
    page.select_option("#bundled", "liverpool-2026-01-matchdays")
    page.click("#open-bundled")
    expect(page.locator("h1")).to_have_text("Liverpool, January 2026, depth on matchdays")
    field = page.locator('[data-path="rules.coverage.CB.players"]')
    expect(field).to_have_value("2")
    expect(page.locator("label", has_text="CB on 95 % of matchdays")).to_have_count(1)
    field.fill("3")
    page.keyboard.press("Tab")
    expect(page.locator("#changes")).to_contain_text("rules.coverage.CB.players: 2 → 3")
    shown = solve(page, tradeoffs=False)
    edited = what_if(load_bundled("liverpool-2026-01-matchdays"), ["rules.coverage.CB.players=3"])
    expected = solve_and_analyse(edited, SolveRequest(tradeoffs=False))
    assert keys(Plan.model_validate(shown).moves) == keys(expected.moves)
    assert data(page, ".card.move", "move") == keys(expected.moves)


def test_a_scenario_without_a_plan_says_why(visit: Visit) -> None:
    page = visit.page
    open_liverpool(page)
    page.fill('[data-path="rules.coverage.CB"]', "9")
    page.keyboard.press("Tab")
    shown = solve(page, tradeoffs=True)
    assert shown["status"] == "infeasible"
    summary = shown["tradeoffs"]["infeasibility"]["summary"]
    expect(page.locator(".panel", has_text="Why there is no plan")).to_contain_text(summary)
    expect(page.locator("#page")).to_contain_text("No plan, so no moves.")
    page.click("nav >> text=Trade-offs")
    expect(page.locator(".panel", has_text="Why there is no plan")).to_contain_text(summary)
    visit.shot("no-plan")


def test_a_second_press_waits_and_the_plan_answers_the_scenario_sent(visit: Visit) -> None:
    """Regression: a second press sent a second solve, and a plan was filed under the
    scenario as edited while it was being solved."""
    page = visit.page
    open_liverpool(page)
    page.set_checked("#opt-tradeoffs", False)
    held: list[Route] = []
    page.route("**/v1/solve**", lambda route: held.append(route))  # held until released
    page.focus("#solve")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.fill('[data-path="rules.budget.net_spend"]', "20")
    page.keyboard.press("Tab")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(200)  # time for a second request, were one sent
    assert len(held) == 1
    held[0].continue_()
    expect(page.locator("h1")).to_contain_text("Plan 1")
    assert data(page, ".card.move", "move") == keys(expected_plan().moves)  # budget 60
    page.click("nav >> text=Scenario")
    expect(page.locator("#changes")).to_contain_text("rules.budget.net_spend: 60 → 20")
    page.unroute("**/v1/solve**")
    solve(page, tradeoffs=False)  # plan 2 answers the edited scenario: compare tells them apart
    page.click("nav >> text=Compare")
    expect(page.locator("#scenario-edits")).to_contain_text("rules.budget.net_spend: 60 → 20")


def test_the_accounts_per_season_are_shown(visit: Visit) -> None:
    page = visit.page
    page.select_option("#bundled", "teaching-squad-cost-ratio")
    page.click("#open-bundled")
    expect(page.locator("h1")).to_have_text("Teaching - the squad cost ratio")
    shown = solve(page, tradeoffs=False)
    season = shown["finance"]["seasons"][0]
    panel = page.locator(".panel", has_text="Accounts per season")
    expect(panel.locator(".meter")).to_have_count(1)
    expect(panel.locator(".meter")).to_contain_text(
        f"{season['squad_cost']:.1f} m of {season['allowance']:.1f} m"
    )
    expect(panel).to_contain_text(shown["finance"]["disposals"][0]["summary"])
    visit.shot("accounts")
    # The Liverpool horizon: a bar per season, the 2025-26 one without a limit.
    page.click("nav >> text=Scenario")
    page.select_option("#bundled", "liverpool-2026-27")
    page.click("#open-bundled")
    expect(page.locator("h1")).to_have_text(load_bundled("liverpool-2026-27").name)
    # regression: the manager's dated wish (locks.keep {joe-gomez: 2026-05-31}) broke the form
    expect(page.locator("[data-path='locks.keep'] .chip")).to_have_text(
        ["Joe Gomez (until 2026-05-31)×"]
    )
    shown = solve(page, tradeoffs=False)
    expect(panel.locator(".meter")).to_have_count(len(shown["finance"]["seasons"]))
    # regression: the horizon's total net spend was drawn against January's budget alone
    for window in shown["timeline"]["windows"]:
        bar = page.locator(".meter", has_text=f"Net spend {window['window']}")
        expect(bar).to_contain_text(f"{window['net_spend']:.1f} m of {window['budget']:.1f} m")
    visit.shot("accounts-horizon")
    assert visit.fits()
