// A time-zone select left unset takes the browser's own zone, and says so; the person can change it.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  document.querySelectorAll("select[data-browser-zone]").forEach(function (select) {
    if (select.value || !zone) return;
    var option = Array.prototype.find.call(select.options, function (o) { return o.value === zone; });
    if (!option) return;
    select.value = zone;
    var note = document.createElement("div");
    note.className = "form-text";
    note.setAttribute("data-zone-note", "");
    note.textContent = "Set to your browser's time zone (" + zone + "); save to keep it.";
    select.insertAdjacentElement("afterend", note);
  });
})();
