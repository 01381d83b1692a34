// While a file is being built by a task (the dossier for the National Agency, the registrations'
// Excel file), ask how far it got every two seconds and show it; say when it is ready, with its
// download link. Without JavaScript the page's "Refresh" link does the same. The box names what it
// follows in data-progress-of ("dossier": its parts are data-dossier-message, -progress, -download).
(function () {
  "use strict";
  document.querySelectorAll("[data-progress-of][data-status-url]").forEach(follow);

  function follow(box) {
    var kind = box.getAttribute("data-progress-of");
    var message = box.querySelector("[data-" + kind + "-message]");
    var progress = box.querySelector("[data-" + kind + "-progress]");
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
        link.setAttribute("data-" + kind + "-download", "");
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
  }
})();
