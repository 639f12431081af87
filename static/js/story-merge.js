// After a refused stale save: each field the other save changed has "Take theirs" / "Keep mine"
// radio buttons (stories/merge.py). The server honours them on the next save, so they work without
// JavaScript; here choosing also shows the chosen text in the field. "Keep mine" brings back the
// user's own text, and typing in the field makes it the user's text again.
(function () {
  "use strict";
  var form = document.getElementById("story-form");
  if (!form) return;
  form.querySelectorAll("[data-merge-field]").forEach(function (box) {
    var field = form.elements[box.dataset.mergeField];
    if (!field) return;
    var theirs = box.dataset.theirs || "";
    var mine = field.value;
    var setting = false;
    var keepMine = box.querySelector('input[value="mine"]');

    function show(choice) {
      setting = true;
      field.value = choice === "theirs" ? theirs : mine;
      // Counters, the coach and the draft follow the field's text.
      field.dispatchEvent(new Event("input", { bubbles: true }));
      setting = false;
      box.dataset.showing = choice;
    }

    box.addEventListener("change", function (event) {
      if (event.target.name === "merge_" + box.dataset.mergeField && event.target.checked) {
        show(event.target.value);
      }
    });
    field.addEventListener("input", function () {
      if (setting) return;
      // Edited by hand (perhaps the newer text): that is what the user wants saved.
      mine = field.value;
      if (!keepMine.checked) {
        keepMine.checked = true;
        box.dataset.showing = "mine";
      }
    });
    var chosen = box.querySelector("input[type=radio]:checked");
    if (chosen && chosen.value === "theirs") show("theirs");
  });
})();
