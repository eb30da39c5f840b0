"""Many units behind one address in a real browser (Debian's chromium, driven by
selenium): the two-level demo's province and communes run by `baocao host`; a person
picks their commune on the first page, signs in under its path, enters and saves a
report, and the leader approves, signs and sends it; the province, hosted beside it,
receives it under its own path. Every address the pages lead to stays under the unit's
path, nothing leaves loopback, and axe-core finds nothing serious on the first page.

Run by Scripts/test-browser; BAOCAO binary and ARTIFACTS directory from the environment.
"""
import os
import re
import subprocess
import tempfile
import time
import unittest
from urllib.parse import urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

# Only the module: its test class named here would run its own flow again.
import test_web_flow
from test_web_flow import BAOCAO, ROOT, ARTIFACTS, PASSWORD, make_driver

PORT = int(os.environ.get("BAOCAO_BROWSER_HOST_PORT", "29790"))
REGIME, PERIOD = "KTXH-THANG", "2026-11"


class HostedNetwork:
    """The two-level demo's nodes, prepared, then run together by `baocao host`."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="baocao-browser-host-")
        subprocess.run([BAOCAO, "demo", "--two-level", "--prepare-only", "--dir", self.directory, "--port-base", "29800",
                        "--repository", ROOT], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        nodes = os.path.join(self.directory, "hai-cap", "nodes")
        configs = sorted(os.path.join(nodes, name) for name in os.listdir(nodes) if name.endswith(".yaml"))
        self.communes = [os.path.basename(c)[:-5] for c in configs if re.fullmatch(r"\d{5}\.yaml", os.path.basename(c))]
        host = os.path.join(self.directory, "host.yaml")
        with open(host, "w", encoding="utf-8") as f:
            f.write(f'province: "25"\nweb:\n  listen: 127.0.0.1:{PORT}\nsyncIntervalSeconds: 3\nunits:\n')
            f.writelines(f"  - {c}\n" for c in configs)
        self.process = subprocess.Popen([BAOCAO, "host", "--config", host], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.root = f"http://127.0.0.1:{PORT}"
        self.urls = {code: f"{self.root}/{code}" for code in self.communes + ["25"]}
        deadline = time.time() + 120
        banner = ""
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            banner += line
            if "Nhấn Ctrl-C" in line:
                return
        self.stop()
        raise RuntimeError("the host did not start:\n" + banner)

    # The same as the demo network's: SIGINT, then the folder goes.
    stop = test_web_flow.DemoNetwork.stop


class HostedFlowTest(test_web_flow.WebFlowTest):
    # The demo network's own flow is test_web_flow's; here only the hosted one runs.
    test_report_goes_up_is_returned_corrected_and_accepted = None
    test_unit_dashboard_breakdowns_outline_and_wide_tables_on_a_phone = None
    test_clerk_cannot_reach_approval_or_admin_pages = None

    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.network = HostedNetwork()
        cls.driver = make_driver()
        cls.requests = []
        cls.axe_findings = {}
        cls.shots = []

    def sign_in(self, unit, login):
        self.open(unit, "/dang-nhap")
        if "/dang-nhap" not in self.driver.current_url:
            self.sign_out(unit)
            self.open(unit, "/dang-nhap")
        self.driver.find_element(By.ID, "login").send_keys(login)
        self.driver.find_element(By.ID, "password").send_keys(PASSWORD)
        button = self.driver.find_element(By.CSS_SELECTOR, f"form[action='/{unit}/dang-nhap'] button[type=submit]")
        button.click()
        self.wait_gone(button)
        self.collect_requests()
        self.assertNotIn("/dang-nhap", self.driver.current_url, self.main_text())

    def test_commune_picked_on_the_first_page_reports_to_the_hosted_province(self):
        commune = self.network.communes[0]
        self.driver.get(self.network.root + "/")
        self.collect_requests()
        self.assertIn("Chọn đơn vị để đăng nhập", self.main_text())
        self.check_page("may-chu-chung")
        link = self.driver.find_element(By.CSS_SELECTOR, f"a[href='/{commune}/dang-nhap']")
        name = link.text
        link.click()
        self.wait_gone(link)
        self.assertEqual(urlparse(self.driver.current_url).path, f"/{commune}/dang-nhap")

        self.sign_in(commune, "nhaplieu")
        self.open(commune, "/bao-cao")
        Select(self.driver.find_element(By.ID, "regime")).select_by_value(REGIME)
        self.driver.find_element(By.ID, "period").send_keys(PERIOD)
        self.click("Lập báo cáo")
        self.assertTrue(urlparse(self.driver.current_url).path.startswith(f"/{commune}/bao-cao/"), self.driver.current_url)
        report = self.report_id()
        self.fill_report({})
        self.click("Lưu nháp")
        self.assertIn("Đã lưu nháp", self.main_text())
        self.check_page("may-chu-chung-nhap-lieu")

        self.sign_in(commune, "lanhdao")
        self.open(commune, "/bao-cao/" + report)
        self.approve_sections()
        self.sign_in(commune, "nhaplieu")
        self.open(commune, "/bao-cao/" + report)
        self.click("Lưu và trình lãnh đạo duyệt")
        self.sign_in(commune, "lanhdao")
        self.open(commune, "/bao-cao/" + report)
        self.click("Duyệt và ký số")
        self.assertIn("đã duyệt, đã ký", self.main_text())
        self.click("Gửi báo cáo")
        self.assertIn("đã gửi", self.main_text())

        # The province, hosted beside the commune, receives it through the commune's own sync.
        self.sign_in("25", "tonghop")
        self.wait_for("25", "/hop-thu", lambda t: name in t, "the report reaching the province")
        self.assertTrue(urlparse(self.driver.current_url).path.startswith("/25/"), self.driver.current_url)

        # Every request stayed on loopback and on the host's one address.
        hosts = {urlparse(u).netloc for u in self.requests if u.startswith("http")}
        self.assertEqual(hosts, {f"127.0.0.1:{PORT}"}, hosts)


if __name__ == "__main__":
    unittest.main(verbosity=2)
