"""The HTML report in a real browser: Debian's chromium, headless, driven by Selenium.

CI installs `chromium` and `chromium-driver` (.ci/run), and so does this module's setup when it
runs as root on Debian (the README's test command on a fresh machine); without them these tests
fail with the install command, never skip. The driver is the Debian one at /usr/bin/chromedriver, passed
explicitly, and SE_OFFLINE is set, so Selenium Manager downloads nothing. Chromium resolves no
host name, and the suite's network block allows only the loopback connection to chromedriver.
Every check compares the page with the JSON output of the same inputs, never with fixed counts.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import subprocess
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select
from test_render_html import hostile_run, write_hostile

from quotes.cli import main
from quotes.render.html import render_html

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SCREENSHOT = ROOT / "docs" / "report.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",  # /dev/shm is small in containers; chromium crashes without this
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no host name resolves: the page cannot reach a network
    "--window-size=1280,1400",
)
LOAD_LIMIT = 2.0  # seconds, the target for a hostile page
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _blocked(*args: Any, **kwargs: Any) -> Any:
    raise OSError("network access is blocked in tests (quotes never uses the network)")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Overrides conftest's: WebDriver speaks HTTP to chromedriver on loopback; nothing else may connect."""
    connect, connect_ex, getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def local(address: Any) -> bool:
        return isinstance(address, tuple) and address[0] in _LOOPBACK

    monkeypatch.setattr(socket.socket, "connect", lambda s, a: connect(s, a) if local(a) else _blocked())
    monkeypatch.setattr(socket.socket, "connect_ex", lambda s, a: connect_ex(s, a) if local(a) else _blocked())
    monkeypatch.setattr(socket, "create_connection", _blocked)
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: getaddrinfo(host, *a, **k) if host in _LOOPBACK else _blocked())


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """One headless chromium for the module, with a fresh profile."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing and shutil.which("apt-get") and os.geteuid() == 0:
        # The README's test command on a fresh Debian machine: the test setup installs the browser.
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"], check=False,
                       env=env, capture_output=True)
        missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: the browser tests need Debian's chromium; "
                    "install it with `apt-get install -y chromium chromium-driver` (.ci/run does)", pytrace=False)
    os.environ["SE_OFFLINE"] = "true"  # belt and braces: Selenium Manager must not download a driver
    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", *args, "--exit-zero"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _report(folder: Path, *inputs: Path) -> tuple[Path, dict[str, Any]]:
    """`quotes check … --format html --output` and the `--format json` of the same inputs."""
    page = folder / "report.html"
    _cli(*map(str, inputs), "--format", "html", "--output", str(page))
    return page, json.loads(_cli(*map(str, inputs), "--format", "json"))


def _open(driver: WebDriver, page: Path) -> float:
    """Load the page; return its load time in seconds (navigation start to load event end)."""
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.get(page.as_uri())
    timing = driver.execute_script(
        "const t = performance.getEntriesByType('navigation')[0]; return [t.startTime, t.loadEventEnd];")
    return float(timing[1] - timing[0]) / 1000


def _severe(driver: WebDriver) -> list[dict[str, Any]]:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _requests(driver: WebDriver) -> list[str]:
    """Every URL the page asked for, from the DevTools performance log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


@pytest.fixture(scope="module")
def seeds(browser: WebDriver, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], float]:
    folder = tmp_path_factory.mktemp("seeds")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)  # relative paths, as a user would type them (and as the README's picture shows)
        page, data = _report(folder, Path("seeds"))
    return page, data, _open(browser, page)


def test_the_seeds_report_loads_without_errors_or_network(browser: WebDriver, seeds: tuple[Path, dict, float]) -> None:
    page, _, _ = seeds
    seconds = _open(browser, page)
    assert _severe(browser) == []
    assert seconds < LOAD_LIMIT
    assert _requests(browser) == [page.as_uri()], "the page loads nothing but itself"
    assert browser.find_element(By.ID, "filters").is_displayed(), "the report's own script ran"


def test_groups_and_findings_shown_match_the_json(browser: WebDriver, seeds: tuple[Path, dict, float]) -> None:
    page, data, _ = seeds
    _open(browser, page)
    shown = browser.execute_script("""
        return Array.from(document.querySelectorAll('section[data-group]')).map(s => [
            s.dataset.group, s.offsetHeight > 0,
            Array.from(s.querySelectorAll('tr[data-quote]')).map(r => [r.dataset.quote, r.dataset.drift])]);""")
    assert [(g, visible, [tuple(r) for r in rows]) for g, visible, rows in shown] == [
        (g["id"], True, [(m["quote"], m["drift"]) for m in g["members"]]) for g in data["groups"]
    ]
    rows = browser.find_elements(By.CSS_SELECTOR, "#findings-table tbody tr")
    assert [(r.get_attribute("data-code"), r.get_attribute("data-quote") or None, r.is_displayed()) for r in rows] == [
        (f["code"], f["quote"], True) for f in data["findings"]
    ]
    for group in data["groups"]:
        for m in group["members"]:
            if m["drift"] in ("wording", "meaning"):
                marked = browser.find_elements(By.CSS_SELECTOR, f'tr[data-quote="{m["quote"]}"] ins.chg.{m["drift"]}')
                assert marked and all(e.is_displayed() for e in marked)
                colour = marked[0].value_of_css_property("background-color")
                assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "drift is highlighted"


def test_the_filters_hide_rows(browser: WebDriver, seeds: tuple[Path, dict, float]) -> None:
    page, data, _ = seeds
    _open(browser, page)
    codes = sorted({f["code"] for f in data["findings"]})
    assert len(codes) >= 2, "the seeds have findings of two codes or more, so a filter has rows to hide"
    code = Select(browser.find_element(By.ID, "filter-code"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#findings-table tbody tr")
    for wanted in codes:
        code.select_by_value(wanted)
        visible = [r.get_attribute("data-code") for r in rows if r.is_displayed()]
        assert visible == [f["code"] for f in data["findings"] if f["code"] == wanted]
        assert str(len(visible)) in browser.find_element(By.ID, "shown").text
    severity = Select(browser.find_element(By.ID, "filter-severity"))
    code.select_by_value("")
    wanted = data["findings"][0]["severity"]
    severity.select_by_value(wanted)
    assert [r.get_attribute("data-severity") for r in rows if r.is_displayed()] == [
        f["severity"] for f in data["findings"] if f["severity"] == wanted
    ]
    browser.find_element(By.ID, "filter-reset").click()
    assert all(r.is_displayed() for r in rows)
    # A code in the summary filters the table too (a real link: keyboard and mouse alike).
    browser.find_element(By.CSS_SELECTOR, f'#by-code a[data-code="{codes[-1]}"]').click()
    assert {r.get_attribute("data-code") for r in rows if r.is_displayed()} == {codes[-1]}


def test_sorting_by_code_and_back(browser: WebDriver, seeds: tuple[Path, dict, float]) -> None:
    page, data, _ = seeds
    _open(browser, page)
    browser.find_element(By.CSS_SELECTOR, 'th[data-sort="code"] button').click()
    order = [r.get_attribute("data-code") for r in browser.find_elements(By.CSS_SELECTOR, "#findings-table tbody tr")]
    assert order == sorted(f["code"] for f in data["findings"])
    assert browser.find_element(By.CSS_SELECTOR, 'th[data-sort="code"]').get_attribute("aria-sort") == "ascending"
    browser.find_element(By.CSS_SELECTOR, 'th[data-sort="n"] button').click()
    numbers = [int(r.get_attribute("data-n")) for r in browser.find_elements(By.CSS_SELECTOR, "#findings-table tbody tr")]
    assert numbers == list(range(1, len(data["findings"]) + 1))


def test_a_quote_shows_its_speaker_on_keyboard_focus(browser: WebDriver, seeds: tuple[Path, dict, float]) -> None:
    page, data, _ = seeds
    _open(browser, page)
    spoken = next(q for q in data["quotes"] if q["speech"] and q["speaker"])
    mark = browser.find_element(By.CSS_SELECTOR, f'mark.q[title*="{spoken["speaker"]}"]')
    before = browser.execute_script("return getComputedStyle(arguments[0], '::after').content", mark)
    browser.execute_script("arguments[0].focus()", mark)
    assert browser.switch_to.active_element == mark
    after = browser.execute_script("return getComputedStyle(arguments[0], '::after').content", mark)
    assert before in ("none", "normal") and spoken["speaker"] in after


def _png_colours(png: bytes) -> tuple[int, int, int]:
    """(width, height, distinct colours) of an 8-bit RGB or RGBA non-interlaced PNG, decoded by hand."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks, head = 8, [], b""
    while at < len(png):
        size, kind = struct.unpack(">I4s", png[at : at + 8])
        body = png[at + 8 : at + 8 + size]
        if kind == b"IHDR":
            head = body
        elif kind == b"IDAT":
            chunks.append(body)
        at += 12 + size
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", head)
    assert depth == 8 and colour_type in (2, 6) and interlace == 0
    bpp = 3 if colour_type == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks)), width * bpp
    previous, colours = bytearray(stride), set()
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up, corner = previous[x], previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        colours.update(bytes(line[x : x + 3]) for x in range(0, stride, bpp))
        previous = line
    return width, height, len(colours)


def test_a_screenshot_of_the_seeds_report_is_not_blank(browser: WebDriver, seeds: tuple[Path, dict, float]) -> None:
    page, _, _ = seeds
    _open(browser, page)
    # Tall enough for the summary, the groups and the findings: the README's picture of the page.
    browser.set_window_size(1200, 1400)
    top = browser.execute_script("return document.getElementById('sources').getBoundingClientRect().top")
    browser.set_window_size(1200, min(int(top) + 10, 2600))
    try:
        png = browser.get_screenshot_as_png()
    finally:
        browser.set_window_size(1280, 1400)
    width, height, colours = _png_colours(png)
    assert width >= 800 and height >= 600
    assert colours > 100, f"only {colours} colours: a blank or unstyled page"
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.write_bytes(png)  # the README's picture, made here so it shows the page as it is


def test_a_blank_page_fails_the_colour_check(browser: WebDriver, tmp_path: Path) -> None:
    """The screenshot check can fail: an empty page has a handful of colours."""
    blank = tmp_path / "blank.html"
    blank.write_text("<!doctype html><title>blank</title>", encoding="utf-8")
    _open(browser, blank)
    assert _png_colours(browser.get_screenshot_as_png())[2] < 10


def _assert_inert(driver: WebDriver, page: Path) -> float:
    seconds = _open(driver, page)
    assert driver.execute_script("return typeof window.__pwned") == "undefined", "an injected script ran"
    injected = driver.execute_script("""
        return [document.scripts.length, document.querySelectorAll('img, svg, iframe, object, embed').length,
                Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes))
                     .filter(a => a.name.startsWith('on')).length];""")
    assert injected == [1, 0, 0], "only the report's own script, and no injected element or handler"
    assert _severe(driver) == []
    assert _requests(driver) == [page.as_uri()]
    assert driver.find_element(By.ID, "filters").is_displayed(), "the report's own script ran"
    # Open each collapsed part (a source, a cut quote's whole text: the 1 MB line too), as a reader would.
    for details in driver.find_elements(By.CSS_SELECTOR, "details:not([open])"):
        started = time.perf_counter()
        driver.execute_script("arguments[0].open = true; return document.body.offsetHeight;", details)
        assert time.perf_counter() - started < LOAD_LIMIT
    for link in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
        assert link.get_attribute("href").startswith(page.as_uri() + "#")
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    return seconds


def test_a_hostile_article_is_inert_and_fast(browser: WebDriver, tmp_path: Path) -> None:
    inputs = write_hostile(tmp_path)
    page, data = _report(tmp_path, *inputs)
    seconds = _assert_inert(browser, page)
    assert seconds < LOAD_LIMIT, f"the page took {seconds:.2f} s to load"
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__pwned = 1</script>" in body
    assert "javascript:window.__pwned=5" in body
    assert len(browser.find_elements(By.CSS_SELECTOR, "#findings-table tbody tr")) == len(data["findings"])


def test_a_hand_built_hostile_run_is_inert_and_fast(browser: WebDriver, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(render_html(hostile_run()), encoding="utf-8")
    seconds = _assert_inert(browser, page)
    assert seconds < LOAD_LIMIT, f"the page took {seconds:.2f} s to load"
    assert "window.__pwned=1" in browser.find_element(By.CSS_SELECTOR, "section[data-group] h3").text
