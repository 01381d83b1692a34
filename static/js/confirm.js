// A submit button with data-confirm asks its question first; "Cancel" sends nothing.
// Without JavaScript the button sends the form at once, as every other button does.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.hasAttribute("data-confirm") && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();
