// The forum's progressive enhancements for writing; every form works without
// this file (CSP: no inline script, so it is loaded from forum/base.html).
//  - "Reply" on a post sets the thread page's reply form to answer it;
//  - the reply being written is saved as a draft on the server (forum.Draft);
//  - "@" followed by letters suggests members to mention.
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // --- Replying to one post ------------------------------------------------
  var threadForm = document.getElementById("thread-reply-form");
  if (threadForm) {
    var replyTo = threadForm.querySelector("input[name=reply_to]");
    var status = document.getElementById("replying-to");
    var statusText = status && status.querySelector("[data-replying-to-text]");
    var cancel = status && status.querySelector("[data-cancel-reply-to]");
    var template = document.getElementById("replying-to-template");
    var setTarget = function (id, number) {
      replyTo.value = id || "";
      if (!id) {
        status.hidden = true;
        statusText.textContent = "";
      } else {
        statusText.textContent = template.content.textContent.trim().replace("{number}", number);
        status.hidden = false;
      }
      threadForm.dispatchEvent(new Event("input"));
    };
    if (replyTo && status && template) {
      if (cancel) {
        cancel.hidden = false;
        cancel.addEventListener("click", function () { setTarget("", ""); });
      }
      document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[data-reply-to]");
        if (!link) { return; }
        event.preventDefault();
        setTarget(link.getAttribute("data-reply-to"), link.getAttribute("data-reply-number"));
        var box = threadForm.querySelector("textarea");
        threadForm.scrollIntoView({ block: "start" });
        if (box) { box.focus(); }
      });
    }
  }

  // --- Drafts -----------------------------------------------------------------
  var forms = document.querySelectorAll("form[data-draft-url]");
  Array.prototype.forEach.call(forms, function (form) {
    var url = form.getAttribute("data-draft-url");
    var box = form.querySelector("textarea[name=source]");
    var note = form.querySelector("[data-draft-status]");
    if (!box) { return; }
    var timer = null;
    var saved = box.value;
    var submitting = false;
    var data = function () {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrfToken(form));
      body.append("source", box.value);
      var target = form.querySelector("input[name=reply_to]");
      body.append("reply_to", target ? target.value : "");
      return body;
    };
    var save = function () {
      timer = null;
      if (submitting || box.value === saved) { return; }
      var text = box.value;
      fetch(url, {
        method: "POST",
        body: data(),
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken(form) }
      }).then(function (response) {
        if (response.ok) {
          saved = text;
          if (note) { note.textContent = note.getAttribute("data-saved-text"); }
        }
      }).catch(function () { /* offline: the next change tries again */ });
    };
    form.addEventListener("input", function () {
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(save, 2000);
    });
    form.addEventListener("submit", function () { submitting = true; });
    // Leaving the page (another link, a closed tab): send what is unsaved.
    window.addEventListener("pagehide", function () {
      if (submitting || box.value === saved || !navigator.sendBeacon) { return; }
      navigator.sendBeacon(url, data());
      saved = box.value;
    });
  });

  // --- @-mention suggestions ------------------------------------------------
  var MENTION = /(?:^|[^\w.+\-@\/])@([A-Za-z0-9_][A-Za-z0-9_.+\-]*)$/;
  var composers = document.querySelectorAll("form[data-mentions-url]");
  Array.prototype.forEach.call(composers, function (form, formIndex) {
    var url = form.getAttribute("data-mentions-url");
    var box = form.querySelector("textarea[name=source]");
    if (!box) { return; }
    var list = document.createElement("ul");
    list.id = "mention-suggestions-" + formIndex;
    list.className = "mention-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.getAttribute("data-mentions-label") || "@");
    list.hidden = true;
    box.parentNode.insertBefore(list, box.nextSibling);
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-controls", list.id);
    var active = -1;
    var pending = null;
    var asked = "";
    var close = function () {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      box.removeAttribute("aria-activedescendant");
    };
    var highlight = function (index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      Array.prototype.forEach.call(options, function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      box.setAttribute("aria-activedescendant", options[active].id);
    };
    var choose = function (username) {
      var before = box.value.slice(0, box.selectionStart);
      var after = box.value.slice(box.selectionStart);
      var match = MENTION.exec(before);
      if (!match) { close(); return; }
      var start = before.length - match[1].length;
      before = before.slice(0, start) + username + " ";
      box.value = before + after;
      box.selectionStart = box.selectionEnd = before.length;
      close();
      box.focus();
      form.dispatchEvent(new Event("input"));
    };
    var show = function (members) {
      list.innerHTML = "";
      if (!members.length) { close(); return; }
      members.forEach(function (member, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-username", member.username);
        option.textContent = member.name === member.username ? "@" + member.username : member.name + " (@" + member.username + ")";
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(member.username);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      highlight(0);
    };
    var ask = function () {
      pending = null;
      var match = MENTION.exec(box.value.slice(0, box.selectionStart));
      if (!match) { close(); return; }
      var prefix = match[1];
      if (prefix === asked && !list.hidden) { return; }
      asked = prefix;
      fetch(url + "?q=" + encodeURIComponent(prefix), {
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.ok ? response.json() : { members: [] };
      }).then(function (answer) {
        if (asked === prefix) { show(answer.members || []); }
      }).catch(close);
    };
    box.addEventListener("input", function () {
      if (pending) { window.clearTimeout(pending); }
      pending = window.setTimeout(ask, 200);
    });
    box.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter" || event.key === "Tab") {
        var option = list.querySelectorAll("[role=option]")[active];
        if (option) { event.preventDefault(); choose(option.getAttribute("data-username")); }
      } else if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    box.addEventListener("blur", function () { window.setTimeout(close, 150); });
  });
})();
