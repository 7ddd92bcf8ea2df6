/* Django's admin: names for the widgets it leaves unnamed (WCAG 4.1.2).
   The autocomplete (select2) combobox is labelled only by its current value,
   empty on an add form: label it by the field's <label> and the value. */
"use strict";
(function () {
  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      var container = select.id && document.getElementById("select2-" + select.id + "-container");
      if (!label || !container) return;
      if (!label.id) label.id = select.id + "_label";
      var box = container.closest("[role=combobox]");
      if (box) box.setAttribute("aria-labelledby", label.id + " " + container.id);
      container.setAttribute("aria-label", label.textContent.replace(/[\s:]+$/, "").trim());
    });
  }
  // django-import-export's export form: its "Select all" label points to an
  // id its checkbox lacks, and its inline onchange is blocked by our CSP.
  function fixSelectAll() {
    var toggle = document.querySelector("input.select-toggle");
    if (!toggle) return;
    if (!toggle.id) toggle.id = "select-all-toggle";
    if (typeof window.onSelectToggleChange === "function") toggle.addEventListener("change", window.onSelectToggleChange);
  }
  function start() {
    nameAutocompletes(document);
    fixSelectAll();
    document.addEventListener("formset:added", function (event) { nameAutocompletes(event.target); });
  }
  // After Django's autocomplete.js, which starts select2 on jQuery's ready.
  if (window.django && window.django.jQuery) window.django.jQuery(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
