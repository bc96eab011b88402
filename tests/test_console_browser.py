"""The console end to end in a real headless Chromium (Debian's chromium + chromium-driver)."""

import shutil
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")),
                                 reason="needs Debian's chromium and chromium-driver")]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1000,1200"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    yield driver
    driver.quit()


def ask(browser, base, text, crs=None):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get(base + "/")
    box = browser.find_element(By.ID, "query")
    assert browser.switch_to.active_element == box          # keyboard-first: focus is in the input
    if crs:
        Select(browser.find_element(By.ID, "crs")).select_by_value(crs)
        box.click()
    started = time.perf_counter()
    box.send_keys(text, Keys.ENTER)
    WebDriverWait(browser, 10).until(ec.visibility_of_element_located((By.ID, "result")))
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "status").text)
    return time.perf_counter() - started


def test_address_shows_manager_card_and_map(browser, live_server):
    from selenium.webdriver.common.by import By

    ask(browser, live_server, "青岛市北区合肥路街道同德路82号")
    assert browser.find_element(By.ID, "manager-name").text == "周辉国"
    phone = browser.find_element(By.ID, "manager-phone")
    assert phone.text == "19862252355" and phone.get_attribute("href") == "tel:19862252355"
    assert browser.find_element(By.ID, "territory").text == "合肥路街道"
    assert browser.find_element(By.ID, "status").get_attribute("data-status") == "assigned"
    time.sleep(0.3)   # the map fetches the territory geometry after the card
    assert browser.find_elements(By.CSS_SELECTOR, "#map path.territory")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "console-assigned.png"))


def test_ambiguous_address_lists_candidates(browser, live_server):
    from selenium.webdriver.common.by import By

    ask(browser, live_server, "崂山区中韩街道海尔路65号")
    assert browser.find_element(By.ID, "status").get_attribute("data-status") == "ambiguous"
    assert not browser.find_element(By.ID, "manager").is_displayed()
    candidates = browser.find_element(By.ID, "candidates").text
    assert "赵耀" in candidates and "于亚辰" in candidates
    browser.save_screenshot(str(ARTIFACTS / "console-ambiguous.png"))


def test_pasted_gcj02_coordinates(browser, live_server):
    from selenium.webdriver.common.by import By

    ask(browser, live_server, "120.315203, 36.070258", crs="gcj02")
    assert browser.find_element(By.ID, "manager-name").text == "金志新"
    assert browser.find_element(By.ID, "territory").text == "中山路街道"


def test_escape_clears_for_the_next_call(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    ask(browser, live_server, "黄岛区长江路街道")
    assert browser.find_element(By.ID, "status").get_attribute("data-status") == "outside_service_area"
    browser.find_element(By.ID, "query").send_keys(Keys.ESCAPE)
    assert browser.find_element(By.ID, "query").get_attribute("value") == ""
    assert not browser.find_element(By.ID, "result").is_displayed()
