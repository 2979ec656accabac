"""The Dagster UI as a person sees it, in Debian's Chromium driven by Playwright (no browser download).

Uses the running `dagster dev` of tests/conftest.py after one article went through it, so the
pages show real materializations. Screenshots go to test-artifacts/ (kept by CI, not committed).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGE_TIMEOUT_MS = 60_000

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent (Debian: apt-get install -y chromium; .ci/run installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    yield page
    context.close()


def dismiss_community_dialog(page) -> None:
    """A first visit may show "Join the Dagster community" (our dagster.yaml turns it off)."""
    dialog = page.get_by_text(re.compile("Join the Dagster community", re.I))
    if dialog.count() and dialog.first.is_visible():
        for label in ("Skip", "Not now", "Dismiss", "Close"):
            button = page.get_by_role("button", name=re.compile(label, re.I))
            if button.count():
                button.first.click()
                break
        else:
            page.keyboard.press("Escape")
        dialog.first.wait_for(state="hidden", timeout=10_000)


def visit(page, url: str, ready_text: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    # Long names are also rendered hidden (for truncation), so wait for a visible one.
    page.get_by_text(ready_text, exact=False).filter(visible=True).first.wait_for(state="visible")
    dismiss_community_dialog(page)


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def body_text(page) -> str:
    return page.locator("body").inner_text()


LOCATION = "orchestration.definitions"
GROUPS = {
    "ingest": ["inbox_documents", "cleaned_documents"],
    "extract": ["extracted_facts"],
    "warehouse": ["warehouse_reader_copy", "stg_documents"],
    "reports": ["timeline_report"],
}


def test_asset_graph_shows_every_group_and_asset(page, dagster_dev, first_article_run):
    # The global lineage shows groups collapsed (one box per group); each group's page its assets.
    visit(page, f"{dagster_dev.url}/asset-groups", "Global asset lineage")
    page.get_by_text("warehouse").filter(visible=True).first.wait_for(state="visible")
    page.wait_for_timeout(1000)  # let the graph finish laying out before the picture
    shot(page, "asset_graph")
    text = body_text(page)
    for group in ("ingest", "extract", "warehouse", "marts", "reports"):
        assert group in text, f"group {group} not on the asset graph"
    visit(page, f"{dagster_dev.url}/locations/{LOCATION}/asset-groups/ingest", "inbox_documents")
    page.get_by_text("Materialized").filter(visible=True).first.wait_for(state="visible")
    page.wait_for_timeout(1000)
    shot(page, "asset_graph_ingest")
    # The graph draws only what fits the view; each group's list names every asset, but renders only
    # the rows in view (the warehouse group holds some 45 assets): a tall viewport shows them all.
    page.set_viewport_size({"width": 1600, "height": 4000})
    for group, names in GROUPS.items():
        visit(page, f"{dagster_dev.url}/locations/{LOCATION}/asset-groups/{group}/list", names[0])
        text = body_text(page)
        for name in names:
            assert name in text, f"{name} not listed in group {group}"
    shot(page, "asset_group_warehouse_list")


def test_asset_catalog_lists_assets_with_descriptions_and_status(page, dagster_dev, first_article_run):
    visit(page, f"{dagster_dev.url}/assets", "inbox_documents")
    page.get_by_text("Materialized").filter(visible=True).first.wait_for(state="visible")  # statuses load last
    shot(page, "asset_catalog")
    text = body_text(page)
    for name in ("cleaned_documents", "extracted_facts", "inbox_documents", "Reads new and changed inbox files"):
        assert name in text
    assert "Materialized" in text


def test_timeline_report_materialization_links_the_report(page, dagster_dev, first_article_run):
    visit(page, f"{dagster_dev.url}/assets/timeline_report", "timeline_report")
    page.get_by_text("timeline.html").filter(visible=True).first.wait_for(state="visible")
    shot(page, "timeline_report_asset")
    text = body_text(page)
    assert "timeline.html" in text
    assert str(dagster_dev.warehouse.parent / "reports") in text


def test_checks_are_listed_with_their_results(page, dagster_dev, first_article_run):
    visit(page, f"{dagster_dev.url}/assets/raw/rejects?view=checks", "reject_rate_is_low")
    shot(page, "checks_raw_rejects")
    visit(page, f"{dagster_dev.url}/assets/warehouse_reader_copy?view=checks", "reader_copy_matches_warehouse")
    shot(page, "checks_reader_copy")
    # dbt tests on the marts arrive as checks too: every one GraphQL lists for marts/votes is shown.
    data = dagster_dev.graphql(
        """{ assetNodeOrError(assetKey: {path: ["marts", "votes"]}) {
              ... on AssetNode { assetChecksOrError { ... on AssetChecks { checks { name } } } } } }"""
    )
    dbt_checks = [c["name"] for c in data["assetNodeOrError"]["assetChecksOrError"]["checks"]]
    assert dbt_checks, "dbt tests on marts.votes should be asset checks"
    visit(page, f"{dagster_dev.url}/assets/marts/votes?view=checks", dbt_checks[0])
    shot(page, "checks_marts_votes")
    text = body_text(page)
    for name in dbt_checks[:5]:
        assert name in text


def test_run_page_and_automation_state(page, dagster_dev, first_article_run):
    run_id = first_article_run["runs"][0]["runId"]
    visit(page, f"{dagster_dev.url}/runs/{run_id}", "timeline_report")
    shot(page, "run")
    assert "inbox_sensor" in body_text(page) or "refresh" in body_text(page)
    visit(page, f"{dagster_dev.url}/overview/automation", "inbox_sensor")
    page.get_by_text("daily_refresh").filter(visible=True).first.wait_for(state="visible")
    shot(page, "automation")
