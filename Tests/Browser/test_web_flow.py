"""The web interface in a real browser (Debian's chromium, driven by selenium), against
the demo network started as a person starts it: a commune clerk enters a report, meets a
validation error, fixes it and submits; the leader approves and signs it; the district
returns it with a reason; the clerk sees the reason, corrects and resends; the district
accepts and its aggregate shows the figure.

Along the way: a screenshot of each main page (written to ARTIFACTS), no request leaves
loopback, no page scrolls sideways at 375 pixels, and axe-core finds no serious or
critical violation on the main pages.

Run by Scripts/test-browser; BAOCAO binary and ARTIFACTS directory from the environment.
"""
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from urllib.parse import urlparse

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BAOCAO = os.environ.get("BAOCAO", os.path.join(ROOT, ".build", "debug", "baocao"))
ARTIFACTS = os.environ.get("ARTIFACTS", os.path.join(ROOT, ".build", "browser-artifacts"))
PORT_BASE = int(os.environ.get("BAOCAO_BROWSER_PORT_BASE", "29700"))
PASSWORD = "baocao-demo-2026"
COMMUNE, DISTRICT, PROVINCE = "04792", "148", "17"
REGIME, PERIOD = "KTXH-THANG", "2026-11"


class DemoNetwork:
    """`baocao demo` in a fresh directory; the web address of each unit from its banner."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="baocao-browser-")
        self.process = subprocess.Popen(
            [BAOCAO, "demo", "--dir", self.directory, "--port-base", str(PORT_BASE), "--repository", ROOT],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.urls = {}
        deadline = time.time() + 300
        banner = ""
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            banner += line
            match = re.search(r"\((\w[\w-]*)\): giao diện web (http://127\.0\.0\.1:\d+)/", line)
            if match:
                self.urls[match.group(1)] = match.group(2)
            if "Nhấn Ctrl-C" in line:
                return
        self.stop()
        raise RuntimeError("the demo network did not start:\n" + banner)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.directory, ignore_errors=True)


def make_driver():
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768",
                     "--lang=vi-VN", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-default-apps", "--disable-sync"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.implicitly_wait(2)
    return driver


class WebFlowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.network = DemoNetwork()
        cls.driver = make_driver()
        cls.requests = []
        cls.axe_findings = {}
        cls.shots = []

    @classmethod
    def tearDownClass(cls):
        try:
            cls.driver.quit()
        finally:
            cls.network.stop()

    # -- helpers ---------------------------------------------------------------

    def url(self, unit, path="/"):
        return self.network.urls[unit] + path

    def collect_requests(self):
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                self.requests.append(message["params"]["request"]["url"])

    def open(self, unit, path="/"):
        self.driver.get(self.url(unit, path))
        self.collect_requests()

    def sign_in(self, unit, login):
        self.open(unit, "/dang-nhap")
        if "/dang-nhap" not in self.driver.current_url:
            self.sign_out(unit)
            self.open(unit, "/dang-nhap")
        self.driver.find_element(By.ID, "login").send_keys(login)
        self.driver.find_element(By.ID, "password").send_keys(PASSWORD)
        button = self.driver.find_element(By.CSS_SELECTOR, "form[action='/dang-nhap'] button[type=submit]")
        button.click()
        self.wait_gone(button)
        self.collect_requests()
        self.assertNotIn("/dang-nhap", self.driver.current_url, self.main_text())

    def sign_out(self, unit):
        self.open(unit, "/")
        buttons = self.driver.find_elements(By.CSS_SELECTOR, "form.signout button")
        if buttons:
            buttons[0].click()
            self.wait_gone(buttons[0])

    def main_text(self):
        return self.driver.find_element(By.TAG_NAME, "main").text

    def click(self, text):
        """Clicks the button whose label contains `text`."""
        for button in self.driver.find_elements(By.TAG_NAME, "button"):
            if text in button.text:
                button.click()
                # Every button here submits a form: wait for the next page to replace this one.
                self.wait_gone(button)
                self.collect_requests()
                return
        self.fail(f"no button '{text}' on {self.driver.current_url}:\n{self.main_text()}")

    def wait_gone(self, element):
        """Waits for the next page to replace the one `element` was on. Chromium says a node
        of the old page is gone either as a stale element or as an inspector error."""
        def gone(_):
            try:
                element.is_enabled()
                return False
            except WebDriverException:
                return True
        WebDriverWait(self.driver, 30).until(gone)

    def follow(self, text):
        """Follows the first link whose text contains `text`, waiting for the next page."""
        link = self.driver.find_elements(By.PARTIAL_LINK_TEXT, text)[0]
        link.click()
        self.wait_gone(link)
        self.collect_requests()

    def shot(self, name):
        path = os.path.join(ARTIFACTS, f"{len(self.shots) + 1:02d}-{name}.png")
        self.driver.save_screenshot(path)
        self.shots.append(path)

    def check_page(self, name):
        """Screenshot, axe-core, and no sideways scrolling at a phone's 375 pixels."""
        self.shot(name)
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        self.axe_findings[name] = [(v["id"], v["impact"], len(v["nodes"])) for v in serious]
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": 375, "height": 740, "deviceScaleFactor": 1, "mobile": True})
        try:
            overflow = self.driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            self.shot(name + "-375px")
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        self.assertLessEqual(overflow, 0, f"{name} scrolls sideways by {overflow}px at 375px")
        self.assertEqual(serious, [], f"axe-core on {name}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']}" for v in serious))

    def wait_for(self, unit, path, predicate, what, seconds=90):
        deadline = time.time() + seconds
        while time.time() < deadline:
            self.open(unit, path)
            if predicate(self.main_text()):
                return
            time.sleep(2)
        self.fail(f"{what} did not happen within {seconds} s; page:\n{self.main_text()}")

    def fill_report(self, overrides):
        """Types every figure of the sample CSV (the Vietnamese way) into the form."""
        with open(os.path.join(ROOT, "Config", "samples", "ktxh-thang-xa.csv"), encoding="utf-8") as f:
            rows = [r for r in csv.reader(f, delimiter=";")][1:]
        for code, value in rows:
            fields = self.driver.find_elements(By.NAME, "v_" + code)
            if not fields:
                continue
            fields[0].clear()
            fields[0].send_keys(overrides.get(code, value))

    def approve_sections(self):
        while True:
            buttons = [b for b in self.driver.find_elements(By.TAG_NAME, "button") if b.text.startswith("Duyệt số liệu:")]
            if not buttons:
                return
            buttons[0].click()
            self.wait_gone(buttons[0])
            self.collect_requests()

    def report_id(self):
        match = re.search(r"/bao-cao/(\d+)", self.driver.current_url)
        self.assertIsNotNone(match, f"not on a report page ({self.driver.current_url}):\n{self.main_text()}")
        return match.group(1)

    # -- the flow ---------------------------------------------------------------

    def test_report_goes_up_is_returned_corrected_and_accepted(self):
        self.open(COMMUNE, "/dang-nhap")
        self.check_page("dang-nhap")

        # The clerk signs in: the home page lists what the commune must report.
        self.sign_in(COMMUNE, "nhaplieu")
        self.assertIn("Các báo cáo đơn vị phải gửi", self.main_text())
        self.check_page("trang-chu")

        # A new report from the form generated from the catalog.
        self.open(COMMUNE, "/bao-cao")
        Select(self.driver.find_element(By.ID, "regime")).select_by_value(REGIME)
        self.driver.find_element(By.ID, "period").send_keys(PERIOD)
        self.click("Lập báo cáo")
        report = self.report_id()
        self.assertIn("đang soạn", self.main_text())

        # A figure typed wrong is named inline and nothing is saved; fixed, it saves.
        self.fill_report({"NN01": "12,3,4"})
        self.click("Lưu nháp")
        self.assertIn("Chưa lưu: có 1 ô cần sửa", self.main_text())
        field = self.driver.find_element(By.ID, "v-NN01")
        self.assertEqual(field.get_attribute("aria-invalid"), "true")
        self.assertEqual(field.get_attribute("value"), "12,3,4")
        self.check_page("nhap-lieu-loi")
        field = self.driver.find_element(By.ID, "v-NN01")
        field.clear()
        field.send_keys("1.245,5")
        self.driver.find_element(By.ID, "narrative").send_keys("Tình hình kinh tế – xã hội tháng 11 ổn định.")
        self.click("Lưu nháp")
        self.assertIn("Đã lưu nháp", self.main_text())
        self.assertEqual(self.driver.find_element(By.ID, "v-NN01").get_attribute("value"), "1.245,5")
        # The narrative's attached file travels with the signed report.
        attachment = os.path.join(tempfile.mkdtemp(prefix="baocao-tep-"), "Thuyết minh tháng 11.txt")
        with open(attachment, "w", encoding="utf-8") as f:
            f.write("Sản xuất nông nghiệp ổn định; không có thiên tai.")
        self.driver.find_element(By.ID, "tep").send_keys(attachment)
        self.click("Đính kèm")
        self.assertIn("Thuyết minh tháng 11.txt", self.main_text())

        # The leader approves each section's figures; the clerk submits; the leader signs.
        self.sign_in(COMMUNE, "lanhdao")
        self.open(COMMUNE, "/bao-cao/" + report)
        self.approve_sections()
        self.check_page("duyet-so-lieu")
        self.sign_in(COMMUNE, "nhaplieu")
        self.open(COMMUNE, "/bao-cao/" + report)
        self.click("Lưu và trình lãnh đạo duyệt")
        self.assertIn("chờ lãnh đạo duyệt", self.main_text())
        self.sign_in(COMMUNE, "lanhdao")
        self.open(COMMUNE, "/duyet")
        self.check_page("cho-duyet")
        self.open(COMMUNE, "/bao-cao/" + report)
        self.click("Duyệt và ký số")
        self.assertIn("đã duyệt, đã ký", self.main_text())
        self.click("Gửi báo cáo")
        self.assertIn("đã gửi", self.main_text())
        self.open(COMMUNE, "/dong-bo")
        self.check_page("dong-bo")

        # The district receives it, checks the signature, and returns it with a reason.
        self.sign_in(DISTRICT, "tonghop")
        self.wait_for(DISTRICT, "/hop-thu", lambda t: "Phường Tân Hòa" in t, "the report reaching the district")
        self.check_page("bao-cao-den")
        self.follow("Phường Tân Hòa")
        self.assertIn("Chữ ký của đơn vị hợp lệ", self.main_text())
        self.assertIn("Thuyết minh tháng 11.txt", self.main_text())
        self.check_page("bao-cao-den-chi-tiet")
        self.driver.find_element(By.ID, "return-reason").send_keys("Diện tích gieo cấy lúa chưa khớp số liệu thống kê")
        self.click("Trả lại đơn vị")
        self.assertIn("bị trả lại", self.main_text())

        # The clerk sees the reason first, corrects in a new revision and it goes up again.
        self.sign_in(COMMUNE, "nhaplieu")
        self.wait_for(COMMUNE, "/", lambda t: "Diện tích gieo cấy lúa chưa khớp" in t, "the return reaching the commune")
        self.check_page("trang-chu-bi-tra-lai")
        self.click("Lập lần sửa 2")
        revision = self.report_id()
        field = self.driver.find_element(By.ID, "v-NN01")
        field.clear()
        field.send_keys("1.300,5")
        self.click("Lưu nháp")
        self.sign_in(COMMUNE, "lanhdao")
        self.open(COMMUNE, "/bao-cao/" + revision)
        self.approve_sections()
        self.sign_in(COMMUNE, "nhaplieu")
        self.open(COMMUNE, "/bao-cao/" + revision)
        self.click("Lưu và trình lãnh đạo duyệt")
        self.sign_in(COMMUNE, "lanhdao")
        self.open(COMMUNE, "/bao-cao/" + revision)
        self.click("Duyệt và ký số")
        self.click("Gửi báo cáo")

        # The district accepts revision 2; its aggregate shows the corrected figure.
        self.sign_in(DISTRICT, "tonghop")
        self.wait_for(DISTRICT, "/hop-thu", lambda t: re.search(r"Phường Tân Hòa.*KTXH-THANG\s+2026-11\s+2\b", t) is not None,
                      "revision 2 reaching the district")
        self.follow("Phường Tân Hòa")
        self.assertIn("lần 2", self.main_text())
        self.click("Chấp nhận báo cáo")
        self.assertIn("đã chấp nhận", self.main_text())
        self.open(DISTRICT, f"/tong-hop/xem?regime={REGIME}&period={PERIOD}")
        cell = self.driver.find_element(By.CSS_SELECTOR, "td[data-key='NN01']")
        self.assertEqual(cell.text, "1.300,5")
        self.check_page("tong-hop")
        self.follow("Phường Tân Hòa")
        self.check_page("so-lieu-don-vi")
        self.open(DISTRICT, "/thong-bao")
        self.check_page("thong-bao")
        # The province's regimes (seed 000 art. 5.1): the seed's own, with the note beside each assumed deadline.
        self.open(DISTRICT, "/che-do")
        self.assertIn("Báo cáo tình hình quản lý, vận hành, khai thác và bảo trì cầu đường giao thông nông thôn", self.main_text())
        self.assertIn("Quyết định số 12/2019/QĐ-UBND", self.main_text())
        self.check_page("che-do")
        self.sign_in(DISTRICT, "quantri")
        self.open(DISTRICT, "/quan-tri")
        self.check_page("quan-tri")
        self.open(DISTRICT, "/quan-tri/nhat-ky")
        # Intact, and checked against the heads other units hold (the commune's reports carried them up).
        self.assertRegex(self.main_text(), r"Nhật ký hệ thống toàn vẹn: \d+ mục, chuỗi băm đúng, khớp [1-9]\d* mốc neo do \d+ giữ")
        self.check_page("nhat-ky")
        self.open(PROVINCE, "/cong-khai")
        self.check_page("cong-khai")

        # Nothing the browser asked for left this machine.
        foreign = [u for u in self.requests if urlparse(u).scheme in ("http", "https")
                   and urlparse(u).hostname not in ("127.0.0.1", "localhost")]
        self.assertEqual(foreign, [], "requests leaving loopback")
        self.assertGreater(len(self.requests), 20)

    def test_unit_dashboard_breakdowns_outline_and_wide_tables_on_a_phone(self):
        """Issue 21 items 6, 12 and 15 in the browser: the report outline where the narrative
        is written (000 art. 13.1), figures by breakdown typed in the form, the unit's own
        dashboard on its home page (002 art. 10.1e; 000 art. 13.4), and the consolidated
        table scrolling inside its frame at a phone's 375 pixels while the page does not."""
        period = "2026-10"
        self.sign_in(COMMUNE, "nhaplieu")
        self.open(COMMUNE, "/bao-cao")
        Select(self.driver.find_element(By.ID, "regime")).select_by_value(REGIME)
        self.driver.find_element(By.ID, "period").send_keys(period)
        self.click("Lập báo cáo")
        report = self.report_id()
        # 000 art. 13.1: each heading of the outline its own field, its guidance beside it.
        heading = self.driver.find_element(By.CSS_SELECTOR, "label[for='narrative-1']")
        self.assertEqual(heading.text, "I. Tình hình kinh tế")
        guidance = self.driver.find_element(By.ID, self.driver.find_element(By.ID, "narrative-1").get_attribute("aria-describedby"))
        self.assertIn("Kết quả sản xuất nông, lâm nghiệp", guidance.text)
        self.driver.find_element(By.ID, "narrative-1").send_keys("Lúa mùa thu hoạch xong.")
        # Figures by breakdown typed in the browser.
        for field, value in (("v-LD01", "62"), ("v-LD01-GT-nam-", "35"), ("v-LD01-GT-nu-", "27")):
            element = self.driver.find_element(By.ID, field)
            element.clear()
            element.send_keys(value)
        self.click("Lưu nháp")
        self.assertIn("Đã lưu nháp", self.main_text())
        self.assertEqual(self.driver.find_element(By.ID, "v-LD01-GT-nu-").get_attribute("value"), "27")
        self.assertEqual(self.driver.find_element(By.ID, "narrative-1").get_attribute("value"), "Lúa mùa thu hoạch xong.")
        self.check_page("nhap-lieu-phan-to")
        self.open(COMMUNE, f"/bao-cao/{report}/in")
        self.assertIn("I. Tình hình kinh tế\nLúa mùa thu hoạch xong.", self.main_text())

        # 002 art. 10.1e: the clerk puts LD01 on the unit's dashboard; the home page draws it.
        self.open(COMMUNE, "/")
        Select(self.driver.find_element(By.ID, "muc")).select_by_value(f"{REGIME}/LD01")
        Select(self.driver.find_element(By.ID, "bieu-do")).select_by_value("bars")
        self.click("Thêm vào bảng điều khiển")
        figure = self.driver.find_element(By.CSS_SELECTOR, "figure.dashboard-item")
        self.assertIn("LD01 Số lao động được tạo việc làm mới", figure.text)
        self.assertIn(f"{period}: 62", figure.find_element(By.TAG_NAME, "desc").get_attribute("textContent"))
        self.check_page("bang-dieu-khien")
        # Kept for the unit: the leader sees the same dashboard.
        self.sign_in(COMMUNE, "lanhdao")
        self.open(COMMUNE, "/")
        self.assertIn("LD01 Số lao động được tạo việc làm mới", self.driver.find_element(By.CSS_SELECTOR, "figure.dashboard-item").text)

        # The completeness table of the consolidated view (one row per unit below, always
        # there) is wider than a phone: it scrolls inside its frame, its columns stay
        # readable, and the page itself does not scroll sideways.
        self.sign_in(DISTRICT, "tonghop")
        self.open(DISTRICT, f"/tong-hop/xem?regime={REGIME}&period={period}")
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": 375, "height": 740, "deviceScaleFactor": 1, "mobile": True})
        try:
            measures = self.driver.execute_script("""
                const frame = document.querySelector("section[aria-labelledby='tinh-hinh'] .table-wrap");
                const name = frame.querySelector('tbody td:nth-child(1)');
                return {page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                        frame: frame.scrollWidth - frame.clientWidth, overflow: getComputedStyle(frame).overflowX,
                        name: name.getBoundingClientRect().width};""")
            self.shot("tong-hop-375px-cuon-bang")
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        self.assertLessEqual(measures["page"], 0, f"the page scrolls sideways: {measures}")
        self.assertGreater(measures["frame"], 0, f"the table squeezes instead of scrolling in its frame: {measures}")
        self.assertEqual(measures["overflow"], "auto")
        self.assertGreaterEqual(measures["name"], 140, f"the units' names are squeezed: {measures}")

    def test_clerk_cannot_reach_approval_or_admin_pages(self):
        self.sign_in(COMMUNE, "nhaplieu")
        menu = self.driver.find_element(By.CSS_SELECTOR, "nav.menu").text
        self.assertNotIn("Quản trị", menu)
        self.assertNotIn("Duyệt", menu)
        self.open(COMMUNE, "/quan-tri")
        self.assertIn("Không có quyền", self.main_text())
        self.open(COMMUNE, "/quan-tri/nhat-ky")
        self.assertIn("Không có quyền", self.main_text())


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
