// Plan editor: warn before leaving the page with unsaved changes. The editor works without it.
(function () {
  "use strict";
  var form = document.getElementById("plan-form");
  if (!form) {
    return;
  }
  var dirty = false;
  form.addEventListener("input", function () {
    dirty = true;
  });
  form.addEventListener("change", function () {
    dirty = true;
  });
  // Every button of the library and suggestion panels submits this form too.
  form.addEventListener("submit", function () {
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
