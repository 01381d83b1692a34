// The registration form: the study level only asks students (hooked by data- attributes, no inline script).
(function () {
  "use strict";
  var form = document.querySelector("[data-registration-form]");
  if (!form) { return; }
  var level = form.querySelector("[data-study-level]");
  var kinds = form.querySelectorAll("input[name='kind']");
  if (!level || !kinds.length) { return; }
  function update() {
    var checked = form.querySelector("input[name='kind']:checked");
    level.hidden = Boolean(checked && checked.value === "staff");
  }
  kinds.forEach(function (input) { input.addEventListener("change", update); });
  update();
})();
