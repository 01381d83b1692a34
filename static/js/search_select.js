// A multiple select chosen with a search box (co-coordinators of a proposal, projects of a
// registration). Progressive enhancement: without this script the select itself still works. The
// select stays the form's field: adding or removing a result selects or unselects its option (made
// when the select lists only what is chosen, as for a call with hundreds of projects), so what is
// submitted is unchanged. The search answers {"results": [{"id": …, "label": …}]}.
(function () {
  "use strict";
  if (!window.fetch) {
    return;
  }
  document.querySelectorAll("select[data-search-url]").forEach(enhance);

  function enhance(select) {
    var url = select.getAttribute("data-search-url");
    var label = function (name) {
      return select.getAttribute("data-" + name + "-label");
    };
    var timer = null;
    var latest = 0;

    function element(tag, className, text) {
      var node = document.createElement(tag);
      if (className) {
        node.className = className;
      }
      if (text) {
        node.textContent = text;
      }
      return node;
    }

    var box = element("div", "search-select");
    var chosenHeading = element("p", "form-label mb-1", label("chosen"));
    chosenHeading.id = select.id + "-chosen-heading";
    var chosen = element("ul", "list-unstyled mb-2");
    chosen.setAttribute("aria-labelledby", chosenHeading.id);
    var searchLabel = element("label", "form-label", label("search"));
    var search = element("input", "form-control");
    search.type = "search";
    search.id = select.id + "-search";
    search.autocomplete = "off";
    search.setAttribute("data-search-query", "");
    // Tied to no form: typing a search is not a change to the proposal, and Enter submits nothing.
    search.setAttribute("form", search.id + "-outside-any-form");
    searchLabel.htmlFor = search.id;
    if (select.hasAttribute("aria-describedby")) {
      search.setAttribute("aria-describedby", select.getAttribute("aria-describedby"));
    }
    var results = element("ul", "list-unstyled mt-2 mb-0");
    results.id = select.id + "-results";
    search.setAttribute("aria-controls", results.id);
    var status = element("p", "small text-body-secondary mb-0");
    status.setAttribute("aria-live", "polite");
    [chosenHeading, chosen, searchLabel, search, results, status].forEach(function (node) {
      box.appendChild(node);
    });

    var fieldLabel = document.querySelector("label[for='" + select.id + "']");
    if (fieldLabel) {
      fieldLabel.hidden = true;
    }
    select.hidden = true;
    select.insertAdjacentElement("afterend", box);

    function option(id) {
      return select.querySelector("option[value='" + String(id).replace(/[^0-9]/g, "") + "']");
    }

    function optionFor(found) {
      var existing = option(found.id);
      if (existing) {
        return existing;
      }
      var made = document.createElement("option");
      made.value = String(found.id).replace(/[^0-9]/g, "");
      made.textContent = found.label;
      select.appendChild(made);
      return made;
    }

    function changed(message) {
      select.dispatchEvent(new Event("change", { bubbles: true }));
      renderChosen();
      status.textContent = message;
      search.focus();
    }

    function renderChosen() {
      chosen.textContent = "";
      var selected = Array.prototype.filter.call(select.options, function (o) {
        return o.selected;
      });
      if (!selected.length) {
        chosen.appendChild(element("li", "text-body-secondary", label("none")));
      }
      selected.forEach(function (o) {
        var item = element("li", "d-flex align-items-center gap-2 mb-1");
        item.appendChild(element("span", "", o.textContent));
        var remove = element("button", "btn btn-sm btn-outline-secondary", label("remove"));
        remove.type = "button";
        remove.setAttribute("aria-label", label("remove") + " " + o.textContent);
        remove.addEventListener("click", function () {
          o.selected = false;
          changed("");
        });
        item.appendChild(remove);
        chosen.appendChild(item);
      });
    }

    function showResults(found) {
      results.textContent = "";
      var offered = found.filter(function (result) {
        var o = option(result.id);
        return !o || !o.selected;
      });
      offered.forEach(function (result) {
        var item = element("li", "d-flex align-items-center gap-2 mb-1");
        item.appendChild(element("span", "", result.label));
        var add = element("button", "btn btn-sm btn-outline-primary", label("add"));
        add.type = "button";
        add.setAttribute("aria-label", label("add") + " " + result.label);
        add.addEventListener("click", function () {
          optionFor(result).selected = true;
          item.remove();
          changed("");
        });
        item.appendChild(add);
        results.appendChild(item);
      });
      status.textContent = offered.length ? "" : label("no-match");
    }

    function lookUp() {
      var query = search.value.trim();
      if (query.length < 2) {
        results.textContent = "";
        status.textContent = "";
        return;
      }
      var asked = ++latest;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (asked === latest) {
            showResults(data.results || []);
          }
        })
        .catch(function () {});
    }

    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 250);
    });
    // Enter in the search box looks up at once instead of submitting the form.
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        clearTimeout(timer);
        lookUp();
      }
    });
    renderChosen();
  }
})();
