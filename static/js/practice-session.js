// The round's session clock: the round's minutes, counting down from the first question's start
// across the round's questions (kept in sessionStorage, so it survives the page changes).
(function () {
  "use strict";
  var face = document.querySelector("[data-session-clock]");
  if (!face) return;
  var total = parseInt(face.dataset.seconds, 10) || 0;
  var key = face.dataset.key;
  function clock(seconds) {
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }
  function started() { return parseInt(sessionStorage.getItem(key) || "0", 10); }
  function tick() {
    var begun = started();
    var left = begun ? Math.max(0, total - Math.floor((Date.now() - begun) / 1000)) : total;
    face.textContent = clock(left);
    face.dataset.status = left === 0 ? "over" : left <= total * 0.2 ? "near" : "ok";
  }
  document.addEventListener("practice:start", function () {
    if (face.dataset.first === "1" || !started()) sessionStorage.setItem(key, String(Date.now()));
    face.dataset.first = "";
  });
  tick();
  window.setInterval(tick, 1000);
})();
