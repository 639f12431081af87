// Follow-up probes after a run: each gets a countdown (60 s) started by its button.
(function () {
  "use strict";
  function clock(seconds) {
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-probe]"), function (probe) {
    var button = probe.querySelector("[data-probe-start]");
    var face = probe.querySelector("[data-probe-clock]");
    var live = probe.querySelector("[data-probe-live]");
    var total = parseInt(probe.dataset.seconds, 10) || 60;
    var timer = null, end = 0;
    function finish(text) {
      window.clearInterval(timer);
      timer = null;
      button.textContent = "Start again";
      probe.dataset.state = "done";
      live.textContent = text;
    }
    function tick() {
      var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      face.textContent = clock(left);
      probe.dataset.status = left <= 10 ? "near" : "ok";
      if (left === 0) { probe.dataset.status = "over"; finish("Time is up."); }
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (timer) { finish("Stopped at " + face.textContent + " left."); return; }
      end = Date.now() + total * 1000;
      probe.dataset.state = "running";
      button.textContent = "Stop";
      live.textContent = total + " seconds. Answer now.";
      timer = window.setInterval(tick, 250);
      tick();
    });
  });
})();
