// "Paste a whole story": the server splits labelled text (S/T/A/R, CARL, the guide's part names) into
// the five parts (stories/exchange/paste.py); the split is shown first, the parts change only on
// "Fill the parts", and "Undo" puts back what they held. Without JavaScript the box stays hidden.
(function () {
  "use strict";
  var box = document.getElementById("paste-story");
  var form = document.getElementById("story-form");
  if (!box || !form || !window.fetch) return;
  var text = box.querySelector("#paste-text");
  var preview = box.querySelector("[data-paste-preview]");
  var list = box.querySelector("[data-paste-parts]");
  var status = box.querySelector("[data-paste-status]");
  var undo = box.querySelector("[data-paste-undo]");
  var names = JSON.parse(box.dataset.partNames);
  var pending = null;
  var saved = null;
  box.hidden = false;

  function area(part) { return form.querySelector("textarea[data-part='" + part + "']"); }
  function say(message) { status.textContent = message; }

  box.querySelector("[data-paste-split]").addEventListener("click", function () {
    var action = box.querySelector("[name=paste-action]:checked");
    var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
    fetch(box.dataset.url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({text: text.value, action: action ? action.value : "split"})
    }).then(function (r) { return r.json(); }).then(function (result) {
      list.textContent = "";
      if (result.error) { preview.hidden = true; pending = null; say(result.error); return; }
      pending = result.parts;
      Object.keys(names).forEach(function (part) {
        var dt = document.createElement("dt");
        dt.textContent = names[part];
        var dd = document.createElement("dd");
        dd.textContent = result.parts[part] || "(empty)";
        dd.dataset.pastePart = part;
        list.appendChild(dt);
        list.appendChild(dd);
      });
      if (result.notes) {
        var dt = document.createElement("dt"), dd = document.createElement("dd");
        dt.textContent = "Not a part (not placed)";
        dd.textContent = result.notes;
        list.appendChild(dt);
        list.appendChild(dd);
      }
      preview.hidden = false;
      say("Check the split below; the parts change only when you choose “Fill the parts”.");
    }).catch(function () { say("The split is not available right now; your text is safe."); });
  });

  box.querySelector("[data-paste-apply]").addEventListener("click", function () {
    if (!pending) return;
    saved = {};
    Object.keys(names).forEach(function (part) {
      var el = area(part);
      saved[part] = el.value;
      el.value = pending[part] || "";
      el.dispatchEvent(new Event("input", {bubbles: true}));
    });
    preview.hidden = true;
    undo.hidden = false;
    say("The five parts were filled from the pasted story. “Undo” puts back what they held.");
  });

  box.querySelector("[data-paste-cancel]").addEventListener("click", function () {
    preview.hidden = true;
    pending = null;
    say("Nothing was changed.");
  });

  undo.addEventListener("click", function () {
    if (!saved) return;
    Object.keys(saved).forEach(function (part) {
      var el = area(part);
      el.value = saved[part];
      el.dispatchEvent(new Event("input", {bubbles: true}));
    });
    saved = null;
    undo.hidden = true;
    say("The parts are back as they were.");
  });
})();
