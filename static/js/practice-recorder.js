// Optional audio recording of a practice run, kept in this browser's IndexedDB and never sent to
// the server. practice-run.js sends a mark at each part change; afterwards each part can be
// played on its own, and each recording deleted.
(function () {
  "use strict";
  var section = document.getElementById("recordings");
  var option = document.querySelector("[data-record-option]");
  var box = document.getElementById("opt-record");
  var flag = document.getElementById("recording-flag");
  var partsData = document.getElementById("practice-parts");
  if (!section || !option || !box || !partsData) return;
  if (!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.MediaRecorder && window.indexedDB)) return;
  var parts = JSON.parse(partsData.textContent);
  var key = section.dataset.key;
  var list = document.getElementById("recordings-list");
  var stream = null, recorder = null, chunks = [], marks = [];

  function clock(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }

  // IndexedDB: one store, records {id, key, created, marks, seconds, type, blob}, an index on key.
  function db() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open("storybank-practice", 1);
      request.onupgradeneeded = function () {
        var store = request.result.createObjectStore("recordings", { keyPath: "id", autoIncrement: true });
        store.createIndex("key", "key");
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function transact(mode, work) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var tx = database.transaction("recordings", mode);
        var result = work(tx.objectStore("recordings"));
        tx.oncomplete = function () { database.close(); resolve(result && result.result); };
        tx.onerror = function () { database.close(); reject(tx.error); };
      });
    });
  }

  function segments(record, index) {
    // [start, end) stretches of the recording spent on part `index`, from the marks.
    var out = [];
    record.marks.forEach(function (mark, i) {
      var end = i + 1 < record.marks.length ? record.marks[i + 1].at : record.seconds;
      if (mark.index === index && end > mark.at) out.push([mark.at, end]);
    });
    return out;
  }

  function knownDuration(audio) {
    // Chromium leaves a MediaRecorder file's duration at Infinity until it has seeked to the end.
    return new Promise(function (resolve) {
      function done() { audio.dataset.duration = audio.duration; resolve(audio.duration); }
      function seekBack() {
        if (!isFinite(audio.duration)) return;
        audio.removeEventListener("durationchange", seekBack);
        audio.currentTime = 0;
        done();
      }
      function loaded() {
        if (isFinite(audio.duration)) { done(); return; }
        audio.addEventListener("durationchange", seekBack);
        audio.currentTime = 1e101;
      }
      if (audio.readyState >= 1) loaded(); else audio.addEventListener("loadedmetadata", loaded, { once: true });
    });
  }

  function playStretches(audio, stretches, button) {
    var i = 0;
    function playNext() {
      if (i >= stretches.length) { audio.pause(); audio.removeEventListener("timeupdate", watch); return; }
      audio.currentTime = stretches[i][0];
      audio.play();
    }
    function watch() {
      if (audio.currentTime >= stretches[i][1]) { i += 1; playNext(); }
    }
    audio.addEventListener("timeupdate", watch);
    audio.addEventListener("pause", function () { audio.removeEventListener("timeupdate", watch); }, { once: true });
    knownDuration(audio).then(playNext);
    button.setAttribute("aria-pressed", "true");
    audio.addEventListener("pause", function () { button.setAttribute("aria-pressed", "false"); }, { once: true });
  }

  function show(records) {
    list.textContent = "";
    section.hidden = records.length === 0;
    records.sort(function (a, b) { return b.created - a.created; }).forEach(function (record) {
      var li = document.createElement("li");
      li.className = "recording mb-3";
      li.dataset.id = record.id;
      var title = document.createElement("p");
      title.className = "mb-1 small";
      title.textContent = "Recorded " + new Date(record.created).toLocaleString() + " · " + clock(record.seconds);
      var audio = document.createElement("audio");
      audio.controls = true;
      audio.preload = "metadata";
      audio.src = URL.createObjectURL(record.blob);
      audio.setAttribute("aria-label", "Recording of " + new Date(record.created).toLocaleString());
      knownDuration(audio);
      var buttons = document.createElement("div");
      buttons.className = "d-flex flex-wrap gap-1 mt-1";
      parts.forEach(function (part, index) {
        var stretches = segments(record, index);
        if (!stretches.length) return;
        var b = document.createElement("button");
        b.type = "button";
        b.className = "btn btn-sm btn-outline-secondary";
        b.textContent = "Play " + part.name;
        b.setAttribute("aria-pressed", "false");
        b.addEventListener("click", function () { playStretches(audio, stretches, b); });
        buttons.appendChild(b);
      });
      var del = document.createElement("button");
      del.type = "button";
      del.className = "btn btn-sm btn-outline-danger ms-auto";
      del.textContent = "Delete recording";
      del.addEventListener("click", function () {
        transact("readwrite", function (store) { return store.delete(record.id); }).then(load);
      });
      buttons.appendChild(del);
      li.appendChild(title);
      li.appendChild(audio);
      li.appendChild(buttons);
      list.appendChild(li);
    });
  }

  function load() {
    return transact("readonly", function (store) { return store.index("key").getAll(key); }).then(show);
  }

  function release() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
  }

  box.addEventListener("change", function () {
    if (!box.checked) { release(); delete option.dataset.ready; return; }
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (s) {
      stream = s;
      option.dataset.ready = "1";
    }).catch(function () {
      box.checked = false;
      option.querySelector("#record-note").textContent = "The browser did not allow the microphone, so nothing is recorded.";
    });
  });

  document.addEventListener("practice:start", function () {
    if (!box.checked || !stream) return;
    chunks = [];
    marks = [{ index: 0, at: 0 }];
    recorder = new MediaRecorder(stream);
    recorder.ondataavailable = function (event) {
      if (event.data && event.data.size) { chunks.push(event.data); section.dataset.chunks = chunks.length; }
    };
    recorder.start(250);
    if (flag) flag.hidden = false;
  });
  document.addEventListener("practice:part", function (event) {
    if (recorder) marks.push({ index: event.detail.index, at: event.detail.at });
  });
  document.addEventListener("practice:pause", function () { if (recorder && recorder.state === "recording") recorder.pause(); });
  document.addEventListener("practice:resume", function () { if (recorder && recorder.state === "paused") recorder.resume(); });
  document.addEventListener("practice:stop", function (event) {
    if (!recorder) return;
    var seconds = event.detail.at;
    var done = recorder;
    recorder = null;
    if (flag) flag.hidden = true;
    done.onstop = function () {
      var blob = new Blob(chunks, { type: done.mimeType || "audio/webm" });
      var record = { key: key, created: Date.now(), marks: marks, seconds: seconds, type: blob.type, blob: blob };
      transact("readwrite", function (store) { return store.add(record); }).then(load).then(function () {
        section.dataset.saved = "1";
      });
    };
    done.stop();
  });

  option.hidden = false;
  load();
})();
