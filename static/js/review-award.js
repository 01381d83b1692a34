// The award form: show the participants per flow only when a reduced award is chosen.
// Without JavaScript every field stays visible and the form works the same.
(function () {
  "use strict";
  document.querySelectorAll("[data-award-form]").forEach(function (form) {
    var kinds = form.querySelectorAll('input[name$="kind"]');
    var flowFields = Array.prototype.filter.call(form.querySelectorAll("input"), function (input) {
      return /-flow_\d+$/.test(input.name);
    });
    function update() {
      var reduced = form.querySelector('input[name$="kind"][value="reduced"]:checked') !== null;
      flowFields.forEach(function (input) {
        var wrapper = input.closest(".mb-3") || input.parentElement;
        wrapper.hidden = !reduced;
      });
    }
    kinds.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  });
})();
