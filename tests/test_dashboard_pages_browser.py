"""A second page goes in with one command and shows in the page reader (headless Chromium)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard import ids
from dashboard.app import create_app
from tests.net_helpers import free_port
from tests.pages_helpers import SECOND, SECOND_ARGS, SECOND_ID, SEED_ID, project_with_seed
from tests.test_dashboard_browser import panel_text, shot, visit, wait_panel

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project_with_seed(tmp_path_factory.mktemp("two-pages"))
    env = {"ETL_PROJECT": str(root), "PATH": "/usr/bin:/bin"}
    for args in (["add-page", str(SECOND), *SECOND_ARGS], ["build", "--no-cache"]):
        done = subprocess.run([sys.executable, "-m", "etl", *args], cwd=root, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def duo(dash_duo, project):
    dash_duo.start_server(create_app(project / "datapackage.json"), port=free_port())
    return dash_duo


def test_page_list_and_reader_show_the_added_page(duo, project, screenshots):
    pages = pd.read_parquet(project / "datapackage" / "pages.parquet").set_index("page_id")
    visit(duo, "/pages", f"#{ids.PAGE_LIST}")
    rows = duo.find_elements(f"#{ids.PAGE_LIST} tbody tr")
    assert [r.text.split()[0] for r in rows] == ["Binjiang", "China"]
    assert f"{pages.loc[SECOND_ID, 'figures_proposed']}" in rows[0].text
    shot(duo, screenshots, "page_list")
    duo.find_element(f"#{ids.PAGE_LIST} tbody tr a").click()
    duo.wait_for_element(f"#{ids.PAGE_READER} .num-figure", timeout=15)
    assert duo.driver.current_url.split("?")[0].endswith(f"/page/{SECOND_ID}")
    text = duo.find_element(f"#{ids.PAGE_READER}").text
    assert "一季度滨江市外贸进出口同比增长8.6%" in text and "903.7亿元" in text
    proposed = duo.find_elements(f"#{ids.PAGE_READER} .num-figure.proposed")
    assert len(proposed) == pages.loc[SECOND_ID, "figures_proposed"]
    assert duo.find_elements(f"#{ids.PAGE_READER} .num.kind-date")  # dates marked, not clickable
    target = next(b for b in proposed if b.text == "1286.4亿元")
    oid = target.get_attribute("title").split(": ", 1)[1]
    target.click()
    wait_panel(duo, oid)
    body = panel_text(duo)
    assert "proposed" in body and "1286.4亿元" in body and "Binjiang Business News" in body
    shot(duo, screenshots, "page_reader_proposed")
    assert duo.get_logs() == []


def test_reader_deep_link_opens_the_panel_for_a_curated_figure(duo, screenshots):
    oid = "cn.vehicle_exports.2023"
    visit(duo, f"/page/{SEED_ID}?obs={oid}", f"#{ids.PAGE_READER} .num-figure")
    wait_panel(duo, oid)
    assert "522.1万辆" in panel_text(duo) and "proposed" not in panel_text(duo)
    assert not duo.find_elements(f"#{ids.PAGE_READER} .num-figure.proposed")
    shot(duo, screenshots, "page_reader_seed_deep_link")
    visit(duo, "/page/no-such_2024-01-01_p01", f"#{ids.PAGE_READER}")
    assert "There is no page no-such_2024-01-01_p01" in duo.find_element(f"#{ids.PAGE_READER}").text
    assert duo.get_logs() == []
