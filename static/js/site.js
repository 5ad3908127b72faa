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

  // Relative times: {% moment %} (core/templatetags/time_tags.py) writes the
  // date, which stays true in any cache; here it becomes "3 hours ago" in the
  // page's language, the exact time staying in the title. Older than a
  // month, the date is clearer and stays.
  var times = document.querySelectorAll("time[data-relative]");
  if (!times.length || !window.Intl || !Intl.RelativeTimeFormat) { return; }
  var language = document.documentElement.lang || "en";
  var words = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
  var steps = [["second", 60], ["minute", 60], ["hour", 24], ["day", 30]];
  function relative(date) {
    var amount = (date.getTime() - Date.now()) / 1000;
    if (amount > 60) { return null; } // in the future (a clock off): keep the date
    for (var i = 0; i < steps.length; i += 1) {
      if (Math.abs(amount) < steps[i][1]) {
        if (steps[i][0] === "second") { return words.format(0, "second"); }
        return words.format(Math.round(amount), steps[i][0]);
      }
      amount /= steps[i][1];
    }
    return null;
  }
  function refresh() {
    for (var i = 0; i < times.length; i += 1) {
      var time = times[i];
      if (!time.hasAttribute("data-date")) { time.setAttribute("data-date", time.textContent); }
      var text = relative(new Date(time.getAttribute("datetime")));
      time.textContent = text || time.getAttribute("data-date");
    }
  }
  refresh();
  window.setInterval(refresh, 60000);
})();
