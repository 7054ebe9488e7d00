// NQ grid: typing a digit 0-4 on a row answers that row and moves to the next row.
// Progressive enhancement only: without this script Tab and the arrow keys still work.
(function () {
  "use strict";

  function focusRow(row) {
    if (!row) return;
    var target = row.querySelector("input[type=radio]:checked") ||
      row.querySelector("input[type=radio]");
    if (target) target.focus();
  }

  function onKeydown(event) {
    var input = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (!input.matches || !input.matches("input[type=radio]")) return;
    if (!/^[0-4]$/.test(event.key)) return;
    var row = input.closest("[data-nq-row]");
    var choice = row && row.querySelector("input[type=radio][value='" + event.key + "']");
    if (!choice) return;
    event.preventDefault();
    choice.checked = true;
    choice.dispatchEvent(new Event("change", { bubbles: true }));
    var next = row.nextElementSibling;
    if (next) {
      focusRow(next);
    } else {
      var save = row.closest("form").querySelector("button[type=submit]");
      if (save) save.focus();
    }
  }

  document.querySelectorAll("[data-nq-grid]").forEach(function (grid) {
    grid.addEventListener("keydown", onKeydown);
  });
})();
