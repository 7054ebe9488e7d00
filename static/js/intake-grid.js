// Intake questionnaire grids (QBPDS, STarT Back): with a radio button focused, type the
// answer's number to choose it and move on to the next question. Arrow keys and Tab work as
// usual; this only saves keystrokes.
document.addEventListener("keydown", function (event) {
  var input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
  if (!input.closest(".rg-grid") || !/^[0-9]$/.test(event.key)) return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  var row = input.closest("tr");
  var choice = row.querySelector('input[type="radio"][value="' + event.key + '"]');
  if (!choice) return;
  event.preventDefault();
  choice.checked = true;
  choice.dispatchEvent(new Event("change", { bubbles: true }));
  var next = row.nextElementSibling;
  var target = next && next.querySelector('input[type="radio"]:checked, input[type="radio"]');
  (target || choice).focus();
});
