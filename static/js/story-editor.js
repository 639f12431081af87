// The story editor: live word counts and speaking time per part against the guide's
// budgets, Markdown previews, and a draft kept in localStorage until the story is saved.
// spokenLength(), speakingSeconds() and partStatus() mirror stories/timing.py (its docstring
// gives the character rates and their sources); browser tests check they agree.
(function () {
  "use strict";
  var NEAR_BUDGET = 0.8;
  var DEFAULT_WPM = 150;
  // Characters per minute at 150 words per minute, scaled with the pace (stories/timing.py).
  var CHARACTERS_PER_MINUTE = { chinese: 200, japanese: 300, thai: 500 };
  var UNIT = 600;  // speaking time of a word; a character is UNIT * 150 / its rate
  var HAN = /[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
  var KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u;
  var THAI = /[\u0e00-\u0e7f]/u;
  var LETTER = /\p{L}/u;

  // Python's str.split() whitespace, exactly, so both sides cut words in the same places.
  var SPACES = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  function wordsIn(text) {
    return text.split(SPACES).filter(function (token) {
      return /[\p{L}\p{N}]/u.test(token);
    }).length;
  }
  function spokenLength(text) {
    text = text || "";
    var chars = Array.from(text);  // code points, as Python iterates a str
    var japaneseText = chars.some(function (ch) { return KANA.test(ch) && LETTER.test(ch); });
    var counts = { words: 0, chinese: 0, japanese: 0, thai: 0 };
    var rest = chars.map(function (ch) {
      var script = null;
      if (LETTER.test(ch)) {
        if (HAN.test(ch)) script = japaneseText ? "japanese" : "chinese";
        else if (KANA.test(ch)) script = "japanese";
        else if (THAI.test(ch)) script = "thai";
      }
      if (!script) return ch;
      counts[script] += 1;
      return " ";
    });
    counts.words = wordsIn(rest.join(""));
    return counts;
  }
  function wordCount(text) { return spokenLength(text).words; }
  function units(length) {
    var sum = length.words * UNIT;
    Object.keys(CHARACTERS_PER_MINUTE).forEach(function (script) {
      sum += length[script] * (UNIT * DEFAULT_WPM / CHARACTERS_PER_MINUTE[script]);
    });
    return sum;
  }
  // `length`: what spokenLength() returns, or a number of words.
  function speakingSeconds(length, wpm) {
    var u = typeof length === "number" ? length * UNIT : units(length);
    return Math.floor((u * 120 + UNIT * wpm) / (2 * UNIT * wpm));
  }
  function plural(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }
  function describeLength(length) {
    var characters = length.chinese + length.japanese + length.thai;
    if (characters && length.words) return plural(length.words, "word") + " + " + plural(characters, "character");
    if (characters) return plural(characters, "character");
    return plural(length.words, "word");
  }
  function partStatus(seconds, budget) {
    if (seconds > budget) return "over";
    if (seconds >= budget * NEAR_BUDGET) return "near";
    return "ok";
  }
  function clock(seconds) {
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }
  window.storyTiming = {
    spokenLength: spokenLength, wordCount: wordCount, speakingSeconds: speakingSeconds,
    describeLength: describeLength, partStatus: partStatus, clock: clock
  };

  var form = document.getElementById("story-form");
  if (!form) return;
  var wpm = parseInt(form.dataset.wpm, 10) || 150;
  var areas = Array.prototype.slice.call(form.querySelectorAll("textarea[data-part]"));
  var totals = Array.prototype.slice.call(document.querySelectorAll("[data-total-counter], [data-total-mirror]"));
  var LABELS = { ok: "within budget", near: "near the budget", over: "over budget" };

  function describe(seconds, budget, status) {
    var text = clock(seconds) + " of " + clock(budget) + " · " + LABELS[status];
    if (status === "over") text = clock(seconds) + " of " + clock(budget) + " · over by " + clock(seconds - budget);
    return text;
  }

  function grow(area) {
    // Let a part grow with its text (to a limit), so the whole part can be read at once.
    area.style.height = "auto";
    area.style.height = Math.min(area.scrollHeight + 2, 640) + "px";
  }

  function update() {
    var sum = 0;
    areas.forEach(function (area) {
      var length = spokenLength(area.value);
      var seconds = speakingSeconds(length, wpm);
      var budget = parseInt(area.dataset.budget, 10);
      var status = partStatus(seconds, budget);
      sum += seconds;
      var out = form.querySelector('[data-counter-for="' + area.dataset.part + '"]');
      out.textContent = describeLength(length) + " · " + describe(seconds, budget, status);
      out.dataset.status = status;
      out.dataset.seconds = seconds;
      var bar = form.querySelector('[data-bar-for="' + area.dataset.part + '"]');
      if (bar) {
        bar.style.flexGrow = budget;
        bar.dataset.status = seconds ? status : "empty";
        bar.style.setProperty("--fill", Math.min(100, Math.round(100 * seconds / budget)) + "%");
      }
    });
    totals.forEach(function (total) {
      var budget = parseInt(total.dataset.budget, 10);
      var status = partStatus(sum, budget);
      total.textContent = (total.dataset.prefix || "") + describe(sum, budget, status);
      total.dataset.status = status;
      total.dataset.seconds = sum;
    });
  }

  // Markdown preview, rendered and sanitized by the server.
  form.querySelectorAll("[data-preview-toggle]").forEach(function (button) {
    var field = button.dataset.previewToggle;
    var area = form.querySelector('textarea[data-part="' + field + '"]');
    var box = form.querySelector('[data-preview-for="' + field + '"]');
    button.addEventListener("click", function () {
      var showing = button.getAttribute("aria-pressed") === "true";
      if (showing) {
        box.classList.add("d-none");
        area.classList.remove("d-none");
        button.setAttribute("aria-pressed", "false");
        button.textContent = "Preview";
        area.focus();
        return;
      }
      var body = new FormData();
      body.append("text", area.value);
      body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      fetch(form.dataset.previewUrl, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          box.innerHTML = data.html || '<p class="text-body-secondary">Nothing to preview yet.</p>';
          box.style.minHeight = area.offsetHeight + "px";
          area.classList.add("d-none");
          box.classList.remove("d-none");
          button.setAttribute("aria-pressed", "true");
          button.textContent = "Edit";
        })
        .catch(function () { box.textContent = "The preview is not available right now; your text is safe."; box.classList.remove("d-none"); });
    });
  });

  // Drafts: everything typed is kept in this browser until the story is saved.
  var key = form.dataset.draftKey;
  var versionInput = form.querySelector("[name=version]");
  var banner = document.getElementById("draft-banner");
  var storage = null;
  try { storage = window.localStorage; storage.getItem(key); } catch (e) { storage = null; }

  function snapshot() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "version") return;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) (data[el.name] = data[el.name] || []).push(el.value);
      } else if (el.tagName !== "BUTTON") {
        data[el.name] = el.value;
      }
    });
    return data;
  }
  function apply(data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in data) && el.type !== "checkbox" && el.type !== "radio") return;
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = (data[el.name] || []).indexOf(el.value) !== -1;
      } else if (el.tagName !== "BUTTON" && el.name in data) {
        el.value = data[el.name];
      }
    });
    form.querySelectorAll("[data-picker-field]").forEach(function (f) { f.dispatchEvent(new Event("picker:refresh")); });
    areas.forEach(grow);
    update();
    document.dispatchEvent(new Event("storybank:draft-restored"));
  }
  var initial = JSON.stringify(snapshot());
  var timer = null;
  function save() {
    if (!storage) return;
    var now = snapshot();
    if (JSON.stringify(now) === initial) return;
    var record = { savedAt: new Date().toISOString(), version: versionInput ? versionInput.value : "", fields: now };
    try { storage.setItem(key, JSON.stringify(record)); } catch (e) { /* storage full: nothing to do */ }
  }
  areas.forEach(grow);
  form.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea")) grow(event.target);
    update(); clearTimeout(timer); timer = setTimeout(save, 400); });
  form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(save, 400); });
  window.addEventListener("pagehide", save);

  // After a refused stale save the page itself holds the typed text, merged: no older draft to offer.
  if (storage && banner && !form.hasAttribute("data-merging")) {
    var stored = null;
    try { stored = JSON.parse(storage.getItem(key) || "null"); } catch (e) { stored = null; }
    if (stored && stored.fields && JSON.stringify(stored.fields) !== initial) {
      banner.querySelector("[data-draft-time]").textContent = new Date(stored.savedAt).toLocaleString();
      banner.classList.remove("d-none");
      banner.querySelector("[data-draft-restore]").addEventListener("click", function () {
        apply(stored.fields);
        // A draft typed over an older version keeps that version, so saving it over a newer
        // save is refused as a conflict (with both texts shown) rather than overwriting it.
        if (versionInput && stored.version) versionInput.value = stored.version;
        banner.classList.add("d-none");
        initial = "";
        save();
      });
      banner.querySelector("[data-draft-discard]").addEventListener("click", function () {
        storage.removeItem(key);
        banner.classList.add("d-none");
      });
    }
  }
  update();
})();

// After a successful save the story page names the drafts to forget.
(function () {
  "use strict";
  var marker = document.querySelector("[data-clear-drafts]");
  if (!marker) return;
  try {
    marker.dataset.clearDrafts.split(" ").forEach(function (key) { if (key) window.localStorage.removeItem(key); });
  } catch (e) { /* no storage */ }
})();
