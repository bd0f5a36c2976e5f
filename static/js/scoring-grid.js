// The head's scoring grid: each cell is saved when it changes; keyboard moves like a
// spreadsheet (Enter and arrows; Tab is the browser's). No inline script (CSP).
(function () {
  "use strict";
  var grid = document.querySelector("[data-scoring-grid]");
  if (!grid) { return; }
  var url = grid.dataset.cellUrl;
  var stage = grid.dataset.stage;
  var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
  var csrf = headers["X-CSRFToken"] || "";
  var message = document.getElementById("grid-message");
  var reasonBox = document.getElementById("grid-reason");
  var reasonLabel = document.getElementById("grid-reason-label");
  var reasonInput = document.getElementById("grid-reason-input");
  var progress = document.getElementById("grid-progress");
  var waitingForReason = null;

  function cellAt(row, col) {
    return grid.querySelector('input[data-row="' + row + '"][data-col="' + col + '"]');
  }

  function rows() {
    return Array.prototype.map.call(grid.querySelectorAll("input[data-cell][data-col='0']"), function (i) {
      return parseInt(i.dataset.row, 10);
    });
  }

  // Moves to the next editable cell in that direction; read-only cells (a unit the user
  // may not score) are skipped.
  function move(input, dRow, dCol) {
    var row = parseInt(input.dataset.row, 10);
    var col = parseInt(input.dataset.col, 10);
    var all = rows();
    var index = all.indexOf(row);
    var target = null;
    for (;;) {
      if (dRow !== 0) {
        index += dRow;
        if (index < 0 || index >= all.length) { return false; }
        target = cellAt(all[index], col);
      } else {
        col += dCol;
        target = cellAt(row, col);
        if (!target) { return false; }
      }
      if (target && !target.readOnly) { break; }
    }
    target.focus();
    target.select();
    return true;
  }

  function show(text, kind) {
    message.textContent = text;
    message.className = "alert alert-" + kind;
    message.hidden = !text;
  }

  function mark(input, state, title) {
    input.classList.remove("is-invalid", "is-valid", "is-stale", "is-saving");
    if (state) { input.classList.add(state); }
    input.title = title || "";
  }

  function updateProgress(before, after) {
    var scored = parseInt(progress.dataset.scored, 10);
    if (before === "" && after !== "") { scored += 1; }
    if (before !== "" && after === "") { scored -= 1; }
    progress.dataset.scored = String(scored);
    progress.textContent = scored + " / " + progress.dataset.total;
  }

  function save(input, reason) {
    var value = input.value.trim();
    if (value === input.dataset.saved && !reason) { return; }
    var body = new URLSearchParams({
      stage: stage, unit: input.dataset.unit, criterion: input.dataset.criterion,
      value: value, version: input.dataset.version, reason: reason || ""
    });
    mark(input, "is-saving");
    fetch(url, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      var data = result.data;
      if (data.ok) {
        var saved = data.value === null ? "" : data.value;
        updateProgress(input.dataset.saved, saved);
        input.dataset.saved = saved;
        input.dataset.version = String(data.version);
        if (input.value.trim() !== "" && input.value.trim() !== saved && input.value.trim() === value) { input.value = saved; }
        var total = grid.querySelector('[data-total-for="' + data.unit + '"]');
        if (total) { total.textContent = data.total; }
        mark(input, "is-valid");
        if (waitingForReason === input) { waitingForReason = null; reasonBox.hidden = true; reasonInput.value = ""; }
        show("", "info");
      } else if (result.status === 409) {
        // Keep what the user typed; adopt the current version so that saving again
        // deliberately overwrites the other person's value.
        input.dataset.version = String(data.version);
        input.dataset.saved = data.current_value === null ? "" : data.current_value;
        mark(input, "is-stale", data.error);
        show(data.error, "warning");
      } else if (data.code === "reason_required") {
        waitingForReason = input;
        reasonLabel.textContent = data.error;
        reasonBox.hidden = false;
        mark(input, "is-invalid", data.error);
        reasonInput.focus();
      } else {
        mark(input, "is-invalid", data.error);
        show(data.error, "danger");
      }
    }).catch(function () {
      mark(input, "is-invalid");
      show(grid.dataset.networkError, "danger");
    });
  }

  grid.addEventListener("change", function (event) {
    if (event.target.matches("input[data-cell]")) { save(event.target); }
  });

  grid.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches("input[data-cell]")) { return; }
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length;
    if (event.key === "Enter") {
      event.preventDefault();
      if (!move(input, 1, 0)) { save(input); }
    } else if (event.key === "ArrowDown") {
      event.preventDefault(); move(input, 1, 0);
    } else if (event.key === "ArrowUp") {
      event.preventDefault(); move(input, -1, 0);
    } else if (event.key === "ArrowLeft" && atStart) {
      event.preventDefault(); move(input, 0, -1);
    } else if (event.key === "ArrowRight" && atEnd) {
      event.preventDefault(); move(input, 0, 1);
    }
  });

  reasonInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && waitingForReason) {
      event.preventDefault();
      var input = waitingForReason;
      save(input, reasonInput.value.trim());
      input.focus();
    }
  });
}());
