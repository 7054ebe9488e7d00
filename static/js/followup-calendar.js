// Follow-up calendar grid: "not brought back" greys out the day and pain inputs. They become
// read-only rather than disabled, so what was typed is still sent and shown again if the page
// comes back with an error (the server ignores it while the box is ticked).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-calendar]").forEach(function (calendar) {
    var toggle = calendar.querySelector("[data-calendar-toggle]");
    var cells = calendar.querySelector("[data-calendar-cells]");
    if (!toggle || !cells) return;
    function update() {
      cells.classList.toggle("rg-cal-off", toggle.checked);
      cells.querySelectorAll("input").forEach(function (input) {
        input.readOnly = toggle.checked;
        input.tabIndex = toggle.checked ? -1 : 0;
      });
      cells.setAttribute("aria-disabled", toggle.checked ? "true" : "false");
    }
    toggle.addEventListener("change", update);
    update();
  });
});
