// Turns a long checklist (data-picker) into a searchable multi-select: a filter box,
// a count of chosen items, and chips to un-choose. Without JavaScript it stays a checklist.
(function () {
  "use strict";
  document.querySelectorAll("[data-picker-field]").forEach(function (fieldset, n) {
    var picker = fieldset.querySelector("[data-picker]");
    if (!picker) return;
    var options = Array.prototype.slice.call(picker.querySelectorAll(".picker-option"));
    var count = fieldset.querySelector("[data-picker-count]");
    var legend = fieldset.querySelector("legend");
    var name = legend ? legend.firstChild.textContent.trim() : "items";

    var chips = document.createElement("div");
    chips.className = "picker-chips";
    chips.setAttribute("aria-label", "Chosen " + name.toLowerCase());
    picker.parentNode.insertBefore(chips, picker);

    if (options.length > 6) {
      var id = "picker-filter-" + n;
      var label = document.createElement("label");
      label.className = "visually-hidden";
      label.htmlFor = id;
      label.textContent = "Filter " + name.toLowerCase();
      var input = document.createElement("input");
      input.type = "search";
      input.id = id;
      input.className = "form-control form-control-sm mb-1 picker-filter";
      input.placeholder = "Filter " + name.toLowerCase() + "…";
      input.autocomplete = "off";
      picker.parentNode.insertBefore(label, picker);
      picker.parentNode.insertBefore(input, picker);
      input.addEventListener("input", function () {
        var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        options.forEach(function (option) {
          var text = option.textContent.toLowerCase();
          option.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
        });
        picker.querySelectorAll(".picker-group").forEach(function (group) {
          group.hidden = !group.querySelector(".picker-option:not([hidden])");
        });
      });
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") event.preventDefault();  // filtering, not submitting
      });
      picker.classList.add("picker-scroll");
    }

    function render() {
      chips.textContent = "";
      var chosen = 0;
      options.forEach(function (option) {
        var box = option.querySelector("input");
        if (!box.checked) return;
        chosen += 1;
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "picker-chip";
        var text = option.querySelector("label").textContent;
        chip.textContent = text.length > 60 ? text.slice(0, 57) + "…" : text;
        chip.setAttribute("aria-label", "Remove " + text);
        chip.title = "Remove";
        chip.addEventListener("click", function () {
          box.checked = false;
          box.dispatchEvent(new Event("change", { bubbles: true }));
        });
        chips.appendChild(chip);
      });
      if (count) count.textContent = chosen ? "(" + chosen + " chosen)" : "";
    }
    picker.addEventListener("change", render);
    fieldset.addEventListener("picker:refresh", render);
    render();
  });
})();
