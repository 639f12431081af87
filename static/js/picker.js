// Turns a long checklist (data-picker) into a searchable multi-select: a filter box,
// a count of chosen items, and chips to un-choose. Without JavaScript it stays a checklist.
// By keyboard each picker is one tab stop (the filter box, or else one checkbox: a roving
// tabindex); the arrow keys move between its checkboxes, Space ticks one, Home and End jump.
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
      // Inside the scroll box, kept at its top: the box and its filter are one tab stop.
      picker.insertBefore(input, picker.firstChild);
      picker.insertBefore(label, input);
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
        if (event.key === "ArrowDown") {
          event.preventDefault();
          var first = visibleBoxes()[0];
          if (first) first.focus();
        }
      });
      input.setAttribute("aria-describedby", id + "-hint");
      var hint = document.createElement("span");
      hint.id = id + "-hint";
      hint.className = "visually-hidden";
      hint.textContent = "Type to filter, then press the Down arrow to move to the list; Space ticks.";
      picker.insertBefore(hint, input);
      picker.classList.add("picker-scroll");
    }

    // The checkboxes as one tab stop: the filter box when there is one, else the current checkbox.
    var filter = fieldset.querySelector(".picker-filter");
    function boxes() { return options.map(function (o) { return o.querySelector("input"); }); }
    function visibleBoxes() {
      return options.filter(function (o) { return !o.hidden && !(o.closest(".picker-group") || {}).hidden; })
        .map(function (o) { return o.querySelector("input"); });
    }
    function makeCurrent(box) {
      boxes().forEach(function (b) { b.tabIndex = b === box && !filter ? 0 : -1; });
    }
    makeCurrent(boxes().filter(function (b) { return b.checked; })[0] || boxes()[0]);
    picker.addEventListener("focusin", function (event) {
      if (event.target.matches("input[type=checkbox]")) makeCurrent(event.target);
    });
    picker.addEventListener("keydown", function (event) {
      if (!event.target.matches("input[type=checkbox]") || event.altKey || event.ctrlKey || event.metaKey) return;
      var list = visibleBoxes();
      var at = list.indexOf(event.target);
      var next = null;
      if (event.key === "ArrowDown" || event.key === "ArrowRight") next = list[Math.min(at + 1, list.length - 1)];
      else if (event.key === "ArrowUp" || event.key === "ArrowLeft") next = at > 0 ? list[at - 1] : filter;
      else if (event.key === "Home") next = list[0];
      else if (event.key === "End") next = list[list.length - 1];
      else if (event.key === "Enter") event.preventDefault();  // ticking is Space; Enter never submits here
      if (!next) return;
      event.preventDefault();
      next.focus();
      if (next !== filter) next.scrollIntoView({ block: "nearest" });
    });

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
        chip.tabIndex = -1;  // for the mouse; by keyboard the checkbox in the list un-ticks it
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
