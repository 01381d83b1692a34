// The proposal form: live grant estimate beside each flow and for the whole proposal,
// adding a flow row without a round trip, and searching the partner directory.
// Hooked by data- attributes; the page works without it (the server computes the same figures).
(function () {
  "use strict";

  var form = document.querySelector("[data-proposal-form]");
  if (!form) {
    return;
  }
  var estimateUrl = form.getAttribute("data-estimate-url");
  var callId = form.getAttribute("data-call");
  var flowList = form.querySelector("[data-flow-list]");
  var template = form.querySelector("template[data-flow-template]");
  var totalForms = form.querySelector("input[name$='-TOTAL_FORMS']");
  var addButton = form.querySelector("[data-add-flow]");
  var partnerSelect = form.querySelector("[data-partner-select]");
  var totalOutput = form.querySelector("[data-proposal-total]");
  var totalNote = form.querySelector("[data-total-awaits-partner]");
  var unconfirmedBox = form.querySelector("[data-unconfirmed-partners]");
  var unconfirmed = unconfirmedBox ? unconfirmedBox.getAttribute("data-unconfirmed-partners").trim().split(/\s+/) : [];
  // A requested partner has no distance until International Relations confirm it; where its city's
  // coordinates are known already, its flows are estimated from them (and not counted in the total).
  var located = unconfirmedBox ? (unconfirmedBox.getAttribute("data-located-partners") || "").trim().split(/\s+/) : [];
  var unknownNote = unconfirmedBox ? unconfirmedBox.getAttribute("data-unknown-distance") : "";
  var estimatedNote = unconfirmedBox ? unconfirmedBox.getAttribute("data-estimated-distance") : "";
  var formatter = new Intl.NumberFormat(document.documentElement.lang || "en", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  var timers = new WeakMap();
  var lastRequest = new WeakMap();

  function field(row, name) {
    return row.querySelector("[data-flow-field='" + name + "']");
  }

  function isDeleted(row) {
    var del = row.querySelector("input[name$='-DELETE']");
    return del && del.checked;
  }

  function updateTotal() {
    var total = 0;
    var known = true;
    flowList.querySelectorAll("[data-flow-row]").forEach(function (row) {
      if (isDeleted(row)) {
        return;
      }
      var value = row.getAttribute("data-grant-total");
      if (value === null || value === "") {
        if (field(row, "activity").value || field(row, "days").value) {
          known = false;
        }
        return;
      }
      total += parseFloat(value);
    });
    totalOutput.textContent = known ? formatter.format(total) : "–";
    if (totalNote && partnerSelect) {
      totalNote.hidden = unconfirmed.indexOf(partnerSelect.value) === -1;
    }
    showEnvelopeWarning(known && total > envelope);
  }

  // Above the call's whole envelope the proposal cannot be submitted: say so while the flows are typed.
  var totalBox = form.querySelector("[data-proposal-total-box]");
  var envelopeWarning = form.querySelector("[data-envelope-warning]");
  var envelope = totalBox ? parseFloat(totalBox.getAttribute("data-envelope")) : NaN;

  function showEnvelopeWarning(show) {
    if (envelopeWarning && !isNaN(envelope)) {
      envelopeWarning.hidden = !show;
    }
  }

  function showGrant(row, data, note) {
    var output = row.querySelector("[data-flow-grant]");
    var breakdown = row.querySelector("[data-flow-breakdown]");
    if (data && data.total && note) {
      row.removeAttribute("data-grant-total");
      output.textContent = formatter.format(parseFloat(data.total));
      breakdown.textContent = note;
    } else if (data && data.total) {
      row.setAttribute("data-grant-total", data.total);
      output.textContent = formatter.format(parseFloat(data.total));
      breakdown.textContent =
        "(" + data.participants + " × " + formatter.format(parseFloat(data.per_participant.total)) +
        " + " + formatter.format(parseFloat(data.organisational_support)) + ")";
    } else {
      row.removeAttribute("data-grant-total");
      output.textContent = "–";
      var message = "";
      if (data && data.errors) {
        message = Object.keys(data.errors).map(function (key) {
          return data.errors[key].join(" ");
        }).join(" ");
      }
      breakdown.textContent = message || note || "";
    }
    updateTotal();
  }

  function estimate(row) {
    var activity = field(row, "activity").value;
    var direction = field(row, "direction").value;
    var days = field(row, "days").value;
    var participants = field(row, "participants").value || "1";
    var green = field(row, "green_travel").checked;
    var partner = partnerSelect ? partnerSelect.value : "";
    if (!activity || !direction || !days || !partner) {
      showGrant(row, null);
      return;
    }
    var note = null;
    if (unconfirmed.indexOf(partner) !== -1) {
      if (located.indexOf(partner) === -1) {
        showGrant(row, null, unknownNote);
        return;
      }
      note = estimatedNote;
    }
    var params = new URLSearchParams({
      activity: activity,
      direction: direction,
      partner: partner,
      days: days,
      participants: participants,
      green: green ? "true" : "false",
      call: callId,
    });
    var request = {};
    lastRequest.set(row, request);
    fetch(estimateUrl + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        if (lastRequest.get(row) === request) {
          showGrant(row, data, note);
        }
      })
      .catch(function () {
        if (lastRequest.get(row) === request) {
          showGrant(row, null);
        }
      });
  }

  function schedule(row) {
    clearTimeout(timers.get(row));
    timers.set(row, setTimeout(function () {
      estimate(row);
    }, 250));
  }

  function allRows() {
    return flowList.querySelectorAll("[data-flow-row]");
  }

  flowList.addEventListener("input", function (event) {
    var row = event.target.closest("[data-flow-row]");
    if (row) {
      schedule(row);
    }
  });
  flowList.addEventListener("change", function (event) {
    var row = event.target.closest("[data-flow-row]");
    if (row) {
      if (event.target.name && /-DELETE$/.test(event.target.name)) {
        updateTotal();
      } else {
        schedule(row);
      }
    }
  });
  if (partnerSelect) {
    partnerSelect.addEventListener("change", function () {
      allRows().forEach(schedule);
    });
  }

  if (addButton && template && totalForms) {
    addButton.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(totalForms.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.querySelector("[data-flow-row]");
      flowList.appendChild(row);
      totalForms.value = String(index + 1);
      var first = row.querySelector("select, input");
      if (first) {
        first.focus();
      }
    });
  }

  // Partner directory search: filter the options of the select as one types.
  var searchBox = form.querySelector("[data-partner-search-box]");
  var search = form.querySelector("[data-partner-search]");
  if (search && partnerSelect) {
    searchBox.classList.remove("d-none");
    search.addEventListener("input", function () {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(partnerSelect.options, function (option) {
        if (!option.value) {
          return;
        }
        var text = option.textContent.toLowerCase();
        option.hidden = !words.every(function (word) {
          return text.indexOf(word) !== -1;
        });
      });
    });
  }

  allRows().forEach(function (row) {
    var activity = field(row, "activity");
    if (activity && activity.value) {
      estimate(row);
    }
  });
})();
