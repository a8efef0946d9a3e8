"""Shared fixtures: the data package under test and headless Chromium for dash_duo."""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROME_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--window-size=1440,1000", "--lang=en-US",
)


def _missing_or_skip(what: str) -> None:
    # CI must never skip silently: a missing browser or package is a failure there.
    if os.environ.get("CI"):
        pytest.fail(f"{what} (CI is set, so this fails instead of skipping)")
    pytest.skip(what)


def pytest_setup_options():
    """dash[testing] hook: the ChromeOptions dash_duo starts Chromium with."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    return options


@pytest.fixture(autouse=True)
def _browser_available(request):
    if request.node.get_closest_marker("browser") is None:
        return
    if not Path(CHROMIUM).exists():
        _missing_or_skip(f"Chromium not found at {CHROMIUM}")
    if shutil.which("chromedriver") is None:
        _missing_or_skip("chromedriver not found on PATH")


@pytest.fixture(scope="session")
def package_path() -> Path:
    """The data package under test: $DASHBOARD_PACKAGE or the repository's datapackage.json."""
    path = Path(os.environ.get("DASHBOARD_PACKAGE", ROOT / "datapackage.json"))
    if path.is_dir():
        path = path / "datapackage.json"
    if not path.exists():
        _missing_or_skip(f"no data package at {path}; build it with `python -m etl build`")
    return path


@pytest.fixture(scope="session")
def pkg(package_path):
    from dashboard.data import load_package

    return load_package(package_path)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS



@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory) -> Path:
    """One fresh build of the package from the raw page, in a temporary folder (for the export tests)."""
    from etl.build import run

    out = tmp_path_factory.mktemp("fresh-build")
    run(out=out)
    return out
