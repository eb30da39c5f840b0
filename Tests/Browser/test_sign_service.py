"""The leader signs a report in chromium through the signing service on their own PC
(issue 18, item 3), the node's page served from one origin and the service from another,
as on a LAN:

- a commune node (`baocao serve`) whose release requires the leader's personal signature,
  with `web.signService` naming the service;
- `baocao sign-service` on loopback, allowing only the node's origin, with the leader's
  key on a SoftHSM2 token (and nowhere else);
- the leader signs in, presses "Duyệt và ký số"; the service's confirmation window shows
  the unit, regime and period read from the manifest; a wrong PIN shows the error and
  signs nothing; the right PIN signs; the report ends "đã duyệt, đã ký" and
  `baocao bundle verify` prints the leader's personal signature ("Chữ ký cá nhân: …");
- a page from another origin asking the service to sign is refused.

Run by Scripts/test-browser; BAOCAO binary and ARTIFACTS directory from the environment.
"""
import http.server
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
import zipfile

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_web_flow import BAOCAO, ROOT, ARTIFACTS, make_driver  # noqa: E402

PORT_BASE = int(os.environ.get("BAOCAO_SIGN_PORT_BASE", "29780"))
NODE_PORT, SYNC_PORT, SERVICE_PORT, FOREIGN_PORT = PORT_BASE, PORT_BASE + 1, PORT_BASE + 2, PORT_BASE + 3
PASSWORD = "baocao-thu-nghiem-2026"
PIN = "482615"
COMMUNE, PROVINCE = "05290", "17"
REGIME, PERIOD = "KTXH-THANG", "2026-11"
SECTIONS = ["NN", "CN", "TM", "NS", "DT", "LD", "YT", "AN"]
NODE = f"http://127.0.0.1:{NODE_PORT}"
SERVICE = f"http://localhost:{SERVICE_PORT}"
SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_LABEL = "BaoCao lanh dao"


class SignedCommune:
    """A province's release that requires personal signatures, and one commune node
    serving its web interface with a signing service configured; a report submitted."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="baocao-ky-so-")
        self.processes = []
        for folder in ("Config", "Topology"):
            shutil.copytree(os.path.join(ROOT, folder), os.path.join(self.directory, folder))
        self.run("pki", "init-dev", "--topology", "Topology/hoa-binh-2025-03-3-cap.csv", "--out", "pki",
                 "--units", f"{PROVINCE},157,{COMMUNE}", "--key-type", "ec", "--persons")
        self.province = self.node(PROVINCE)
        # The district checks what its commune sends (not served here: only its verdict matters).
        self.district = self.node("157")
        self.commune = self.node(COMMUNE, extra=f"""
network:
  localListen: 127.0.0.1:{NODE_PORT}
  syncListen: 127.0.0.1:{SYNC_PORT}
  # The district is not running: the commune's report stays here, signed.
  parentURL: https://157.baocao.test:{PORT_BASE + 4}
  parentAddress: 127.0.0.1
  certificate: ../pki/units/{COMMUNE}/node.pem
  key: ../pki/units/{COMMUNE}/node.key
web:
  signService: {SERVICE}
""")
        self.run("release", "publish", "--config", self.province, "--person-anchor", "pki/person-root.pem",
                 "--persons", "pki/persons.json", "--require-personal-signatures-from", "2020-01-01", "--out", "v1.bcb")
        self.run("release", "import", "--config", self.commune, "v1.bcb")
        self.run("release", "import", "--config", self.district, "v1.bcb")
        env = {"BAOCAO_NEW_PASSWORD": PASSWORD, "BAOCAO_PASSWORD": PASSWORD}
        self.run("user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--config", self.commune, env=env)
        self.run("user", "add", "lanhdao", "--name", "Nguyễn Văn An", "--role", "approver", "dataEntry",
                 "--config", self.commune, "--user", "quantri", env=env)
        self.run("report", "new", REGIME, PERIOD, "--config", self.commune, "--user", "lanhdao", env=env)
        self.run("report", "import-values", "1", "Config/samples/ktxh-thang-xa.csv", "--config", self.commune, "--user", "lanhdao", env=env)
        for section in SECTIONS:
            self.run("report", "approve-section", "1", section, "--config", self.commune, "--user", "lanhdao", env=env)
        self.run("report", "submit", "1", "--config", self.commune, "--user", "lanhdao", env=env)

        # The leader's key on a SoftHSM2 token, and nowhere else: the key file is removed.
        persons = os.path.join(self.directory, "pki", "units", COMMUNE, "persons")
        self.leader_certificate = os.path.join(persons, "lanhdao.pem")
        self.token_environment = self.softhsm_token(os.path.join(persons, "lanhdao.key"))
        os.remove(os.path.join(persons, "lanhdao.key"))

        self.start([BAOCAO, "serve", "--config", self.commune], NODE + "/healthz")
        self.start([BAOCAO, "sign-service", "--listen", f"127.0.0.1:{SERVICE_PORT}", "--allow-origin", NODE,
                    "--token", f"pkcs11:token={TOKEN_LABEL.replace(' ', '%20')};object=lanhdao;type=private", "--module", SOFTHSM_MODULE,
                    "--certificate", self.leader_certificate], f"http://127.0.0.1:{SERVICE_PORT}/xac-nhan/khong-co",
                   env=self.token_environment)

    def node(self, unit, extra=""):
        config = os.path.join("Config", f"node-{unit}.yaml")
        with open(os.path.join(self.directory, config), "w", encoding="utf-8") as f:
            f.write(f"""unit: "{unit}"
dataDirectory: ../data/{unit}
topology: ../Topology/hoa-binh-2025-03-3-cap.csv
catalog: catalog/kinh-te-xa-hoi.yaml
trust:
  anchors: ../pki/root.pem
  publishers: ../pki/publishers.txt
  registry: ../pki/registry.json
signing:
  key: ../pki/units/{unit}/signing.key
  certificate: ../pki/units/{unit}/signing.pem
{extra}""")
        self.run("init", "--config", config)
        return config

    def run(self, *arguments, env=None):
        result = subprocess.run([BAOCAO, *arguments], cwd=self.directory, capture_output=True, text=True,
                                env={**os.environ, **(env or {})})
        if result.returncode != 0:
            raise RuntimeError(f"baocao {' '.join(arguments)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
        return result.stdout

    def softhsm_token(self, key):
        """A SoftHSM2 token of its own holding the leader's key; the environment that sees it.
        The tools missing is a failure, not a skip: Scripts/install-dependencies installs them."""
        for tool in ("softhsm2-util", "openssl"):
            if shutil.which(tool) is None:
                raise RuntimeError(f"{tool} is not installed (Debian's softhsm2; Scripts/install-dependencies installs it)")
        if not os.path.exists(SOFTHSM_MODULE):
            raise RuntimeError(SOFTHSM_MODULE + " is missing (Debian's softhsm2)")
        folder = os.path.join(self.directory, "softhsm")
        os.makedirs(os.path.join(folder, "tokens"))
        configuration = os.path.join(folder, "softhsm2.conf")
        with open(configuration, "w", encoding="utf-8") as f:
            f.write(f"directories.tokendir = {folder}/tokens\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n")
        environment = {**os.environ, "SOFTHSM2_CONF": configuration}
        def tool(*arguments):
            subprocess.run(arguments, check=True, capture_output=True, env=environment, cwd=folder)
        tool("softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL, "--pin", PIN, "--so-pin", "so-" + PIN)
        tool("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", key, "-out", os.path.join(folder, "lanhdao.pk8"))
        tool("softhsm2-util", "--import", os.path.join(folder, "lanhdao.pk8"), "--token", TOKEN_LABEL, "--label", "lanhdao",
             "--id", "01", "--pin", PIN)
        os.remove(os.path.join(folder, "lanhdao.pk8"))
        return {"SOFTHSM2_CONF": configuration}

    def start(self, command, url, env=None):
        """Starts a server and waits until `url` answers (any HTTP status)."""
        log = open(os.path.join(self.directory, os.path.basename(command[1]) + ".log"), "w")
        process = subprocess.Popen(command, cwd=self.directory, stdout=log, stderr=subprocess.STDOUT, text=True,
                                   env={**os.environ, **(env or {})})
        self.processes.append(process)
        deadline = time.time() + 120
        while time.time() < deadline and process.poll() is None:
            try:
                urllib.request.urlopen(url, timeout=5)
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.5)
        log.close()
        with open(log.name, encoding="utf-8") as f:
            said = f.read()
        self.stop()
        raise RuntimeError(f"{' '.join(command[1:3])} did not start:\n{said}")

    def bundle_file(self):
        shown = json.loads(self.run("report", "show", "1", "--json", "--config", self.commune, "--user", "lanhdao",
                                    env={"BAOCAO_PASSWORD": PASSWORD}))
        bundle = shown["report"]["bundle"]
        if not bundle:
            raise RuntimeError(f"report 1 has no bundle: {shown['report']}")
        # The node keeps its bundles' bytes in its bundle pack (one SQLite file): read
        # them out, independently of BaoCao, into a file of their own.
        pack = os.path.join(self.directory, "data", COMMUNE, "bundles", "pack.sqlite")
        with sqlite3.connect(f"file:{pack}?mode=ro", uri=True) as database:
            row = database.execute("SELECT bytes FROM bundleBytes WHERE id = ?", (bundle,)).fetchone()
        if row is None:
            raise RuntimeError(f"bundle {bundle} not in {pack}")
        path = os.path.join(self.directory, bundle + ".bcb")
        with open(path, "wb") as out:
            out.write(row[0])
        return path

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(self.directory, ignore_errors=True)


class ForeignPage(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = "<!DOCTYPE html><html lang='vi'><title>Trang lạ</title><p>Trang của một máy khác</p></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *arguments):
        pass


class SignServiceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.network = SignedCommune()
        cls.driver = make_driver()
        cls.foreign = http.server.ThreadingHTTPServer(("127.0.0.1", FOREIGN_PORT), ForeignPage)
        threading.Thread(target=cls.foreign.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        try:
            cls.driver.quit()
            cls.foreign.shutdown()
        finally:
            cls.network.stop()

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(ARTIFACTS, f"ky-so-{name}.png"))

    def main_text(self):
        return self.driver.find_element(By.TAG_NAME, "main").text

    def sign_in(self):
        self.driver.get(NODE + "/dang-nhap")
        self.driver.find_element(By.ID, "login").send_keys("lanhdao")
        self.driver.find_element(By.ID, "password").send_keys(PASSWORD)
        self.driver.find_element(By.CSS_SELECTOR, "form[action='/dang-nhap'] button[type=submit]").click()
        WebDriverWait(self.driver, 30).until(lambda d: "/dang-nhap" not in d.current_url)

    def test_1_leader_signs_in_the_service_window(self):
        driver = self.driver
        self.sign_in()
        driver.get(NODE + "/bao-cao/1")
        self.assertIn("chờ lãnh đạo duyệt", self.main_text())
        report_window = driver.current_window_handle
        driver.find_element(By.CSS_SELECTOR, "#duyet-ky button[type=submit]").click()

        # The service's own window, at its own origin, says what it read from the manifest.
        WebDriverWait(driver, 60).until(lambda d: len(d.window_handles) == 2)
        confirmation = [h for h in driver.window_handles if h != report_window][0]
        driver.switch_to.window(confirmation)
        WebDriverWait(driver, 60).until(lambda d: d.current_url.startswith(SERVICE + "/xac-nhan/"))
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "don-vi"))
        self.assertEqual(driver.find_element(By.ID, "don-vi").text, COMMUNE)
        self.assertEqual(driver.find_element(By.ID, "che-do").text, REGIME)
        self.assertEqual(driver.find_element(By.ID, "ky-bao-cao").text, PERIOD)
        self.assertIn("Nguyễn Văn An", driver.find_element(By.ID, "nguoi-ky").text)
        self.shot("xac-nhan")

        # A wrong PIN: the error, a retry allowed, nothing signed.
        driver.find_element(By.ID, "pin").send_keys("000000")
        driver.find_element(By.ID, "ky").click()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "loi"))
        self.assertIn("Mã PIN không đúng", driver.find_element(By.ID, "loi").text)
        self.shot("sai-pin")
        driver.switch_to.window(report_window)
        self.assertIn("chờ lãnh đạo duyệt", self.main_text())
        self.assertEqual(driver.current_url, NODE + "/bao-cao/1")

        # The right PIN: signed; the report page finishes by itself.
        driver.switch_to.window(confirmation)
        driver.find_element(By.ID, "pin").send_keys(PIN)
        driver.find_element(By.ID, "ky").click()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "da-ky"))
        self.shot("da-ky")
        driver.close()
        driver.switch_to.window(report_window)
        # The page goes on to the signed report by itself: its `main` may be replaced between
        # being found and being read, which only means the next page is on its way.
        WebDriverWait(driver, 60, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda d: "đã duyệt, đã ký" in d.find_element(By.TAG_NAME, "main").text)
        self.assertIn("chữ ký cá nhân của Nguyễn Văn An", self.main_text())
        self.shot("bao-cao-da-ky")

        # The district checks both signatures by the release in force there.
        bundle = self.network.bundle_file()
        verified = self.network.run("bundle", "verify", bundle, "--config", self.network.district)
        self.assertIn("Chữ ký cá nhân: Nguyễn Văn An", verified)
        self.assertIn("lãnh đạo phê duyệt", verified)
        # Plain OpenSSL agrees, given the province's CA and the persons' CA.
        unzipped = os.path.join(self.network.directory, "unzipped")
        with zipfile.ZipFile(bundle) as archive:
            archive.extractall(unzipped, members=["manifest.json", "manifest.p7s"])
        roots = os.path.join(self.network.directory, "roots.pem")
        with open(roots, "w", encoding="ascii") as out:
            for name in ("root.pem", "person-root.pem"):
                with open(os.path.join(self.network.directory, "pki", name), encoding="ascii") as f:
                    out.write(f.read())
        checked = subprocess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", os.path.join(unzipped, "manifest.p7s"),
                                  "-content", os.path.join(unzipped, "manifest.json"), "-CAfile", roots, "-purpose", "any",
                                  "-out", os.devnull], capture_output=True, text=True)
        self.assertEqual(checked.returncode, 0, checked.stderr)
        printed = subprocess.run(["openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", os.path.join(unzipped, "manifest.p7s")],
                                 capture_output=True, text=True).stdout
        self.assertEqual(printed.count("signatureAlgorithm:"), 2)

    def test_2_foreign_origin_is_refused(self):
        self.driver.get(f"http://127.0.0.1:{FOREIGN_PORT}/")
        outcome = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch(arguments[0] + "/v1/yeu-cau", {method: "POST", headers: {"Content-Type": "application/json"},
                                                  body: JSON.stringify({manifest: "", signedAttributes: ""})})
              .then(r => done("answered " + r.status), e => done("refused: " + e));
        """, SERVICE)
        self.assertTrue(outcome.startswith("refused"), outcome)
        # Outside the browser: 403, and no CORS header for that origin.
        request = urllib.request.Request(SERVICE + "/v1/yeu-cau", data=b"{}", method="POST",
                                         headers={"Origin": f"http://127.0.0.1:{FOREIGN_PORT}", "Content-Type": "application/json"})
        try:
            urllib.request.urlopen(request)
            self.fail("the service answered a foreign origin")
        except urllib.error.HTTPError as error:
            self.assertEqual(error.code, 403)
            self.assertIsNone(error.headers.get("Access-Control-Allow-Origin"))
        # A name of another site rebound to this machine (DNS rebinding): 421.
        rebound = urllib.request.Request(f"http://127.0.0.1:{SERVICE_PORT}/v1/yeu-cau", data=b"{}", method="POST",
                                         headers={"Host": f"evil.example:{SERVICE_PORT}", "Origin": NODE})
        try:
            urllib.request.urlopen(rebound)
            self.fail("the service answered another site's name")
        except urllib.error.HTTPError as error:
            self.assertEqual(error.code, 421)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
