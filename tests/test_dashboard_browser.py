"""The dashboard in a real browser (Debian's headless Chromium, driven by Selenium through chromedriver), against the
running bot and the fake Telegram: opened from /admin with signed initData, charts drawn, a person found, 3 credits
granted, the grant in /history; no request leaves the bot's origin.

Selenium is blocking and the bot runs in this test's event loop, so every browser step runs in a thread.
The browser is never downloaded: Selenium gets the paths of the Debian packages, so its manager stays idle. Without
those packages the test is skipped, unless FACESHIFT_REQUIRE_BROWSER=1 (CI), where it fails.
``FACESHIFT_DASHBOARD_SCREENSHOT=docs/dashboard.png`` saves the README's screenshots there (``make screenshot``).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.fakes.telegram import FakeTelegram
from tests.fakes.telegram.webapp import DARK_THEME
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, running_bot
from tests.support.conversation import ADMIN_ID, ask, audit, text_of, wait_result, wait_text
from tests.support.images import FACE
from tests.support.payments import buy, paying

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT = 20.0  # seconds a browser wait may take at most (each ends as soon as its condition holds)


def _require_browser() -> None:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    if not missing:
        return
    reason = f"the browser test needs {', '.join(missing)} (apt-get install chromium chromium-driver)"
    if os.environ.get("FACESHIFT_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=390,844",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--lang=en-US",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        # A phone's screen: 390x844 CSS pixels (an iPhone 14), as the page is laid out in Telegram.
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
        )
        yield driver
    finally:
        driver.quit()


def wait_for(driver: Any, condition: Callable[[Any], Any], what: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT, poll_frequency=0.05).until(condition, message=f"waiting for {what}")


PAINTED = """
return Array.from(document.querySelectorAll(arguments[0])).map((canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
  return [canvas.id, canvas.width, canvas.height, painted];
});
"""


async def test_dashboard_in_a_browser(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot, browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    admin = tg.user(ADMIN_ID, "Ada", username="ada")
    alice, bob = tg.user(1001, "Alice", username="alice"), tg.user(1002, "Bob", username="bob")
    await ask(tg, alice, "/start")
    await alice.send_photo(alice, FACE, caption="/older")
    await wait_result(tg, alice)
    await bob.send_photo(bob, FACE, caption="/detect")
    await wait_result(tg, bob)
    vendors.ailab.fail(422, "ERROR_NO_FACE_IN_FILE")
    await bob.send_photo(bob, FACE, caption="/younger")
    await wait_text(tg, bob, "did not cost anything")

    # The admin asks for the dashboard and presses the button: the client opens it with signed initData.
    await admin.send_text(admin, "/admin")
    url = admin.open_web_app(await tg.wait_for_bot_message(admin), "📊 Open the dashboard", theme=DARK_THEME)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(bot.web_url))
    assert url.startswith(f"{origin}/admin/#tgWebAppData=")

    def overview() -> dict[str, Any]:
        driver.get("about:blank")
        driver.get_log("performance")  # drop what the browser did before (its own start page): the page's own from here
        driver.get(url)
        wait_for(driver, lambda d: d.execute_script("return document.body.dataset.overview") == "ready", "overview")
        painted = {name: (w, h, n) for name, w, h, n in driver.execute_script(PAINTED, "#tab-overview canvas")}
        return {
            "painted": painted,
            "jobs": driver.execute_script(
                "return Chart.getChart('chart-jobs').data.datasets.map((d) => [d.label, d.data.at(-1)])"
            ),
            "cards": driver.find_element(By.ID, "cards").text,
            "background": driver.execute_script("return getComputedStyle(document.body).backgroundColor"),
            "overflow": driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth"),
            "problem": driver.find_element(By.ID, "problem").is_displayed(),
        }

    seen = await asyncio.to_thread(overview)
    assert not seen["problem"]
    for name in ("chart-jobs", "chart-latency", "chart-money"):
        width, height, painted = seen["painted"][name]
        assert width > 0 and height > 0 and painted > 500, (name, seen["painted"][name])
    assert "chart-stars" in seen["painted"] and seen["painted"]["chart-stars"][2] == 0  # no payments: not drawn
    assert sorted(seen["jobs"]) == [["ok", 2], ["unusable_photo", 1]]  # today's bar, as the API says
    assert "Jobs today\n3\n67% succeeded" in seen["cards"]
    assert seen["background"] == "rgb(23, 33, 43)"  # Telegram's dark theme (bg_color #17212b)
    assert seen["overflow"] <= 0  # nothing wider than a phone's screen
    await asyncio.to_thread(save_screenshot, driver, tmp_path / "dashboard.png")

    def grant_three() -> str:
        driver.find_element(By.CSS_SELECTOR, "[data-tab='people']").click()
        field = driver.find_element(By.ID, "q")
        field.clear()
        field.send_keys("@alice")
        driver.find_element(By.CSS_SELECTOR, "#search button[type='submit']").click()
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#results [data-person='1001']"), "Alice found")
        driver.find_element(By.CSS_SELECTOR, "#results [data-person='1001']").click()
        wait_for(driver, lambda d: d.find_element(By.ID, "person").is_displayed(), "Alice's page")
        assert "Alice (@alice, id 1001)" in driver.find_element(By.ID, "person-name").text
        driver.find_element(By.CSS_SELECTOR, "[data-action='grant']").click()
        wait_for(driver, lambda d: d.find_element(By.ID, "confirm").is_displayed(), "the confirmation")
        amount = driver.find_element(By.ID, "confirm-input")
        amount.clear()
        amount.send_keys("3")
        # A double click on Confirm: one grant.
        driver.execute_script("const ok = document.getElementById('confirm-ok'); ok.click(); ok.click();")
        wait_for(driver, lambda d: "Granted 3 credits" in d.find_element(By.ID, "toast").text, "the grant's toast")
        wait_for(
            driver,
            lambda d: "3" in d.find_element(By.CSS_SELECTOR, "[data-testid='person-credits'] .value").text,
            "the new balance",
        )
        text = str(driver.find_element(By.ID, "ledger").text)
        save_screenshot(driver, tmp_path / "dashboard-person.png", top="person")
        return text

    ledger_text = await asyncio.to_thread(grant_three)
    assert "grant" in ledger_text and "admin 900" in ledger_text
    history = await ask(tg, admin, "/history @alice")
    assert "grant 3 credits" in history and "by admin 900" in history
    async with bot.database() as db:
        grants = await db.conn.execute_fetchall("SELECT amount, admin_id FROM ledger WHERE kind = 'grant'")
    assert [tuple(row) for row in grants] == [(3, ADMIN_ID)]

    def vendors_tab() -> tuple[list[Any], str]:
        driver.find_element(By.CSS_SELECTOR, "[data-tab='vendors']").click()
        wait_for(driver, lambda d: d.execute_script("return document.body.dataset.vendors") == "ready", "vendors")
        driver.save_screenshot(str(tmp_path / "dashboard-vendors.png"))
        return driver.execute_script(PAINTED, "#chart-errors"), str(driver.find_element(By.ID, "error-table").text)

    painted, errors = await asyncio.to_thread(vendors_tab)
    assert painted[0][3] > 100 and "422 ERROR_NO_FACE_IN_FILE" in errors

    def requests_made() -> tuple[set[str], list[str], list[Any]]:
        urls: set[str] = set()
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                urls.add(message["params"]["request"]["url"])
        resources = driver.execute_script("return performance.getEntriesByType('resource').map((e) => e.name)")
        problems = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        return urls, resources, problems

    urls, resources, console = await asyncio.to_thread(requests_made)
    assert any(u.startswith(f"{origin}/admin/api/") for u in urls) and any("chart.umd.min.js" in u for u in resources)
    strangers = [u for u in urls | set(resources) if not u.startswith(f"{origin}/") and not u.startswith("data:")]
    assert strangers == [], "the page asked someone else"
    assert console == []  # no script error, no refused content (the CSP would say so here)
    assert await audit(bot) == []


def save_screenshot(driver: Any, path: Path, top: str | None = None) -> None:
    """What the screen shows (from the element ``top`` on, else from the page's top), next to the test's files;
    also in the folder of ``FACESHIFT_DASHBOARD_SCREENSHOT``, the README's pictures, when that is set."""
    if top is None:
        driver.execute_script("window.scrollTo(0, 0)")
    else:
        driver.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", top)
    driver.save_screenshot(str(path))
    named = os.environ.get("FACESHIFT_DASHBOARD_SCREENSHOT")
    if named:
        target = ROOT / named  # relative to the project (tests run in a temporary directory)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target if top is None else target.parent / path.name)


async def test_stars_and_a_refund_in_a_browser(
    tg: FakeTelegram, vendors: FakeVendors, browser: Any, tmp_path: Path
) -> None:
    """While credits are on sale: the Stars chart drawn from a real purchase, and a refund from the person's page
    (confirmed with a double click: one refund), the same as the admins' /refund."""
    from selenium.webdriver.common.by import By

    driver = browser
    admin, alice = tg.user(ADMIN_ID, "Ada", username="ada"), tg.user(1001, "Alice", username="alice")
    async with running_bot(tg, paying(tg, tmp_path, vendors)) as bot:
        charge = await buy(tg, alice)
        await admin.send_text(admin, "/admin")
        url = admin.open_web_app(await tg.wait_for_bot_message(admin), "📊 Open the dashboard")

        def refund() -> tuple[list[Any], str, str]:
            driver.get(url)
            wait_for(driver, lambda d: d.execute_script("return document.body.dataset.overview") == "ready", "overview")
            painted = driver.execute_script(PAINTED, "#chart-stars")
            cards = str(driver.find_element(By.ID, "stars-cards").text)
            driver.find_element(By.CSS_SELECTOR, "[data-tab='people']").click()
            field = driver.find_element(By.ID, "q")
            field.send_keys("@alice")
            driver.find_element(By.CSS_SELECTOR, "#search button[type='submit']").click()
            wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#results [data-person='1001']"), "Alice")
            driver.find_element(By.CSS_SELECTOR, "#results [data-person='1001']").click()
            wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-action='refund']"), "the Refund button")
            driver.find_element(By.CSS_SELECTOR, "[data-action='refund']").click()
            wait_for(driver, lambda d: d.find_element(By.ID, "confirm").is_displayed(), "the confirmation")
            driver.execute_script("const ok = document.getElementById('confirm-ok'); ok.click(); ok.click();")
            wait_for(driver, lambda d: "Refunded 50 Stars" in d.find_element(By.ID, "toast").text, "the toast")
            wait_for(driver, lambda d: "refunded" in d.find_element(By.ID, "payments").text, "the payment refunded")
            return painted, cards, str(driver.find_element(By.ID, "payments").text)

        painted, cards, payments_text = await asyncio.to_thread(refund)
        assert painted[0][3] > 100, painted  # the Stars chart is drawn
        assert "50" in cards
        assert "refunded" in payments_text
        assert charge in text_of(await wait_text(tg, alice, "was refunded"))
        async with bot.database() as db:
            rows = await db.conn.execute_fetchall("SELECT kind, amount, admin_id FROM ledger WHERE kind = 'refund'")
        assert [tuple(row) for row in rows] == [("refund", 10, ADMIN_ID)]
        assert await audit(bot) == []
