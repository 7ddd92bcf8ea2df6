// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", function () {
  // Close the mobile menu when clicking outside it.
  document.addEventListener("click", function (e) {
    document.querySelectorAll("details.menu[open]").forEach(function (d) {
      if (!d.contains(e.target)) d.removeAttribute("open");
    });
  });
  // Escape closes the mobile menu and gives the focus back to its button.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    document.querySelectorAll("details.menu[open]").forEach(function (d) {
      d.removeAttribute("open");
      var summary = d.querySelector("summary");
      if (summary) summary.focus();
    });
  });
  // A table that scrolls sideways (a phone, 200 % zoom) can be scrolled with the keyboard.
  function scrollables() {
    document.querySelectorAll(".table-wrap").forEach(function (w) {
      if (w.scrollWidth > w.clientWidth + 1) w.setAttribute("tabindex", "0");
      else if (w.getAttribute("tabindex") === "0") w.removeAttribute("tabindex");
    });
  }
  scrollables();
  window.addEventListener("resize", scrollables);
  document.addEventListener("htmx:afterSettle", scrollables);
  // Buttons with data-confirm ask before submitting.
  document.addEventListener("submit", function (e) {
    var btn = e.submitter;
    var msg = (btn && btn.dataset.confirm) || e.target.dataset.confirm;
    if (msg && !window.confirm(msg)) e.preventDefault();
  });
});

// After an htmx swap: read confirmations ([data-announce]) into the one live
// region of the base layout, and on errors focus the first invalid field (its
// aria-describedby points to the error text) and announce that nothing was saved.
(function () {
  function announce(text) {
    var live = document.getElementById("live-status");
    if (!live || !text) return;
    live.textContent = "";
    // A fresh text node after a tick: screen readers announce the change.
    window.setTimeout(function () { live.textContent = text.replace(/\s+/g, " ").trim(); }, 60);
  }
  document.addEventListener("htmx:afterSettle", function (e) {
    var target = e.detail && e.detail.target;
    if (target && !target.isConnected && target.id) target = document.getElementById(target.id);
    if (!target || !target.isConnected) return;
    var invalid = target.querySelector(
      '[aria-invalid="true"], .has-error input:not([type=hidden]), .has-error select, .has-error textarea'
    );
    var summary = target.querySelector('.errors[role="alert"]');
    if (invalid || summary) {
      var live = document.getElementById("live-status");
      var first = invalid || summary;
      if (first === summary) summary.setAttribute("tabindex", "-1");
      first.focus();
      announce((summary && summary.textContent) || (live && live.dataset.invalidMsg));
      return;
    }
    var done = target.querySelector("[data-announce]");
    if (done) {
      // Read the words, not the decorations (aria-hidden ticks) nor the links.
      var copy = done.cloneNode(true);
      copy.querySelectorAll('[aria-hidden="true"], a').forEach(function (n) { n.remove(); });
      announce(copy.textContent);
    }
  });
})();
