// Visit forms: one-tap presets fill a field (durations, "today/yesterday").
// Without JavaScript the fields are typed as usual.
(function () {
  function sync(input) {
    if (!input || !input.form || !input.name) return;
    input.form.querySelectorAll('button.preset[data-fill="' + input.name + '"]').forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.value === input.value));
    });
  }
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("button.preset[data-fill]");
    if (!btn || !btn.form) return;
    var input = btn.form.elements[btn.dataset.fill];
    if (!input) return;
    // A second tap on the chosen preset clears the field.
    input.value = btn.getAttribute("aria-pressed") === "true" && btn.dataset.fill !== "date" ? "" : btn.dataset.value;
    sync(input);
  });
  document.addEventListener("input", function (e) { sync(e.target); });
  document.addEventListener("change", function (e) { sync(e.target); });
})();
