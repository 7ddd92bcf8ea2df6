// Tenant picker: the search field becomes a type-ahead combobox (ARIA 1.2
// combobox + listbox) over the list the server rendered — the worker's
// caseload first, then everybody by name. Accents and case are ignored, as
// in the server's search ("helene" finds Hélène). When one tenant is left,
// the quick log opens at once (and Enter opens the highlighted one).
// Without JavaScript the form is a plain search (?q=) answered by the server.
(function () {
  var MAX = 8;           // options shown at once: a phone screen
  var AUTO_OPEN_MS = 700; // one match left: open after this pause in typing

  function fold(s) {
    return (s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function init(form) {
    if (form.dataset.pickerReady) return;
    form.dataset.pickerReady = "1";
    var input = form.querySelector("input[name=q]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    var more = list.querySelector(".tp-more");
    var options = Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    var groups = Array.prototype.slice.call(list.querySelectorAll("[role=group]"));
    var shown = [];
    var active = -1;
    var timer = null;
    var opened = null;

    form.classList.add("tp-js");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function say(text) { if (status) status.textContent = text; }

    function setActive(i) {
      if (active >= 0 && shown[active]) shown[active].setAttribute("aria-selected", "false");
      active = i;
      if (active >= 0 && shown[active]) {
        shown[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", shown[active].id);
        shown[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
      clearTimeout(timer);
    }

    function words() { return fold(input.value).split(/\s+/).filter(Boolean); }

    function render() {
      var ws = words();
      var matches = options.filter(function (o) {
        if (!ws.length) return o.parentNode.hasAttribute("data-mine");
        var key = o.dataset.key;
        return ws.every(function (w) { return key.indexOf(w) !== -1; });
      });
      setActive(-1);
      shown = matches.slice(0, MAX);
      options.forEach(function (o) { o.hidden = shown.indexOf(o) === -1; });
      groups.forEach(function (g) { g.hidden = !g.querySelector("[role=option]:not([hidden])"); });
      more.hidden = matches.length <= MAX;
      more.textContent = form.dataset.msgMore.replace("{n}", matches.length - MAX);
      list.hidden = shown.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      if (ws.length) {
        say(!matches.length ? form.dataset.msgNone
          : matches.length === 1 ? form.dataset.msgOne
          : form.dataset.msgMany.replace("{n}", matches.length));
      }
      if (shown.length && ws.length) setActive(0);
      return matches;
    }

    function open(option) {
      clearTimeout(timer);
      opened = option;
      input.value = option.querySelector(".tp-name").textContent;
      close();
      var target = document.querySelector(form.dataset.target);
      if (window.htmx && target) {
        window.htmx.ajax("GET", option.getAttribute("href"), { target: target, swap: "outerHTML" });
      } else {
        window.location.assign(option.getAttribute("href"));
      }
    }

    input.addEventListener("input", function () {
      opened = null;
      clearTimeout(timer);
      var matches = render();
      if (matches.length === 1 && words().length) {
        timer = setTimeout(function () { if (!opened) open(matches[0]); }, AUTO_OPEN_MS);
      }
    });
    input.addEventListener("focus", function () { if (!opened) render(); });
    input.addEventListener("click", function () { if (list.hidden) render(); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (list.hidden) { render(); if (!shown.length) return; }
        var n = shown.length;
        if (!n) return;
        var next = e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1);
        setActive(next);
      } else if (e.key === "Enter") {
        if (!list.hidden && active >= 0 && shown[active]) {
          e.preventDefault();
          open(shown[active]);
        }
        // otherwise the form is submitted: the server searches.
      } else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); close(); }
        else if (input.value) { e.preventDefault(); input.value = ""; }
      }
    });
    // Keep the focus in the field when an option is pressed.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) {
      var option = e.target.closest("[role=option]");
      if (!option) return;
      e.preventDefault();
      open(option);
    });
    document.addEventListener("click", function (e) {
      if (!form.contains(e.target)) close();
    });
    if (document.activeElement === input) render();
  }

  function initAll(root) {
    (root || document).querySelectorAll("form[data-tenant-picker]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initAll(); });
  } else {
    initAll();
  }
  document.addEventListener("htmx:load", function (e) { initAll(e.target); });
})();
