// Move form: show the destination dwelling for an entry or a transfer and the
// exit destination for an exit. Without JavaScript both stay visible.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form.move-form");
  if (!form) return;
  var parts = form.querySelectorAll("[data-kinds]");
  function update() {
    var checked = form.querySelector("input[name=kind]:checked");
    parts.forEach(function (part) {
      var kinds = part.getAttribute("data-kinds").split(" ");
      part.hidden = checked ? kinds.indexOf(checked.value) === -1 : false;
    });
  }
  // A kind pre-filled by the page ("Y installer quelqu'un": an entry) follows
  // the tenant chosen until the user picks one: a transfer for someone housed.
  var kindTouched = false;
  form.addEventListener("change", function (e) {
    if (e.target.name === "kind") {
      kindTouched = true;
      update();
    } else if (e.target.name === "tenant" && !kindTouched && e.target.selectedIndex >= 0) {
      var option = e.target.options[e.target.selectedIndex];
      var kind = option.hasAttribute("data-housed") ? "TRANSFER" : "ENTRY";
      var radio = form.querySelector("input[name=kind][value=" + kind + "]");
      if (radio && option.value) {
        radio.checked = true;
        update();
      }
    }
  });
  update();
});
