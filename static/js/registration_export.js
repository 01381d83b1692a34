// While the Excel file of the registrations is being prepared, ask how far it got every two seconds
// and show it; say when it is ready, with its download link. Without JavaScript the page's "Refresh" link does the same.
(function () {
  "use strict";
  var box = document.querySelector("[data-export][data-status-url]");
  if (!box) {
    return;
  }
  var message = box.querySelector("[data-export-message]");
  var progress = box.querySelector("[data-export-progress]");
  function text(name) {
    var template = box.querySelector("[data-" + name + "-text]");
    return template ? template.content.textContent.trim() : "";
  }
  function show(status) {
    if (progress) {
      progress.max = status.total || 1;
      progress.value = status.done;
      progress.textContent = status.percent + " %";
    }
    if (status.state === "ready") {
      if (progress) {
        progress.remove();
      }
      message.textContent = text("ready") + " ";
      var link = document.createElement("a");
      link.href = status.download;
      link.setAttribute("data-export-download", "");
      link.textContent = text("download");
      message.appendChild(link);
      return true;
    }
    if (status.state === "failed") {
      if (progress) {
        progress.remove();
      }
      message.textContent = text("failed");
      return true;
    }
    message.textContent = text("progress").replace("%(done)s", status.done).replace("%(total)s", status.total);
    return false;
  }
  function poll() {
    fetch(box.getAttribute("data-status-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (status) {
        if (!status || !show(status)) {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  poll();
})();
