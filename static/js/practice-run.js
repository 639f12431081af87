// The practice run: an optional 10 s to think, then a timer that walks the story's five parts
// against their budgets, with a cue card, a sound and an announcement at each change.
// Keys: Space pause/resume, → next part, ← previous part, Esc stop. When the run stops, the
// after-run form gets the seconds spent on each part. Other scripts listen to the events it
// sends on `document`: practice:start, practice:part, practice:pause, practice:resume, practice:stop.
(function () {
  "use strict";
  var NEAR_BUDGET = 0.8; // as stories/timing.py
  var data = document.getElementById("practice-parts");
  var setup = document.getElementById("run-setup");
  var stage = document.getElementById("run-stage");
  var form = document.getElementById("after-run");
  if (!data || !setup || !stage || !form) return;
  var parts = JSON.parse(data.textContent);
  var $ = function (id) { return document.getElementById(id); };
  var live = $("run-live");
  var LABELS = { ok: "", near: "near the budget", over: "over budget" };

  var state = "idle"; // idle | thinking | telling | paused | done
  var pausedFrom = null;
  var current = 0;
  var partMs = parts.map(function () { return 0; });
  var segmentStart = 0; // Date.now() when the running stretch of the current part began
  var thinkLeft = 0; // ms of thinking left (kept while paused)
  var thinkStart = 0;
  var warned = {};
  var timer = null;
  var audio = null;

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }
  function partStatus(seconds, budget) {
    if (seconds > budget) return "over";
    if (seconds >= budget * NEAR_BUDGET) return "near";
    return "ok";
  }
  function announce(text) {
    live.textContent = "";
    // A fresh text node each time, so a screen reader reads a repeated message again.
    window.setTimeout(function () { live.textContent = text; }, 30);
  }
  function option(id) { var box = $(id); return !!(box && box.checked); }

  function beep(frequency, seconds) {
    if (!option("opt-sound")) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.12, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + seconds);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + seconds);
    } catch (e) { /* no Web Audio: the visual cue and the announcement remain */ }
  }
  function emit(name, detail) { document.dispatchEvent(new CustomEvent("practice:" + name, { detail: detail })); }

  function runningMs() { return state === "telling" ? Date.now() - segmentStart : 0; }
  function partSeconds(i) { return (partMs[i] + (i === current ? runningMs() : 0)) / 1000; }
  function tellingSeconds() {
    return partMs.reduce(function (a, b) { return a + b; }, 0) / 1000 + runningMs() / 1000;
  }
  function settle() { // fold the running stretch into the current part
    if (state === "telling") { partMs[current] += Date.now() - segmentStart; segmentStart = Date.now(); }
  }

  function showPart() {
    var part = parts[current];
    $("stage-step").textContent = "Part " + (current + 1) + " of " + parts.length;
    $("stage-part").textContent = part.name;
    $("stage-template").textContent = part.template;
    var cue = $("stage-cue");
    var recall = option("opt-recall");
    cue.textContent = recall ? "" : part.cue;
    cue.hidden = recall || !part.cue;
    $("stage-budget").textContent = clock(part.budget);
    Array.prototype.forEach.call($("stage-steps").children, function (li, i) {
      li.classList.toggle("is-current", i === current);
      li.classList.toggle("is-done", i < current);
      if (i === current) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
    });
    stage.classList.remove("part-changed");
    void stage.offsetWidth; // restart the flash animation
    stage.classList.add("part-changed");
    render();
  }

  function render() {
    if (state === "thinking" || pausedFrom === "thinking") {
      var left = state === "thinking" ? thinkLeft - (Date.now() - thinkStart) : thinkLeft;
      $("stage-clock").textContent = clock(Math.ceil(left / 1000));
      return;
    }
    var part = parts[current];
    var seconds = partSeconds(current);
    var status = partStatus(Math.floor(seconds), part.budget);
    $("stage-clock").textContent = clock(seconds);
    $("stage-clock-box").dataset.status = status;
    $("stage-status").textContent = state === "paused" ? "paused" : LABELS[status];
    $("stage-fill").style.width = Math.min(100, (100 * seconds) / part.budget) + "%";
    $("stage-fill").dataset.status = status;
  }

  function tick() {
    if (state === "thinking" && thinkLeft - (Date.now() - thinkStart) <= 0) { beginTelling(); return; }
    if (state === "telling") {
      var part = parts[current];
      if (!warned[current] && partSeconds(current) >= part.budget) {
        warned[current] = true;
        beep(440, 0.25);
        if (option("opt-advance") && current < parts.length - 1) { go(current + 1); return; }
        announce("Time is up for " + part.name + ".");
      }
    }
    render();
  }

  function start() {
    setup.hidden = true;
    stage.hidden = false;
    form.hidden = true;
    current = 0;
    partMs = parts.map(function () { return 0; });
    warned = {};
    timer = window.setInterval(tick, 200);
    if (option("opt-think")) {
      state = "thinking";
      thinkLeft = (parseInt(stage.dataset.think || "10", 10) || 10) * 1000;
      thinkStart = Date.now();
      $("stage-step").textContent = "Think";
      $("stage-part").textContent = "Take a moment to think";
      $("stage-template").textContent = "Choose your opening sentence. The clock for the first part starts after this, or press → to start now.";
      $("stage-cue").hidden = true;
      $("stage-budget").textContent = clock(thinkLeft / 1000);
      $("stage-clock-box").dataset.status = "ok";
      $("stage-status").textContent = "";
      announce("Ten seconds to think. Press right arrow to start now.");
      render();
    } else {
      beginTelling();
    }
    $("stage-part").focus();
  }

  function beginTelling() {
    state = "telling";
    pausedFrom = null;
    segmentStart = Date.now();
    emit("start", { at: 0 });
    beep(880, 0.15);
    showPart();
    announce("Part 1 of " + parts.length + ": " + parts[0].name + ", " + parts[0].budget + " seconds.");
  }

  function go(index) {
    if (index < 0 || index >= parts.length || index === current) return;
    settle();
    current = index;
    emit("part", { index: current, at: tellingSeconds() });
    beep(880, 0.15);
    showPart();
    var part = parts[current];
    announce("Part " + (current + 1) + " of " + parts.length + ": " + part.name + ", " + part.budget + " seconds.");
  }

  function togglePause() {
    var button = $("run-pause");
    if (state === "telling" || state === "thinking") {
      if (state === "thinking") thinkLeft -= Date.now() - thinkStart;
      settle();
      pausedFrom = state;
      state = "paused";
      button.textContent = "Resume";
      button.setAttribute("aria-pressed", "true");
      emit("pause", {});
      announce("Paused.");
    } else if (state === "paused") {
      state = pausedFrom;
      if (state === "thinking") thinkStart = Date.now(); else { pausedFrom = null; segmentStart = Date.now(); }
      button.textContent = "Pause";
      button.setAttribute("aria-pressed", "false");
      emit("resume", {});
      announce("Resumed.");
    }
    render();
  }

  function next() {
    if (state === "thinking" || (state === "paused" && pausedFrom === "thinking")) {
      if (state === "paused") { state = "thinking"; $("run-pause").textContent = "Pause"; }
      beginTelling();
    } else if (state === "telling" || state === "paused") {
      if (current === parts.length - 1) stop(); else go(current + 1);
    }
  }

  function stop() {
    if (state === "idle" || state === "done") return;
    var told = state !== "thinking" && pausedFrom !== "thinking";
    settle();
    window.clearInterval(timer);
    state = "done";
    var seconds = partMs.map(function (ms) { return Math.round(ms / 1000); });
    if (told) emit("stop", { seconds: seconds, at: tellingSeconds() });
    stage.hidden = true;
    form.hidden = false;
    seconds.forEach(function (s, i) {
      var input = form.querySelector('tr[data-index="' + i + '"] input');
      if (input) input.value = s;
    });
    updateVerdicts();
    var total = seconds.reduce(function (a, b) { return a + b; }, 0);
    var budget = parts.reduce(function (a, p) { return a + p.budget; }, 0);
    $("after-heading").focus();
    announce("Stopped. " + clock(total) + " of " + clock(budget) + ". Rate the telling below.");
    setup.hidden = false;
    $("run-start").textContent = "Start again";
  }

  function updateVerdicts() {
    var total = 0;
    var complete = true;
    Array.prototype.forEach.call(form.querySelectorAll("tr[data-index]"), function (row) {
      var input = row.querySelector("input");
      var cell = row.querySelector(".part-verdict");
      var budget = parseInt(row.dataset.budget, 10);
      var value = input ? input.value.trim() : "";
      if (!/^\d+$/.test(value)) { cell.textContent = ""; row.removeAttribute("data-status"); complete = false; return; }
      var seconds = parseInt(value, 10);
      total += seconds;
      var status = partStatus(seconds, budget);
      row.dataset.status = status;
      cell.textContent = status === "over" ? "over by " + clock(seconds - budget)
        : status === "near" ? "near the budget (" + clock(budget - seconds) + " left)"
        : "within budget (" + clock(budget - seconds) + " left)";
    });
    $("run-total").textContent = complete ? clock(total) : "–";
  }

  document.addEventListener("keydown", function (event) {
    if (state === "idle" || state === "done" || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && target.type !== "checkbox") || target.isContentEditable) return;
    if (event.key === " " || event.key === "Spacebar") { event.preventDefault(); togglePause(); }
    else if (event.key === "ArrowRight") { event.preventDefault(); next(); }
    else if (event.key === "ArrowLeft") { event.preventDefault(); if (state !== "thinking") go(current - 1); }
    else if (event.key === "Escape") { event.preventDefault(); stop(); }
  });

  document.addEventListener("keyup", function (event) {
    // A focused button would take Space as a click on key up; the run already used it.
    if ((event.key === " " || event.key === "Spacebar") && (state === "telling" || state === "thinking" || state === "paused")
        && event.target && event.target.tagName === "BUTTON") event.preventDefault();
  });

  // Enhance: show the timer; keep the form for after the run (or at once if the server sent errors back).
  setup.hidden = false;
  stage.dataset.think = setup.dataset.think || "10";
  var hint = form.querySelector("[data-nojs-hint]");
  if (hint) hint.hidden = true;
  if (!form.querySelector(".invalid-feedback")) form.hidden = true;
  var skip = $("run-skip");
  if (skip) skip.addEventListener("click", function () { form.hidden = false; $("after-heading").focus(); });
  $("run-start").addEventListener("click", start);
  $("run-next").addEventListener("click", next);
  $("run-prev").addEventListener("click", function () { if (state !== "thinking") go(current - 1); });
  $("run-pause").addEventListener("click", togglePause);
  $("run-stop").addEventListener("click", stop);
  form.addEventListener("input", updateVerdicts);
  updateVerdicts();
})();
