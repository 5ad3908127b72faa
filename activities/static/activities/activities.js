// Activity library: small enhancements; every page works without this file.
(function () {
  "use strict";
  // Print buttons exist only when there is script to press print for you.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // Filters are open by default (no script needed); on narrow screens fold
  // them so the results come first.
  document.querySelectorAll("details.library-filters[data-collapse-below]").forEach(function (details) {
    if (window.innerWidth < Number(details.getAttribute("data-collapse-below"))) {
      details.removeAttribute("open");
    }
  });
  // Select the shareable link in one click.
  var share = document.getElementById("share-url");
  if (share) { share.addEventListener("focus", function () { share.select(); }); }
})();
