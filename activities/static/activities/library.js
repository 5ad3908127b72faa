// The library's filters apply as they change (every page works without
// this file): the same GET form, the results swapped in, the URL kept
// shareable, the new count said in a polite live region.
(function () {
  "use strict";
  var d = document, $ = function (s, r) { return (r || d).querySelector(s); };
  var form = $("[data-live-filters]"), busy;
  if (!form || !window.AbortController) { return; }
  function apply(focus) {
    var q = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (v) { q.append(k, v); } });
    var url = form.action.split("?")[0] + "?" + q;
    if (busy) { busy.abort(); }
    busy = new AbortController();
    fetch(url, { signal: busy.signal }).then(function (r) {
      if (!r.ok) { throw r; }
      return r.text();
    }).then(function (html) {
      var f = new DOMParser().parseFromString(html, "text/html");
      // The form comes back too (counts, tags, messages): what has focus keeps it, and what it holds.
      var a = d.activeElement, key = a && a.form === form && (a.type === "checkbox"
        ? "input[name='" + a.name + "'][value='" + a.value + "']" : a.id && "#" + a.id), value = a && a.value;
      $("[data-live-results]").innerHTML = $("[data-live-results]", f).innerHTML;
      form.innerHTML = $("[data-live-filters]", f).innerHTML;
      var now = key && $(key, form);
      if (now) { if (now.type !== "checkbox") { now.value = value; } now.focus(); }
      history.replaceState(null, "", url);
      $("#library-status").textContent = $("#results-heading", f).textContent;
      if (focus) { $("#results-heading").focus(); }
    }).catch(function (e) { if (e.name !== "AbortError") { location = url; } });
  }
  form.onchange = function () { apply(); };
  form.onsubmit = function (e) { e.preventDefault(); apply(true); };
})();
