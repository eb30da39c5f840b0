// "Duyệt và ký số" with the leader's personal signature made on their token, through the
// signing service on their PC (`baocao sign-service`, `web.signService`):
// 1. the node prepares the report's bundle and the attributes to sign (one-time id);
// 2. the service is sent the manifest and the attributes, checks them, and gives the
//    address of its own confirmation page, opened in a window, where the leader reads
//    the unit, regime and period and types the PIN;
// 3. the service is polled until it has signed (or the leader declined);
// 4. the signature goes to the node, which assembles and verifies the whole bundle and
//    only then records the approval.
"use strict";
(function () {
  var form = document.getElementById("duyet-ky");
  var status = document.getElementById("ky-so-trang-thai");
  if (!form || !form.dataset.signService) return;
  var service = form.dataset.signService;
  var report = form.dataset.report;
  var csrf = form.querySelector("input[name=_csrf]").value;
  // A unit hosted with others has its pages under its own path (/08515/…).
  var base = document.body.dataset.goc || "";
  var button = form.querySelector("button");

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  function encode(fields) {
    return Object.keys(fields).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(fields[k]);
    }).join("&");
  }

  function postNode(path, fields) {
    fields._csrf = csrf;
    return fetch(base + path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: encode(fields)
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok || answer.error) throw new Error(answer.error || "Máy chủ trả lời lỗi " + response.status + ".");
        return answer;
      });
    });
  }

  function askService(path, options) {
    return fetch(service + path, Object.assign({ mode: "cors", credentials: "omit", cache: "no-store" }, options))
      .catch(function () {
        throw new Error("Không liên lạc được với dịch vụ ký số tại " + service + ": hãy kiểm tra dịch vụ ký số đang chạy trên máy này (baocao sign-service) và cho phép trang này.");
      })
      .then(function (response) {
        if (response.status === 403) throw new Error("Dịch vụ ký số từ chối yêu cầu từ trang này (địa chỉ trang chưa được khai báo cho dịch vụ).");
        return response.json().then(function (answer) {
          if (!response.ok) throw new Error(answer.error || "Dịch vụ ký số trả lời lỗi " + response.status + ".");
          return answer;
        });
      });
  }

  function wait(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  function poll(id, until) {
    return askService("/v1/yeu-cau/" + encodeURIComponent(id), { method: "GET" }).then(function (answer) {
      if (answer.state === "signed") return answer;
      if (answer.state === "declined") throw new Error("Lãnh đạo đã không ký; báo cáo vẫn chờ duyệt.");
      if (Date.now() > until) throw new Error("Đã quá thời gian chờ ký; hãy bấm \"Duyệt và ký số\" lại.");
      return wait(1000).then(function () { return poll(id, until); });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    // Opened now, while the click still counts, so that no pop-up blocker stops it.
    var confirmation = window.open("", "baocao-xac-nhan-ky", "popup,width=720,height=720");
    var prepared;
    say("Đang chuẩn bị nội dung cần ký…");
    postNode("/bao-cao/" + report + "/chuan-bi-ky", {})
      .then(function (answer) {
        prepared = answer.prepared;
        say("Đang gửi nội dung cần ký tới dịch vụ ký số…");
        return askService("/v1/yeu-cau", {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ manifest: answer.manifest, signedAttributes: answer.signedAttributes })
        });
      })
      .then(function (request) {
        if (confirmation && !confirmation.closed) {
          confirmation.location.href = request.confirm;
        } else {
          confirmation = window.open(request.confirm, "baocao-xac-nhan-ky", "popup,width=720,height=720");
        }
        if (!confirmation) {
          var link = document.createElement("a");
          link.href = request.confirm;
          link.target = "_blank";
          link.rel = "noopener";
          link.textContent = "Mở cửa sổ xác nhận ký số";
          status.textContent = "Trình duyệt đã chặn cửa sổ xác nhận. ";
          status.appendChild(link);
        } else {
          say("Hãy xem lại nội dung và nhập mã PIN trong cửa sổ xác nhận của dịch vụ ký số…");
        }
        return poll(request.id, Date.now() + 10 * 60 * 1000);
      })
      .then(function (signed) {
        say("Đã có chữ ký cá nhân; nút đang ghép và kiểm tra gói tin…");
        return postNode("/bao-cao/" + report + "/ky-ca-nhan", {
          prepared: prepared, signature: signed.signature, certificates: signed.certificates
        });
      })
      .then(function (answer) {
        window.location.assign(answer.redirect);
      })
      .catch(function (error) {
        try {
          // Only the blank window opened for a request that never reached the service.
          if (confirmation && !confirmation.closed && confirmation.location.href === "about:blank") confirmation.close();
        } catch (ignored) { /* the service's page: the leader closes it */ }
        say("Chưa duyệt: " + error.message, true);
        button.disabled = false;
      });
  });
})();
