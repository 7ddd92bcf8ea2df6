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
  form.addEventListener("change", function (e) {
    if (e.target.name === "kind") update();
  });
  update();
});
