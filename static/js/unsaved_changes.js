// A form marked data-unsaved-changes asks before the page is left with changes not yet sent:
// another link, a reload, closing the tab. Sending the form itself (any of its buttons) does not ask.
(function () {
  "use strict";
  document.querySelectorAll("form[data-unsaved-changes]").forEach(function (form) {
    // A page sent back with problems holds what was typed but not saved: leaving it asks too.
    var changed = form.hasAttribute("data-unsaved-pending");
    function mark(event) {
      if (event.target.form === form) {
        changed = true;
      }
    }
    // Fields tied to the form by their form="" attribute sit outside it: listen on the document.
    document.addEventListener("input", mark);
    document.addEventListener("change", mark);
    form.addEventListener("submit", function () {
      changed = false;
    });
    window.addEventListener("beforeunload", function (event) {
      if (changed) {
        event.preventDefault();
        event.returnValue = form.getAttribute("data-unsaved-changes");
      }
    });
  });
})();
