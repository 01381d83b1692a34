// The error summary of a failed form: focused when the page loads, so that a person hears and sees
// what went wrong first; each link moves the focus to its field (hooked by data- attributes).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.querySelectorAll("a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      var details = field.closest("details");
      if (details) { details.open = true; }
      field.scrollIntoView({ block: "center" });
      field.focus();
    });
  });
})();
