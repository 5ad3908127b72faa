// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // The header menu is open by default so that it works without JavaScript;
  // on narrow screens we fold it behind its "Menu" button.
  var menu = document.querySelector("details[data-collapse-below]");
  if (menu && window.innerWidth < Number(menu.getAttribute("data-collapse-below"))) {
    menu.removeAttribute("open");
  }
  // Move focus to a form's error summary so screen readers announce it.
  var summary = document.getElementById("form-errors");
  if (summary) { summary.focus(); }
})();
